"""Rent of a stay in the domain: months, amounts, due days and how payments cover the months."""

from __future__ import annotations

from datetime import date

from gwinong_desktop.domain.rent import (
    ChargeIn,
    ChargeState,
    PaymentIn,
    PaymentKind,
    allocate,
    charge_amount,
    charge_months,
    due_date,
    month_in_stay,
)

TODAY = date(2025, 6, 20)


def _charges(n: int, amount: int = 100_000, waived: int | None = None) -> list[ChargeIn]:
    return [
        ChargeIn(i + 1, date(2025, 1 + i, 1), amount, date(2025, 1 + i, 10), waived == i)
        for i in range(n)
    ]


def test_months_amount_and_due_days_follow_the_terms():
    months = charge_months(date(2025, 1, 31), date(2025, 4, 2))
    assert months == [date(2025, m, 1) for m in (1, 2, 3, 4)]
    assert charge_amount(100_000, 3, 20_000) == 140_000
    assert charge_amount(100_000, 3, 0) == 100_000  # the county does not use the rule
    move_in = date(2025, 1, 31)
    assert due_date(date(2025, 1, 1), move_in, 0, 2) == move_in  # prepaid: at move-in
    assert due_date(date(2025, 2, 1), move_in, 1, 2) == move_in
    assert due_date(date(2025, 3, 1), move_in, 2, 2) == date(2025, 3, 31)
    assert due_date(date(2025, 4, 1), move_in, 3, 2) == date(2025, 4, 30)  # clamped
    assert month_in_stay(date(2025, 4, 15), move_in, date(2025, 4, 2))
    assert not month_in_stay(date(2025, 5, 1), move_in, date(2025, 4, 2))


def test_full_partial_advance_and_over_payments():
    charges = _charges(6)
    payments = [
        PaymentIn(1, date(2025, 1, 1), 100_000, date(2025, 1, 8)),  # full
        PaymentIn(2, date(2025, 2, 1), 60_000, date(2025, 2, 9)),  # partial
        PaymentIn(3, date(2025, 3, 1), 340_000, date(2025, 3, 10)),  # rest of Feb + Mar..May
        PaymentIn(4, date(2025, 6, 1), 150_000, date(2025, 6, 1)),  # Jun's rest + credit
    ]
    result = allocate(charges, payments, TODAY)
    kinds = [p.kind for p in result.payments]
    assert kinds == [PaymentKind.FULL, PaymentKind.PARTIAL, PaymentKind.ADVANCE, PaymentKind.OVER]
    assert result.payments[2].months == [date(2025, m, 1) for m in (2, 3, 4, 5)]
    assert result.credit == 50_000
    assert all(c.state is ChargeState.PAID for c in result.charges)
    assert result.arrears == 0


def test_waived_month_is_skipped_and_arrears_are_the_uncovered_due_months():
    charges = _charges(6, waived=1)  # February waived
    payments = [PaymentIn(1, date(2025, 1, 1), 250_000, date(2025, 1, 5))]
    result = allocate(charges, payments, TODAY)
    states = [c.state for c in result.charges]
    assert states == [
        ChargeState.PAID, ChargeState.WAIVED, ChargeState.PAID, ChargeState.PARTIAL,
        ChargeState.UNPAID, ChargeState.UNPAID,
    ]  # fmt: skip
    assert result.charges[3].covered == 50_000
    assert result.arrears == 50_000 + 100_000 + 100_000
    later = allocate(charges, payments, date(2025, 5, 1))  # May not due yet
    assert later.charges[4].state is ChargeState.UPCOMING
    assert later.arrears == 50_000
