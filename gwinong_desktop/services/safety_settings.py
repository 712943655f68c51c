"""Backup settings (kept in the ``setting`` table, so they travel with the data) and the rule
that only one backup, restore or check runs at a time in this process."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.storage import models as m
from gwinong_desktop.storage.backup import BackupError

from .context import ServiceContext

KEEP_DAILY_KEY = "backup.keep_daily"
KEEP_MONTHLY_KEY = "backup.keep_monthly"
SECOND_FOLDER_KEY = "backup.second_folder"
DEFAULT_KEEP_DAILY = 14
DEFAULT_KEEP_MONTHLY = 12
KEEP_DAILY_RANGE = (1, 366)
KEEP_MONTHLY_RANGE = (0, 240)
DAILY_AFTER = timedelta(days=1)


# --- settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_monthly: int = DEFAULT_KEEP_MONTHLY
    second_folder: Path | None = None  # a USB stick or a network folder; None: none


def backup_settings(ctx: ServiceContext) -> BackupSettings:
    with ctx.read() as s:
        rows = dict(
            s.execute(
                select(m.Setting.key, m.Setting.value).where(
                    m.Setting.key.in_((KEEP_DAILY_KEY, KEEP_MONTHLY_KEY, SECOND_FOLDER_KEY))
                )
            ).all()
        )
    return BackupSettings(
        keep_daily=_int(rows.get(KEEP_DAILY_KEY), DEFAULT_KEEP_DAILY, KEEP_DAILY_RANGE),
        keep_monthly=_int(rows.get(KEEP_MONTHLY_KEY), DEFAULT_KEEP_MONTHLY, KEEP_MONTHLY_RANGE),
        second_folder=Path(rows[SECOND_FOLDER_KEY]) if rows.get(SECOND_FOLDER_KEY) else None,
    )


def save_backup_settings(ctx: ServiceContext, new: BackupSettings) -> BackupSettings:
    """Store the settings (audited); numbers outside the allowed ranges are refused."""
    for value, (low, high), what in (
        (new.keep_daily, KEEP_DAILY_RANGE, "일별 백업 보관 수"),
        (new.keep_monthly, KEEP_MONTHLY_RANGE, "월별 백업 보관 수"),
    ):
        if not low <= value <= high:
            raise ValueError(f"{what}는 {low}~{high} 사이여야 합니다: {value}")
    values = {
        KEEP_DAILY_KEY: str(new.keep_daily),
        KEEP_MONTHLY_KEY: str(new.keep_monthly),
        SECOND_FOLDER_KEY: str(new.second_folder) if new.second_folder else "",
    }
    with ctx.write() as s:
        for key, value in values.items():
            row = s.get(m.Setting, key)
            if row is None:
                s.add(m.Setting(key=key, value=value))
            elif row.value != value:
                row.value = value
    return new


def _int(text: str | None, default: int, bounds: tuple[int, int]) -> int:
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return min(max(value, bounds[0]), bounds[1])


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
