"""The synthetic province's residents, rent and inspections, house by house."""

from __future__ import annotations

import random
from datetime import date, timedelta

from gwinong_desktop.domain.enums import (
    DevelopmentType,
    InspectionKind,
    PhotoPhase,
    SettlementOutcome,
)
from gwinong_desktop.domain.periods import add_months, first_of_month
from gwinong_desktop.storage.models import HouseholdMember, Resident, Stay

from . import names
from .files import PhotoSpec
from .life import plan_stays, random_shapes, write_deposit, write_expense, write_rent
from .province_register import RENTAL, ProvinceHouse
from .rows import Rows
from .visits import (
    ALBUM_HOUSE,
    ALBUM_NEW,
    ALBUM_SITE,
    add_inspection,
    album,
    finding_photo,
    regular_summary,
)

MODULAR = DevelopmentType.MODULAR
_INSPECTOR = "주무관"


def write_people(rows: Rows, rng: random.Random, today: date, house: ProvinceHouse) -> list[date]:
    """Stays, residents, rent and deposits of one house; returns the move-out days."""
    if house.completed_on is None:
        return []
    first = (
        house.completed_on
        if house.kind is RENTAL
        else add_months(first_of_month(house.completed_on), 1)
    )
    shapes = random_shapes(rng, short=0.3, extended=0.12, early=0.15)
    plans = plan_stays(
        rng,
        first_move_in=first,
        stop=house.stop,
        today=today,
        vacant_now=house.vacant,
        shapes=shapes,
        max_gap_months=1,
    )
    move_outs = []
    for plan in plans:
        born = rng.randrange(
            max(1955, plan.move_in.year - 66), min(1995, plan.move_in.year - 28) + 1
        )
        female = rng.random() < 0.3
        name = names.person_name(rng, born, female=female)
        out = plan.moved_out
        settled = {}
        if out is not None and (today - out).days > 30:
            r = rng.random()
            if r < 0.5:
                settled = {
                    "settlement": SettlementOutcome.SETTLED,
                    "settled_on": out,
                    "moved_in_registered": True,
                    "farm_registered": r < 0.42,
                    "settled_address": f"{names.SIDO} {house.sigun}",
                }
            elif r < 0.75:
                settled = {"settlement": SettlementOutcome.LEFT, "settled_on": out}
        resident_id = rows.add(
            Resident,
            plan.move_in,
            name=name,
            birth_date=names.birth_date(rng, born, born),
            phone=names.mobile(rng),
            previous_address=names.city_address(rng),
            education_hours=rng.randrange(0, 201, 4),
            **settled,
        )
        size = 1
        if rng.random() < 0.4:
            spouse = born + rng.randrange(-3, 4)
            rows.add(
                HouseholdMember,
                plan.move_in,
                resident_id=resident_id,
                relation="배우자",
                name=names.person_name(rng, spouse, female=not female),
                birth_date=names.birth_date(rng, spouse, spouse),
            )
            size = 2
        stay_id = rows.add(
            Stay,
            plan.move_in,
            house_id=house.id,
            resident_id=resident_id,
            contract_on=plan.move_in - timedelta(days=10),
            move_in_on=plan.move_in,
            planned_end_on=plan.planned_end,
            extended_to=plan.extended_to,
            extension_reason=names.EXTENSION_REASONS[0] if plan.extended_to else None,
            moved_out_on=out,
            household_size=size,
            monthly_rent=house.rent,
            deposit_amount=house.deposit,
        )
        habit = rng.choices(("monthly", "prepaid", "late"), weights=(50, 35, 15))[0]
        arrears = rng.randrange(1, 4) if out is None and rng.random() < 0.05 else 0
        write_rent(
            rows,
            rng,
            stay_id=stay_id,
            plan=plan,
            rent=house.rent,
            today=today,
            habit=habit,
            arrears_months=arrears,
        )
        write_deposit(rows, rng, stay_id=stay_id, plan=plan, amount=house.deposit, today=today)
        if out is not None and out < today:
            move_outs.append(out)
    if house.rent and house.completed_on:
        for year in range(house.completed_on.year, min(today, house.stop).year + 1):
            write_expense(
                rows,
                rng,
                house.id,
                lambda year=year: max(
                    min(date(year, rng.randrange(1, 13), rng.randrange(1, 28)), today, house.stop),
                    house.completed_on,
                ),
            )
    return move_outs


def write_visits(
    rows: Rows,
    rng: random.Random,
    today: date,
    house: ProvinceHouse,
    move_outs: list[date],
    albums: list[PhotoSpec],
    extra: list[PhotoSpec],
) -> None:
    K = InspectionKind

    def visit(kind: InspectionKind, on: date, summary: str, rate: float) -> int:
        found = [rng.choice(names.FINDINGS)] if rng.random() < rate else []
        inspection_id = add_inspection(
            rows,
            rng,
            house_id=house.id,
            kind=kind,
            on=on,
            inspector=_INSPECTOR,
            summary=summary,
            findings=found,
            today=today,
        )
        for description, _ in found:
            extra.append(
                finding_photo(
                    rng,
                    house_id=house.id,
                    code=house.code,
                    inspection_id=inspection_id,
                    on=on,
                    latitude=house.latitude,
                    longitude=house.longitude,
                    description=description,
                )
            )
        return inspection_id

    survey = visit(K.BEFORE_WORKS, house.surveyed_on, "착공 전 현장 확인", 0.0)
    albums.extend(
        album(
            rng,
            house_id=house.id,
            code=house.code,
            phase=PhotoPhase.BEFORE,
            on=house.surveyed_on,
            latitude=house.latitude,
            longitude=house.longitude,
            slots=ALBUM_SITE if house.kind is MODULAR else ALBUM_HOUSE,
            inspection_id=survey,
        )
    )
    if house.completed_on is None:
        return
    done = visit(K.COMPLETION, house.completed_on, "준공 현장 확인", 0.2)
    albums.extend(
        album(
            rng,
            house_id=house.id,
            code=house.code,
            phase=PhotoPhase.AFTER,
            on=house.completed_on,
            latitude=house.latitude,
            longitude=house.longitude,
            slots=ALBUM_NEW if house.kind is MODULAR else ALBUM_HOUSE,
            inspection_id=done,
        )
    )
    until = min(today, house.stop)
    for year in range(house.completed_on.year + 1, until.year + 1):
        on = date(year, rng.choice((5, 10)), rng.randrange(1, 28))
        if on <= until:
            visit(K.REGULAR, on, regular_summary(on), 0.25)
    for out in move_outs:
        visit(K.MOVE_OUT, out, "퇴거 점검", 0.15)
