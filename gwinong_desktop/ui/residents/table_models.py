"""The 입주 현황 (stays) and 입주자 (people) lists: columns declared over the service rows, on
the one record table model.

Names and phones are personal columns (``mask=``): shown in full only when the page tells the
model the role may see them. Both lists filter inside the model; the stays list by status,
읍면, house and "정착 여부 확인 필요" (:data:`STAY_FILTER_FIELDS`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gwinong_desktop.domain.enums import SettlementOutcome
from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.stays import StayStatus

from ..records import Align, Column, RecordTableModel, natural_key

if TYPE_CHECKING:  # the page may be built on the first screen, before SQLAlchemy loads
    from gwinong_desktop.services.residents import ResidentRow
    from gwinong_desktop.services.stay_rows import StayRow

STAY_CONTEXT = "StayTableModel"
PEOPLE_CONTEXT = "ResidentTableModel"
STATUS_COLOURS: dict[StayStatus, str] = {
    StayStatus.COMING: "#1d5fa8",
    StayStatus.LIVING: "#2f7d32",
    StayStatus.ENDING: "#a35c00",
    StayStatus.OVERDUE: "#b3261e",
    StayStatus.MOVED_OUT: "#6b6b6b",
}
STATUS_ORDER = {status: i for i, status in enumerate(StayStatus)}
REMINDER_COLOUR = "#a35c00"
STAY_FILTER_FIELDS = ("status", "eupmyeon", "house_id", "needs_settlement_check")


def mask_name(text: str) -> str:
    from gwinong_desktop.services.privacy import mask_name as mask  # loaded with the services

    return mask(text)


def mask_phone(text: str) -> str:
    from gwinong_desktop.services.privacy import mask_phone as mask

    return mask(text)


def _d(value: date | None) -> str:
    return format_date_ko(value) if value else ""


def _settlement_text(row: StayRow) -> str:
    if row.needs_settlement_check:
        return "확인 필요"
    if row.moved_out_on is None and row.settlement is SettlementOutcome.UNKNOWN:
        return ""
    marks = [m for m, on in (("전입", row.moved_in_registered),
                             ("경영체", row.farm_registered)) if on]  # fmt: skip
    return row.settlement.label + (f" ({', '.join(marks)})" if marks else "")


def _settlement_colour(row: StayRow) -> str | None:
    return REMINDER_COLOUR if row.needs_settlement_check else None


def _settlement_tip(row: StayRow) -> str | None:
    if row.needs_settlement_check:
        return "퇴거한 뒤 정착 여부(전입, 농업경영체 등록)를 아직 확인하지 않았습니다."
    if row.settled_on:
        return f"확인일 {format_date_ko(row.settled_on)}"
    return None


STAY_COLUMNS: tuple[Column[StayRow], ...] = (
    Column("house_code", QT_TRANSLATE_NOOP(STAY_CONTEXT, "관리번호"), lambda r: r.house_code,
           sort=lambda r: natural_key(r.house_code), width=100),
    Column("eupmyeon", QT_TRANSLATE_NOOP(STAY_CONTEXT, "읍면"), lambda r: r.eupmyeon, width=64),
    Column("name", QT_TRANSLATE_NOOP(STAY_CONTEXT, "입주자"), lambda r: r.name, mask=mask_name,
           width=72),
    Column("phone", QT_TRANSLATE_NOOP(STAY_CONTEXT, "연락처"), lambda r: r.phone,
           mask=mask_phone, width=104),
    Column("household_size", QT_TRANSLATE_NOOP(STAY_CONTEXT, "세대원"),
           lambda r: f"{r.household_size}명", sort=lambda r: r.household_size, align=Align.RIGHT,
           export=lambda r: r.household_size, number_format="0", width=56),
    Column("move_in_on", QT_TRANSLATE_NOOP(STAY_CONTEXT, "입주일"), lambda r: _d(r.move_in_on),
           sort=lambda r: r.move_in_on, export=lambda r: r.move_in_on, width=86),
    Column("planned_end_on", QT_TRANSLATE_NOOP(STAY_CONTEXT, "퇴거예정일"),
           lambda r: _d(r.planned_end_on), sort=lambda r: r.planned_end_on,
           export=lambda r: r.planned_end_on, width=92),
    Column("extended_to", QT_TRANSLATE_NOOP(STAY_CONTEXT, "연장"), lambda r: _d(r.extended_to),
           sort=lambda r: r.extended_to, export=lambda r: r.extended_to, width=92),
    Column("moved_out_on", QT_TRANSLATE_NOOP(STAY_CONTEXT, "퇴거일"),
           lambda r: _d(r.moved_out_on), sort=lambda r: r.moved_out_on,
           export=lambda r: r.moved_out_on, width=92),
    Column("status", QT_TRANSLATE_NOOP(STAY_CONTEXT, "상태"), lambda r: r.status.label,
           sort=lambda r: STATUS_ORDER[r.status], colour=lambda r: STATUS_COLOURS[r.status],
           width=76),
    Column("monthly_rent", QT_TRANSLATE_NOOP(STAY_CONTEXT, "월 임대료"),
           lambda r: format_won(r.monthly_rent) if r.monthly_rent else "",
           sort=lambda r: r.monthly_rent, align=Align.RIGHT, export=lambda r: r.monthly_rent,
           number_format="#,##0", width=90),
    Column("settlement", QT_TRANSLATE_NOOP(STAY_CONTEXT, "정착 여부"), _settlement_text,
           colour=_settlement_colour, tooltip=_settlement_tip, width=130),
)  # fmt: skip
"""The columns of the 입주 현황 list, in the order shown."""


class StayTableModel(RecordTableModel["StayRow"]):
    """``list[StayRow]`` → the 입주 현황 table (:data:`STAY_COLUMNS`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            STAY_COLUMNS,
            context=STAY_CONTEXT,
            search_text=lambda r: r.search_text(),
            filter_fields=STAY_FILTER_FIELDS,
            parent=parent,
        )


