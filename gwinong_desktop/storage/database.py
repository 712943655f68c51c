"""Open a data folder's database the safe way.

Order matters: check the folder → take the lock → look at the file without changing it
(not a database? newer schema? → refuse) → snapshot and upgrade an old schema → open.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

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
from .server import SERVER_FILE

if TYPE_CHECKING:
    from .server import ServerUrl


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
    server: ServerUrl | None = None
    """The PostgreSQL server holding the database (None: the folder's SQLite file)."""

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(root: Path, *, purpose: str = "프로그램") -> Database:
    """Open (creating or upgrading as needed) the database in ``root`` for reading and writing:
    the folder's SQLite file, or the server the folder remembers (``storage.server``)."""
    if (Path(root) / SERVER_FILE).exists():
        return open_server_database(root)
    return open_claimed(claim_folder(root, purpose))


def open_server_database(
    root: Path, password: str | None = None, *, upgrade: bool = True
) -> Database:
    """Open the database of a folder that remembers a PostgreSQL server.

    No folder lock: several PCs share the folder and the server orders their writes. A new
    (empty) database gets the schema from the migrations in one transaction; an old schema is
    upgraded only when no other PC is connected (they would run old code on a new schema).
    """
    from sqlalchemy.exc import DBAPIError

    from . import server

    url = server.remembered_url(root)
    assert url is not None
    folder = prepare_folder(root, create=True)
    engine = server.make_server_engine(url, password)
    try:
        info = server.inspect_server_schema(engine, url, typed=password is not None)
        if info.state is SchemaState.NEWER:
            raise StorageError(
                f"이 서버 데이터는 더 새로운 버전의 프로그램으로 만들어졌습니다 (스키마 "
                f"{info.revision}): {url}\n데이터를 보호하기 위해 열지 않았습니다. 프로그램을 "
                "최신 버전으로 업데이트해 주세요.",
                ExitCode.NEWER_SCHEMA,
            )
        backup = None
        if upgrade and info.state is SchemaState.OLD:
            server.refuse_if_others_connected(engine, url)
            backup = _backup_before_upgrade(folder, url, info, password)
            _upgrade_server(engine, url, backup)
        elif upgrade and info.state is SchemaState.NEW:
            run_upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise server.connect_error(url, exc, typed=password is not None) from exc
    except BaseException:
        engine.dispose()
        raise
    sessions = make_session_factory(engine)
    install_audit(sessions)
    return Database(folder, engine, sessions, None, info, backup, list(folder.warnings), url)


def reopen_on_server(db: Database, password: str | None = None) -> None:
    """Make ``db``, whose folder was just moved up (``server.move_to_server``), use the
    server the folder now remembers; services holding ``db`` keep working. Its lock goes:
    several PCs share a server folder."""
    fresh = open_server_database(db.folder.root, password)
    db.engine, db.sessions, db.server = fresh.engine, fresh.sessions, fresh.server
    db.schema_before, db.upgrade_backup = fresh.schema_before, None
    if db.lock is not None:
        db.lock.release()
        db.lock = None


def _backup_before_upgrade(
    folder: DataFolder, url: ServerUrl, info: SchemaInfo, password: str | None
) -> Path:
    """A portable backup of the server's records at their old schema, in ``backups/``, named
    ``…-before-upgrade.gwbak``: what the officer restores if the new version disappoints."""
    from .backup_create import create_backup

    try:
        return create_backup(
            folder.root, folder.backups, kind="before-upgrade", password=password, server=url
        ).path
    except StorageError as exc:
        raise StorageError(
            f"서버 데이터베이스를 새 버전으로 바꾸기 전에 백업을 만들지 못해 바꾸지 않았습니다 "
            f"(스키마 {info.revision}).\n원인: {exc.message}",
            exc.exit_code,
        ) from exc


def _upgrade_server(engine: Engine, url: ServerUrl, backup: Path) -> None:
    """The upgrade in one server transaction: on any failure (a connection lost too) nothing of
    it stays."""
    try:
        run_upgrade(engine)
    except StorageError:
        raise
    except Exception as exc:
        raise StorageError(
            f"서버 데이터베이스를 새 버전으로 바꾸는 중 문제가 생겨 바꾸지 않았습니다: {url}\n"
            f"자료는 원래대로입니다. 바꾸기 전 백업: {backup}\n원인: {exc}",
            ExitCode.MIGRATION_FAILED,
        ) from exc


def open_claimed(claim: Claim) -> Database:
    """Open the database of a folder claimed with ``quick.claim_folder`` (its lock is then the
    ``Database``'s); on a refusal or failure the lock is let go."""
    try:
        if (claim.folder.root / SERVER_FILE).exists():  # the GUI's start on a server folder
            db = open_server_database(claim.folder.root)
            claim.release()  # several PCs share such a folder: no lock on it
            return db
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
    if (Path(root) / SERVER_FILE).exists():
        return open_server_database(root, upgrade=False)
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
