"""Tests for gwinong_desktop.domain.ruleset: rule specs, defaults and per-year values."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.ruleset import RULE_SPECS, RuleKey, RuleSet, RuleSpec, validate_value

GUIDELINE_2020 = {
    RuleKey.SUPPORT_PER_HOUSE_MAX: 30_000_000,
    RuleKey.NATIONAL_SHARE_PCT: 50,
    RuleKey.LEASE_MIN_YEARS: 7,
    RuleKey.MANAGEMENT_YEARS: 7,
    RuleKey.DESIGNATION_YEARS: 2,
    RuleKey.DESIGNATION_SUPPORT_MAX: 150_000,
    RuleKey.STAY_MAX_MONTHS: 12,
    RuleKey.STAY_EXTENSION_MAX_MONTHS: 3,
    RuleKey.ROOMS_MIN: 2,
    RuleKey.PHOTOS_MIN: 5,
    RuleKey.MONTHLY_REPORT_DAY: 5,
    RuleKey.COMPLETION_REPORT_DAYS: 7,
    RuleKey.DEPOSIT_MAX: 0,
    RuleKey.RENT_MAX: 0,
    RuleKey.FLOOR_AREA_MAX: 2_000,
}


def test_every_key_has_a_spec() -> None:
    assert set(RULE_SPECS) == set(RuleKey)
    for key, spec in RULE_SPECS.items():
        assert spec.key is key


@pytest.mark.parametrize(("key", "default"), list(GUIDELINE_2020.items()))
def test_defaults_are_the_2020_guideline_values(key: RuleKey, default: int) -> None:
    assert RULE_SPECS[key].default == default
    assert RuleSet.defaults(2020).value(key) == default


@pytest.mark.parametrize("spec", list(RULE_SPECS.values()), ids=lambda s: s.key.value)
def test_specs_are_described_in_korean(spec: RuleSpec) -> None:
    assert spec.name and spec.unit and spec.explanation
    assert spec.source.startswith(("시행지침", "운영계획서", "시·군 운영지침"))
    assert any("가" <= ch <= "힣" for ch in spec.name)
    validate_value(spec.key, spec.default)


@pytest.mark.parametrize(
    ("key", "source"),
    [
        (RuleKey.SUPPORT_PER_HOUSE_MAX, "시행지침 Ⅱ-5 지원단가"),
        (RuleKey.LEASE_MIN_YEARS, "시행지침 Ⅱ-4 지원 대상지역 요건"),
        (RuleKey.MANAGEMENT_YEARS, "시행지침 Ⅱ-5 관리기간"),
        (RuleKey.STAY_MAX_MONTHS, "시행지침 Ⅱ-5 이용기간"),
        (RuleKey.ROOMS_MIN, "운영계획서 4-가"),
        (RuleKey.PHOTOS_MIN, "운영계획서 3-나"),
    ],
)
def test_sources_cite_the_guideline(key: RuleKey, source: str) -> None:
    assert RULE_SPECS[key].source == source


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        (RuleKey.SUPPORT_PER_HOUSE_MAX, 30_000_000, "30,000,000원"),
        (RuleKey.LEASE_MIN_YEARS, 7, "7년"),
        (RuleKey.STAY_MAX_MONTHS, 12, "12개월"),
        (RuleKey.NATIONAL_SHARE_PCT, 50, "50%"),
        (RuleKey.DEPOSIT_MAX, 0, "제한 없음"),
        (RuleKey.DEPOSIT_MAX, 1_500_000, "1,500,000원"),
        (RuleKey.ROOMS_MIN, 0, "0개"),
    ],
)
def test_format_value(key: RuleKey, value: int, text: str) -> None:
    assert RULE_SPECS[key].format_value(value) == text


def test_defaults_have_no_changes_and_round_trip() -> None:
    rules = RuleSet.defaults(2024)
    assert rules.year == 2024
    assert rules.changed() == {}
    # as RuleValue rows keep them: {key: the number as text}
    mapping = {key.value: str(rules.value(key)) for key in RuleKey}
    assert mapping["support_per_house_max"] == "30000000"
    assert RuleSet.from_mapping(2024, mapping) == rules


def test_from_mapping_sets_a_year_s_values() -> None:
    rules = RuleSet.from_mapping(
        2024,
        {"support_per_house_max": "50,000,000", "deposit_max": 1_500_000, "rent_max": " 80000 "},
    )
    assert rules.value(RuleKey.SUPPORT_PER_HOUSE_MAX) == 50_000_000
    assert rules.value("deposit_max") == 1_500_000
    assert rules[RuleKey.RENT_MAX] == 80_000
    assert rules.value(RuleKey.LEASE_MIN_YEARS) == 7
    assert rules.changed() == {
        RuleKey.SUPPORT_PER_HOUSE_MAX: 50_000_000,
        RuleKey.DEPOSIT_MAX: 1_500_000,
        RuleKey.RENT_MAX: 80_000,
    }
    assert RuleSet.defaults(2024) != rules


def test_value_equal_to_default_is_not_a_change() -> None:
    rules = RuleSet.from_mapping(2024, {"lease_min_years": "7"})
    assert rules.changed() == {}
    assert rules == RuleSet.defaults(2024)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"no_such_rule": "1"}, "알 수 없는 규칙"),
        ({"support_per_house_max": "1.5"}, "정수"),
        ({"support_per_house_max": "3천만"}, "정수"),
        ({"support_per_house_max": "abc"}, "정수"),
        ({"support_per_house_max": ""}, "정수"),
        ({"support_per_house_max": 1.5}, "정수"),
        ({"support_per_house_max": None}, "정수"),
        ({"rooms_min": True}, "정수"),
        ({"support_per_house_max": "-1"}, "음수"),
        ({"rooms_min": -1}, "음수"),
        ({"support_per_house_max": 0}, "이상"),
        ({"stay_max_months": "0"}, "이상"),
        ({"national_share_pct": 101}, "이하"),
        ({"monthly_report_day": 0}, "이상"),
        ({"monthly_report_day": 32}, "이하"),
    ],
)
def test_from_mapping_refuses_bad_values(mapping: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RuleSet.from_mapping(2024, mapping)


def test_zero_is_allowed_where_it_means_no_limit_or_none() -> None:
    rules = RuleSet.from_mapping(
        2024, {"deposit_max": 0, "rent_max": 0, "stay_extension_max_months": 0}
    )
    assert rules.value(RuleKey.STAY_EXTENSION_MAX_MONTHS) == 0


@pytest.mark.parametrize("year", [0, 1899, 10_000, "2024", True])
def test_year_must_be_plausible(year: object) -> None:
    with pytest.raises(ValueError, match="연도"):
        RuleSet.defaults(year)  # type: ignore[arg-type]


def test_unknown_key_in_value_lookup() -> None:
    with pytest.raises(ValueError, match="알 수 없는 규칙"):
        RuleSet.defaults(2024).value("support")


def test_replace_and_for_year_keep_years_apart() -> None:
    y2024 = RuleSet.defaults(2024).replace({RuleKey.SUPPORT_PER_HOUSE_MAX: 50_000_000})
    y2025 = y2024.for_year(2025)
    assert y2025.year == 2025
    assert y2025.value(RuleKey.SUPPORT_PER_HOUSE_MAX) == 50_000_000
    assert y2024 != y2025
    assert RuleSet.defaults(2024).value(RuleKey.SUPPORT_PER_HOUSE_MAX) == 30_000_000
    with pytest.raises(ValueError, match="음수"):
        y2024.replace({"rooms_min": -2})


def test_rulesets_are_hashable_values() -> None:
    a = RuleSet.from_mapping(2024, {"rooms_min": 3})
    b = RuleSet.defaults(2024).replace({"rooms_min": "3"})
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b, RuleSet.defaults(2024)}) == 2
    assert "rooms_min" in repr(a)


def test_describe_notes_a_county_value() -> None:
    assert RuleSet.defaults(2024).describe(RuleKey.SUPPORT_PER_HOUSE_MAX) == (
        "개소당 지원한도 30,000,000원"
    )
    changed = RuleSet.from_mapping(2024, {"support_per_house_max": 50_000_000})
    assert changed.describe(RuleKey.SUPPORT_PER_HOUSE_MAX) == (
        "개소당 지원한도 50,000,000원 (2024년 시·군 설정값, 지침 기본값 30,000,000원)"
    )
    assert changed.spec("support_per_house_max").name == "개소당 지원한도"
    assert not changed.is_default(RuleKey.SUPPORT_PER_HOUSE_MAX)


@pytest.mark.parametrize("raw", ["1.5", "칠 년", True, None])
def test_a_bad_value_is_named_by_the_rule_officers_know_not_its_key(raw: object) -> None:
    with pytest.raises(ValueError) as err:
        RuleSet.from_mapping(2024, {"lease_min_years": raw})
    message = str(err.value)
    assert message.startswith("소유주 임대차 최소기간은(는) 정수여야 합니다 (단위 년")
    assert "lease_min_years" not in message and "True" not in message
