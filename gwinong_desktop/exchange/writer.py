"""Writing the app's register workbook (write-only mode: rows stream to disk).

Every text from the database is written as text: a value starting with "=" or looking like an
error value ("#N/A") is forced to a string cell, never a formula; characters a workbook cannot
hold are dropped, and surrounding spaces are trimmed (as the reader trims them), so that what is
written is exactly what is read back. Dates are real Excel dates with a date format, amounts
numbers with thousands separators (천원 columns in 천원), the header row is styled, frozen and
filtered, and each sheet prints on A4 landscape, one page wide. The file appears only when
complete: rows go to a temporary file beside it, which replaces it at the end.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.domain.text import has_unsafe, xml_safe

from .register_format import SHEETS, Kind, RegisterData, SheetFormat

REPORT_EVERY = 2000
MAX_TEXT = 32_767
_NEEDS_CARE = re.compile(r"^[\s=#+\-@]|\s$")
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

    def __init__(self, ws: Any, summary: WriteSummary) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws = ws
        self.summary = summary
        self.make = WriteOnlyCell

    def styled_cell(self, key: object) -> Any:
        """A cell of one of the named styles (the workbook has them, see ``_add_styles``)."""
        cell = self.make(self.ws)
        cell.style = _STYLES[key][0]
        return cell

    def text(self, value: str) -> Any:
        """A string cell for ``value``; plain strings pass through untouched (the fast path)."""
        if len(value) <= MAX_TEXT and not _NEEDS_CARE.search(value) and not has_unsafe(value):
            return value
        clean = xml_safe(value).strip()
        if len(clean) > MAX_TEXT:
            clean = clean[: MAX_TEXT - 1] + "…"
        if clean != value.strip():
            self.summary.cleaned_texts += 1
        if not clean:
            return None
        cell = self.make(self.ws)
        cell._value = clean
        cell.data_type = "s"  # never a formula or an error value
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
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="808080")
    header = NamedStyle(
        name="관리대장 머리글",
        font=Font(bold=True),
        fill=PatternFill("solid", fgColor="DDE7F0"),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    wb.add_named_style(header)
    for name, number_format in _STYLES.values():
        wb.add_named_style(NamedStyle(name=name, number_format=number_format))
    return header.name


def _set_up_sheet(ws: Any, fmt: SheetFormat) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(fmt.columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_register(
    path: Path | str,
    data: RegisterData,
    *,
    state: TaskState | None = None,
) -> WriteSummary:
    """Write ``data`` as the app's register workbook at ``path`` (replaced only when complete).

    Raises ``domain.progress.Cancelled`` (leaving no file behind) when ``state`` is cancelled.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    state = ensure(state)
    path = Path(path)
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.part")
    summary = WriteSummary()
    records = {"house": data.houses, "resident": data.residents, "payment": data.payments}
    total = sum(len(r) for r in records.values())
    done = 0
    wb = Workbook(write_only=True)
    header_style = _add_styles(wb)
    try:
        for fmt in SHEETS:
            rows = records[fmt.kind]
            ws = wb.create_sheet(fmt.name)
            last = get_column_letter(len(fmt.columns))
            # the size goes first in the file (write-only mode leaves it out): readers need
            # not parse the whole sheet to learn it
            size = f"A1:{last}{len(rows) + 1}"
            ws.calculate_dimension = lambda size=size: size
            _set_up_sheet(ws, fmt)
            maker = _Cells(ws, summary)
            maker.fast_rows()
            header = []
            for column in fmt.columns:
                cell = WriteOnlyCell(ws, column.header)
                cell.style = header_style
                header.append(cell)
            ws.append(header)
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
        state.report(total, total, "파일을 저장하는 중")
        wb.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        _discard(wb)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return summary


def _discard(wb: Any) -> None:
    """Stop the sheets' streams and remove their temporary files (after a cancel or error)."""
    for ws in wb.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if rows is not None:
                rows.close()
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(Exception):
                writer.cleanup()
