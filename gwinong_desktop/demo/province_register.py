"""The synthetic province's houses: location, lease, works and funding, designations."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from gwinong_desktop.domain.enums import DevelopmentType, FundingSource, LeaseKind
from gwinong_desktop.domain.periods import period_end
from gwinong_desktop.storage.models import Designation, Development, House, Lease, Obligation, Owner

from . import names
from .rows import Rows

REPAIR, MODULAR, RENTAL = DevelopmentType.REPAIR, DevelopmentType.MODULAR, DevelopmentType.RENTAL
_SOURCES = (FundingSource.NATIONAL, FundingSource.PROVINCE, FundingSource.COUNTY)


@dataclass
class ProvinceHouse:
    id: int
    code: str
    sigun: str
    kind: DevelopmentType
    latitude: Decimal
    longitude: Decimal
    surveyed_on: date
    completed_on: date | None
    stop: date
    rent: int
    deposit: int
    vacant: bool


def write_house(
    rows: Rows,
    rng: random.Random,
    today: date,
    last_year: int,
    year: int,
    sigun: str,
    code: str,
    operators: list[int],
    plans: dict,
) -> ProvinceHouse:
    _, lat0, lon0, eupmyeons = names.SIGUN[sigun]
    eupmyeon = rng.choice(eupmyeons)
    r = rng.random()
    kind = REPAIR if r < 0.75 else MODULAR if r < 0.9 else RENTAL
    lat = Decimal(f"{lat0 + rng.uniform(-0.1, 0.1):.6f}")
    lon = Decimal(f"{lon0 + rng.uniform(-0.1, 0.1):.6f}")
    rent = 0 if rng.random() < 0.03 else rng.randrange(50_000, 150_001, 10_000)
    deposit = rng.randrange(0, 1_000_001, 100_000) if rent else 0
    lease_start = date(year, rng.randrange(2, 4), 1)
    surveyed = date(year, 4, rng.randrange(1, 28))
    if kind is RENTAL:
        surveyed = lease_start - timedelta(days=rng.randrange(10, 25))
    cancelled = rng.random() < 0.01
    building = (
        kind is not RENTAL
        and year == last_year
        and (today < date(year, 10, 1) or rng.random() < 0.3)
    )
    completed = None
    if not cancelled and not building:
        completed = date(year, rng.randrange(8, 13), rng.randrange(1, 28))
        completed = lease_start if kind is RENTAL else min(completed, today)
    stop = today
    if completed is not None:
        management_end = period_end(completed, years=7)
        if management_end < today and rng.random() < 0.3:
            stop = management_end
    house_id = rows.add(
        House,
        lease_start - timedelta(days=20),
        code=code,
        sido=names.SIDO,
        sigun=sigun,
        eupmyeon=eupmyeon,
        ri=rng.choice(names.COMMON_RI),
        jibun=names.jibun(rng),
        road_address=names.road_address(rng, sigun, eupmyeon),
        latitude=lat,
        longitude=lon,
        development_type=kind,
        program_year=year,
        structure=rng.choice(
            names.STRUCTURES_MODULAR if kind is MODULAR else names.STRUCTURES_REPAIR
        ),
        rooms=rng.choice((2, 2, 2, 3, 3, 1)),
        build_year=year if kind is MODULAR else rng.randrange(1970, 2006),
        land_area_m2=Decimal(rng.randrange(200, 661)),
        floor_area_m2=Decimal(rng.randrange(4000, 9901)) / 100,
        monthly_rent=rent,
        deposit=deposit,
        operator_id=rng.choice(operators),
        cancelled_on=date(year, 6, 20) if cancelled else None,
    )
    house = ProvinceHouse(
        house_id,
        code,
        sigun,
        kind,
        lat,
        lon,
        surveyed,
        completed,
        stop,
        rent,
        deposit,
        rng.random() < 0.15,
    )
    owner_id = rows.add(
        Owner,
        lease_start - timedelta(days=30),
        name=names.person_name(rng, rng.randrange(1940, 1975), female=rng.random() < 0.4),
        address=names.city_address(rng),
        phone=names.mobile(rng),
    )
    if kind is RENTAL and completed is not None:
        start, previous = completed, None
        while start <= min(today, stop):
            end = period_end(start, years=2)
            previous = rows.add(
                Lease,
                start,
                house_id=house_id,
                owner_id=owner_id,
                kind=LeaseKind.LEASE,
                start_on=start,
                end_on=end,
                annual_rent=1_800_000,
                renews_lease_id=previous,
            )
            rows.add(
                Designation,
                start,
                house_id=house_id,
                start_on=start,
                end_on=end,
                monthly_support=150_000,
            )
            _development(
                rows,
                rng,
                plans,
                house_id,
                start,
                (1_800_000, 540_000, 1_260_000),
                0,
                start,
                start,
                None,
            )
            start = end + timedelta(days=1)
        return house
    years = rng.randrange(7, 11)
    free = kind is MODULAR and rng.random() < 0.6
    lease_end = None if free else period_end(lease_start, years=years)
    lease_id = rows.add(
        Lease,
        lease_start,
        house_id=house_id,
        owner_id=owner_id,
        kind=LeaseKind.FREE if free else LeaseKind.LEASE,
        start_on=lease_start,
        end_on=lease_end,
    )
    if lease_end is not None and lease_end < stop:
        rows.add(
            Lease,
            lease_end,
            house_id=house_id,
            owner_id=owner_id,
            kind=LeaseKind.LEASE,
            start_on=lease_end + timedelta(days=1),
            end_on=period_end(lease_end + timedelta(days=1), years=5),
            renews_lease_id=lease_id,
            note="재계약",
        )
    national = rng.choice((14_000_000, 15_000_000, 15_000_000))
    budget = (national, national * 3 // 10, national - national * 3 // 10)
    own = rng.choice((0, 0, 0, 1_000_000, 2_000_000))
    started = None if cancelled else date(year, 5, rng.randrange(1, 28))
    _development(
        rows,
        rng,
        plans,
        house_id,
        date(year, 4, 1),
        budget,
        own,
        started,
        completed,
        names.JINAN_CONTRACTORS[0].replace("진안", sigun[:2]),
    )
    return house


def _development(
    rows: Rows,
    rng: random.Random,
    plans: dict,
    house_id: int,
    on: date,
    budget: tuple[int, int, int],
    own: int,
    started: date | None,
    completed: date | None,
    contractor: str | None,
) -> None:
    progress = 100 if completed else (0 if started is None else rng.randrange(20, 91, 10))
    dev = rows.add(
        Development,
        on,
        house_id=house_id,
        year=on.year,
        budget_national=budget[0],
        budget_province=budget[1],
        budget_county=budget[2],
        budget_own=own,
        contractor=contractor,
        started_on=started,
        planned_completion_on=date(on.year, 11, 30) if started else None,
        completed_on=completed,
        progress_pct=progress,
    )
    if started is not None:
        for source, amount in zip(_SOURCES, budget, strict=True):
            rows.add(
                Obligation,
                started,
                development_id=dev,
                obligated_on=started,
                amount=amount,
                source=source,
                contractor=contractor,
            )
    n, national, province, county, own_sum = plans.get(on.year, (0, 0, 0, 0, 0))
    plans[on.year] = (
        n + 1,
        national + budget[0],
        province + budget[1],
        county + budget[2],
        own_sum + own,
    )
