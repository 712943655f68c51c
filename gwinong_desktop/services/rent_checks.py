"""The checks of a payment before it is written (``RentService.save_payment``).

Refused: no month, date or amount; an amount of 0 or less or above ``ABSURD_AMOUNT``; a date after
today; a month outside the stay. Warned (saved with the officer's reason): more than
``ABSURD_RENT_TIMES`` months' rent, the same payment already entered (the first one shown), and
more than every charge of the stay (the rest is kept as credit).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.periods import first_of_month, format_date_ko, format_period
from gwinong_desktop.domain.rent import (
    ABSURD_AMOUNT,
    ABSURD_RENT_TIMES,
    format_month,
    month_in_stay,
    stay_last_day,
)
from gwinong_desktop.domain.results import data_refusal
from gwinong_desktop.domain.rules import DUPLICATE, CheckCode, RuleResult, refuse, warn
from gwinong_desktop.storage.models import Payment, RentCharge, Stay

from .entry_checks import check_day
from .rule_gate import required as required_field

if TYPE_CHECKING:
    from .rent import PaymentForm

OVER_PAYMENT = "over_payment"
LARGE_PAYMENT = "large_payment"


def check_payment(session: Session, stay: Stay, form: PaymentForm, today: date) -> list[RuleResult]:
    """Every refusal and warning of ``form`` for ``stay``."""
    results: list[RuleResult] = []
    if form.month is None:
        results.append(required_field("month", "대상월"))
    results += check_day("paid_on", "납부일", form.paid_on, today)
    if form.amount is None:
        results.append(required_field("amount", "금액"))
    elif form.amount <= 0:
        results.append(
            data_refusal(
                CheckCode.NEGATIVE_AMOUNT,
                f"금액: {form.amount:,}원은 납부액이 될 수 없습니다. 받은 금액을 0보다 크게 "
                "적으세요 "
                "(돌려준 돈은 비고에 적거나 보증금 정산으로 처리합니다).",
                value=form.amount,
                field="amount",
            )
        )
    elif form.amount > ABSURD_AMOUNT:
        results.append(
            refuse(
                "amount",
                (
                    f"금액: {form.amount:,}원은 임대료 납부로 볼 수 없는 금액입니다 "
                    f"({ABSURD_AMOUNT:,}원 초과). 자릿수를 확인하세요."
                ),
                value=form.amount,
            )
        )
    last = stay_last_day(stay.planned_end_on, stay.extended_to, stay.moved_out_on)
    if form.month is not None and not month_in_stay(form.month, stay.move_in_on, last):
        period = format_period(stay.move_in_on, last)
        results.append(
            refuse(
                "month",
                (
                    f"대상월: {format_month(form.month)}은(는) 이 입주 기간({period}) 밖입니다. "
                    f"{format_month(stay.move_in_on)}부터 {format_month(last)} 사이의 달을 "
                    "적으세요."
                ),
                value=format_month(form.month),
                limit=period,
            )
        )
    if any(r.is_refusal for r in results):
        return results
    assert form.amount is not None and form.month is not None and form.paid_on is not None
    rent = stay.monthly_rent or 0
    if rent > 0 and form.amount > ABSURD_RENT_TIMES * rent:
        results.append(
            warn(
                "amount",
                (
                    f"금액 {form.amount:,}원은 월 임대료 {rent:,}원의 {ABSURD_RENT_TIMES}배가 "
                    "넘습니다. "
                    "자릿수를 잘못 적지 않았는지 확인하세요 (여러 달 선납이면 사유에 적으세요)."
                ),
                code=LARGE_PAYMENT,
                value=form.amount,
                limit=rent * ABSURD_RENT_TIMES,
            )
        )
    results += _duplicate(session, form)
    results += _over(session, form, stay)
    return results


def _duplicate(session: Session, form: PaymentForm) -> list[RuleResult]:
    assert form.month is not None
    stmt = (
        select(Payment.paid_on, Payment.amount, Payment.month, Payment.method, Payment.created_at)
        .where(
            Payment.stay_id == form.stay_id,
            Payment.month == first_of_month(form.month),
            Payment.amount == form.amount,
            Payment.paid_on == form.paid_on,
        )
        .order_by(Payment.id)
    )
    if form.id is not None:
        stmt = stmt.where(Payment.id != form.id)
    first = session.execute(stmt).first()
    if first is None:
        return []
    paid_on, amount, month, method, created = first
    entered = f", {format_date_ko(created.date())} 입력" if created else ""
    shown = (
        f"대상월 {format_month(month)}, {amount:,}원, 납부일 {format_date_ko(paid_on)}"
        f" ({method or '방법 없음'}{entered})"
    )
    message = (
        f"같은 납부가 이미 입력되어 있습니다: {shown}. 같은 돈을 두 번 입력한 것이 아닌지 "
        "확인하세요. 실제로 두 번 받았으면 사유를 적고 저장하세요."
    )
    return [warn("amount", message, code=DUPLICATE, value=shown)]


def _over(session: Session, form: PaymentForm, stay: Stay) -> list[RuleResult]:
    assert form.amount is not None
    charged = session.scalar(
        select(_sum(RentCharge.amount)).where(
            RentCharge.stay_id == stay.id, RentCharge.waived_reason.is_(None)
        )
    )
    stmt = select(_sum(Payment.amount)).where(Payment.stay_id == stay.id)
    if form.id is not None:
        stmt = stmt.where(Payment.id != form.id)
    paid = session.scalar(stmt) or 0
    charged = charged or 0
    over = paid + form.amount - charged
    if over <= 0:
        return []
    if charged == 0:
        why = "이 입주에는 아직 부과된 임대료가 없습니다 ('부과 생성'을 먼저 하세요)"
    else:
        why = f"부과 합계 {charged:,}원, 이미 납부 {paid:,}원"
    message = (
        f"이 납부로 납부액이 이 입주의 부과 합계보다 {over:,}원 많아집니다 ({why}). "
        f"남는 {over:,}원은 선수금(잔액)으로 남고, 퇴거 때 돌려주거나 정산합니다."
    )
    return [warn("amount", message, code=OVER_PAYMENT, value=over, limit=charged - paid)]


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)
