"""The house list: its columns declared over ``HouseRow``, on the one record table model.

Search terms are matched against ``HouseRow.search_text()`` (code, 읍면, 리, address, operator,
type, status, year); every term must appear. 관리번호 sorts naturally (진안-2 before 진안-10),
상태 by the life cycle, 조성유형 by its label; empty values sort last both ways. The list filters
by 읍면, status, development type and program year (:data:`FILTER_FIELDS`). Archived houses
(shown only when the page asks for them) are greyed and marked "보관됨".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.services.house_rows import HouseRow

from ..records import Align, Column, RecordTableModel, natural_key

STATUS_COLOURS: dict[HouseStatus, str] = {
    HouseStatus.BUILDING: "#1d5fa8",
    HouseStatus.OCCUPIED: "#2f7d32",
    HouseStatus.VACANT: "#a35c00",
    HouseStatus.ENDED: "#6b6b6b",
    HouseStatus.CANCELLED: "#a33a3a",
}
STATUS_ORDER = {status: i for i, status in enumerate(HouseStatus)}
FILTER_FIELDS = ("eupmyeon", "status", "development_type", "program_year")
"""The fields the list filters by, as ``HouseRow`` attributes."""
CONTEXT = "HouseTableModel"


def format_area(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _status_text(row: HouseRow) -> str:
    return f"{row.status.label} (보관됨)" if row.archived else row.status.label


def _optional(value: Any) -> str:
    return "" if value is None else str(value)


HOUSE_COLUMNS: tuple[Column[HouseRow], ...] = (
    Column("code", QT_TRANSLATE_NOOP(CONTEXT, "관리번호"), lambda r: r.code,
           sort=lambda r: natural_key(r.code), tooltip=lambda r: r.address, width=112),
    Column("eupmyeon", QT_TRANSLATE_NOOP(CONTEXT, "읍면"), lambda r: r.eupmyeon, width=72),
    Column("ri", QT_TRANSLATE_NOOP(CONTEXT, "리"), lambda r: r.ri,
           tooltip=lambda r: r.address, width=72),
    Column("development_type", QT_TRANSLATE_NOOP(CONTEXT, "조성유형"),
           lambda r: r.development_type.label, width=150),
    Column("program_year", QT_TRANSLATE_NOOP(CONTEXT, "조성연도"), lambda r: str(r.program_year),
           sort=lambda r: r.program_year, align=Align.RIGHT,
           export=lambda r: r.program_year, number_format="0", width=72),
    Column("operator", QT_TRANSLATE_NOOP(CONTEXT, "운영자"), lambda r: r.operator, width=160),
    Column("rooms", QT_TRANSLATE_NOOP(CONTEXT, "방수"), lambda r: _optional(r.rooms),
           sort=lambda r: r.rooms, align=Align.RIGHT, export=lambda r: r.rooms,
           number_format="0", width=52),
    Column("floor_area_m2", QT_TRANSLATE_NOOP(CONTEXT, "건물면적(m²)"),
           lambda r: format_area(r.floor_area_m2), sort=lambda r: r.floor_area_m2,
           align=Align.RIGHT, width=108,
           export=lambda r: None if r.floor_area_m2 is None else float(r.floor_area_m2)),
    Column("status", QT_TRANSLATE_NOOP(CONTEXT, "상태"), _status_text,
           sort=lambda r: STATUS_ORDER[r.status], colour=lambda r: STATUS_COLOURS[r.status],
           width=104),
)  # fmt: skip
"""The columns of the house list, in the order shown."""

_AT = {column.key: i for i, column in enumerate(HOUSE_COLUMNS)}


class HouseTableModel(RecordTableModel[HouseRow]):
    """``list[HouseRow]`` → the 귀농인의 집 table (:data:`HOUSE_COLUMNS`)."""

    CODE, EUPMYEON, RI, TYPE = _AT["code"], _AT["eupmyeon"], _AT["ri"], _AT["development_type"]
    YEAR, OPERATOR, ROOMS = _AT["program_year"], _AT["operator"], _AT["rooms"]
    AREA, STATUS = _AT["floor_area_m2"], _AT["status"]
    COLUMN_COUNT = len(HOUSE_COLUMNS)
    HouseIdRole = RecordTableModel.IdRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            HOUSE_COLUMNS,
            context=CONTEXT,
            search_text=HouseRow.search_text,
            filter_fields=FILTER_FIELDS,
            archived=lambda r: r.archived,
            parent=parent,
        )

    def row_of_house(self, house_id: int) -> int | None:
        """The visible row showing the house ``house_id``, or None if it is filtered out."""
        return self.row_of(house_id)
