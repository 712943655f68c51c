"""The province's consolidation of what our own writer writes: three counties' data folders
(the demo county, varied so that no two are alike), their 월별 and 반기 추진실적 written by
``Services.province_reports`` and consolidated; every figure held against sums taken from the
three databases with SQL of their own, and section 7 against their houses and stays."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import DevelopmentType, FundingSource, Role
from gwinong_desktop.domain.folder_settings import COUNTY, PROVINCE
from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.services.consolidation import consolidate_reports
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import LOCK_FILENAME, LOCK_INFO_FILENAME
from gwinong_desktop.storage.folder_settings import write_setting
from gwinong_desktop.storage.models import (
    AnnualPlan,
    Development,
    House,
    Obligation,
    Operator,
    OwnFundPayment,
    Stay,
)

TODAY = date(2026, 11, 21)
YEAR = 2026
COUNTIES = ("진안군", "무주군", "장수군")


class _Day(ServiceContext):
    def today(self) -> date:
        return TODAY


def _services(db: Database) -> Services:
    from gwinong_desktop.services.houses import HouseService

    ctx = _Day.signed_in(db, Actor("kim", "김담당", Role.OFFICER))
    return Services(ctx=ctx, houses=HouseService(ctx))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from gwinong_desktop.demo.build import build_demo

    root = tmp_path_factory.mktemp("consolidation-demo") / "data"
    with open_database(root, purpose="test") as db:
        build_demo(db, scale="county", today=TODAY)
    return root


def _vary(svc: Services, county: str, step: int) -> None:
    """Make this county's data its own: its name, more money obligated and paid (amounts that
    round in 천원), a bigger plan, a house archived or added without an operator."""
    with svc.ctx.write() as s:
        write_setting(s, COUNTY, county)
        for house in s.scalars(select(House)):
            house.sigun = county
        if step == 0:
            return
        plan = s.scalar(select(AnnualPlan).where(AnnualPlan.year == YEAR))
        assert plan is not None
        plan.national += 40_000_000 * step
        plan.local += 12_345_500 * step
        plan.workload += step
        works = s.scalars(select(Development).where(Development.year == YEAR)).first()
        assert works is not None
        s.add_all([
            Obligation(development_id=works.id, obligated_on=date(YEAR, 3, 5),
                       amount=12_345_500 * step, source=FundingSource.NATIONAL),
            Obligation(development_id=works.id, obligated_on=date(YEAR, 4, 9),
                       amount=7_000_499, source=FundingSource.COUNTY),
            Obligation(development_id=works.id, obligated_on=date(YEAR, 11, 2),
                       amount=9_000_000, source=FundingSource.PROVINCE),  # after both reports
            OwnFundPayment(development_id=works.id, paid_on=date(YEAR, 5, 20), amount=1_500),
        ])  # fmt: skip
        if step == 1:
            first = s.scalars(select(House).order_by(House.code)).first()
            assert first is not None
            first.archived_at = datetime(2026, 11, 20, tzinfo=UTC)
        else:
            s.add(House(code="장수-2026-99", sido="전북특별자치도", sigun=county,
                        eupmyeon="장수읍", program_year=YEAR - 1, floor_area_m2=Decimal("51.02"),
                        development_type=DevelopmentType.REPAIR,
                        monthly_rent=100_000))  # fmt: skip


@dataclass
class County:
    name: str
    root: Path
    monthly: Path
    semiannual: Path


@pytest.fixture(scope="module")
def counties(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> list[County]:
    out = tmp_path_factory.mktemp("county-reports")
    made = []
    for step, name in enumerate(COUNTIES):
        root = shutil.copytree(demo, out / f"data{step}", ignore=shutil.ignore_patterns(
            LOCK_FILENAME, LOCK_INFO_FILENAME))  # fmt: skip
        with open_database(root, purpose="test") as db:
            svc = _services(db)
            _vary(svc, name, step)
            reports = svc.province_reports
            monthly = reports.export_monthly(YEAR, 10, out / f"{name}_10월.xlsx").path
            semiannual = reports.export_semiannual(YEAR, 1, out / f"{name}_상반기.xlsx").path
        made.append(County(name, root, monthly, semiannual))
    return made


def _figures(db: Database, as_of: date) -> tuple[list[int], list[int]]:
    """The plan and the execution (천원, as the form's 6 columns) of the year, by SQL alone."""
    with Services.over(db).ctx.read() as s:
        plan = s.execute(
            select(AnnualPlan.workload, AnnualPlan.national, AnnualPlan.loan, AnnualPlan.local,
                   AnnualPlan.own).where(AnnualPlan.year == YEAR)
        ).one()  # fmt: skip
        works = select(Development.id).where(
            Development.year == YEAR, Development.archived_at.is_(None)
        )
        obligated = dict(s.execute(
            select(Obligation.source, func.sum(Obligation.amount)).where(
                Obligation.development_id.in_(works), Obligation.archived_at.is_(None),
                Obligation.obligated_on <= as_of,
            ).group_by(Obligation.source)
        ).all())  # fmt: skip
        own = s.scalar(select(func.coalesce(func.sum(OwnFundPayment.amount), 0)).where(
            OwnFundPayment.development_id.in_(works), OwnFundPayment.archived_at.is_(None),
            OwnFundPayment.paid_on <= as_of))  # fmt: skip
        done = s.scalar(select(func.count()).where(
            Development.id.in_(works), Development.completed_on <= as_of))  # fmt: skip
    local = obligated.get(FundingSource.PROVINCE, 0) + obligated.get(FundingSource.COUNTY, 0)
    executed = [obligated.get(FundingSource.NATIONAL, 0), 0, local, own]

    def six(workload: int, money: list[int]) -> list[int]:
        thousands = [to_thousand_won(v) for v in money]
        return [workload, *thousands, sum(thousands)]

    return six(plan[0], list(plan[1:])), six(done, executed)


def _houses(db: Database, start: date, end: date) -> list[tuple[str, str, float, int]]:
    """Section 7 of one county by SQL: (시군, operator, area, stays in the half) by 관리번호."""
    with Services.over(db).ctx.read() as s:
        stays = (
            select(func.count()).where(
                Stay.house_id == House.id, Stay.archived_at.is_(None), Stay.move_in_on <= end,
                (Stay.moved_out_on.is_(None)) | (Stay.moved_out_on >= start),
            ).scalar_subquery()
        )  # fmt: skip
        rows = s.execute(
            select(House.sigun, func.coalesce(Operator.name, "운영자 미지정"),
                   House.floor_area_m2, stays)
            .outerjoin(Operator, Operator.id == House.operator_id)
            .where(House.archived_at.is_(None), House.program_year <= YEAR,
                   (House.cancelled_on.is_(None)) | (House.cancelled_on >= start))
            .order_by(House.code, House.id)
        ).all()  # fmt: skip
    return [(a, b, float(c or 0), n) for a, b, c, n in rows]


def _sheet(path: Path) -> dict[int, list]:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = {r[0].row: [c.value for c in r] for r in ws.iter_rows()}
    wb.close()
    return rows


def _rows_under(rows: dict[int, list], label: str, skip: int, nth: int = 0) -> list[list]:
    """The rows under the ``nth`` row whose A cell is ``label`` (``skip`` header rows), up to
    an empty A cell or the next header."""
    heads = [n for n, values in rows.items() if values[0] == label]
    found, n = [], heads[nth] + skip
    while n in rows and rows[n][0] not in (None, label) and str(rows[n][0])[:2] != "6.":
        found.append(rows[n])
        n += 1
    return found


def test_our_monthly_reports_consolidate_to_the_sums_of_the_databases(
    counties: list[County], tmp_path: Path
) -> None:
    out = tmp_path / "도_10월.xlsx"
    done = consolidate_reports([c.monthly for c in counties], out, today=TODAY,
                               province="전북특별자치도")  # fmt: skip
    assert not done.refused and [r.county for r in done.merged] == sorted(COUNTIES)
    rows = _sheet(out)
    assert rows[1][0] == "[ 10월] 귀농인의 집 조성사업 추진실적 보고"
    assert rows[2][0].startswith("전북특별자치도 · 2026년 10월 말 기준")
    assert "3. 사업주체 : 전북특별자치도" in [v[0] for v in rows.values()]
    lines = _rows_under(rows, "세부 사업명", 2)
    assert [line[0] for line in lines] == [*sorted(COUNTIES), "합계"]
    expected = {}
    for county in counties:
        with open_database(county.root, purpose="test") as db:
            expected[county.name] = _figures(db, date(YEAR, 10, 31))
    assert len({tuple(p + e) for p, e in expected.values()}) == 3  # three different counties
    for line in lines[:-1]:
        plan, executed = expected[line[0]]
        assert line[1:13] == plan + executed, line[0]
    sums = [sum(p[i] for p, _ in expected.values()) for i in range(6)]
    sums += [sum(e[i] for _, e in expected.values()) for i in range(6)]
    assert lines[-1][1:13] == sums
    schedule = _rows_under(rows, "세부 사업명", 2, nth=1)
    assert [line[0] for line in schedule] == sorted(COUNTIES)
    for line, report in zip(schedule, done.merged, strict=True):
        assert (line[5], line[6], line[7]) == (
            report.progress, report.year_plan, report.year_actual)  # fmt: skip
        assert line[1].date() == report.started_on and line[8] == report.delay


def test_our_semiannual_reports_consolidate_section_7(
    counties: list[County], tmp_path: Path
) -> None:
    out = tmp_path / "도_상반기.xlsx"
    done = consolidate_reports([c.semiannual for c in counties], out, today=TODAY)
    assert not done.refused and all(r.semiannual for r in done.merged)
    rows = _sheet(out)
    assert rows[1][0] == "[ 6월] 귀농인의 집 조성사업 추진실적 보고"
    assert "3. 사업주체 : 시·도" in [v[0] for v in rows.values()]
    lines = _rows_under(rows, "세부 사업명", 2)
    for line in lines[:-1]:
        county = next(c for c in counties if c.name == line[0])
        with open_database(county.root, purpose="test") as db:
            plan, executed = _figures(db, date(YEAR, 6, 30))
        assert line[1:13] == plan + executed
    houses = _rows_under(rows, "연번", 1)
    expected = []
    for name in sorted(COUNTIES):
        county = next(c for c in counties if c.name == name)
        with open_database(county.root, purpose="test") as db:
            expected += _houses(db, date(YEAR, 1, 1), date(YEAR, 6, 30))
    assert [h[0] for h in houses] == list(range(1, len(expected) + 1))  # renumbered
    found = [(h[1], h[2], h[5], len(h[7].splitlines()) if h[7] != "-" else 0) for h in houses]
    assert found == expected
    assert {h[1] for h in houses} == set(COUNTIES)
    assert done.describe() == f"2026년 상반기 추진실적 3개 시·군 취합 (추진실적 {len(expected)}곳)"


def test_a_monthly_and_a_semiannual_report_are_not_merged(
    counties: list[County], tmp_path: Path
) -> None:
    files = [counties[0].semiannual, counties[1].semiannual, counties[2].monthly]
    done = consolidate_reports(files, tmp_path / "도.xlsx", today=TODAY)
    assert [r.county for r in done.merged] == sorted(COUNTIES[:2])
    assert done.refused == [(counties[2].monthly, (
        f"{counties[2].monthly.name}: 장수군의 2026년 10월 월별 추진실적 보고입니다 "
        "(취합하는 것은 2026년 상반기 추진실적)."
    ))]  # fmt: skip


@pytest.fixture
def province_folder(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "province", purpose="test") as db:
        with Services.over(db).ctx.write() as s:
            write_setting(s, PROVINCE, "전북특별자치도")
        yield db


def test_the_services_door_names_the_folders_province(
    counties: list[County], province_folder: Database, tmp_path: Path
) -> None:
    out = tmp_path / "도.xlsx"
    _services(province_folder).consolidate([c.monthly for c in counties], out)
    assert "3. 사업주체 : 전북특별자치도" in [v[0] for v in _sheet(out).values()]
