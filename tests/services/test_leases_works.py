"""Owners and leases (renewals, scanned documents) and works with their funding, at entry."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import AttachmentKind, DevelopmentType, FundingSource, LeaseKind
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.leases import LeaseForm, OwnerForm
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.services.works import (
    LINE_REMOVED,
    DevelopmentForm,
    ObligationLine,
    OwnPaymentLine,
)
from gwinong_desktop.storage.models import (
    Attachment,
    AuditEvent,
    Lease,
    Obligation,
    Owner,
    OwnFundPayment,
    RuleOverride,
)


def _house(svc: Services, kind: DevelopmentType = DevelopmentType.REPAIR):
    return next(r for r in svc.houses.list_houses() if r.development_type is kind)


def _count(svc: Services, model) -> int:
    with svc.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _scan(tmp_path, name: str = "임대차계약서.pdf", body: bytes = b"%PDF-1.4 scan") -> PendingFile:
    path = tmp_path / name
    path.write_bytes(body)
    return PendingFile(AttachmentKind.LEASE_CONTRACT, path)


# --- leases ---------------------------------------------------------------------------------


def test_a_short_lease_warns_with_its_rule_and_source(svc):
    house = _house(svc)
    owner = OwnerForm(name="정순례", address="진안군 용담면", phone="010-1111-2222")
    form = LeaseForm(
        house_id=house.id, start_on=date(2026, 3, 1), end_on=date(2031, 2, 28), owner=owner
    )
    leases = _count(svc, Lease)
    with pytest.raises(WarningsPending) as err:
        svc.leases.save(form)
    result = err.value.results[0]
    assert result.rule == "lease_min_years"
    assert result.source == "시행지침 Ⅱ-4 지원 대상지역 요건"
    assert "7년 미만" in result.message and "2033.2.28." in result.message
    assert _count(svc, Lease) == leases
    saved = svc.leases.save(
        form, accepted_warnings={"lease_min_years": "소유주 사정, 5년 후 재계약"}
    )
    with svc.ctx.read() as s:
        lease = s.get(Lease, saved.id)
        assert lease.owner.name == "정순례"
        override = s.scalars(select(RuleOverride).where(RuleOverride.entity == "lease")).one()
        assert override.entity_uid == saved.uid and override.value == "2031.2.28."


def test_end_before_start_is_refused_and_nothing_written(svc, tmp_path):
    house = _house(svc)
    form = LeaseForm(house_id=house.id, start_on=date(2026, 3, 1), end_on=date(2025, 2, 28),
                     owner=OwnerForm(name="새 소유주"))  # fmt: skip
    owners, events = _count(svc, Owner), _count(svc, AuditEvent)
    with pytest.raises(FormRefused) as err:
        svc.leases.save(form, files=[_scan(tmp_path)])
    assert err.value.results[0].field == "end_on"
    assert "빠릅니다" in err.value.message
    assert (_count(svc, Owner), _count(svc, AuditEvent)) == (owners, events)
    assert not list((svc.ctx.db.folder.root / "attachments").rglob("*scan*"))


def test_free_provision_and_rental_houses_need_no_seven_years(svc):
    house = _house(svc)
    free = svc.leases.save(
        LeaseForm(house_id=house.id, kind=LeaseKind.FREE, start_on=date(2026, 1, 1))
    )
    rental = _house(svc, DevelopmentType.RENTAL)
    two_years = LeaseForm(
        house_id=rental.id, start_on=date(2027, 4, 1), end_on=date(2029, 3, 31),
        owner=OwnerForm(name="임대인 김씨"),
    )  # fmt: skip
    leased = svc.leases.save(two_years)
    # saved at once: no warning was gone past, none recorded
    assert free.overrides == leased.overrides == 0
    with svc.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(RuleOverride).where(
            RuleOverride.entity_uid.in_([free.uid, leased.uid]))) == 0  # fmt: skip
    saved = {r.id: r for r in svc.leases.for_house(house.id) + svc.leases.for_house(rental.id)}
    assert (saved[free.id].kind, saved[free.id].start_on, saved[free.id].end_on) == (
        LeaseKind.FREE, date(2026, 1, 1), None)  # fmt: skip
    assert (saved[leased.id].start_on, saved[leased.id].end_on) == (
        date(2027, 4, 1), date(2029, 3, 31))  # fmt: skip
    # the same two years on another house the county repaired is held back by the 7-year rule
    other = next(
        r for r in svc.houses.list_houses()
        if r.development_type is DevelopmentType.REPAIR and r.id != house.id
    )  # fmt: skip
    with pytest.raises(WarningsPending) as err:
        svc.leases.save(replace(two_years, house_id=other.id))
    assert [r.rule for r in err.value.results] == ["lease_min_years"]


def test_renewal_is_a_new_lease_and_the_old_one_stays(svc):
    house = _house(svc)  # its lease ended 2022.2.28.
    first = svc.leases.save(
        LeaseForm(house_id=house.id, start_on=date(2023, 3, 1), end_on=date(2028, 2, 29),
                  owner=OwnerForm(name="이갑순")),
        accepted_warnings={"lease_min_years": "첫 계약 5년"},
    )  # fmt: skip
    renewal = svc.leases.renewal_of(first.id)
    assert (renewal.start_on, renewal.end_on) == (date(2028, 3, 1), date(2033, 2, 28))
    assert renewal.owner.name == "이갑순" and renewal.renews_lease_id == first.id
    # the chain 2023.3.1.~2033.2.28. is ten years: no warning for the renewal
    second = svc.leases.save(renewal)
    records = {r.id: r for r in svc.leases.for_house(house.id)}
    assert records[first.id].end_on == date(2028, 2, 29)
    assert records[first.id].renewed_by_id == second.id
    assert records[second.id].renews_lease_id == first.id
    assert records[second.id].owner_id == records[first.id].owner_id


def test_a_renewal_overlapping_the_old_lease_is_refused_naming_its_period(svc):
    house = _house(
        svc, DevelopmentType.RENTAL
    )  # 진안-2021-01: three leases, the last to 2027.3.31.
    lease = svc.leases.for_house(house.id)[-1]
    form = svc.leases.renewal_of(lease.id)
    assert form.start_on == date(2027, 4, 1)  # the day after: fits
    leases, events = _count(svc, Lease), _count(svc, AuditEvent)
    with pytest.raises(FormRefused) as err:
        svc.leases.save(replace(form, start_on=lease.end_on))  # both periods hold 2027.3.31.
    (result,) = err.value.results
    assert result.rule == "overlap" and result.field == "start_on"
    assert "임대차계약(2025.4.1.~2027.3.31.)과 기간이 겹칩니다" in result.message
    assert "시작일은 2027.4.1. 이후" in result.message
    assert (_count(svc, Lease), _count(svc, AuditEvent)) == (leases, events)
    svc.leases.save(form)


def test_a_second_lease_overlapping_the_first_is_refused_and_nothing_written(svc):
    house = next(h for h in svc.houses.list_houses() if h.code == "진안-2024-01")
    (first,) = svc.leases.for_house(house.id)  # 2024.3.1.~2031.2.28.
    owners, leases = _count(svc, Owner), _count(svc, Lease)
    inside = LeaseForm(house_id=house.id, start_on=date(2026, 3, 1), end_on=date(2033, 2, 28),
                       owner=OwnerForm(name="새 소유주"))  # fmt: skip
    with pytest.raises(FormRefused) as err:
        svc.leases.save(inside)
    assert "다른 임대차계약(2024.3.1.~2031.2.28.)과" in err.value.message
    assert "2031.3.1. 이후" in err.value.message
    # one that ends inside the first: the end is what to fix
    before = replace(inside, start_on=date(2017, 3, 1), end_on=date(2024, 3, 1))
    with pytest.raises(FormRefused) as err:
        svc.leases.save(before)
    assert err.value.results[0].field == "end_on"
    assert "종료일은 2024.2.29. 이전" in err.value.message
    # an open-ended free provision overlaps everything after its start
    free = replace(inside, kind=LeaseKind.FREE, start_on=date(2010, 1, 1), end_on=None)
    with pytest.raises(FormRefused):
        svc.leases.save(free)
    assert (_count(svc, Owner), _count(svc, Lease)) == (owners, leases)
    # both ends are inclusive: the day after the first ends is free
    svc.leases.save(replace(inside, start_on=date(2031, 3, 1), end_on=date(2038, 2, 28)))
    # editing a lease does not compare it with itself
    svc.leases.save(replace(svc.leases.load(first.id), note="계약서 사본 확인"))


def test_a_lease_needs_an_owner_unless_it_is_a_free_provision(svc):
    house = _house(svc)  # its lease ended 2022.2.28.
    form = LeaseForm(house_id=house.id, start_on=date(2026, 3, 1), end_on=date(2033, 2, 28))
    leases = _count(svc, Lease)
    with pytest.raises(FormRefused) as err:
        svc.leases.save(form)
    (result,) = err.value.results
    assert result.field == "owner_name" and "소유주" in result.message
    assert _count(svc, Lease) == leases
    svc.leases.save(replace(form, kind=LeaseKind.FREE))  # the county's own: no owner


def test_restoring_an_archived_lease_that_now_overlaps_is_refused(svc):
    house = next(h for h in svc.houses.list_houses() if h.code == "진안-2024-01")
    (first,) = svc.leases.for_house(house.id)
    svc.leases.archive(first.id, "계약서 착오")
    replacement = svc.leases.new_form(house.id)
    assert replacement.start_on == date(2024, 3, 1)  # the archived one does not count
    svc.leases.save(replace(replacement, owner=OwnerForm(name="김정숙")))
    with pytest.raises(FormRefused) as err:
        svc.leases.restore(first.id)
    assert "2024.3.1.~2031.2.28." in err.value.message
    assert [r.archived for r in svc.leases.for_house(house.id, include_archived=True)].count(True)


def test_a_new_lease_starts_after_the_last_one_and_current_is_the_one_in_force(svc):
    house = _house(svc, DevelopmentType.RENTAL)  # 2021.4.1.~ in three leases to 2027.3.31.
    form = svc.leases.new_form(house.id)
    assert form.start_on == date(2027, 4, 1)
    current = svc.leases.current(house.id)  # on 2026.11.21.
    assert (current.start_on, current.end_on) == (date(2025, 4, 1), date(2027, 3, 31))
    svc.leases.save(replace(form, owner=OwnerForm(name="박영자")))
    assert svc.leases.current(house.id).start_on == date(2025, 4, 1)  # the next is to come
    expired = _house(svc)  # 진안-2015-01: its only lease ended 2022.2.28.
    assert svc.leases.current(expired.id).end_on == date(2022, 2, 28)


def test_attachment_is_stored_by_sha256(svc, tmp_path):
    house = _house(svc)
    body = b"%PDF-1.4 a lease contract scanned at the office"
    scan = _scan(tmp_path, body=body)
    consent = PendingFile(AttachmentKind.VACANT_HOUSE_CONSENT, _scan(tmp_path, "승인서.jpg",
                          b"\xff\xd8\xff jpeg").path)  # fmt: skip
    form = LeaseForm(house_id=house.id, kind=LeaseKind.FREE, start_on=date(2026, 1, 1))
    saved = svc.leases.save(form, files=[scan, consent])
    assert saved.changes == Changes.of(Kind.LEASES, Kind.DOCUMENTS)  # what the save touched
    sha = hashlib.sha256(body).hexdigest()
    with svc.ctx.read() as s:
        row = s.scalars(select(Attachment).where(Attachment.sha256 == sha)).one()
        assert (row.lease_id, row.house_id) == (saved.id, house.id)
        assert row.stored_path == f"attachments/{sha[:2]}/{sha}.pdf"
        assert row.original_name == "임대차계약서.pdf" and row.size_bytes == len(body)
        row_id = row.id
    path = svc.attachments.path_of(row_id)
    assert path.is_absolute() and path.read_bytes() == body
    names = {a.original_name for a in svc.attachments.for_house(house.id, lease_id=saved.id)}
    assert names == {"임대차계약서.pdf", "승인서.jpg"}
    assert svc.leases.for_house(house.id)[-1].attachment_count == 2


def test_a_file_that_is_not_a_scan_is_refused(svc, tmp_path):
    house = _house(svc)
    bad = PendingFile(AttachmentKind.OTHER, _scan(tmp_path, "setup.exe").path)
    with pytest.raises(FormRefused) as err:
        svc.attachments.attach(bad, house_id=house.id)
    assert "첨부할 수 있는 문서가 아닙니다" in err.value.message


def test_a_failed_save_removes_the_file_it_added(svc, tmp_path, monkeypatch):
    house = _house(svc)
    body = b"%PDF-1.4 never kept"

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr("gwinong_desktop.services.leases.record_overrides", broken)
    form = LeaseForm(house_id=house.id, kind=LeaseKind.FREE, start_on=date(2026, 1, 1))
    attachments = _count(svc, Attachment)
    with pytest.raises(RuntimeError):
        svc.leases.save(form, files=[_scan(tmp_path, body=body)])
    sha = hashlib.sha256(body).hexdigest()
    assert not (svc.ctx.db.folder.root / "attachments" / sha[:2] / f"{sha}.pdf").exists()
    assert _count(svc, Attachment) == attachments


# --- works and funding ----------------------------------------------------------------------


def _works(svc: Services, **changes) -> DevelopmentForm:
    form = svc.works.new_form(_house(svc).id)
    values = dict(
        title="빈집 수리", budget_national=15_000_000, budget_province=4_500_000,
        budget_county=10_500_000, budget_own=2_000_000, started_on=date(2026, 5, 1),
        planned_completion_on=date(2026, 10, 31), progress_pct=40,
        obligations=[
            ObligationLine(date(2026, 4, 20), 15_000_000, FundingSource.NATIONAL, "(주)진안건설"),
            ObligationLine(date(2026, 4, 20), 4_500_000, FundingSource.PROVINCE, "(주)진안건설"),
        ],
        own_payments=[OwnPaymentLine(date(2026, 5, 8), 1_000_000, "선급")],
    )  # fmt: skip
    values.update(changes)
    return replace(form, **values)


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"budget_national": 20_000_000, "budget_county": 15_500_000}, "support_per_house_max"),
        ({"budget_national": 10_000_000, "budget_county": 15_500_000}, "national_share_pct"),
        ({"completed_on": date(2026, 10, 1), "completion_reported_on": date(2026, 10, 20)},
         "completion_report_days"),
        ({"budget_own": 0}, "over_budget"),
    ],
)  # fmt: skip
def test_each_funding_rule_warns(svc, changes, rule):
    with pytest.raises(WarningsPending) as err:
        svc.works.save(_works(svc, **changes))
    assert rule in err.value.rules()


def test_the_split_warning_names_the_rule_and_its_source(svc):
    with pytest.raises(WarningsPending) as err:
        svc.works.save(_works(svc, budget_national=10_000_000, budget_county=15_500_000))
    result = err.value.results[0]
    assert result.source == "시행지침 Ⅱ-5 재원 및 지원기준"
    assert "국비가 지원액의 50%가 아닙니다" in result.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_county": -1}, "budget_county"),
        ({"progress_pct": 120}, "progress_pct"),
        ({"completed_on": date(2026, 4, 1)}, "completed_on"),
        ({"obligations": [ObligationLine(date(2026, 4, 1), 1, FundingSource.OWN)]},
         "obligations.0.source"),
        ({"own_payments": [OwnPaymentLine(None, -5)]}, "own_payments.0.amount"),
    ],
)  # fmt: skip
def test_impossible_works_are_refused(svc, changes, field):
    obligations = _count(svc, Obligation)
    with pytest.raises(FormRefused) as err:
        svc.works.save(_works(svc, **changes))
    assert field in {r.field for r in err.value.results}
    assert _count(svc, Obligation) == obligations


def test_lines_are_added_updated_and_archived_never_deleted(svc):
    saved = svc.works.save(_works(svc))
    assert saved.changes == Changes.of(Kind.WORKS)
    form = svc.works.load(saved.id)
    assert [o.amount for o in form.obligations] == [15_000_000, 4_500_000]
    form.obligations[1].amount = 4_000_000
    form.obligations.append(ObligationLine(date(2026, 4, 21), 10_500_000, FundingSource.COUNTY))
    del form.obligations[0]
    svc.works.save(form)
    again = svc.works.load(saved.id)
    assert sorted(o.amount for o in again.obligations) == [4_000_000, 10_500_000]
    with svc.ctx.read() as s:
        rows = s.scalars(select(Obligation).where(Obligation.development_id == saved.id)).all()
        assert len(rows) == 3
        gone = [o for o in rows if o.archived_at is not None]
        assert [o.amount for o in gone] == [15_000_000]
        assert [o.archive_reason for o in gone] == [LINE_REMOVED]
    record = {r.id: r for r in svc.works.for_house(_house(svc).id)}[saved.id]
    assert record.obligated[FundingSource.COUNTY] == 10_500_000
    assert record.own_paid == 1_000_000


def test_own_fund_payments_taken_out_are_archived_too(svc):
    saved = svc.works.save(_works(svc))
    form = svc.works.load(saved.id)
    assert [p.amount for p in form.own_payments] == [1_000_000]
    form.own_payments.clear()
    svc.works.save(form)
    assert svc.works.load(saved.id).own_payments == []
    with svc.ctx.read() as s:
        rows = s.scalars(
            select(OwnFundPayment).where(OwnFundPayment.development_id == saved.id)
        ).all()
        assert [(p.amount, p.archive_reason) for p in rows] == [(1_000_000, LINE_REMOVED)]
        assert rows[0].archived_at is not None
