"""A throwaway PostgreSQL 15 for the chaos run: initdb as the `postgres` user in a mktemp directory
under /tmp, loopback only, a free port; restart, backend termination and a connection hog for the
fault scenarios. Standard library only (psql for queries, a raw wire-protocol socket for the hog)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time

PG_BIN_DEFAULT = "/usr/lib/postgresql/15/bin"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_bin() -> str:
    if os.path.exists(os.path.join(PG_BIN_DEFAULT, "initdb")):
        return PG_BIN_DEFAULT
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries (run Scripts/install-test-deps)")
    return os.path.dirname(found[-1])


class PostgresServer:
    def __init__(self, fsync: bool, log=print):
        self.bin = find_bin()
        self.fsync = fsync
        self.log = log
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="smepilot-chaos-pg.")
        self.data = os.path.join(self.dir, "data")
        self.logfile = os.path.join(self.dir, "postgres.log")
        self.started = False

    def _as_postgres(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args], cwd="/", check=check, timeout=timeout,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def _options(self) -> str:
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c max_connections=100"
        if not self.fsync:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        return opts

    def start(self) -> None:
        shutil.chown(self.dir, "postgres")
        os.chmod(self.dir, 0o755)
        self._as_postgres(os.path.join(self.bin, "initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale",
                          "-D", self.data)
        self._as_postgres(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.logfile, "-w", "-t", "60", "start",
                          "-o", self._options())
        self.started = True

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: every session ends, the server comes back on the same port."""
        self._as_postgres(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", self.logfile, "-w", "-t", "60",
                          "restart", "-m", "fast", "-o", self._options())

    def stop(self) -> None:
        if self.started:
            self._as_postgres(os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-w", "-t", "60", "stop", "-m", "fast",
                              check=False)
            self.started = False

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, db: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}?tlsmode=disable"

    def psql(self, sql: str, db: str = "postgres", timeout: float = 60) -> str:
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db, "-AtqX", "-v", "ON_ERROR_STOP=1",
             "-c", sql], check=True, timeout=timeout, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return out.stdout.strip()

    def tail_log(self, lines: int = 20) -> str:
        try:
            with open(self.logfile, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


class RawConnection:
    """One PostgreSQL connection over the wire protocol (trust auth): enough to hold a slot idle and
    to run a simple query while every other slot is taken."""

    def __init__(self, port: int, db: str, timeout: float = 5):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        params = b"user\0postgres\0database\0" + db.encode() + b"\0application_name\0chaos-hog\0\0"
        body = struct.pack("!I", 196608) + params
        self.sock.sendall(struct.pack("!I", len(body) + 4) + body)
        self._until_ready()

    def _read(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("connection closed")
            data += chunk
        return data

    def _until_ready(self) -> list[bytes]:
        rows: list[bytes] = []
        while True:
            kind = self._read(1)
            (length,) = struct.unpack("!I", self._read(4))
            payload = self._read(length - 4)
            if kind == b"E":
                raise ConnectionError(payload.decode(errors="replace"))
            if kind == b"R" and struct.unpack("!I", payload[:4])[0] != 0:
                raise ConnectionError("authentication required (expected trust)")
            if kind == b"D":
                rows.append(payload)
            if kind == b"Z":
                return rows

    def query(self, sql: str) -> int:
        data = sql.encode() + b"\0"
        self.sock.sendall(b"Q" + struct.pack("!I", len(data) + 4) + data)
        return len(self._until_ready())

    def close(self) -> None:
        try:
            self.sock.sendall(b"X" + struct.pack("!I", 4))
        except OSError:
            pass
        self.sock.close()


class ConnectionHog:
    """Takes every free connection slot but `leave` (superuser slots included: the server connects as
    postgres too), then holds them idle until released."""

    def __init__(self, pg: PostgresServer, db: str, leave: int):
        self.pg, self.db, self.leave = pg, db, leave
        self.conns: list[RawConnection] = []

    def take(self) -> int:
        max_conn = int(self.pg.psql("show max_connections"))
        used = int(self.pg.psql("select count(*) from pg_stat_activity where backend_type = 'client backend'"))
        want = max(0, max_conn - used - self.leave)
        for _ in range(want):
            try:
                self.conns.append(RawConnection(self.pg.port, self.db))
            except (OSError, ConnectionError):
                break  # the server is full already
        return len(self.conns)

    def terminate_others(self, datname: str) -> int:
        """From a held slot (psql may find no free one): end the server's own sessions so it must reconnect."""
        if not self.conns:
            return 0
        return self.conns[0].query(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{datname}' "
            "AND pid <> pg_backend_pid() AND application_name <> 'chaos-hog'")

    def release(self) -> None:
        for c in self.conns:
            c.close()
        self.conns = []
