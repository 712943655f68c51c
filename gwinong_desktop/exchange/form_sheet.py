"""A sheet laid out as one of the guideline's printed forms (별지 서식), not as a plain table.

Forms have a title, numbered sections with free text, and tables whose headers are merged over
two rows; they print on A4 in 맑은 고딕 with thin borders and amounts with thousands separators.
:class:`FormSheet` lays such a sheet out row by row on a workbook made by
``exchange.table.new_workbook(path, write_only=False)`` (saved beside the target and put in its
place only when complete). Every value goes through :meth:`FormSheet.put`: text is always a
string cell (``exchange.table.TextCells.clean``: never a formula or an error value, cleaned of
what a workbook cannot hold, cut at Excel's limit), numbers are numbers in the column's format,
dates are dates. Named styles (one per kind of cell) keep the file small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .table import TextCells, add_style, printed_width, sheet_name

FONT = "맑은 고딕"
WON = "#,##0"  # amounts (천원 in the province's forms)
AREA = "#,##0.00"  # m²
WHOLE = "0"  # a percentage under a "(%)" header, a count
DAY = "yyyy.m.d."  # a date as officers write it: 2026.3.2.
_LINE_POINTS = 15.0  # one line of 10-point 맑은 고딕
_HEAD_FILL = "E7E6E6"

# kind → (font size, bold, horizontal, vertical, wrap, bordered, filled)
_KINDS: dict[str, tuple[float, bool, str, str, bool, bool, bool]] = {
    "title": (16, True, "center", "center", False, False, False),
    "subtitle": (10, False, "right", "center", False, False, False),
    "section": (11, True, "left", "center", False, False, False),
    "label": (11, True, "left", "top", False, False, False),
    "sublabel": (10, False, "left", "top", False, False, False),
    "body": (10, False, "left", "top", True, False, False),
    "centre": (11, False, "center", "center", False, False, False),
    "signature": (11, False, "right", "center", False, False, False),
    "unit": (10, False, "right", "bottom", False, False, False),
    "head": (10, True, "center", "center", True, True, True),
    "cell": (10, False, "center", "center", True, True, False),
    "left": (10, False, "left", "center", True, True, False),
    "number": (10, False, "right", "center", False, True, False),
    "total": (10, True, "center", "center", True, True, True),
    "total number": (10, True, "right", "center", False, True, True),
}


class FormSheet:
    """One form on one sheet of ``wb`` (a workbook that is not write-only). ``widths``: the
    form's columns, in Excel's width units; the sheet prints on A4 one page wide."""

    def __init__(
        self, wb: Any, name: str, widths: Sequence[float], *, landscape: bool = False
    ) -> None:
        from openpyxl.utils import get_column_letter

        self.wb = wb
        self.ws = wb.create_sheet(sheet_name(name))
        self.widths = list(widths)
        self.texts = TextCells(self.ws)
        self.row = 0  # the last row laid out
        from openpyxl.worksheet.merge import MergedCellRange

        self._merge_range = MergedCellRange
        self._letter = get_column_letter
        self._merged = self.ws.merged_cells.ranges
        self._styles: dict[tuple[str, str | None], str] = {}
        self._arrays: dict[str, Any] = {}  # a named style → the style ids of a cell in it
        for index, width in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self._page(landscape)

    @property
    def span(self) -> int:
        """How many columns the form is wide."""
        return len(self.widths)

    # --- styles and values -------------------------------------------------------------------

    def style(self, kind: str, number_format: str | None = None) -> str:
        """The named style of a cell of ``kind`` (see ``_KINDS``) showing numbers in
        ``number_format``."""
        key = (kind, number_format)
        found = self._styles.get(key)
        if found is None:
            from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

            size, bold, horizontal, vertical, wrap, bordered, filled = _KINDS[kind]
            attributes: dict[str, Any] = {
                "font": Font(name=FONT, size=size, bold=bold),
                "alignment": Alignment(
                    horizontal=horizontal,
                    vertical=vertical,
                    wrap_text=wrap,
                    indent=2
                    if kind == "sublabel"
                    else 1
                    if bordered and horizontal in ("left", "right")
                    else 0,
                ),
            }
            if bordered:
                thin = Side(style="thin", color="000000")
                attributes["border"] = Border(left=thin, right=thin, top=thin, bottom=thin)
            if filled:
                attributes["fill"] = PatternFill("solid", fgColor=_HEAD_FILL)
            if number_format:
                attributes["number_format"] = number_format
            name = f"양식 {kind}" + (f" {number_format}" if number_format else "")
            found = self._styles[key] = add_style(self.wb, name, **attributes)
        return found

    def put(
        self,
        row: int,
        column: int,
        value: object,
        kind: str = "cell",
        *,
        across: int = 1,
        down: int = 1,
        number_format: str | None = None,
    ) -> None:
        """Write ``value`` at (``row``, ``column``), 1-based, merged over ``across`` columns and
        ``down`` rows, every cell of the merge in the style of ``kind`` (so borders go round the
        whole merge)."""
        ws = self.ws
        if across > 1 or down > 1:
            # straight into the sheet's set of merges: ``ws.merge_cells`` compares each new
            # merge with every earlier one (minutes for a 2,000-row table); a form lays out
            # each cell once, so its merges never overlap. The other cells of the merge stay
            # ordinary cells carrying the border (as Excel itself writes them).
            first, last = self._letter(column), self._letter(column + across - 1)
            self._merged.add(self._merge_range(ws, f"{first}{row}:{last}{row + down - 1}"))
        if isinstance(value, date) and number_format is None:
            number_format = DAY
        style = self.style(kind, number_format)
        made = self._arrays.get(style)
        for r in range(row, row + down):
            for c in range(column, column + across):
                cell = ws.cell(r, c)
                if made is None:
                    cell.style = style  # the first cell of the style: openpyxl works it out
                    made = self._arrays[style] = copy(cell._style)
                else:  # the others take its style ids as they are
                    cell._style = copy(made)
        self._value(ws.cell(row, column), value)

    def _value(self, cell: Any, value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            value = "예" if value else "아니요"
        if isinstance(value, str):
            text = self.texts.clean(value)
            if text is not None:
                cell._value = text
                cell.data_type = "s"  # never a formula or an error value
            return
        if isinstance(value, Decimal):
            value = float(value)
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        if isinstance(value, int | float | date):
            cell.value = value
            return
        self._value(cell, str(value))

    # --- rows ---------------------------------------------------------------------------------

    def next_row(self, height: float | None = None) -> int:
        """Move to the next row (``height`` in points, else the sheet's default)."""
        self.row += 1
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        return self.row

    def line(self, text: str, kind: str = "section", *, height: float | None = None) -> int:
        """A row holding ``text`` across the form's width; its number."""
        row = self.next_row(height)
        self.put(row, 1, text, kind, across=self.span)
        return row

    def text_block(self, text: str, *, minimum_lines: int = 2) -> int:
        """The officer's free text under a section heading, wrapped across the form, its row as
        high as its lines need (Excel does not grow a merged row by itself)."""
        row = self.next_row()
        self.put(row, 1, text, "body", across=self.span)
        self.fit_height(row, text, sum(self.widths), minimum_lines)
        return row

    def fit_height(self, row: int, text: str, width: float, minimum_lines: int = 1) -> None:
        """Make ``row`` as high as ``text`` wrapped in ``width`` units needs."""
        usable = max(width - 2, 1)
        lines = sum(math.ceil(printed_width(p) / usable) for p in (text or "").split("\n"))
        height = max(lines, minimum_lines) * _LINE_POINTS + 3
        current = self.ws.row_dimensions[row].height or 0
        self.ws.row_dimensions[row].height = max(height, current)

    def gap(self) -> None:
        """An empty row between sections."""
        self.next_row(8)

    def picture(
        self, row: int, column: int, data: bytes, *, max_width: int, max_height: int
    ) -> None:
        """The JPEG ``data`` (already made small) on the cell (``row``, ``column``), shown at most
        ``max_width`` × ``max_height`` pixels, keeping its proportions."""
        import io

        from openpyxl.drawing.image import Image
        from openpyxl.utils import get_column_letter

        image = Image(io.BytesIO(data))
        scale = min(max_width / image.width, max_height / image.height, 1.0)
        image.width, image.height = int(image.width * scale), int(image.height * scale)
        self.ws.add_image(image, f"{get_column_letter(column)}{row}")

    def page_break(self) -> None:
        """Start a new printed page after the current row."""
        from openpyxl.worksheet.pagebreak import Break

        self.ws.row_breaks.append(Break(id=self.row))

    # --- printing -----------------------------------------------------------------------------

    def _page(self, landscape: bool) -> None:
        ws = self.ws
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "&P / &N"
        ws.sheet_view.showGridLines = False

    def repeat_rows(self, first: int, last: int) -> None:
        """Print rows ``first``–``last`` (a long table's header) on top of every page."""
        self.ws.print_title_rows = f"{first}:{last}"

    def finish(self) -> None:
        """The print area: the form as laid out."""
        from openpyxl.utils import get_column_letter

        self.ws.print_area = f"A1:{get_column_letter(self.span)}{max(self.row, 1)}"