RESIDENT_COLUMNS: tuple[Column[ResidentRow], ...] = (
    Column("name", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "성명"), lambda r: r.name, mask=mask_name,
           width=80),
    Column("birth_year", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "출생연도"),
           lambda r: str(r.birth_year or ""), sort=lambda r: r.birth_year, align=Align.RIGHT,
           export=lambda r: r.birth_year, number_format="0", width=72),
    Column("phone", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "연락처"), lambda r: r.phone,
           mask=mask_phone, width=116),
    Column("members", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "세대원(동거 가족)"),
           lambda r: f"{r.members}명" if r.members else "", sort=lambda r: r.members,
           align=Align.RIGHT, export=lambda r: r.members, number_format="0", width=110),
    Column("house_code", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "최근 입주한 집"),
           lambda r: r.house_code, sort=lambda r: natural_key(r.house_code), width=120),
    Column("move_in_on", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "입주일"), lambda r: _d(r.move_in_on),
           sort=lambda r: r.move_in_on, export=lambda r: r.move_in_on, width=86),
    Column("status", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "상태"),
           lambda r: r.status.label if r.status else "",
           sort=lambda r: STATUS_ORDER[r.status] if r.status else None,
           colour=lambda r: STATUS_COLOURS[r.status] if r.status else None, width=76),
    Column("stays", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "입주 횟수"), lambda r: f"{r.stays}회",
           sort=lambda r: r.stays, align=Align.RIGHT, export=lambda r: r.stays,
           number_format="0", width=72),
    Column("settlement", QT_TRANSLATE_NOOP(PEOPLE_CONTEXT, "정착 여부"),
           lambda r: r.settlement.label, width=90),
)  # fmt: skip
"""The columns of the 입주자 list, in the order shown."""


class ResidentTableModel(RecordTableModel["ResidentRow"]):
    """``list[ResidentRow]`` → the 입주자 table (:data:`RESIDENT_COLUMNS`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            RESIDENT_COLUMNS, context=PEOPLE_CONTEXT, search_text=lambda r: r.search_text(),
            parent=parent,
        )  # fmt: skip
