"""Guessing which source column feeds which field, and splitting composite cells."""

from __future__ import annotations

from gwinong_desktop.exchange.mapping import (
    IGNORE,
    LOCATION,
    TO_NOTE,
    SheetMapping,
    guess_kind,
    guess_targets,
    rooms_from_structure,
)
from gwinong_desktop.exchange.register_format import (
    HOUSE,
    HOUSE_SHEET,
    PAYMENT,
    PAYMENT_SHEET,
    RESIDENT,
    RESIDENT_SHEET,
)

COUNTY_HEADERS = ["구분", "조성연도", "위치", "운영자", "면적(㎡)", "구조"]


def test_our_own_headers_map_to_themselves() -> None:
    for fmt in (HOUSE_SHEET, RESIDENT_SHEET, PAYMENT_SHEET):
        assert guess_targets(fmt.kind, fmt.headers) == [c.key for c in fmt.columns]
        assert guess_kind(fmt.name, fmt.headers) == fmt.kind
        assert SheetMapping(fmt.name, fmt.kind, 1, fmt.headers).is_own_format()


def test_another_countys_sheet_is_guessed() -> None:
    assert guess_kind("Sheet1", COUNTY_HEADERS) == HOUSE
    assert guess_targets(HOUSE, COUNTY_HEADERS) == [
        "development_type", "program_year", LOCATION, "operator", "floor_area_m2", "structure",
    ]  # fmt: skip
    mapping = SheetMapping("Sheet1", HOUSE, 1, COUNTY_HEADERS)
    assert mapping.missing() == []
    assert not mapping.is_own_format()


def test_similar_headers_and_unknown_columns() -> None:
    headers = ["관리 번호", "대지면적(㎡)", "임대차 기간 시작일", "담당 공무원", ""]
    assert guess_targets(HOUSE, headers) == [
        "code", "land_area_m2", "lease_start", TO_NOTE, IGNORE,
    ]  # fmt: skip
    assert guess_kind("입주자 명단", ["성명", "입주일", "퇴거일", "연락처"]) == RESIDENT
    assert guess_kind("수납", ["관리번호", "성명", "대상월", "금액", "납부일"]) == PAYMENT
    assert guess_kind("메모", ["할 일", "날짜"]) == ""


def test_missing_required_columns_are_named() -> None:
    mapping = SheetMapping("입주자", RESIDENT, 1, ["관리번호", "성명"])
    assert mapping.missing() == ["입주일"]


def test_mapping_json_round_trip_and_stale_headers() -> None:
    mapping = SheetMapping("Sheet1", HOUSE, 2, COUNTY_HEADERS)
    mapping.targets[0] = IGNORE
    again = SheetMapping.from_json(mapping.to_json(), "다른 시트", 3, COUNTY_HEADERS)
    assert again.targets == mapping.targets
    assert again.kind == HOUSE and again.sheet == "다른 시트" and again.header_row == 3
    assert again.signature == mapping.signature
    try:
        SheetMapping.from_json(mapping.to_json(), "x", 1, [*COUNTY_HEADERS, "비고"])
    except ValueError:
        pass
    else:
        raise AssertionError("a mapping for other headers was applied")


def test_rooms_from_the_structure_text() -> None:
    assert rooms_from_structure("방2, 주방, 화장실, 거실") == 2
    assert rooms_from_structure("조적조, 방 3개, 화장실") == 3
    assert rooms_from_structure("원룸") == 1
    assert rooms_from_structure("목조") is None


def test_values_decide_where_headers_are_ambiguous() -> None:
    from gwinong_desktop.exchange.mapping import FACILITY

    kinds = [["귀농인의집", 2016], ["귀농인의 집", 2017], ["귀농인쉼터", 2018]]
    assert guess_targets(HOUSE, ["구분", "조성연도"], kinds)[0] == FACILITY
    ours_only = [["귀농인의집", 2016]] * 3
    assert guess_targets(HOUSE, ["구분", "조성연도"], ours_only)[0] == FACILITY
    types = [["빈집수리", 2016], ["이동식", 2017], ["임대형", 2018]]
    assert guess_targets(HOUSE, ["구분", "조성연도"], types)[0] == "development_type"
    assert guess_targets(HOUSE, ["시설구분", "조성연도"])[0] == FACILITY
    # a header that suggests a field whose values it does not hold: 비고, not a refusal per row
    remarks = [["2016년 선정", "노촌"], ["사업 중", "원평"], ["2018년 선정", "대불"]]
    assert guess_targets(HOUSE, ["연도", "마을"], remarks) == [TO_NOTE, "ri"]
    # our own header is never overruled by its values: the bad cells are the officer's to fix
    assert guess_targets(HOUSE, ["조성연도"], [["사업 중"]]) == ["program_year"]
