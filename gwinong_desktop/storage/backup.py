"""Backups of a whole data folder as one verified file: make, list, rotate, restore.

The format and its verification live in ``backup_format``, writing one in ``backup_create``; this
module is the public face (import from here) and holds rotation and restoring.

Restoring verifies first and refuses before anything is replaced. Then the current state is backed
up (kind ``before-restore``), the backup's files are added to the content-addressed stores
(nothing is deleted: a stored file's name is its hash, so an extra file harms nothing), the
current database is settled into one file (WAL checkpointed, journal off) and the new database is
swapped in with one rename. A crash at any moment leaves either the old or the new database.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import event

from gwinong_desktop.domain.progress import TaskState, ensure

from .backup_create import BackupResult, FileRef, copy_backup, create_backup
from .backup_format import (
    AUTOMATIC_KINDS,
    FILE_KINDS,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    NAME_RE,
    STAGING_PREFIX,
    SUFFIX,
    WORK_PREFIX,
    BackupEntry,
    BackupError,
    Manifest,
    Orphan,
    backup_name,
    check_space,
    extract_member,
    foreign_key_orphans,
    fsync_dir,
    list_backups,
    read_manifest,
    safe_member,
    sha256_file,
    source_id,
    sqlite_problems,
    verify_backup,
)
from .database import Database, _open_locked, open_server_database
from .datafolder import DB_FILENAME, ExitCode, FolderLock, StorageError, prepare_folder
from .quick import look_at_file
from .server import ServerUrl, remembered_url

__all__ = [
    "AUTOMATIC_KINDS",
    "FILE_KINDS",
    "FORMAT",
    "FORMAT_VERSION",
    "KINDS",
    "MANIFEST",
    "NAME_RE",
    "STAGING_PREFIX",
    "SUFFIX",
    "WORK_PREFIX",
    "BackupEntry",
    "BackupError",
    "BackupResult",
    "FileRef",
    "Manifest",
    "Orphan",
    "RestoreResult",
    "backup_name",
    "close_for_restore",
    "copy_backup",
    "create_backup",
    "extract_member",
    "foreign_key_orphans",
    "leftovers",
    "list_backups",
    "read_manifest",
    "remove_leftovers",
    "reopen_database",
    "restore_backup",
    "rotate",
    "safe_member",
    "sha256_file",
    "source_id",
    "sqlite_problems",
    "verify_backup",
]  # fmt: skip


def rotate(
    folder: Path,
    keep_daily: int,
    keep_monthly: int,
    *,
    kinds: Iterable[str] = AUTOMATIC_KINDS,
    source: dict[str, str] | None = None,
) -> list[Path]:
    """Delete automatic backups beyond the newest per day (``keep_daily`` days) and per month.

    Only files named like our backups and of ``kinds`` are touched (manual and before-restore
    backups are the officer's). With ``source``, only backups of that data folder count.
    """
    kinds = set(kinds)
    entries = [e for e in list_backups(folder) if e.kind in kinds]
    if source is not None:
        entries = [e for e in entries if _source_of(e.path) == source]
    keep: set[Path] = {entries[0].path} if entries else set()
    for width, limit in ((10, keep_daily), (7, keep_monthly)):  # "YYYY-MM-DD" / "YYYY-MM"
        seen: list[str] = []
        for e in entries:
            period = e.created.date().isoformat()[:width]
            if period not in seen:
                seen.append(period)
                if len(seen) <= limit:
                    keep.add(e.path)
    removed = []
    for e in entries:
        if e.path not in keep:
            with contextlib.suppress(OSError):
                e.path.unlink()
                removed.append(e.path)
    return removed


def _source_of(path: Path) -> dict[str, str] | None:
    try:
        return read_manifest(path).data.get("source")
    except StorageError:
        return None


@dataclass
class RestoreResult:
    manifest: Manifest
    before_backup: Path | None = None  # the state before, as a verified backup
    raw_copy: Path | None = None  # the damaged state before, as plain copied files
    files_added: int = 0
    files_replaced: int = 0
    warnings: list[str] = field(default_factory=list)


def restore_backup(
    root: Path,
    file: Path,
    *,
    lock: FolderLock | None = None,
    app_version: str = "",
    state: TaskState | None = None,
    before_swap: Callable[[], None] | None = None,
) -> RestoreResult:
    """Replace the data folder's database and files with a backup's, after checking it all.

    Order: verify the backup (refusing changes nothing) → back up the current state (kind
    ``before-restore``; a damaged database is copied as it is instead) → add the backup's files
    (nothing is deleted) → settle the current database into one file → swap the database with
    one rename. ``lock`` is the caller's lock on the folder (the app's); without it one is taken,
    and a folder in use by another program is refused. ``before_swap`` runs just before the
    database file is replaced: the app closes its connections there.
    """
    folder = prepare_folder(root, create=True)
    own = lock is None
    if lock is None:
        lock = FolderLock(folder, "백업에서 복원").acquire()
    elif not lock.held or lock.folder.root != folder.root:
        raise ValueError("the lock given is not held on this data folder")
    state = ensure(state)
    root, db_path = folder.root, folder.db_path
    server = remembered_url(root)  # read once: the before-restore backup and the swap use it
    try:
        for old in root.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(old, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
        try:
            manifest = verify_backup(file, state=state, db_to=staging / DB_FILENAME)
            _set_journal(staging / DB_FILENAME, wal=not folder.on_network)
            result = RestoreResult(manifest)
            check_space(root, sum(v["size"] for v in manifest.files.values()), "복원")
            _keep_current(folder.root, folder.backups, result, app_version, state, server)
            _add_files(Path(file), root, manifest, result, state)
            if before_swap is not None:
                before_swap()
            state.report(0, 0, "데이터베이스 바꾸기")
            if server is not None:  # every record replaced in one server transaction
                from .transfer import replace_server_records

                replace_server_records(server, staging / DB_FILENAME)
            else:
                _settle(db_path, result)
                os.replace(staging / DB_FILENAME, db_path)
                fsync_dir(root)
        except OSError as exc:  # nothing was replaced: the swap is the last step that can fail
            raise BackupError(
                f"복원하는 중 파일을 쓰지 못해 멈추었습니다: {root}\n"
                f"({exc.strerror or exc})\n현재 데이터베이스는 그대로입니다.",
                ExitCode.FOLDER_UNUSABLE,
            ) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        if own:
            lock.release()
    return result


def _set_journal(db_path: Path, *, wal: bool) -> None:
    """Give the new database the journal mode the app will use, before it is swapped in: the
    first open then has nothing to convert (a conversion killed half-way leaves a hot journal)."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}").fetchone()
    finally:
        conn.close()
    with open(db_path, "rb") as fh:
        os.fsync(fh.fileno())


