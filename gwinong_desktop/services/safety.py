"""Keeping the officer's data safe: backups (when, where, how many), restore, and the data check.

The file work is in ``storage.backup``; this module adds the automatic kinds (on exit, daily at
start), the second folder (a USB stick that may be absent), rotation, and restoring into the
folder the app has open. Settings are in ``safety_settings``, the data check in ``safety_check``;
everything public is importable from here. Long functions take a ``domain.progress.TaskState``
(``state``), stop with its ``Cancelled``, and know nothing of Qt.

The use cases are the methods of :class:`SafetyService` (``Services.safety``); each begins with
its permission check, so a role that may not back up, restore or repair is refused here, not
only by a disabled button or the command line:

- a backup the officer asks for (``backup``) needs ``BACKUP`` and is recorded like an export
  (the file holds every resident's data and may leave the office);
- ``restore`` needs ``RESTORE`` and records itself; ``check`` needs nothing (it changes
  nothing), ``check(repair=True)`` needs ``REPAIR`` and records every repair;
- changing the backup settings needs ``EDIT`` (as every setting does); reading them needs
  nothing;
- the automatic backups (``automatic_backup``: daily, on exit) are the program's own work and
  need no permission: they run in every session, a 열람 account's too, as before; they only
  ever write into the data folder's ``backups/`` and the second folder that an account with
  ``EDIT`` chose, so they take no data anywhere a role could not already send it, and they are
  not recorded (an hourly record would also change the database, so an unchanged day could
  never skip its backup).

A restore into a folder whose database does not open (damaged, not ours, from a newer version)
cannot check an account: nobody can sign in. :func:`restore_folder` then lets the files be the
gate (whoever may write the folder may put a backup into it), as the command line always did,
and records the restore under the OS user.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import gwinong_desktop
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.domain.permissions import Actor, Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import StorageError

from .access_record import record_done

if TYPE_CHECKING:
    from gwinong_desktop.storage.server import Moved
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
    "SafetyService",
    "extra_checks",
    "read_backup",
    "restore_folder",
    "restore_summary",
]  # fmt: skip


# --- the use cases -------------------------------------------------------------------------


class SafetyService:
    """Backups, restore, the data check and the backup settings of ``ctx``'s folder."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def _db(self) -> Database:
        return self.ctx.db

    @property
    def backups_folder(self) -> Path:
        """The data folder's ``backups/`` (to open it, or to start a file dialog there)."""
        return self._db.folder.backups

    # --- settings ---------------------------------------------------------------------------

    def settings(self) -> BackupSettings:
        return backup_settings(self.ctx)

    def save_settings(self, new: BackupSettings) -> BackupSettings:
        """Store the settings (audited, ``EDIT``); numbers out of range are refused."""
        self.ctx.require(Permission.EDIT)
        return save_backup_settings(self.ctx, new)

    # --- backups ----------------------------------------------------------------------------

    def backup(
        self, *, dest: Path | None = None, state: TaskState | None = None
    ) -> bk.BackupResult:
        """The officer's backup (``BACKUP``): into ``backups/`` (and the second folder), or into
        ``dest``, a file or folder (``backup -o``). Always written, and recorded like an export;
        a record that cannot be written is a warning of the result (the file exists)."""
        self.ctx.require(Permission.BACKUP)
        result = _backup(self.ctx, "manual", dest, state, 0.0)
        where = "" if dest is None else f" ({result.path.parent})"
        warning = record_done(
            self.ctx, "export", "backup", f"백업 파일 만들기: {result.path.name}{where}",
            what="백업 파일 만들기",
        )  # fmt: skip
        if warning:
            result.warnings.append(warning)
        return result

    def automatic_backup(
        self, kind: str, *, state: TaskState | None = None, wait: float = 0.0
    ) -> bk.BackupResult:
        """The program's own backup (``daily``, ``exit``) into ``backups/`` and the second folder;
        see the module's note for why it needs no permission. One whose database is
        byte-identical to the newest backup is not written again (``result.skipped``).
        ``wait``: how long to wait for another backup, restore or check of this process."""
        if kind not in bk.AUTOMATIC_KINDS:
            raise ValueError(f"not an automatic backup kind: {kind}")
        return _backup(self.ctx, kind, None, state, wait)

    def list_backups(self) -> list[bk.BackupEntry]:
        """The backups in ``backups/``, newest first."""
        return bk.list_backups(self.backups_folder)

    def last_backup(self) -> bk.BackupEntry | None:
        entries = self.list_backups()
        return entries[0] if entries else None

    def due_daily_backup(self, now: datetime | None = None) -> bool:
        """Whether the newest backup (of any kind) is a day old or more, or there is none."""
        newest = self.last_backup()
        now = now or datetime.now().astimezone()
        return newest is None or now - newest.created >= DAILY_AFTER

    # --- restore ----------------------------------------------------------------------------

    def restore(self, file: Path, *, state: TaskState | None = None) -> bk.RestoreResult:
        """Restore ``file`` into the folder the services have open (``RESTORE``), then reopen the
        database on the result and record the restore there.

        The folder's lock is held the whole time; the connections are closed just before the
        database file is swapped and opened again afterwards, on the restored database if the
        swap happened, on the old one otherwise. Services over the folder keep working; the window
        only reloads what it shows. The restore cannot be undone by a failed record: that is a
        warning of the result."""
        self.ctx.require(Permission.RESTORE)
        db, closed = self._db, False

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
        _record_restore(self.ctx, Path(file), result)
        return result

    # --- moving up to a server --------------------------------------------------------------

    @property
    def server(self) -> str | None:
        """The server this folder's database is on (``postgresql://USER@HOST:PORT/DB``), or
        None for the folder's own file."""
        return None if self._db.server is None else str(self._db.server)

    @staticmethod
    def server_address(text: str) -> str:
        """``text`` as a server address without its password; a typo is refused in Korean,
        saying what is wrong (``Refusal``)."""
        from gwinong_desktop.storage.server import parse_server_url

        return str(parse_server_url(text)[0])

    def move_to_server(
        self, url: str, *, password: str | None = None, state: TaskState | None = None
    ) -> tuple[Moved, str | None]:
        """Move this folder's records up to the empty server database ``url`` (``RESTORE``:
        관리자 only) and go on working there: ``storage.server.move_to_server`` says what is
        checked before the folder switches; a cancel before that leaves everything as it was.
        Recorded on the server. Returns what was moved, and a warning if the database could
        not be reopened on the server or the move not recorded (the move itself stands)."""
        from gwinong_desktop.storage.database import reopen_on_server
        from gwinong_desktop.storage.server import move_to_server

        self.ctx.require(Permission.RESTORE)
        with one_at_a_time():
            moved = move_to_server(self._db, url, password=password, state=state)
            try:
                reopen_on_server(self._db, password)
            except StorageError as exc:
                return moved, (
                    f"서버로 옮겼지만 서버의 데이터베이스를 다시 열지 못했습니다.\n{exc.message}\n"
                    "프로그램을 다시 시작해 주세요."
                )
        rows = sum(t.rows for t in moved.tables)
        warning = record_done(
            self.ctx, "move", "database",
            f"이 PC의 데이터베이스를 서버로 옮김: {moved.url} (표 {len(moved.tables)}개, "
            f"행 {rows:,}개 확인)", what="서버로 옮기기",
        )  # fmt: skip
        return moved, warning

    # --- the data check ---------------------------------------------------------------------

    def check(
        self, *, repair: bool = False, quick: bool = False, state: TaskState | None = None
    ) -> list[Problem]:
        """The data check (changes nothing; anyone may run it). With ``repair`` (``REPAIR``):
        missing or damaged files are put back from a backup and leftovers of killed work
        removed, each repair recorded. ``quick``: ``quick_check`` and file sizes, no hashes."""
        if repair:
            self.ctx.require(Permission.REPAIR)
        return check_folder(self.ctx, repair=repair, quick=quick, state=state)


