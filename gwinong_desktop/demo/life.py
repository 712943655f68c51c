"""Residents' lives in a house: the stays one after another, their rent, payments and deposits.

Shared by the county and the province generators. Stays start on the first of a month, run the
rule's 12 months (sometimes a 6-month contract), are sometimes extended by 3 months (nobody
waiting) or end early; a house is then empty for a few weeks while the next resident is chosen.
Rent is charged for every month of a stay, due on the 10th; residents pay monthly, three months in
advance, or late. Nothing is dated after ``today``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from gwinong_desktop.domain.enums import ExpenseCategory
from gwinong_desktop.domain.periods import (
    ONE_DAY,
    add_months,
    days_in_month,
    first_of_month,
    iter_months,
    month_end,
    period_end,
)
from gwinong_desktop.storage.models import Deposit, Expense, Payment, RentCharge

from . import names
from .rows import Rows

FULL, SHORT, EXTENDED, EARLY = "full", "short", "extended", "early"


@dataclass
class StayPlan:
    move_in: date
    planned_end: date
    extended_to: date | None
    moved_out: date | None  # None: living there today
    early: bool = False
    cut: bool = False  # ended when the house left the program (lease or management period over)

    @property
    def last_day(self) -> date:
        """The last day rent is charged for: the move-out, else the (extended) planned end."""
        if self.moved_out is not None:
            return self.moved_out
        return self.extended_to or self.planned_end


def random_shapes(
    rng: random.Random, *, short: float, extended: float, early: float
) -> Iterator[str]:
    while True:
        r = rng.random()
        if r < short:
            yield SHORT
        elif r < short + extended:
            yield EXTENDED
        elif r < short + extended + early:
            yield EARLY
        else:
            yield FULL


def plan_stays(
    rng: random.Random,
    *,
    first_move_in: date,
    stop: date,
    today: date,
    vacant_now: bool,
    shapes: Iterator[str],
    max_gap_months: int = 2,
) -> list[StayPlan]:
    """The stays of one house from ``first_move_in`` until ``stop`` (at the latest ``today``).

    With ``vacant_now`` the last stay ends a few weeks before ``today``; otherwise, when the
    house is still in use on ``today`` (``stop >= today``), someone lives there today.
    """
    plans: list[StayPlan] = []
    cursor = first_move_in
    horizon = min(stop, today)
    while cursor <= horizon:
        if stop < today and period_end(cursor, months=6) > stop:
            break  # the house leaves the program soon: nobody new moves in
        shape = next(shapes)
        planned_end = period_end(cursor, months=6 if shape == SHORT else 12)
        extended_to = period_end(planned_end + ONE_DAY, months=3) if shape == EXTENDED else None
        early = shape == EARLY
        natural_end = extended_to or planned_end
        if early:
            span = (planned_end - cursor).days
            natural_end = cursor + timedelta(days=rng.randrange(span // 3, span - 20))
        if extended_to is not None and planned_end - timedelta(days=30) > today:
            extended_to, natural_end = None, planned_end  # not decided yet
        plan = StayPlan(cursor, planned_end, extended_to, natural_end, early)
        if natural_end > stop and stop < today:  # the house left the program
            plan.moved_out, plan.extended_to, plan.early, plan.cut = stop, None, False, True
        elif natural_end >= today:
            if vacant_now:
                out = min(today - timedelta(days=rng.randrange(25, 60)), natural_end)
                if (out - cursor).days < 90:
                    break
                plan.moved_out, plan.early = out, out < planned_end
                if plan.extended_to is not None and out <= planned_end:
                    plan.extended_to = None
            else:
                plan.moved_out, plan.early = None, False
                plans.append(plan)
                break
        plans.append(plan)
        assert plan.moved_out is not None
        cursor = add_months(first_of_month(plan.moved_out), 1 + rng.randrange(max_gap_months + 1))
        if rng.random() < 0.35 and plan.moved_out == month_end(plan.moved_out):
            cursor = plan.moved_out + ONE_DAY  # the next resident was waiting
        if not vacant_now and stop >= today and cursor > today:
            cursor = max(plan.moved_out + ONE_DAY, first_of_month(today))
    return plans


@dataclass
class RentResult:
    charges: int = 0
    payments: int = 0
    unpaid_due: int = 0  # charges due before today without a payment


def _charge_amount(rent: int, month: date, plan: StayPlan) -> int:
    if plan.moved_out is not None and plan.moved_out < month_end(month):
        days = plan.moved_out.day
        return rent * days // days_in_month(month.year, month.month) // 10 * 10
    return rent


def write_rent(
    rows: Rows,
    rng: random.Random,
    *,
    stay_id: int,
    plan: StayPlan,
    rent: int,
    today: date,
    habit: str,
    arrears_months: int = 0,
    waive_last: str | None = None,
) -> RentResult:
    """Rent charges for every month of the stay and the payments made up to ``today``.

    ``habit``: "monthly" (by the 10th), "prepaid" (three months at a time, in advance) or "late".
    ``arrears_months``: the last so many months already due are left unpaid (current arrears).
    ``waive_last``: the last month is waived for this reason (taken from the deposit).
    """
    result = RentResult()
    if rent <= 0:
        return result
    months = list(iter_months(plan.move_in, plan.last_day))
    due_months = [m for m in months if m.replace(day=10) < today]
    unpaid = set(due_months[-arrears_months:]) if arrears_months else set()
    if waive_last and months:
        unpaid.add(months[-1])
    prepaid_on: date | None = None
    for index, month in enumerate(months):
        due = month.replace(day=10)
        amount = _charge_amount(rent, month, plan)
        waived = waive_last if (waive_last and month == months[-1]) else None
        rows.add(
            RentCharge,
            plan.move_in,
            stay_id=stay_id,
            month=month,
            amount=amount,
            due_on=due,
            waived_reason=waived,
        )
        result.charges += 1
        if month in unpaid:
            if due < today and not waived:
                result.unpaid_due += 1
            continue
        note = None
        if habit == "prepaid":
            if index % 3 == 0:
                prepaid_on = due - timedelta(days=rng.randrange(0, 9))
            paid_on = prepaid_on or due
            note = "3개월 선납" if index % 3 else None
        elif habit == "late" and rng.random() < 0.5:
            paid_on = due + timedelta(days=rng.randrange(5, 40))
            note = "연체 납부"
        else:
            paid_on = due - timedelta(days=rng.randrange(0, 10))
        paid_on = max(paid_on, plan.move_in)
        if paid_on > today:
            if due < today:
                result.unpaid_due += 1
            continue
        rows.add(
            Payment,
            paid_on,
            stay_id=stay_id,
            month=month,
            amount=amount,
            paid_on=paid_on,
            method=rng.choice(names.PAYMENT_METHODS),
            note=note,
        )
        result.payments += 1
    return result


def write_deposit(
    rows: Rows,
    rng: random.Random,
    *,
    stay_id: int,
    plan: StayPlan,
    amount: int,
    today: date,
    deduction: tuple[str, int] | None = None,
) -> None:
    """The deposit received at move-in and, after a move-out, returned (less any deduction)."""
    if amount <= 0:
        return
    returned_on = returned_amount = None
    reason = None
    if plan.moved_out is not None and plan.moved_out < today:
        returned_on = min(plan.moved_out + timedelta(days=rng.randrange(0, 15)), today)
        returned_amount = amount
        if deduction is not None:
            reason, taken = deduction
            returned_amount = max(amount - taken, 0)
    rows.add(
        Deposit,
        plan.move_in,
        stay_id=stay_id,
        amount=amount,
        received_on=plan.move_in,
        returned_on=returned_on,
        returned_amount=returned_amount,
        deduction_reason=reason,
    )


def write_expense(
    rows: Rows, rng: random.Random, house_id: int, spent_on: Callable[[], date]
) -> None:
    """One spending of collected rent (운영·유지·보수·화합행사) from the pool, on the day
    ``spent_on`` picks (drawn after the kind, so both scales keep their random sequence)."""
    kind, text, lowest, highest = rng.choice(names.EXPENSES)
    spent = spent_on()
    rows.add(
        Expense,
        spent,
        house_id=house_id,
        spent_on=spent,
        category=ExpenseCategory(kind),
        amount=rng.randrange(lowest, highest + 1, 1000),
        description=text,
    )
