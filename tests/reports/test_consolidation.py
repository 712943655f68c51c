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


def test_a_form_typed_by_a_county_in_another_program(tmp_path: Path) -> None:
    """As counties type the guideline's form: the year in the title, headings broken over
    lines, amounts as text with commas, percentages with "%", dates as text, section 7 with
    two periods in one cell and "-" for none."""
    path = county_form(tmp_path / "typed.xlsx", "장수군", month=6, houses=2,
                       title="[2026년 6월] 귀농인의 집 조성사업 추진실적 보고")  # fmt: skip
    wb = load_workbook(path)
    ws = wb.active
    ws["A2"] = "장수군 농업기술센터"
    ws["C9"], ws["I9"] = "국고\n보조", "국 고 보 조"
    ws["C10"], ws["G10"] = "60,000", "120,000"
    ws["C14"], ws["A14"], ws["B14"] = "80%", "2026. 3. 2.", "-"
    ws["D17"] = "주택규모\n(㎡)"
    ws["F18"] = "2026.4.1.~5.31\n2026.6.1.~"
    ws["D19"], ws["F19"] = "-", "-"
    wb.save(path)
    report = read_county_report(path)
    assert (report.county, report.year, report.month, report.semiannual) == (
        "장수군", 2026, 6, True,
    )  # fmt: skip
    assert report.plan == (2, 60_000, 0, 60_000, 0, 120_000)
    assert (report.progress, report.started_on, report.planned_completion_on) == (
        80, date(2026, 3, 2), None,
    )  # fmt: skip
    first, second = report.houses
    assert first.periods == ("2026.4.1.~5.31", "2026.6.1.~")
    assert (second.floor_area_m2, second.periods) == (None, ())


def test_consolidated_workbook_is_the_form_with_a_line_per_county(tmp_path: Path) -> None:
    files = [
        county_form(tmp_path / "a.xlsx", "진안군", houses=2, month=12),
        county_form(tmp_path / "b.xlsx", "무주군", executed=(2, 60_000, 0, 60_000, 0, 120_000),
                    houses=3, month=12),
    ]  # fmt: skip
    out = tmp_path / "도.xlsx"
    done = consolidate_reports(files, out, today=date(2026, 12, 31), province="전북특별자치도")
    assert not done.refused and done.path == out
    rows = _rows(out)
    assert rows[0][0] == "[ 12월] 귀농인의 집 조성사업 추진실적 보고"
    assert rows[1][0] == "전북특별자치도 · 2026년 12월 말 기준 · 작성일 2026.12.31."
    texts = [r[0] for r in rows]
    assert "3. 사업주체 : 전북특별자치도" in texts and "1. 사업명 : 귀농인의 집 조성사업" in texts
    body = texts[texts.index("4. 사업추진내용 :") + 1]
    assert body == (
        "2개 시·군 취합 (무주군, 진안군)\n○ 무주군: 리모델링 공사 진행\n"
        "○ 진안군: 리모델링 공사 진행"
    )
    head = texts.index("세부 사업명")
    assert rows[head + 2][:13] == ("무주군", 2, 60_000, 0, 60_000, 0, 120_000,
                                   2, 60_000, 0, 60_000, 0, 120_000)  # fmt: skip
    assert rows[head + 3][0] == "진안군"
    assert rows[head + 4][:13] == ("합계", 4, 120_000, 0, 120_000, 0, 240_000,
                                   3, 90_000, 0, 85_000, 0, 175_000)  # fmt: skip
    schedule = texts.index("세부 사업명", head + 1)
    first = rows[schedule + 2]
    assert first[0] == "무주군" and first[1].date() == date(2026, 3, 2)
    assert (first[5], first[6], first[7], first[8]) == (80, 90, 85, "없음")
    section = texts.index("연번")
    houses = rows[section + 1 : section + 6]
    assert [h[:3] for h in houses] == [
        (1, "무주군", "운영자1"), (2, "무주군", "운영자2"), (3, "무주군", "운영자3"),
        (4, "진안군", "운영자1"), (5, "진안군", "운영자2"),
    ]  # fmt: skip
    assert houses[0][5:8] == (51.02, "10만원/월", "2026.4.1.~5.31")
    assert rows[section + 7][0] == "6. 대책 또는 건의사항"


def test_a_county_line_whose_total_is_not_its_parts_is_refused(tmp_path: Path) -> None:
    path = county_form(tmp_path / "a.xlsx", "진안군", plan=(2, 60_000, 0, 60_000, 0, 110_000))
    with pytest.raises(NotAReport, match=r"a\.xlsx: '5\. 추진현황' 계획의 계\(110,000\)가 .*"
                                         r"합\(120,000\)과 다릅니다 \(G열\)"):  # fmt: skip
        read_county_report(path)


