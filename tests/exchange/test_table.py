"""exchange.table: the one table writer (list exports, the access records, reports to come)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.domain.text import has_unsafe
from gwinong_desktop.exchange.table import GENERAL, MAX_TEXT, Column, write_table

BAD = "메모\x00\x07\x0b\x0c\x1f 하나\ufffe\uffff 둘\ud800\udfff 셋"
"""Control characters, the two non-characters and lone surrogates: none of them is XML."""


def _rows(path: Path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_every_kind_of_value_keeps_its_type(tmp_path: Path) -> None:
    path = tmp_path / "목록.xlsx"
    columns = [
        Column("이름"), Column("연도", number_format="0"), Column("금액"), Column("면적"),
        Column("날짜"), Column("일시"), Column("예"), Column("번호", 8, GENERAL),
    ]  # fmt: skip
    when = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    row = ["진안-2019-01", 2019, 1_250_000, Decimal("49.50"), date(2025, 3, 1), when, True, 7]
    summary = write_table(path, columns, [row, [None] * 8], sheet="귀농인의 집")
    assert summary.rows == 2 and summary.cleaned_texts == 0
    ws = load_workbook(path).active
    assert ws.title == "귀농인의 집"
    cells = next(ws.iter_rows(min_row=2, max_row=2))
    assert [c.value for c in cells[:4]] == ["진안-2019-01", 2019, 1_250_000, 49.5]
    assert cells[0].data_type == "s"
    assert [c.number_format for c in cells[1:4]] == ["0", "#,##0", "#,##0.00"]
    assert cells[4].value == datetime(2025, 3, 1) and cells[4].number_format == "yyyy-mm-dd"
    assert cells[5].value == when.astimezone().replace(tzinfo=None)  # the PC's local time
    assert cells[5].number_format == "yyyy-mm-dd hh:mm:ss"
    assert cells[6].value == "예"
    assert cells[7].value == 7 and cells[7].number_format == "General"
    assert len(_rows(path)) == 2  # a row of nothing leaves nothing in the file


def test_text_is_never_a_formula_or_an_error_value(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    values = ["=SUM(A1:A9)", "#N/A", "+82 10", "-3", "@user", "  둘레 공백  "]
    write_table(path, ["값"], [[v] for v in values])
    ws = load_workbook(path).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ["=SUM(A1:A9)", "#N/A", "+82 10", "-3", "@user", "둘레 공백"]
    assert {c.data_type for c in cells} == {"s"}


def test_text_a_workbook_cannot_hold_is_cleaned_and_the_workbook_opens(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    summary = write_table(
        path, [Column("내용", wrap=True), "머리\ufffe글"], [[BAD, "정상"], ["\x01\ufffe", None]]
    )
    assert summary.cleaned_texts == 3  # the two dirty texts and the header
    rows = _rows(path)
    assert rows == [("내용", "머리글"), ("메모 하나 둘 셋", "정상")]  # and a row left empty
    assert not any(has_unsafe(v) for row in rows for v in row if isinstance(v, str))


def test_too_long_text_is_cut_at_the_cell_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    summary = write_table(path, ["글"], [["가" * (MAX_TEXT + 10)]])
    value = _rows(path)[1][0]
    assert len(value) == MAX_TEXT and value.endswith("…")
    assert summary.cleaned_texts == 1


def test_the_sheet_is_styled_by_name_frozen_filtered_and_prints_on_a4(tmp_path: Path) -> None:
    path = tmp_path / "look.xlsx"
    rows = [[f"관리번호-{i}", i, "읍면 이름이 꽤 깁니다"] for i in range(300)]
    write_table(path, [Column("관리번호"), Column("방수"), Column("읍면", width=30)], rows)
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A1"].font.b and ws["A1"].style == "표 머리글"
    assert ws["B2"].style.startswith("표 서식")
    assert len(wb._cell_styles) < 10  # named styles, not a style per cell
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C301"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["A"].width == 4 * 2 + 4 + 2  # from the contents: Hangul is wide
    assert ws.column_dimensions["C"].width == 30  # as declared


def test_a_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")

    def cancel_at_half(done: int, total: int, label: str) -> None:
        if done >= 1000:
            state.cancel()

    state = TaskState(cancel_at_half)
    rows = ([i, "글"] for i in range(5000))  # a stream: rows are not held in memory
    with pytest.raises(Cancelled):
        write_table(path, ["번호", "글"], rows, total=5000, state=state)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_progress_counts_to_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    write_table(
        tmp_path / "p.xlsx", ["n"], [[i] for i in range(1200)],
        state=TaskState(lambda *a: seen.append(a)), label="쓰는 중",
    )  # fmt: skip
    assert seen == [
        (500, 1200, "쓰는 중"),
        (1000, 1200, "쓰는 중"),
        (1200, 1200, "파일을 저장하는 중"),
    ]


def test_a_report_title_strong_rows_and_fitted_rows(tmp_path: Path) -> None:
    """A printed report: its name and a line under it across the table, the header below them
    repeated on every page, subtotal rows bold, rows as high as their wrapped text."""
    from gwinong_desktop.exchange.table import Strong

    path = tmp_path / "보고서.xlsx"
    columns = [Column("이름", 10), Column("금액", 12, "#,##0"), Column("비고", 12, wrap=True)]
    rows = [
        ["=SUM(B4:B5)", 1_000, "짧음"],
        ["나", 2_000, "가나다라마바사아자차카타파하 " * 3],
        Strong(["소계", 3_000, BAD]),
    ]
    summary = write_table(
        path, columns, rows, sheet="보고서", title=["보고서 (2025년)", "진안군 · 작성일"],
        landscape=False, fit_rows=True,
    )  # fmt: skip
    assert summary.rows == 3 and summary.cleaned_texts == 1
    ws = load_workbook(path).active
    assert [ws["A1"].value, ws["A2"].value] == ["보고서 (2025년)", "진안군 · 작성일"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "A2:C2"}
    assert [c.value for c in ws[3]] == ["이름", "금액", "비고"] and ws["A3"].font.b
    assert ws["A4"].value == "=SUM(B4:B5)" and ws["A4"].data_type == "s"
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "portrait" and ws.auto_filter.ref == "A3:C6"
    assert ws.row_dimensions[4].height is None  # one line
    assert ws.row_dimensions[5].height > 2 * 14  # the long note wraps over several lines
    assert ws["A6"].font.b and ws["B6"].font.b and ws["B6"].number_format == "#,##0"
    assert not ws["A5"].font.b and ws["C6"].value == "메모 하나 둘 셋"
