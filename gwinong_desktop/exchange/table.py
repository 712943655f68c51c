"""Safe cell writing: the one way a workbook is written, and a table as one sheet of it.

Every list export and report writes through here (the register workbook uses the same pieces):

- :func:`write_table` writes rows under :class:`Column` declarations as one sheet and returns a
  :class:`TableSummary`. Cells keep their types: text is always a string cell (never a formula,
  never an error value), cleaned with ``domain.text.xml_safe`` and cut at Excel's 32,767
  characters; numbers are numbers (``#,##0`` / ``#,##0.00``, or the column's format), dates and
  times are dates, True/False are 예/아니요. The header row is bold on a fill, frozen and
  filtered; the sheet prints on A4 (landscape unless asked), one page wide, the header on every
  page, with the page number at the foot. A report gives a ``title`` (its name, then lines such
  as the county and the date) written above the header across the table's width, and marks
  subtotal and total rows with :class:`Strong` (bold, on a light fill).
- :func:`new_workbook` is the workbook behind it: openpyxl's write-only mode (rows stream to
  disk, so 100,000s of rows need little memory), written beside ``path`` and put in its place
  only when complete; an error or a cancel leaves no file and the old one as it was.
- :class:`TextCells` makes the string cells, :func:`add_style` the named styles (one style per
  kind of cell, not one per cell), :func:`print_on_a4` the page setup.

Long writes take ``state`` (``domain.progress.TaskState``) and stop with its ``Cancelled``.
openpyxl is imported when a workbook is written, never before.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.domain.text import has_unsafe, xml_safe

MAX_TEXT = 32_767  # Excel's limit for one cell
REPORT_EVERY = 500
WIDTH_SAMPLE = 200  # rows looked at for a column's width when none is declared
GENERAL = "General"  # a number written as it is, without a style of its own
_NEEDS_CARE = re.compile(r"^[\s=#+\-@]|\s$")  # a formula, an error value, spaces to trim
_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")
_HEADER_STYLE = "표 머리글"
_WRAP_STYLE = "표 글(줄바꿈)"
_TITLE_STYLE = "표 제목"
_SUBTITLE_STYLE = "표 부제"
_STRONG = " (굵게)"  # the named style of a Strong row's cell: its usual style's name + this
_STRONG_FILL = "F2F2F2"
_LINE_POINTS = 14.5  # one line of 11-point text
_DEFAULT_FORMATS: dict[type, str] = {
    int: "#,##0",
    float: "#,##0.00",
    date: "yyyy-mm-dd",
    datetime: "yyyy-mm-dd hh:mm:ss",
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, its width in characters (None: from the header and
    the first rows), a number format for its numbers and dates (None: by type; ``GENERAL``: as
    they are), and whether long text wraps inside the cell."""

    header: str
    width: int | None = None
    number_format: str | None = None
    wrap: bool = False


class Strong(tuple):
    """A row of :func:`write_table` written bold on a light fill: a subtotal or a total."""

    __slots__ = ()


@dataclass
class TableSummary:
    path: Path
    rows: int = 0
    cleaned_texts: int = 0  # texts cut short or stripped of characters a workbook cannot hold


class TextCells:
    """String cells for one sheet of a write-only workbook.

    ``cells(text)`` gives ``text`` itself when it needs nothing (the fast path), else a cell
    that holds it as a string — a value starting with "=" or looking like "#N/A" never becomes a
    formula or an error — trimmed, cleaned with ``xml_safe`` and cut at :data:`MAX_TEXT`;
    ``cleaned`` counts the texts that lost characters. With ``style`` the text is always a cell
    of that named style.
    """

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws = ws
        self.make = WriteOnlyCell
        self.cleaned = 0

    def clean(self, value: str) -> str | None:
        """``value`` as a cell may hold it: trimmed, cleaned, cut; None when nothing is left."""
        if len(value) <= MAX_TEXT and not _NEEDS_CARE.search(value) and not has_unsafe(value):
            return value or None
        clean = xml_safe(value).strip()
        if len(clean) > MAX_TEXT:
            clean = clean[: MAX_TEXT - 1] + "…"
        if clean != value.strip():
            self.cleaned += 1
        return clean or None

    def __call__(self, value: str, style: str | None = None) -> Any:
        plain = len(value) <= MAX_TEXT and not _NEEDS_CARE.search(value)
        if plain and style is None and not has_unsafe(value):
            return value
        clean = self.clean(value)
        if clean is None:
            return None
        cell = self.make(self.ws)
        if style is not None:
            cell.style = style
        cell._value = clean
        cell.data_type = "s"  # never a formula or an error value
        return cell


