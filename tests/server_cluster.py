"""A throwaway PostgreSQL cluster for every suite that runs against a real server (issue #16).

The storage, services, exchange and CLI suites run on SQLite AND on PostgreSQL through one
parameterised fixture, ``db_kind`` ("sqlite" / "postgresql"): the fixtures that make a data
folder or a database depend on it, so each test using them runs once per kind. The cluster is
started lazily, the first time a PostgreSQL test asks for it, and stopped when the run ends.

``GWINONG_TEST_DATABASE_URL`` (``postgresql://ADMIN:PASSWORD@HOST:PORT/postgres``) picks a server
by hand. Otherwise the cluster is made here with Debian's ``initdb`` in a temporary folder, as an
unprivileged user (``postgres`` when the tests run as root), listening on a free loopback port.
Without PostgreSQL installed (``apt-get install postgresql``) the PostgreSQL half skips and says
why; ``.ci/run`` installs it and sets ``GWINONG_REQUIRE_SERVER``, so there it fails rather than
skips. ``GWINONG_TEST_DB_KINDS=sqlite`` runs the SQLite half only (a quick local run).

A test that is SQLite-specific by nature (the file's integrity, WAL, the per-folder lock, the
byte copy of a backup) carries ``@pytest.mark.sqlite_only("why")``: its PostgreSQL half is
skipped with that reason, never silently.

Building a database is the slow part, so a fixture that needs a prepared database (the demo
county) builds it once per session as a *template* database and gives each test
``CREATE DATABASE t_x TEMPLATE tmpl``, dropped after the test.
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ADMIN = "gwinong_admin"
URL_ENV = "GWINONG_TEST_DATABASE_URL"
KINDS_ENV = "GWINONG_TEST_DB_KINDS"
SQLITE, POSTGRESQL = "sqlite", "postgresql"
SQLITE_ONLY = "sqlite_only"


@dataclass
class Cluster:
    host: str
    port: int
    user: str
    password: str
    templates: dict[str, str] = field(default_factory=dict)
    """Template databases built in this session: what they hold → their name."""

    def connect(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password,
            dbname=database, autocommit=True, connect_timeout=5,
        )  # fmt: skip

    def url(self, database: str) -> str:
        """The app's address of ``database`` (no password: libpq finds it in PGPASSWORD)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def create(self, template: str | None = None) -> str:
        """A new database of its own (a copy of ``template`` when given): its name."""
        name = f"t_{secrets.token_hex(6)}"
        with self.connect() as conn:
            extra = f' TEMPLATE "{template}"' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{extra}')
        return name

    def drop(self, name: str) -> None:
        with self.connect() as conn, contextlib.suppress(Exception):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def template(self, key: str, build: Callable[[str], None]) -> str:
        """The template database ``key``, built by ``build(name)`` the first time it is asked
        for in this session; a build that fails leaves no template behind."""
        if key not in self.templates:
            name = self.create()
            try:
                build(name)
            except BaseException:
                self.drop(name)
                raise
            self.templates[key] = name
        return self.templates[key]


def binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def make_cluster(base: Path) -> str:
    """``initdb`` a cluster in ``base/data`` (``base`` exists, empty) whose administrator
    ``ADMIN`` has a new random password, kept in ``base/pw`` and returned; as the ``postgres``
    user when run as root, with ``base`` reachable by that user only."""
    initdb = binary("initdb")
    assert initdb is not None
    pwfile = base / "pw"
    password = secrets.token_hex(12)
    pwfile.write_text(password, encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(pwfile, "postgres")
        base.chmod(0o700)
    subprocess.run(
        as_server_user([initdb, "-D", str(base / "data"), "-U", ADMIN, "--auth=scram-sha-256",
                         f"--pwfile={pwfile}", "-E", "UTF8", "--no-locale"]),
        check=True, capture_output=True,
    )  # fmt: skip
    return password


def _start_cluster() -> Cluster:
    initdb, pg_ctl = binary("initdb"), binary("pg_ctl")
    if not initdb or not pg_ctl:
        why = "PostgreSQL이 설치되어 있지 않습니다 (apt-get install postgresql)"
        if os.environ.get("GWINONG_REQUIRE_SERVER"):  # .ci/run: never skipped there
            pytest.fail(why)
        pytest.skip(why)
    # Not under pytest's temporary folder: as root that is 0700 and the server's user could
    # not reach its own data.
    base = Path(tempfile.mkdtemp(prefix="gwinong-pg-"))
    data, log = base / "data", base / "log"
    password = make_cluster(base)
    port = free_port()
    # Throwaway data: nothing is flushed to disk (fsync, full pages, synchronous commit off).
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    subprocess.run(
        as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip

    def stop() -> None:
        subprocess.run(as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)

    # Stopped when the test process ends, not in a fixture's teardown: that would run inside
    # whichever test happens to be the last, and starting a process there is refused
    # (tests/conftest.py) unless that test is a process test.
    atexit.register(stop)
    return Cluster("127.0.0.1", port, ADMIN, password)


_started: list[Cluster] = []


def _start_unguarded() -> Cluster:
    """Start the cluster even inside a test that is not a process test: the cluster belongs to
    the session, not to the test that happened to ask for it first (the guard of
    tests/conftest.py wraps ``subprocess.Popen._execute_child``; the real one is kept in
    ``__wrapped__``)."""
    execute = subprocess.Popen._execute_child  # type: ignore[attr-defined]
    real = getattr(execute, "__wrapped__", execute)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "_execute_child", real)
        return _start_cluster()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    given = os.environ.get(URL_ENV)
    if given:
        parts = urlsplit(given)
        yield Cluster(parts.hostname or "127.0.0.1", parts.port or 5432, parts.username or "",
                      parts.password or "")  # fmt: skip
        return
    if not _started:
        _started.append(_start_unguarded())
    yield _started[0]


def _kinds() -> list[str]:
    chosen = os.environ.get(KINDS_ENV, f"{SQLITE},{POSTGRESQL}")
    return [k.strip() for k in chosen.split(",") if k.strip() in (SQLITE, POSTGRESQL)]


@pytest.fixture(params=_kinds())
def db_kind(request: pytest.FixtureRequest) -> str:
    """Which database the data folders of this test use: "sqlite" or "postgresql"."""
    kind = request.param
    if kind == POSTGRESQL:
        mark = request.node.get_closest_marker(SQLITE_ONLY)
        if mark is not None:
            why = mark.args[0] if mark.args else mark.kwargs.get("reason", "")
            pytest.skip(f"SQLite 전용: {why}")
    return kind


@pytest.fixture
def pg_password(pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> str:
    """libpq finds the password in the environment, as on an officer's PC (PGPASSWORD)."""
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    return pg_cluster.password


@pytest.fixture
def pg_database(pg_cluster: Cluster, pg_password: str) -> Iterator[str]:
    """An empty database of this test's own (its name), dropped after the test."""
    name = pg_cluster.create()
    try:
        yield name
    finally:
        pg_cluster.drop(name)


@pytest.fixture
def server_url(pg_cluster: Cluster, pg_database: str) -> str:
    return pg_cluster.url(pg_database)


@pytest.fixture
def server_folder(tmp_path: Path, server_url: str) -> Path:
    """A data folder that remembers this test's server database."""
    from gwinong_desktop.storage.server import point_folder_at

    root = tmp_path / "folder"
    point_folder_at(root, server_url)
    return root


@pytest.fixture
def new_folder(db_kind: str, request: pytest.FixtureRequest) -> Callable[[Path], Path]:
    """``new_folder(root)`` makes ``root`` a data folder of this test's kind, with no database
    yet: nothing for SQLite (the app makes the file), a folder that remembers a new empty
    server database for PostgreSQL (the app gives it the schema). Returns ``root``."""
    if db_kind == SQLITE:
        return lambda root: root
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    request.getfixturevalue("pg_password")
    made: list[str] = []

    def make(root: Path) -> Path:
        from gwinong_desktop.storage.server import point_folder_at

        name = cluster.create()
        made.append(name)
        point_folder_at(root, cluster.url(name))
        return root

    def drop_all() -> None:
        for name in made:
            cluster.drop(name)

    request.addfinalizer(drop_all)
    return make
