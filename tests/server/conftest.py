"""A throwaway PostgreSQL cluster for the tests that need a real server (issue #16).

``GWINONG_TEST_DATABASE_URL`` (``postgresql://ADMIN:PASSWORD@HOST:PORT/postgres``) picks a server
by hand. Otherwise the cluster is made here with Debian's ``initdb`` in a temporary folder, as an
unprivileged user (``postgres`` when the tests run as root), listening on a free loopback port,
and stopped at the end. Each test gets an empty database of its own. Without PostgreSQL installed
(``apt-get install postgresql``) these tests skip and say why; ``.ci/run`` installs it and sets
``GWINONG_REQUIRE_SERVER``, so there they fail rather than skip.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ADMIN = "gwinong_admin"
URL_ENV = "GWINONG_TEST_DATABASE_URL"


@dataclass(frozen=True)
class Cluster:
    host: str
    port: int
    user: str
    password: str

    def connect(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password,
            dbname=database, autocommit=True, connect_timeout=5,
        )  # fmt: skip


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    given = os.environ.get(URL_ENV)
    if given:
        parts = urlsplit(given)
        yield Cluster(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "",
                      parts.password or "")  # fmt: skip
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        why = "PostgreSQL이 설치되어 있지 않습니다 (apt-get install postgresql)"
        if os.environ.get("GWINONG_REQUIRE_SERVER"):  # .ci/run: never skipped there
            pytest.fail(why)
        pytest.skip(why)
    # Not under pytest's temporary folder: as root that is 0700 and the server's user could
    # not reach its own data.
    base = Path(tempfile.mkdtemp(prefix="gwinong-pg-"))
    data, pwfile, log = base / "data", base / "pw", base / "log"
    password = secrets.token_hex(12)
    pwfile.write_text(password, encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(pwfile, "postgres")
        base.chmod(0o700)
    subprocess.run(
        _as_server_user([initdb, "-D", str(data), "-U", ADMIN, "--auth=scram-sha-256",
                         f"--pwfile={pwfile}", "-E", "UTF8", "--no-locale"]),
        check=True, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip

    def stop() -> None:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)

    # Stopped when the test process ends, not in this fixture's teardown: that would run inside
    # whichever test happens to be the last, and starting a process there is refused
    # (tests/conftest.py) unless that test is a process test.
    atexit.register(stop)
    yield Cluster("127.0.0.1", port, ADMIN, password)


@pytest.fixture
def pg_database(pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty database of this test's own (its name); libpq finds the password in the
    environment as an officer's PC would (PGPASSWORD)."""
    name = f"t_{secrets.token_hex(6)}"
    with pg_cluster.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    try:
        yield name
    finally:
        with pg_cluster.connect() as conn, contextlib.suppress(Exception):
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def server_url(pg_cluster: Cluster, pg_database: str) -> str:
    return f"postgresql://{pg_cluster.user}@{pg_cluster.host}:{pg_cluster.port}/{pg_database}"


@pytest.fixture
def server_folder(tmp_path: Path, server_url: str) -> Path:
    """A data folder that remembers this test's server database."""
    from gwinong_desktop.storage.server import point_folder_at

    root = tmp_path / "folder"
    point_folder_at(root, server_url)
    return root