def _keep_current(
    root: Path,
    backups: Path,
    result: RestoreResult,
    app_version: str,
    state: TaskState,
    server: ServerUrl | None,
) -> None:
    db_path = root / DB_FILENAME
    if server is None and (not db_path.is_file() or db_path.stat().st_size == 0):
        return  # nothing to keep (a new PC restoring from a USB stick)
    try:
        made = create_backup(
            root, backups, kind="before-restore", app_version=app_version, state=state,
            server=server,
        )  # fmt: skip
        result.before_backup = made.path
        return
    except BackupError as exc:
        if exc.exit_code == ExitCode.FOLDER_UNUSABLE:
            raise  # no room: refuse rather than replace without a copy
        reason = exc.message
    except (sqlite3.DatabaseError, StorageError) as exc:
        reason = str(exc)
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    raw = backups / f"before-restore-{stamp}-raw"
    raw.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-journal"):
        src = Path(str(db_path) + suffix)
        if src.exists():
            shutil.copy2(src, raw / src.name)
    result.raw_copy = raw
    result.warnings.append(
        "현재 데이터베이스로는 보통의 백업을 만들 수 없어(손상되었거나 다른 버전의 것) "
        f"파일을 그대로 복사해 두었습니다: {raw}\n({reason})"
    )


def _add_files(
    file: Path, root: Path, manifest: Manifest, result: RestoreResult, state: TaskState
) -> None:
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    items = sorted(manifest.files.items())
    with zipfile.ZipFile(file) as zf:
        for done, (name, entry) in enumerate(items, 1):
            state.report(done, len(items), "사진·첨부 파일 복원")
            target = root / name
            if target.is_file() and sha256_file(target) == entry["sha256"]:
                continue
            if target.exists():  # damaged or edited: kept aside, never thrown away
                aside = root / "backups" / f"replaced-files-{stamp}" / name
                aside.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(target, aside)
                result.files_replaced += 1
            else:
                result.files_added += 1
            extract_member(zf, name, entry, target)


