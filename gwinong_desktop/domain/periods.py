"""Date helpers for inclusive periods, written the way county officers write them.

Officers count both ends of a period: a one-year stay from 2024.3.1. ends 2025.2.28., a 7-year
lease from 2020.3.1. ends 2027.2.28. ``period_end`` computes that last day. It follows the Civil
Act (민법 제157조 단서·제160조): a period that starts at the beginning of a day counts that day, and
ends on the day before the corresponding day of the last month; when the last month has no
corresponding day (Jan 31 + 1 month, Feb 29 + 1 year), the period ends on that month's last day.
Wherever the corresponding day exists this equals "add the months, minus one day", and periods
laid end to end never leave a gap (Jan 31 ~ Feb 29, then Mar 1 ~).

Standard library only.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

ONE_DAY = timedelta(days=1)
KST = timezone(timedelta(hours=9), "KST")
"""Korea's time (no daylight saving): times shown to officers are in it, whatever the PC says."""


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year`` (28–31)."""
    return calendar.monthrange(year, month)[1]


def first_of_month(d: date) -> date:
    """The first day of ``d``'s month."""
    return d.replace(day=1)


def month_end(d: date) -> date:
    """The last day of ``d``'s month."""
    return d.replace(day=days_in_month(d.year, d.month))


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (``n`` may be negative), clamped to the month's end.

    Jan 31 + 1 month is Feb 28 (Feb 29 in a leap year).
    """
    year, month = _shift_month(d.year, d.month, n)
    return date(year, month, min(d.day, days_in_month(year, month)))


def add_years(d: date, n: int) -> date:
    """``d`` moved by ``n`` years; Feb 29 becomes Feb 28 in a year that is not a leap year."""
    return add_months(d, 12 * n)


def period_end(start: date, *, years: int = 0, months: int = 0) -> date:
    """The last day, inclusive, of a period of ``years`` and ``months`` that starts on ``start``.

    ``period_end(date(2020, 3, 1), years=7) == date(2027, 2, 28)``;
    ``period_end(date(2024, 2, 29), years=1) == date(2025, 2, 28)``;
    ``period_end(date(2024, 1, 31), months=1) == date(2024, 2, 29)`` (the month has no 31st, so the
    period runs to its end). A zero-length period ends the day before it starts (an empty period).
    Raises ValueError for a negative length.
    """
    total = years * 12 + months
    if total < 0:
        raise ValueError(f"기간의 길이는 음수일 수 없습니다 ({years}년 {months}개월).")
    year, month = _shift_month(start.year, start.month, total)
    last = days_in_month(year, month)
    if start.day > last:
        return date(year, month, last)
    return date(year, month, start.day) - ONE_DAY


def whole_months(start: date, end: date) -> int:
    """How many whole months the inclusive period ``start``~``end`` covers (0 if under a month).

    ``whole_months(date(2024, 3, 1), date(2025, 2, 28)) == 12``; one day less gives 11.
    Raises ValueError if ``end`` is before ``start``.
    """
    if end < start:
        raise ValueError("종료일이 시작일보다 빠릅니다.")
    months = (end.year - start.year) * 12 + (end.month - start.month) + 1
    while months > 0 and period_end(start, months=months) > end:
        months -= 1
    return months


def inclusive_days(start: date, end: date) -> int:
    """The number of days in the inclusive period (``start == end`` is one day)."""
    return (end - start).days + 1


def duration_parts(start: date, end: date) -> tuple[int, int, int]:
    """(years, months, days) of the inclusive period ``start``~``end``.

    2020.3.1.~2027.2.27. is (6, 11, 27): 6 years 11 months to 2027.1.31., then 27 more days.
    """
    months = whole_months(start, end)
    covered_to = period_end(start, months=months)
    days = (end - covered_to).days
    return months // 12, months % 12, days


def format_duration(start: date, end: date) -> str:
    """The inclusive period's length in words: "6년 11개월 27일", "1년", "3개월", "10일"."""
    years, months, days = duration_parts(start, end)
    parts = [
        f"{value}{unit}" for value, unit in ((years, "년"), (months, "개월"), (days, "일")) if value
    ]
    return " ".join(parts) if parts else "0일"


def format_date_ko(d: date) -> str:
    """A date as officers write it: ``2018.4.1.``."""
    return f"{d.year}.{d.month}.{d.day}."


def format_moment(at: datetime, *, seconds: bool = False) -> str:
    """A moment as officers write it, in KST: ``2026.12.4. 20:35`` (a naive time is UTC, as the
    audit trail keeps it)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    at = at.astimezone(KST)
    clock = f"{at:%H:%M:%S}" if seconds else f"{at:%H:%M}"
    return f"{format_date_ko(at.date())} {clock}"


def format_period(start: date, end: date | None) -> str:
    """A period as officers write it: ``2018.4.1.~2018.5.31.``; an open end gives ``2018.6.1.~``."""
    if end is None:
        return f"{format_date_ko(start)}~"
    return f"{format_date_ko(start)}~{format_date_ko(end)}"


def format_stay_period(start: date, end: date | None) -> str:
    """A stay as the semiannual report's example writes it (별지 제5호 7. 임대실적 기간):
    ``2018.4.1.~5.31`` (the end's year left out when it is the start's, and no dot after the
    end), ``2018.11.1.~2019.2.28`` across a year, and an open stay ``2018.6.1.~``."""
    if end is None:
        return f"{format_date_ko(start)}~"
    if end.year == start.year:
        return f"{format_date_ko(start)}~{end.month}.{end.day}"
    return f"{format_date_ko(start)}~{end.year}.{end.month}.{end.day}"


def contains(start: date, end: date | None, d: date) -> bool:
    """Whether ``d`` falls in the inclusive period ``start``~``end`` (``None`` = open end)."""
    return start <= d and (end is None or d <= end)


def overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two inclusive periods share at least one day (``None`` ends are open)."""
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def iter_months(start: date, end: date) -> Iterator[date]:
    """The first day of every month the inclusive period touches, in order.

    2024.11.15.~2025.1.3. gives 2024.11.1., 2024.12.1., 2025.1.1.; nothing if ``end < start``.
    """
    if end < start:
        return
    current = first_of_month(start)
    while current <= end:
        yield current
        current = add_months(current, 1)
