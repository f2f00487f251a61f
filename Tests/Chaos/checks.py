"""What must hold after every scenario, read straight from PostgreSQL and from the CLI:
each acknowledged command applied exactly once, nothing refused applied, nothing half-applied,
the outbox one row per event, the funds book agreeing with what the finance officers were told."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from load import Journal
from pgserver import PostgresServer
from smepilot import Smepilot


@dataclass
class Result:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class Tally:
    results: list[Result] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0
    fail_mark: str = "FAIL"  # the self-check's scratch tally prints "seen" for the failures it provokes

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append(Result(name, ok, detail))
        mark = "ok  " if ok else self.fail_mark
        print(f"    {mark} {name}" + (f": {detail}" if detail and not ok else ""), flush=True)
        return ok

    @property
    def passed(self) -> int:
        return sum(r.ok for r in self.results)

    @property
    def failed(self) -> int:
        return sum(not r.ok for r in self.results)


def national_transitions(workflow_file: str) -> set[str]:
    """Transitions that emit a national event (a `national_event:` under their `- id:`)."""
    found, current = set(), None
    with open(workflow_file, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*- id: (\w+)\s*$", line)
            if m:
                current = m.group(1)
            elif current and re.match(r"\s+national_event: \w+", line):
                found.add(current)
    return found


def rows(pg: PostgresServer, db: str, sql: str) -> list:
    return json.loads(pg.psql(f"SELECT coalesce(json_agg(t), '[]'::json) FROM ({sql}) t", db=db) or "[]")


def sample(items, n: int = 3) -> str:
    items = list(items)
    return ", ".join(map(str, items[:n])) + (f" … ({len(items)} in all)" if len(items) > n else "")


class Verifier:
    def __init__(self, pg: PostgresServer, db: str, app: Smepilot, workflow_file: str):
        self.pg, self.db, self.app = pg, db, app
        self.national = national_transitions(workflow_file)
        ids = rows(pg, db, "SELECT username, id FROM users WHERE username IN ('finance', 'finance2')")
        self.user_ids = {r["username"]: r["id"] for r in ids}
        self.base_release = max((r["number"] for r in self.book()["releases"]), default=0)

    def book(self) -> dict:
        """The releases of the first programme's funds, from their rows (migration 31), shaped as the
        book document had them: number, preparer, state and tranches ({project, number}) in order."""
        return json.loads(self.pg.psql("""
            SELECT json_build_object('releases', coalesce(json_agg(json_build_object(
                'number', r.number, 'preparer', r.preparer::json, 'state', r.state::json,
                'tranches', (SELECT coalesce(json_agg(json_build_object('project', t.project_id, 'number', t.tranche_no)
                                                      ORDER BY t.position), '[]'::json)
                             FROM funds_release_tranches t
                             WHERE t.programme_id = r.programme_id AND t.release_no = r.number))
                ORDER BY r.number), '[]'::json))
            FROM funds_releases r
            WHERE r.programme_id = (SELECT programme_id FROM funds_books ORDER BY programme_id LIMIT 1)""",
            db=self.db))

    def verify(self, journal: Journal, tally: Tally, label: str) -> None:
        # The CLI first: `ledger check` drains the money jobs the kills may have left queued.
        out = self.app.run("ledger", "check")
        tally.check(f"{label}: smepilot ledger check exits 0", out.returncode == 0,
                    "" if out.returncode == 0 else (out.stdout + out.stderr)[-600:])
        out = self.app.run("audit", "verify")
        tally.check(f"{label}: smepilot audit verify exits 0", out.returncode == 0,
                    "" if out.returncode == 0 else (out.stdout + out.stderr)[-600:])
        with journal.lock:
            commands, finance = list(journal.commands), list(journal.finance)
        self.commands(commands, tally, label)
        self.instances(tally, label)
        self.outbox(tally, label)
        self.funds(finance, tally, label)

    def commands(self, commands, tally: Tally, label: str) -> None:
        # The API stores a client's Idempotency-Key as "api-" + key (PilotAPIHandler).
        found = {r["k"]: r for r in rows(self.pg, self.db, """
            SELECT substr(idempotency_key, 5) AS k, count(*) AS n, min(instance_id) AS instance,
                   min(transition_id) AS transition
            FROM workflow_history WHERE idempotency_key LIKE 'api-chaos-%' GROUP BY idempotency_key""")}
        acked = [c for c in commands if c.outcome == "acked"]
        lost = [c.key for c in acked if c.key not in found]
        dup = [k for k, r in found.items() if r["n"] > 1]
        wrong = [c.key for c in acked if c.key in found
                 and (found[c.key]["instance"], found[c.key]["transition"]) != (c.instance, c.transition)]
        tally.lost += len(lost)
        tally.duplicated += len(dup)
        tally.check(f"{label}: {len(acked)} acknowledged commands each in workflow_history exactly once",
                    not lost and not dup and not wrong,
                    f"lost {sample(lost)}; duplicated {sample(dup)}; on another instance {sample(wrong)}")
        refused_applied = [c.key for c in commands if c.outcome == "refused" and c.key in found]
        tally.check(f"{label}: {sum(c.outcome == 'refused' for c in commands)} refused commands wrote nothing",
                    not refused_applied, f"applied anyway: {sample(refused_applied)}")
        unknown = [c for c in commands if c.outcome == "unknown"]
        if unknown:
            applied = sum(c.key in found for c in unknown)
            print(f"    note {len(unknown)} commands never answered within the retry window; {applied} of them applied "
                  "(allowed: all or nothing, checked below)")
        known = {c.key for c in commands}
        strays = [k for k in found if k not in known]
        tally.check(f"{label}: no history row under a key no client sent", not strays, sample(strays))

    def instances(self, tally: Tally, label: str) -> None:
        bad = rows(self.pg, self.db, """
            SELECT i.id, i.version, i.event_seq, h.max_seq, h.n, (i.last_hash = last.hash) AS hash_ok,
                   coalesce(o.n, 0) AS outbox, coalesce(o.max_seq, 0) AS outbox_max
            FROM workflow_instances i
            JOIN (SELECT instance_id, max(seq) AS max_seq, count(*) AS n FROM workflow_history GROUP BY instance_id) h
              ON h.instance_id = i.id
            JOIN workflow_history last ON last.instance_id = i.id AND last.seq = h.max_seq
            LEFT JOIN (SELECT instance_id, count(*) AS n, max(seq) AS max_seq FROM outbox GROUP BY instance_id) o
              ON o.instance_id = i.id
            WHERE i.version <> h.max_seq OR h.n <> h.max_seq OR i.last_hash <> last.hash
               OR i.event_seq <> coalesce(o.n, 0) OR coalesce(o.max_seq, 0) <> i.event_seq""")
        orphans = rows(self.pg, self.db, """
            SELECT id FROM workflow_instances i WHERE NOT EXISTS (SELECT 1 FROM workflow_history h WHERE h.instance_id = i.id)""")
        tally.check(f"{label}: no half-applied command (version = last history seq, newest hash on the instance, "
                    "event_seq = outbox rows)", not bad and not orphans, f"{sample(bad)} {sample(orphans)}")

    def outbox(self, tally: Tally, label: str) -> None:
        dup = rows(self.pg, self.db, """
            SELECT instance_id, seq, count(*) AS n FROM outbox GROUP BY instance_id, seq HAVING count(*) > 1
            UNION ALL SELECT event_id, 0, count(*) FROM outbox GROUP BY event_id HAVING count(*) > 1""")
        tally.duplicated += len(dup)
        tally.check(f"{label}: outbox holds every event once (no duplicate (instance_id, seq) or event_id)", not dup,
                    sample(dup))
        names = ",".join(f"'{t}'" for t in sorted(self.national))
        mismatch = rows(self.pg, self.db, f"""
            SELECT coalesce(h.instance_id, o.instance_id) AS instance, coalesce(h.t, o.t) AS transition,
                   coalesce(h.n, 0) AS history, coalesce(o.n, 0) AS outbox
            FROM (SELECT instance_id, transition_id AS t, count(*) AS n FROM workflow_history
                  WHERE transition_id IN ({names}) GROUP BY 1, 2) h
            FULL JOIN (SELECT instance_id, payload::json->>'transition' AS t, count(*) AS n FROM outbox
                  WHERE payload::json->>'transition' IN ({names}) GROUP BY 1, 2) o
              ON o.instance_id = h.instance_id AND o.t = h.t
            WHERE coalesce(h.n, 0) <> coalesce(o.n, 0)""")
        tally.check(f"{label}: one outbox event per history row of every transition with a national event",
                    not mismatch, sample(mismatch))

    def funds(self, finance, tally: Tally, label: str) -> None:
        book = self.book()
        releases = {r["number"]: r for r in book["releases"]}
        numbers = Counter(r["number"] for r in book["releases"])
        tally.check(f"{label}: release numbers unique in the funds book", all(n == 1 for n in numbers.values()),
                    sample(n for n, c in numbers.items() if c > 1))

        def tranches(r) -> tuple[str, ...]:
            return tuple(sorted(f"{t['project']}#{t['number']}" for t in r["tranches"]))

        # Prepares: the book holds every acknowledged one, and no more than acknowledged + unanswered.
        ours = Counter(tranches(r) for r in book["releases"]
                       if r["number"] > self.base_release and r["preparer"]["userId"] == self.user_ids.get("finance"))
        acked = Counter(f.tranches for f in finance if f.kind == "prepare" and f.outcome == "acked")
        unknown = Counter(f.tranches for f in finance if f.kind == "prepare" and f.outcome == "unknown")
        lost = [t for t, n in acked.items() if ours.get(t, 0) < n]
        extra = [t for t, n in ours.items() if n > acked.get(t, 0) + unknown.get(t, 0)]
        tally.lost += sum(acked[t] - ours.get(t, 0) for t in lost)
        tally.duplicated += sum(ours[t] - acked.get(t, 0) - unknown.get(t, 0) for t in extra)
        tally.check(f"{label}: {sum(acked.values())} acknowledged release preparations in the book once each",
                    not lost and not extra, f"missing {sample(lost)}; more than prepared {sample(extra)}")

        def state(n: int) -> str:
            r = releases.get(n)
            return next(iter(r["state"])) if r else "missing"

        bad = [(f.kind, f.release, state(f.release)) for f in finance if f.outcome == "acked" and (
            (f.kind == "approve" and state(f.release) not in ("paid", "held"))
            or (f.kind == "reject" and state(f.release) != "rejected"))]
        tally.lost += len(bad)
        n_dec = sum(f.outcome == "acked" and f.kind in ("approve", "reject") for f in finance)
        tally.check(f"{label}: {n_dec} acknowledged approvals/rejections stand in the book", not bad, sample(bad))

        # Each paid tranche: paid in one release, recorded once on its project under the release's key.
        paid_in = defaultdict(list)
        for r in book["releases"]:
            if "paid" in r["state"]:
                for t in tranches(r):
                    paid_in[t].append(r["number"])
        twice = {t: ns for t, ns in paid_in.items() if len(ns) > 1}
        tally.duplicated += len(twice)
        records = {r["k"]: r["n"] for r in rows(self.pg, self.db, """
            SELECT idempotency_key AS k, count(*) AS n FROM workflow_history
            WHERE transition_id = 'record_release' GROUP BY idempotency_key""")}
        missing = [f"release-{ns[0]}-{t}" for t, ns in paid_in.items() if records.get(f"release-{ns[0]}-{t}", 0) == 0]
        many = [k for k, n in records.items() if n > 1]
        tally.duplicated += len(many)
        tally.check(f"{label}: {len(paid_in)} paid tranches paid once and recorded once on their projects",
                    not twice and not missing and not many,
                    f"paid twice {sample(twice.items())}; unrecorded {sample(missing)}; recorded twice {sample(many)}")
        queued = rows(self.pg, self.db, "SELECT 'release_records' AS q, count(*) AS n FROM release_records "
                                        "UNION ALL SELECT 'funds_pending', count(*) FROM funds_pending")
        left = {q["q"]: q["n"] for q in queued if q["n"]}
        tally.check(f"{label}: money job queues empty after ledger check", not left, str(left))
