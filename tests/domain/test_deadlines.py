"""Tests for gwinong_desktop.domain.deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.domain.deadlines import (
    completion_report_due,
    days_until,
    is_semiannual_month,
    monthly_report_due,
    semiannual_due,
    semiannual_report_months,
    yearly_settlement_due,
)
from gwinong_desktop.domain.ruleset import RuleSet

D = date
RULES = RuleSet.defaults(2024)


@pytest.mark.parametrize(
    ("year", "month", "due"),
    [
        (2024, 1, D(2024, 2, 5)),
        (2024, 6, D(2024, 7, 5)),
        (2024, 11, D(2024, 12, 5)),
        (2024, 12, D(2025, 1, 5)),  # December → January of the next year
        (2023, 12, D(2024, 1, 5)),
    ],
)
def test_monthly_report_due(year: int, month: int, due: date) -> None:
    assert monthly_report_due(year, month, RULES) == due


@pytest.mark.parametrize(
    ("year", "month", "day", "due"),
    [
        (2024, 1, 31, D(2024, 2, 29)),  # a county's 31st clamps to February's end, leap year
        (2023, 1, 31, D(2023, 2, 28)),
        (2024, 3, 31, D(2024, 4, 30)),
        (2024, 12, 10, D(2025, 1, 10)),
        (2024, 5, 1, D(2024, 6, 1)),
    ],
)
def test_monthly_report_due_with_a_county_day(year: int, month: int, day: int, due: date) -> None:
    rules = RuleSet.from_mapping(2024, {"monthly_report_day": day})
    assert monthly_report_due(year, month, rules) == due


@pytest.mark.parametrize("month", [0, 13, -1])
def test_monthly_report_due_refuses_a_bad_month(month: int) -> None:
    with pytest.raises(ValueError, match="월이 올바르지 않습니다"):
        monthly_report_due(2024, month, RULES)


def test_semiannual() -> None:
    assert semiannual_report_months() == (6, 12)
    assert [m for m in range(1, 13) if is_semiannual_month(m)] == [6, 12]
    assert semiannual_due(2024, 1) == D(2024, 6, 30)
    assert semiannual_due(2024, 2) == D(2024, 12, 31)
    with pytest.raises(ValueError, match="반기"):
        semiannual_due(2024, 3)


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        (D(2024, 3, 28), D(2024, 4, 4)),
        (D(2024, 2, 25), D(2024, 3, 3)),  # across a leap February
        (D(2023, 2, 25), D(2023, 3, 4)),
        (D(2024, 12, 28), D(2025, 1, 4)),
    ],
)
def test_completion_report_due(completed: date, due: date) -> None:
    assert completion_report_due(completed, RULES) == due


def test_completion_report_due_follows_the_rules() -> None:
    rules = RuleSet.from_mapping(2024, {"completion_report_days": 14})
    assert completion_report_due(D(2024, 3, 28), rules) == D(2024, 4, 11)


@pytest.mark.parametrize(("year", "due"), [(2024, D(2025, 1, 31)), (2019, D(2020, 1, 31))])
def test_yearly_settlement_due(year: int, due: date) -> None:
    assert yearly_settlement_due(year) == due


def test_days_until() -> None:
    assert days_until(D(2025, 1, 5), D(2024, 12, 31)) == 5
    assert days_until(D(2025, 1, 5), D(2025, 1, 5)) == 0
    assert days_until(D(2025, 1, 5), D(2025, 1, 7)) == -2
