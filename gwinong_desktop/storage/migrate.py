"""Schema versions: find the Alembic scripts, tell what a database holds, upgrade it safely.

Alembic is imported only here and only when an upgrade is due (it costs start-up time).
An upgrade runs only after a snapshot into ``backups/``; foreign keys are off during the batch
copy-and-move steps (with them on, SQLite would cascade-delete child rows when a parent table is
rebuilt) and ``PRAGMA foreign_key_check`` must come back empty before the upgrade is committed.
A failed upgrade puts the snapshot back and says so.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from .datafolder import ExitCode, StorageError
from .engine import foreign_keys_off
from .schema import SchemaInfo
from .snapshot import copy_database, restore_database, timestamp

if TYPE_CHECKING:
    from alembic.config import Config


def migrations_dir() -> Path:
    """The Alembic folder: inside the package when installed or frozen, else the checkout's db/."""
    package = Path(__file__).resolve().parent.parent
    candidates = [package / "_db", package.parent / "db"]
    if hasattr(sys, "_MEIPASS"):  # a frozen build unpacks data beside the code
        candidates.insert(0, Path(sys._MEIPASS) / "gwinong_desktop" / "_db")
    for path in candidates:
        if (path / "env.py").is_file():
            return path
    raise StorageError(
        "프로그램 설치가 손상되었습니다: 데이터베이스 변환 스크립트(db/)가 없습니다."
    )


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def run_upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade in ONE transaction with foreign keys off; commit only if their check is clean.

    The engine makes DDL transactional (``storage.engine``), so a failed or killed upgrade
    leaves the schema as it was; without a clean check nothing is committed.
    """
    with foreign_keys_off(engine) as conn:
        # Begun here, before Alembic sees the connection: Alembic takes SQLite's DDL for
        # non-transactional and would otherwise commit after EACH revision, so a new database
        # killed between two revisions was left at an old one (found by the crash test).
        # An outer transaction it did not begin is one it never commits.
        transaction = conn.begin()
        upgrade_in(conn, target)
        problems = (
            conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if conn.dialect.name == "sqlite"
            else []  # a server refused any broken key at the statement that broke it
        )
        if problems:
            transaction.rollback()
            raise RuntimeError(f"foreign_key_check after upgrade: {problems[:5]}")
        transaction.commit()


def upgrade_in(conn: Connection, target: str = "head") -> None:
    """Run the migrations inside ``conn``'s open transaction (the caller commits)."""
    from alembic import command

    if conn.dialect.name == "postgresql":  # two PCs opening a new server database at once:
        from .audit_chain import WRITERS_LOCK  # the second waits, then finds it made

        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def upgrade_with_backup(engine: Engine, db_path: Path, backups: Path, info: SchemaInfo) -> Path:
    """Snapshot, then upgrade; on any failure restore the snapshot and raise a StorageError."""
    snapshot = backups / f"before-upgrade-{info.revision}-{timestamp()}.sqlite3"
    copy_database(db_path, snapshot)
    try:
        run_upgrade(engine)
    except Exception as exc:
        engine.dispose()
        restore_database(snapshot, db_path)
        raise StorageError(
            "데이터베이스를 새 버전으로 바꾸는 중 문제가 생겨 원래 상태로 되돌렸습니다.\n"
            f"백업: {snapshot}\n원인: {exc}",
            ExitCode.MIGRATION_FAILED,
        ) from exc
    return snapshot
