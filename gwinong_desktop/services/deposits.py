"""보증금: received at move-in, held while the resident lives there, returned after the move-out
less any deductions, each with its reason.

A stay holds at most one deposit at a time (a second one while one is held is refused). The
return is written once: a deposit already returned is refused with the day and amount of that
return; the amount returned can never be more than what is held, and anything kept back needs
its reason (공제 사유: 미납 임대료, 원상복구 …). A deposit above the county's DEPOSIT_MAX (when it
sets one) is warned with the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.results import data_refusal, rule_warning
from gwinong_desktop.domain.rules import NOT_FOUND, CheckCode, RuleResult, refuse
from gwinong_desktop.domain.ruleset import RuleKey
from gwinong_desktop.storage.models import Deposit, Stay

from .context import ServiceContext
from .entry_checks import check_amount, check_day
from .revisions import refuse_if_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    accepted_before,
    clean,
    gate,
    record_overrides,
    saved_record,
)
from .rule_gate import required as required_field
from .rules import RuleBook


@dataclass(frozen=True)
class DepositLine:
    id: int
    stay_id: int
    amount: int
    received_on: date
    returned_on: date | None
    returned_amount: int | None
    deduction_reason: str

    @property
    def held(self) -> int:
        """What the county still holds (0 once returned)."""
        return 0 if self.returned_on is not None else self.amount

    @property
    def deducted(self) -> int:
        if self.returned_on is None or self.returned_amount is None:
            return 0
        return self.amount - self.returned_amount

    def state(self) -> str:
        return "보관 중" if self.returned_on is None else "반환함"


@dataclass
class DepositForm:
    stay_id: int
    amount: int | None = None
    received_on: date | None = None


@dataclass
class ReturnForm:
    deposit_id: int
    returned_on: date | None = None
    returned_amount: int | None = None
    deduction_reason: str = ""
    revision: int | None = None
    """The deposit's revision when the form was made: a save over a later one is refused."""


