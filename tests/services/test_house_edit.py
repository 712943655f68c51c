"""Houses: add, edit, archive and restore, with every house rule checked at entry."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from edit_fixtures import TODAY, count_rows, good_house
from sqlalchemy import select

from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.storage.models import AuditEvent, House, RuleOverride


def test_new_form_has_the_county_and_a_free_code(svc):
    form = svc.house_edit.new_form(2026)
    assert (form.sido, form.sigun, form.program_year) == ("전북특별자치도", "진안군", 2026)
    assert form.code == "진안-2026-02"  # 진안-2026-01 is the demo's house under works


def test_adding_a_house_writes_it_with_an_audit_event(svc):
    saved = svc.house_edit.save(good_house(svc))
    rows = {r.id: r for r in svc.houses.list_houses()}
    row = rows[saved.id]
    assert row.code == "진안-2026-02"
    assert row.status is HouseStatus.BUILDING  # derived: no completion yet
    assert row.address == "용담면 옥거리 123"
    with svc.ctx.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity_uid == saved.uid)).one()
        assert (event.action, event.actor) == ("create", "officer")
        assert event.changes["rooms"] == [None, 3]


def test_refusals_write_nothing_and_name_each_field(svc):
    houses, events = count_rows(svc, House), count_rows(svc, AuditEvent)
    form = good_house(svc, code="", floor_area_m2=Decimal("-3"), rooms=-1, build_year=3020,
                 development_type=None)  # fmt: skip
    with pytest.raises(FormRefused) as err:
        svc.house_edit.save(form, accepted_warnings={"rooms_min": "x"})
    fields = {r.field for r in err.value.results}
    assert {"code", "floor_area_m2", "rooms", "build_year", "development_type"} <= fields
    assert "관리번호" in err.value.message and "음수" in err.value.message
    assert (count_rows(svc, House), count_rows(svc, AuditEvent)) == (houses, events)


def test_duplicate_code_is_refused(svc):
    existing = svc.houses.list_houses()[0]
    with pytest.raises(FormRefused) as err:
        svc.house_edit.save(good_house(svc, code=existing.code))
    assert err.value.results[0].field == "code"
    assert "이미 다른 귀농인의 집" in err.value.message


@pytest.mark.parametrize(
    ("changes", "rule", "source"),
    [
        ({"rooms": 1}, "rooms_min", "운영계획서 4-가"),
        ({"eupmyeon": "진안동"}, "location_eupmyeon", "시행지침 Ⅱ-4"),
        ({"floor_area_m2": Decimal("0")}, "zero_area", "자료 검증"),
        ({"floor_area_m2": Decimal("2500")}, "floor_area_max", "시행지침 Ⅲ-1"),
    ],
)
def test_each_house_rule_warns_with_its_source(svc, changes, rule, source):
    houses = count_rows(svc, House)
    with pytest.raises(WarningsPending) as err:
        svc.house_edit.save(good_house(svc, **changes))
    assert err.value.rules() == [rule]
    assert err.value.results[0].source.startswith(source)
    assert count_rows(svc, House) == houses


def test_accepted_warning_keeps_the_reason_and_its_audit_event(svc):
    form = good_house(svc, rooms=1)
    with pytest.raises(WarningsPending):  # a blank reason is no reason
        svc.house_edit.save(form, accepted_warnings={"rooms_min": "   "})
    saved = svc.house_edit.save(form, accepted_warnings={"rooms_min": "부부 단위 입주 전용"})
    assert saved.overrides == 1
    with svc.ctx.read() as s:
        override = s.scalars(select(RuleOverride)).one()
        assert (override.entity, override.entity_uid) == ("house", saved.uid)
        assert (override.rule, override.value, override.limit) == ("rooms_min", "1", "2")
        assert override.reason == "부부 단위 입주 전용"
        assert override.actor == "officer"
        assert "운영계획서 4-가" in override.message
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity_uid == override.uid)).one()
        assert event.entity == "rule_override"
        assert event.changes["reason"] == [None, "부부 단위 입주 전용"]
    # the same warning for the same value is not asked again; a new value is
    svc.house_edit.save(replace(svc.house_edit.load(saved.id), note="마을회관 옆"))
    with pytest.raises(WarningsPending):
        svc.house_edit.save(replace(svc.house_edit.load(saved.id), rooms=0))


def test_county_rule_value_of_the_program_year_applies(svc):
    svc.rule_values.save(2026, {"rooms_min": "3"}, {"rooms_min": "군 운영지침 2026-1호"})
    with pytest.raises(WarningsPending) as err:
        svc.house_edit.save(good_house(svc, rooms=2))
    message = err.value.results[0].message
    assert "2026년 시·군 설정값 3개" in message and "지침 기본값 2개" in message
    # a house of an earlier program year keeps the rule of its year
    svc.house_edit.save(good_house(svc, rooms=2, program_year=2025, code="진안-2025-09"))


def test_rent_limit_set_by_the_county_warns(svc):
    svc.rule_values.save(2026, {"rent_max": "150000"})
    with pytest.raises(WarningsPending) as err:
        svc.house_edit.save(good_house(svc, monthly_rent=200_000))
    assert err.value.rules() == ["rent_max"]


def test_editing_changes_only_what_changed(svc):
    target = svc.houses.list_houses()[1]
    form = svc.house_edit.load(target.id)
    svc.house_edit.save(replace(form, structure="조적조(보강)"))
    with svc.ctx.read() as s:
        event = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_uid == target.uid)
            .order_by(AuditEvent.id.desc())
        ).first()
        assert event.action == "update"
        assert event.changes == {"structure": ["조적조", "조적조(보강)"]}


def test_archive_and_restore(svc):
    target = svc.houses.list_houses()[0]
    with pytest.raises(FormRefused):
        svc.house_edit.archive(target.id, "  ")
    svc.house_edit.archive(target.id, "관리기간 종료 후 소유주에게 반환")
    assert target.id not in {r.id for r in svc.houses.list_houses()}
    archived = {r.id: r for r in svc.houses.list_houses(include_archived=True)}[target.id]
    assert archived.archived
    svc.house_edit.restore(target.id)
    assert target.id in {r.id for r in svc.houses.list_houses()}
    with svc.ctx.read() as s:
        actions = s.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_uid == target.uid)
            .order_by(AuditEvent.id)
        ).all()
        assert actions[-2:] == ["archive", "restore"]
        house = s.get(House, target.id)
        assert house.archived_at is None and house.archive_reason is None


def test_cancelled_status_comes_from_the_cancellation_date(svc):
    target = next(r for r in svc.houses.list_houses() if r.status is HouseStatus.VACANT)
    form = svc.house_edit.load(target.id)
    svc.house_edit.save(replace(form, cancelled_on=TODAY), accepted_warnings={"rooms_min": "-"})
    row = {r.id: r for r in svc.houses.list_houses()}[target.id]
    assert row.status is HouseStatus.CANCELLED


def test_overview_lists_the_overrides_of_the_house(svc):
    saved = svc.house_edit.save(good_house(svc, rooms=1), accepted_warnings={"rooms_min": "부부용"})
    lines = svc.house_edit.overrides(saved.id)
    assert [(line.rule, line.reason) for line in lines] == [("rooms_min", "부부용")]


def test_a_viewer_may_not_change_houses(svc):
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.errors import Refusal
    from gwinong_desktop.services.context import ServiceContext
    from gwinong_desktop.services.house_edit import HouseEditService

    viewer = HouseEditService(ServiceContext(svc.ctx.db, "열람자", Role.VIEWER))
    houses = count_rows(svc, House)
    with pytest.raises(Refusal):
        viewer.save(good_house(svc))
    assert count_rows(svc, House) == houses
