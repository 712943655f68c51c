"""Keeping the officer's data safe: backups (when, where, how many), restore, and the data check.

The file work is in ``storage.backup``; this module adds the automatic kinds (on exit, daily at
start), the second folder (a USB stick that may be absent), rotation, and restoring into the
folder the app has open. Settings are in ``safety_settings``, the data check in ``safety_check``;
everything public is importable from here. Long functions take a ``domain.progress.TaskState``
(``state``), stop with its ``Cancelled``, and know nothing of Qt.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import gwinong_desktop
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.database import Database
from gwinong_desktop.storage.datafolder import StorageError

from .context import ServiceContext
from .safety_check import (
    ERROR,
    NOTICE,
    CheckContext,
    ExtraCheck,
    Problem,
    check_folder,
    extra_checks,
)
from .safety_settings import (
    DAILY_AFTER,
    DEFAULT_KEEP_DAILY,
    DEFAULT_KEEP_MONTHLY,
    KEEP_DAILY_KEY,
    KEEP_DAILY_RANGE,
    KEEP_MONTHLY_KEY,
    KEEP_MONTHLY_RANGE,
    SECOND_FOLDER_KEY,
    BackupSettings,
    SafetyBusy,
    backup_settings,
    one_at_a_time,
    save_backup_settings,
)

__all__ = [
    "DAILY_AFTER",
    "DEFAULT_KEEP_DAILY",
    "DEFAULT_KEEP_MONTHLY",
    "ERROR",
    "KEEP_DAILY_KEY",
    "KEEP_DAILY_RANGE",
    "KEEP_MONTHLY_KEY",
    "KEEP_MONTHLY_RANGE",
    "NOTICE",
    "SECOND_FOLDER_KEY",
    "BackupSettings",
    "CheckContext",
    "ExtraCheck",
    "Problem",
    "SafetyBusy",
    "backup_now",
    "backup_settings",
    "check_folder",
    "due_daily_backup",
    "extra_checks",
    "inspect_backup",
    "last_backup",
    "list_backup_files",
    "read_backup",
    "restore_in_place",
    "restore_summary",
    "save_backup_settings",
]  # fmt: skip


# --- backups -------------------------------------------------------------------------------


def backup_now(
    db: Database,
    kind: str = "manual",
    *,
    dest: Path | None = None,
    state: TaskState | None = None,
    wait: float = 0.0,
) -> bk.BackupResult:
    """Back up now into ``backups/`` (or into ``dest``, a file or folder, for ``backup -o``).

    Into ``backups/``: the verified file is also copied to the second folder (an absent USB stick
    is a warning), and automatic backups are rotated in both places. An automatic backup
    (``exit``, ``daily``) whose database is byte-identical to the newest backup is not written
    again (``result.skipped``): nothing would be gained but another copy of every photo.
    ``wait``: how long to wait for another backup, restore or check of this process to end.
    """
    settings = backup_settings(ServiceContext(db))
    backups = db.folder.backups
    with one_at_a_time(wait):
        newest = bk.list_backups(backups)
        same = newest[0].path if newest and kind in bk.AUTOMATIC_KINDS and dest is None else None
        result = bk.create_backup(
            db.folder.root,
            dest or backups,
            kind=kind,
            app_version=gwinong_desktop.__version__,
            state=state,
            unless_same_as=same,
        )
        if dest is not None:
            return result
        bk.rotate(backups, settings.keep_daily, settings.keep_monthly)
        if settings.second_folder is not None:
            _to_second_folder(db, result, settings)
    return result


def _to_second_folder(db: Database, result: bk.BackupResult, settings: BackupSettings) -> None:
    folder = settings.second_folder
    assert folder is not None
    if not folder.is_dir():
        result.warnings.append(
            f"두 번째 백업 폴더를 찾을 수 없어 복사하지 못했습니다: {folder}\n"
            "USB 메모리가 꽂혀 있는지 확인해 주세요. 백업은 데이터 폴더에 만들어졌습니다."
        )
        return
    try:
        if not (folder / result.path.name).exists():
            result.copies.append(bk.copy_backup(result.path, folder))
        bk.rotate(
            folder,
            settings.keep_daily,
            settings.keep_monthly,
            source=bk.source_id(db.folder.root),
        )
    except (OSError, StorageError) as exc:
        reason = getattr(exc, "message", None) or getattr(exc, "strerror", None) or str(exc)
        result.warnings.append(f"두 번째 백업 폴더에 복사하지 못했습니다: {folder}\n({reason})")


def list_backup_files(db: Database) -> list[bk.BackupEntry]:
    return bk.list_backups(db.folder.backups)


def last_backup(db: Database) -> bk.BackupEntry | None:
    entries = list_backup_files(db)
    return entries[0] if entries else None


def due_daily_backup(db: Database, now: datetime | None = None) -> bool:
    """Whether the newest backup (of any kind) is a day old or more, or there is none."""
    newest = last_backup(db)
    now = now or datetime.now().astimezone()
    return newest is None or now - newest.created >= DAILY_AFTER


def read_backup(file: Path) -> bk.Manifest:
    """What a backup file says it holds (quick: the members are checked by the restore itself);
    a file that is not one of our backups, or from a newer version, is refused here already."""
    return bk.read_manifest(Path(file))


def inspect_backup(file: Path, state: TaskState | None = None) -> bk.Manifest:
    """Verify a backup file completely (for the confirmation before a restore)."""
    return bk.verify_backup(Path(file), state=state)


# --- restore -------------------------------------------------------------------------------


def restore_in_place(
    db: Database, file: Path, *, actor: str = "system", state: TaskState | None = None
) -> bk.RestoreResult:
    """Restore ``file`` into the folder ``db`` has open, then reopen ``db`` on the result.

    ``db`` keeps its lock the whole time; its connections are closed just before the database file
    is swapped and opened again afterwards, on the restored database if the swap happened, on the
    old one otherwise. Services over ``db`` keep working; the window only reloads what it shows.
    """
    closed = False

    def close() -> None:
        nonlocal closed
        bk.close_for_restore(db)
        closed = True

    with one_at_a_time():
        try:
            result = bk.restore_backup(
                db.folder.root,
                Path(file),
                lock=db.lock,
                app_version=gwinong_desktop.__version__,
                state=state,
                before_swap=close,
            )
        finally:
            if closed:
                bk.reopen_database(db)
    with ServiceContext(db, actor).write() as s:
        log_event(s, "restore", "backup", restore_summary(Path(file), result))
    return result


def restore_summary(file: Path, result: bk.RestoreResult) -> str:
    when = result.manifest.created.strftime("%Y-%m-%d %H:%M")
    before = result.before_backup.name if result.before_backup else "없음"
    return f"백업에서 복원: {file.name} ({when} 백업), 복원 전 상태 백업: {before}"[:300]
