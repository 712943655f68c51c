"""The demo county's register: houses, owners, leases, works and funding, designations, plans.

A repaired or modular house has one lease (or a free provision), one development with its
obligations (원인행위, one per funding source, on the contract day) and any own funds paid. A
rental-type house is designated for two years at a time; each designation comes with its own
2-year lease (a renewal points at the lease before it) and its own funded development (the rent
support). The yearly plans add up the developments of each year.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from gwinong_desktop.domain.enums import FundingSource, LeaseKind
from gwinong_desktop.domain.periods import add_months, add_years, month_end, period_end
from gwinong_desktop.domain.rules import RuleSet, designation_end, management_period_end
from gwinong_desktop.storage.models import (
    AnnualPlan,
    Designation,
    Development,
    House,
    Lease,
    Obligation,
    Owner,
    OwnFundPayment,
)

from . import names
from .county import (
    HOUSES,
    MODULAR,
    RENTAL,
    REPAIR,
    SIGUN,
    BuiltHouse,
    HousePlan,
    latest_program_year,
)
from .rows import Rows

_SOURCES = (FundingSource.NATIONAL, FundingSource.PROVINCE, FundingSource.COUNTY)
Budget = tuple[int, int, int]  # 국비, 도비, 군비


def _on(year: int, month: int, rng: random.Random, first: int = 1, last: int = 28) -> date:
    return date(year, month, rng.randrange(first, last + 1))


def split(total: int) -> Budget:
    """50% national; the local half split 30:70 between province and county."""
    national = total // 2
    province = national * 3 // 10
    return national, province, total - national - province


class Register:
    def __init__(self, rows: Rows, rng: random.Random, today: date) -> None:
        self.rows, self.rng, self.today = rows, rng, today
        self.plan_items: dict[int, list[tuple[int, int, int, int]]] = {}
        self.plan_notes: dict[int, str] = {}

    def house(self, plan: HousePlan, year: int, code: str, operator_id: int) -> BuiltHouse:
        rows, rng = self.rows, self.rng
        lat0, lon0, _ = names.JINAN[plan.eupmyeon]
        lat = Decimal(f"{lat0 + rng.uniform(-0.02, 0.02):.6f}")
        lon = Decimal(f"{lon0 + rng.uniform(-0.02, 0.02):.6f}")
        rental = plan.kind is RENTAL
        lease_start = date(year, 4 if rental else 3, 1)
        surveyed = _on(year, 2 if rental else 4, rng, 8, 20)
        built = BuiltHouse(plan, 0, code, year, lat, lon, surveyed, None, None, self.today)
        note = None
        if plan.state == "cancelled":
            note = "소유주 주택 매매로 사업 포기, 국비 반납(사업 취소)"
        elif plan.rooms < 2:
            note = "방 1개(부부 단위 입주 권장)"
        built.id = rows.add(
            House, lease_start - timedelta(days=20), code=code, sido=names.SIDO, sigun=SIGUN,
            eupmyeon=plan.eupmyeon, ri=plan.ri, jibun=names.jibun(rng),
            road_address=names.road_address(rng, SIGUN, plan.eupmyeon), latitude=lat,
            longitude=lon, development_type=plan.kind, program_year=year,
            structure=plan.structure, rooms=plan.rooms, build_year=plan.build_year or year,
            land_area_m2=Decimal(plan.land_m2), floor_area_m2=Decimal(plan.floor_m2),
            monthly_rent=plan.rent, deposit=plan.deposit, operator_id=operator_id,
            cancelled_on=date(year, 6, 20) if plan.state == "cancelled" else None, note=note,
        )  # fmt: skip
        owner_id = self._owner(plan, lease_start - timedelta(days=30))
        if rental:
            self._designations(built, owner_id, lease_start)
        else:
            self._lease_of(built, owner_id, lease_start)
            self._works(built)
        return built

    def _owner(self, plan: HousePlan, on: date) -> int:
        rng = self.rng
        female = rng.random() < 0.35
        if rng.random() < 0.5:
            address = f"{names.SIDO} {SIGUN} {plan.eupmyeon} {plan.ri} {names.jibun(rng)}"
            born = rng.randrange(1938, 1955)
        else:  # the children who inherited the empty house live in the city
            address = names.city_address(rng)
            born = rng.randrange(1955, 1975)
        name = names.person_name(rng, born, female=female)
        return self.rows.add(Owner, on, name=name, address=address, phone=names.mobile(rng))

    def _lease(self, house: BuiltHouse, owner_id: int, kind: LeaseKind, start: date,
               end: date | None, annual_rent: int | None = None, renews: int | None = None,
               note: str | None = None) -> int:  # fmt: skip
        lease_id = self.rows.add(
            Lease, start - timedelta(days=10), house_id=house.id, owner_id=owner_id, kind=kind,
            start_on=start, end_on=end, annual_rent=annual_rent, renews_lease_id=renews, note=note,
        )  # fmt: skip
        house.lease_ids.append(lease_id)
        return lease_id

    def _lease_of(self, house: BuiltHouse, owner_id: int, start: date) -> None:
        plan = house.plan
        if plan.lease == "free":
            note = "무상제공(사용승낙서 제출)" if plan.kind is REPAIR else "부지 무상제공"
            self._lease(house, owner_id, LeaseKind.FREE, start, None, note=note)
        elif plan.lease == "soon":
            end = month_end(add_months(self.today, 1))
            note = "계약 만료 예정: 소유주와 재계약 협의 필요"
            self._lease(house, owner_id, LeaseKind.LEASE, start, end, note=note)
        else:
            end = period_end(start, years=int(plan.lease.rstrip("y")))
            rent = self.rng.choice((None, None, 600_000, 1_200_000))
            self._lease(house, owner_id, LeaseKind.LEASE, start, end, rent)

    def _development(self, house: BuiltHouse, on: date, budget: Budget, own: int,
                     **values: object) -> int:  # fmt: skip
        dev = self.rows.add(
            Development, on, house_id=house.id, year=on.year, budget_national=budget[0],
            budget_province=budget[1], budget_county=budget[2], budget_own=own, **values,
        )  # fmt: skip
        house.development_ids.append(dev)
        self.plan_items.setdefault(on.year, []).append((*budget, own))
        return dev

    def _obligations(self, dev: int, on: date, budget: Budget, contractor: str | None) -> None:
        note = "공사 도급계약" if contractor else "임대료 지원"
        for source, amount in zip(_SOURCES, budget, strict=True):
            self.rows.add(Obligation, on, development_id=dev, obligated_on=on, amount=amount,
                          source=source, contractor=contractor, note=note)  # fmt: skip

    def _designations(self, house: BuiltHouse, owner_id: int, first: date) -> None:
        """Two-year designations (and leases) one after another, up to today."""
        support = 150_000 if house.plan.years_back > 2 else 120_000
        start, previous = first, None
        while start <= self.today:
            end = designation_end(start, RuleSet.defaults(start.year))
            note = "임대운영(지정형) 임차" if previous is None else "지정기간 연장에 따른 재계약"
            previous = self._lease(house, owner_id, LeaseKind.LEASE, start, end, support * 12,
                                   renews=previous, note=note)  # fmt: skip
            self.rows.add(Designation, start - timedelta(days=15), house_id=house.id,
                          start_on=start, end_on=end, monthly_support=support,
                          note="귀농인의 집 지정(임대료 지원)")  # fmt: skip
            house.designations.append((start, end))
            budget = split(support * 24)
            dev = self._development(
                house, start, budget, 0, title=names.WORK_TITLES["rental"][0] + "(2년)",
                started_on=start, planned_completion_on=start, completed_on=start,
                progress_pct=100, completion_reported_on=start + timedelta(days=3),
            )  # fmt: skip
            self._obligations(dev, start, budget, None)
            start = end + timedelta(days=1)
        house.started_on = house.completed_on = first

    def _works(self, house: BuiltHouse) -> None:
        """The works on a vacant house or the purchase of a modular one, and their funding."""
        rng, plan, year = self.rng, house.plan, house.year
        total = (
            rng.choice((28_000_000, 30_000_000, 30_000_000)) if plan.kind is REPAIR else 30_000_000
        )
        budget = split(total)
        suppliers = names.MODULAR_SUPPLIERS if plan.kind is MODULAR else names.JINAN_CONTRACTORS
        contractor: str | None = rng.choice(suppliers)
        contract_on = _on(year, 5, rng, 1, 12)
        started: date | None = contract_on + timedelta(days=rng.randrange(5, 20))
        planned: date | None = _on(year, 10 if plan.kind is REPAIR else 8, rng, 10, 31)
        completed = reported = delay = None
        progress = 100
        if plan.state == "cancelled":
            started = planned = contractor = None
            progress, delay = 0, "소유주 주택 매매로 사업 포기(2차 추경 시 국비 반납)"
            self.plan_notes[year] = "1개소 사업 취소(소유주 사정), 국비 반납"
        elif plan.state == "building":
            planned, progress, delay = date(year, 11, 30), 60, names.DELAY_REASONS[0]
        elif plan.lease == "soon":  # its 관리기간 ends a few weeks from today, with its lease
            completed = add_years(self.today + timedelta(days=rng.randrange(20, 40)), -7)
            completed = max(completed, contract_on + timedelta(days=90))
            if planned is not None and completed > planned:
                delay = "동절기 자재 수급 지연으로 준공 지연"
        else:
            completed = min(planned + timedelta(days=rng.randrange(-10, 25)), date(year, 12, 20))
        if completed is not None:
            reported = completed + timedelta(days=rng.randrange(2, 8))
        dev = self._development(
            house, date(year, 4, 1), budget, plan.own,
            title=rng.choice(names.WORK_TITLES[plan.kind.value]), contractor=contractor,
            started_on=started, planned_completion_on=planned, completed_on=completed,
            progress_pct=progress, delay_reason=delay, completion_reported_on=reported,
        )  # fmt: skip
        if started is not None:
            self._obligations(dev, contract_on, budget, contractor)
            if plan.own:
                half = plan.own // 2
                self.rows.add(OwnFundPayment, started, development_id=dev,
                              paid_on=started + timedelta(days=7), amount=half,
                              note="자부담 선급(착공)")  # fmt: skip
                if completed is not None:
                    self.rows.add(OwnFundPayment, completed, development_id=dev,
                                  paid_on=completed, amount=plan.own - half,
                                  note="자부담 잔금(준공)")  # fmt: skip
        house.started_on, house.completed_on = started, completed
        if completed is not None and plan.state == "ended":
            ends = [management_period_end(completed, RuleSet.defaults(year))]
            if plan.lease not in ("free", "soon"):
                ends.append(period_end(date(year, 3, 1), years=int(plan.lease.rstrip("y"))))
            house.stop = min(ends)

    def write_plans(self, first_year: int, last_year: int) -> None:
        """One 연간계획 a year, adding up the year's developments (in 원)."""
        for year in range(first_year, max(last_year, *self.plan_items) + 1):
            items = self.plan_items.get(year, [])
            self.rows.add(
                AnnualPlan, date(year, 1, 15), year=year, project_name="귀농인의 집 조성사업",
                account_name="일반회계", workload=len(items), national=sum(i[0] for i in items),
                loan=0, local=sum(i[1] + i[2] for i in items), own=sum(i[3] for i in items),
                planned_progress_pct=100, note=self.plan_notes.get(year),
            )  # fmt: skip


def write_register(rows: Rows, rng: random.Random, today: date,
                   operator_ids: list[int]) -> list[BuiltHouse]:  # fmt: skip
    """Houses, owners and leases, works and funding, designations and the yearly plans."""
    last_year = latest_program_year(today)
    register = Register(rows, rng, today)
    built: list[BuiltHouse] = []
    numbers: dict[int, int] = {}
    for plan in HOUSES:
        year = last_year - plan.years_back
        numbers[year] = numbers.get(year, 0) + 1
        code = f"진안-{year}-{numbers[year]:02d}"
        built.append(register.house(plan, year, code, operator_ids[plan.operator]))
    register.write_plans(last_year - 11, last_year)
    return built
