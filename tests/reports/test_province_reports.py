"""월별 추진실적 보고 and 반기 추진실적 (별지 제5호) as written: opened again and checked against
the data (execution across a year end, a house completed mid-year, own funds paid after they
were obligated), the form's merges, formats and print setup, the officer's texts offered again,
the archive, and a target that cannot be written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import lock_targets, officer, viewer
from openpyxl import load_workbook
from sqlalchemy import select

from gwinong_desktop.domain.enums import (
    DevelopmentType,
    FundingSource,
    LeaseKind,
    OperatorKind,
    PhotoPhase,
    PhotoSlot,
    ReportKind,
)
from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.services import Services
from gwinong_desktop.services.province_reports import MonthlyTexts, ProvinceReportError
from gwinong_desktop.services.report_archive import ExportError
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import LOCK_FILENAME, LOCK_INFO_FILENAME
from gwinong_desktop.storage.folder_settings import write_setting
from gwinong_desktop.storage.models import (
    AnnualPlan,
    Development,
    House,
    Lease,
    Obligation,
    Operator,
    Owner,
    OwnFundPayment,
    Photo,
    Report,
    Resident,
    Stay,
)

MILLION = 1_000_000


def _house(code: str, year: int, **values) -> House:
    return House(
        code=code, sido="전북특별자치도", sigun="진안군", eupmyeon="부귀면", ri="거석리",
        development_type=DevelopmentType.REPAIR, program_year=year, **values,
    )  # fmt: skip


@pytest.fixture(scope="module")
def province_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2025: two works — A completed on 2025.6.20 (own funds obligated in March, paid in July),
    B started in September and not completed (a county obligation in January 2026, 이월);
    2026: a plan and no works yet. A has two stays in the second half, B none, C is 2026's."""
    root = tmp_path_factory.mktemp("province") / "data"
    with open_database(root, purpose="test") as db, Services.over(db).ctx.write() as s:
        write_setting(s, COUNTY, "진안군")
        council = Operator(name="부귀마을협의회", kind=OperatorKind.VILLAGE)
        s.add(council)
        s.flush()
        a = _house("진안-2025-01", 2025, floor_area_m2=Decimal("62.80"), monthly_rent=100_000,
                   operator_id=council.id)  # fmt: skip
        b = _house("진안-2025-02", 2025)
        c = _house("진안-2026-01", 2026, monthly_rent=50_000)
        s.add_all([a, b, c])
        s.add_all([
            AnnualPlan(year=2025, account_name="일반회계", workload=2, national=60 * MILLION,
                       local=60 * MILLION, own=10 * MILLION, planned_progress_pct=100),
            AnnualPlan(year=2026, account_name="일반회계", workload=1, national=30 * MILLION,
                       local=30 * MILLION, planned_progress_pct=50),
        ])  # fmt: skip
        s.flush()
        da = Development(
            house_id=a.id, year=2025, budget_national=30 * MILLION, budget_province=9 * MILLION,
            budget_county=21 * MILLION, budget_own=5 * MILLION, started_on=date(2025, 3, 10),
            planned_completion_on=date(2025, 6, 30), completed_on=date(2025, 6, 20),
            progress_pct=100,
        )  # fmt: skip
        db_ = Development(
            house_id=b.id, year=2025, budget_national=30 * MILLION, budget_county=30 * MILLION,
            started_on=date(2025, 9, 1), planned_completion_on=date(2026, 2, 28),
            progress_pct=40, delay_reason="자재 수급 지연",
        )  # fmt: skip
        s.add_all([da, db_])
        s.flush()
        s.add_all([
            Obligation(development_id=da.id, obligated_on=date(2025, 3, 5), amount=30 * MILLION,
                       source=FundingSource.NATIONAL),
            Obligation(development_id=da.id, obligated_on=date(2025, 3, 5), amount=9 * MILLION,
                       source=FundingSource.PROVINCE),
            Obligation(development_id=da.id, obligated_on=date(2025, 4, 2),
                       amount=21 * MILLION + 400, source=FundingSource.COUNTY),
            # own funds obligated in March count only when paid (July)
            Obligation(development_id=da.id, obligated_on=date(2025, 3, 5), amount=5 * MILLION,
                       source=FundingSource.OWN),
            OwnFundPayment(development_id=da.id, paid_on=date(2025, 7, 15), amount=5 * MILLION),
            Obligation(development_id=db_.id, obligated_on=date(2025, 8, 20),
                       amount=30 * MILLION, source=FundingSource.NATIONAL),
            Obligation(development_id=db_.id, obligated_on=date(2026, 1, 10),
                       amount=30 * MILLION, source=FundingSource.COUNTY),
        ])  # fmt: skip
        one, two = Resident(name="김영수"), Resident(name="이수진")
        s.add_all([one, two])
        s.flush()
        s.add_all([
            Stay(house_id=a.id, resident_id=one.id, move_in_on=date(2025, 7, 1),
                 planned_end_on=date(2026, 6, 30), moved_out_on=date(2025, 11, 30)),
            Stay(house_id=a.id, resident_id=two.id, move_in_on=date(2025, 12, 1),
                 planned_end_on=date(2026, 11, 30)),
        ])  # fmt: skip
    return root


