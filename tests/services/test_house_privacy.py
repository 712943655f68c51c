"""People in the house detail and lease lines are shown in full only to roles that may see
personal data; a 열람 account sees them masked (output limited to what is needed)."""

from __future__ import annotations

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import Database


def _house_with_people(services: Services) -> int:
    for row in services.houses.list_houses():
        detail = services.houses.detail(row.id)
        if detail.stays and detail.leases and detail.leases[-1].owner:
            return row.id
    raise AssertionError("the demo county has a house with residents and an owner")


def _as(db: Database, role: Role) -> Services:
    return Services.over(db, Actor(username=f"{role.value}1", display_name="김민지", role=role))


def test_viewer_sees_residents_and_owners_masked(county_db: Database) -> None:
    officer = _as(county_db, Role.OFFICER)
    viewer = _as(county_db, Role.VIEWER)
    house_id = _house_with_people(officer)
    full = officer.houses.detail(house_id)
    masked = viewer.houses.detail(house_id)
    for shown, hidden in zip(full.stays, masked.stays, strict=True):
        assert "*" not in shown.resident
        assert hidden.resident != shown.resident
        assert hidden.resident[0] == shown.resident[0] and "*" in hidden.resident
    assert "*" in masked.leases[-1].owner and "*" not in full.leases[-1].owner


def test_viewer_sees_lease_owners_masked(county_db: Database) -> None:
    officer = _as(county_db, Role.OFFICER)
    viewer = _as(county_db, Role.VIEWER)
    house_id = _house_with_people(officer)
    full = officer.leases.for_house(house_id)
    masked = viewer.leases.for_house(house_id)
    assert [r.owner_name for r in full] != [r.owner_name for r in masked]
    assert all("*" in r.owner_name for r in masked if r.owner_name)
    assert all(r.owner_phone == "" or "*" in r.owner_phone for r in masked)


def _views(services: Services) -> list[tuple[str, str | None, str | None]]:
    from sqlalchemy import select

    from gwinong_desktop.storage.models import AuditEvent

    with services.ctx.read() as session:
        return [
            tuple(r)
            for r in session.execute(
                select(AuditEvent.actor, AuditEvent.entity_uid, AuditEvent.summary).where(
                    AuditEvent.action == "view", AuditEvent.entity == "owner"
                )
            )
        ]


def test_seeing_an_owner_in_full_is_an_access_record(county_db: Database) -> None:
    officer = _as(county_db, Role.OFFICER)
    house_id = _house_with_people(officer)
    before = _views(officer)
    records = officer.leases.for_house(house_id)
    after = _views(officer)
    owners = {r.owner_id for r in records if r.owner_id is not None}
    assert len(after) - len(before) == len(owners) >= 1
    assert all(actor == "officer1" for actor, _, _ in after[len(before) :])
    officer.leases.owners()
    assert any(summary and "소유주 목록" in summary for _, _, summary in _views(officer))


def test_a_masked_view_is_not_recorded_as_a_personal_data_view(county_db: Database) -> None:
    viewer = _as(county_db, Role.VIEWER)
    house_id = _house_with_people(_as(county_db, Role.OFFICER))
    before = len(_views(viewer))
    viewer.leases.for_house(house_id)
    assert len(_views(viewer)) == before
