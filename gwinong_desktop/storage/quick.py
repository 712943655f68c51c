"""The first half of opening a data folder, and a first look at it — standard library only.

The GUI's start (``app.run_gui``) claims the folder and reads what its first screen needs with
``sqlite3`` while SQLAlchemy and the models are still loading on another thread; the full
``Database`` is opened from the same claim right after (``database.open_claimed``). What is
read here is read with the same SQL as the services use (``house_list``), so the first screen
shows what the services would.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.folder_settings import COUNTY

from .datafolder import DataFolder, FolderLock, looks_like_sqlite, prepare_folder
from .house_list import HOUSE_LIST_ACTIVE, RULE_VALUES
from .schema import (
    SCHEMA_HEAD,
    SchemaInfo,
    SchemaState,
    connect_for_reading,
    inspect_schema,
    newer_schema_error,
    not_a_database,
)

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def pyformat(sql: str) -> str:
    """``sql`` written with sqlite3's ``:name`` parameters, as psycopg takes it: ``%(name)s``,
    and a literal ``%`` doubled."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


@dataclass
class Claim:
    """A data folder this process holds the lock of, and what its database file is."""

    folder: DataFolder
    lock: FolderLock
    info: SchemaInfo

    @property
    def current(self) -> bool:
        """The database exists with this program's schema (no upgrade to run first)."""
        return self.info.state is SchemaState.CURRENT

    def release(self) -> None:
        self.lock.release()


def claim_folder(root: Path, purpose: str) -> Claim:
    """Prepare ``root`` and take its lock, then look at the file without changing it: not a
    database, or a newer schema, is refused (``StorageError``) and the lock let go."""
    folder = prepare_folder(root, create=True)
    lock = FolderLock(folder, purpose).acquire()
    try:
        info = look_at_file(folder.db_path)
    except BaseException:
        lock.release()
        raise
    return Claim(folder, lock, info)


def look_at_file(db_path: Path) -> SchemaInfo:
    """The database file's schema, read without changing it; not a database, or a newer schema
    than this program knows, is refused (``StorageError``)."""
    if db_path.exists() and not looks_like_sqlite(db_path):
        raise not_a_database(db_path)
    info = inspect_schema(db_path)
    if info.state is SchemaState.NEWER:
        raise newer_schema_error(db_path, info.revision)
    return info


@dataclass(frozen=True)
class AccountRecord:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    password_hash: str | None
    locked_until: str | None


class LookFailed(sqlite3.Error):
    """The first look at a server database failed (any driver error): the full path, which
    opens it properly, decides and says what is wrong. A ``sqlite3.Error``, so that one
    ``except`` serves both kinds of folder."""


class FirstLook:
    """Read-only queries on a database with a current schema (``Claim.current``), whose folder
    this process holds — the folder's SQLite file, or (:meth:`on_server`) its server."""

    def __init__(self, db_path: Path | None, *, server: Any = None) -> None:
        self._server = server  # a psycopg connection, or None: the folder's file
        if server is None:
            assert db_path is not None
            self._conn = connect_for_reading(db_path)  # as inspect_schema reads: never a write
            self._conn.execute("PRAGMA query_only = ON")  # (even when a hot journal needs "rw")
        else:
            self._conn = server

    @classmethod
    def on_server(cls, root: Path) -> FirstLook | None:
        """A first look at the server a folder remembers, through psycopg alone, when libpq
        finds the password by itself (``PGPASSWORD``, ``.pgpass``) and the schema is this
        program's; otherwise None (the full path asks for the password, upgrades, or refuses)."""
        from .server_url import remembered_url

        try:
            url = remembered_url(root)
            if url is None:
                return None
            import psycopg

            conn = psycopg.connect(
                host=url.host, port=url.port, user=url.user, dbname=url.database,
                connect_timeout=5, application_name="gwinong-desktop", autocommit=False,
            )  # fmt: skip
        except Exception:  # unreachable, a password to ask for, a typo: the full path says
            return None
        try:
            conn.read_only = True
            look = cls(None, server=conn)
            if look._all("SELECT version_num FROM alembic_version") != [(SCHEMA_HEAD,)]:
                look.close()
                return None
            return look
        except sqlite3.Error:
            conn.close()
            return None

    def _all(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        if self._server is None:
            return self._conn.execute(sql, params or {}).fetchall()
        try:
            with self._conn.cursor() as cur:
                cur.execute(pyformat(sql), params or {})
                return cur.fetchall()
        except Exception as exc:
            raise LookFailed(str(exc)) from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> FirstLook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_accounts(self) -> bool:
        """The same test as ``AccountService.has_accounts``."""
        return bool(
            self._all(
                "SELECT 1 FROM app_user WHERE active = TRUE AND password_hash IS NOT NULL LIMIT 1"
            )
        )

    def account(self, username: str) -> AccountRecord | None:
        """The account ``username`` (any case), as ``AccountService.authenticate`` finds it."""
        rows = self._all(
            "SELECT id, username, display_name, role, active, password_hash, locked_until "
            "FROM app_user WHERE lower(username) = :name",
            {"name": username.strip().lower()},
        )
        row = rows[0] if rows else None
        return None if row is None else AccountRecord(*row[:4], bool(row[4]), *row[5:])

    def county(self) -> str | None:
        """The county this folder belongs to, as ``services.house_queries.county_name``."""
        return COUNTY.parse(self.setting(COUNTY.key)) or None

    def setting(self, key: str) -> str | None:
        found = self._all("SELECT value FROM setting WHERE key = :key", {"key": key})
        return found[0][0] if found else None

    def house_records(self, today: date) -> list[tuple[Any, ...]]:
        """The rows of ``house_list.HOUSE_LIST_ACTIVE``, as the driver gives them (SQLite: dates
        as ISO text; psycopg: dates; ``services.house_rows`` takes both)."""
        day = today.isoformat() if self._server is None else today
        return self._all(HOUSE_LIST_ACTIVE, {"today": day})

    def rule_values(self) -> list[tuple[int, str, str]]:
        return self._all(RULE_VALUES)


def first_look(claim: Claim) -> FirstLook | None:
    """A first look at a claimed folder: its server when it remembers one (None when that
    cannot be done ahead), else its file when the schema is current (None otherwise). The file's
    look may raise ``sqlite3.Error``; the caller then takes the full path."""
    from .server_url import SERVER_FILE

    if (claim.folder.root / SERVER_FILE).exists():
        return FirstLook.on_server(claim.folder.root)
    return FirstLook(claim.folder.db_path) if claim.current else None
