"""Composite cells of a county's own list: every character typed can be found in the record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from gwinong_desktop.exchange.reader import read_register
from gwinong_desktop.exchange.register_format import RegisterHouse

LOCATIONS = [
    "○○면 ○○길7",  # no space before the number
    "백운면 노촌길 4",
    "백운면 노촌길7-2",
    "진안읍 중앙로12번길 3",
    "백운면 노촌리 산12-1번지",  # 산 lot numbers
    "부귀면 봉암리 산 45-2",
    "백운면 노촌리 123 외 1필지",
    "주천면 운봉리 88 외 2필지",
    "용담면 옥거리 312-1 행복빌라 101호",  # building names and floors
    "상전면 수동길 8, 1층",
    "진안읍 중앙로12번길 3, 2층 (군상리)",
    "백운면 노촌리 노촌길 12",  # 리 and 길 together
    "진안군 백운면 노촌1길 4 (노촌리)",  # a 리 in brackets after a road address
    "부귀면 세동길 45 (세동리)",
    "상전면 용평리 215 (구 마을회관)",  # a bracketed remark on a lot address
    "주천면 대불리 131, 132",  # two lot numbers
    "전북특별자치도 진안군 성수면 좌포리 450번지",
    "백운면 노촌리123",
    "마령면 (계서리) 원평지길 12",
]
OPERATORS = [
    "노촌마을협의회 (010-1234-5678)",
    "○○마을회 (123-4567)",
    "대불마을회 / 063-432-1111",
    "봉암마을회 T.433-2222",
    "진안군귀농귀촌협의회 ☎063-430-2345",
    "능금마을회 HP 010-2222-3333",
    "반월마을회(이장 김반월, 010-6666-7777)",
    "진안군 (직영)",
    "010-9999-8888",  # a number without a name
]
_FIELDS = ("sido", "sigun", "eupmyeon", "ri", "jibun", "road_address", "note")


def _book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "현황"
    ws.append(["조성연도", "위치", "운영자", "소유주", "임대차시작일"])
    for i, location in enumerate(LOCATIONS):
        operator = OPERATORS[i % len(OPERATORS)]
        ws.append([2020, location, operator, f"김소유{i} (010-1000-{i:04d})", "2020-03-01"])
    wb.save(path)
    return path


def _words(text: str) -> list[str]:
    """The words of a cell as the officer typed them (번지 is only a unit)."""
    return [
        w.removesuffix("번지") for w in re.split(r"[\s,()]+", text) if w and w.removesuffix("번지")
    ]


def _record_text(house: RegisterHouse) -> str:
    return "".join("".join((getattr(house, f) or "").split()) for f in _FIELDS)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    return read_register(_book(tmp_path_factory.mktemp("shapes") / "shapes.xlsx"))


def test_every_word_of_a_location_is_found_again(data) -> None:
    assert [h.row for h in data.houses] == list(range(2, 2 + len(LOCATIONS)))
    for house, location in zip(data.houses, LOCATIONS, strict=True):
        kept = _record_text(house)
        for word in _words(location):
            assert word in kept, (location, word, house)


def test_the_parts_are_recognised(data) -> None:
    by_cell = dict(zip(LOCATIONS, data.houses, strict=True))
    glued = by_cell["○○면 ○○길7"]
    assert (glued.eupmyeon, glued.road_address, glued.note) == ("○○면", "○○면 ○○길7", None)
    mountain = by_cell["부귀면 봉암리 산 45-2"]
    assert (mountain.ri, mountain.jibun) == ("봉암리", "산45-2")
    bracketed = by_cell["진안군 백운면 노촌1길 4 (노촌리)"]
    assert (bracketed.sigun, bracketed.ri) == ("진안군", "노촌리")
    assert bracketed.road_address == "진안군 백운면 노촌1길 4 (노촌리)"
    both = by_cell["백운면 노촌리 노촌길 12"]
    assert (both.ri, both.road_address) == ("노촌리", "백운면 노촌리 노촌길 12")
    lots = by_cell["백운면 노촌리 123 외 1필지"]
    assert (lots.jibun, lots.note) == ("123", "위치: 외 1필지")
    building = by_cell["용담면 옥거리 312-1 행복빌라 101호"]
    assert building.jibun == "312-1"
    assert building.note == "운영자: 010-9999-8888; 위치: 행복빌라 101호"  # both kept
    remark = by_cell["상전면 용평리 215 (구 마을회관)"]
    assert remark.note == "위치: (구 마을회관)"


def test_what_goes_to_the_note_is_warned_with_its_row_and_text(data) -> None:
    warnings = {(p.row, p.column): p.message_ko for p in data.problems if not p.is_refusal}
    row = 2 + LOCATIONS.index("백운면 노촌리 123 외 1필지")
    assert warnings[(row, "위치")] == "주소에서 나누지 못한 부분을 비고에 적었습니다: '외 1필지'"
    kept_in_note = [h for h in data.houses if h.note and "위치: " in h.note]
    assert len(kept_in_note) == sum(1 for (_r, c) in warnings if c == "위치")
    assert not data.refusals


def test_operators_and_owners_become_a_name_and_a_phone(data) -> None:
    first = data.houses[0]
    assert (first.operator, first.operator_phone) == ("노촌마을협의회", "010-1234-5678")
    assert (first.owner, first.owner_phone) == ("김소유0", "010-1000-0000")
    local = data.houses[1]
    assert (local.operator, local.operator_phone) == ("○○마을회", "123-4567")
    representative = data.houses[6]
    assert representative.operator == "반월마을회(이장 김반월)"
    assert representative.operator_phone == "010-6666-7777"
    assert (data.houses[7].operator, data.houses[7].operator_phone) == ("진안군 (직영)", None)
    only_phone = data.houses[8]
    assert only_phone.operator is None
    assert only_phone.note is not None and "운영자: 010-9999-8888" in only_phone.note
    warned = [p for p in data.problems if p.row == only_phone.row and p.column == "운영자"]
    assert warned and "010-9999-8888" in warned[0].message_ko


def test_a_part_that_disagrees_with_its_own_column_is_kept(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["조성연도", "리", "위치"])
    ws.append([2020, "노촌리", "백운면 원촌리 123"])
    wb.save(tmp_path / "both.xlsx")
    data = read_register(tmp_path / "both.xlsx")
    house = data.houses[0]
    assert (house.ri, house.jibun, house.note) == ("노촌리", "123", "위치: 원촌리")
    assert [p.message_ko for p in data.problems if p.column == "위치"] == [
        "주소에서 나누지 못한 부분을 비고에 적었습니다: '원촌리'"
    ]
