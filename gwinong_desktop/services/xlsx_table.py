"""One plain table as an .xlsx file, streamed with the standard library (the audit trail export).

Every cell is an inline string, so no text can become a formula; characters a workbook cannot hold
are dropped. The header row is bold, frozen and filtered; the sheet prints on A4 landscape, one
page wide. Rows stream to a temporary file that replaces ``path`` only when complete, so 100,000s of
rows need little memory and a cancelled export leaves nothing behind. (The register workbook, with
its number and date formats, is written with openpyxl in ``exchange``.)
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEXT = 32_767

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""  # noqa: E501
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""  # noqa: E501
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>
<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'{name}'!$A$1:${last}${rows}</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'{name}'!$1:$1</definedName></definedNames>
</workbook>"""  # noqa: E501
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""  # noqa: E501
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="10"/><name val="맑은 고딕"/></font><font><b/><sz val="10"/><name val="맑은 고딕"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEEF1EC"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""  # noqa: E501


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return _ILLEGAL.sub("", text)[:MAX_TEXT]


def write_table(
    path: Path,
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[int] | None = None,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` under ``headers`` into one sheet of a new workbook; returns the row count.

    ``tick(rows_written)`` is called every 1,000 rows and may raise to stop (nothing is kept)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    last = column_letter(len(headers) - 1)
    count = 0
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _RELS)
            zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            zf.writestr("xl/styles.xml", _STYLES)
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                count = _sheet(fh, headers, rows, widths, tick)
            name = escape(_text(sheet)[:31].replace("'", ""), {'"': "&quot;"})
            zf.writestr(
                "xl/workbook.xml", _WORKBOOK.format(name=name, last=last, rows=max(count + 1, 2))
            )
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return count


def _row_xml(number: int, values: Sequence[object], style: int) -> str:
    cells = "".join(
        f'<c r="{column_letter(i)}{number}" t="inlineStr" s="{style}"><is>'
        f'<t xml:space="preserve">{escape(_text(v))}</t></is></c>'
        for i, v in enumerate(values)
        if v is not None and v != ""
    )
    return f'<row r="{number}">{cells}</row>'


def _sheet(
    fh,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] | None,
    tick: Callable[[int], None] | None,
) -> int:
    last = column_letter(len(headers) - 1)
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(widths or [16] * len(headers))
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f"<cols>{cols}</cols><sheetData>"
    )
    fh.write(head.encode("utf-8"))
    fh.write(_row_xml(1, headers, 1).encode("utf-8"))
    count = 0
    buffer: list[str] = []
    for count, values in enumerate(rows, 1):
        buffer.append(_row_xml(count + 1, values, 2))
        if count % 1000 == 0:
            fh.write("".join(buffer).encode("utf-8"))
            buffer.clear()
            if tick is not None:
                tick(count)
    fh.write("".join(buffer).encode("utf-8"))
    tail = (
        f'</sheetData><autoFilter ref="A1:{last}{max(count + 1, 2)}"/>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "</worksheet>"
    )
    fh.write(tail.encode("utf-8"))
    return count
