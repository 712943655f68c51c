"""The due list over the demo county (2026-11-21): every kind of reminder from the data as it
is, each one going away when the officer does what it asks, report deadlines moved to the next
working day, and dismiss / snooze / restore recorded with who and why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from edit_fixtures import TODAY
from sqlalchemy import select

from gwinong_desktop.domain.due import DueItem, DueKind
from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.domain.stays import StayStatus
from gwinong_desktop.services import Services
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.due import DueError
from gwinong_desktop.services.houses import HouseService
from gwinong_desktop.storage.models import (
    AuditEvent,
    Deposit,
    Designation,
    Development,
    DueNote,
    House,
    Lease,
    Photo,
    Report,
    RuleOverride,
    RuleValue,
    Stay,
)


def _of(items: list[DueItem], kind: DueKind) -> list[DueItem]:
    return [i for i in items if i.kind == kind.value]


def _report(svc: Services, kind: str, year: int, month: int, sent_on: date | None) -> None:
    with svc.ctx.write() as s:
        s.add(
            Report(
                kind=kind,
                year=year,
                month=month,
                stored_path=f"reports/{kind}{month}.xlsx",
                sha256="0" * 64,
                sent_on=sent_on,
            )
        )


def _september_due(services) -> date:
    """When the report of September 2025 is due (the 5th of October, moved)."""
    items = services.due.items(date(2025, 10, 1))
    return next(i.due_on for i in items if i.subject == "monthly_report:2025-09")


# --- reports ---------------------------------------------------------------------------------


def test_the_monthly_report_of_the_month_just_ended_is_due_on_the_fifth(svc: Services) -> None:
    items = _of(svc.due.items(), DueKind.MONTHLY_REPORT)
    assert [(i.record_label, i.due_on, i.overdue) for i in items] == [
        ("2026년 10월분", date(2026, 11, 5), True)
    ]
    assert items[0].page == "reports"
    assert items[0].criteria == {"report": "monthly", "year": 2026, "month": 10}


def test_a_sunday_fifth_after_chuseok_moves_past_the_substitute_holiday(svc: Services) -> None:
    items = _of(svc.due.items(date(2025, 10, 1)), DueKind.MONTHLY_REPORT)
    # 10.5. Sunday (추석 전날), 6–7 추석, 8 대체공휴일, 9 한글날: Friday the 10th.
    assert [(i.record_label, i.due_on) for i in items] == [("2025년 9월분", date(2025, 10, 10))]
    assert _september_due(svc) == date(2025, 10, 10)


def test_the_countys_own_day_off_moves_the_deadline_too(svc: Services) -> None:
    svc.due.add_day_off(date(2025, 10, 10), "군민의 날")
    assert _september_due(svc) == date(2025, 10, 13)
    assert [d.name for d in svc.due.days_off()] == ["군민의 날"]
    with pytest.raises(DueError, match="이미 휴무일"):
        svc.due.add_day_off(date(2025, 10, 10), "또")
    with pytest.raises(DueError, match="이름"):
        svc.due.add_day_off(date(2025, 10, 11), "  ")
    svc.due.remove_day_off(svc.due.days_off()[0].id, "잘못 넣음")
    assert _september_due(svc) == date(2025, 10, 10)
    svc.due.add_day_off(date(2025, 10, 10), "임시공휴일")  # an archived day comes back
    assert [d.name for d in svc.due.days_off()] == ["임시공휴일"]


def test_a_sent_report_stops_reminding_and_a_kept_unsent_one_says_so(svc: Services) -> None:
    _report(svc, "monthly", 2026, 9, None)
    items = _of(svc.due.items(), DueKind.MONTHLY_REPORT)
    assert [i.record_label for i in items] == ["2026년 9월분", "2026년 10월분"]
    assert "보낸 날" in items[0].action and "만들어" in items[1].action
    _report(svc, "monthly", 2026, 10, date(2026, 11, 4))
    _report(svc, "monthly", 2026, 9, date(2026, 10, 5))
    assert _of(svc.due.items(), DueKind.MONTHLY_REPORT) == []


def test_the_semiannual_report_is_due_with_junes_report(svc: Services) -> None:
    items = _of(svc.due.items(date(2026, 7, 1)), DueKind.SEMIANNUAL_REPORT)
    assert [(i.record_label, i.due_on) for i in items] == [("2026년 상반기", date(2026, 7, 6))]
    _report(svc, "semiannual", 2026, 6, date(2026, 7, 3))
    assert _of(svc.due.items(date(2026, 7, 1)), DueKind.SEMIANNUAL_REPORT) == []


def test_the_yearly_settlement_is_due_at_the_end_of_january(svc: Services) -> None:
    items = _of(svc.due.items(date(2027, 1, 10)), DueKind.YEARLY_SETTLEMENT)
    assert [(i.record_label, i.due_on) for i in items] == [("2026년 사업비 결산", date(2027, 2, 1))]
    assert _of(svc.due.items(date(2027, 3, 2)), DueKind.YEARLY_SETTLEMENT) == []
    assert _of(svc.due.items(), DueKind.YEARLY_SETTLEMENT) == []


# --- stays -------------------------------------------------------------------------------------


def test_stays_ending_and_overdue_move_outs_follow_the_stay_list(svc: Services) -> None:
    living = next(r for r in svc.stays.list_stays() if r.status is StayStatus.LIVING)
    other = next(
        r
        for r in svc.stays.list_stays()
        if r.status is StayStatus.LIVING and r.house_id != living.house_id
    )
    with svc.ctx.write() as s:
        s.get(Stay, living.id).planned_end_on = TODAY + timedelta(days=20)
        s.get(Stay, living.id).extended_to = None
        s.get(Stay, other.id).planned_end_on = TODAY - timedelta(days=3)
        s.get(Stay, other.id).extended_to = None
    rows = {r.id: r for r in svc.stays.list_stays()}
    assert rows[living.id].status is StayStatus.ENDING
    assert rows[other.id].status is StayStatus.OVERDUE
    items = svc.due.items()
    ending = [
        i for i in _of(items, DueKind.STAY_ENDING) if i.criteria["house_id"] == living.house_id
    ]
    assert [i.due_on for i in ending] == [TODAY + timedelta(days=20)] and not ending[0].overdue
    late = _of(items, DueKind.MOVE_OUT_OVERDUE)
    assert [(i.due_on, i.overdue) for i in late if i.criteria["house_id"] == other.house_id] == [
        (TODAY - timedelta(days=3), True)
    ]
    assert all("*" in i.record_label for i in ending + late)  # names masked
    with svc.ctx.write() as s:
        s.get(Stay, other.id).moved_out_on = TODAY - timedelta(days=1)
    assert not [
        i
        for i in _of(svc.due.items(), DueKind.MOVE_OUT_OVERDUE)
        if i.criteria["house_id"] == other.house_id
    ]


def test_an_extension_past_the_rule_reminds_until_a_reason_is_on_record(svc: Services) -> None:
    flagged = _of(svc.due.items(), DueKind.EXTENSION_RULE)
    assert flagged and all("희망" in i.action for i in flagged)
    with svc.ctx.read() as s:
        stay = s.scalars(
            select(Stay).where(
                Stay.extended_to.is_not(None),
                Stay.moved_out_on.is_(None),
                Stay.extension_requested.is_(False),
            )
        ).first()
        uid, planned = stay.uid, stay.planned_end_on
    with svc.ctx.write() as s:
        row = s.scalars(select(Stay).where(Stay.uid == uid)).one()
        row.extension_requested = True
        row.extended_to = planned + timedelta(days=200)  # past 3 months
    (item,) = [i for i in _of(svc.due.items(), DueKind.EXTENSION_RULE) if uid in i.subject]
    assert "3개월 넘음" in item.action and "희망" not in item.action
    with svc.ctx.write() as s:
        s.add(
            RuleOverride(
                entity="stay",
                entity_uid=uid,
                rule="stay_extension_max_months",
                message="연장",
                reason="군수 승인",
                actor="officer",
            )
        )
    assert not [i for i in _of(svc.due.items(), DueKind.EXTENSION_RULE) if uid in i.subject]


def test_deposits_held_after_a_move_out_remind_until_returned(svc: Services) -> None:
    moved = next(r for r in svc.stays.list_stays() if r.status is StayStatus.MOVED_OUT)
    with svc.ctx.write() as s:
        s.add(Deposit(stay_id=moved.id, amount=500_000, received_on=moved.move_in_on))
    items = [
        i
        for i in _of(svc.due.items(), DueKind.DEPOSIT_UNRETURNED)
        if i.criteria == {"stay_id": moved.id}
    ]
    assert [(i.due_on, i.page) for i in items] == [(moved.moved_out_on, "rent")]
    assert "500,000원" in items[0].action
    with svc.ctx.write() as s:
        dep = s.scalars(
            select(Deposit).where(Deposit.stay_id == moved.id, Deposit.returned_on.is_(None))
        ).one()
        dep.returned_on, dep.returned_amount = TODAY, 500_000
    assert not [
        i
        for i in _of(svc.due.items(), DueKind.DEPOSIT_UNRETURNED)
        if i.criteria == {"stay_id": moved.id}
    ]


def test_rent_arrears_follow_the_rent_page_with_the_oldest_unpaid_month(svc: Services) -> None:
    owing = {r.id: r for r in svc.rent.stay_rows() if r.in_arrears}
    items = _of(svc.due.items(), DueKind.RENT_ARREARS)
    assert owing and {i.criteria["stay_id"] for i in items} == set(owing)
    for item in items:
        stay = owing[item.criteria["stay_id"]]
        assert f"{stay.arrears:,}원" in item.action
        unpaid = [c for c in svc.rent.detail(stay.id).charges if c.due_on <= TODAY]
        assert item.due_on in {c.due_on for c in unpaid}


def test_settlement_outcomes_not_asked_follow_the_stay_reminder(svc: Services) -> None:
    recent = TODAY - timedelta(days=730)  # older move-outs stay on the 입주자 page's filter
    reminders = svc.stays.settlement_reminders()
    expected = {r.house_id for r in reminders if r.moved_out_on >= recent}
    items = _of(svc.due.items(), DueKind.SETTLEMENT_OUTCOME)
    assert items and {i.criteria["house_id"] for i in items} == expected
    assert len(expected) < len({r.house_id for r in reminders})
    assert all(i.criteria["settlement_check"] is True and i.page == "residents" for i in items)


# --- houses ------------------------------------------------------------------------------------


def _house(svc: Services, code_index: int = 0) -> tuple[int, str, str]:
    with svc.ctx.read() as s:
        h = s.scalars(
            select(House)
            .where(House.cancelled_on.is_(None), House.archived_at.is_(None))
            .order_by(House.id)
        ).all()[code_index]
        return h.id, h.code, h.uid


def test_a_lease_ending_within_six_months_reminds_until_renewed(svc: Services) -> None:
    house_id, code, _uid = _house(svc)
    with svc.ctx.write() as s:
        lease = s.scalars(
            select(Lease).where(Lease.house_id == house_id).order_by(Lease.start_on.desc())
        ).first()
        lease.end_on = TODAY + timedelta(days=100)
        start = lease.start_on
    items = [i for i in _of(svc.due.items(), DueKind.LEASE_ENDING) if i.record_label == code]
    assert [(i.due_on, i.criteria) for i in items] == [
        (TODAY + timedelta(days=100), {"house_id": house_id, "tab": "lease"})
    ]
    with svc.ctx.write() as s:
        s.add(
            Lease(
                house_id=house_id,
                kind=lease.kind,
                start_on=TODAY + timedelta(days=101),
                end_on=TODAY + timedelta(days=3000),
            )
        )
    assert start and not [
        i for i in _of(svc.due.items(), DueKind.LEASE_ENDING) if i.record_label == code
    ]


def test_a_designation_ending_soon_reminds(svc: Services) -> None:
    house_id, code, _uid = _house(svc, 1)
    with svc.ctx.write() as s:
        s.add(Designation(house_id=house_id, start_on=date(2024, 12, 1), end_on=date(2027, 1, 31)))
    items = [i for i in _of(svc.due.items(), DueKind.DESIGNATION_ENDING) if i.record_label == code]
    assert [i.due_on for i in items] == [date(2027, 1, 31)]
    assert not _of(svc.due.items(date(2026, 8, 1)), DueKind.DESIGNATION_ENDING)


def test_the_management_period_ending_this_year_reminds(svc: Services) -> None:
    items = _of(svc.due.items(), DueKind.MANAGEMENT_ENDING)
    with svc.ctx.read() as s:
        first = {
            h: min(
                d.completed_on
                for d in s.scalars(
                    select(Development).where(
                        Development.house_id == h, Development.completed_on.is_not(None)
                    )
                )
            )
            for h in {i.criteria["house_id"] for i in items}
        }
    assert items
    for item in items:
        done = first[item.criteria["house_id"]]
        assert item.due_on.year == 2026 and done.year == 2019  # 7 years, ends the day before
        assert item.due_on == date(done.year + 7, done.month, done.day) - timedelta(days=1)


def test_overdue_open_findings_follow_the_findings_list(svc: Services) -> None:
    overdue = {f.id for f in svc.inspections.findings(open_only=True) if f.overdue}
    items = _of(svc.due.items(), DueKind.FINDING_OVERDUE)
    assert overdue and {i.criteria["finding_id"] for i in items} == overdue
    assert all(i.criteria["tab"] == "findings" and i.overdue for i in items)


def test_houses_not_inspected_within_the_countys_interval(svc: Services) -> None:
    items = _of(svc.due.items(), DueKind.INSPECTION_DUE)
    assert items and all("주기 12개월" in i.action for i in items)
    assert all(not i.overdue and i.due_on <= TODAY + timedelta(days=30) for i in items)
    later = _of(svc.due.items(date(2027, 6, 1)), DueKind.INSPECTION_DUE)
    assert {i.subject for i in items} <= {i.subject for i in later if i.overdue}
    with svc.ctx.write() as s:
        s.add(RuleValue(year=2026, key="inspection_interval_months", value="60"))
    assert len(_of(svc.due.items(), DueKind.INSPECTION_DUE)) < len(items)


def test_empty_photo_slots_remind_during_the_management_period(svc: Services) -> None:
    assert not _of(svc.due.items(), DueKind.PHOTO_SLOTS)
    house_id, code, _uid = _house(svc, -1)
    with svc.ctx.write() as s:
        for photo in s.scalars(select(Photo).where(Photo.house_id == house_id)):
            photo.archived_at = _now()
    items = [i for i in _of(svc.due.items(), DueKind.PHOTO_SLOTS) if i.record_label == code]
    assert items and items[0].criteria == {"house_id": house_id, "tab": "visits"}
    assert "전경" in items[0].action


def test_completed_works_without_a_completion_report_after_seven_days(svc: Services) -> None:
    house_id, code, _uid = _house(svc)
    with svc.ctx.write() as s:
        s.add(
            Development(
                house_id=house_id,
                year=2026,
                completed_on=date(2026, 11, 10),
                started_on=date(2026, 9, 1),
            )
        )
    items = [
        i
        for i in _of(svc.due.items(), DueKind.COMPLETION_REPORT)
        if i.record_label.startswith(code)
    ]
    assert [(i.due_on, i.overdue) for i in items] == [(date(2026, 11, 17), True)]
    with svc.ctx.write() as s:
        dev = s.scalars(
            select(Development).where(Development.completed_on == date(2026, 11, 10))
        ).one()
        dev.completion_reported_on = date(2026, 11, 20)
    assert not [
        i
        for i in _of(svc.due.items(), DueKind.COMPLETION_REPORT)
        if i.record_label.startswith(code)
    ]


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


# --- answers -----------------------------------------------------------------------------------


def test_dismiss_hides_for_good_and_records_who_and_why(svc: Services) -> None:
    item = svc.due.items()[0]
    svc.due.dismiss(item.subject, "전화로 확인함")
    assert item.subject not in {i.subject for i in svc.due.items()}
    assert item.subject in {i.subject for i in svc.due.items(hidden=True)}
    assert item.subject not in {i.subject for i in svc.due.items(TODAY + timedelta(days=400))}
    with svc.ctx.read() as s:
        note = s.scalars(select(DueNote)).one()
        assert (note.reason, note.actor, note.until) == ("전화로 확인함", "officer", None)
        assert s.scalars(select(AuditEvent).where(AuditEvent.entity == "due_note")).all()
    svc.due.restore(item.subject, "다시 챙김")
    assert item.subject in {i.subject for i in svc.due.items()}
    with pytest.raises(DueError, match="숨겨져 있지 않습니다"):
        svc.due.restore(item.subject, "또")


def test_snooze_hides_until_its_day_and_then_comes_back(svc: Services) -> None:
    item = next(i for i in svc.due.items() if i.kind == DueKind.SETTLEMENT_OUTCOME.value)
    svc.due.snooze(item.subject, date(2026, 12, 1), "다음 달에 연락")
    subjects = lambda on: {i.subject for i in svc.due.items(on)}  # noqa: E731
    assert item.subject not in subjects(TODAY)
    assert item.subject not in subjects(date(2026, 11, 30))
    assert item.subject in subjects(date(2026, 12, 1))
    with pytest.raises(DueError, match="오늘"):
        svc.due.snooze(item.subject, TODAY, "오늘까지")
    with pytest.raises(DueError, match="사유"):
        svc.due.dismiss(item.subject, "  ")
    with pytest.raises(DueError, match="알 수 없는 알림"):
        svc.due.dismiss("nothing:1", "사유")


def test_a_viewer_sees_the_list_but_may_not_answer_it(svc: Services) -> None:
    ctx = ServiceContext(svc.ctx.db, "viewer", Role.VIEWER)
    viewer = Services(ctx=ctx, houses=HouseService(ctx))
    item = viewer.due.items(TODAY)[0]
    with pytest.raises(NotPermitted):
        viewer.due.dismiss(item.subject, "사유")
    with pytest.raises(NotPermitted):
        viewer.due.add_day_off(TODAY, "휴무")
