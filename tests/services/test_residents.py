"""Residents through the service: masked for 열람, full views recorded, a person's page, the
household edited in one unit, the registration number only where needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor, NotPermitted
from gwinong_desktop.services import Services
from gwinong_desktop.services.privacy import HIDDEN_RRN
from gwinong_desktop.services.residents import MemberForm
from gwinong_desktop.services.rule_gate import FormRefused
from gwinong_desktop.storage import fieldcrypt
from gwinong_desktop.storage.database import Database
from gwinong_desktop.storage.models import AuditEvent, HouseholdMember


def _as(db: Database, role: Role) -> Services:
    return Services.over(db, Actor(username=f"{role.value}1", display_name="김민지", role=role))


def _views(services: Services) -> list[tuple[str | None, str]]:
    with services.ctx.read() as s:
        return [
            (uid, summary)
            for uid, summary in s.execute(
                select(AuditEvent.entity_uid, AuditEvent.summary).where(AuditEvent.action == "view")
            )
        ]


def test_lists_are_masked_for_a_viewer_and_a_full_list_is_recorded(county_db: Database) -> None:
    officer, viewer = _as(county_db, Role.OFFICER), _as(county_db, Role.VIEWER)
    before = len(_views(officer))
    full, masked = officer.stays.list_stays(), viewer.stays.list_stays()
    assert [r.id for r in full] == [r.id for r in masked]
    assert all("*" not in r.name for r in full)
    assert all("*" in r.name for r in masked)
    assert all(r.phone == "" or "*" in r.phone for r in masked)
    views = _views(officer)[before:]
    assert len(views) == 1 and "입주 현황 목록" in views[0][1]
    people = viewer.residents.list_residents()
    assert people and all("*" in p.name for p in people)
    assert len(_views(officer)) == before + 1  # masked lists are not personal data views


def test_a_persons_page_is_full_and_recorded_for_an_officer_masked_for_a_viewer(
    county_db: Database,
) -> None:
    officer, viewer = _as(county_db, Role.OFFICER), _as(county_db, Role.VIEWER)
    person = officer.residents.list_residents()[0]
    before = len(_views(officer))
    page = officer.residents.detail(person.id)
    assert page.full and page.name == person.name and page.stays
    assert all(s.resident_id == person.id for s in page.stays)
    assert [summary for _, summary in _views(officer)[before:]] == ["개인정보 열람: 입주자 정보"]
    hidden = viewer.residents.detail(person.id)
    assert not hidden.full and hidden.name != page.name and "*" in hidden.name
    assert hidden.birth == "" or hidden.birth.endswith("**-**")
    assert len(_views(officer)) == before + 1
    with pytest.raises(NotPermitted):
        viewer.residents.load(person.id)


def test_editing_a_person_changes_the_household_in_one_unit(svc: Services) -> None:
    person = svc.residents.list_residents()[0]
    form = svc.residents.load(person.id)
    form.phone = "010-9999-0000"
    form.members = [MemberForm("김하나", "배우자", date(1985, 2, 3)), MemberForm("김둘", "자녀")]
    svc.residents.save(form)
    page = svc.residents.detail(person.id)
    assert page.phone == "010-9999-0000"
    assert [(m.name, m.relation) for m in page.members] == [("김하나", "배우자"), ("김둘", "자녀")]
    again = svc.residents.load(person.id)
    again.members = again.members[:1]  # 김둘 moved away
    svc.residents.save(again)
    assert [m.name for m in svc.residents.detail(person.id).members] == ["김하나"]
    with svc.ctx.read() as s:
        kept = s.scalars(select(HouseholdMember).where(HouseholdMember.name == "김둘")).one()
        assert kept.archived_at is not None  # never deleted


def test_impossible_person_values_are_refused_and_nothing_written(svc: Services) -> None:
    person = svc.residents.list_residents()[0]
    form = svc.residents.load(person.id)
    form.name, form.birth_date, form.education_hours = " ", date(2031, 1, 1), -3
    form.members = [MemberForm("", "자녀")]
    with pytest.raises(FormRefused) as err:
        svc.residents.save(form)
    fields = {r.field for r in err.value.results}
    assert {"name", "birth_date", "education_hours", "members.1.name"} <= fields
    assert svc.residents.detail(person.id).name == person.name


def test_the_registration_number_is_kept_masked_and_revealed_on_record(
    county_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "keys"))
    officer, viewer = _as(county_db, Role.OFFICER), _as(county_db, Role.VIEWER)
    person = officer.residents.list_residents()[0]
    assert officer.residents.masked_rrn(person.id) is None
    officer.residents.store_rrn(person.id, "780514-1234567")
    assert officer.residents.detail(person.id).rrn == "780514-1******"
    assert viewer.residents.detail(person.id).rrn == HIDDEN_RRN
    assert officer.residents.reveal_rrn(person.id) == "780514-1234567"
    assert "주민등록번호 전체 열람" in _views(officer)[-1][1]
    with pytest.raises(NotPermitted):
        viewer.residents.reveal_rrn(person.id)
    officer.residents.store_rrn(person.id, None)
    assert officer.residents.masked_rrn(person.id) is None
