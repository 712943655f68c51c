"""exchange.form_sheet: a printed form's cells, written as the XML openpyxl would write them."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from gwinong_desktop.exchange.form_sheet import AREA, DAY, WON, FormSheet
from gwinong_desktop.exchange.table import new_workbook


def _form(path: Path) -> None:
    with new_workbook(path) as wb:
        form = FormSheet(wb, "양식", (20.0, 10.0, 10.0, 10.0))
        form.line("제목", "title", height=32)
        head = form.next_row(20)
        form.put(head, 1, "구분", "head", down=2)
        form.put(head, 2, "금액", "head", across=3)
        under = form.next_row()
        for column, label in ((2, "계획"), (3, "실적"), (4, "=SUM(A1)")):
            form.put(under, column, label, "head")
        row = form.next_row()
        form.put(row, 1, "줄1\n줄2 & <끝>", "left")
        form.fit_height(row, "줄1\n줄2 & <끝>", 20.0)
        form.put(row, 2, 1_250_000, "number", number_format=WON)
        form.put(row, 3, Decimal("49.50"), "number", number_format=AREA)
        form.put(row, 4, date(2026, 3, 2), "cell")
        last = form.next_row()
        form.put(last, 1, datetime(2026, 3, 2, 9, 30), "cell", across=2)
        form.fit_height(last, "짧은 글", 20.0)  # one line, however wide its characters
        form.put(last, 3, True, "cell")
        form.put(last, 3, None, "total")  # styled again: the value stays
        form.finish()


def test_values_keep_their_types_and_look(tmp_path: Path) -> None:
    path = tmp_path / "양식.xlsx"
    _form(path)
    ws = load_workbook(path).active
    assert ws.title == "양식"
    assert [ws.cell(3, c).value for c in (2, 3, 4)] == ["계획", "실적", "=SUM(A1)"]
    assert ws.cell(3, 4).data_type == "s"  # a text that looks like a formula stays a text
    assert ws.cell(4, 1).value == "줄1\n줄2 & <끝>"
    assert ws.cell(4, 2).value == 1_250_000 and ws.cell(4, 2).number_format == WON
    assert ws.cell(4, 3).value == 49.5 and ws.cell(4, 3).number_format == AREA
    assert ws.cell(4, 4).value == datetime(2026, 3, 2) and ws.cell(4, 4).number_format == DAY
    assert ws.cell(5, 1).value == datetime(2026, 3, 2, 9, 30)
    assert ws.cell(5, 3).value == "예" and ws.cell(5, 3).font.bold  # the total's style
    assert ws.cell(2, 1).fill.fgColor.rgb.endswith("E7E6E6") and ws.cell(2, 1).font.bold
    assert ws.row_dimensions[1].height == 32 and ws.row_dimensions[3].height is None
    assert ws.row_dimensions[4].height == 2 * 15 + 3  # two lines of text
    assert ws.row_dimensions[5].height == 15 + 3
    merges = {str(r) for r in ws.merged_cells.ranges}
    assert merges == {"A1:D1", "A2:A3", "B2:D2", "A5:B5"}
    assert ws.print_area == "'양식'!$A$1:$D$5"


def test_a_bordered_merge_writes_its_edges_a_plain_one_its_first_cell(tmp_path: Path) -> None:
    path = tmp_path / "양식.xlsx"
    _form(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    # the title's merge has no border or fill: its other cells would show nothing
    assert '<c r="A1"' in sheet and '<c r="B1"' not in sheet
    # the header's merges carry the border on every cell, so Excel draws round the whole merge
    for ref in ("A3", "C2", "D2", "B5"):
        assert f'<c r="{ref}" s=' in sheet
    ws = load_workbook(path).active
    assert ws.cell(2, 4).border.right.style == "thin"
    assert '<dimension ref="A1:D5" />' in sheet
