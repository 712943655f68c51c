"""The demo county's people: applicants, residents and their families, stays, rent and spending.

Every completed house has had residents one after another since it opened. Recent recruitment
rounds have their applicants (선정 · 대기 · 탈락 · 취하, scored and ranked: ``county_recruitment``)
and the two empty houses have an open round whose applications wait for a decision. Two
residents are behind with their rent today.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from gwinong_desktop.domain.enums import ExpenseCategory, SettlementOutcome
from gwinong_desktop.domain.periods import add_months, first_of_month
from gwinong_desktop.storage.models import Expense, HouseholdMember, Resident, Stay

from . import names
from .county import RENTAL, SIGUN, BuiltHouse
from .county_recruitment import NOTICE_AFTER, NOTICE_BEFORE, Person, write_round
from .life import (
    EARLY,
    EXTENDED,
    FULL,
    SHORT,
    StayPlan,
    plan_stays,
    write_deposit,
    write_expense,
    write_rent,
)
from .rows import Rows

# each house walks through this pattern of stays from its own starting point
_PATTERN = (FULL, EXTENDED, FULL, EARLY, FULL, SHORT, FULL, EXTENDED, EARLY)
_ARREARS = {"상전면": 2, "강정리": 3}  # 읍·면 or 리 → months behind today


@dataclass
class LivedStay:
    house: BuiltHouse
    plan: StayPlan
    stay_id: int
    resident_id: int
    resident: str
    finding: str | None = None  # what the move-out inspection found (a deposit deduction)


@dataclass
class PeopleResult:
    stays: list[LivedStay] = field(default_factory=list)
    applicants: list[tuple[int, str, date]] = field(default_factory=list)  # selected ones
    arrears_stays: int = 0
    recruiting: random.Random = field(default_factory=random.Random)


def _family(
    rng: random.Random, name: str, born: int, female: bool, move_in: date
) -> list[tuple[str, str, date]]:
    """Household members (name, relation, birth date) moving in with the resident ``name``."""
    if rng.random() >= 0.55:
        return []
    spouse_year = born + rng.randrange(-3, 5) * (1 if female else -1)
    spouse = names.person_name(rng, spouse_year, female=not female)
    members = [(spouse, "배우자", names.birth_date(rng, spouse_year, spouse_year))]
    father = spouse[0] if female else name[0]  # children carry the father's surname
    first = max(born + 27, move_in.year - 17)
    last = min(born + 44, move_in.year - 1)
    if first <= last:
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            year = rng.randrange(first, last + 1)
            child = father + names.given_name(rng, year, female=rng.random() < 0.5)
            members.append((child, "자녀", names.birth_date(rng, year, year)))
    return members


def _education(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.15:
        return 0
    if r < 0.5:
        return rng.randrange(20, 61, 4)
    if r < 0.85:
        return rng.randrange(60, 121, 4)
    return rng.randrange(120, 201, 4)


def _settlement(rng: random.Random, plan: StayPlan, today: date) -> dict[str, object]:
    out = plan.moved_out
    if out is None or (today - out).days < 30:
        return {"settlement": SettlementOutcome.UNKNOWN}
    r = rng.random()
    if r < 0.5:
        eupmyeon = rng.choice(list(names.JINAN))
        ri = rng.choice(names.JINAN[eupmyeon][2])
        return {
            "settlement": SettlementOutcome.SETTLED,
            "settled_on": min(out + timedelta(days=rng.randrange(0, 21)), today),
            "moved_in_registered": True,
            "farm_registered": rng.random() < 0.85,
            "settled_address": f"{names.SIDO} {SIGUN} {eupmyeon} {ri} {names.jibun(rng)}",
        }
    if r < 0.75:
        if rng.random() < 0.5:
            other = rng.choice([s for s in names.SIGUN if s != SIGUN])
            eupmyeon = rng.choice(names.SIGUN[other][3])
            where, note = f"{names.SIDO} {other} {eupmyeon}", f"{other}으로 귀농(타 시군)"
        else:
            where, note = names.city_address(rng), "도시로 복귀"
        return {
            "settlement": SettlementOutcome.LEFT,
            "settled_address": where,
            "note": note,
            "settled_on": min(out + timedelta(days=rng.randrange(0, 21)), today),
        }
    return {"settlement": SettlementOutcome.UNKNOWN, "note": "연락 두절(정착 여부 확인 중)"}


def _applicant(rng: random.Random, applied: date, *, family: bool | None = None) -> Person:
    born = rng.randrange(1958, 1996)
    family = rng.random() < 0.5 if family is None else family
    return Person(
        name=names.person_name(rng, born, female=rng.random() < 0.35),
        birth=names.birth_date(rng, born, born),
        phone=names.mobile(rng),
        address=names.city_address(rng),
        household_size=rng.choice((2, 3, 4)) if family else 1,
        hours=_education(rng),
        family=family,
        applied_on=applied,
    )


def _round(
    rows: Rows, rng: random.Random, house: BuiltHouse, plan: StayPlan, person: dict[str, object]
) -> int:
    """A recruitment round for one stay: the selected applicant (returned) and the others."""
    applied = plan.move_in - timedelta(days=rng.randrange(30, 55))
    decided = applied + timedelta(days=rng.randrange(NOTICE_AFTER + 2, 20))
    chosen = Person(
        name=str(person["name"]),
        birth=person["birth"],  # type: ignore[arg-type]
        phone=str(person["phone"]),
        address=str(person["address"]),
        household_size=int(person["size"]),  # type: ignore[call-overload]
        hours=int(person["hours"]),  # type: ignore[call-overload]
        family=bool(person["family"]),
        applied_on=applied,
    )
    others = [
        _applicant(rng, applied + timedelta(days=rng.randrange(-5, NOTICE_AFTER + 1)))
        for _ in range(rng.randrange(0, 4))
    ]
    selected = write_round(
        rows,
        rng,
        house,
        applied,
        chosen,
        others,
        decided_on=decided,
        waiting_allowed=plan.extended_to is None,
    )
    assert selected is not None
    return selected


def _pending(rows: Rows, rng: random.Random, house: BuiltHouse, today: date) -> None:
    """An open round of an empty house: applications scored, waiting for the decision."""
    applied = today - timedelta(days=NOTICE_AFTER)
    others = [
        _applicant(rng, today - timedelta(days=rng.randrange(3, NOTICE_BEFORE + NOTICE_AFTER)))
        for _ in range(3)
    ]
    write_round(rows, rng, house, applied, None, others, decided_on=None, waiting_allowed=False)


def write_people(
    rows: Rows, rng: random.Random, today: date, houses: list[BuiltHouse], tick: Callable[[], None]
) -> PeopleResult:
    result = PeopleResult()
    # recruitment rounds draw from their own generator: changing them moves no other data
    result.recruiting = random.Random(rng.getrandbits(64))
    recent = date(today.year - 2, 1, 1)
    for index, house in enumerate(houses):
        state = house.plan.state
        if house.completed_on is None or state in ("cancelled", "building"):
            tick()
            continue
        if house.plan.kind is RENTAL:
            first = house.completed_on
        else:
            first = add_months(first_of_month(house.completed_on), 1 + index % 2)
        start = index % len(_PATTERN)
        shapes = itertools.cycle(_PATTERN[start:] + _PATTERN[:start])
        plans = plan_stays(
            rng,
            first_move_in=first,
            stop=house.stop,
            today=today,
            vacant_now=state == "vacant",
            shapes=shapes,
        )
        arrears = _ARREARS.get(house.plan.eupmyeon, _ARREARS.get(house.plan.ri, 0))
        for plan in plans:
            result.stays.append(_one_stay(rows, rng, house, plan, today, recent, arrears, result))
        if state == "vacant":
            _pending(rows, result.recruiting, house, today)
        tick()
    return result


def _one_stay(
    rows: Rows,
    rng: random.Random,
    house: BuiltHouse,
    plan: StayPlan,
    today: date,
    recent: date,
    arrears: int,
    result: PeopleResult,
) -> LivedStay:
    move_in = plan.move_in
    born = rng.randrange(max(1955, move_in.year - 66), min(1995, move_in.year - 28) + 1)
    female = rng.random() < 0.3
    name = names.person_name(rng, born, female=female)
    members = _family(rng, name, born, female, move_in)
    person: dict[str, object] = {
        "name": name,
        "birth": names.birth_date(rng, born, born),
        "phone": names.mobile(rng),
        "address": names.city_address(rng),
        "hours": _education(rng),
        "family": bool(members),
        "size": 1 + len(members),
    }
    applicant_id = None
    if move_in >= recent:
        applicant_id = _round(rows, result.recruiting, house, plan, person)
        result.applicants.append((applicant_id, str(person["name"]), move_in))
    settled = _settlement(rng, plan, today)
    contract_on = move_in - timedelta(days=rng.randrange(5, 20))
    extra = {}
    if settled.get("settled_on"):
        extra["updated_at"] = rows.stamp(settled["settled_on"])  # type: ignore[arg-type]
    resident_id = rows.add(
        Resident,
        contract_on,
        name=person["name"],
        birth_date=person["birth"],
        phone=person["phone"],
        previous_address=person["address"],
        education_hours=person["hours"],
        applicant_id=applicant_id,
        **settled,
        **extra,
    )
    for name, relation, birth in members:
        rows.add(
            HouseholdMember,
            contract_on,
            resident_id=resident_id,
            name=name,
            relation=relation,
            birth_date=birth,
        )
    note = rng.choice(names.EARLY_MOVE_OUT_NOTES) if plan.early and plan.moved_out else None
    if plan.cut:
        note = "귀농인의 집 운영 종료(임대차·관리기간 만료)로 퇴거"
    rent, deposit = house.plan.rent, house.plan.deposit
    stay_id = rows.add(
        Stay,
        contract_on,
        house_id=house.id,
        resident_id=resident_id,
        contract_on=contract_on,
        move_in_on=move_in,
        planned_end_on=plan.planned_end,
        extended_to=plan.extended_to,
        extension_reason=rng.choice(names.EXTENSION_REASONS) if plan.extended_to else None,
        moved_out_on=plan.moved_out,
        household_size=1 + len(members),
        monthly_rent=rent,
        deposit_amount=deposit,
        note=note,
    )
    current = plan.moved_out is None
    lived = LivedStay(house, plan, stay_id, resident_id, str(person["name"]))
    deduction = None
    waive = None
    if not current and deposit and rng.random() < 0.3:
        if rent and rng.random() < 0.3:
            deduction, waive = (names.UNPAID_DEDUCTION, rent), "보증금에서 공제(미납 임대료)"
        else:
            reason, finding, low, high = rng.choice(names.DEDUCTIONS)
            deduction = (reason, rng.randrange(low, high + 1, 10_000))
            lived.finding = finding
    habit = rng.choice(("monthly", "prepaid") if current else ("monthly", "prepaid", "late"))
    rent_result = write_rent(
        rows,
        rng,
        stay_id=stay_id,
        plan=plan,
        rent=rent,
        today=today,
        habit=habit,
        arrears_months=arrears if current else 0,
        waive_last=waive,
    )
    if rent_result.unpaid_due:
        result.arrears_stays += 1
    write_deposit(
        rows, rng, stay_id=stay_id, plan=plan, amount=deposit, today=today, deduction=deduction
    )
    return lived


def write_expenses(rows: Rows, rng: random.Random, today: date, houses: list[BuiltHouse]) -> None:
    """What the operators spent the collected rent on, house by house and year by year."""
    for house in houses:
        if house.completed_on is None or house.plan.rent == 0 or house.plan.state == "cancelled":
            continue
        until = min(house.stop, today)
        for year in range(house.completed_on.year, until.year + 1):
            low = max(date(year, 1, 1), house.completed_on + timedelta(days=30))
            high = min(date(year, 12, 28), until)
            if low >= high:
                continue
            for _ in range(rng.randrange(1, 4)):
                write_expense(
                    rows,
                    rng,
                    house.id,
                    lambda low=low, high=high: (
                        low + timedelta(days=rng.randrange((high - low).days + 1))
                    ),
                )
    first_year = min(h.completed_on.year for h in houses if h.completed_on)
    for year in range(first_year + 1, today.year + 1):
        day = date(year, 12, rng.randrange(10, 20))
        if day <= today:
            rows.add(
                Expense,
                day,
                house_id=None,
                spent_on=day,
                category=ExpenseCategory.COMMUNITY,
                amount=rng.randrange(200_000, 400_001, 10_000),
                description="귀농인의 집 입주자·마을 주민 송년 간담회 다과",
                note="여러 귀농인의 집 공동 행사",
            )
