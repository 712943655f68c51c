"""Rent of a stay: which months are charged, what each costs and when it is due, and how the
payments received cover them.

- **Months**: one charge per calendar month the stay touches, from the move-in month to the
  month of the move-out or, while the resident still lives there, of the (extended) planned end.
  A month is charged in full, also the first and the last (the county's contracts charge by
  month; a part month is settled by waiving or by the deposit, with a reason).
- **Amount**: the stay's monthly rent plus ``EXTRA_OCCUPANT_RENT`` for every household member
  beyond the resident, when the county uses that rule (value > 0).
- **Due day**: the first ``prepaid_months`` charges are due on the move-in day (선납); every
  other month on the move-in day of the month (a stay from the 15th pays on the 15th; clamped to
  the month's last day), which is what the county's 입주계약 says.
- **Allocation**: payments cover the charges in month order (the oldest unpaid month first,
  waived months skipped), whatever 대상월 the officer wrote, so the balance never depends on
  which month a transfer named. A payment is 완납 (covers its months), 일부 (less than its month's
  rent), 선납 (covers a month after the one it was paid in) or 초과 (more than every charge of the
  stay: the rest is kept as credit).

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .enums import _Labelled
from .periods import add_months, days_in_month, first_of_month, iter_months

ABSURD_AMOUNT = 100_000_000
"""A payment above this is refused as a typing mistake (1억원: no stay's rent comes near)."""
ABSURD_RENT_TIMES = 10
"""A payment above this many months of the stay's rent is warned (a typo, or a year paid ahead)."""


class ChargeState(_Labelled):
    """How far a month's charge is covered."""

    PAID = "paid", "완납"
    PARTIAL = "partial", "일부 납부"
    UNPAID = "unpaid", "미납"
    UPCOMING = "upcoming", "납부 예정"
    WAIVED = "waived", "면제"


class PaymentKind(_Labelled):
    """What a payment was, as its allocation shows it."""

    FULL = "full", "완납"
    PARTIAL = "partial", "일부 납부"
    ADVANCE = "advance", "선납"
    OVER = "over", "초과 납부"


def charge_months(move_in: date, last_day: date) -> list[date]:
    """The first day of every month charged for a stay from ``move_in`` to ``last_day``."""
    return list(iter_months(move_in, last_day))


def charge_amount(monthly_rent: int, household_size: int, extra_occupant_rent: int) -> int:
    """The monthly rent plus the rule's rent for each person beyond the resident (rule > 0)."""
    extra = max(household_size - 1, 0) * extra_occupant_rent if extra_occupant_rent > 0 else 0
    return monthly_rent + extra


def due_date(month: date, move_in: date, index: int, prepaid_months: int) -> date:
    """When the ``index``-th month (0: the move-in month) is due: at move-in for the prepaid
    months, else on the move-in day of ``month`` (the month's last day when it is shorter)."""
    if index < prepaid_months:
        return move_in
    return month.replace(day=min(move_in.day, days_in_month(month.year, month.month)))


def stay_last_day(planned_end: date, extended_to: date | None, moved_out: date | None) -> date:
    """The last day rent is charged for: the move-out, else the (extended) planned end."""
    if moved_out is not None:
        return moved_out
    return extended_to or planned_end


def month_in_stay(month: date, move_in: date, last_day: date) -> bool:
    """Whether ``month`` (any day of it) is one of the stay's charged months."""
    return first_of_month(move_in) <= first_of_month(month) <= first_of_month(last_day)


def format_month(month: date) -> str:
    """ "2025년 3월"."""
    return f"{month.year}년 {month.month}월"


def next_month(month: date) -> date:
    return add_months(first_of_month(month), 1)


@dataclass(frozen=True)
class ChargeIn:
    id: int
    month: date
    amount: int
    due_on: date
    waived: bool = False


@dataclass(frozen=True)
class PaymentIn:
    id: int
    month: date
    amount: int
    paid_on: date


@dataclass
class ChargeOut:
    charge: ChargeIn
    covered: int = 0
    state: ChargeState = ChargeState.UNPAID

    @property
    def outstanding(self) -> int:
        return 0 if self.charge.waived else max(self.charge.amount - self.covered, 0)


@dataclass
class PaymentOut:
    payment: PaymentIn
    kind: PaymentKind = PaymentKind.FULL
    months: list[date] = field(default_factory=list)
    credit: int = 0


@dataclass
class Allocation:
    charges: list[ChargeOut]
    payments: list[PaymentOut]
    credit: int
    """Paid beyond every charge of the stay (선수금), kept for later months or returned."""
    today: date

    @property
    def arrears(self) -> int:
        """What is due by ``today`` and not covered (미납)."""
        return sum(c.outstanding for c in self.charges if c.charge.due_on <= self.today)


def allocate(charges: Iterable[ChargeIn], payments: Iterable[PaymentIn], today: date) -> Allocation:
    """Cover ``charges`` in month order with ``payments`` in the order they were paid."""
    outs = [ChargeOut(c) for c in sorted(charges, key=lambda c: (c.month, c.id))]
    open_charges = [c for c in outs if not c.charge.waived]
    pays = [PaymentOut(p) for p in sorted(payments, key=lambda p: (p.paid_on, p.id))]
    cursor = 0
    for out in pays:
        left = out.payment.amount
        while left > 0 and cursor < len(open_charges):
            target = open_charges[cursor]
            take = min(left, target.charge.amount - target.covered)
            target.covered += take
            left -= take
            out.months.append(target.charge.month)
            if target.covered >= target.charge.amount:
                cursor += 1
        out.credit = left
        out.kind = _payment_kind(out, outs)
    for c in outs:
        c.state = _charge_state(c, today)
    return Allocation(outs, pays, sum(p.credit for p in pays), today)


def _charge_state(out: ChargeOut, today: date) -> ChargeState:
    if out.charge.waived:
        return ChargeState.WAIVED
    if out.covered >= out.charge.amount:
        return ChargeState.PAID
    if out.charge.due_on > today:
        return ChargeState.UPCOMING if out.covered == 0 else ChargeState.PARTIAL
    return ChargeState.PARTIAL if out.covered else ChargeState.UNPAID


def _payment_kind(out: PaymentOut, charges: Sequence[ChargeOut]) -> PaymentKind:
    if out.credit > 0:
        return PaymentKind.OVER
    paid_month = first_of_month(out.payment.paid_on)
    if any(m > paid_month for m in out.months):
        return PaymentKind.ADVANCE
    own = next((c for c in charges if c.charge.month == first_of_month(out.payment.month)), None)
    if own is not None and not own.charge.waived and out.payment.amount < own.charge.amount:
        return PaymentKind.PARTIAL
    return PaymentKind.FULL
