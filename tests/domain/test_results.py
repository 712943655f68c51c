"""Tests for gwinong_desktop.domain.results: result helpers and message building."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.results import (
    DATA_SOURCE,
    CheckCode,
    RuleResult,
    Severity,
    data_refusal,
    has_refusal,
    refusals,
    rule_warning,
    warnings,
)
from gwinong_desktop.domain.ruleset import RuleKey, RuleSet

WARN = RuleResult("rooms_min", Severity.WARN, "방이 부족합니다", 1, 2, "운영계획서 4-가", "rooms")
REFUSE = RuleResult("negative_amount", Severity.REFUSE, "음수", -1, 0, DATA_SOURCE, "deposit")


@pytest.mark.parametrize(
    ("results", "refused", "warned", "refused_list"),
    [
        ([], False, [], []),
        ([WARN], False, [WARN], []),
        ([REFUSE], True, [], [REFUSE]),
        ([WARN, REFUSE, WARN], True, [WARN, WARN], [REFUSE]),
    ],
)
def test_helpers(
    results: list[RuleResult], refused: bool, warned: list, refused_list: list
) -> None:
    assert has_refusal(results) is refused
    assert has_refusal(iter(results)) is refused
    assert warnings(results) == warned
    assert refusals(results) == refused_list


def test_results_are_frozen() -> None:
    with pytest.raises(AttributeError):
        WARN.message = "x"  # type: ignore[misc]
    assert REFUSE.is_refusal and not WARN.is_refusal


def test_severity_values_are_stable() -> None:
    assert Severity.REFUSE.value == "refuse"
    assert Severity.WARN.value == "warn"
    assert CheckCode.END_BEFORE_START.value == "end_before_start"


def test_rule_warning_cites_the_source() -> None:
    result = rule_warning(
        RuleSet.defaults(2024),
        RuleKey.ROOMS_MIN,
        "방이 2개보다 적습니다 (1개)",
        "방은 최소 2개 이상",
        value=1,
        field="rooms",
    )
    assert result == RuleResult(
        rule="rooms_min",
        severity=Severity.WARN,
        message="방이 2개보다 적습니다 (1개). 운영계획서 4-가: 방은 최소 2개 이상.",
        value=1,
        limit=2,
        source="운영계획서 4-가",
        field="rooms",
    )


def test_rule_warning_names_a_county_setting() -> None:
    rules = RuleSet.from_mapping(2025, {"rooms_min": 3})
    result = rule_warning(
        rules, RuleKey.ROOMS_MIN, "방이 부족합니다", "방 3개 이상", value=2, field=None
    )
    assert result.message.endswith("(2025년 시·군 설정값 3개, 지침 기본값 2개)")
    assert result.limit == 3


def test_data_refusal() -> None:
    result = data_refusal(CheckCode.NEGATIVE_AREA, "음수", value=-1, field="floor_area_m2")
    assert (result.rule, result.severity, result.source) == (
        "negative_area",
        Severity.REFUSE,
        DATA_SOURCE,
    )
