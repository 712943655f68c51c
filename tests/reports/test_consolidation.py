"""The province's consolidation: reading the counties' forms (ours or by hand) and
``report consolidate`` with each bad input named, never merged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from county_forms import county_form
from openpyxl import Workbook, load_workbook

from gwinong_desktop.app import main
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.exchange.province_report import NotAReport, read_county_report
from gwinong_desktop.services.consolidation import ConsolidationError, consolidate_reports


def _rows(path: Path) -> list[tuple]:
    wb = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_a_county_form_is_read_by_its_labels(tmp_path: Path) -> None:
    report = read_county_report(county_form(tmp_path / "a.xlsx", "진안군", houses=2, month=12))
    assert (report.county, report.year, report.month, report.semiannual) == (
        "진안군", 2026, 12, True,
    )  # fmt: skip
    assert report.plan == (2, 60_000, 0, 60_000, 0, 120_000)
    assert report.executed == (1, 30_000, 0, 25_000, 0, 55_000)
    assert (report.progress, report.year_plan, report.year_actual) == (80, 90, 85)
    assert report.period == "2026년 하반기"


def test_a_hand_copy_with_rows_shifted_and_a_total_row(tmp_path: Path) -> None:
    path = county_form(tmp_path / "hand.xlsx", "무주군")
    wb = load_workbook(path)
    ws = wb.active
    ws.insert_rows(7, 2)  # two rows of notes above the table: no fixed cells
    ws.insert_rows(13)  # a second project under the first, then the county's own 계 row
    ws["A13"] = "빈집 수리"
    for c, v in enumerate((1, "10,000", "-", 10_000, None, 20_000), start=2):
        ws.cell(13, c, v)
    ws["A14"] = "계"
    for c, v in enumerate((3, 70_000, 0, 70_000, 0, 140_000), start=2):
        ws.cell(14, c, v)
    ws.insert_rows(15)
    wb.save(path)
    report = read_county_report(path)
    assert report.plan == (3, 70_000, 0, 70_000, 0, 140_000)  # the 계 row, not a double sum


def test_consolidated_workbook_rows_and_totals(tmp_path: Path) -> None:
    files = [
        county_form(tmp_path / "a.xlsx", "진안군"),
        county_form(tmp_path / "b.xlsx", "무주군", executed=(2, 60_000, 0, 60_000, 0, 120_000)),
    ]
    out = tmp_path / "도.xlsx"
    done = consolidate_reports(files, out, today=date(2026, 12, 3))
    assert not done.refused and done.path == out
    rows = _rows(out)
    assert rows[0][0] == "2026년 11월 귀농인의 집 조성사업 추진실적 취합"
    assert rows[1][0].startswith("월별 추진실적 보고 2개 시·군 · 단위: 천원")
    assert rows[2][:3] == ("연번", "시군", "계획 사업량")
    assert rows[3][:2] == (1, "무주군") and rows[4][:2] == (2, "진안군")  # 가나다
    total = rows[5]
    assert total[1] == "합계" and total[7] == 240_000 and total[13] == 175_000
    assert total[14] == pytest.approx(72.9)


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("other", "추진실적 보고(별지 제5호 서식)가 아닙니다"),
        ("month", "진안군의 2026년 10월 월별 추진실적 보고입니다 (취합하는 것은 2026년 11월"),
        ("twice", "무주군 보고서가 여러 개입니다"),
        ("merged", "병합된 칸이 서식과 다르게 옮겨져"),
        ("text", "숫자가 아닙니다"),
    ],
)
def test_cli_names_each_bad_input_and_merges_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str, says: str
) -> None:
    good = [
        county_form(tmp_path / "무주.xlsx", "무주군"),
        county_form(tmp_path / "장수.xlsx", "장수군"),
    ]
    path = tmp_path / "bad.xlsx"
    if bad == "other":
        wb = Workbook()
        wb.active["A1"] = "거주자 명부"
        wb.save(path)
    elif bad == "month":
        county_form(path, "진안군", month=10)
    elif bad == "twice":
        county_form(path, "무주군")
    else:
        county_form(path, "진안군")
        wb = load_workbook(path)
        ws = wb.active
        if bad == "merged":  # the plan's heading merged over the execution's columns too
            ws.unmerge_cells("B8:G8")
            ws.unmerge_cells("H8:M8")
            ws.merge_cells("B8:I8")
        else:
            ws["C10"] = "육만원"
        wb.save(path)
    out = tmp_path / "도.xlsx"
    code = main(["report", "consolidate", *map(str, good), str(path), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == ExitCode.BAD_INPUT
    assert "제외: bad.xlsx: " in captured.err and says in captured.err
    counties = [r[1] for r in _rows(out)[3:-1]]
    assert counties == (["장수군"] if bad == "twice" else ["무주군", "장수군"])


def test_nothing_to_merge_writes_nothing(tmp_path: Path, capsys) -> None:
    other = tmp_path / "x.xlsx"
    other.write_bytes(b"not a workbook at all")
    out = tmp_path / "도.xlsx"
    with pytest.raises(ConsolidationError, match="취합할 보고서가 없습니다"):
        consolidate_reports([other], out, today=date(2026, 12, 3))
    assert not out.exists()
    assert main(["report", "consolidate", str(other), "-o", str(out)]) == ExitCode.BAD_INPUT
    assert "x.xlsx" in capsys.readouterr().err and not out.exists()
    with pytest.raises(NotAReport, match=r"x\.xlsx"):
        read_county_report(other)


def test_a_december_report_without_section_7_is_not_the_semiannual_one(tmp_path: Path) -> None:
    files = [
        county_form(tmp_path / "a.xlsx", "진안군", month=12, houses=2),
        county_form(tmp_path / "b.xlsx", "무주군", month=12, houses=1),
        county_form(tmp_path / "c.xlsx", "장수군", month=12),
    ]
    assert not read_county_report(files[2]).semiannual
    done = consolidate_reports(files, tmp_path / "도.xlsx", today=date(2026, 12, 31))
    assert [r.county for r in done.merged] == ["무주군", "진안군"]
    assert done.refused == [(files[2], (
        "c.xlsx: 장수군의 2026년 12월 월별 추진실적 보고입니다 "
        "(취합하는 것은 2026년 하반기 반기 추진실적)."
    ))]  # fmt: skip