def test_a_locked_file_is_named_and_the_rest_merged(tmp_path: Path, monkeypatch) -> None:
    """A file Excel holds open on Windows cannot be opened at all: PermissionError."""
    from gwinong_desktop.exchange import safety

    good = county_form(tmp_path / "무주.xlsx", "무주군")
    locked = county_form(tmp_path / "진안.xlsx", "진안군")

    def open_locked(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(safety, "open", open_locked, raising=False)
    done = consolidate_reports([good, locked], tmp_path / "도.xlsx", today=date(2026, 12, 3))
    assert [r.county for r in done.merged] == ["무주군"]
    assert done.refused == [(locked, (
        "진안.xlsx: 파일을 열 수 없습니다. Excel 등 다른 프로그램이 파일을 잠그고 있거나 읽을 "
        "권한이 없습니다. 파일을 닫은 뒤 다시 골라 주세요."
    ))]  # fmt: skip


def test_a_write_that_fails_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    from gwinong_desktop.reports import progress_report

    files = [county_form(tmp_path / "a.xlsx", "진안군"), county_form(tmp_path / "b.xlsx", "무주군")]
    out = tmp_path / "도.xlsx"

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress_report, "_schedule_table", broken)
    with pytest.raises(OSError, match="No space"):
        consolidate_reports(files, out, today=date(2026, 12, 3))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("other", "추진실적 보고(별지 제5호 서식)가 아닙니다"),
        ("month", "진안군의 2026년 10월 월별 추진실적 보고입니다 (취합하는 것은 2026년 11월"),
        ("twice", "무주군 보고서가 여러 개입니다"),
        ("merged", "병합된 칸이 서식과 다르게 옮겨져"),
        ("houses", "'7. 추진실적' 표의 H18 칸 '운영자1'이 머리글 아래에 있지 않습니다"),
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
    elif bad == "houses":  # an operator moved out from under its header by hand
        county_form(path, "진안군", month=12, houses=1)
        wb = load_workbook(path)
        wb.active.move_range("C18", cols=5)
        wb.save(path)
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
    texts = [r[0] for r in _rows(out)]
    head = texts.index("세부 사업명")
    counties = texts[head + 2 : texts.index("세부 사업명", head + 1)]
    assert counties == (["장수군"] if bad == "twice" else ["무주군", "장수군", "합계"])


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
        "(취합하는 것은 2026년 하반기 추진실적)."
    ))]  # fmt: skip


def test_cli_writes_the_province_as_the_reports_author(tmp_path: Path, capsys) -> None:
    files = [county_form(tmp_path / "a.xlsx", "진안군"), county_form(tmp_path / "b.xlsx", "무주군")]
    out = tmp_path / "도.xlsx"
    args = [
        "report",
        "consolidate",
        *map(str, files),
        "-o",
        str(out),
        "--province",
        "전북특별자치도",
    ]
    assert main(args) == ExitCode.OK
    assert "2026년 11월 월별 추진실적 보고 2개 시·군 취합" in capsys.readouterr().out
    assert "3. 사업주체 : 전북특별자치도" in [r[0] for r in _rows(out)]


def test_a_consolidated_report_is_not_taken_for_a_countys(tmp_path: Path) -> None:
    files = [county_form(tmp_path / "a.xlsx", "진안군"), county_form(tmp_path / "b.xlsx", "무주군")]
    for province, name in (("전북특별자치도", "도.xlsx"), (None, "시도.xlsx")):
        consolidate_reports(files, tmp_path / name, today=date(2026, 12, 3), province=province)
        shown = province or "시·도"
        with pytest.raises(
            NotAReport, match=rf"{name}: 시·도의 취합 보고서입니다 \(사업주체 : {shown}\)"
        ):
            read_county_report(tmp_path / name)


def test_the_provinces_sums_fit_their_columns(tmp_path: Path) -> None:
    """Millions of 천원 in the 합계 widen their columns (Excel would show ###); the others
    keep the form's widths."""
    big = (2, 600_000, 0, 600_000, 0, 1_200_000)
    files = [county_form(tmp_path / f"{n}.xlsx", n, plan=big) for n in ("진안군", "무주군")]
    out = tmp_path / "도.xlsx"
    consolidate_reports(files, out, today=date(2026, 12, 3))
    ws = load_workbook(out).worksheets[0]
    widths = {c: ws.column_dimensions[c].width for c in "BCGHM"}
    assert widths["G"] >= len("2,400,000") * 1.1 and widths["C"] >= len("1,200,000") * 1.1
    assert widths["B"] == widths["H"] == widths["M"] == 8.8