def _backup(
    ctx: ServiceContext, kind: str, dest: Path | None, state: TaskState | None, wait: float
) -> bk.BackupResult:
    """Back up now into ``backups/`` (or into ``dest``). Into ``backups/``: the verified file is
    also copied to the second folder (an absent USB stick is a warning), and automatic backups
    are rotated in both places; an automatic one with nothing new is skipped."""
    db, settings = ctx.db, backup_settings(ctx)
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
            server=db.server,  # known since the open: server.json is not read again
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


def read_backup(file: Path) -> bk.Manifest:
    """What a backup file says it holds (quick: the members are checked by the restore itself);
    a file that is not one of our backups, or from a newer version, is refused here already.
    Reading a file is no use case of the folder: it needs no permission."""
    return bk.read_manifest(Path(file))


# --- restore into a folder no program has open -----------------------------------------------


def restore_folder(
    root: Path,
    file: Path,
    *,
    sign_in: Callable[[Database], Actor],
    os_user: str,
    state: TaskState | None = None,
) -> bk.RestoreResult:
    """Restore ``file`` into the data folder ``root`` (the command line's ``restore``).

    On a database that opens, ``sign_in`` names the account (a folder without accounts: the OS
    user, with every right) and :meth:`SafetyService.restore` refuses a role without ``RESTORE``.
    On one that does not open nobody can sign in: the folder's files are the gate, and the
    restore is recorded under ``os_user``. A folder another program has open is refused."""
    from . import Services

    try:
        db = open_database(root, purpose="백업에서 복원")
    except StorageError as exc:
        if exc.exit_code == ExitCode.IN_USE:
            raise
    else:
        with db:
            return Services.over(db, sign_in(db)).safety.restore(file, state=state)
    result = bk.restore_backup(
        root, Path(file), app_version=gwinong_desktop.__version__, state=state
    )
    with open_database(root, purpose="복원 확인") as db:
        _record_restore(ServiceContext(db, os_user), Path(file), result)
    return result


def _record_restore(ctx: ServiceContext, file: Path, result: bk.RestoreResult) -> None:
    warning = record_done(
        ctx, "restore", "backup", restore_summary(file, result), what="백업에서 복원"
    )
    if warning:
        result.warnings.append(warning)


def restore_summary(file: Path, result: bk.RestoreResult) -> str:
    when = result.manifest.created.strftime("%Y-%m-%d %H:%M")
    before = result.before_backup.name if result.before_backup else "없음"
    return f"백업에서 복원: {file.name} ({when} 백업), 복원 전 상태 백업: {before}"[:300]


def move_folder_to_server(
    root: Path,
    url: str,
    *,
    sign_in: Callable[[Database], Actor],
    password: str | None = None,
    state: TaskState | None = None,
) -> tuple[Moved, str | None]:
    """``move-to-server`` of the command line: the folder ``root`` opened once (and locked),
    the account signed in there, then :meth:`SafetyService.move_to_server`."""
    from gwinong_desktop.storage.datafolder import DB_FILENAME
    from gwinong_desktop.storage.server import SERVER_FILE

    from . import Services

    root = Path(root)
    if not (root / SERVER_FILE).exists() and not (root / DB_FILENAME).is_file():
        raise StorageError(f"옮길 데이터베이스가 없습니다: {root / DB_FILENAME}",
                           ExitCode.BAD_INPUT)  # fmt: skip
    with open_database(root, purpose="서버로 옮기기") as db:
        safety = Services.over(db, sign_in(db)).safety
        return safety.move_to_server(url, password=password, state=state)
