"""Tests for gwinong_desktop.domain.periods: inclusive periods as officers write them."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.domain.periods import (
    add_months,
    add_years,
    contains,
    days_in_month,
    duration_parts,
    first_of_month,
    format_date_ko,
    format_duration,
    format_period,
    format_stay_period,
    inclusive_days,
    iter_months,
    month_end,
    overlaps,
    period_end,
    whole_months,
)

D = date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 5, 31), 1, D(2024, 6, 30)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2024, 1, 1), 0, D(2024, 1, 1)),
        (D(2024, 1, 1), 24, D(2026, 1, 1)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2024, 2, 29), -1, D(2023, 2, 28)),
        (D(2020, 3, 1), 7, D(2027, 3, 1)),
        (D(2023, 12, 31), 1, D(2024, 12, 31)),
    ],
)
def test_add_years(start: date, n: int, expected: date) -> None:
    assert add_years(start, n) == expected


@pytest.mark.parametrize(
    ("start", "years", "months", "expected"),
    [
        (D(2024, 3, 1), 1, 0, D(2025, 2, 28)),  # a one-year stay
        (D(2020, 3, 1), 7, 0, D(2027, 2, 28)),  # a 7-year lease
        (D(2024, 1, 1), 1, 0, D(2024, 12, 31)),
        (D(2024, 2, 29), 1, 0, D(2025, 2, 28)),  # no Feb 29 in 2025: the month's end
        (D(2024, 2, 29), 4, 0, D(2028, 2, 28)),
        (D(2024, 1, 31), 0, 1, D(2024, 2, 29)),  # no Feb 31: the month's end
        (D(2025, 1, 31), 0, 1, D(2025, 2, 28)),
        (D(2025, 1, 30), 0, 1, D(2025, 2, 28)),
        (D(2025, 1, 28), 0, 1, D(2025, 2, 27)),
        (D(2024, 11, 15), 0, 12, D(2025, 11, 14)),  # across a year end
        (D(2024, 3, 1), 0, 15, D(2025, 5, 31)),
        (D(2024, 3, 1), 1, 3, D(2025, 5, 31)),
        (D(2024, 12, 1), 0, 1, D(2024, 12, 31)),
        (D(2024, 3, 1), 0, 0, D(2024, 2, 29)),  # an empty period ends the day before
    ],
)
def test_period_end_is_inclusive(start: date, years: int, months: int, expected: date) -> None:
    assert period_end(start, years=years, months=months) == expected


def test_period_end_refuses_negative_length() -> None:
    with pytest.raises(ValueError, match="음수"):
        period_end(D(2024, 3, 1), months=-1)


def test_consecutive_periods_leave_no_gap() -> None:
    start = D(2024, 1, 31)
    first_end = period_end(start, months=1)
    second_start = date.fromordinal(first_end.toordinal() + 1)
    assert (first_end, second_start) == (D(2024, 2, 29), D(2024, 3, 1))


@pytest.mark.parametrize("months", [1, 2, 3, 11, 12, 13, 15, 24, 84])
def test_whole_months_inverts_period_end(months: int) -> None:
    start = D(2023, 1, 1)
    for offset in range(0, 731, 7):
        s = date.fromordinal(start.toordinal() + offset)
        end = period_end(s, months=months)
        assert whole_months(s, end) == months, s
        if end > s:
            shorter = date.fromordinal(end.toordinal() - 1)
            assert whole_months(s, shorter) == months - 1, s


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2024, 3, 1), D(2025, 2, 28), 12),
        (D(2024, 3, 1), D(2025, 2, 27), 11),
        (D(2024, 3, 1), D(2024, 3, 1), 0),
        (D(2024, 1, 31), D(2024, 2, 29), 1),
        (D(2024, 1, 31), D(2024, 2, 28), 0),
        (D(2020, 3, 1), D(2027, 2, 28), 84),
    ],
)
def test_whole_months(start: date, end: date, expected: int) -> None:
    assert whole_months(start, end) == expected


def test_whole_months_refuses_reversed_period() -> None:
    with pytest.raises(ValueError, match="종료일"):
        whole_months(D(2024, 3, 2), D(2024, 3, 1))


@pytest.mark.parametrize(
    ("start", "end", "parts", "text"),
    [
        (D(2020, 3, 1), D(2027, 2, 27), (6, 11, 27), "6년 11개월 27일"),
        (D(2020, 3, 1), D(2027, 2, 28), (7, 0, 0), "7년"),
        (D(2024, 3, 1), D(2024, 3, 1), (0, 0, 1), "1일"),
        (D(2024, 3, 1), D(2024, 5, 31), (0, 3, 0), "3개월"),
        (D(2025, 3, 1), D(2025, 6, 1), (0, 3, 1), "3개월 1일"),
        (D(2024, 3, 1), D(2025, 3, 1), (1, 0, 1), "1년 1일"),
    ],
)
def test_duration(start: date, end: date, parts: tuple[int, int, int], text: str) -> None:
    assert duration_parts(start, end) == parts
    assert format_duration(start, end) == text


def test_inclusive_days_counts_both_ends() -> None:
    assert inclusive_days(D(2024, 3, 1), D(2024, 3, 1)) == 1
    assert inclusive_days(D(2024, 1, 1), D(2024, 12, 31)) == 366


def test_format_date_and_period_in_officers_style() -> None:
    assert format_date_ko(D(2018, 4, 1)) == "2018.4.1."
    assert format_date_ko(D(2025, 12, 31)) == "2025.12.31."
    assert format_period(D(2018, 4, 1), D(2018, 5, 31)) == "2018.4.1.~2018.5.31."
    assert format_period(D(2018, 6, 1), None) == "2018.6.1.~"


@pytest.mark.parametrize(
    ("d", "first", "last"),
    [
        (D(2024, 2, 10), D(2024, 2, 1), D(2024, 2, 29)),
        (D(2023, 2, 10), D(2023, 2, 1), D(2023, 2, 28)),
        (D(2024, 12, 31), D(2024, 12, 1), D(2024, 12, 31)),
        (D(2024, 4, 1), D(2024, 4, 1), D(2024, 4, 30)),
    ],
)
def test_month_bounds(d: date, first: date, last: date) -> None:
    assert first_of_month(d) == first
    assert month_end(d) == last
    assert days_in_month(d.year, d.month) == last.day


@pytest.mark.parametrize(
    ("start", "end", "d", "expected"),
    [
        (D(2024, 3, 1), D(2025, 2, 28), D(2024, 3, 1), True),
        (D(2024, 3, 1), D(2025, 2, 28), D(2025, 2, 28), True),
        (D(2024, 3, 1), D(2025, 2, 28), D(2025, 3, 1), False),
        (D(2024, 3, 1), D(2025, 2, 28), D(2024, 2, 29), False),
        (D(2024, 3, 1), None, D(2030, 1, 1), True),
    ],
)
def test_contains(start: date, end: date | None, d: date, expected: bool) -> None:
    assert contains(start, end, d) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2018, 4, 1), D(2018, 5, 31)), (D(2018, 6, 1), None), False),
        ((D(2018, 4, 1), D(2018, 5, 31)), (D(2018, 5, 31), None), True),
        ((D(2018, 4, 1), None), (D(2019, 1, 1), D(2019, 2, 1)), True),
        ((D(2019, 1, 1), D(2019, 2, 1)), (D(2018, 1, 1), D(2018, 12, 31)), False),
        ((D(2019, 1, 1), None), (D(2018, 1, 1), None), True),
    ],
)
def test_overlaps(a: tuple[date, date | None], b: tuple[date, date | None], expected: bool) -> None:
    assert overlaps(*a, *b) is expected
    assert overlaps(*b, *a) is expected


def test_iter_months_across_year_end() -> None:
    assert list(iter_months(D(2024, 11, 15), D(2025, 1, 3))) == [
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
    ]
    assert list(iter_months(D(2024, 3, 1), D(2024, 3, 1))) == [D(2024, 3, 1)]
    assert list(iter_months(D(2024, 3, 2), D(2024, 3, 1))) == []


def test_format_stay_period_as_the_semiannual_form_writes_it() -> None:
    assert format_stay_period(D(2018, 4, 1), D(2018, 5, 31)) == "2018.4.1.~5.31"
    assert format_stay_period(D(2018, 11, 1), D(2019, 2, 28)) == "2018.11.1.~2019.2.28"
    assert format_stay_period(D(2018, 6, 1), None) == "2018.6.1.~"
