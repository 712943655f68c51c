"""The settings kept in the data folder (the ``setting`` table), declared once (Picard's
``options.py``, as ``ui/settings.py`` declares the window's).

Each :class:`FolderSetting` names its key, its Korean label, its type and the value it has when
no row holds it (or the row holds something that is not of its type). Nothing else in the code
spells one of these keys: read and write them through ``storage.folder_settings``
(``read_setting``, ``read_settings``, ``write_setting``), or, on the plain-``sqlite3`` first
screen, ``FolderSetting.parse`` over the row found by ``FolderSetting.key``. A test scans the
code for raw keys. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T", str, int)


@dataclass(frozen=True)
class FolderSetting(Generic[T]):
    """One stored value. Text is stored without surrounding spaces; a number outside
    ``bounds`` is read as the nearest bound."""

    key: str
    label: str
    type: type[T]
    default: T
    bounds: tuple[int, int] | None = None

    def parse(self, raw: str | None) -> T:
        """The value of a stored text (``None``: no row)."""
        if raw is None:
            return self.default
        if self.type is str:
            return raw.strip()  # type: ignore[return-value]
        try:
            value = int(raw)
        except ValueError:
            return self.default
        if self.bounds is not None:
            value = min(max(value, self.bounds[0]), self.bounds[1])
        return value  # type: ignore[return-value]

    def text(self, value: T) -> str:
        """What is stored for ``value``."""
        if not isinstance(value, self.type):
            raise TypeError(f"{self.key}: {value!r} is not {self.type.__name__}")
        return value.strip() if isinstance(value, str) else str(value)


# --- the county's profile (설정 → 시군 정보): who the data folder belongs to -----------------

COUNTY = FolderSetting("county", "시군", str, "")
PROVINCE = FolderSetting("province", "시도", str, "")
OFFICER_NAME = FolderSetting("officer_name", "담당자", str, "")
DEPARTMENT = FolderSetting("department", "부서", str, "")
PHONE = FolderSetting("phone", "전화번호", str, "")
PROFILE: tuple[FolderSetting[str], ...] = (COUNTY, PROVINCE, OFFICER_NAME, DEPARTMENT, PHONE)

# --- security and backups -----------------------------------------------------------------------

IDLE_MINUTES = FolderSetting("security.idle_minutes", "자동 잠금 시간(분)", int, 10, (1, 60))
KEEP_DAILY = FolderSetting("backup.keep_daily", "일별 백업 보관 수", int, 14, (1, 366))
KEEP_MONTHLY = FolderSetting("backup.keep_monthly", "월별 백업 보관 수", int, 12, (0, 240))
SECOND_FOLDER = FolderSetting("backup.second_folder", "두 번째 백업 폴더", str, "")

# --- the demo (``gwinong_desktop.demo``) ----------------------------------------------------------

DEMO_SCALE = FolderSetting("demo_scale", "예시 자료 규모", str, "")
DEMO_TODAY = FolderSetting("demo_today", "예시 자료 기준일", str, "")
DEMO_VERSION = FolderSetting("demo_version", "예시 자료 판", str, "")

ALL: tuple[FolderSetting, ...] = (
    *PROFILE,
    IDLE_MINUTES,
    KEEP_DAILY,
    KEEP_MONTHLY,
    SECOND_FOLDER,
    DEMO_SCALE,
    DEMO_TODAY,
    DEMO_VERSION,
)
