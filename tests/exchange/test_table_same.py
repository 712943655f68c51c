"""exchange.table writes what it wrote before it streamed its rows as XML itself.

``data/table_before.xlsx`` was written by ``write_table`` at commit 50842f1 (one openpyxl cell per
value) from the rows below; the same rows written now must open to the same values, types,
styles, number formats, widths, frozen header, filter and page setup.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from gwinong_desktop.exchange.table import GENERAL, Column, write_table

COLUMNS = [
    Column("번호", 8, GENERAL),
    Column("이름"),
    Column("금액"),
    Column("면적"),
    Column("날짜"),
    Column("일시"),
    Column("시각"),
    Column("예/아니요"),
    Column("연도", number_format="0"),
    Column("메모", 40, wrap=True),
]
ROWS = [
    [
        1,
        "진안-2019-01",
        1_250_000,
        Decimal("49.50"),
        date(2025, 3, 1),
        datetime(2025, 3, 1, 9, 30),
        time(14, 5),
        True,
        2019,
        "첫 줄\n둘째 줄 & <태그>",
    ],
    [
        2,
        "=SUM(A1:A9)",
        -3,
        0.1,
        date(1900, 2, 28),
        datetime(2026, 12, 31, 23, 59, 59),
        time(0, 0),
        False,
        2020,
        "  앞뒤 공백  ",
    ],
    [3, "#N/A", 10**15, 1e-7, None, None, None, None, None, "메모\x00\x07 하나\ufffe 둘"],
    [None] * 10,
    [
        5,
        "x" * 40_000,
        0,
        float("nan"),
        date(2024, 2, 29),
        datetime(2024, 2, 29, 0, 0, 1),
        time(23, 59, 59),
        True,
        0,
        "",
    ],
    [6, 7.5, "+82 10", "-3", "@user", 12, 3.25, "예", Decimal("3"), "끝"],
]

import pytest  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

BEFORE = Path(__file__).parent / "data" / "table_before.xlsx"


def _cell(c) -> tuple:
    value = c.value
    if isinstance(value, float) and value != value:
        value = "nan"
    return (
        c.coordinate, value, c.data_type, c.number_format, c.font.b, c.fill.fgColor.rgb,
        c.fill.fill_type, c.alignment.wrap_text, c.alignment.horizontal, c.alignment.vertical,
        c.border.left.style if c.border.left else None, c.style,
    )  # fmt: skip


def _sheet(path: Path) -> dict:
    wb = load_workbook(path)
    ws = wb.active
    return {
        "title": ws.title,
        "cells": [[_cell(c) for c in row] for row in ws.iter_rows()],
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "print": (
            ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth,
            ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage,
            str(ws.print_title_rows),
        ),
        "dimension": ws.calculate_dimension(),
        "styles": sorted(s if isinstance(s, str) else s.name for s in wb.named_styles),
    }  # fmt: skip


def test_rows_streamed_as_xml_open_as_the_cells_written_before(tmp_path: Path) -> None:
    after = tmp_path / "after.xlsx"
    summary = write_table(after, COLUMNS, ROWS, sheet="기록: 비교/확인")
    assert summary.rows == len(ROWS) and summary.cleaned_texts == 2
    before, now = _sheet(BEFORE), _sheet(after)
    assert now["cells"][1][1][1:3] == ("진안-2019-01", "s")  # the comparison sees real cells
    for key in before:
        assert now[key] == before[key], key


def test_a_row_cut_short_or_longer_than_the_columns_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table(path, [Column("가"), Column("나")], [["하나"], ["a", 2, date(2025, 1, 2)]])
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1][0] == "하나" and rows[2] == ("a", 2, datetime(2025, 1, 2))


@pytest.mark.parametrize("text", ["a & b", "<b>굵게</b>", "x > y"])
def test_markup_in_text_is_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.xlsx"
    write_table(path, ["값"], [[text]])
    assert load_workbook(path).active["A2"].value == text
