"""Reporting deadlines (시행지침 Ⅲ-2, Ⅲ-3). Standard library only.

Deadlines are calendar dates as the guideline writes them; they are not moved for weekends or
public holidays (the domain has no holiday calendar — the UI may say "다음 근무일").
"""

from __future__ import annotations

from datetime import date, timedelta

from gwinong_desktop.domain.periods import add_months, days_in_month
from gwinong_desktop.domain.ruleset import RuleKey, RuleSet

SEMIANNUAL_MONTHS = (6, 12)


def _check_month(year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"월이 올바르지 않습니다: {year}년 {month}월")


def monthly_report_due(year: int, month: int, rules: RuleSet) -> date:
    """When the report for ``month`` is due: MONTHLY_REPORT_DAY (5) of the next month; December's
    report is due on Jan 5 of the next year. A day beyond the month's end (a county setting of 31)
    means the month's last day."""
    _check_month(year, month)
    next_month = add_months(date(year, month, 1), 1)
    day = rules.value(RuleKey.MONTHLY_REPORT_DAY)
    return next_month.replace(day=min(day, days_in_month(next_month.year, next_month.month)))


def semiannual_report_months() -> tuple[int, int]:
    """The months whose report carries section 7 추진실적 (June and December)."""
    return SEMIANNUAL_MONTHS


def is_semiannual_month(month: int) -> bool:
    """Whether ``month``'s report is a semiannual one (6 or 12)."""
    return month in SEMIANNUAL_MONTHS


def semiannual_due(year: int, half: int) -> date:
    """The province's semiannual report to the ministry: June 30 (``half=1``) or Dec 31
    (``half=2``) of ``year`` (Ⅲ-2, "매년 6월, 12월말일까지")."""
    if half == 1:
        return date(year, 6, 30)
    if half == 2:
        return date(year, 12, 31)
    raise ValueError(f"반기는 1(상반기) 또는 2(하반기)여야 합니다: {half}")


def completion_report_due(completed_on: date, rules: RuleSet) -> date:
    """The operator's 사업완료 보고서 is due COMPLETION_REPORT_DAYS (7) after completion
    (Ⅲ-3 "사업 추진 종료 후 7일 이내"): completed 2024.3.28. → due 2024.4.4."""
    return completed_on + timedelta(days=rules.value(RuleKey.COMPLETION_REPORT_DAYS))


def yearly_settlement_due(year: int) -> date:
    """The settlement of ``year`` is reported to the ministry by Jan 31 of the next year (Ⅲ-3)."""
    return date(year + 1, 1, 31)


def days_until(due: date, today: date) -> int:
    """Days left until ``due`` (0 on the day, negative when overdue)."""
    return (due - today).days
