"""Reading untrusted workbooks: every bad file gets a clear answer, nothing hangs."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.exchange.reader import inspect_workbook, read_register
from gwinong_desktop.exchange.register_format import HOUSE_SHEET, RESIDENT_SHEET
from gwinong_desktop.exchange.safety import OLE_MAGIC, Limits, WorkbookError

from .workbooks import HOUSE_ROW, PAYMENT_ROW, RESIDENT_ROW, register_book, with_cell


def _refused(path: Path, pattern: str, limits: Limits | None = None) -> None:
    with pytest.raises(WorkbookError) as caught:
        read_register(path, limits=limits)
    assert re.search(pattern, caught.value.message), caught.value.message
    assert path.name in caught.value.message or "MB" in caught.value.message


def _patch(path: Path, member: str, change: Callable[[str], str]) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


def _dimension(xml: str, ref: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)


def test_our_own_workbook_is_read(tmp_path: Path) -> None:
    data = read_register(register_book(tmp_path / "r.xlsx"))
    assert data.problems == []
    house = data.houses[0]
    assert house.row == 2 and house.code == "진안-2020-01"
    assert house.development_type is DevelopmentType.REPAIR
    assert house.national == 15_000_000 and house.floor_area_m2 == Decimal("62.80")
    assert house.lease_start == date(2020, 3, 1) and house.jibun == "123"
    assert data.residents[0].move_in_on == date(2021, 3, 1)
    assert data.payments[0].month == date(2021, 3, 1) and data.payments[0].amount == 100_000


def test_a_text_file_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "명단.xlsx"
    path.write_text("관리번호,성명\n진안-1,홍길동\n", encoding="utf-8")
    _refused(path, r"Excel 통합 문서\(\.xlsx\)가 아닙니다")


def test_an_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "암호.xlsx"
    path.write_bytes(OLE_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    _refused(path, "암호가 걸린 통합 문서입니다")


def test_an_ole_file_without_encryption_marks_is_an_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    _refused(path, r"예전 Excel 형식\(\.xls\)이거나 암호가 걸린 파일")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "압축.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    _refused(path, r"Excel 통합 문서가 아닌 압축\(zip\) 파일")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    _refused(path, "Word 문서입니다")


def test_a_truncated_workbook_and_an_empty_file(tmp_path: Path) -> None:
    good = register_book(tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "잘림.xlsx"
    path.write_bytes(good[: len(good) // 2])
    _refused(path, "손상되어 열 수 없습니다")
    path.write_bytes(b"")
    _refused(path, "빈 파일입니다")


def test_a_workbook_with_a_broken_part(tmp_path: Path) -> None:
    path = register_book(tmp_path / "broken.xlsx")
    _patch(path, "xl/workbook.xml", lambda text: text[: len(text) // 2])
    _refused(path, "통합 문서를 열 수 없습니다")


def test_file_size_limit(tmp_path: Path) -> None:
    path = register_book(tmp_path / "r.xlsx")
    _refused(path, "파일이 너무 큽니다", Limits(max_file_bytes=1000))


def test_a_sheet_that_claims_to_be_huge_is_refused_before_reading(tmp_path: Path) -> None:
    path = register_book(tmp_path / "huge.xlsx")
    _patch(path, "xl/worksheets/sheet1.xml", lambda t: _dimension(t, "A1:XFD1048576"))
    started = time.perf_counter()
    data = read_register(path)
    assert time.perf_counter() - started < 5
    assert data.houses == []
    problem = data.problems[0]
    assert problem.sheet == "귀농인의집" and problem.is_refusal
    assert "시트가 너무 큽니다: 1,048,576행 × 16,384열" in problem.message_ko
    assert "200,000행 × 100열" in problem.message_ko


def test_many_rows_with_a_low_limit(tmp_path: Path) -> None:
    path = register_book(
        tmp_path / "many.xlsx", houses=[], residents=[], payments=[PAYMENT_ROW] * 3000
    )
    data = read_register(path, limits=Limits(max_rows=1000))
    assert data.payments == []
    assert data.problems[0].message_ko.startswith("시트가 너무 큽니다: 3,001행 × 6열")


def test_a_sheet_whose_dimension_lies_stops_at_the_limit(tmp_path: Path) -> None:
    path = register_book(
        tmp_path / "many.xlsx", houses=[], residents=[], payments=[PAYMENT_ROW] * 3000
    )
    _patch(path, "xl/worksheets/sheet3.xml", lambda t: _dimension(t, "A1:F2"))
    data = read_register(path, limits=Limits(max_rows=1000))
    assert data.payments == []
    assert "읽을 수 있는 한도(1,000행 × 100열" in data.problems[0].message_ko


def test_a_row_with_values_past_the_column_limit(tmp_path: Path) -> None:
    path = register_book(tmp_path / "wide.xlsx", houses=[], residents=[],
                         payments=[[*PAYMENT_ROW, *range(200)]])  # fmt: skip
    _patch(path, "xl/worksheets/sheet3.xml", lambda t: _dimension(t, "A1:F2"))
    data = read_register(path)
    assert data.payments == [] and "한도" in data.problems[0].message_ko


def test_merged_header_cells_over_two_rows_and_a_title_row(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "관리대장"
    ws["A1"] = "귀농인의 집 관리대장 (2024.12.31. 기준)"
    ws.merge_cells("A1:I1")
    ws.append(
        ["관리번호", "소재지", None, None, "조성유형", "조성연도", "임대차 기간", None, "비고"]
    )
    ws.append([None, "시도", "시군", "읍면", None, None, "시작일", "종료일", None])
    for cells in ("A2:A3", "B2:D2", "E2:E3", "F2:F3", "G2:H2", "I2:I3"):
        ws.merge_cells(cells)
    ws.append(["진안-1", "전북특별자치도", "진안군", "백운면", "임대형", "2024", "2024.3.1.",
               "2026.2.28", "메모"])  # fmt: skip
    wb.save(path)
    layout = inspect_workbook(path)
    sheet = layout.sheets[0]
    assert sheet.header_row == 3
    assert sheet.headers == [
        "관리번호", "시도", "시군", "읍면", "조성유형", "조성연도", "임대차 기간 시작일",
        "임대차 기간 종료일", "비고",
    ]  # fmt: skip
    data = read_register(path)
    assert [p for p in data.problems if p.is_refusal] == []
    house = data.houses[0]
    assert (house.row, house.eupmyeon, house.program_year) == (4, "백운면", 2024)
    assert (house.lease_start, house.lease_end) == (date(2024, 3, 1), date(2026, 2, 28))
    assert house.development_type is DevelopmentType.RENTAL and house.note == "메모"


def test_formulas_cached_values_and_error_values(tmp_path: Path) -> None:
    rows = [
        with_cell(HOUSE_ROW, "월임대료", "=50000*2"),
        with_cell(with_cell(HOUSE_ROW, "관리번호", "진안-2020-02"), "보증금", "=1+1"),
        with_cell(with_cell(HOUSE_ROW, "관리번호", "진안-2020-03"), "방수", "#DIV/0!"),
    ]
    path = register_book(tmp_path / "f.xlsx", houses=rows, residents=[], payments=[])
    # a cached value for the first formula, as Excel would have saved it
    _patch(path, "xl/worksheets/sheet1.xml",
           lambda t: t.replace("<f>50000*2</f><v />", "<f>50000*2</f><v>100000</v>"))  # fmt: skip
    data = read_register(path)
    assert data.houses[0].monthly_rent == 100_000
    by_place = {(p.row, p.column): p.message_ko for p in data.problems}
    assert set(by_place) == {(3, "보증금"), (4, "방수")}
    assert "수식에 계산된 값이 저장되어 있지 않습니다: '=1+1'" in by_place[(3, "보증금")]
    assert "오류 값이 있습니다: '#DIV/0!'" in by_place[(4, "방수")]


def _resident(**cells: object) -> list:
    row = list(RESIDENT_ROW)
    for header, value in cells.items():
        row = with_cell(row, header, value, RESIDENT_SHEET)
    return row


def _resident(**cells: object) -> list:
    row = list(RESIDENT_ROW)
    for header, value in cells.items():
        row = with_cell(row, header, value, RESIDENT_SHEET)
    return row


def test_text_dates_comma_numbers_blank_rows_and_bad_cells(tmp_path: Path) -> None:
    residents = [
        _resident(입주일="2024.3.1.", 보증금="150만원"),
        [None] * 14,
        ["", "  ", None],
        _resident(입주일=20240401, 월임대료="1,500,000"),
        _resident(입주일="2024.13.1"),
    ]
    path = register_book(tmp_path / "t.xlsx", houses=[], residents=residents, payments=[])
    data = read_register(path)
    assert [r.row for r in data.residents] == [2, 5, 6]
    assert data.residents[0].move_in_on == date(2024, 3, 1)
    assert data.residents[0].deposit == 1_500_000
    assert data.residents[1].move_in_on == date(2024, 4, 1)
    assert data.residents[1].monthly_rent == 1_500_000
    assert [str(p) for p in data.problems] == [
        "시트 '입주자' 6행 '입주일' 열: 날짜를 알 수 없습니다: '2024.13.1' "
        "(예: 2024-03-01, 2024.3.1.)"
    ]


def test_extra_columns_go_to_the_note_and_cells_without_header_warn(tmp_path: Path) -> None:
    path = tmp_path / "extra.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = HOUSE_SHEET.name
    ws.append([*HOUSE_SHEET.headers, "담당자"])
    ws.append([*HOUSE_ROW, "홍길동", "머리글 없음"])
    wb.save(path)
    data = read_register(path)
    assert data.houses[0].note == "담당자: 홍길동"
    assert [(p.column, p.is_refusal) for p in data.problems] == [
        ("담당자", False),
        ("AD열", False),
    ]
    assert data.problems[0].message_ko.endswith("비고에 '머리글: 값'으로 덧붙입니다")


def test_a_required_cell_left_blank_is_named(tmp_path: Path) -> None:
    path = register_book(tmp_path / "b.xlsx", houses=[with_cell(HOUSE_ROW, "읍면", None)])
    problems = [str(p) for p in read_register(path).problems]
    assert problems == [
        "시트 '귀농인의집' 2행 '읍면' 열: 값이 비어 있습니다. 이 열은 꼭 채워야 합니다"
    ]


def test_a_sheet_missing_a_required_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "입주자"
    ws.append(["관리번호", "성명", "연락처"])
    ws.append(["진안-1", "홍길동", "010-1111-2222"])
    wb.save(path)
    data = read_register(path)
    assert data.residents == []
    assert str(data.problems[0]) == "시트 '입주자': 꼭 필요한 열이 없습니다: 입주일"
