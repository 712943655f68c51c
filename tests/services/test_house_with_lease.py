"""A new house with its owner lease, in one unit of work: both are written, or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from edit_fixtures import count_rows, good_house
from sqlalchemy import select

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import LeaseKind
from gwinong_desktop.services import Services
from gwinong_desktop.services.leases import LeaseForm, OwnerForm
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.storage.models import AuditEvent, House, Lease, Owner, RuleOverride


def _lease(**changes) -> LeaseForm:
    values = dict(
        house_id=0, start_on=date(2026, 3, 1), end_on=date(2033, 2, 28), annual_rent=1_200_000,
        owner=OwnerForm(name="정순례", address="진안군 용담면 옥거리 55", phone="010-1234-5678"),
    )  # fmt: skip
    values.update(changes)
    return LeaseForm(**values)


def _written(svc: Services) -> tuple[int, ...]:
    return tuple(count_rows(svc, model) for model in (House, Lease, Owner, AuditEvent))


def test_the_house_and_its_lease_are_written_together(svc):
    saved = svc.house_edit.save_with_lease(good_house(svc), _lease())
    assert saved.changes == Changes.of(Kind.HOUSES, Kind.LEASES)  # what the unit wrote
    (lease,) = svc.leases.for_house(saved.id)
    assert (lease.kind, lease.start_on, lease.end_on) == (
        LeaseKind.LEASE, date(2026, 3, 1), date(2033, 2, 28),
    )  # fmt: skip
    assert (lease.owner_name, lease.annual_rent) == ("정순례", 1_200_000)
    with svc.ctx.read() as s:
        assert s.get(House, saved.id).code == "진안-2026-02"


def test_no_lease_saves_the_house_alone(svc):
    houses, leases, _, _ = _written(svc)
    saved = svc.house_edit.save_with_lease(good_house(svc), None)
    assert saved.changes == Changes.of(Kind.HOUSES)
    assert svc.leases.for_house(saved.id) == []
    assert (count_rows(svc, House), count_rows(svc, Lease)) == (houses + 1, leases)


def test_a_refused_lease_writes_no_house_either(svc):
    before = _written(svc)
    lease = _lease(owner=OwnerForm(), end_on=date(2025, 2, 28))  # no owner; ends before it starts
    with pytest.raises(FormRefused) as err:
        svc.house_edit.save_with_lease(good_house(svc, rooms=-1), lease)
    fields = {r.field for r in err.value.results}
    assert {"rooms", "lease_owner_name", "lease_end_on"} <= fields  # house and lease at once
    owner = next(r for r in err.value.results if r.field == "lease_owner_name")
    assert "소유주" in owner.message and "무상제공" in owner.message
    assert _written(svc) == before


def test_a_refused_house_writes_no_lease_either(svc):
    before = _written(svc)
    with pytest.raises(FormRefused) as err:
        svc.house_edit.save_with_lease(good_house(svc, eupmyeon=""), _lease())
    assert [r.field for r in err.value.results] == ["eupmyeon"]
    assert _written(svc) == before


def test_a_free_provision_by_the_county_needs_no_owner(svc):
    lease = _lease(kind=LeaseKind.FREE, owner=OwnerForm(), end_on=None, annual_rent=None)
    saved = svc.house_edit.save_with_lease(good_house(svc), lease)
    (row,) = svc.leases.for_house(saved.id)
    assert (row.kind, row.owner_id, row.end_on) == (LeaseKind.FREE, None, None)


def test_a_short_lease_warns_with_its_rule_and_the_reason_is_kept_for_the_lease(svc):
    form, lease = good_house(svc, rooms=1), _lease(end_on=date(2031, 2, 28))  # 5 years
    before = _written(svc)
    with pytest.raises(WarningsPending) as err:
        svc.house_edit.save_with_lease(form, lease)
    assert _written(svc) == before
    by_rule = {r.rule: r for r in err.value.results}
    assert set(by_rule) == {"rooms_min", "lease_min_years"}
    short = by_rule["lease_min_years"]
    assert short.field == "lease_end_on" and "7년 미만" in short.message
    assert short.source == "시행지침 Ⅱ-4 지원 대상지역 요건"
    reasons = {"rooms_min": "가족 없는 1인 입주용", "lease_min_years": "소유주 사정, 5년 후 재계약"}
    saved = svc.house_edit.save_with_lease(form, lease, accepted_warnings=reasons)
    assert saved.overrides == 2
    assert saved.changes == Changes.of(Kind.HOUSES, Kind.LEASES, Kind.RULES)  # + the reasons
    (lease_row,) = svc.leases.for_house(saved.id)
    with svc.ctx.read() as s:
        kept = {
            (o.entity, o.rule): (o.entity_uid, o.reason)
            for o in s.scalars(select(RuleOverride)).all()
        }
        lease_uid = s.get(Lease, lease_row.id).uid
    assert kept[("house", "rooms_min")] == (saved.uid, "가족 없는 1인 입주용")
    assert kept[("lease", "lease_min_years")] == (lease_uid, "소유주 사정, 5년 후 재계약")


def test_an_existing_owner_is_picked_not_copied(svc):
    owner = svc.leases.owners()[0]
    owners = count_rows(svc, Owner)
    lease = _lease(owner=OwnerForm(name=owner.name, address=owner.address, id=owner.id))
    saved = svc.house_edit.save_with_lease(good_house(svc), lease)
    assert svc.leases.for_house(saved.id)[0].owner_id == owner.id
    assert count_rows(svc, Owner) == owners


def test_a_lease_given_to_an_existing_house_may_not_overlap_its_leases(svc):
    house = next(h for h in svc.houses.list_houses() if svc.leases.for_house(h.id))
    first = svc.leases.for_house(house.id)[0]
    form = svc.house_edit.load(house.id)
    with pytest.raises(FormRefused) as err:
        svc.house_edit.save_with_lease(form, _lease(start_on=first.start_on, end_on=None))
    assert any(r.field == "lease_start_on" and "겹칩니다" in r.message for r in err.value.results)


def test_a_table_the_changes_do_not_know_yet_reloads_everything(svc, monkeypatch):
    """A table added without its kind (a test keeps KIND_OF_TABLE complete) never fails a save:
    every page loads again instead."""
    from gwinong_desktop.domain import changes

    known = {k: v for k, v in changes.KIND_OF_TABLE.items() if k != "house"}
    monkeypatch.setattr(changes, "KIND_OF_TABLE", known)
    saved = svc.house_edit.save_with_lease(good_house(svc), None)
    assert saved.changes == Changes.everything()
