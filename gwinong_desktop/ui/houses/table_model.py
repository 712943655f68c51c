"""The house list as a Qt table model, filtering and sorting inside the model.

No ``QSortFilterProxyModel`` (ARCHITECTURE.md: 100× slower over large tables). The rows are
loaded once from ``HouseService.list_houses``; the model keeps them all and shows a filtered,
sorted list of indexes into them. Search terms are matched against ``HouseRow.search_text()``,
computed once per row; every term must appear (so "부귀 2019" finds 부귀면 houses of 2019).
Korean text sorts in plain Unicode order, which is 가나다 order for Hangul syllables; 관리번호
sorts "naturally" (진안-2 before 진안-10); empty values sort last in both directions.

Besides the search words, the list filters by 읍면, status, development type and program year
(:meth:`HouseTableModel.set_field_filter`; None means any). Archived houses (shown only when the
page asks for them) are greyed and marked "보관됨".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from gwinong_desktop.domain.enums import DevelopmentType, HouseStatus
from gwinong_desktop.services.house_rows import HouseRow

Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS: dict[HouseStatus, str] = {
    HouseStatus.BUILDING: "#1d5fa8",
    HouseStatus.OCCUPIED: "#2f7d32",
    HouseStatus.VACANT: "#a35c00",
    HouseStatus.ENDED: "#6b6b6b",
    HouseStatus.CANCELLED: "#a33a3a",
}
STATUS_ORDER = {status: i for i, status in enumerate(HouseStatus)}
ARCHIVED_COLOUR = "#8a8f8c"
FILTER_FIELDS = ("eupmyeon", "status", "development_type", "program_year")
"""The fields the list filters by, as ``HouseRow`` attributes."""

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[Any, ...]:
    """ "진안-2" before "진안-10": digit runs compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in _DIGITS.split(text)
        if part
    )


