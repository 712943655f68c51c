"""A plain table to a workbook: what the officer sees in a list, as an .xlsx file.

Used by "엑셀로 내보내기" of the house list (the current, filtered view). Text is written as text
(a value starting with "=" or looking like "#N/A" is a string cell, never a formula or an error),
numbers as numbers, the header bold on a grey fill, frozen and filtered, column widths set from
the contents, A4 landscape one page wide. The file appears only when complete (a temporary file
beside it replaces it at the end). openpyxl is imported when this runs, not before.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.progress import TaskState, ensure

MAX_TEXT = 32_767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
NUMBER_FORMATS = {int: "#,##0", float: "#,##0.00"}


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    # wide (Hangul, CJK) characters take about two columns
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_table(
    path: Path | str,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    state: TaskState | None = None,
    number_formats: dict[int, str] | None = None,
) -> Path:
    """Write ``rows`` under ``headers`` on a sheet named ``title``; returns the path written.

    ``number_formats`` maps a column index to an Excel number format (default: ``#,##0`` for
    integers and ``#,##0.00`` for floats)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    state = ensure(state)
    target = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E9EDE6")
    widths = [_width(h) for h in headers]
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column)
        _set_text(cell, str(header))
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    total = len(rows)
    formats = number_formats or {}
    for r, values in enumerate(rows, start=2):
        state.check()
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            if value is None:
                continue
            if isinstance(value, bool):
                _set_text(cell, "예" if value else "아니요")
            elif isinstance(value, int | float):
                cell.value = value
                cell.number_format = formats.get(c - 1, NUMBER_FORMATS[type(value)])
            elif isinstance(value, date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            else:
                _set_text(cell, str(value))
            widths[c - 1] = max(widths[c - 1] if c - 1 < len(widths) else 0, _width(value))
        if r % 200 == 0 or r - 1 == total:
            state.report(r - 1, total, "")
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), 60)
    ws.freeze_panes = "A2"
    if headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(total + 1, 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    temp = target.with_name(f".{target.name}.part")
    try:
        wb.save(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    state.report(total, total, "")
    return target


def _set_text(cell: Any, text: str) -> None:
    clean = _ILLEGAL.sub("", text)
    if len(clean) > MAX_TEXT:
        clean = clean[: MAX_TEXT - 1] + "…"
    cell.value = clean
    cell.data_type = "s"  # never a formula ("=…") or an error value ("#N/A")


def _sheet_title(title: str) -> str:
    clean = re.sub(r"[\\/*?:\[\]]", " ", title).strip() or "Sheet1"
    return clean[:31]
