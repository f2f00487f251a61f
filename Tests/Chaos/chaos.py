#!/usr/bin/env python3
"""Chaos, with nothing lost (issue #11).

Starts a throwaway PostgreSQL 15, seeds the demo programme with the real `smepilot` binary, runs
`smepilot serve --demo`, and drives it from concurrent clients (project commands through the API,
finance releases through the pages) while it injects faults:

  kill     kill -9 of serve at a random moment, started again at once
  restart  PostgreSQL restarted under load (pg_ctl restart -m fast)
  backends every backend of the database terminated (pg_terminate_backend)
  pool     another process takes every free connection but two, serve's sessions are ended so it
           must reconnect into the full server, and the slots are held for a while

After each scenario it checks that every acknowledged command is in the database exactly once,
nothing refused was applied, nothing is half-applied, the outbox holds every event once, the funds
book agrees with what the finance officers were told, and `smepilot audit verify` and
`smepilot ledger check` exit 0. It measures, for every fault, the time to the first 200 from /readyz
and to the first acknowledged command sent after the fault.

Run: Scripts/chaos [--short] [--binary .build/debug/smepilot] [--workflows Workflows]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import requests  # noqa: E402

from checks import Tally, Verifier  # noqa: E402
from load import READ_TIMEOUT, API_USERS, ApiClient, FinanceClient, Journal, candidate_projects  # noqa: E402
from pgserver import ConnectionHog, PostgresServer, free_port  # noqa: E402
from smepilot import Server, Smepilot  # noqa: E402

ROOT = HERE.parents[1]
DB = "chaos"
RECOVERY_TIMEOUT = 90.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--short", action="store_true", help="the CI form: 3 kills, 1 of each other fault, small data set")
    p.add_argument("--binary", default=os.environ.get("SMEPILOT_BINARY", str(ROOT / ".build/debug/smepilot")))
    p.add_argument("--workflows", default=os.environ.get("SMEPILOT_WORKFLOWS", str(ROOT / "Workflows")))
    p.add_argument("--kills", type=int, help="kill -9 repetitions (full 20, short 3)")
    p.add_argument("--pg-restarts", type=int, help="PostgreSQL restarts (full 5, short 1)")
    p.add_argument("--terminations", type=int, help="backend terminations (full 5, short 1)")
    p.add_argument("--pool", type=int, help="connection-pool exhaustions (full 3, short 1)")
    p.add_argument("--enterprises", type=int, help="demo enterprises seeded (full 120, short 40)")
    p.add_argument("--hold", type=float, help="seconds the pool stays exhausted (full 8, short 4)")
    p.add_argument("--seed", type=int, default=int(os.environ.get("CHAOS_SEED", "11")), help="random seed (default 11)")
    p.add_argument("--artifacts", default=str(ROOT / ".artifacts" / "chaos"), help="where a failed run leaves serve's log")
    p.add_argument("--fsync", action="store_true", help="keep fsync on (default: off in --short, on in the full form)")
    a = p.parse_args(argv)
    full = {"kills": 20, "pg_restarts": 5, "terminations": 5, "pool": 3, "enterprises": 120, "hold": 8.0}
    short = {"kills": 3, "pg_restarts": 1, "terminations": 1, "pool": 1, "enterprises": 40, "hold": 4.0}
    for k, v in (short if a.short else full).items():
        if getattr(a, k) is None:
            setattr(a, k, v)
    a.fsync = a.fsync or not a.short
    return a


class Run:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tally = Tally()
        self.journal = Journal()
        self.recovery: dict[str, list[tuple[float, float]]] = {}
        self.reps: dict[str, int] = {}
        self.workdir = tempfile.mkdtemp(prefix="smepilot-chaos.")
        self.pg = PostgresServer(fsync=args.fsync)
        self.server: Server | None = None
        self.app: Smepilot | None = None
        self.tokens: dict[str, str] = {}
        self.projects: dict[str, list[str]] = {}
        self.client_seq = 0

    # ── set-up ───────────────────────────────────────────────────────────────────────────────
    def setup(self) -> None:
        a = self.args
        print(f"== PostgreSQL 15 on 127.0.0.1:{self.pg.port} (fsync {'on' if a.fsync else 'off'})", flush=True)
        self.pg.start()
        self.pg.psql(f"CREATE DATABASE {DB}")
        self.app = Smepilot(a.binary, a.workflows, self.pg.url(DB), self.workdir)
        started = time.monotonic()
        self.app.seed(a.enterprises)
        print(f"== seeded {a.enterprises} enterprises in {time.monotonic() - started:.1f} s", flush=True)
        self.server = Server(self.app, free_port(), os.path.join(self.workdir, "serve.log"))
        self.server.start()
        if self.server.wait_ready() is None:
            raise RuntimeError(f"serve did not become ready:\n{self.server.log_tail()}")
        for user, states in API_USERS.items():
            self.tokens[user] = self.app.token(user)
            self.projects[user] = candidate_projects(self.server.base_url, self.tokens[user], states)
        print("== clients: " + ", ".join(f"{u} ({len(p)} projects)" for u, p in self.projects.items())
              + ", finance/finance2 (pages)", flush=True)
        self.verifier = Verifier(self.pg, DB, self.app, os.path.join(a.workflows, "enterprise-project.yaml"))

    def self_check(self) -> None:
        """The verifier must see a loss: a made-up acknowledged command and release preparation that
        the database cannot hold are reported as lost (on a scratch journal, before any fault)."""
        from checks import Tally as ScratchTally
        from load import Command, FinanceAction

        print("\n== self-check: the verifier reports a made-up acknowledged command and release as lost", flush=True)
        scratch, journal = ScratchTally(fail_mark="seen"), Journal()
        journal.commands.append(Command("contractor", "prj_none", "report_milestone", key="chaos-self-check",
                                        outcome="acked"))
        journal.finance.append(FinanceAction("prepare", tranches=("prj_none#1",), outcome="acked"))
        self.verifier.verify(journal, scratch, "self-check")
        self.tally.check("the verifier catches a lost command and a lost release", scratch.lost == 2 and scratch.failed == 2,
                         f"lost {scratch.lost}, failed {scratch.failed}")

    # ── load ─────────────────────────────────────────────────────────────────────────────────
    def start_load(self) -> tuple[threading.Event, list[threading.Thread]]:
        stop = threading.Event()
        threads: list[threading.Thread] = []
        for user in API_USERS:
            self.client_seq += 1
            threads.append(ApiClient(self.server.base_url, user, self.tokens[user], self.projects[user], self.journal, stop,
                                     seed=self.args.seed * 1000 + self.client_seq, max_commands=400, retry_window=30.0))
        self.client_seq += 1
        threads.append(FinanceClient(self.server.base_url, self.journal, stop, seed=self.args.seed * 1000 + self.client_seq,
                                     max_actions=200, approve_share=0.3))
        for t in threads:
            t.start()
        return stop, threads

    def stop_load(self, stop: threading.Event, threads: list[threading.Thread]) -> None:
        stop.set()
        for t in threads:
            t.join(timeout=60)
        stuck = [t.name for t in threads if t.is_alive()]
        self.tally.check("clients stopped within their bounds", not stuck, ", ".join(stuck))

    # ── faults ───────────────────────────────────────────────────────────────────────────────
    def inject(self, kind: str) -> float:
        """Injects one fault; returns the moment recovery is measured from."""
        if kind == "kill":
            t = time.monotonic()
            self.server.kill9()
            self.server.start()
            return t
        if kind == "restart":
            t = time.monotonic()
            self.pg.restart()
            return t
        if kind == "backends":
            t = time.monotonic()
            self.pg.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DB}' "
                         "AND pid <> pg_backend_pid()")
            return t
        if kind == "pool":
            hog = ConnectionHog(self.pg, DB, leave=2)
            try:
                held = hog.take()
                ended = hog.terminate_others(DB)
                print(f"    holding {held} connections (server's {ended} sessions ended) for {self.args.hold:.0f} s",
                      flush=True)
                time.sleep(self.args.hold)
            finally:
                t = time.monotonic()
                hog.release()
            return t
        raise ValueError(kind)

    def wait_recovered(self, since: float) -> tuple[float | None, float | None]:
        ready = command = None
        deadline = since + RECOVERY_TIMEOUT
        while time.monotonic() < deadline and (ready is None or command is None):
            if ready is None:
                try:
                    if requests.get(self.server.base_url + "/readyz", timeout=1).status_code == 200:
                        ready = time.monotonic() - since
                except requests.RequestException:
                    pass
            if command is None:
                first = self.journal.first_ack_sent_after(since)
                if first is not None:
                    command = first - since
            time.sleep(0.02)
        return ready, command

    def scenario(self, kind: str, title: str, reps: int) -> None:
        if reps <= 0:
            return
        print(f"\n== scenario {kind}: {title} ×{reps}", flush=True)
        hung_before = len(self.journal.hung)
        for i in range(1, reps + 1):
            stop, threads = self.start_load()
            time.sleep(self.rng.uniform(0.5, 2.5))  # a random moment under load
            acked_before = len(self.journal.acks)
            since = self.inject(kind)
            ready, command = self.wait_recovered(since)
            time.sleep(0.3)
            self.stop_load(stop, threads)
            self.reps[kind] = self.reps.get(kind, 0) + 1
            ok = ready is not None and command is not None
            if ok:
                self.recovery.setdefault(kind, []).append((ready, command))
            self.tally.check(f"{kind} #{i}: recovered by itself (/readyz 200 after {fmt(ready)}, a command acknowledged "
                             f"after {fmt(command)}; {acked_before} acks before the fault)", ok,
                             "" if ok else self.server.log_tail(15))
            if not self.server.alive():
                self.tally.check(f"{kind} #{i}: serve still running", False, self.server.log_tail(15))
                self.server.start()
                self.server.wait_ready()
        print(f"  checks after {kind}:", flush=True)
        hung = self.journal.hung[hung_before:]
        self.tally.check(f"{kind}: every request answered or refused (none left hanging {READ_TIMEOUT:.0f} s)", not hung,
                         "; ".join(hung[:5]))
        self.verifier.verify(self.journal, self.tally, kind)

    def graceful_stop(self) -> None:
        print("\n== serve stops on SIGTERM after all that", flush=True)
        status, seconds = self.server.stop(timeout=20, on_hang=self.hang_report)
        self.tally.check(f"serve exits 0 on SIGTERM (exit {status} after {seconds:.1f} s)", status == 0,
                         "" if status == 0 else self.server.log_tail(10))

    def hang_report(self, pid: int) -> str:
        """What a server that does not stop is doing: its database sessions, and (CHAOS_GDB=1) its threads."""
        text = "pg_stat_activity of the database:\n"
        try:
            text += self.pg.psql("SELECT pid, state, wait_event_type, wait_event, xact_start IS NOT NULL, left(query, 100) "
                                 f"FROM pg_stat_activity WHERE datname = '{DB}' AND pid <> pg_backend_pid()") + "\n"
        except Exception as error:  # noqa: BLE001
            text += f"({error})\n"
        if os.environ.get("CHAOS_GDB") == "1" and shutil.which("gdb"):
            out = subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex", "thread apply all bt 25"], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=300)
            text += out.stdout
        return text

    # ── summary ──────────────────────────────────────────────────────────────────────────────
    def summary(self, elapsed: float) -> None:
        c = self.journal.commands
        f = self.journal.finance
        print("\n== summary")
        print("  scenarios × repetitions: " + ", ".join(f"{k} ×{n}" for k, n in self.reps.items()))
        print(f"  API commands: {len(c)} sent, {sum(x.outcome == 'acked' for x in c)} acknowledged "
              f"({sum(x.replayed for x in c)} of them as a replay after a retry), "
              f"{sum(x.outcome == 'refused' for x in c)} refused, {sum(x.outcome == 'unknown' for x in c)} unanswered")
        for kind in ("prepare", "approve", "reject"):
            xs = [x for x in f if x.kind == kind]
            print(f"  finance {kind}: {len(xs)} posted, {sum(x.outcome == 'acked' for x in xs)} acknowledged, "
                  f"{sum(x.outcome == 'refused' for x in xs)} refused, {sum(x.outcome == 'unknown' for x in xs)} unanswered")
        print(f"  lost {self.tally.lost}, duplicated {self.tally.duplicated}")
        every = [r for rs in self.recovery.values() for r in rs]
        print("  recovery (fault → /readyz 200 ; fault → first acknowledged command sent after it):")
        for kind, rs in list(self.recovery.items()) + [("all", every)]:
            if rs:
                ready = [r[0] for r in rs]
                cmd = [r[1] for r in rs]
                print(f"    {kind:9} n={len(rs):2}  readyz p50 {fmt(statistics.median(ready))} max {fmt(max(ready))}"
                      f"  ·  command p50 {fmt(statistics.median(cmd))} max {fmt(max(cmd))}")
        print(f"  binary {self.args.binary}; {elapsed:.0f} s in all")
        print(f"\n{self.tally.passed} passed, {self.tally.failed} failed", flush=True)

    def cleanup(self) -> None:
        if self.server:
            self.server.stop()
        self.pg.cleanup()
        if self.tally.failed and self.args.artifacts:
            # The server's log of a failed run, for the report.
            os.makedirs(self.args.artifacts, exist_ok=True)
            shutil.copy(os.path.join(self.workdir, "serve.log"), os.path.join(self.args.artifacts, "serve.log"))
            print(f"serve log: {os.path.join(self.args.artifacts, 'serve.log')}")
        shutil.rmtree(self.workdir, ignore_errors=True)


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f} s"


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not os.access(args.binary, os.X_OK):
        print(f"no executable smepilot at {args.binary} (swift build, or pass --binary)", file=sys.stderr)
        return 2
    started = time.monotonic()
    run = Run(args)
    try:
        run.setup()
        run.self_check()
        run.scenario("kill", "kill -9 of serve under load, started again", args.kills)
        run.scenario("restart", "PostgreSQL restarted under load (pg_ctl restart -m fast)", args.pg_restarts)
        run.scenario("backends", "every backend of the database terminated", args.terminations)
        run.scenario("pool", f"connections exhausted for {args.hold:.0f} s, serve's sessions ended", args.pool)
        run.graceful_stop()
    except Exception as error:  # noqa: BLE001
        run.tally.check("the run completed", False, f"{type(error).__name__}: {error}")
        if run.server:
            print(run.server.log_tail(30), file=sys.stderr)
        print(run.pg.tail_log(15), file=sys.stderr)
    finally:
        run.summary(time.monotonic() - started)
        run.cleanup()
    return 0 if run.tally.failed == 0 and run.tally.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
