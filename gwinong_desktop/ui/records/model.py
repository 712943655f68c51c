"""One table model for every list of records, filtering and sorting inside the model.

No ``QSortFilterProxyModel`` (ARCHITECTURE.md: 100× slower over large tables). The model keeps
every row it was given and shows a filtered, sorted list of indexes into them:

- **search**: every word typed must appear in the row's search text (lower-cased once per row
  on loading), so "부귀 2019" finds 부귀면 houses of 2019;
- **field filters**: ``set_field_filter(field, value)`` keeps rows whose attribute equals the
  value (None: any); ``values_of(field)`` lists the values for a filter combo;
- **sorting** by a column's sort key, computed once per column and load; empty values (None)
  last in both directions; a stable sort, so equal keys keep the service's order;
- **archived** rows (when the page shows them) are greyed;
- **personal data**: columns declared with a ``mask`` show, sort, search and export masked
  unless ``set_personal_visible(True)`` (the page asks the role).

A list is a tuple of ``Column`` declarations (``ui.records.columns``) and, optionally, the
row's own search text; see ``ui.houses.table_model`` for the house list.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from enum import Enum
from typing import Any, Generic

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from .columns import Column, R, text_or_none

Index = QModelIndex | QPersistentModelIndex
ARCHIVED_COLOUR = "#8a8f8c"


def _attribute_id(row: Any) -> Hashable:
    return row.id


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """``list[R]`` → a table of ``columns``, with search, field filters and sort."""

    RowRole = Qt.ItemDataRole.UserRole + 1
    """The row (the dataclass) of a cell."""
    IdRole = Qt.ItemDataRole.UserRole + 2
    """The record's id (``record_id``)."""
    SortRole = Qt.ItemDataRole.UserRole + 3
    """The value the column sorts by."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        context: str,
        record_id: Callable[[R], Hashable] = _attribute_id,
        search_text: Callable[[R], str] | None = None,
        filter_fields: Sequence[str] = (),
        archived: Callable[[R], bool] | None = None,
        parent: Any = None,
    ) -> None:
        """``context`` is the translation context of the headers (mark them with
        ``QT_TRANSLATE_NOOP(context, …)``); ``search_text`` gives a row's search text (it must
        not hold personal data the list masks; default: the text of every column, as shown);
        ``filter_fields`` are the row attributes ``set_field_filter`` accepts."""
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._headers = tuple(QCoreApplication.translate(context, c.header) for c in columns)
        self._record_id = record_id
        self._search_text = search_text
        self._filter_fields = tuple(filter_fields)
        self._archived = archived
        self._personal_visible = False
        self._rows: list[R] = []
        self._haystacks: list[str] | None = None
        """Each row's search text in lower case, made on the first search after a load (a load
        of 10,000 rows that nobody searches does not make them)."""
        self._visible: list[int] = []  # indexes into _rows, filtered and sorted
        self._terms: tuple[str, ...] = ()
        self._field_filters: dict[str, Any] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._key_cache: dict[int, list[Any]] = {}
        """Sort keys per column for the rows held, made on the first sort by that column."""
        self._field_rows: dict[str, dict[Any, list[int]]] = {}
        """Per filter field, the rows (ascending) holding each value, made on the first filter by
        that field: a filter then visits only the rows of its value, not every row held."""

    def column_index(self, key: str) -> int:
        """The position of the column declared with ``key``."""
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    # --- loading, filtering, sorting ------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (after loading from the service); search, filters, sort are kept."""
        self.beginResetModel()
        self._rows = list(rows)
        self._rebuild()
        self.endResetModel()

    def set_personal_visible(self, visible: bool) -> None:
        """Show personal data columns in full (a role that may see them) or masked."""
        if visible == self._personal_visible:
            return
        self.beginResetModel()
        self._personal_visible = visible
        self._rebuild()
        self.endResetModel()

    def personal_visible(self) -> bool:
        return self._personal_visible

    def set_filter_text(self, text: str) -> None:
        """Show only the rows whose search text holds every word of ``text``."""
        terms = tuple(text.lower().split())
        if terms == self._terms:
            return
        self.beginResetModel()
        self._terms = terms
        self._refilter()
        self.endResetModel()

    def filter_text(self) -> str:
        """The search words in force (as the model holds them: lower case, single spaces)."""
        return " ".join(self._terms)

    def set_field_filter(self, field: str, value: Any) -> None:
        """Show only rows whose ``field`` (one of ``filter_fields``) equals ``value``;
        None shows every value."""
        if field not in self._filter_fields:
            raise ValueError(field)
        if self._field_filters.get(field) == value:
            return
        self.beginResetModel()
        if value is None:
            self._field_filters.pop(field, None)
        else:
            self._field_filters[field] = value
        self._refilter()
        self.endResetModel()

    def field_filter(self, field: str) -> Any:
        """The value ``field`` is filtered by (None: any)."""
        return self._field_filters.get(field)

    def is_narrowed(self) -> bool:
        """Whether a search or a field filter hides rows now."""
        return bool(self._terms or self._field_filters)

    def clear_narrowing(self) -> None:
        """Forget the search words and every field filter (one reset)."""
        if not self.is_narrowed():
            return
        self.beginResetModel()
        self._terms = ()
        self._field_filters.clear()
        self._refilter()
        self.endResetModel()

    def values_of(self, field: str) -> list[Any]:
        """The distinct values of ``field`` over every row (for a filter combo): enum members in
        their declared order, other values sorted; empty ones left out."""
        values = {getattr(r, field) for r in self._rows}
        values.discard(None)
        values.discard("")
        if values and all(isinstance(v, Enum) for v in values):
            return [member for member in type(next(iter(values))) if member in values]
        return sorted(values)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows by ``column``, keeping the selection (persistent indexes)."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
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

    def _rebuild(self) -> None:
        self._haystacks = None
        self._key_cache.clear()
        self._field_rows.clear()
        self._refilter()

    def _refilter(self) -> None:
        terms = self._terms
        wanted = list(self._field_filters.items())
        rows = self._rows
        if not terms and not wanted:
            self._visible = list(range(len(rows)))
            self._apply_sort()
            return
        if wanted:  # the fewest rows of any one filter's value, then every other test
            candidates: Sequence[int] = min((self._rows_with(f, v) for f, v in wanted), key=len)
        else:
            candidates = range(len(rows))
        haystacks = self._search_haystacks() if terms else []
        self._visible = [
            i
            for i in candidates
            if all(t in haystacks[i] for t in terms)
            and all(getattr(rows[i], f) == v for f, v in wanted)
        ]
        self._apply_sort()

    def _search_haystacks(self) -> list[str]:
        if self._haystacks is None:
            if self._search_text is not None:
                self._haystacks = [self._search_text(r).lower() for r in self._rows]
            else:
                self._haystacks = [
                    " ".join(self.text(r, c) for c in range(len(self.columns))).lower()
                    for r in self._rows
                ]
        return self._haystacks

    def _rows_with(self, field: str, value: Any) -> Sequence[int]:
        """The rows whose ``field`` equals ``value``, ascending (every row when the values are
        not hashable: the caller tests each row anyway)."""
        try:
            by_value = self._field_rows.get(field)
            if by_value is None:
                by_value = {}
                for i, row in enumerate(self._rows):
                    by_value.setdefault(getattr(row, field), []).append(i)
                self._field_rows[field] = by_value
            return by_value.get(value, [])
        except TypeError:
            return range(len(self._rows))

    def _sort_key(self, column: int) -> Callable[[R], Any]:
        declared = self.columns[column]
        if declared.personal and not self._personal_visible:
            return lambda r: text_or_none(self.text(r, column))
        if declared.sort is not None:
            return declared.sort
        return lambda r: text_or_none(declared.text(r))

    def _apply_sort(self) -> None:
        if self._sort_column < 0:
            return  # the service's order
        keys = self._key_cache.get(self._sort_column)
        if keys is None:  # every keystroke re-sorts: compute a column's keys once per load
            key = self._sort_key(self._sort_column)
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

    def row_at(self, row: int) -> R:
        return self._rows[self._visible[row]]

    def visible_rows(self) -> list[R]:
        return [self._rows[i] for i in self._visible]

    def all_rows(self) -> list[R]:
        """Every row the model holds, whatever the search and filters show."""
        return list(self._rows)

    def row_of(self, record_id: Hashable) -> int | None:
        """The visible row showing the record ``record_id``, or None if it is not shown."""
        key = self._record_id
        for row, source in enumerate(self._visible):
            if key(self._rows[source]) == record_id:
                return row
        return None

    def text(self, row: R, column: int) -> str:
        """What the cell shows: the column's text, masked if it is personal and hidden."""
        declared = self.columns[column]
        value = declared.text(row)
        if declared.mask is not None and not self._personal_visible and value:
            return declared.mask(value)
        return value

    def export_cells(self) -> tuple[list[str], list[list[Any]]]:
        """The visible rows as they are shown, for a workbook: headers and typed cells
        (numbers as numbers, text as text; personal data masked as on screen)."""
        getters: list[Callable[[R], Any]] = []
        for c, declared in enumerate(self.columns):
            if declared.export is not None and not (
                declared.personal and not self._personal_visible
            ):
                getters.append(declared.export)
            else:
                getters.append(lambda r, c=c: self.text(r, c))
        return list(self._headers), [[get(r) for get in getters] for r in self.visible_rows()]

    def number_formats(self) -> dict[int, str]:
        """The Excel number format of each exported column that declares one."""
        return {
            c: declared.number_format
            for c, declared in enumerate(self.columns)
            if declared.number_format is not None
        }

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align.value)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        column = index.column()
        declared = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(declared.align.value)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._archived is not None and self._archived(row):
                return QColor(ARCHIVED_COLOUR)
            colour = declared.colour(row) if declared.colour is not None else None
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and declared.tooltip is not None:
            return declared.tooltip(row)
        if role == self.RowRole:
            return row
        if role == self.IdRole:
            return self._record_id(row)
        if role == self.SortRole:
            return self._sort_key(column)(row)
        return None
