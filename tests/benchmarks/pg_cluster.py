"""A PostgreSQL cluster kept in the benchmarks' work folder, for the rows on a server (issue #16).

Made once with Debian's ``initdb`` (as the ``postgres`` user when run as root), started on a
free loopback port for each run and stopped when the run ends. The server keeps its default
durability settings (``fsync`` on), as an office server would. ``GWINONG_TEST_DATABASE_URL``
(``postgresql://ADMIN:PASSWORD@HOST:PORT/postgres``) uses a server given by hand instead.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the one cluster starter
from server_cluster import ADMIN, URL_ENV, as_server_user, binary, free_port, make_cluster


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str

    def url(self, database: str) -> str:
        """The address an officer would give (no password: it travels in PGPASSWORD)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def connect(self, database: str = "postgres", autocommit: bool = True):
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password,
            dbname=database, autocommit=autocommit, connect_timeout=5,
        )  # fmt: skip


def _kept_port(file: Path) -> int:
    """The port of the last run when it is free (data folders pointed at this cluster keep
    working), else a new free one."""
    try:
        port = int(file.read_text(encoding="utf-8"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))
        return port
    except (OSError, ValueError):
        port = free_port()
        file.write_text(str(port), encoding="utf-8")
        return port


def start(base: Path) -> Server | None:
    """The cluster in ``base`` (made when missing), started; None when PostgreSQL is not
    installed. It stops when this process ends."""
    given = os.environ.get(URL_ENV)
    if given:
        parts = urlsplit(given)
        return Server(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "",
                      parts.password or "")  # fmt: skip
    initdb, pg_ctl = binary("initdb"), binary("pg_ctl")
    if not initdb or not pg_ctl:
        return None
    data, pwfile, log = base / "data", base / "pw", base / "log"
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        make_cluster(base)
    running = subprocess.run(as_server_user([pg_ctl, "-D", str(data), "status"]),
                             capture_output=True)  # fmt: skip
    if running.returncode == 0:  # left running (by hand): used as it is, on its port
        port = int((data / "postmaster.pid").read_text(encoding="utf-8").splitlines()[3])
        return Server("127.0.0.1", port, ADMIN, pwfile.read_text(encoding="utf-8").strip())
    port = _kept_port(base / "port")
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
    subprocess.run(
        as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    atexit.register(
        lambda: subprocess.run(
            as_server_user([pg_ctl, "-D", str(data), "-m", "fast", "stop"]), capture_output=True
        )
    )
    return Server("127.0.0.1", port, ADMIN, pwfile.read_text(encoding="utf-8").strip())
