"""A real county's public list through the service: it imports whole, once, or says why once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from exchange.workbooks import COUNTY_LIST_OTHER_ROWS, COUNTY_LIST_ROWS, county_list_book
from sqlalchemy import func, select

from gwinong_desktop.exchange.mapping import FACILITY
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.register import (
    KEEP,
    SKIP,
    ImportChoices,
    RegisterRefused,
    RegisterService,
)
from gwinong_desktop.services.register.decisions import TOPIC_COUNTY, TOPIC_OTHER_KINDS
from gwinong_desktop.services.settings_values import CountyProfile, CountyProfileService
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.models import AuditEvent, House, Operator, Owner

FIELDS = ("sido", "sigun", "eupmyeon", "ri", "jibun", "road_address", "note")


@pytest.fixture
def db(tmp_path: Path, new_folder: Callable[[Path], Path]) -> Iterator[Database]:
    with open_database(new_folder(tmp_path / "data"), purpose="test") as database:
        yield database


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return county_list_book(tmp_path / "진안군 귀농인의 집 현황.xlsx")


def _service(db: Database) -> RegisterService:
    return RegisterService(ServiceContext(db, "test"))


def _set_profile(db: Database) -> None:
    CountyProfileService(ServiceContext(db, "test")).save(
        CountyProfile(county="진안군", province="전라북도")
    )


def _count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_kind_of_facility_is_told_by_the_values(db: Database, book: Path) -> None:
    service = _service(db)
    mapping = service.mapping_for(service.inspect(book))
    sheet = mapping.sheets[0]
    assert (sheet.kind, sheet.header_row) == ("house", 2)
    assert sheet.targets == [
        FACILITY, "program_year", "location", "operator", "floor_area_m2", "structure",
    ]  # fmt: skip


def test_without_a_profile_and_a_decision_it_says_each_once(db: Database, book: Path) -> None:
    with pytest.raises(RegisterRefused) as caught:
        _service(db).import_file(book)
    refusals = caught.value.plan.refusals
    assert [p.topic for p in refusals] == [TOPIC_OTHER_KINDS, TOPIC_COUNTY]  # no row refused
    other, county = refusals
    assert other.column == "구분" and other.row is None
    assert "'귀농인쉼터' 4개(8, 11, 16, 22행)" in other.message_ko
    assert "빼고 가져올지" in other.message_ko
    assert "18개 행 모두의 시도·시군을 알 수 없습니다" in county.message_ko
    assert "설정 › 시·군 정보" in county.message_ko
    assert (_count(db, House), _count(db, AuditEvent)) == (0, 0)


def _words(text: str) -> list[str]:
    return [w.removesuffix("번지") for w in re.split(r"[\s,()]+", text) if w.removesuffix("번지")]


def test_the_list_comes_in_whole_and_only_once(db: Database, book: Path) -> None:
    _set_profile(db)
    service = _service(db)
    choices = ImportChoices(other_kinds=SKIP)
    plan = service.plan(service.read(book), book.name, choices)
    assert not plan.refused
    rows = {h.code: h.row for h in plan.houses}
    summary = service.import_file(book, choices=choices)
    assert summary.counts.houses_new == len(COUNTY_LIST_ROWS) - 4 == 18
    assert summary.counts.other_kinds_left_out == 4
    assert "귀농인의 집이 아닌 시설 4행은 뺌" in summary.describe()
    stored = service.collect().houses
    assert {h.code for h in stored} == set(rows)
    for house in stored:
        source = COUNTY_LIST_ROWS[rows[house.code] - 3]
        kept = "".join("".join((getattr(house, f) or "").split()) for f in FIELDS)
        for word in _words(source[2]):
            assert word in kept, (source[2], word)
        assert (house.sido, house.sigun) == ("전북특별자치도", "진안군")
        assert house.structure == source[5]
        assert house.operator is not None and not re.search(r"\d{3,4}-\d{4}", house.operator)
    assert not set(rows.values()) & set(COUNTY_LIST_OTHER_ROWS)
    with db.sessions() as session:
        phones = dict(session.execute(select(Operator.name, Operator.phone)).all())
    assert phones["노촌마을협의회"] == "010-1234-5678"
    assert phones["원평지마을회"] == "432-7788"
    assert phones["봉암마을회"] == "433-2222"
    assert phones["진안군귀농귀촌협의회"] == "063-430-2345"
    assert phones["반월마을회(이장 김반월)"] == "010-6666-7777"
    assert phones["진안군 (직영)"] is None
    before = (_count(db, House), _count(db, Operator), _count(db, Owner))
    again = service.import_file(book, choices=choices)
    assert (again.counts.houses_new, again.counts.houses_known) == (0, 18)
    assert (_count(db, House), _count(db, Operator), _count(db, Owner)) == before


def test_the_other_kind_can_come_in_with_its_kind_kept(db: Database, book: Path) -> None:
    service = _service(db)
    choices = ImportChoices(other_kinds=KEEP, sido="전북특별자치도", sigun="진안군")
    summary = service.import_file(book, choices=choices)
    assert summary.counts.houses_new == 22
    kept = [h for h in service.collect().houses if h.note and "시설 종류: 귀농인쉼터" in h.note]
    assert len(kept) == 4
    assert {h.sigun for h in service.collect().houses} == {"진안군"}
    warning = next(p for p in summary.warnings if p.topic == TOPIC_OTHER_KINDS)
    assert "함께" not in warning.message_ko and "이 행들도 가져오고" in warning.message_ko
    again = service.import_file(book, choices=choices)
    assert (again.counts.houses_new, again.counts.houses_known) == (0, 22)


def test_another_phone_for_the_same_operator_is_kept_in_the_note(
    db: Database, tmp_path: Path
) -> None:
    _set_profile(db)
    service = _service(db)
    first = [
        ["귀농인의집", 2016, "백운면 노촌길 4", "노촌마을회 (010-1234-5678)", 62.8, "방2"],
        ["귀농인의집", 2017, "백운면 노촌길 6", "노촌마을회 (010 1234 5678)", 60, "방2"],
        ["귀농인의집", 2018, "백운면 노촌길 8", "노촌마을회 (063-432-1111)", 60, "방2"],
    ]
    summary = service.import_file(county_list_book(tmp_path / "a.xlsx", first))
    assert summary.counts.operators_new == 1
    warned = [p for p in summary.warnings if p.column == "운영자"]
    assert [(p.row, p.message_ko) for p in warned] == [
        (
            5,
            "운영자 '노촌마을회'은(는) 이미 전화번호 '010-1234-5678' 있어, 이 행의 번호는 "
            "비고에 적었습니다: '063-432-1111'",
        ),
    ]  # the same number written another way is the same number
    later = [["귀농인의집", 2019, "백운면 노촌길 10", "노촌마을회 ☎ 432-2222", 60, "방2"]]
    service.import_file(county_list_book(tmp_path / "b.xlsx", later))
    notes = {h.road_address: h.note for h in service.collect().houses}
    assert notes["백운면 노촌길 8"] == "운영자 연락처: 063-432-1111"
    assert notes["백운면 노촌길 10"] == "운영자 연락처: 432-2222"
    assert notes["백운면 노촌길 4"] is None
    with db.sessions() as session:
        assert session.scalar(select(Operator.phone)) == "010-1234-5678"
