"""The first half of opening a data folder, and a first look at it — standard library only.

The GUI's start (``app.run_gui``) claims the folder and reads what its first screen needs with
``sqlite3`` while SQLAlchemy and the models are still loading on another thread; the full
``Database`` is opened from the same claim right after (``database.open_claimed``). What is
read here is read with the same SQL as the services use (``house_list``), so the first screen
shows what the services would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.folder_settings import COUNTY

from .datafolder import DataFolder, FolderLock, looks_like_sqlite, prepare_folder
from .house_list import HOUSE_LIST_ACTIVE, RULE_VALUES
from .schema import (
    SchemaInfo,
    SchemaState,
    connect_for_reading,
    inspect_schema,
    newer_schema_error,
    not_a_database,
)


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


class FirstLook:
    """Read-only queries on a database with a current schema (``Claim.current``), whose folder
    this process holds."""

    def __init__(self, db_path: Path) -> None:
        self._conn = connect_for_reading(db_path)  # as inspect_schema reads: never a write
        self._conn.execute("PRAGMA query_only = ON")  # (even when a hot journal needs "rw")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> FirstLook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_accounts(self) -> bool:
        """The same test as ``AccountService.has_accounts``."""
        row = self._conn.execute(
            "SELECT 1 FROM app_user WHERE active = 1 AND password_hash IS NOT NULL LIMIT 1"
        ).fetchone()
        return row is not None

    def account(self, username: str) -> AccountRecord | None:
        """The account ``username`` (any case), as ``AccountService.authenticate`` finds it."""
        row = self._conn.execute(
            "SELECT id, username, display_name, role, active, password_hash, locked_until "
            "FROM app_user WHERE lower(username) = :name",
            {"name": username.strip().lower()},
        ).fetchone()
        return None if row is None else AccountRecord(*row[:4], bool(row[4]), *row[5:])

    def county(self) -> str | None:
        """The county this folder belongs to, as ``services.house_queries.county_name``."""
        return COUNTY.parse(self.setting(COUNTY.key)) or None

    def setting(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM setting WHERE key = :key", {"key": key})
        found = row.fetchone()
        return None if found is None else found[0]

    def house_records(self, today: date) -> list[tuple[Any, ...]]:
        """The rows of ``house_list.HOUSE_LIST_ACTIVE``, as SQLite keeps them."""
        return self._conn.execute(HOUSE_LIST_ACTIVE, {"today": today.isoformat()}).fetchall()

    def rule_values(self) -> list[tuple[int, str, str]]:
        return self._conn.execute(RULE_VALUES).fetchall()
