"""Concurrent clients driving real project commands through the API and finance releases through the
finance pages, with a journal of what each client saw: acknowledged, refused, or outcome unknown.

Every loop is bounded in count and in time; every request goes to loopback with a timeout."""

from __future__ import annotations

import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import requests

PASSWORD = "Demo@2024"
CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 15.0
TODAY = time.strftime("%Y-%m-%d")

# Transitions the API clients take, with an input the workflow accepts (Workflows/enterprise-project.yaml).
BUILDERS = {
    "report_milestone": lambda rng, n: {
        "milestone": f"chaos milestone {n}", "progress_percent": rng.randint(0, 100), "reported_on": TODAY,
        "progress_note": "chaos harness progress report"},
    "start_midterm": lambda rng, n: {},
    "pass_midterm": lambda rng, n: {"midterm_score": rng.randint(60, 100), "midterm_opinion": "chaos harness: passed"},
    "publish_publicity": lambda rng, n: {"notice_title": f"chaos notice {n}", "notice_text": "chaos harness publicity"},
}
# Who drives what, and in which states their candidate projects are.
API_USERS = {
    "contractor": ["implementation"], "contractor2": ["implementation"], "contractor3": ["implementation"],
    "contractor4": ["implementation"], "contractor5": ["implementation"],
    "manager": ["implementation", "midterm_evaluation"],
    "district": ["approved"],
}


@dataclass
class Command:
    """One API command as the client saw it. outcome: acked | refused | unknown."""
    user: str
    instance: str
    transition: str
    key: str
    outcome: str = "unknown"
    status: int | None = None
    detail: str = ""
    attempts: int = 0
    started: float = 0.0
    finished: float = 0.0
    replayed: bool = False


@dataclass
class FinanceAction:
    """One finance form as the client saw it. kind: prepare | approve | reject."""
    kind: str
    tranches: tuple[str, ...] = ()
    release: int | None = None
    outcome: str = "unknown"
    status: int | None = None
    detail: str = ""
    started: float = 0.0
    finished: float = 0.0


@dataclass
class Journal:
    commands: list[Command] = field(default_factory=list)
    finance: list[FinanceAction] = field(default_factory=list)
    acks: list[tuple[float, float]] = field(default_factory=list)  # (sent, acknowledged) monotonic
    hung: list[str] = field(default_factory=list)  # requests sent and never answered (read timeout)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_command(self, c: Command) -> None:
        with self.lock:
            self.commands.append(c)
            if c.outcome == "acked":
                self.acks.append((c.started, c.finished))

    def add_finance(self, f: FinanceAction) -> None:
        with self.lock:
            self.finance.append(f)
            if f.outcome == "acked":
                self.acks.append((f.started, f.finished))

    def note_error(self, what: str, error: Exception) -> None:
        """A read timeout is a request the server took and never answered (a reset or a refused
        connection is what a kill or a restart looks like)."""
        if isinstance(error, requests.ReadTimeout):
            with self.lock:
                self.hung.append(f"{what} at {time.monotonic():.1f}")

    def first_ack_sent_after(self, t: float) -> float | None:
        with self.lock:
            done = [end for (start, end) in self.acks if start >= t]
        return min(done) if done else None


def _transient(status: int) -> bool:
    return status >= 500 or status in (408, 429)


