"""The real `smepilot` binary: one-shot commands (seed, token, audit verify, ledger check) and the
`serve --demo` process that the kill scenario SIGKILLs and starts again."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import requests


class Smepilot:
    def __init__(self, binary: str, workflows: str, database_url: str, workdir: str):
        self.binary = os.path.abspath(binary)
        self.workflows = os.path.abspath(workflows)
        self.database_url = database_url
        self.workdir = workdir
        self.env = dict(os.environ, SMEPILOT_WORKFLOWS=self.workflows, SMEPILOT_LOG_LEVEL=os.environ.get("CHAOS_LOG_LEVEL", "warning"),
                        SMEPILOT_BCRYPT_COST="4")
        self.env.pop("DATABASE_URL", None)
        self.env.pop("SMEPILOT_NATIONAL_URL", None)

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([self.binary, *args, "--database-url", self.database_url], cwd=self.workdir, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)

    def seed(self, enterprises: int) -> None:
        out = self.run("seed", "--enterprises", str(enterprises), timeout=600)
        if out.returncode != 0:
            raise RuntimeError(f"seed failed ({out.returncode}): {out.stderr[-2000:]}")

    def token(self, user: str) -> str:
        out = self.run("token", "--user", user)
        lines = [line.strip() for line in out.stdout.splitlines() if line.strip().startswith("smp_")]
        if out.returncode != 0 or not lines:
            raise RuntimeError(f"token --user {user} failed: {out.stdout[-500:]} {out.stderr[-500:]}")
        return lines[-1]


class Server:
    """`smepilot serve --demo` on a fixed loopback port; kill -9 and start again."""

    def __init__(self, app: Smepilot, port: int, logpath: str):
        self.app, self.port, self.logpath = app, port, logpath
        self.proc: subprocess.Popen | None = None
        self.base_url = f"http://127.0.0.1:{port}"
        self.starts = 0

    def start(self) -> None:
        log = open(self.logpath, "a", encoding="utf-8")
        log.write(f"\n==== start #{self.starts + 1} at {time.time():.3f}\n")
        log.flush()
        self.proc = subprocess.Popen(
            [self.app.binary, "serve", "--demo", "--host", "127.0.0.1", "--port", str(self.port), "--database-url",
             self.app.database_url, "--workflows", self.app.workflows],
            cwd=self.app.workdir, env=self.app.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self.starts += 1

    def kill9(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self, timeout: float = 120) -> float | None:
        """Seconds until the first 200 from /readyz, or None."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc and self.proc.poll() is not None:
                return None
            try:
                if requests.get(self.base_url + "/readyz", timeout=1).status_code == 200:
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return None

    def stop(self, timeout: float = 30, on_hang=None) -> tuple[int | None, float]:
        """SIGTERM; (exit status, seconds to exit). SIGKILL after `timeout`."""
        started = time.monotonic()
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=timeout), time.monotonic() - started
            except subprocess.TimeoutExpired:
                try:
                    answer = requests.get(self.base_url + "/readyz", timeout=2).status_code
                except requests.RequestException as error:
                    answer = type(error).__name__
                with open(self.logpath, "a", encoding="utf-8") as log:
                    log.write(f"\n==== still running {timeout:.0f} s after SIGTERM; /readyz answers {answer}\n")
                    if on_hang:
                        log.write(on_hang(self.proc.pid))
                    log.write("\n==== SIGKILL\n")
                self.proc.kill()
                self.proc.wait(timeout=10)
                return None, time.monotonic() - started
        return (self.proc.returncode if self.proc else None), 0.0

    def log_tail(self, lines: int = 30) -> str:
        try:
            with open(self.logpath, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""
