"""Open a data folder's database the safe way.

Order matters: check the folder → take the lock → look at the file without changing it
(not a database? newer schema? → refuse) → snapshot and upgrade an old schema → open.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .audit import install_audit
from .datafolder import (
    DataFolder,
    ExitCode,
    FolderLock,
    StorageError,
    looks_like_sqlite,
    prepare_folder,
)
from .engine import make_engine, make_session_factory
from .migrate import run_upgrade, upgrade_with_backup
from .quick import Claim, claim_folder
from .schema import (
    SchemaInfo,
    SchemaState,
    inspect_schema,
    not_a_database,
)


@dataclass
class Database:
    """An open data folder: engine, sessions (with audit), the lock, and what start-up found."""

    folder: DataFolder
    engine: Engine
    sessions: sessionmaker[Session]
    lock: FolderLock | None
    schema_before: SchemaInfo
    upgrade_backup: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(root: Path, *, purpose: str = "프로그램") -> Database:
    """Open (creating or upgrading as needed) the database in ``root`` for reading and writing."""
    return open_claimed(claim_folder(root, purpose))


def open_claimed(claim: Claim) -> Database:
    """Open the database of a folder claimed with ``quick.claim_folder`` (its lock is then the
    ``Database``'s); on a refusal or failure the lock is let go."""
    try:
        return _open_locked(claim.folder, claim.lock, claim.info)
    except BaseException:
        claim.release()
        raise


def _open_locked(folder: DataFolder, lock: FolderLock, info: SchemaInfo) -> Database:
    db_path = folder.db_path
    engine = make_engine(db_path, wal=not folder.on_network)
    backup: Path | None = None
    try:
        if info.state is SchemaState.NEW:
            run_upgrade(engine)
        elif info.state is SchemaState.OLD:
            backup = upgrade_with_backup(engine, db_path, folder.backups, info)
    except StorageError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        if info.state is SchemaState.NEW:
            _remove_new_database(db_path)
        raise StorageError(
            f"데이터베이스를 준비하지 못했습니다: {db_path}\n원인: {exc}", ExitCode.ERROR
        ) from exc
    sessions = make_session_factory(engine)
    install_audit(sessions)
    return Database(folder, engine, sessions, lock, info, backup, list(folder.warnings))


def _remove_new_database(db_path: Path) -> None:
    """A database this run created and could not finish is removed, never left half-made."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db_path) + suffix).unlink()


def open_read_only(root: Path) -> Database:
    """Open for reading only (``info``): no lock, no upgrade, nothing written."""
    folder = prepare_folder(root, create=False)
    db_path = folder.db_path
    if not db_path.exists():
        raise StorageError(
            f"데이터 폴더에 데이터베이스가 없습니다: {folder.root}\n"
            "프로그램을 한 번 실행하거나 관리대장을 가져오면 만들어집니다.",
            ExitCode.BAD_INPUT,
        )
    if not looks_like_sqlite(db_path):
        raise not_a_database(db_path)
    info = inspect_schema(db_path)
    engine = make_engine(db_path, read_only=True)
    sessions = make_session_factory(engine)
    return Database(folder, engine, sessions, None, info, None, list(folder.warnings))
