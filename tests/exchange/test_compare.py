"""``exchange.compare``: two versions of a report workbook, the changes said in words."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gwinong_desktop.exchange.compare import compare_workbooks


def _form(path: Path, *, executed: int, stays: list[str], note: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "추진실적"
    ws["A1"] = "[ 11월] 귀농인의 집 조성사업 추진실적 보고"
    ws["A3"] = "2. 추진현황"
    ws.append([])
    ws["A5"], ws["B5"], ws["D5"] = "구분", "국고보조", "지방비"
    ws["B6"], ws["C6"], ws["D6"], ws["E6"] = "계획", "집행실적", "계획", "집행실적"
    ws.merge_cells("B5:C5")
    ws.merge_cells("D5:E5")
    ws.append(["추진현황", 30_000, executed, 30_000, 9_000])
    ws["A9"] = "7. 추진실적"
    ws.append(["연번", "시군", "사업자명", "임대실적 기간"])
    for number, period in enumerate(stays, start=1):
        ws.append([number, "진안군", f"운영자{number}", period])
    if note is not None:
        ws["A20"] = note
    wb.save(path)
    return path


def test_changed_added_and_removed_cells_in_words(tmp_path: Path) -> None:
    old = _form(tmp_path / "old.xlsx", executed=12_000, stays=["2025.4.1.~5.31", "", "x"])
    new = _form(tmp_path / "new.xlsx", executed=15_000, stays=["2025.4.1.~5.31", "", ""])
    from openpyxl import load_workbook

    wb = load_workbook(new)
    wb.active["D13"] = "2025.6.1.~"  # 3번 row: a period added where there was none
    wb.active["D12"] = "2025.7.1.~"  # 2번 row
    wb.save(new)
    found = compare_workbooks(old, new)
    assert found
    assert found.lines() == [
        "추진현황 국고보조 집행실적 12,000 → 15,000",
        "2번 진안군 임대실적 기간 추가 (2025.7.1.~)",
        "3번 진안군 임대실적 기간 x → 2025.6.1.~",
    ]
    assert [c.ref for c in found.changes] == ["C7", "D12", "D13"]


def test_the_same_workbook_has_no_changes_and_a_sheet_added_is_named(tmp_path: Path) -> None:
    old = _form(tmp_path / "old.xlsx", executed=1, stays=["a"])
    same = _form(tmp_path / "same.xlsx", executed=1, stays=["a"])
    assert not compare_workbooks(old, same)
    wb = __import__("openpyxl").load_workbook(same)
    wb.create_sheet("사진")["A1"] = "x"
    wb.active["A20"] = "비고 없음"
    wb.save(same)
    found = compare_workbooks(old, same)
    assert found.sheets_added == ("사진",)
    assert found.lines(limit=1) == ["시트 추가: 사진", "외 1곳"]
    assert found.changes[0].describe() == "20행 추가 (비고 없음)"