class ApiClient(threading.Thread):
    def __init__(self, base_url: str, user: str, token: str, projects: list[str], journal: Journal, stop: threading.Event,
                 seed: int, max_commands: int, retry_window: float):
        super().__init__(name=f"api-{user}", daemon=True)
        self.base_url, self.user, self.token, self.projects = base_url, user, token, projects
        self.journal, self.stop_event = journal, stop
        self.rng = random.Random(seed)
        self.max_commands, self.retry_window = max_commands, retry_window
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.sent = 0

    def run(self) -> None:
        empty_rounds = 0
        while not self.stop_event.is_set() and self.sent < self.max_commands and self.projects and empty_rounds < 10_000:
            instance = self.rng.choice(self.projects)
            try:
                r = self.http.get(f"{self.base_url}/api/v1/instances/{instance}", timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
            except requests.RequestException as error:
                self.journal.note_error(f"{self.user} GET /api/v1/instances/{instance}", error)
                self.stop_event.wait(0.1)
                continue
            if r.status_code != 200:
                self.stop_event.wait(0.1)
                continue
            available = [t for t in r.json().get("available_transitions", []) if t in BUILDERS]
            if not available:
                empty_rounds += 1
                self.stop_event.wait(0.02)
                continue
            transition = self.rng.choice(available)
            self.sent += 1
            self.command(instance, transition)
        self.http.close()  # no idle keep-alive connection left to hold up the server's graceful stop

    def command(self, instance: str, transition: str) -> None:
        c = Command(self.user, instance, transition, key=f"chaos-{uuid.uuid4().hex}")
        body = {"transition": transition, "input": BUILDERS[transition](self.rng, self.sent)}
        c.started = time.monotonic()
        deadline = c.started + self.retry_window
        # The same key again after an error or a timeout, as a real client would: the first result, if
        # the server had committed it, comes back with `replayed`.
        while True:
            c.attempts += 1
            try:
                r = self.http.post(f"{self.base_url}/api/v1/instances/{instance}/commands", json=body,
                                   headers={"Idempotency-Key": c.key}, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
                c.status = r.status_code
                if 200 <= r.status_code < 300:
                    c.outcome, c.finished = "acked", time.monotonic()
                    c.replayed = bool(r.json().get("replayed"))
                    break
                if not _transient(r.status_code):
                    c.outcome, c.detail, c.finished = "refused", r.text[:200], time.monotonic()
                    break
                c.detail = f"HTTP {r.status_code}"
            except requests.RequestException as error:
                c.status, c.detail = None, type(error).__name__
                self.journal.note_error(f"{self.user} POST {transition} on {instance}", error)
            if time.monotonic() > deadline:
                c.finished = time.monotonic()
                break
            time.sleep(0.15)
        self.journal.add_command(c)


def _csrf(html: str) -> str | None:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return m.group(1) if m else None


class Browser:
    """A signed-in officer on the pages: cookie-keeping session, CSRF token from the page."""

    def __init__(self, base_url: str, username: str):
        self.base_url, self.username = base_url, username
        self.http = requests.Session()

    def login(self) -> None:
        page = self.http.get(self.base_url + "/login", timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        token = _csrf(page.text)
        r = self.http.post(self.base_url + "/login", data={"username": self.username, "password": PASSWORD,
                                                           "csrf_token": token or ""},
                           allow_redirects=False, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        if r.status_code != 303:
            raise RuntimeError(f"sign-in of {self.username} answered {r.status_code}")

    def finance_page(self) -> str | None:
        r = self.http.get(self.base_url + "/finance", allow_redirects=False, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        if r.status_code in (302, 303):
            self.login()
            r = self.http.get(self.base_url + "/finance", allow_redirects=False, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        return r.text if r.status_code == 200 else None


class FinanceClient(threading.Thread):
    """`finance` prepares releases of one or two due tranches; `finance2` approves (some) or rejects
    (most: that puts the tranches back in the due list, so the run never runs out of work)."""

    def __init__(self, base_url: str, journal: Journal, stop: threading.Event, seed: int, max_actions: int,
                 approve_share: float):
        super().__init__(name="finance", daemon=True)
        self.preparer, self.approver = Browser(base_url, "finance"), Browser(base_url, "finance2")
        self.journal, self.stop_event = journal, stop
        self.rng = random.Random(seed)
        self.max_actions, self.approve_share = max_actions, approve_share
        self.done = 0
        self.signed_in = False

    def run(self) -> None:
        while not self.stop_event.is_set() and self.done < self.max_actions:
            try:
                if not self.signed_in:
                    self.preparer.login()
                    self.approver.login()
                    self.signed_in = True
                self.round()
            except requests.RequestException as error:
                self.journal.note_error("finance GET /finance or sign-in", error)
                self.stop_event.wait(0.2)
            except RuntimeError:
                self.stop_event.wait(0.2)
        self.preparer.http.close()
        self.approver.http.close()

    def post(self, who: Browser, action: FinanceAction, path: str, data) -> None:
        action.started = time.monotonic()
        try:
            r = who.http.post(who.base_url + path, data=data, allow_redirects=False,
                              timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
            action.status = r.status_code
            if r.status_code == 303 and "/login" not in r.headers.get("Location", ""):
                action.outcome = "acked"
            elif _transient(r.status_code):
                action.outcome, action.detail = "unknown", f"HTTP {r.status_code}"
            else:
                action.outcome, action.detail = "refused", f"HTTP {r.status_code} {r.headers.get('Location', '')}"
        except requests.RequestException as error:
            action.outcome, action.detail = "unknown", type(error).__name__
            self.journal.note_error(f"{who.username} POST {path}", error)
        action.finished = time.monotonic()
        self.done += 1
        self.journal.add_finance(action)

    def round(self) -> None:
        page = self.preparer.finance_page()
        if page is None:
            self.stop_event.wait(0.2)
            return
        due = re.findall(r'name="tranche\[\]" value="([^"]+)"', page)
        if due:
            chosen = tuple(sorted(self.rng.sample(due, min(len(due), self.rng.choice([1, 1, 2])))))
            form = [("csrf_token", _csrf(page) or "")] + [("tranche[]", t) for t in chosen]
            self.post(self.preparer, FinanceAction("prepare", tranches=chosen), "/finance/releases", form)
        page = self.approver.finance_page()
        if page is None:
            return
        numbers = [int(n) for n in re.findall(r'id="approve-(\d+)"', page)]
        if numbers:
            number = self.rng.choice(numbers)
            token = _csrf(page) or ""
            if self.rng.random() < self.approve_share:
                self.post(self.approver, FinanceAction("approve", release=number), f"/finance/releases/{number}/approve",
                          {"csrf_token": token})
            else:
                self.post(self.approver, FinanceAction("reject", release=number), f"/finance/releases/{number}/reject",
                          {"csrf_token": token, "reason": "chaos harness: not this time"})
        self.stop_event.wait(0.05)


def candidate_projects(base_url: str, token: str, states: list[str]) -> list[str]:
    """Project ids in the caller's scope in these states (the API's list, every page)."""
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    ids: list[str] = []
    for state in states:
        for page in range(1, 200):
            r = http.get(f"{base_url}/api/v1/projects", params={"state": state, "page": page}, timeout=(2, 30))
            r.raise_for_status()
            body = r.json()
            ids += [item["id"] for item in body["items"]]
            if page * body["page_size"] >= body["total"] or not body["items"]:
                break
    return ids
