"""Rent services over a copy of the demo county (today 2026-11-21): charges from the terms,
payments and their checks, arrears as SQL sums, deposits, expenses with receipts, rent support."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from gwinong_desktop.domain.enums import AttachmentKind, ExpenseCategory
from gwinong_desktop.domain.rent import ChargeState, PaymentKind
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.deposits import DepositForm, ReturnForm
from gwinong_desktop.services.expenses import ExpenseForm
from gwinong_desktop.services.rent import PaymentForm
from gwinong_desktop.services.rent_support import SupportForm
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.storage.models import AuditEvent, Resident, RuleOverride, Stay

TODAY = date(2026, 11, 21)


def _new_stay(svc: Services, **terms) -> int:
    """A stay of a new resident in the first house, written as the stays service would."""
    house_id = svc.houses.list_houses()[0].id
    values = dict(move_in_on=date(2026, 3, 15), planned_end_on=date(2027, 3, 14),
                  monthly_rent=100_000, household_size=1, prepaid_months=0,
                  deposit_amount=500_000)  # fmt: skip
    values.update(terms)
    with svc.ctx.write() as s:
        resident = Resident(name="시험입주")
        s.add(resident)
        s.flush()
        stay = Stay(house_id=house_id, resident_id=resident.id, **values)
        s.add(stay)
        s.flush()
        return stay.id


def _extend(svc: Services, stay_id: int, **changes) -> None:
    with svc.ctx.write() as s:
        stay = s.get(Stay, stay_id)
        for key, value in changes.items():
            setattr(stay, key, value)


def _pay(svc: Services, stay_id: int, month: date, amount: int, paid_on: date, **reasons) -> int:
    form = PaymentForm(stay_id, month, amount, paid_on)
    return svc.rent.save_payment(form, accepted_warnings=reasons or None).id


def test_charges_follow_the_terms_and_regenerating_adds_only_missing_months(svc):
    svc.rule_values.save(2026, {"extra_occupant_rent": 20_000})
    stay_id = _new_stay(svc, household_size=3, prepaid_months=2)
    done = svc.rent.generate_charges(stay_id)
    assert len(done.added) == 13  # 2026.3 … 2027.3
    charges = svc.rent.detail(stay_id).charges
    assert {c.amount for c in charges} == {140_000}  # 100,000 + 2 × 20,000
    assert [c.due_on for c in charges[:3]] == [date(2026, 3, 15), date(2026, 3, 15),
                                               date(2026, 5, 15)]  # fmt: skip
    assert svc.rent.generate_charges(stay_id).added == []  # idempotent
    _extend(svc, stay_id, extended_to=date(2027, 6, 14))
    again = svc.rent.generate_charges(stay_id)
    assert again.added == [date(2027, 4, 1), date(2027, 5, 1), date(2027, 6, 1)]
    assert len(svc.rent.detail(stay_id).charges) == 16


def test_moving_out_early_waives_unpaid_months_beyond_and_keeps_paid_ones(svc):
    stay_id = _new_stay(svc)
    svc.rent.generate_charges(stay_id)
    # ten months paid ahead: March … December
    _pay(svc, stay_id, date(2026, 3, 1), 1_000_000, date(2026, 3, 15), large_payment="10개월 선납")
    _extend(svc, stay_id, moved_out_on=date(2026, 10, 31))
    done = svc.rent.generate_charges(stay_id)
    assert done.added == []
    assert done.dropped == [date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)]
    by_month = {c.month: c for c in svc.rent.detail(stay_id).charges}
    assert by_month[date(2026, 12, 1)].state is ChargeState.PAID  # paid: untouched
    assert by_month[date(2027, 1, 1)].state is ChargeState.WAIVED


def test_payment_outside_the_stay_negative_or_absurd_is_refused(svc):
    stay_id = _new_stay(svc)
    svc.rent.generate_charges(stay_id)
    with pytest.raises(FormRefused) as outside:
        _pay(svc, stay_id, date(2027, 4, 1), 100_000, date(2026, 4, 1))
    assert outside.value.results[0].field == "month"
    assert "2027년 4월" in outside.value.message and "입주 기간" in outside.value.message
    with pytest.raises(FormRefused) as negative:
        _pay(svc, stay_id, date(2026, 4, 1), -100_000, date(2026, 4, 1))
    assert negative.value.results[0].field == "amount"
    with pytest.raises(FormRefused) as absurd:
        _pay(svc, stay_id, date(2026, 4, 1), 150_000_000, date(2026, 4, 1))
    assert "100,000,000원" in absurd.value.message
    with pytest.raises(FormRefused) as future:
        _pay(svc, stay_id, date(2026, 4, 1), 100_000, date(2026, 12, 1))
    assert future.value.results[0].field == "paid_on"
    assert svc.rent.detail(stay_id).payments == []  # nothing written


def test_the_same_payment_twice_is_warned_with_the_first_one_shown(svc):
    stay_id = _new_stay(svc)
    svc.rent.generate_charges(stay_id)
    _pay(svc, stay_id, date(2026, 4, 1), 100_000, date(2026, 4, 3))
    with pytest.raises(WarningsPending) as twice:
        _pay(svc, stay_id, date(2026, 4, 1), 100_000, date(2026, 4, 3))
    assert twice.value.rules() == ["duplicate"]
    assert "이미 입력되어 있습니다: 대상월 2026년 4월, 100,000원, 납부일 2026.4.3." in (
        twice.value.message
    )
    _pay(svc, stay_id, date(2026, 4, 1), 100_000, date(2026, 4, 3), duplicate="실제로 두 번 받음")
    with svc.ctx.read() as s:
        kept = s.scalars(select(RuleOverride.reason).where(RuleOverride.entity == "payment")).all()
    assert kept == ["실제로 두 번 받음"]


def test_over_and_ten_months_are_warned_and_over_is_kept_as_credit(svc):
    stay_id = _new_stay(svc, planned_end_on=date(2026, 5, 14))  # three months: 300,000
    svc.rent.generate_charges(stay_id)
    with pytest.raises(WarningsPending) as over:
        _pay(svc, stay_id, date(2026, 3, 1), 350_000, date(2026, 3, 15))
    assert over.value.rules() == ["over_payment"]
    assert "50,000원" in over.value.message and "선수금" in over.value.message
    _pay(svc, stay_id, date(2026, 3, 1), 350_000, date(2026, 3, 15), over_payment="미리 받음")
    detail = svc.rent.detail(stay_id)
    assert detail.credit == 50_000 and detail.arrears == 0
    assert detail.payments[0].kind is PaymentKind.OVER
    with pytest.raises(WarningsPending) as large:
        _pay(svc, _new_stay(svc), date(2026, 3, 1), 1_100_000, date(2026, 3, 15))
    assert "large_payment" in large.value.rules()


def test_arrears_per_stay_and_county_wide_are_the_sums_of_uncovered_due_months(svc):
    stay_id = _new_stay(svc)
    before = svc.rent.totals()
    svc.rent.generate_charges(stay_id)
    _pay(svc, stay_id, date(2026, 3, 1), 250_000, date(2026, 4, 1))
    row = next(r for r in svc.rent.stay_rows() if r.id == stay_id)
    # due by 2026-11-21: March … November (the 15th) = 9 months
    assert (row.charged, row.paid, row.arrears, row.in_arrears) == (900_000, 250_000, 650_000, True)
    assert svc.rent.detail(stay_id).arrears == 650_000
    after = svc.rent.totals()
    assert after.arrears == before.arrears + 650_000
    assert after.stays_in_arrears == before.stays_in_arrears + 1
    rows = svc.rent.stay_rows()
    assert after.arrears == sum(r.arrears for r in rows)
    house = next(h for h in svc.rent.house_totals() if h.house_id == row.house_id)
    assert house.arrears >= 650_000


def test_waiving_a_month_needs_a_reason_and_not_a_paid_month(svc):
    stay_id = _new_stay(svc)
    svc.rent.generate_charges(stay_id)
    _pay(svc, stay_id, date(2026, 3, 1), 100_000, date(2026, 3, 15))
    march, april = svc.rent.detail(stay_id).charges[:2]
    with pytest.raises(FormRefused):
        svc.rent.waive(april.id, " ")
    with pytest.raises(FormRefused) as paid:
        svc.rent.waive(march.id, "보일러 고장")
    assert "이미 100,000원이 납부되어" in paid.value.message
    svc.rent.waive(april.id, "보일러 고장으로 거주 불가")
    april = svc.rent.detail(stay_id).charges[1]
    assert april.state is ChargeState.WAIVED and april.waived_reason == "보일러 고장으로 거주 불가"


def test_deposit_received_once_returned_once_never_more_than_held(svc):
    stay_id = _new_stay(svc)
    deposit_id = svc.deposits.save_received(DepositForm(stay_id, 500_000, date(2026, 3, 15))).id
    with pytest.raises(FormRefused, match="보관 중입니다"):
        svc.deposits.save_received(DepositForm(stay_id, 500_000, date(2026, 3, 15)))
    with pytest.raises(FormRefused) as more:
        svc.deposits.return_deposit(ReturnForm(deposit_id, date(2026, 11, 1), 600_000))
    assert more.value.results[0].field == "returned_amount"
    with pytest.raises(FormRefused) as no_reason:
        svc.deposits.return_deposit(ReturnForm(deposit_id, date(2026, 11, 1), 400_000))
    assert no_reason.value.results[0].field == "deduction_reason"
    svc.deposits.return_deposit(
        ReturnForm(deposit_id, date(2026, 11, 1), 400_000, "미납 임대료 1개월 100,000원")
    )
    with pytest.raises(FormRefused, match="이미 반환했습니다"):
        svc.deposits.return_deposit(ReturnForm(deposit_id, date(2026, 11, 2), 400_000))
    (line,) = svc.deposits.for_stay(stay_id)
    assert (line.held, line.deducted, line.returned_amount) == (0, 100_000, 400_000)


def test_rent_support_outside_the_designation_is_refused_over_the_limit_warned(svc):
    designation = next(d for d in svc.rent_support.designations() if d.end_on > TODAY)
    before = designation.start_on.replace(day=1)
    outside = date(before.year - 1, before.month, 1)
    with pytest.raises(FormRefused) as refused:
        svc.rent_support.save(SupportForm(designation.id, outside, 100_000, None))
    assert "지정기간" in refused.value.message and refused.value.results[0].field == "month"
    form = svc.rent_support.new_form(designation.id)
    assert form.month is not None and form.month > TODAY  # the demo entered every month so far
    form.amount = 200_000
    with pytest.raises(WarningsPending) as over:
        svc.rent_support.save(form)
    assert "designation_support_max" in over.value.rules()
    assert "시행지침 Ⅱ-5" in over.value.message and "150,000원" in over.value.message
    reasons = {rule: "도 승인" for rule in over.value.rules()}
    svc.rent_support.save(form, accepted_warnings=reasons)
    assert form.month in [m.month for m in svc.rent_support.months(designation.id)]
    with pytest.raises(FormRefused, match="이미 있습니다"):
        svc.rent_support.save(form, accepted_warnings=reasons)


def test_expense_with_its_receipt_and_the_balance_per_house_and_operator(svc, tmp_path: Path):
    house = svc.houses.list_houses()[0]
    before = {b.key: b for b in svc.expenses.balances_by_house()}
    scan = tmp_path / "영수증.pdf"
    scan.write_bytes(b"%PDF-1.4 receipt")
    form = ExpenseForm(house.id, date(2026, 6, 12), ExpenseCategory.REPAIR, 85_000, "보일러 수리")
    saved = svc.expenses.save(form, files=[PendingFile(AttachmentKind.RECEIPT, scan)])
    assert [name for _, name in svc.expenses.receipts(saved.id)] == ["영수증.pdf"]
    line = next(e for e in svc.expenses.list_expenses(house.id) if e.id == saved.id)
    assert line.receipts == 1
    after = {b.key: b for b in svc.expenses.balances_by_house()}
    assert after[house.id].spent == (before[house.id].spent if house.id in before else 0) + 85_000
    operators = svc.expenses.balances_by_operator()
    assert sum(b.spent for b in operators) == sum(b.spent for b in after.values())
    with pytest.raises(FormRefused) as refused:
        svc.expenses.save(ExpenseForm(house.id, None, None, -5, ""))
    assert {r.field for r in refused.value.results} == {
        "spent_on", "category", "amount", "description"
    }  # fmt: skip


def test_opening_a_stays_rent_is_an_access_record(svc):
    stay_id = _new_stay(svc)
    svc.rent.detail(stay_id)
    with svc.ctx.read() as s:
        event = s.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.summary).order_by(
                AuditEvent.id.desc()
            )
        ).first()
    assert event is not None and event[:2] == ("view", "stay")
    assert "임대료 내역 열람" in event[2]


def test_a_viewer_sees_names_masked_and_changes_nothing(county_db):
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.permissions import Actor, NotPermitted

    viewer = Services.over(county_db, Actor("viewer", "열람자", Role.VIEWER))
    rows = viewer.rent.stay_rows()
    assert rows and all("*" in r.resident for r in rows)
    assert viewer.rent.detail(rows[0].id).resident == rows[0].resident
    with pytest.raises(NotPermitted):
        viewer.rent.save_payment(PaymentForm(rows[0].id, rows[0].move_in_on, 1_000, TODAY))


def test_generating_for_every_stay_adds_only_what_is_missing(svc):
    svc.rent.generate_all()  # the demo's own gaps, if any
    _new_stay(svc)
    done = svc.rent.generate_all()
    assert len(done.added) == 13 and not done.dropped
    assert svc.rent.generate_all().added == []


@pytest.mark.sqlite_only("EXPLAIN QUERY PLAN and the covering indexes' use are SQLite's planner")
def test_the_rent_sums_read_the_covering_indexes_once_per_stay(county_db):
    """The list, the county and the house totals sum each stay's charges and payments from one
    range of the covering indexes of schema 0005 (never the tables, no automatic index), and
    each sum once per stay (a flattened subquery would run again for every use of ``due`` and
    ``paid``): the province's rent page under 100 ms."""
    from sqlalchemy import text

    from gwinong_desktop.services.rent_queries import COUNTY_TOTALS, HOUSE_TOTALS, RENT_LIST

    with county_db.engine.connect() as conn:
        for sql in (RENT_LIST, COUNTY_TOTALS, HOUSE_TOTALS):
            steps = [
                row[3]
                for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql), {"today": "2026-11-21"})
            ]
            plan = " | ".join(steps)
            charges = [s for s in steps if "rent_charge" in s]
            payments = [s for s in steps if "payment" in s]
            assert charges == [
                "SEARCH rent_charge USING COVERING INDEX ix_rent_charge_cover "
                "(stay_id=? AND waived_reason=? AND due_on<?)"
            ], plan
            assert payments == [
                "SEARCH payment USING COVERING INDEX ix_payment_cover (stay_id=?)"
            ], plan
            assert "AUTOMATIC" not in plan, plan
