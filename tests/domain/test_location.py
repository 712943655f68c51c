"""Tests for gwinong_desktop.domain.location: only 읍·면 of 농어촌, 군 of cities allowed."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.location import (
    SIDO_FULL_NAMES,
    AddressParts,
    check_location,
    is_excluded_area,
    normalize_sido,
    split_address,
)
from gwinong_desktop.domain.results import Severity


def codes(sido: str | None, sigun: str | None, eupmyeon: str | None) -> list[tuple[str, str]]:
    results = check_location(sido, sigun, eupmyeon)
    assert all(r.severity is Severity.WARN for r in results)
    return [(r.rule, r.field or "") for r in results]


@pytest.mark.parametrize(
    ("sido", "sigun", "eupmyeon"),
    [
        ("전라남도", "강진군", "병영면"),
        ("전남", "강진군", "병영면 도룡리"),
        ("경상북도", "상주시", "화동면"),  # a 시 of a 도: its 읍·면 are fine
        ("충청남도", "공주시", "유구읍"),
        ("강원도", "홍천군", "서석면"),
        ("강원특별자치도", "홍천군", "서석면"),
        ("전북특별자치도", "완주군", "고산면"),
        ("제주특별자치도", "서귀포시", "남원읍"),
        ("인천광역시", "강화군", "강화읍"),
        ("인천", "옹진군", "북도면"),
        ("경기도", "양평군", "양동면"),
        ("경기", "가평군", "설악면"),
        ("부산광역시", "기장군", "정관읍"),
        ("대구광역시", "달성군", "가창면"),
        ("대구", "군위군", "효령면"),
        ("울산광역시", "울주군", "상북면"),
        ("세종특별자치시", "", "연서면"),  # decision: 세종's 읍·면 are allowed
        ("세종", "세종시", "조치원읍"),
        ("  경상남도 ", " 하동군 ", " 악양면 "),
    ],
)
def test_allowed_locations(sido: str, sigun: str, eupmyeon: str) -> None:
    assert check_location(sido, sigun, eupmyeon) == []


@pytest.mark.parametrize(
    ("sido", "sigun", "eupmyeon", "expected"),
    [
        (
            "서울특별시",
            "종로구",
            "청운동",
            [("location_area", "sigun"), ("location_eupmyeon", "eupmyeon")],
        ),
        ("서울", "강서구", "가양면", [("location_area", "sigun")]),
        ("경기도", "용인시 처인구", "원삼면", [("location_area", "sigun")]),
        ("경기", "화성시", "서신면", [("location_area", "sigun")]),
        (
            "인천광역시",
            "서구",
            "검암동",
            [("location_area", "sigun"), ("location_eupmyeon", "eupmyeon")],
        ),
        ("광주광역시", "광산구", "삼도면", [("location_area", "sigun")]),
        ("대전", "유성구", "구즉면", [("location_area", "sigun")]),
        ("경기도", "양평", "양동면", [("location_area", "sigun")]),  # the 군 must be written out
        ("전라남도", "순천시", "연향동", [("location_eupmyeon", "eupmyeon")]),
        ("세종특별자치시", "", "아름동", [("location_eupmyeon", "eupmyeon")]),
        ("전라남도", "강진군", "", [("location_eupmyeon", "eupmyeon")]),
        ("전라남도", "강진군", None, [("location_eupmyeon", "eupmyeon")]),
        ("전라남도", "강진군", "도룡리", [("location_eupmyeon", "eupmyeon")]),
        ("전라남도", "", "병영면", [("location_unknown", "sigun")]),
        ("전라", "강진군", "병영면", [("location_unknown", "sido")]),
        (None, "강진군", "병영면", [("location_unknown", "sido")]),
    ],
)
def test_warned_locations(
    sido: str | None, sigun: str, eupmyeon: str | None, expected: list
) -> None:
    assert codes(sido, sigun, eupmyeon) == expected


def test_messages_name_the_place_and_the_rule() -> None:
    area, eup = check_location("서울", "종로구", "청운동")
    assert area.message.startswith("서울특별시 종로구는 특별시·수도권 지역이며 군이 아닙니다. ")
    assert "시행지침 Ⅱ-4 지원 대상지역 요건" in area.message
    assert area.source == "시행지침 Ⅱ-4 지원 대상지역 요건"
    assert eup.message.startswith("청운동은 동 지역입니다.")
    (city,) = check_location("경기도", "용인시 처인구", "원삼면")
    assert city.message.startswith("경기도 용인시 처인구는 수도권 지역이며")


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("경기", "경기"),
        ("경기도", "경기"),
        ("서울", "서울"),
        ("서울특별시", "서울"),
        ("서울 특별시", "서울"),
        ("부산광역시", "부산"),
        ("세종특별자치시", "세종"),
        ("강원도", "강원"),
        ("강원특별자치도", "강원"),
        ("전라북도", "전북"),
        ("전북특별자치도", "전북"),
        ("제주도", "제주"),
        ("충청북도", "충북"),
        ("경상남도", "경남"),
        ("경기도 ", "경기"),
        ("경긱", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_sido(name: str | None, short: str | None) -> None:
    assert normalize_sido(name) == short


def test_every_short_name_has_a_full_name() -> None:
    assert len(SIDO_FULL_NAMES) == 17
    for short, full in SIDO_FULL_NAMES.items():
        assert normalize_sido(full) == short


@pytest.mark.parametrize(
    ("sido", "sigun", "excluded"),
    [
        ("인천광역시", "강화군", False),
        ("인천광역시", "남동구", True),
        ("경기도", "연천군", False),
        ("경기도", "포천시", True),
        ("전라남도", "순천시", False),
        ("세종", "", False),
    ],
)
def test_is_excluded_area(sido: str, sigun: str, excluded: bool) -> None:
    assert is_excluded_area(sido, sigun) is excluded


ADDRESSES = [
    # (cell, recognised parts, rest)
    ("○○면 ○○길 4", {"eupmyeon": "○○면", "road_address": "○○면 ○○길 4"}, ""),
    ("○○면 ○○길7", {"eupmyeon": "○○면", "road_address": "○○면 ○○길7"}, ""),
    ("백운면 노촌길7-2", {"eupmyeon": "백운면", "road_address": "백운면 노촌길7-2"}, ""),
    ("진안읍 중앙로12번길 3", {"eupmyeon": "진안읍", "road_address": "진안읍 중앙로12번길 3"}, ""),
    (
        "전북특별자치도 진안군 백운면 노촌리 123",
        {"sido": "전북특별자치도", "sigun": "진안군", "eupmyeon": "백운면", "ri": "노촌리",
         "jibun": "123"},
        "",
    ),
    (
        "진안군 백운면 노촌1길 4 (노촌리)",
        {"sigun": "진안군", "eupmyeon": "백운면", "ri": "노촌리",
         "road_address": "진안군 백운면 노촌1길 4 (노촌리)"},
        "",
    ),
    (
        "백운면 노촌리 노촌길 4",
        {"eupmyeon": "백운면", "ri": "노촌리", "road_address": "백운면 노촌리 노촌길 4"},
        "",
    ),
    (
        "백운면 노촌길 4, 2층 (노촌리, 행복빌라)",
        {"eupmyeon": "백운면", "ri": "노촌리",
         "road_address": "백운면 노촌길 4, 2층 (노촌리, 행복빌라)"},
        "",
    ),
    ("백운면 노촌리 산12-1번지", {"eupmyeon": "백운면", "ri": "노촌리", "jibun": "산12-1"}, ""),
    ("백운면 노촌리 산 12", {"eupmyeon": "백운면", "ri": "노촌리", "jibun": "산12"}, ""),
    ("백운면 노촌리123번지", {"eupmyeon": "백운면", "ri": "노촌리", "jibun": "123"}, ""),
    (
        "백운면 노촌리 123 외 1필지",
        {"eupmyeon": "백운면", "ri": "노촌리", "jibun": "123"},
        "외 1필지",
    ),
    (
        "백운면 노촌리 123-4 행복빌라 2층",
        {"eupmyeon": "백운면", "ri": "노촌리", "jibun": "123-4"},
        "행복빌라 2층",
    ),
    (
        "백운면 노촌리 123 (구 마을회관)",
        {"eupmyeon": "백운면", "ri": "노촌리", "jibun": "123"},
        "(구 마을회관)",
    ),
    ("주천면 대불리 131, 132", {"eupmyeon": "주천면", "ri": "대불리", "jibun": "131"}, "132"),
    ("어딘가 먼 곳", {}, "어딘가 먼 곳"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parts", "rest"), ADDRESSES)
def test_an_address_in_one_cell(text: str, parts: dict[str, str], rest: str) -> None:
    split = split_address(text)
    assert split.fields() == parts
    assert split.rest == rest


def test_an_empty_address() -> None:
    assert split_address(None) == AddressParts()
    assert split_address("   ").fields() == {}
