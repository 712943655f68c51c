"""Engines and sessions over the data folder's SQLite file.

Every connection gets ``foreign_keys=ON`` and a busy timeout; the journal is WAL on local disks
and the rollback journal (DELETE) on network folders, where WAL's shared memory does not work.
SQLite-specific SQL stays in ``storage/``.

Transactions are SQLAlchemy's, not the driver's: Python's sqlite3 module on its own commits
before every DDL statement and opens transactions only before INSERT/UPDATE/DELETE, so a schema
upgrade killed half-way would stay half-done. We switch the driver's own transaction handling off
(``isolation_level = None``) and emit ``BEGIN`` when SQLAlchemy begins (the recipe in SQLAlchemy's
pysqlite documentation): every unit of work, DDL included, is then all or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 16_384
"""Each connection's page cache. SQLite's default (2 MiB) is smaller than what the province's
입주 현황 and 임대료 lists read (stays, residents, houses, the rent covering indexes), so every
open read those pages again from the file: 16 MiB made the stays list ~25% and the rent list
~8% faster (CPU time, 2,000 houses). In WAL mode the cache survives between transactions until
another connection writes."""
WRITE_OPTION = "gwinong_write"
"""Execution option: this connection's transaction will write (see ``begin_write``)."""


def sqlite_url(db_path: Path) -> str:
    return f"sqlite:///{Path(db_path).as_posix()}"


def make_engine(db_path: Path, *, wal: bool = True, read_only: bool = False) -> Engine:
    """An engine whose every connection has the pragmas this app relies on."""
    if read_only:
        url = f"sqlite:///file:{Path(db_path).as_posix()}?mode=ro&uri=true"
    else:
        url = sqlite_url(db_path)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        json_serializer=lambda obj: json.dumps(obj, ensure_ascii=False),
    )
    journal = "WAL" if wal else "DELETE"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver stops managing transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        if not read_only:
            cur.execute(f"PRAGMA journal_mode={journal}")
            cur.execute("PRAGMA synchronous=NORMAL" if wal else "PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A unit of work that will write takes the write lock at once (BEGIN IMMEDIATE): with a
        # plain BEGIN, one that reads first and writes later fails at once with "database is
        # locked" if another writer committed in between (SQLite cannot upgrade a stale
        # snapshot). Reads keep a deferred BEGIN and never block writers.
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def foreign_keys_off(engine: Engine) -> Iterator[Connection]:
    """A connection with foreign keys off (batch migrations, repairs); on again afterwards.

    The pragma is ignored inside a transaction, so it is set on the driver connection before
    SQLAlchemy begins one.
    """
    if engine.dialect.name != "sqlite":  # a server checks keys per statement: nothing to turn
        with engine.connect() as conn:  # off (its batch migrations are plain ALTER TABLEs)
            yield conn
        return
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            yield conn
        finally:
            if conn.in_transaction():
                conn.rollback()
            driver.execute("PRAGMA foreign_keys=ON")


def begin_write(session: Session) -> None:
    """Start ``session``'s transaction as a writer (``BEGIN IMMEDIATE``); call before any query."""
    session.connection(execution_options={WRITE_OPTION: True})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