def _settle(db_path: Path, result: RestoreResult) -> None:
    """Fold the WAL into the database file, so the swap cannot meet a stale WAL or journal."""
    if not db_path.exists():
        return
    try:
        conn = sqlite3.connect(db_path, timeout=10)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            conn.close()
        if str(mode).lower() != "delete":  # another connection is still open
            raise sqlite3.OperationalError(f"journal mode stays {mode}")
    except sqlite3.DatabaseError as exc:
        if result.raw_copy is None:  # a sound database that is busy: never pull its WAL away
            raise BackupError(
                f"현재 데이터베이스를 닫지 못해 복원하지 않았습니다: {db_path}\n({exc})",
                ExitCode.IN_USE,
            ) from exc
        # a damaged database whose files were copied aside: its WAL must not meet the new file
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db_path) + suffix).unlink()


def remove_leftovers(root: Path, min_age: float = 0.0) -> list[Path]:
    """Delete what a killed backup or restore left behind (call with the folder's lock held)."""
    removed = []
    for path in leftovers(root, min_age):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        removed.append(path)
    return removed


def leftovers(root: Path, min_age: float = 0.0) -> list[Path]:
    """Temporary files and folders of killed backups, restores and file stores (at least
    ``min_age`` seconds old, so that work still running in this process is left alone)."""
    root = Path(root)
    found = list(root.glob(f"{STAGING_PREFIX}*")) + list((root / "backups").glob(f"{WORK_PREFIX}*"))
    for kind in FILE_KINDS:
        found += (root / kind).rglob(".tmp-*.part")
    cutoff = time.time() - min_age
    out = []
    for path in found:
        with contextlib.suppress(OSError):
            if path.stat().st_mtime <= cutoff:
                out.append(path)
    return sorted(out)


# --- an open app restoring its own folder ---------------------------------------------------


def close_for_restore(db: Database) -> None:
    """Close the app's connections for good before the database file is swapped.

    The old engine refuses every new connection afterwards: a query slipping in from the GUI
    must fail, never open the old file (its WAL would then meet the new one).
    """
    if db.engine.pool.checkedout():  # type: ignore[attr-defined]
        raise BackupError(
            "데이터베이스를 아직 쓰고 있는 작업이 있어 복원하지 않았습니다. "
            "잠시 뒤 다시 해 주세요.",
            ExitCode.IN_USE,
        )

    def refuse(*_args: object) -> None:
        raise StorageError("데이터를 복원하는 중입니다. 복원이 끝난 뒤 다시 해 주세요.")

    event.listen(db.engine, "do_connect", refuse)
    db.engine.dispose()


def reopen_database(db: Database) -> None:
    """Open the folder's database again (upgrading an older schema by the normal path) with the
    lock ``db`` already holds, and make ``db`` use it: services holding ``db`` keep working."""
    if db.server is not None:  # a server folder has no lock: the server orders its writers
        fresh = open_server_database(db.folder.root)
    elif db.lock is None or not db.lock.held:
        raise ValueError("reopen needs the folder's lock")
    else:
        fresh = _open_locked(db.folder, db.lock, look_at_file(db.folder.db_path))
    db.engine, db.sessions = fresh.engine, fresh.sessions
    db.schema_before, db.upgrade_backup = fresh.schema_before, fresh.upgrade_backup
    db.warnings = fresh.warnings
