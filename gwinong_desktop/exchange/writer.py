"""Writing the app's register workbook (write-only mode: rows stream to disk).

Every text from the database is written as text (``table.TextCells``): a value starting with "="
or looking like an error value ("#N/A") is forced to a string cell, never a formula; characters
a workbook cannot hold are dropped (``domain.text.xml_safe``), and surrounding spaces are trimmed
(as the reader trims them), so that what is written is exactly what is read back. Dates are real
Excel dates with a date format, amounts numbers with thousands separators (천원 columns in 천원),
the header row is styled, frozen and filtered, and each sheet prints on A4 landscape, one page
wide. The file appears only when complete (``table.new_workbook``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.progress import TaskState, ensure

from .register_format import SHEETS, Kind, RegisterData, SheetFormat
from .table import TextCells, add_style, header_style, new_workbook, print_on_a4

REPORT_EVERY = 2000
_STYLES: dict[object, tuple[str, str]] = {  # kind → (named style, number format)
    Kind.WON: ("관리대장 금액", "#,##0"),
    Kind.KWON: ("관리대장 천원", "#,##0"),
    "kwon_fraction": ("관리대장 천원(원 단위)", "#,##0.###"),
    Kind.MONTH: ("관리대장 월", "yyyy-mm"),
    Kind.DATE: ("관리대장 날짜", "yyyy-mm-dd"),
}
_TEXT_KINDS = (Kind.TEXT, Kind.CODE, Kind.PHONE, Kind.CONTACT, Kind.STRUCTURE)


@dataclass
class WriteSummary:
    rows: dict[str, int] = field(default_factory=dict)  # sheet name → data rows
    cleaned_texts: int = 0  # texts shortened or stripped of characters a workbook cannot hold


class _Cells:
    """Cell makers for one sheet.

    A styled value (an amount, a date) is written through one cell object per column and
    style, set anew for every row: the sheet writes each row out before the next is made, so
    no cell object per value is needed (openpyxl's own ``append`` makes one for every styled
    value, and a slow detour for a cell passed in, which ``fast_rows`` avoids).
    """

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws = ws
        self.make = WriteOnlyCell
        self.text = TextCells(ws)  # plain strings pass through untouched (the fast path)

    def styled_cell(self, key: object) -> Any:
        """A cell of one of the named styles (the workbook has them, see ``_add_styles``)."""
        cell = self.make(self.ws)
        cell.style = _STYLES[key][0]
        return cell

    def converter(self, kind: Kind) -> Callable[[Any], Any] | None:
        if kind in _TEXT_KINDS:
            return self.text
        if kind in (Kind.WON, Kind.MONTH, Kind.DATE):
            cell = self.styled_cell(kind)

            def styled(value: object) -> Any:
                cell.value = value
                return cell

            return styled
        if kind is Kind.KWON:
            return self.thousands()
        if kind is Kind.BOOL:
            return lambda v: "예" if v else None
        if kind in (Kind.DEV_TYPE, Kind.SETTLEMENT):
            return lambda v: v.label
        return None  # numbers, years, areas (Decimal) are written as they are

    def thousands(self) -> Callable[[int], Any]:
        """원 → a 천원 figure: whole where it is, else with the 원 as decimals (lossless)."""
        whole_cell = self.styled_cell(Kind.KWON)
        fraction_cell = self.styled_cell("kwon_fraction")

        def convert(amount: int) -> Any:
            whole, rest = divmod(amount, 1000)
            if rest == 0:
                whole_cell.value = whole
                return whole_cell
            fraction_cell.value = amount / 1000
            return fraction_cell

        return convert

    def fast_rows(self) -> None:
        """Let the sheet take our cell objects as they are (see the class docstring)."""
        from openpyxl.cell import Cell

        ws, make = self.ws, self.make

        def values_to_row(values: list[Any], row_idx: int) -> Any:
            cell = make(ws)
            for col_idx, value in enumerate(values, 1):
                if value is None:
                    continue
                if value.__class__ is Cell:
                    value.column, value.row = col_idx, row_idx
                    yield value
                    continue
                cell.value = value
                cell.column, cell.row = col_idx, row_idx
                yield cell
                if cell.has_style:
                    cell = make(ws)

        ws._values_to_row = values_to_row


def _add_styles(wb: Any) -> str:
    """The workbook's named styles: the header's (whose name is returned) and the formats."""
    for name, number_format in _STYLES.values():
        add_style(wb, name, number_format=number_format)
    return header_style(wb, "관리대장 머리글")


def _set_up_sheet(ws: Any, fmt: SheetFormat) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(fmt.columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    print_on_a4(ws)


def write_register(
    path: Path | str,
    data: RegisterData,
    *,
    state: TaskState | None = None,
) -> WriteSummary:
    """Write ``data`` as the app's register workbook at ``path`` (replaced only when complete).

    Raises ``domain.progress.Cancelled`` (leaving no file behind) when ``state`` is cancelled.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    state = ensure(state)
    summary = WriteSummary()
    records = {"house": data.houses, "resident": data.residents, "payment": data.payments}
    total = sum(len(r) for r in records.values())
    done = 0
    with new_workbook(path) as wb:
        header = _add_styles(wb)
        for fmt in SHEETS:
            rows = records[fmt.kind]
            ws = wb.create_sheet(fmt.name)
            last = get_column_letter(len(fmt.columns))
            # the size goes first in the file (write-only mode leaves it out): readers need
            # not parse the whole sheet to learn it
            size = f"A1:{last}{len(rows) + 1}"
            ws.calculate_dimension = lambda size=size: size
            _set_up_sheet(ws, fmt)
            maker = _Cells(ws)
            maker.fast_rows()
            heading = []
            for column in fmt.columns:
                cell = WriteOnlyCell(ws, column.header)
                cell.style = header
                heading.append(cell)
            ws.append(heading)
            getter = attrgetter(*(c.key for c in fmt.columns))
            converters = [(i, maker.converter(c.kind)) for i, c in enumerate(fmt.columns)]
            active = [(i, conv) for i, conv in converters if conv is not None]
            label = f"'{fmt.name}' 시트를 쓰는 중"
            for count, record in enumerate(rows, 1):
                row = list(getter(record))
                for i, conv in active:
                    value = row[i]
                    if value is not None:
                        row[i] = conv(value)
                ws.append(row)
                if count % REPORT_EVERY == 0:
                    state.report(done + count, total, label)
            done += len(rows)
            ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
            summary.rows[fmt.name] = len(rows)
            summary.cleaned_texts += maker.text.cleaned
        state.report(total, total, "파일을 저장하는 중")
    return summary