@pytest.fixture
def db(tmp_path: Path, province_template: Path) -> Iterator[Database]:
    root = shutil.copytree(
        province_template, tmp_path / "data",
        ignore=shutil.ignore_patterns(LOCK_FILENAME, LOCK_INFO_FILENAME),
    )  # fmt: skip
    with open_database(root, purpose="test") as opened:
        yield opened


def _sheet(path: Path):
    return load_workbook(path).worksheets[0]


def _row_of(ws, text: str, column: int = 1) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == text:
            return row
    raise AssertionError(f"{text!r} not in column {column}")


def _figures(ws, row: int) -> list[object]:
    return [ws.cell(row, c).value for c in range(2, 14)]


def test_monthly_form_layout_formats_and_print_setup(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "3월.xlsx"
    texts = MonthlyTexts(body='=HYPERLINK("x") 3월 착공', measures="건의 없음")
    done = officer(db).province_reports.export_monthly(2025, 3, out, texts=texts)
    assert done.rows == 1 and done.kept.kind == ReportKind.MONTHLY
    ws = _sheet(out)
    assert ws.title == "월별 추진실적"
    assert ws["A1"].value == "[ 3월] 귀농인의 집 조성사업 추진실적 보고"
    assert ws["A1"].font.b and ws["A1"].font.name == "맑은 고딕" and ws["A1"].font.sz == 16
    assert ws["A2"].value.startswith("진안군 · 2025년 3월 말 기준 · 작성일 ")
    sections = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    for label in ("1. 사업명 : 귀농인의 집 조성사업", "2. 회계명 : 일반회계",
                  "3. 사업주체 : 진안군", "4. 사업추진내용 :", "5. 추진현황",
                  "6. 대책 또는 건의사항"):  # fmt: skip
        assert label in sections
    body = _row_of(ws, "4. 사업추진내용 :") + 1
    assert ws.cell(body, 1).value == '=HYPERLINK("x") 3월 착공'
    assert ws.cell(body, 1).data_type == "s"  # text, never a formula
    assert ws.cell(_row_of(ws, "6. 대책 또는 건의사항") + 1, 1).value == "건의 없음"
    assert "7. 추진실적" not in sections  # monthly: no section 7
    head = _row_of(ws, "세부 사업명")
    merges = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A{head}:A{head + 1}", f"B{head}:G{head}", f"H{head}:M{head}"} <= merges
    assert ws.cell(head, 2).value == "2025년 계획" and ws.cell(head, 8).value == "집행실적(누계)"
    assert _figures(ws, head + 1) == ["사업량", "국고 보조", "융자", "지방비", "자담", "계"] * 2
    line = head + 2
    assert ws.cell(line, 1).value == "귀농인의 집 조성사업"
    # plan in 천원; executed to 3.31: 국비 30,000 + 도비 9,000 (군비 in April; own funds unpaid)
    assert _figures(ws, line) == [2, 60000, 0, 60000, 10000, 130000, 0, 30000, 0, 9000, 0, 39000]
    assert ws.cell(line, 3).number_format == "#,##0" and ws.cell(line, 3).border.left.style
    schedule = head + 3
    assert ws.cell(schedule, 1).value == "세부 사업명" and ws.cell(schedule, 2).value == "일 정"
    assert ws.cell(schedule + 1, 2).value == "착공일" and ws.cell(schedule, 9).value == (
        "부진원인 또는 문제점"
    )
    row = schedule + 2
    assert ws.cell(row, 2).value == datetime(2025, 3, 10) and ws.cell(row, 2).number_format == (
        "yyyy.m.d."
    )
    assert ws.cell(row, 4).value == datetime(2026, 2, 28)
    # 사업공정 at March's end: A as entered (100; the trail knows nothing earlier), B not started
    # until September (0): (100+0)/2; 년간진도 39/130
    assert [ws.cell(row, c).value for c in (6, 7, 8)] == [50, 100, 30]
    assert ws.cell(row, 9).value == "자재 수급 지연"  # the works' own 부진원인
    # A4 portrait, one page wide, centred, page numbers, the print area the whole form
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and "&P" in ws.oddFooter.center.text
    assert ws.print_area == f"'월별 추진실적'!$A$1:$M${ws.max_row}"


def _executed(db: Database, tmp_path: Path, year: int, month: int) -> dict[str, list[object]]:
    out = tmp_path / f"{year}-{month}.xlsx"
    officer(db).province_reports.export_monthly(year, month, out)
    ws = _sheet(out)
    head = _row_of(ws, "세부 사업명")
    found = {}
    row = head + 2
    while ws.cell(row, 1).value != "세부 사업명":
        found[ws.cell(row, 1).value] = _figures(ws, row)
        row += 1
    return found


def test_execution_counts_obligations_and_own_funds_when_paid(db: Database, tmp_path: Path) -> None:
    # July: the county's 21,000,400원 rounds to 21,000 천원; own funds paid 7.15; A completed
    july = _executed(db, tmp_path, 2025, 7)["귀농인의 집 조성사업"]
    assert july[6:] == [1, 30000, 0, 30000, 5000, 65000]
    december = _executed(db, tmp_path, 2025, 12)["귀농인의 집 조성사업"]
    assert december[6:] == [1, 60000, 0, 30000, 5000, 95000]


def test_a_month_across_the_year_end_carries_the_unfinished_works(
    db: Database, tmp_path: Path
) -> None:
    january = _executed(db, tmp_path, 2026, 1)
    assert list(january) == ["귀농인의 집 조성사업", "귀농인의 집 조성사업 (2025년 이월)", "합계"]
    assert january["귀농인의 집 조성사업"] == [1, 30000, 0, 30000, 0, 60000] + [0] * 6
    # B's county obligation of 2026.1.10 counts for 2025's works
    carried = january["귀농인의 집 조성사업 (2025년 이월)"]
    assert carried == [2, 60000, 0, 60000, 10000, 130000, 1, 60000, 0, 60000, 5000, 125000]
    assert january["합계"] == [3, 90000, 0, 90000, 10000, 190000,
                              1, 60000, 0, 60000, 5000, 125000]  # fmt: skip


def test_semiannual_section_seven_rows(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "하반기.xlsx"
    done = officer(db).province_reports.export_semiannual(2025, 2, out)
    assert done.kept.kind == ReportKind.SEMIANNUAL and done.rows == 1 + 2
    ws = _sheet(out)
    assert ws["A1"].value == "[ 12월] 귀농인의 집 조성사업 추진실적 보고"
    seven = _row_of(ws, "7. 추진실적")
    six = _row_of(ws, "6. 대책 또는 건의사항")
    assert seven < six  # where the guideline's form has it
    head = seven + 1
    assert [ws.cell(head, c).value for c in (1, 2, 3, 6, 7, 8, 12)] == [
        "연번", "시군", "사업자명/운영자명", "주택규모 (m²)", "임대료", "임대실적 기간", "비고",
    ]  # fmt: skip
    assert ws.print_title_rows == f"${head}:${head}"
    a = [ws.cell(head + 1, c).value for c in (1, 2, 3, 6, 7, 8, 12)]
    assert a == [1, "진안군", "부귀마을협의회", 62.8, "10만원/월",
                 "2025.7.1.~11.30\n2025.12.1.~", None]  # fmt: skip
    assert ws.cell(head + 1, 6).number_format == "#,##0.00"
    assert f"C{head + 1}:E{head + 1}" in {str(r) for r in ws.merged_cells.ranges}
    b = [ws.cell(head + 2, c).value for c in (1, 3, 7, 8, 12)]
    assert b == [2, "운영자 미지정", "-", "-", "조성 중"]
    assert ws.cell(head + 3, 1).value is None  # C is 2026's house


def test_first_half_shows_vacant_houses(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "상반기.xlsx"
    officer(db).province_reports.export_semiannual(2025, 1, out)
    ws = _sheet(out)
    assert ws["A1"].value == "[ 6월] 귀농인의 집 조성사업 추진실적 보고"
    head = _row_of(ws, "7. 추진실적") + 1
    assert [ws.cell(head + 1, c).value for c in (8, 12)] == ["-", "공실"]
    assert [ws.cell(head + 2, c).value for c in (8, 12)] == ["-", "공실"]


def test_a_stay_that_ended_after_the_half_is_open_in_its_report(
    db: Database, tmp_path: Path
) -> None:
    """The half's report says what its last day saw: a move-out in March 2026 does not reach
    back into the report of 2025's second half (a re-export would show a change that is none)."""
    service = officer(db).province_reports
    with service.ctx.write() as s:
        s.scalars(
            select(Stay).where(Stay.move_in_on == date(2025, 12, 1))
        ).one().moved_out_on = date(2026, 3, 31)
    service.export_semiannual(2025, 2, tmp_path / "하반기.xlsx")
    service.export_semiannual(2026, 1, tmp_path / "상반기.xlsx")
    for name, periods in (("하반기", "2025.7.1.~11.30\n2025.12.1.~"),
                          ("상반기", "2025.12.1.~2026.3.31")):  # fmt: skip
        ws = _sheet(tmp_path / f"{name}.xlsx")
        assert ws.cell(_row_of(ws, "7. 추진실적") + 2, 8).value == periods


def test_texts_are_kept_and_offered_next_month(db: Database, tmp_path: Path) -> None:
    service = officer(db).province_reports
    assert service.monthly_texts(2025, 3) == MonthlyTexts()
    service.save_monthly_texts(2025, 3, MonthlyTexts(" 설계 완료 ", "예산 조기 배정", "우기"))
    assert service.monthly_texts(2025, 3) == MonthlyTexts("설계 완료", "예산 조기 배정", "우기",
                                                          (2025, 3))  # fmt: skip
    assert service.monthly_texts(2025, 5).from_month == (2025, 3)  # offered again
    assert service.monthly_texts(2025, 2) == MonthlyTexts()  # never back in time
    out = tmp_path / "4월.xlsx"
    service.export_monthly(2025, 4, out)  # no texts given: March's
    ws = _sheet(out)
    assert ws.cell(_row_of(ws, "4. 사업추진내용 :") + 1, 1).value == "설계 완료"
    schedule = _row_of(ws, "일 정", 2)
    assert ws.cell(schedule + 2, 9).value == "우기"  # the officer's 부진원인 before the works'
    with pytest.raises(ProvinceReportError, match="너무 깁니다"):
        service.save_monthly_texts(2025, 4, MonthlyTexts(body="가" * 5000))
    with pytest.raises(NotPermitted):
        viewer(db).province_reports.save_monthly_texts(2025, 4, MonthlyTexts(body="x"))


def test_archive_row_and_bad_periods(db: Database, tmp_path: Path) -> None:
    service = officer(db).province_reports
    out = tmp_path / "5월.xlsx"
    done = service.export_monthly(2025, 5, out)
    with Services.over(db).ctx.read() as s:
        report = s.scalar(select(Report).where(Report.id == done.kept.id))
        assert (report.kind, report.year, report.month) == (ReportKind.MONTHLY, 2025, 5)
    assert (db.folder.root / done.kept.stored_path).read_bytes() == out.read_bytes()
    for year, month in ((2025, 13), (2025, 0), (1800, 1)):
        with pytest.raises(ProvinceReportError):
            service.export_monthly(year, month, tmp_path / "x.xlsx")
    with pytest.raises(ProvinceReportError, match="반기"):
        service.export_semiannual(2025, 3, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_a_locked_target_keeps_the_old_file_and_leaves_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "6월.xlsx"
    out.write_bytes(b"the report sent last time")
    lock_targets(monkeypatch)
    with pytest.raises(ExportError, match="다른 프로그램에서 열려"):
        officer(db).province_reports.export_monthly(2025, 6, out)
    assert out.read_bytes() == b"the report sent last time"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["6월.xlsx", "data"]
    with Services.over(db).ctx.read() as s:
        assert s.scalar(select(Report.id)) is None  # nothing kept for a file not written


def test_public_listing_has_no_personal_data(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "공개.xlsx"
    services = officer(db)
    services.ctx.today = lambda: date(2025, 10, 1)  # type: ignore[method-assign]
    done = services.province_reports.export_public_listing(out)
    assert done.rows == 3 and done.kept.kind == ReportKind.PUBLIC_LISTING
    ws = _sheet(out)
    assert ws["A1"].value == "진안군 귀농인의 집 입주 현황"
    assert ws["A2"].value == "2025.10.1. 현재 · 3개소 중 입주 가능 1개소"
    header = ["연번", "읍면", "리(마을)", "운영자", "조성유형", "방 수", "면적(m²)", "임대료(월)",
              "보증금", "입주 현황"]  # fmt: skip
    assert [c.value for c in ws[3]] == header
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert rows[0] == [1, "부귀면", "거석리", "부귀마을협의회", "빈집 수리·리모델링", None, 62.8,
                       100000, None, "입주 중"]  # fmt: skip
    assert [r[9] for r in rows] == ["입주 중", "조성 중", "입주 가능"]
    assert ws["H4"].number_format == '#,##0"원"'
    text = " ".join(str(v) for r in rows for v in r)
    assert "김영수" not in text and "2025.7.1" not in text  # no resident, no stay
    assert ws.page_setup.paperSize == 9 and ws.print_title_rows == "$3:$3"


def test_works_notice_start_and_completion(db: Database, tmp_path: Path) -> None:
    service = officer(db).province_reports
    a = service.development_of("진안-2025-01")
    b = service.development_of("진안-2025-02", 2025)
    done = service.export_works_notice(a, tmp_path / "준공계.xlsx", completion=True)
    assert done.kept.kind == ReportKind.WORKS_NOTICE and done.kept.year == 2025
    ws = _sheet(tmp_path / "준공계.xlsx")
    column_b = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert ws["A2"].value == "준 공 계"
    values = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(1, ws.max_row + 1)}
    assert values["1. 사업명"] == "2025년 귀농인의 집 조성사업 (진안-2025-01)"
    assert values["2. 시설장소"] == "전북특별자치도 진안군 부귀면 거석리"
    assert values["○ 착공일"] == "2025.3.10." and values["○ 준공일"] == "2025.6.20."
    assert values["4. 사업내용"].splitlines() == [
        "○ 조성유형: 빈집 수리·리모델링", "○ 건물 면적: 62.80m²",
        "○ 사업비: 65,000,000원 (국비 30,000,000원, 도비 9,000,000원, 군비 21,000,000원, "
        "자부담 5,000,000원)",
    ]  # fmt: skip
    assert "부귀마을협의회" in column_b
    assert "위와 같이 준공되었기에 관계서류를 첨부하여 준공계를 제출합니다." in column_b
    assert column_b[-1] == "진안군수  귀하"  # handed to the head of the county
    service.export_works_notice(b, tmp_path / "착공계.xlsx")
    ws = _sheet(tmp_path / "착공계.xlsx")
    values = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(1, ws.max_row + 1)}
    assert ws["A2"].value == "착 공 계" and values["○ 준공(예정)일"] == "2026.2.28."
    assert ws.cell(_row_of(ws, "5. 기타사항(예상문제점, 특이사항 등)", 2) + 1, 3).value == (
        "자재 수급 지연"
    )
    with pytest.raises(ProvinceReportError, match="준공일이 적혀 있지 않습니다"):
        service.export_works_notice(b, tmp_path / "x.xlsx", completion=True)
    with pytest.raises(ProvinceReportError, match="찾을 수 없습니다"):
        service.development_of("진안-2025-01", 2019)
    assert not (tmp_path / "x.xlsx").exists()


def test_selection_result_national_funds_and_masked_owners(db: Database, tmp_path: Path) -> None:
    with Services.over(db).ctx.write() as s:
        owner = Owner(name="박소유", address="전북특별자치도 진안군 부귀면 거석리 12")
        s.add(owner)
        s.flush()
        house = s.scalar(select(House).where(House.code == "진안-2025-01"))
        house.structure, house.rooms, house.build_year = "목조", 3, 1985
        s.add(Lease(house_id=house.id, owner_id=owner.id, kind=LeaseKind.LEASE,
                    start_on=date(2025, 1, 1), end_on=date(2031, 12, 31)))  # fmt: skip
    out = tmp_path / "선정결과.xlsx"
    done = officer(db).province_reports.export_selection(2025, out)
    assert done.kept.kind == ReportKind.SELECTION and done.rows == 2
    ws = _sheet(out)
    assert ws["A1"].value == "2025년 귀농인의 집 조성 대상지역 선정결과"
    assert ws.page_setup.orientation == "landscape"
    first = _row_of(ws, "시군별")
    assert ws.cell(first, 10).value == "소요예산 (천원)"
    assert [ws.cell(first + 2, c).value for c in (1, 4, 5, 7, 10)] == ["진안군", 1, "수리", 62.8,
                                                                     30000]  # fmt: skip
    total = _row_of(ws, "계")
    assert [ws.cell(total, c).value for c in (4, 10)] == [2, 60000]  # national funds only
    second = _row_of(ws, "<귀농인의 집 빈집 수리(리모델링 포함), 구입>") + 1
    row = [ws.cell(second + 2, c).value for c in range(1, 13)]
    assert row[4:7] == ["목조", 3, 1985] and row[11] == 30000
    assert row[10] == "박*유" and "12" not in row[9]  # masked without personal data
    assert ws.cell(_row_of(ws, "계", 1) + 1, 1).value == "* 소요예산은 국비만 기재"


def test_photo_album_before_and_after_side_by_side(db: Database, tmp_path: Path) -> None:
    from PIL import Image

    root = db.folder.root
    (root / "photos").mkdir(exist_ok=True)
    with Services.over(db).ctx.write() as s:
        house = s.scalar(select(House).where(House.code == "진안-2025-01"))
        for name, phase, colour, taken in (
            ("before.jpg", PhotoPhase.BEFORE, "red", datetime(2025, 3, 1, 1, 0, tzinfo=UTC)),
            ("after.jpg", PhotoPhase.AFTER, "blue", datetime(2025, 6, 25, 2, 0, tzinfo=UTC)),
        ):
            Image.new("RGB", (4000, 3000), colour).save(root / "photos" / name, quality=95)
            s.add(Photo(house_id=house.id, slot=PhotoSlot.FRONT, phase=phase, sha256="0" * 64,
                        stored_path=f"photos/{name}", size_bytes=1, taken_at=taken))  # fmt: skip
        s.add(Photo(house_id=house.id, slot=PhotoSlot.INTERIOR, phase=PhotoPhase.BEFORE,
                    sha256="1" * 64, stored_path="photos/gone.jpg", size_bytes=1))  # fmt: skip
    out = tmp_path / "사진첩.xlsx"
    done = officer(db).province_reports.export_photo_album(out)
    assert done.kept.kind == ReportKind.PHOTO_ALBUM and done.rows == 1
    assert out.stat().st_size < 200_000  # 12 MP photos scaled down
    ws = load_workbook(out).worksheets[0]
    head = _row_of(ws, "구분")
    assert [ws.cell(head, c).value for c in (2, 3)] == ["착공 전", "준공 후"]
    assert ws.cell(head + 1, 1).value == "전경" and ws.cell(head + 3, 1).value == "내부"
    assert ws.cell(head + 2, 2).value == "촬영 2025.3.1. 10:00"  # KST
    assert ws.cell(head + 2, 3).value == "촬영 2025.6.25. 11:00"
    assert ws.cell(head + 4, 2).value == "사진 파일을 읽을 수 없습니다"
    assert ws.cell(head + 3, 3).value == "사진 없음"
    anchors = sorted((i.anchor._from.row + 1, i.anchor._from.col + 1) for i in ws._images)
    assert anchors == [(head + 1, 2), (head + 1, 3)]
    assert max(i.anchor.ext.width for i in ws._images) == 360 * 9525  # shown at 360 px (EMU)
    with pytest.raises(ProvinceReportError, match="사진이 없는 집입니다: 진안-2025-02"):
        officer(db).province_reports.export_photo_album(tmp_path / "x.xlsx",
                                                        house_codes=["진안-2025-02"])  # fmt: skip


def test_a_month_without_data_and_texts_a_workbook_cannot_hold(
    db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "2020-05.xlsx"
    texts = MonthlyTexts(body="설계\x07 완료\uffff", measures="=1+1")
    done = officer(db).province_reports.export_monthly(2020, 5, out, texts=texts)
    assert done.cleaned_texts == 1
    ws = _sheet(out)
    assert ws.cell(_row_of(ws, "4. 사업추진내용 :") + 1, 1).value == "설계 완료"
    measures = ws.cell(_row_of(ws, "6. 대책 또는 건의사항") + 1, 1)
    assert measures.value == "=1+1" and measures.data_type == "s"
    head = _row_of(ws, "세부 사업명")
    assert _figures(ws, head + 2) == [0] * 12  # no plan, no works: zeros, not blanks
    row = head + 5
    assert [ws.cell(row, c).value for c in (2, 4, 6, 7, 8, 9)] == ["-"] * 6


def test_a_cancelled_export_leaves_nothing(db: Database, tmp_path: Path) -> None:
    from gwinong_desktop.domain.progress import Cancelled, TaskState

    state = TaskState()
    state.cancel()
    out = tmp_path / "하반기.xlsx"
    with pytest.raises(Cancelled):
        officer(db).province_reports.export_semiannual(2025, 2, out, state=state)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
