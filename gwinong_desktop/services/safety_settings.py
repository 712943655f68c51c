"""Backup settings (kept in the ``setting`` table, so they travel with the data) and the rule
that only one backup, restore or check runs at a time in this process."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.domain.folder_settings import KEEP_DAILY, KEEP_MONTHLY, SECOND_FOLDER
from gwinong_desktop.storage.backup import BackupError
from gwinong_desktop.storage.folder_settings import read_setting, write_setting

from .context import ServiceContext

# the declarations' parts, by the names the backup panel and ``services.safety`` use
KEEP_DAILY_KEY, KEEP_MONTHLY_KEY, SECOND_FOLDER_KEY = (
    KEEP_DAILY.key, KEEP_MONTHLY.key, SECOND_FOLDER.key
)  # fmt: skip
DEFAULT_KEEP_DAILY, DEFAULT_KEEP_MONTHLY = KEEP_DAILY.default, KEEP_MONTHLY.default
KEEP_DAILY_RANGE, KEEP_MONTHLY_RANGE = KEEP_DAILY.bounds, KEEP_MONTHLY.bounds
DAILY_AFTER = timedelta(days=1)


# --- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_monthly: int = DEFAULT_KEEP_MONTHLY
    second_folder: Path | None = None  # a USB stick or a network folder; None: none


def backup_settings(ctx: ServiceContext) -> BackupSettings:
    with ctx.read() as s:
        second = read_setting(s, SECOND_FOLDER)
        return BackupSettings(
            keep_daily=read_setting(s, KEEP_DAILY),
            keep_monthly=read_setting(s, KEEP_MONTHLY),
            second_folder=Path(second) if second else None,
        )


def save_backup_settings(ctx: ServiceContext, new: BackupSettings) -> BackupSettings:
    """Store the settings (audited); numbers outside the allowed ranges are refused."""
    for value, (low, high), what in (
        (new.keep_daily, KEEP_DAILY_RANGE, "일별 백업 보관 수"),
        (new.keep_monthly, KEEP_MONTHLY_RANGE, "월별 백업 보관 수"),
    ):
        if not low <= value <= high:
            raise ValueError(f"{what}는 {low}~{high} 사이여야 합니다: {value}")
    with ctx.write() as s:
        write_setting(s, KEEP_DAILY, new.keep_daily)
        write_setting(s, KEEP_MONTHLY, new.keep_monthly)
        write_setting(s, SECOND_FOLDER, str(new.second_folder) if new.second_folder else "")
    return new


# --- one safety operation at a time --------------------------------------------------------

_busy = threading.Lock()


class SafetyBusy(BackupError):
    """Another backup, restore or check of this process is still running."""


@contextlib.contextmanager
def one_at_a_time(wait: float = 0.0) -> Iterator[None]:
    """Hold the process's one safety slot (waiting up to ``wait`` seconds), or refuse."""
    acquired = _busy.acquire(timeout=wait) if wait > 0 else _busy.acquire(blocking=False)
    if not acquired:
        raise SafetyBusy(
            "다른 백업·복원·점검 작업이 아직 진행 중입니다. 끝난 뒤 다시 해 주세요.",
            ExitCode.IN_USE,
        )
    try:
        yield
    finally:
        _busy.release()