class DepositService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_stay(self, stay_id: int) -> list[DepositLine]:
        with self.ctx.read() as session:
            rows = session.execute(
                select(
                    Deposit.id,
                    Deposit.stay_id,
                    Deposit.amount,
                    Deposit.received_on,
                    Deposit.returned_on,
                    Deposit.returned_amount,
                    Deposit.deduction_reason,
                )
                .where(Deposit.stay_id == stay_id)
                .order_by(Deposit.received_on, Deposit.id)
            ).all()
        return [DepositLine(*r[:6], r[6] or "") for r in rows]

    def new_form(self, stay_id: int) -> DepositForm:
        """The stay's contracted deposit, received on the move-in day."""
        with self.ctx.read() as session:
            stay = _stay(session, stay_id)
            return DepositForm(stay_id, stay.deposit_amount or None, stay.move_in_on)

    def return_form(self, deposit_id: int) -> ReturnForm:
        """The whole deposit returned today (the officer lowers it and gives the reason)."""
        with self.ctx.read() as session:
            deposit = _deposit(session, deposit_id)
            return ReturnForm(
                deposit_id, self.ctx.today(), deposit.amount, revision=deposit.revision
            )

    def validate_received(self, form: DepositForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check_received(session, form, self.ctx.today())

    def save_received(
        self, form: DepositForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            accepted = gate(_check_received(session, form, self.ctx.today()), accepted_warnings)
            deposit = Deposit(
                stay_id=form.stay_id, amount=form.amount, received_on=form.received_on
            )
            session.add(deposit)
            session.flush()
            count = record_overrides(session, "deposit", deposit.uid, accepted, accepted_warnings)
            return saved_record(session, deposit, count)

    def validate_return(self, form: ReturnForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check_return(_deposit(session, form.deposit_id), form, self.ctx.today())

    def return_deposit(
        self, form: ReturnForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Write the return once: the day, the amount returned, the reason for what was kept."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            deposit = _deposit(session, form.deposit_id)
            refuse_if_changed(session, deposit, form, "deposit")
            accepted = gate(
                _check_return(deposit, form, self.ctx.today()),
                accepted_warnings,
                accepted_before(session, "deposit", deposit.uid),
            )
            deposit.returned_on = form.returned_on
            deposit.returned_amount = form.returned_amount
            deposit.deduction_reason = clean(form.deduction_reason)
            count = record_overrides(session, "deposit", deposit.uid, accepted, accepted_warnings)
            return saved_record(session, deposit, count)


def _stay(session: Session, stay_id: int) -> Stay:
    stay = session.get(Stay, stay_id)
    if stay is None:
        raise FormRefused([refuse(None, "입주 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
    return stay


def _deposit(session: Session, deposit_id: int) -> Deposit:
    deposit = session.get(Deposit, deposit_id)
    if deposit is None:
        raise FormRefused([refuse(None, "보증금 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
    return deposit


def _check_received(session: Session, form: DepositForm, today: date) -> list[RuleResult]:
    stay = _stay(session, form.stay_id)
    results: list[RuleResult] = []
    results += check_day("received_on", "받은 날", form.received_on, today)
    results += check_amount("amount", "보증금", form.amount)
    held = session.execute(
        select(Deposit.amount, Deposit.received_on).where(
            Deposit.stay_id == stay.id, Deposit.returned_on.is_(None)
        )
    ).first()
    if held is not None:
        results.append(
            refuse(
                "amount",
                (
                    f"이 입주에는 {format_date_ko(held[1])}에 받은 보증금 {held[0]:,}원을 "
                    "보관 중입니다. "
                    "한 입주에 보증금은 하나입니다 (금액을 고치려면 반환 처리 후 다시 받으세요)."
                ),
                value=held[0],
            )
        )
    if results or form.amount is None:
        return results
    rules = RuleBook(session).for_year(stay.move_in_on.year)
    limit = rules.value(RuleKey.DEPOSIT_MAX)
    if limit and form.amount > limit:
        results.append(
            rule_warning(
                rules,
                RuleKey.DEPOSIT_MAX,
                f"보증금 {form.amount:,}원은 한도 {limit:,}원을 넘습니다",
                "보증금은 시·군이 정한 한도 이내여야 합니다",
                value=form.amount,
                field="amount",
            )
        )
    return results


def _check_return(deposit: Deposit, form: ReturnForm, today: date) -> list[RuleResult]:
    if deposit.returned_on is not None:
        return [
            refuse(
                None,
                (
                    f"이 보증금은 {format_date_ko(deposit.returned_on)}에 이미 반환했습니다 "
                    f"(반환액 {deposit.returned_amount or 0:,}원). 두 번 반환할 수 없습니다."
                ),
                value=deposit.returned_on,
            )
        ]
    results: list[RuleResult] = []
    results += check_day("returned_on", "반환일", form.returned_on, today,
                         after=(deposit.received_on, "보증금을 받은 날"))  # fmt: skip
    if form.returned_amount is None:
        results.append(required_field("returned_amount", "반환액"))
    elif form.returned_amount < 0:
        results.append(
            data_refusal(
                CheckCode.NEGATIVE_AMOUNT,
                (f"반환액: {form.returned_amount:,}원은 음수입니다. 모두 공제했으면 0을 적으세요."),
                value=form.returned_amount,
                field="returned_amount",
            )
        )
    elif form.returned_amount > deposit.amount:
        results.append(
            refuse(
                "returned_amount",
                (
                    f"반환액: {form.returned_amount:,}원은 보관 중인 보증금 "
                    f"{deposit.amount:,}원보다 "
                    "많습니다. 보관액 이하로 적으세요."
                ),
                value=form.returned_amount,
                limit=deposit.amount,
            )
        )
    elif form.returned_amount < deposit.amount and not (form.deduction_reason or "").strip():
        kept = deposit.amount - form.returned_amount
        results.append(
            refuse(
                "deduction_reason",
                (
                    f"공제 사유: {kept:,}원을 공제하면 사유를 적어야 합니다 "
                    "(예: 미납 임대료 2개월 300,000원)."
                ),
                value=kept,
            )
        )
    return results