def add_style(wb: Any, name: str, **attributes: Any) -> str:
    """Add the named style ``name`` to ``wb`` once (a later call with the name keeps the first
    style) and return its name, for ``cell.style``."""
    from openpyxl.styles import NamedStyle

    if name not in wb.named_styles:
        wb.add_named_style(NamedStyle(name=name, **attributes))
    return name


def header_style(wb: Any, name: str = _HEADER_STYLE) -> str:
    """The header's named style: bold, on a light fill, thin borders, centred and wrapped."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return add_style(
        wb,
        name,
        font=Font(bold=True),
        fill=PatternFill("solid", fgColor="DDE7F0"),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    )


def print_on_a4(ws: Any, *, landscape: bool = True, header_row: int = 1) -> None:
    """Freeze the rows down to the header and print on A4 one page wide, the header on every
    page (``header_row``: the header's row, below a title)."""
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def sheet_name(title: str) -> str:
    """``title`` as Excel allows a sheet's name: no \\ / * ? : [ ], 31 characters at most."""
    clean = _SHEET_NAME.sub(" ", xml_safe(title)).replace("'", "").strip()
    return clean[:31] or "Sheet1"


@contextlib.contextmanager
def new_workbook(path: Path | str) -> Iterator[Any]:
    """A write-only workbook (rows stream to disk; a form's rows too, see
    ``exchange.form_sheet``) saved to ``path`` when the ``with`` block ends normally.

    The file is written beside ``path`` and replaces it only when complete; if the block
    raises (a cancel, a full disk) nothing is left behind and an old ``path`` stays as it was.
    """
    from openpyxl import Workbook

    target = Path(path)
    temporary = target.with_name(f".{target.stem}.{os.getpid()}.part")
    wb = Workbook(write_only=True)
    try:
        yield wb
        wb.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        _discard(wb)
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


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


def text_width(value: object) -> int:
    """How many columns ``value`` takes on screen: Hangul and other wide characters two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_table(
    path: Path | str,
    columns: Sequence[Column | str],
    rows: Iterable[Sequence[object]],
    *,
    sheet: str = "",
    title: Sequence[str] = (),
    landscape: bool = True,
    fit_rows: bool = False,
    total: int | None = None,
    state: TaskState | None = None,
    label: str = "",
) -> TableSummary:
    """Write ``rows`` (sequences of cells, one per column; a :class:`Strong` row in bold) under
    ``columns`` as the one sheet ``sheet`` of a new workbook at ``path``; see the module's
    docstring for how cells are written. ``title``: the report's name and lines under it, above
    the header; ``fit_rows``: each row as high as its wrapped texts need (a printed report; it
    costs a little per row). ``total`` (else ``len(rows)`` where it has one) is what progress
    counts to."""
    state = ensure(state)
    cols = [c if isinstance(c, Column) else Column(str(c)) for c in columns]
    known = len(rows) if isinstance(rows, Sized) else None
    total = total if total is not None else known or 0
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE)) if any(c.width is None for c in cols) else []
    summary = TableSummary(Path(path))
    with new_workbook(path) as wb:
        ws = wb.create_sheet(sheet_name(sheet))
        _set_widths(ws, cols, sample)
        top = len(title)  # rows above the header
        print_on_a4(ws, landscape=landscape, header_row=top + 1)
        if title:  # a printed report: its cells' lines and the page number on paper
            ws.print_options.gridLines = True
            ws.oddFooter.center.text = "&P / &N"
        if known is not None:  # the size first in the file, which write-only mode leaves out
            size = f"A1:{_letter(len(cols))}{known + top + 1}"
            ws.calculate_dimension = lambda size=size: size
        texts = TextCells(ws)
        head = header_style(wb)
        stream = SheetStream(ws)
        _write_title(wb, ws, texts, title, len(cols))
        ws.append([texts(c.header, head) for c in cols])
        convert = _RowXml(wb, ws, cols, texts, fit_rows)
        batch: list[str] = []
        for count, values in enumerate(chain(sample, rows), 1):
            batch.append(convert(count + top + 1, values))
            summary.rows = count
            if count % REPORT_EVERY == 0:
                stream.write("".join(batch))
                batch.clear()
                state.report(count, total, label)
        stream.write("".join(batch))
        if cols:
            ws.auto_filter.ref = f"A{top + 1}:{_letter(len(cols))}{summary.rows + top + 1}"
        state.report(total or summary.rows, total or summary.rows, "파일을 저장하는 중")
        summary.cleaned_texts = texts.cleaned
    return summary


def _write_title(wb: Any, ws: Any, texts: TextCells, title: Sequence[str], width: int) -> None:
    """The report's name (large, bold) and the lines under it, each merged across the table."""
    from openpyxl.styles import Alignment, Font

    if not title:
        return
    big = add_style(
        wb, _TITLE_STYLE, font=Font(bold=True, size=16),
        alignment=Alignment(horizontal="center", vertical="center"),
    )  # fmt: skip
    small = add_style(wb, _SUBTITLE_STYLE, alignment=Alignment(horizontal="right"))
    for index, line in enumerate(title, 1):
        ws.row_dimensions[index].height = 30 if index == 1 else 18
        ws.append([texts(line, big if index == 1 else small)])
        if width > 1:
            ws.merged_cells.add(f"A{index}:{_letter(width)}{index}")


def printed_width(text: str) -> float:
    """About how many column-width units ``text`` takes when printed: a Hangul character is
    about 1.7 digits wide in Excel's default fonts (``text_width`` counts 2 to be safe on
    screen)."""
    return max(text_width(text) * 0.85, 1)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(max(index, 1))


def _set_widths(ws: Any, cols: list[Column], sample: list[Sequence[object]]) -> None:
    for index, column in enumerate(cols):
        width = column.width
        if width is None:
            seen = [text_width(r[index]) for r in sample if index < len(r)]
            width = min(max([text_width(column.header), *seen]) + 2, 60)
        ws.column_dimensions[_letter(index + 1)].width = max(width, 6)


class SheetStream:
    """The rows of a write-only sheet, written as XML we make ourselves.

    openpyxl's write-only mode builds and serialises a cell object per value, which costs more
    than everything else in a big export; here the header row still goes through openpyxl
    (``ws.append``) and the data rows are XML text (see :class:`_RowXml`) put straight into
    the sheet's stream, between openpyxl's own ``<sheetData>`` tags. Everything else (styles,
    widths, frozen pane, filter, page setup, the package) stays openpyxl's.
    """

    def __init__(self, ws: Any) -> None:
        ws._get_writer()  # writes the sheet's top: properties, size, view, columns
        self.ws, self.writer = ws, ws._writer
        ws._rows = self._rows()  # what ws.append and ws.close talk to
        self.write = ws._rows.send
        next(ws._rows)

    def _rows(self) -> Iterator[None]:
        xf = self.writer.xf.send(True)
        raw = getattr(xf, "_file", None)  # et_xmlfile's text sink (openpyxl without lxml)
        if raw is None:
            raise RuntimeError("표 쓰기: openpyxl의 XML 출력(et_xmlfile)을 쓸 수 없습니다")
        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    item = yield
                    if isinstance(item, str):
                        raw(item)
                    else:  # a row of cells from ws.append (the header)
                        self.writer.write_row(xf, self.ws._values_to_row(item, row_idx), row_idx)
                        row_idx += 1
            except GeneratorExit:
                pass
        self.writer.xf.send(None)


def style_attribute(ws: Any, style: str) -> str:
    """The ``s`` attribute of a cell of ``ws`` in the named style ``style``: the id openpyxl
    gives it, for cells written as XML."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    cell.style = style
    return f' s="{cell.style_id}"'


def escape_text(text: str) -> str:
    """``text`` as the content of an XML element."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class _RowXml:
    """One row of values as the ``<row>`` XML openpyxl would write for them (see
    ``write_table``): the same cell types, the same numbers and the same style ids."""

    def __init__(
        self, wb: Any, ws: Any, cols: list[Column], texts: TextCells, fit_rows: bool = False
    ) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment
        from openpyxl.utils.datetime import to_excel

        self.wb, self.ws, self.cols, self.texts = wb, ws, cols, texts
        self.make, self.to_excel, self.epoch = WriteOnlyCell, to_excel, wb.epoch
        self.ids: dict[str | None, str] = {}  # a named style's name → ' s="id"'
        # A fitted row's wrapped text sits at the bottom, on the line of the row's other cells.
        wrap = Alignment(vertical="bottom" if fit_rows else "top", wrap_text=True)
        self.wrap_style = _WRAP_STYLE + (" 아래" if fit_rows else "")
        self.wrap = [
            self._id(add_style(wb, self.wrap_style, alignment=wrap)) if c.wrap else "" for c in cols
        ]
        # the widths of the wrapped columns, when rows are made as high as their texts need
        self.fit = [c.width or 0 if c.wrap else 0 for c in cols] if fit_rows else []
        self.letters: list[str] = []
        # per column: (kind of value, in a Strong row) → ' s="id"'
        self.formats: list[dict[tuple[type, bool], str]] = []

    def _id(self, style: str) -> str:
        """The ``s`` attribute of a cell of the named style (the id openpyxl gives it)."""
        found = self.ids.get(style)
        if found is None:
            found = self.ids[style] = style_attribute(self.ws, style)
        return found

    def _strong_style(self, name: str, **attributes: Any) -> str:
        """The id of ``name`` made bold on a light fill (a Strong row's cells)."""
        from openpyxl.styles import Font, PatternFill

        fill = PatternFill("solid", fgColor=_STRONG_FILL)
        return self._id(add_style(self.wb, name + _STRONG, font=Font(bold=True), fill=fill,
                                  **attributes))  # fmt: skip

    def _format(self, index: int, kind: type, strong: bool = False) -> str:
        while len(self.formats) <= index:
            self.letters.append(_letter(len(self.letters) + 1))
            self.formats.append({})
        found = self.formats[index].get((kind, strong))
        if found is None:
            column = self.cols[index] if index < len(self.cols) else Column("")
            number_format = column.number_format or _DEFAULT_FORMATS.get(kind, "hh:mm")
            name = f"표 서식 {number_format}"
            if strong:
                extra = {} if number_format == GENERAL else {"number_format": number_format}
                found = self._strong_style(name, **extra)
            elif number_format == GENERAL:
                found = ""
            else:
                found = self._id(add_style(self.wb, name, number_format=number_format))
            self.formats[index][(kind, strong)] = found
        return found

    def _text_style(self, index: int, strong: bool) -> str:
        wrapped = index < len(self.wrap) and bool(self.wrap[index])
        if not strong:
            return self.wrap[index] if wrapped else ""
        if wrapped:
            from openpyxl.styles import Alignment

            wrap = Alignment(vertical="bottom" if self.fit else "top", wrap_text=True)
            return self._strong_style(self.wrap_style, alignment=wrap)
        return self._strong_style("표 글")

    def _height(self, values: Sequence[object]) -> str:
        """The row's height for its longest wrapped text (Excel and LibreOffice do not grow a
        row to its wrapped text on opening a file), or nothing for one line."""
        lines = 1
        for index, width in enumerate(self.fit):
            value = values[index] if index < len(values) else None
            if width and isinstance(value, str) and len(value) * 2 > width:
                shown = sum(
                    math.ceil(printed_width(p) / max(width - 1, 1)) for p in value.split("\n")
                )
                lines = max(lines, shown)
        return f' ht="{lines * _LINE_POINTS + 1:g}" customHeight="1"' if lines > 1 else ""

    def __call__(self, number: int, values: Sequence[object]) -> str:
        strong = isinstance(values, Strong)
        height = self._height(values) if self.fit else ""
        cells = [f'<row r="{number}"{height}>']
        for index, value in enumerate(values):
            if value is None:
                continue
            if index >= len(self.letters):
                self._format(index, str)
            ref = f"{self.letters[index]}{number}"
            if isinstance(value, str | bool) or not isinstance(
                value, int | float | Decimal | date | time
            ):
                if isinstance(value, bool):
                    text: str | None = "예" if value else "아니요"
                else:
                    text = self.texts.clean(value if isinstance(value, str) else str(value))
                if text is not None:
                    style = self._text_style(index, strong)
                    cells.append(
                        f'<c r="{ref}"{style} t="inlineStr"><is><t>{escape_text(text)}</t></is></c>'
                    )
                continue
            if isinstance(value, int | float | Decimal):
                kind: type = int if isinstance(value, int) else float
                number_value: Any = value
            else:
                if isinstance(value, datetime):
                    kind = datetime
                    if value.tzinfo is not None:  # Excel has no time zones: the PC's local time
                        value = value.astimezone().replace(tzinfo=None)
                elif isinstance(value, date):
                    kind = date
                else:
                    kind = time
                    value = value.replace(tzinfo=None)
                number_value = self.to_excel(value, self.epoch)
            style = self._format(index, kind, strong)
            if math.isnan(number_value) or math.isinf(number_value):
                cells.append(f'<c r="{ref}"{style} t="n"/>')
            else:
                shown = format(float(number_value), ".16g")  # as openpyxl writes numbers
                cells.append(f'<c r="{ref}"{style} t="n"><v>{shown}</v></c>')
        cells.append("</row>")
        return "".join(cells)