def format_area(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HouseTableModel", text)


class HouseTableModel(QAbstractTableModel):
    """``list[HouseRow]`` → the 귀농인의 집 table, with search and sort."""

    (CODE, EUPMYEON, RI, TYPE, YEAR, OPERATOR, ROOMS, AREA, STATUS) = range(9)
    COLUMN_COUNT = 9

    RowRole = Qt.ItemDataRole.UserRole + 1
    """The ``HouseRow`` of a row."""
    HouseIdRole = Qt.ItemDataRole.UserRole + 2
    """The house's integer id."""
    SortRole = Qt.ItemDataRole.UserRole + 3
    """The value the column sorts by."""

    NUMERIC_COLUMNS: ClassVar[frozenset[int]] = frozenset({YEAR, ROOMS, AREA})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseRow] = []
        self._haystacks: list[str] = []
        self._visible: list[int] = []  # indexes into _rows, filtered and sorted
        self._terms: tuple[str, ...] = ()
        self._field_filters: dict[str, Any] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            _tr("관리번호"), _tr("읍면"), _tr("리"), _tr("조성유형"), _tr("조성연도"),
            _tr("운영자"), _tr("방수"), _tr("건물면적(m²)"), _tr("상태"),
        )  # fmt: skip
        self._key_cache: dict[int, list[Any]] = {}
        """Sort keys per column for the rows held, made on the first sort by that column."""
        self._sort_keys: dict[int, Callable[[HouseRow], Any]] = {
            self.CODE: lambda r: natural_key(r.code),
            self.EUPMYEON: lambda r: r.eupmyeon or None,
            self.RI: lambda r: r.ri or None,
            self.TYPE: lambda r: r.development_type.label,
            self.YEAR: lambda r: r.program_year,
            self.OPERATOR: lambda r: r.operator or None,
            self.ROOMS: lambda r: r.rooms,
            self.AREA: lambda r: r.floor_area_m2,
            self.STATUS: lambda r: STATUS_ORDER[r.status],
        }

    # --- loading, filtering, sorting ------------------------------------------------------------

    def set_rows(self, rows: Sequence[HouseRow]) -> None:
        """Replace every row (after loading from the service); search and sort are kept."""
        self.beginResetModel()
        self._rows = list(rows)
        self._haystacks = [r.search_text() for r in self._rows]
        self._key_cache.clear()
        self._visible = self._filtered()
        self._apply_sort()
        self.endResetModel()

    def set_filter_text(self, text: str) -> None:
        """Show only the rows whose search text holds every word of ``text``."""
        terms = tuple(text.lower().split())
        if terms == self._terms:
            return
        self.beginResetModel()
        self._terms = terms
        self._visible = self._filtered()
        self._apply_sort()
        self.endResetModel()

    def filter_text(self) -> str:
        return " ".join(self._terms)

    def set_field_filter(self, field: str, value: Any) -> None:
        """Show only rows whose ``field`` (one of ``FILTER_FIELDS``) equals ``value``;
        None shows every value."""
        if field not in FILTER_FIELDS:
            raise ValueError(field)
        if self._field_filters.get(field) == value:
            return
        self.beginResetModel()
        if value is None:
            self._field_filters.pop(field, None)
        else:
            self._field_filters[field] = value
        self._visible = self._filtered()
        self._apply_sort()
        self.endResetModel()

    def field_filter(self, field: str) -> Any:
        return self._field_filters.get(field)

    def values_of(self, field: str) -> list[Any]:
        """The distinct values of ``field`` over every row (for the filter combos), sorted."""
        values = {getattr(r, field) for r in self._rows}
        values.discard(None)
        values.discard("")
        if field == "status":
            return sorted(values, key=lambda s: STATUS_ORDER[s])
        if field == "development_type":
            return [t for t in DevelopmentType if t in values]
        return sorted(values)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows by ``column``, keeping the selection (persistent indexes)."""
        if column not in self._sort_keys:
            return
        self.layoutAboutToBeChanged.emit()
        old_visible = list(self._visible)
        persistent = self.persistentIndexList()
        self._sort_column, self._sort_order = column, order
        self._apply_sort()
        position = {source: row for row, source in enumerate(self._visible)}
        self.changePersistentIndexList(
            persistent,
            [self.index(position[old_visible[i.row()]], i.column()) for i in persistent],
        )
        self.layoutChanged.emit()

    def sort_column(self) -> int:
        return self._sort_column

    def _filtered(self) -> list[int]:
        terms = self._terms
        wanted = list(self._field_filters.items())
        rows = self._rows
        if not terms and not wanted:
            return list(range(len(rows)))
        return [
            i
            for i, haystack in enumerate(self._haystacks)
            if all(t in haystack for t in terms)
            and all(getattr(rows[i], f) == v for f, v in wanted)
        ]

    def _apply_sort(self) -> None:
        if self._sort_column < 0:
            return  # the service's order (관리번호)
        keys = self._key_cache.get(self._sort_column)
        if keys is None:  # every keystroke re-sorts: compute a column's keys once per load
            key = self._sort_keys[self._sort_column]
            keys = self._key_cache[self._sort_column] = [key(r) for r in self._rows]
        keyed = [(keys[i], i) for i in self._visible]
        present = [pair for pair in keyed if pair[0] is not None]
        missing = [i for value, i in keyed if value is None]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        present.sort(key=lambda pair: pair[0], reverse=descending)  # stable
        self._visible = [i for _, i in present] + missing

    # --- reading ------------------------------------------------------------------------------

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def visible_count(self) -> int:
        return len(self._visible)

    def row_at(self, row: int) -> HouseRow:
        return self._rows[self._visible[row]]

    def visible_rows(self) -> list[HouseRow]:
        return [self._rows[i] for i in self._visible]

    def all_rows(self) -> list[HouseRow]:
        return list(self._rows)

    def row_of_house(self, house_id: int) -> int | None:
        """The visible row showing the house ``house_id``, or None if it is filtered out."""
        for row, source in enumerate(self._visible):
            if self._rows[source].id == house_id:
                return row
        return None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMN_COUNT:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section in self.NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in self.NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.archived:
                return QColor(ARCHIVED_COLOUR)
            if column == self.STATUS:
                return QColor(STATUS_COLOURS[row.status])
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.CODE, self.RI):
            return row.address
        if role == self.RowRole:
            return row
        if role == self.HouseIdRole:
            return row.id
        if role == self.SortRole:
            return self._sort_keys[column](row)
        return None

    def _display(self, row: HouseRow, column: int) -> str:
        if column == self.CODE:
            return row.code
        if column == self.EUPMYEON:
            return row.eupmyeon
        if column == self.RI:
            return row.ri
        if column == self.TYPE:
            return row.development_type.label
        if column == self.YEAR:
            return str(row.program_year)
        if column == self.OPERATOR:
            return row.operator
        if column == self.ROOMS:
            return "" if row.rooms is None else str(row.rooms)
        if column == self.AREA:
            return format_area(row.floor_area_m2)
        if column == self.STATUS:
            return f"{row.status.label} (보관됨)" if row.archived else row.status.label
        return ""

    def export_cells(self) -> tuple[list[str], list[list[Any]]]:
        """The visible rows as they are shown, for a workbook: headers and typed cells
        (numbers as numbers, text as text)."""
        headers = list(self._headers)
        out = []
        for row in self.visible_rows():
            cells: list[Any] = [self._display(row, c) for c in range(self.COLUMN_COUNT)]
            cells[self.YEAR] = row.program_year
            cells[self.ROOMS] = row.rooms
            cells[self.AREA] = float(row.floor_area_m2) if row.floor_area_m2 is not None else None
            out.append(cells)
        return headers, out
