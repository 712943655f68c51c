"""A sheet laid out as one of the guideline's printed forms (별지 서식), not as a plain table.

Forms have a title, numbered sections with free text, and tables whose headers are merged over
two rows; they print on A4 in 맑은 고딕 with thin borders and amounts with thousands separators.
:class:`FormSheet` lays such a sheet out row by row on a workbook made by
``exchange.table.new_workbook(path)`` (saved beside the target and put in its place only when
complete). Every value goes through :meth:`FormSheet.put`: text is always a
string cell (``exchange.table.TextCells.clean``: never a formula or an error value, cleaned of
what a workbook cannot hold, cut at Excel's limit), numbers are numbers in the column's format,
dates are dates. Named styles (one per kind of cell) keep the file small.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .table import (
    SheetStream,
    TextCells,
    add_style,
    escape_text,
    printed_width,
    sheet_name,
    style_attribute,
)

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


@functools.cache
def _attributes(kind: str, number_format: str | None) -> dict[str, Any]:
    """The font, alignment, border, fill and number format of a cell of ``kind``: made once
    per process (openpyxl's style parts are values a workbook only reads, and making them
    cost more than the rest of a small form's styles)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    size, bold, horizontal, vertical, wrap, bordered, filled = _KINDS[kind]
    indent = 2 if kind == "sublabel" else 1 if bordered and horizontal in ("left", "right") else 0
    attributes: dict[str, Any] = {
        "font": Font(name=FONT, size=size, bold=bold),
        "alignment": Alignment(
            horizontal=horizontal, vertical=vertical, wrap_text=wrap, indent=indent
        ),
    }
    if bordered:
        thin = Side(style="thin", color="000000")
        attributes["border"] = Border(left=thin, right=thin, top=thin, bottom=thin)
    if filled:
        attributes["fill"] = PatternFill("solid", fgColor=_HEAD_FILL)
    if number_format:
        attributes["number_format"] = number_format
    return attributes


class FormSheet:
    """One form on one sheet of ``wb`` (a write-only workbook from
    ``exchange.table.new_workbook``). ``widths``: the form's columns, in Excel's width units;
    the sheet prints on A4 one page wide.

    The cells are kept here as the ``<c>`` XML openpyxl would write for them (the same types,
    numbers and style ids) and streamed into the sheet by :meth:`finish`, in row order: a form
    fills a header's two rows, then goes back to make a row higher, which a stream cannot, and
    openpyxl's cell objects cost more than the rest of a small form's file. The other cells of
    a merge are written where they carry a border or a fill (Excel draws a merge's edges from
    its edge cells); a plain merge (a title, a free text) is its first cell alone, as it looks.
    """

    def __init__(
        self, wb: Any, name: str, widths: Sequence[float], *, landscape: bool = False
    ) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.utils.datetime import to_excel

        self.wb = wb
        self.ws = wb.create_sheet(sheet_name(name))
        self.widths = list(widths)
        self.texts = TextCells(self.ws)
        self.row = 0  # the last row laid out
        self._to_excel = to_excel
        self._letter = get_column_letter
        self._cells: dict[int, dict[int, tuple[str, str | None]]] = {}  # row → column → cell
        self._heights: dict[int, float] = {}
        self._merges: list[str] = []
        self._styles: dict[tuple[str, str | None], tuple[str, bool]] = {}
        for index, width in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self._page(landscape)

    @property
    def span(self) -> int:
        """How many columns the form is wide."""
        return len(self.widths)

    # --- styles and values -------------------------------------------------------------------

    def style(self, kind: str, number_format: str | None = None) -> tuple[str, bool]:
        """The ``s`` attribute of a cell of ``kind`` (see ``_KINDS``) showing numbers in
        ``number_format`` (its named style made once), and whether it draws a border or a fill
        (the other cells of its merges are written then)."""
        key = (kind, number_format)
        found = self._styles.get(key)
        if found is None:
            bordered, filled = _KINDS[kind][5:]
            name = f"양식 {kind}" + (f" {number_format}" if number_format else "")
            style = add_style(self.wb, name, **_attributes(kind, number_format))
            found = self._styles[key] = (style_attribute(self.ws, style), bordered or filled)
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
        ``down`` rows, every cell of the merge in the style of ``kind`` where the style draws
        a border or a fill (so borders go round the whole merge)."""
        if isinstance(value, date) and number_format is None:
            number_format = DAY
        style, drawn = self.style(kind, number_format)
        if across > 1 or down > 1:
            # kept as their references ("A1:M1"), all the sheet's writer asks of them:
            # ``ws.merge_cells`` compares each new merge with every earlier one (minutes for a
            # 2,000-row table) and a range object per merge costs more than its cells; a form
            # lays out each cell once, so its merges never overlap
            first, last = self._letter(column), self._letter(column + across - 1)
            self._merges.append(f"{first}{row}:{last}{row + down - 1}")
            if drawn:
                for r in range(row, row + down):
                    cells = self._cells.setdefault(r, {})
                    for c in range(column, column + across):
                        cells[c] = (style, cells[c][1] if c in cells else None)
        cells = self._cells.setdefault(row, {})
        shown = self._value(value)
        if shown is None and column in cells:
            shown = cells[column][1]  # a cell styled again keeps its value
        cells[column] = (style, shown)

    def _value(self, value: object) -> str | None:
        """The cell's type and content as XML (after its ``s`` attribute), None for none."""
        if value is None:
            return None
        if isinstance(value, bool):
            value = "예" if value else "아니요"
        if isinstance(value, str):
            text = self.texts.clean(value)
            if text is None:
                return None
            return f' t="inlineStr"><is><t>{escape_text(text)}</t></is></c>'
        if isinstance(value, Decimal):
            value = float(value)
        if isinstance(value, date):  # a datetime too: Excel has no time zones
            if isinstance(value, datetime):
                value = value.replace(tzinfo=None)
            value = self._to_excel(value, self.wb.epoch)
        if isinstance(value, int | float):
            if math.isnan(value) or math.isinf(value):
                return None
            return f' t="n"><v>{value:.16g}</v></c>'
        return self._value(str(value))

    # --- rows ---------------------------------------------------------------------------------

    def next_row(self, height: float | None = None) -> int:
        """Move to the next row (``height`` in points, else the sheet's default)."""
        self.row += 1
        if height is not None:
            self._heights[self.row] = height
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
        if len(text or "") * 2 <= usable and "\n" not in (text or ""):
            lines = 1  # short: one line however wide its characters (no measuring per row)
        else:
            lines = sum(math.ceil(printed_width(p) / usable) for p in (text or "").split("\n"))
        height = max(lines, minimum_lines) * _LINE_POINTS + 3
        self._heights[row] = max(height, self._heights.get(row) or 0)

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
        """The print area (the form as laid out) and the rows, streamed into the sheet."""
        from openpyxl.utils import get_column_letter

        cells, heights = self._cells, self._heights
        self.ws.print_area = f"A1:{get_column_letter(self.span)}{max(self.row, 1)}"
        used = [row for row, columns in cells.items() if columns]
        right = max((max(cells[row]) for row in used), default=1)
        left = min((min(cells[row]) for row in used), default=1)
        letters = [get_column_letter(c) for c in range(1, right + 1)]
        # the cells' extent, first in the file, as openpyxl writes it
        size = f"{letters[left - 1]}{min(used, default=1)}:{letters[-1]}{max(used, default=1)}"
        self.ws.calculate_dimension = lambda: size
        rows = []
        for row in sorted(cells.keys() | heights.keys()):
            height = heights.get(row)
            xml = [f'<row r="{row}" ht="{height:.16g}" customHeight="1">' if height is not None
                   else f'<row r="{row}">']  # fmt: skip
            for column, (style, shown) in sorted(cells.get(row, {}).items()):
                ref = f"{letters[column - 1]}{row}"
                xml.append(f'<c r="{ref}"{style}{shown}' if shown else f'<c r="{ref}"{style}/>')
            xml.append("</row>")
            rows.append("".join(xml))
        SheetStream(self.ws).write("".join(rows))
        self.ws.merged_cells = self._merges  # written at the sheet's end, in layout order
