"""Tests for gwinong_desktop.domain.stays: the 이용기간 rules at their edges."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.domain.results import Severity
from gwinong_desktop.domain.ruleset import RuleSet
from gwinong_desktop.domain.stays import (
    check_stay,
    extension_max_end,
    is_stay_active,
    stay_max_end,
)

D = date
RULES = RuleSet.defaults(2024)
MOVE_IN = D(2024, 3, 1)


def run(
    planned: date | None,
    extended: date | None = None,
    moved_out: date | None = None,
    *,
    move_in: date = MOVE_IN,
    waiting: int = 0,
    requested: bool = True,
    rules: RuleSet = RULES,
) -> list[tuple[str, str | None]]:
    results = check_stay(
        move_in,
        planned,
        extended,
        moved_out,
        waiting_applicants=waiting,
        resident_requested=requested,
        rules=rules,
    )
    return [(r.rule, r.field) for r in results]


@pytest.mark.parametrize(
    ("move_in", "planned", "expected"),
    [
        (D(2024, 3, 1), D(2025, 2, 28), []),  # exactly 12 months, inclusive
        (D(2024, 3, 1), D(2025, 3, 1), [("stay_max_months", "planned_end_on")]),
        (D(2024, 11, 15), D(2025, 11, 14), []),  # across a year end
        (D(2024, 11, 15), D(2025, 11, 15), [("stay_max_months", "planned_end_on")]),
        (D(2024, 2, 29), D(2025, 2, 28), []),  # from a leap day
        (D(2024, 2, 29), D(2025, 3, 1), [("stay_max_months", "planned_end_on")]),
        (D(2024, 3, 1), D(2024, 3, 1), []),  # a one-day stay
        (D(2024, 3, 1), D(2024, 8, 31), []),  # six months
        (D(2024, 3, 1), None, []),  # open stay
        (D(2024, 3, 1), D(2024, 2, 29), [("end_before_start", "planned_end_on")]),
    ],
)
def test_stay_length(move_in: date, planned: date | None, expected: list) -> None:
    assert run(planned, move_in=move_in) == expected


@pytest.mark.parametrize(
    ("extended", "expected"),
    [
        (D(2025, 5, 31), []),  # exactly 1 year + 3 months
        (D(2025, 6, 1), [("stay_extension_max_months", "extended_to")]),
        (D(2025, 3, 1), []),
        (D(2025, 2, 28), []),  # equal to the planned end: no extension
        (D(2025, 2, 27), [("end_before_start", "extended_to")]),
    ],
)
def test_extension_length(extended: date, expected: list) -> None:
    assert run(D(2025, 2, 28), extended) == expected


def test_extension_messages_and_values() -> None:
    (r,) = check_stay(
        MOVE_IN, D(2025, 2, 28), D(2025, 6, 1), None, resident_requested=True, rules=RULES
    )
    assert r.severity is Severity.WARN
    assert (r.value, r.limit) == (D(2025, 6, 1), D(2025, 5, 31))
    assert r.message == (
        "연장 기간이 3개월을 넘습니다 (3개월 1일, 2025.3.1.~2025.6.1.; 3개월이면 2025.5.31.까지). "
        "시행지침 Ⅱ-5 이용기간: 추가 이용자가 없고 기존 귀농인이 희망하는 경우 이용기간 종료 후 "
        "3개월 이내의 범위에서 추가 이용 가능."
    )


def test_stay_over_a_year_message() -> None:
    (r,) = check_stay(MOVE_IN, D(2025, 3, 1), None, None, rules=RULES)
    assert r.message == (
        "이용기간이 12개월을 넘습니다 (1년 1일, 2024.3.1.~2025.3.1.; 12개월이면 2025.2.28.까지). "
        "시행지침 Ⅱ-5 이용기간: 12개월 범위 내 이용이 원칙."
    )
    assert (r.value, r.limit) == (D(2025, 3, 1), D(2025, 2, 28))


@pytest.mark.parametrize(
    ("waiting", "requested", "expected"),
    [
        (0, True, []),
        (1, True, [("stay_extension_max_months", "extended_to")]),
        (0, False, [("stay_extension_max_months", "extended_to")]),
        (
            3,
            False,
            [
                ("stay_extension_max_months", "extended_to"),
                ("stay_extension_max_months", "extended_to"),
            ],
        ),
    ],
)
def test_extension_conditions(waiting: int, requested: bool, expected: list) -> None:
    assert run(D(2025, 2, 28), D(2025, 4, 30), waiting=waiting, requested=requested) == expected


def test_extension_conditions_only_apply_to_an_extension() -> None:
    assert run(D(2025, 2, 28), None, waiting=5, requested=False) == []
    assert run(D(2025, 2, 28), D(2025, 2, 28), waiting=5, requested=False) == []


def test_extension_messages_name_the_condition() -> None:
    waiting, not_asked = check_stay(
        MOVE_IN, D(2025, 2, 28), D(2025, 4, 30), None, waiting_applicants=2, rules=RULES
    )
    assert waiting.message.startswith(
        "입주 대기자가 2명 있는데 이용기간을 연장했습니다 (2025.3.1.~2025.4.30.)."
    )
    assert not_asked.message.startswith("입주자의 연장 희망이 확인되지 않았습니다")


def test_shorter_planned_stay_extends_from_its_own_end() -> None:
    # six months planned, extended by three: within the guideline
    assert run(D(2024, 8, 31), D(2024, 11, 30)) == []
    assert run(D(2024, 8, 31), D(2024, 12, 1)) == [("stay_extension_max_months", "extended_to")]


def test_open_stay_extension_is_measured_from_the_longest_stay() -> None:
    assert run(None, D(2025, 5, 31)) == []
    assert run(None, D(2025, 6, 1)) == [("stay_extension_max_months", "extended_to")]
    assert run(None, D(2024, 2, 1)) == [("end_before_start", "extended_to")]


@pytest.mark.parametrize(
    ("planned", "extended", "moved_out", "expected"),
    [
        (D(2025, 2, 28), None, D(2024, 9, 30), []),  # left early
        (D(2025, 2, 28), None, D(2024, 3, 1), []),  # left on the move-in day
        (D(2025, 2, 28), None, D(2025, 2, 28), []),
        (D(2024, 8, 31), None, D(2024, 12, 31), []),  # stayed past the plan, within a year
        (D(2025, 2, 28), None, D(2025, 3, 1), [("stay_max_months", "moved_out_on")]),
        (D(2025, 2, 28), D(2025, 5, 31), D(2025, 5, 31), []),
        (
            D(2025, 2, 28),
            D(2025, 5, 31),
            D(2025, 6, 1),
            [("stay_extension_max_months", "moved_out_on")],
        ),
        (D(2025, 2, 28), None, D(2024, 2, 29), [("end_before_start", "moved_out_on")]),
    ],
)
def test_move_out(planned: date, extended: date | None, moved_out: date, expected: list) -> None:
    assert run(planned, extended, moved_out) == expected


def test_impossible_dates_are_refused_alone() -> None:
    results = check_stay(
        MOVE_IN, D(2024, 1, 1), D(2026, 1, 1), D(2023, 1, 1), waiting_applicants=9, rules=RULES
    )
    assert [r.severity for r in results] == [Severity.REFUSE, Severity.REFUSE]
    assert [r.field for r in results] == ["planned_end_on", "moved_out_on"]
    assert results[1].message == (
        "이용기간: 퇴거일(2023.1.1.)이 입주일(2024.3.1.)보다 빠릅니다. "
        "퇴거일은 입주일과 같거나 그 뒤여야 합니다."
    )


def test_county_rules_six_plus_six_months() -> None:
    rules = RuleSet.from_mapping(2024, {"stay_max_months": 6, "stay_extension_max_months": 6})
    assert run(D(2024, 8, 31), D(2025, 2, 28), rules=rules) == []
    assert run(D(2024, 9, 1), rules=rules) == [("stay_max_months", "planned_end_on")]
    assert run(D(2024, 8, 31), D(2025, 3, 1), rules=rules) == [
        ("stay_extension_max_months", "extended_to")
    ]


def test_no_extension_allowed_when_the_county_sets_zero() -> None:
    rules = RuleSet.from_mapping(2024, {"stay_extension_max_months": 0})
    assert run(D(2025, 2, 28), D(2025, 3, 1), rules=rules) == [
        ("stay_extension_max_months", "extended_to")
    ]


def test_stay_helpers() -> None:
    assert stay_max_end(D(2024, 3, 1), RULES) == D(2025, 2, 28)
    assert stay_max_end(D(2024, 11, 15), RULES) == D(2025, 11, 14)
    assert extension_max_end(D(2025, 2, 28), RULES) == D(2025, 5, 31)
    assert extension_max_end(D(2025, 11, 14), RULES) == D(2026, 2, 14)


@pytest.mark.parametrize(
    ("moved_out", "today", "active"),
    [
        (None, D(2024, 2, 29), False),
        (None, D(2024, 3, 1), True),
        (None, D(2026, 1, 1), True),  # past its planned end but nobody recorded a move-out
        (D(2024, 5, 31), D(2024, 5, 31), True),  # the move-out day counts
        (D(2024, 5, 31), D(2024, 6, 1), False),
    ],
)
def test_is_stay_active(moved_out: date | None, today: date, active: bool) -> None:
    assert is_stay_active(MOVE_IN, moved_out, today) is active
