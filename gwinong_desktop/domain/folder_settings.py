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

# --- inspections: the checklist of each kind, one item a line (editable on the 점검·사진 page) --

_PHOTOS = "사진 촬영 (전경·원경·내부·주변)"
_COMMON = (
    "누수 (지붕·천장·벽체·배관)", "난방·보일러 작동", "전기 안전 (차단기·누전·콘센트)",
    "가스 안전 (배관·밸브·경보기)", "화장실 (배수·변기·환기)", "주방 (싱크대·배수·후드)",
    "외벽·지붕 상태", "창호·출입문 (잠금·방충망)", "소화기 비치·압력", "화재경보기 작동",
)  # fmt: skip
_BEFORE_WORKS = (
    "주택 구조 안전 (기초·벽체·지붕 골조)", "누수 흔적", "전기 인입·배선 상태",
    "상수도·정화조 상태", "진입로·주차 공간", "주변 환경 (축사·소음·경사지)", _PHOTOS,
)  # fmt: skip
_COMPLETION = (*_COMMON, "설계·계약 내용대로 시공", "하자 여부 (도배·장판·마감)", _PHOTOS)
_REGULAR = (
    *_COMMON,
    "청소·위생 상태",
    "입주자 생활 (불편 사항·민원)",
    "거주자 명부·임대료 수납 확인",
)
_AD_HOC = (
    "확인 요청 사항", "누수 (지붕·천장·벽체·배관)", "난방·보일러 작동", "전기·가스 안전",
    "입주자 생활 (불편 사항·민원)",
)  # fmt: skip
_MOVE_OUT = (
    "시설 파손 여부", "원상복구 (도배·장판·벽체)", "비품 확인 (가전·가구)", "청소 상태",
    "난방·보일러 작동", "열쇠 반납", "공과금 정산 (전기·수도·가스)", "소화기 비치·압력",
)  # fmt: skip


def _checklist(code: str, kind: str, items: tuple[str, ...]) -> FolderSetting[str]:
    return FolderSetting(f"checklist.{code}", f"점검 항목: {kind}", str, "\n".join(items))


CHECKLIST_BEFORE_WORKS = _checklist("before_works", "착공 전", _BEFORE_WORKS)
CHECKLIST_COMPLETION = _checklist("completion", "준공", _COMPLETION)
CHECKLIST_REGULAR = _checklist("regular", "정기", _REGULAR)
CHECKLIST_AD_HOC = _checklist("ad_hoc", "수시", _AD_HOC)
CHECKLIST_MOVE_OUT = _checklist("move_out", "퇴거", _MOVE_OUT)
CHECKLISTS: dict[str, FolderSetting[str]] = {
    "before_works": CHECKLIST_BEFORE_WORKS,
    "completion": CHECKLIST_COMPLETION,
    "regular": CHECKLIST_REGULAR,
    "ad_hoc": CHECKLIST_AD_HOC,
    "move_out": CHECKLIST_MOVE_OUT,
}
"""The checklist setting of each ``InspectionKind`` by its code."""

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
    *CHECKLISTS.values(),
    DEMO_SCALE,
    DEMO_TODAY,
    DEMO_VERSION,
)
