"""Tests for gwinong_desktop.domain.checks: every rule at its edge, impossible data refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gwinong_desktop.domain.checks import (
    check_amounts,
    check_area,
    check_designation,
    check_funding,
    check_lease,
    check_period,
    check_photos,
    check_rent,
    check_rooms,
    designation_end,
    lease_shortest_end,
    management_period_end,
)
from gwinong_desktop.domain.enums import LeaseKind, PhotoSlot
from gwinong_desktop.domain.results import DATA_SOURCE, RuleResult, Severity
from gwinong_desktop.domain.ruleset import RuleSet

D = date
RULES = RuleSet.defaults(2024)


def codes(results: list[RuleResult]) -> list[tuple[str, Severity, str | None]]:
    return [(r.rule, r.severity, r.field) for r in results]


# --- check_period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (D(2024, 3, 1), D(2024, 3, 1), False),
        (D(2024, 3, 1), D(2025, 2, 28), False),
        (D(2024, 3, 1), D(2024, 2, 29), True),
        (D(2024, 3, 1), None, False),
        (None, D(2024, 3, 1), False),
    ],
)
def test_check_period(start: date | None, end: date | None, refused: bool) -> None:
    results = check_period(start, end, field_end="end_on", label="임대차 기간")
    assert bool(results) is refused
    if refused:
        (r,) = results
        assert (r.rule, r.severity, r.field, r.value, r.limit) == (
            "end_before_start",
            Severity.REFUSE,
            "end_on",
            end,
            start,
        )
        assert r.message == (
            "임대차 기간: 종료일(2024.2.29.)이 시작일(2024.3.1.)보다 빠릅니다. "
            "종료일은 시작일과 같거나 그 뒤여야 합니다."
        )
        assert r.source == DATA_SOURCE


# --- check_amounts ------------------------------------------------------------------------------


def test_check_amounts_refuses_each_negative() -> None:
    results = check_amounts(budget_national=-1, deposit=0, monthly_rent=-100_000, budget_own=None)
    assert codes(results) == [
        ("negative_amount", Severity.REFUSE, "budget_national"),
        ("negative_amount", Severity.REFUSE, "monthly_rent"),
    ]
    assert results[0].message == "국비가 음수입니다 (-1원). 금액은 0원 이상이어야 합니다."
    assert results[1].message.startswith("월임대료가 음수입니다 (-100,000원)")
    assert check_amounts(something_else=-5)[0].message.startswith("something_else")


def test_check_amounts_accepts_zero_and_none() -> None:
    assert check_amounts(a=0, b=None, c=1) == []


# --- check_area ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("land", "floor", "expected"),
    [
        (330, 51.02, []),
        (None, None, []),
        (Decimal("660.5"), Decimal("2000"), []),  # exactly at the limit
        (100_000, 84, []),  # large land is fine
        (330, Decimal("2000.01"), [("floor_area_max", Severity.WARN, "floor_area_m2")]),
        (-1, 51, [("negative_area", Severity.REFUSE, "land_area_m2")]),
        (330, -0.5, [("negative_area", Severity.REFUSE, "floor_area_m2")]),
        (-1, 5_000, [("negative_area", Severity.REFUSE, "land_area_m2")]),  # refusal alone
        (0, 51, [("zero_area", Severity.WARN, "land_area_m2")]),
        (330, 0, [("zero_area", Severity.WARN, "floor_area_m2")]),
    ],
)
def test_check_area(land: object, floor: object, expected: list) -> None:
    assert codes(check_area(land, floor)) == expected  # type: ignore[arg-type]


def test_check_area_follows_the_county_limit() -> None:
    county = RuleSet.from_mapping(2024, {"floor_area_max": 100})
    assert check_area(None, 100, county) == []
    (r,) = check_area(None, 100.5, county)
    assert r.limit == 100
    assert "건물면적이 100m²를 넘습니다 (100.5m²)" in r.message
    assert "지침 기본값 2,000m²" in r.message


# --- check_rooms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rooms", "expected"),
    [
        (2, []),
        (5, []),
        (None, []),
        (1, [("rooms_min", Severity.WARN, "rooms")]),
        (0, [("rooms_min", Severity.WARN, "rooms")]),
        (-1, [("negative_count", Severity.REFUSE, "rooms")]),
    ],
)
def test_check_rooms(rooms: int | None, expected: list) -> None:
    assert codes(check_rooms(rooms, RULES)) == expected


def test_check_rooms_message() -> None:
    (r,) = check_rooms(1, RULES)
    assert r.message == (
        "방이 2개보다 적습니다 (1개). 운영계획서 4-가: 가족 단위 이용자를 고려하여 주거할 수 "
        "있는 방은 최소 2개 이상 확보."
    )
    assert (r.value, r.limit, r.source) == (1, 2, "운영계획서 4-가")


# --- check_photos -------------------------------------------------------------------------------

ALL_SLOTS = [PhotoSlot.FRONT, PhotoSlot.DISTANT, PhotoSlot.INTERIOR, PhotoSlot.SURROUNDINGS]


def test_check_photos_five_with_every_slot_pass() -> None:
    assert check_photos([*ALL_SLOTS, PhotoSlot.INTERIOR], 5, RULES) == []


def test_check_photos_four_warn() -> None:
    (r,) = check_photos(ALL_SLOTS, 4, RULES)
    assert (r.rule, r.severity, r.value, r.limit) == ("photos_min", Severity.WARN, 4, 5)
    assert r.message.startswith("사진이 5장보다 적습니다 (4장). 운영계획서 3-나:")


def test_check_photos_missing_slots_warn_by_name() -> None:
    (r,) = check_photos(["front", "내부", PhotoSlot.FRONT, "interior", "전경"], 5, RULES)
    assert r.value == (PhotoSlot.DISTANT, PhotoSlot.SURROUNDINGS)
    assert r.message.startswith("원경, 주변 사진이 없습니다.")


def test_check_photos_unknown_slot() -> None:
    with pytest.raises(ValueError, match="사진 구분 '지붕'"):
        check_photos(["지붕"], 5, RULES)


def test_check_photos_none() -> None:
    results = check_photos([], 0, RULES)
    assert [r.rule for r in results] == ["photos_min", "photos_min"]
    assert codes(check_photos([], -1, RULES)) == [("negative_count", Severity.REFUSE, "photos")]


# --- check_lease --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "end", "expected"),
    [
        (LeaseKind.LEASE, D(2020, 3, 1), D(2027, 2, 28), []),  # exactly 7 years, inclusive
        (LeaseKind.LEASE, D(2020, 3, 1), D(2030, 2, 28), []),
        (LeaseKind.LEASE, D(2020, 3, 1), D(2027, 2, 27), [("lease_min_years", Severity.WARN)]),
        (LeaseKind.LEASE, D(2020, 3, 1), None, [("lease_min_years", Severity.WARN)]),
        (LeaseKind.LEASE, D(2020, 3, 1), D(2020, 2, 29), [("end_before_start", Severity.REFUSE)]),
        (LeaseKind.LEASE, D(2024, 2, 29), D(2031, 2, 28), []),  # leap-day start
        (LeaseKind.LEASE, D(2024, 2, 29), D(2031, 2, 27), [("lease_min_years", Severity.WARN)]),
        (LeaseKind.FREE, D(2020, 3, 1), None, []),
        (LeaseKind.FREE, D(2020, 3, 1), D(2021, 2, 28), []),  # free provision: no minimum
        (LeaseKind.FREE, D(2020, 3, 1), D(2020, 2, 1), [("end_before_start", Severity.REFUSE)]),
        ("lease", D(2020, 3, 1), D(2027, 2, 27), [("lease_min_years", Severity.WARN)]),
        ("free", D(2020, 3, 1), None, []),
    ],
)
def test_check_lease(kind: LeaseKind | str, start: date, end: date | None, expected: list) -> None:
    results = check_lease(kind, start, end, RULES)
    assert [(r.rule, r.severity) for r in results] == expected
    assert all(r.field == "end_on" for r in results)


def test_check_lease_message_names_duration_and_source() -> None:
    (r,) = check_lease(LeaseKind.LEASE, D(2020, 3, 1), D(2027, 2, 27), RULES)
    assert r.message == (
        "임대차 기간이 7년 미만입니다 (6년 11개월 27일, 2020.3.1.~2027.2.27.; 7년이면 "
        "2027.2.28.까지). 시행지침 Ⅱ-4 지원 대상지역 요건: 소유주와 7년 이상 임대차계약 또는 "
        "무상제공."
    )
    assert (r.value, r.limit, r.source) == (D(2027, 2, 27), 7, "시행지침 Ⅱ-4 지원 대상지역 요건")


def test_check_lease_follows_the_year_s_minimum() -> None:
    ten = RuleSet.from_mapping(2024, {"lease_min_years": 10})
    assert check_lease(LeaseKind.LEASE, D(2020, 3, 1), D(2030, 2, 28), ten) == []
    (r,) = check_lease(LeaseKind.LEASE, D(2020, 3, 1), D(2027, 2, 28), ten)
    assert "10년 미만" in r.message and "지침 기본값 7년" in r.message


def test_check_lease_unknown_kind() -> None:
    with pytest.raises(ValueError):
        check_lease("rent", D(2020, 3, 1), None, RULES)


# --- check_funding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("national", "province", "county", "own", "expected"),
    [
        (15_000_000, 4_500_000, 10_500_000, 5_000_000, []),  # exactly 30,000,000, exactly 50%
        (15_000_000, 0, 15_000_000, 0, []),
        (15_000_001, 0, 15_000_000, 0, [("support_per_house_max", None)]),  # 1원 over
        (12_501_000, 2_000_000, 10_500_000, 0, []),  # 25,001,000: half is 12,500,500; 500원 off
        (15_001_000, 0, 14_999_000, 0, []),  # 1,000원 off 50%: allowed (천원 rounding)
        (15_001_001, 0, 14_998_999, 0, [("national_share_pct", "budget_national")]),  # 1,001원
        (14_998_999, 0, 15_001_001, 0, [("national_share_pct", "budget_national")]),
        (20_000_000, 5_000_000, 5_000_000, 0, [("national_share_pct", "budget_national")]),
        (
            16_000_000,
            7_500_000,
            7_500_000,
            0,
            [("support_per_house_max", None), ("national_share_pct", "budget_national")],
        ),
        (15_000_000, 15_000_000, 0, 100_000_000, []),  # own funds are not support
        (0, 0, 0, 0, []),
        (None, None, None, None, []),
        (0, 0, 0, 5_000_000, []),  # no support: no share to check
        (-1, 0, 0, 0, [("negative_amount", "budget_national")]),
        (15_000_000, 0, 15_000_000, -1, [("negative_amount", "budget_own")]),
        (
            -1,
            -2,
            -3,
            0,
            [
                ("negative_amount", "budget_national"),
                ("negative_amount", "budget_province"),
                ("negative_amount", "budget_county"),
            ],
        ),
    ],
)
def test_check_funding(
    national: int | None, province: int | None, county: int | None, own: int | None, expected: list
) -> None:
    results = check_funding(national, province, county, own, RULES)
    assert [(r.rule, r.field) for r in results] == expected
    refused = any(code == "negative_amount" for code, _ in expected)
    assert all(r.severity is (Severity.REFUSE if refused else Severity.WARN) for r in results)


def test_check_funding_messages() -> None:
    over, share = check_funding(16_000_000, 7_500_000, 7_500_000, 0, RULES)
    assert over.message == (
        "지원액(국비+도비+군비)이 개소당 지원한도를 넘습니다 (31,000,000원, 한도 30,000,000원). "
        "시행지침 Ⅱ-5 지원단가: 세대당 30,000,000원 이내."
    )
    assert (over.value, over.limit) == (31_000_000, 30_000_000)
    assert share.message == (
        "국비가 지원액의 50%가 아닙니다 (국비 16,000,000원: 지원액 31,000,000원의 51.6%; 50%면 "
        "15,500,000원). 시행지침 Ⅱ-5 재원 및 지원기준: 국고보조 50%, 지방비 50%."
    )
    assert (share.value, share.limit) == (16_000_000, 50)


def test_a_year_with_a_higher_support_limit_lets_a_40m_house_pass() -> None:
    y2020 = RuleSet.defaults(2020)
    y2024 = RuleSet.from_mapping(2024, {"support_per_house_max": "50000000"})
    funding = (20_000_000, 6_000_000, 14_000_000, 0)  # 40,000,000
    assert [r.rule for r in check_funding(*funding, y2020)] == ["support_per_house_max"]
    assert check_funding(*funding, y2024) == []
    (r,) = check_funding(26_000_000, 0, 26_000_000, 0, y2024)
    assert "50,000,000원" in r.message
    assert r.message.endswith("(2024년 시·군 설정값 50,000,000원, 지침 기본값 30,000,000원)")


def test_a_county_share_other_than_half() -> None:
    seventy = RuleSet.from_mapping(2024, {"national_share_pct": 70})
    assert check_funding(21_000_000, 0, 9_000_000, 0, seventy) == []
    (r,) = check_funding(15_000_000, 0, 15_000_000, 0, seventy)
    assert "국고보조 70%, 지방비 30%" in r.message


# --- check_designation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "support", "expected"),
    [
        (D(2024, 3, 1), D(2026, 2, 28), 150_000, []),  # exactly 2 years, exactly 15만원
        (D(2024, 3, 1), None, 100_000, []),
        (D(2024, 3, 1), D(2026, 2, 28), None, []),
        (D(2024, 3, 1), D(2026, 2, 27), 0, [("designation_years", "end_on")]),
        (D(2024, 3, 1), D(2026, 3, 1), 0, [("designation_years", "end_on")]),
        (D(2024, 3, 1), D(2026, 2, 28), 150_001, [("designation_support_max", "monthly_support")]),
        (
            D(2024, 3, 1),
            D(2027, 2, 28),
            200_000,
            [("designation_years", "end_on"), ("designation_support_max", "monthly_support")],
        ),
        (D(2024, 3, 1), D(2024, 2, 28), 0, [("end_before_start", "end_on")]),
        (D(2024, 3, 1), D(2026, 2, 28), -1, [("negative_amount", "monthly_support")]),
    ],
)
def test_check_designation(
    start: date, end: date | None, support: int | None, expected: list
) -> None:
    assert [(r.rule, r.field) for r in check_designation(start, end, support, RULES)] == expected


def test_check_designation_message() -> None:
    (r,) = check_designation(D(2024, 3, 1), D(2026, 2, 28), 200_000, RULES)
    assert r.message == (
        "임대료 지원액이 월 150,000원을 넘습니다 (200,000원). 시행지침 Ⅱ-5 지원단가 "
        "(임대운영 방식): 지정기간 중 임대료 지원은 월 150,000원 이내."
    )
    (p,) = check_designation(D(2024, 3, 1), D(2025, 2, 28), 0, RULES)
    assert p.message.startswith(
        "지정기간이 2년이 아닙니다 (1년, 2024.3.1.~2025.2.28.; 2년이면 2026.2.28.까지)."
    )
    assert p.limit == D(2026, 2, 28)


# --- check_rent ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "rent", "deposit", "expected"),
    [
        (RULES, 1_000_000, 50_000_000, []),  # no limits by default
        (RULES, None, None, []),
        (RULES, -1, 0, [("negative_amount", "monthly_rent")]),
        (RULES, 0, -1, [("negative_amount", "deposit")]),
        ("county", 100_000, 1_500_000, []),  # exactly at both limits
        ("county", 100_001, 1_500_000, [("rent_max", "monthly_rent")]),
        ("county", 100_000, 1_500_001, [("deposit_max", "deposit")]),
        ("county", 250_000, 3_000_000, [("rent_max", "monthly_rent"), ("deposit_max", "deposit")]),
    ],
)
def test_check_rent(
    rules: RuleSet | str, rent: int | None, deposit: int | None, expected: list
) -> None:
    if rules == "county":
        rules = RuleSet.from_mapping(2024, {"rent_max": 100_000, "deposit_max": 1_500_000})
    assert isinstance(rules, RuleSet)
    assert [(r.rule, r.field) for r in check_rent(rent, deposit, rules)] == expected


def test_check_rent_fields_of_a_stay_and_message() -> None:
    rules = RuleSet.from_mapping(2024, {"deposit_max": 1_500_000})
    (r,) = check_rent(0, 2_000_000, rules, field_deposit="deposit_amount")
    assert r.field == "deposit_amount"
    assert r.message.startswith("보증금이 한도를 넘습니다 (2,000,000원, 한도 1,500,000원).")
    assert r.source == "시·군 운영지침 (시행지침 Ⅲ-2)"


# --- period ends --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "end"),
    [
        (D(2020, 3, 1), D(2027, 2, 28)),
        (D(2020, 2, 29), D(2027, 2, 28)),
        (D(2018, 12, 20), D(2025, 12, 19)),
        (D(2021, 1, 1), D(2027, 12, 31)),
    ],
)
def test_management_period_end(completed: date, end: date) -> None:
    assert management_period_end(completed, RULES) == end


def test_period_ends_follow_the_rules() -> None:
    assert designation_end(D(2024, 3, 1), RULES) == D(2026, 2, 28)
    assert lease_shortest_end(D(2020, 3, 1), RULES) == D(2027, 2, 28)
    ten = RuleSet.from_mapping(2024, {"management_years": 10, "designation_years": 3})
    assert management_period_end(D(2020, 3, 1), ten) == D(2030, 2, 28)
    assert designation_end(D(2024, 3, 1), ten) == D(2027, 2, 28)
