"""Checks every money form shares: an amount in 원 and a day that has already come."""

from __future__ import annotations

from datetime import date

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rent import ABSURD_AMOUNT
from gwinong_desktop.domain.results import data_refusal
from gwinong_desktop.domain.rules import CheckCode, RuleResult, refuse

from .rule_gate import required as required_field


def check_day(
    field: str,
    label: str,
    value: date | None,
    today: date,
    *,
    required: bool = True,
    after: tuple[date, str] | None = None,
) -> list[RuleResult]:
    """REFUSE a missing day (when ``required``), one after ``today``, or one before ``after``
    (the day and what it is: ``(received_on, "보증금을 받은 날")``)."""
    if value is None:
        return [required_field(field, label)] if required else []
    if after is not None and value < after[0]:
        before = f"{after[1]}({format_date_ko(after[0])})"
        message = f"{label}: {format_date_ko(value)}은(는) {before}보다 앞섭니다."
        return [refuse(field, message, value=value)]
    if value > today:
        message = (
            f"{label}: {format_date_ko(value)}은(는) 오늘({format_date_ko(today)}) 이후입니다. "
            "이미 지난 날을 적으세요."
        )
        return [refuse(field, message, value=value)]
    return []


def check_amount(field: str, label: str, amount: int | None) -> list[RuleResult]:
    if amount is None:
        return [required_field(field, label)]
    if amount <= 0:
        return [
            data_refusal(
                CheckCode.NEGATIVE_AMOUNT,
                f"{label}: {amount:,}원은 0보다 커야 합니다.",
                value=amount,
                field=field,
            )
        ]
    if amount > ABSURD_AMOUNT:
        return [
            refuse(
                field,
                (f"{label}: {amount:,}원은 {ABSURD_AMOUNT:,}원을 넘습니다. 자릿수를 확인하세요."),
                value=amount,
            )
        ]
    return []
