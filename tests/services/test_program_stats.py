"""How the program is doing (``Services.program_stats``): every figure against numbers worked out
by hand on a five-house county, and the statuses against the house list's own derivation on the
demo county."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from edit_fixtures import FixedDay, services_for

from gwinong_desktop.domain.checks import management_period_end
from gwinong_desktop.domain.enums import DevelopmentType, FundingSource, HouseStatus
from gwinong_desktop.domain.enums import SettlementOutcome as S
from gwinong_desktop.domain.periods import month_end
from gwinong_desktop.domain.rulebook import YearRules
from gwinong_desktop.services import Services
from gwinong_desktop.services.houses import HouseService
from gwinong_desktop.services.program_stats import StatsError, earliest_in_period
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import (
    AnnualPlan,
    Development,
    House,
    Obligation,
    OwnFundPayment,
    Payment,
    RentCharge,
    Resident,
    Stay,
)

BLD, OCC, VAC, END, CAN = (HouseStatus.BUILDING, HouseStatus.OCCUPIED, HouseStatus.VACANT,
                           HouseStatus.ENDED, HouseStatus.CANCELLED)  # fmt: skip
N = None


def _house(s, code: str, eupmyeon: str, year: int, completed: date | None, **more) -> House:
    house = House(code=code, sido="전북특별자치도", sigun="진안군", eupmyeon=eupmyeon,
                  development_type=DevelopmentType.REPAIR, program_year=year, **more)  # fmt: skip
    s.add(house)
    s.flush()
    dev = Development(house_id=house.id, year=year, completed_on=completed)
    s.add(dev)
    s.flush()
    house.dev = dev  # type: ignore[attr-defined]
    return house


def _stay(s, house: House, settlement: S, move_in: date, out: date | None) -> Stay:
    resident = Resident(name=f"입주{house.code}{move_in.month}", settlement=settlement)
    s.add(resident)
    s.flush()
    stay = Stay(house_id=house.id, resident_id=resident.id, move_in_on=move_in,
                planned_end_on=move_in + timedelta(days=364), moved_out_on=out)  # fmt: skip
    s.add(stay)
    s.flush()
    return stay


@pytest.fixture
def tiny(tmp_path: Path, new_folder):
    """Five houses, four stays, a few charges and payments, a plan of 2025; today 2026-03-10.

    A 가면 2024, completed 2024-06-30 · B 나면 2025, completed 2025-03-31 · C 가면 2025,
    completed 2025-01-31, cancelled 2025-08-01 · D 가면 2026, not completed · E 나면 2017,
    completed 2017-05-01 (관리기간 7년: ended 2024-05-01)."""
    db = open_database(new_folder(tmp_path / "tiny"), purpose="test")
    ctx = FixedDay(db, "officer", date(2026, 3, 10))
    with ctx.write() as s:
        a = _house(s, "A", "가면", 2024, date(2024, 6, 30))
        b = _house(s, "B", "나면", 2025, date(2025, 3, 31))
        c = _house(s, "C", "가면", 2025, date(2025, 1, 31), cancelled_on=date(2025, 8, 1))
        _house(s, "D", "가면", 2026, None)
        _house(s, "E", "나면", 2017, date(2017, 5, 1))
        s1 = _stay(s, a, S.SETTLED, date(2025, 2, 10), date(2025, 9, 20))
        s2 = _stay(s, b, S.UNKNOWN, date(2025, 5, 1), None)
        _stay(s, a, S.UNKNOWN, date(2025, 11, 15), None)
        _stay(s, c, S.LEFT, date(2025, 2, 1), date(2025, 7, 31))
        s.add_all([
            RentCharge(stay_id=s1.id, month=date(2025, 3, 1), amount=100_000,
                       due_on=date(2025, 3, 10)),
            RentCharge(stay_id=s1.id, month=date(2025, 4, 1), amount=100_000,
                       due_on=date(2025, 4, 10), waived_reason="감면"),
            RentCharge(stay_id=s2.id, month=date(2025, 5, 1), amount=150_000,
                       due_on=date(2025, 5, 10)),
            RentCharge(stay_id=s2.id, month=date(2026, 1, 1), amount=150_000,
                       due_on=date(2026, 1, 10)),
            Payment(stay_id=s1.id, month=date(2025, 3, 1), amount=100_000,
                    paid_on=date(2025, 3, 12)),
            Payment(stay_id=s2.id, month=date(2025, 5, 1), amount=150_000,
                    paid_on=date(2025, 6, 2)),
            Payment(stay_id=s2.id, month=date(2026, 1, 1), amount=150_000,
                    paid_on=date(2026, 1, 5)),
            AnnualPlan(year=2025, workload=2, national=100_000_000, local=100_000_000,
                       own=20_000_000),
            Obligation(development_id=b.dev.id, obligated_on=date(2025, 2, 15),
                       amount=60_000_000, source=FundingSource.NATIONAL),
            Obligation(development_id=b.dev.id, obligated_on=date(2025, 4, 1),
                       amount=40_000_000, source=FundingSource.COUNTY),
            OwnFundPayment(development_id=c.dev.id, paid_on=date(2025, 6, 20),
                           amount=10_000_000),
        ])  # fmt: skip
    yield Services(ctx=ctx, houses=HouseService(ctx))
    db.close()


def test_a_past_year_month_by_month_as_worked_out_by_hand(tiny):
    st = tiny.program_stats.stats(2025)
    assert st.as_of == date(2025, 12, 31) and st.months == 12
    assert st.operating == (2, 2, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2)
    assert st.occupied == (0, 2, 2, 2, 3, 3, 3, 2, 1, 1, 2, 2)
    assert st.occupancy_pct[1] == 100.0 and st.occupancy_pct[8] == 50.0
    assert st.rent_due == (0, 0, 100_000, 0, 150_000, 0, 0, 0, 0, 0, 0, 0)  # waived: not due
    assert st.rent_collected == (0, 0, 100_000, 0, 0, 150_000, 0, 0, 0, 0, 0, 0)
    assert st.settlement[S.SETTLED] == (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)
    assert st.settlement[S.LEFT] == (0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    assert st.settlement[S.UNKNOWN] == (0,) * 12  # still living there
    assert st.plan_total == 220_000_000
    million = 1_000_000
    assert st.executed == tuple(v * million for v in (0, 60, 60, 100, 100, 110, 110, 110, 110,
                                                      110, 110, 110))  # fmt: skip
    assert st.execution_pct[-1] == pytest.approx(50.0)
    # D (a 2026 house) is not counted in 2025; E's 관리기간 ended in 2024
    assert st.statuses == {BLD: 0, OCC: 2, VAC: 0, END: 1, CAN: 1}


def test_one_eupmyeon_narrows_everything_but_the_county_plan(tiny):
    st = tiny.program_stats.stats(2025, "가면")  # A and C
    assert st.operating == (2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1)
    assert st.occupied == (0, 2, 2, 2, 2, 2, 2, 1, 0, 0, 1, 1)
    assert st.rent_due[2] == 100_000 and st.rent_due[4] == 0
    assert sum(st.rent_collected) == 100_000
    assert st.settlement[S.LEFT][6] == 1 and st.settlement[S.SETTLED][8] == 1
    assert st.executed[-1] == 110_000_000  # the plan is the county's
    assert st.statuses == {BLD: 0, OCC: 1, VAC: 0, END: 0, CAN: 1}


def test_the_current_year_stops_at_today(tiny):
    st = tiny.program_stats.stats(2026)
    assert st.months == 3 and st.as_of == date(2026, 3, 10)
    assert st.operating == (2, 2, 2, N, N, N, N, N, N, N, N, N)
    assert st.occupied == (2, 2, 2) + (N,) * 9
    assert st.rent_due[:3] == (150_000, 0, 0) and st.rent_collected[0] == 150_000
    assert st.rent_due[3:] == (N,) * 9
    assert st.plan_total == 0 and st.execution_pct == (N,) * 12  # no plan for 2026
    assert st.statuses == {BLD: 1, OCC: 2, VAC: 0, END: 1, CAN: 1}  # D is a 2026 house
    with pytest.raises(StatsError, match="2027년"):
        tiny.program_stats.stats(2027)


def test_rows_hold_every_figure_in_thousand_won_and_percent(tiny):
    rows = {r[0]: r for r in tiny.program_stats.stats(2025).rows()}
    assert rows["임대료 부과"][1:] == ["천원", 0, 0, 100, 0, 150, 0, 0, 0, 0, 0, 0, 0, 250]
    assert rows["수납률"][-1] == 100.0
    assert rows["입주율"][2:4] == [0.0, 100.0]
    assert rows["예산 계획(연간)"][-1] == 220_000
    assert rows["예산 집행 누계"][-1] == 110_000
    assert rows["상태: 취소"][-1] == 1
    assert rows["퇴거 후 정착"][-1] == 1


def test_choosers_offer_the_eupmyeon_and_years_with_houses(tiny):
    assert tiny.program_stats.eupmyeons() == ["가면", "나면"]
    assert tiny.program_stats.years() == list(range(2026, 2016, -1))


def test_earliest_completion_in_period_matches_the_management_period_end():
    rules = YearRules([]).for_year(2024)
    for day in (date(2027, 2, 28), date(2027, 3, 1), date(2028, 2, 29), date(2031, 12, 31)):
        earliest = earliest_in_period(day, 7)
        assert management_period_end(earliest, rules) >= day
        assert management_period_end(earliest - timedelta(days=1), rules) < day


def test_statuses_agree_with_the_house_list_on_the_demo_county(county_db):
    """At every month's end of 2026 (up to today), and at the end of 2025, the counts are what
    the house list derives (``domain.status``) for the houses of that year or before."""
    svc = services_for(county_db)
    today = svc.ctx.today()
    for year in (2025, 2026):
        st = svc.program_stats.stats(year)
        for month in range(1, st.months + 1):
            day = min(month_end(date(year, month, 1)), today)
            ctx = FixedDay(county_db, "officer", day)
            rows = [r for r in HouseService(ctx).list_houses() if r.program_year <= year]
            counts = Counter(r.status for r in rows)
            assert st.operating[month - 1] == counts[OCC] + counts[VAC], (year, month)
            assert st.occupied[month - 1] == counts[OCC], (year, month)
            if month == st.months:
                assert st.statuses == {s: counts[s] for s in HouseStatus}
    assert sum(st.statuses.values()) > 0


def test_execution_by_month_is_what_the_monthly_report_counts_on_the_demo_county(county_db):
    """The chart's one query over the twelve months gives, month by month, what the monthly
    report's ``plan_execution`` counts up to each month's end (and the same plan)."""
    from gwinong_desktop.services.plans import plan_execution

    svc = services_for(county_db)
    today = svc.ctx.today()
    compared = 0
    for year in (today.year - 1, today.year):
        st = svc.program_stats.stats(year)
        with svc.ctx.read() as s:
            for month in range(1, st.months + 1):
                day = min(month_end(date(year, month, 1)), today)
                execution = plan_execution(s, year, day)
                assert st.executed[month - 1] == execution.executed.total, (year, month)
                compared += execution.executed.total > 0
            plan = execution.plan
        assert st.plan_total == plan.national + plan.loan + plan.local + plan.own
    assert compared > 0  # the demo county has money executed to compare


def test_statuses_today_count_every_house_as_the_house_list_does(county_db):
    """The dashboard's cards: every house not archived, by the house list's status today — a
    house of next year's program and an archived one included in the check."""
    svc = services_for(county_db)
    today = svc.ctx.today()
    with svc.ctx.write() as s:
        _house(s, "다음해-01", "가면", today.year + 1, None)
        gone = _house(s, "보관-01", "가면", today.year, None)
        gone.archived_at = datetime.now(UTC)
        gone.archive_reason = "중복 등록"
    counts = Counter(r.status for r in svc.houses.list_houses())
    assert svc.program_stats.statuses_today() == {s: counts[s] for s in HouseStatus}
    assert counts[BLD] and counts[OCC] and counts[VAC] and counts[END]
