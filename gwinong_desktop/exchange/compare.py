"""What changed between two versions of a report workbook, cell by cell, in words.

A report exported again for a period already sent is compared with the copy kept last time
(``compare_workbooks(old, new)``). Both are read in read-only mode (``reader.open_book``: the
same limits as any workbook from outside). Every cell whose value differs is named as an
officer reads a form:

- the row by its label: the first text cell of the row (a leading 연번 is kept: "3번 진안군");
- the column by its header: the text of the header rows right above the table the cell is in
  (no empty row between; a header row holds three labels or more and nothing else; two
  stacked header rows, "국고보조" over "실적", are both named);

and said as "… 추가 (새 값)", "… 삭제 (옛 값)" or "… 12,000 → 15,000". Cells are compared at the
same place in the same sheet: a row inserted in the middle shows as every row under it changed
(the forms keep their rows in a fixed order, so that is rare).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from .reader import open_book

HEADER_ROWS = 3  # stacked header rows named at most
LOOK_UP = 60  # rows scanned above a cell for its header


@dataclass(frozen=True)
class CellChange:
    sheet: str
    row: int  # 1-based
    column: int  # 1-based
    row_label: str
    column_label: str
    before: Any
    after: Any

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def describe(self) -> str:
        where = " ".join(p for p in (self.row_label, self.column_label) if p) or self.ref
        if _empty(self.before):
            return f"{where} 추가 ({show(self.after)})"
        if _empty(self.after):
            return f"{where} 삭제 ({show(self.before)})"
        return f"{where} {show(self.before)} → {show(self.after)}"


@dataclass(frozen=True)
class Comparison:
    changes: tuple[CellChange, ...]
    sheets_added: tuple[str, ...] = ()
    sheets_removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changes or self.sheets_added or self.sheets_removed)

    def lines(self, limit: int | None = None) -> list[str]:
        """The changes in words, one a line (``limit``: at most so many, then "외 N곳")."""
        found = [f"시트 추가: {name}" for name in self.sheets_added]
        found += [f"시트 삭제: {name}" for name in self.sheets_removed]
        several = len({c.sheet for c in self.changes}) > 1
        found += [(f"[{c.sheet}] " if several else "") + c.describe() for c in self.changes]
        if limit is not None and len(found) > limit:
            return [*found[:limit], f"외 {len(found) - limit:,}곳"]
        return found


Grid = dict[tuple[int, int], Any]


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def show(value: Any) -> str:
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, int | float):
        return f"{value:,}" if float(value).is_integer() else f"{value:,.2f}"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%Y.%m.%d.}"
    return " ".join(str(value).split())


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def read_grids(path: Path | str) -> dict[str, Grid]:
    """Every sheet's non-empty cells by (row, column), 1-based."""
    grids: dict[str, Grid] = {}
    with open_book(path) as book:
        for name in book.sheet_names:
            grid: Grid = {}
            for index, values in book.rows(name):
                for column, value in enumerate(values, start=1):
                    if not _empty(value):
                        grid[index, column] = value
            grids[name] = grid
    return grids


class _Labels:
    """Row labels and column headers of one sheet's grid."""

    def __init__(self, grid: Grid) -> None:
        self.rows: dict[int, dict[int, Any]] = {}
        for (row, column), value in grid.items():
            self.rows.setdefault(row, {})[column] = value

    def row_label(self, row: int) -> str:
        cells = self.rows.get(row, {})
        ordered = [cells[c] for c in sorted(cells)]
        text = next((show(v) for v in ordered if _is_text(v)), "")
        if ordered and isinstance(ordered[0], int) and not isinstance(ordered[0], bool):
            return f"{ordered[0]}번 {text}".strip()
        return text

    def _header_like(self, row: int) -> bool:
        cells = self.rows.get(row, {})
        # three labels at least: a section's "label | value" pair of texts is not a header
        return len(cells) >= 3 and all(_is_text(v) for v in cells.values())

    def _label_at(self, row: int, column: int) -> str:
        cells = self.rows.get(row, {})
        for c in range(column, 0, -1):  # a header merged across columns sits at its left end
            if c in cells:
                return show(cells[c])
        return ""

    def column_label(self, row: int, column: int) -> str:
        top = row - 1  # up through the table's rows (an empty row ends a table) to its header
        while top in self.rows and top >= row - LOOK_UP and not self._header_like(top):
            top -= 1
        if top not in self.rows or top < row - LOOK_UP:
            return ""
        labels: list[str] = []
        for r in range(top, max(0, top - HEADER_ROWS), -1):
            if not self._header_like(r):
                break
            label = self._label_at(r, column)
            if label and label not in labels:
                labels.insert(0, label)
        return " ".join(labels)


def compare_grids(old: dict[str, Grid], new: dict[str, Grid]) -> Comparison:
    changes: list[CellChange] = []
    for name, after in new.items():
        before = old.get(name)
        if before is None:
            continue
        labels_new, labels_old = _Labels(after), _Labels(before)
        for row, column in sorted(set(before) | set(after)):
            a, b = before.get((row, column)), after.get((row, column))
            if a == b:
                continue
            labels = labels_new if (row, column) in after else labels_old
            row_label = labels.row_label(row) or labels_old.row_label(row)
            if row_label in (show(a), show(b)):  # the label itself changed: say where it is
                row_label = f"{row}행"
            column_label = labels.column_label(row, column)
            if column_label == row_label:
                column_label = ""
            changes.append(CellChange(name, row, column, row_label, column_label, a, b))
    return Comparison(
        tuple(changes),
        tuple(n for n in new if n not in old),
        tuple(n for n in old if n not in new),
    )


def compare_workbooks(old: Path | str, new: Path | str) -> Comparison:
    """The changes from workbook ``old`` to workbook ``new``."""
    return compare_grids(read_grids(old), read_grids(new))
