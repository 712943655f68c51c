"""The due list's pure rules: the working-day rule of deadlines, and which answered reminders
are shown (dismissed never, snoozed from their day on), overdue first."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.domain.due import (
    DueKind,
    make_item,
    next_working_day,
    shown,
    subject_of,
)

CHUSEOK_2025 = {date(2025, 10, d) for d in (5, 6, 7, 8, 9)}  # 추석, 대체공휴일, 한글날


def test_a_deadline_on_a_working_day_stays() -> None:
    assert next_working_day(date(2026, 11, 5), lambda _d: False) == date(2026, 11, 5)


def test_a_deadline_on_a_weekend_moves_to_monday() -> None:
    assert next_working_day(date(2026, 7, 5), lambda _d: False) == date(2026, 7, 6)  # Sunday
    assert next_working_day(date(2026, 12, 5), lambda _d: False) == date(2026, 12, 7)  # Saturday


def test_a_sunday_fifth_after_chuseok_and_its_substitute_holiday_moves_past_them_all() -> None:
    # 2025.10.5. is a Sunday and the eve of 추석; 6–7 추석, 8 its substitute, 9 한글날.
    assert next_working_day(date(2025, 10, 5), CHUSEOK_2025.__contains__) == date(2025, 10, 10)


def test_a_county_that_is_never_open_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="근무일이 없습니다"):
        next_working_day(date(2026, 1, 1), lambda _d: True)


def _item(kind: DueKind, uid: str, due: date, today: date):
    return make_item(kind, subject_of(kind, uid), uid, due, "할 일", today, "houses", {"x": 1})


def test_overdue_items_come_first_then_by_date() -> None:
    today = date(2026, 11, 21)
    later = _item(DueKind.LEASE_ENDING, "a", date(2026, 12, 1), today)
    late = _item(DueKind.FINDING_OVERDUE, "b", date(2026, 11, 1), today)
    later_late = _item(DueKind.RENT_ARREARS, "c", date(2026, 11, 20), today)
    ordered = shown([later, later_late, late], {}, today)
    assert [i.record_label for i in ordered] == ["b", "c", "a"]
    assert [i.overdue for i in ordered] == [True, True, False]
    assert later.criteria == {"x": 1} and later.kind_label == "임대차계약 만료"


def test_dismissed_never_shows_and_snoozed_shows_again_from_its_day() -> None:
    today = date(2026, 11, 21)
    a = _item(DueKind.LEASE_ENDING, "a", date(2026, 12, 1), today)
    b = _item(DueKind.LEASE_ENDING, "b", date(2026, 12, 1), today)
    notes = {a.subject: None, b.subject: date(2026, 11, 25)}
    assert shown([a, b], notes, today) == []
    assert shown([a, b], notes, date(2026, 11, 24)) == []
    assert shown([a, b], notes, date(2026, 11, 25)) == [b]


def test_a_subject_names_kind_record_and_period() -> None:
    assert subject_of(DueKind.MONTHLY_REPORT, "2026-10") == "monthly_report:2026-10"
    assert subject_of(DueKind.STAY_ENDING, "u1", "2026-12-01") == "stay_ending:u1:2026-12-01"
