"""Stays through the service, as an officer enters them: one household per house at a time,
extensions warned with the rule and kept with the reason, move-out never before move-in, the
settlement outcome and its reminder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from gwinong_desktop.domain.enums import ApplicantDecision, SettlementOutcome
from gwinong_desktop.domain.rules import OVERLAP, RuleKey
from gwinong_desktop.domain.stays import StayStatus
from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.services.stays import (
    ExtensionForm,
    MoveInForm,
    MoveOutForm,
    SettlementForm,
)
from gwinong_desktop.storage.models import Applicant, Resident, RuleOverride, Stay

TODAY = date(2026, 11, 21)


def _living(svc: Services):
    return next(r for r in svc.stays.list_stays() if r.status is StayStatus.LIVING)


def _vacant_house(svc: Services) -> int:
    busy = {r.house_id for r in svc.stays.list_stays() if r.status is not StayStatus.MOVED_OUT}
    return next(h.id for h in svc.stays.houses() if h.id not in busy)


def _count(svc: Services, model) -> int:
    with svc.ctx.read() as s:
        return len(s.scalars(select(model.id)).all())


def test_the_list_derives_status_and_reminds_of_unknown_settlements(svc: Services) -> None:
    rows = svc.stays.list_stays()
    assert rows and all(r.house_code and r.name for r in rows)
    statuses = {r.status for r in rows}
    assert StayStatus.MOVED_OUT in statuses and StayStatus.LIVING in statuses
    reminders = svc.stays.settlement_reminders()
    assert reminders
    assert {r.id for r in reminders} == {r.id for r in rows if r.needs_settlement_check}
    assert all(r.settlement is SettlementOutcome.UNKNOWN and r.moved_out_on for r in reminders)


def test_a_move_in_into_an_occupied_house_is_refused_naming_the_other_stay(
    svc: Services,
) -> None:
    living = _living(svc)
    before = _count(svc, Stay), _count(svc, Resident)
    form = svc.stays.new_move_in(living.house_id, TODAY)
    form.name = "홍길동"
    with pytest.raises(FormRefused) as err:
        svc.stays.move_in(form)
    [overlap] = [r for r in err.value.results if r.rule == OVERLAP]
    masked = living.name[0] + "*"
    assert masked in overlap.message and living.name not in overlap.message
    assert "퇴거를 기록" in overlap.message  # the other stay has no move-out yet
    assert overlap.field == "move_in_on"
    assert (_count(svc, Stay), _count(svc, Resident)) == before  # nothing written


def test_a_move_in_defaults_from_the_rule_and_the_house(svc: Services) -> None:
    house_id = _vacant_house(svc)
    house = next(h for h in svc.stays.houses() if h.id == house_id)
    form = svc.stays.new_move_in(house_id, date(2026, 12, 1))
    assert form.planned_end_on == date(2027, 11, 30)  # 12 months, inclusive
    assert (form.monthly_rent, form.deposit_amount) == (house.monthly_rent or 0, house.deposit or 0)
    form.name, form.phone, form.household_size = "김영수", "010-1234-5678", 3
    saved = svc.stays.move_in(form)
    row = next(r for r in svc.stays.for_house(house_id) if r.id == saved.id)
    assert (row.name, row.household_size, row.status) == ("김영수", 3, StayStatus.COMING)
    second = svc.stays.new_move_in(house_id, date(2027, 6, 1))
    second.name = "이수"
    with pytest.raises(FormRefused) as err:
        svc.stays.move_in(second)
    assert "김*수 님의 입주" in err.value.results[0].message


def test_impossible_move_in_values_are_refused_beside_their_fields(svc: Services) -> None:
    form = MoveInForm(
        house_id=_vacant_house(svc), name="", move_in_on=date(2026, 12, 1),
        planned_end_on=date(2026, 11, 1), household_size=0, monthly_rent=-5,
        birth_date=date(2030, 1, 1), phone="010-12e4-5678",
    )  # fmt: skip
    fields = {r.field for r in svc.stays.validate_move_in(form) if r.is_refusal}
    assert {"name", "household_size", "birth_date", "phone", "monthly_rent"} <= fields
    assert "planned_end_on" in fields


def test_a_long_planned_stay_warns_and_keeps_the_reason(svc: Services) -> None:
    form = svc.stays.new_move_in(_vacant_house(svc), date(2026, 12, 1))
    form.name, form.planned_end_on = "박민수", date(2028, 5, 31)
    with pytest.raises(WarningsPending) as err:
        svc.stays.move_in(form)
    assert err.value.rules() == [RuleKey.STAY_MAX_MONTHS.value]
    saved = svc.stays.move_in(form, accepted_warnings={"stay_max_months": "군수 승인"})
    assert saved.overrides == 1


def test_an_extension_says_why_it_is_not_allowed_and_goes_on_with_a_reason(
    svc: Services,
) -> None:
    living = _living(svc)
    waiting = svc.stays.waiting_applicants(living.house_id)
    with svc.ctx.write() as s:  # someone (else) applied for this house and waits
        s.add(
            Applicant(name="대기자", applied_on=TODAY, wanted_house_id=living.house_id,
                      decision=ApplicantDecision.WAITING)
        )  # fmt: skip
    assert svc.stays.waiting_applicants(living.house_id) == waiting + 1
    form = svc.stays.extension_form(living.id)
    facts = svc.stays.facts(living.id)
    assert form.extended_to == facts.longest_extension
    form.extended_to += timedelta(days=10)  # longer than the rule allows
    messages = [r.message for r in svc.stays.validate_extension(form)]
    assert any("3개월을 넘습니다" in m for m in messages)
    assert any(f"대기자가 {waiting + 1}명" in m for m in messages)
    assert any("연장 희망이 확인되지 않았습니다" in m for m in messages)
    with pytest.raises(WarningsPending):
        svc.stays.extend(form)
    reason = "영농 마무리, 대기자와 협의"
    svc.stays.extend(form, accepted_warnings={"stay_extension_max_months": reason})
    with svc.ctx.read() as s:
        stay = s.get(Stay, living.id)
        assert stay.extended_to == form.extended_to
        kept = s.scalars(
            select(RuleOverride.reason).where(RuleOverride.entity_uid == stay.uid)
        ).all()
    assert kept == [reason] * 3


def test_an_extension_of_a_moved_out_stay_is_refused(svc: Services) -> None:
    gone = next(r for r in svc.stays.list_stays() if r.status is StayStatus.MOVED_OUT)
    form = ExtensionForm(gone.id, gone.planned_end_on + timedelta(days=30), requested=True)
    with pytest.raises(FormRefused) as err:
        svc.stays.extend(form)
    assert "퇴거한 입주는 연장할 수 없습니다" in err.value.results[0].message


def test_a_move_out_before_the_move_in_is_refused(svc: Services) -> None:
    living = _living(svc)
    form = MoveOutForm(living.id, living.move_in_on - timedelta(days=1))
    with pytest.raises(FormRefused) as err:
        svc.stays.move_out(form)
    assert err.value.results[0].field == "moved_out_on"
    assert "퇴거일" in err.value.results[0].message
    with svc.ctx.read() as s:
        assert s.get(Stay, living.id).moved_out_on is None


def test_move_out_then_settlement_ends_the_reminder(svc: Services) -> None:
    living = _living(svc)
    svc.stays.move_out(MoveOutForm(living.id, TODAY - timedelta(days=1)))
    assert living.id in {r.id for r in svc.stays.settlement_reminders()}
    refused = SettlementForm(living.id, SettlementOutcome.SETTLED, confirmed_on=None)
    with pytest.raises(FormRefused) as err:
        svc.stays.save_settlement(refused)
    assert err.value.results[0].field == "confirmed_on"
    form = svc.stays.settlement_form(living.id)
    form.outcome, form.moved_in_registered, form.farm_registered = (
        SettlementOutcome.SETTLED, True, True,
    )  # fmt: skip
    form.settled_address = "진안군 부귀면 거석리 12"
    svc.stays.save_settlement(form)
    assert living.id not in {r.id for r in svc.stays.settlement_reminders()}
    row = next(r for r in svc.stays.list_stays() if r.id == living.id)
    assert (row.settlement, row.moved_in_registered, row.farm_registered) == (
        SettlementOutcome.SETTLED, True, True,
    )  # fmt: skip


def test_settlement_of_a_stay_not_moved_out_is_refused(svc: Services) -> None:
    living = _living(svc)
    with pytest.raises(FormRefused) as err:
        svc.stays.save_settlement(SettlementForm(living.id, SettlementOutcome.LEFT, False, False,
                                                 TODAY))  # fmt: skip
    assert "퇴거를 먼저 기록" in err.value.results[0].message


def test_move_in_from_a_selected_applicant_copies_them_and_links_the_resident(
    svc: Services,
) -> None:
    house_id = _vacant_house(svc)
    with svc.ctx.write() as s:
        applicant = Applicant(
            name="최선정", birth_date=date(1980, 5, 4), phone="010-2222-3333",
            address="서울특별시 마포구 월드컵로 1", household_size=2, education_hours=120,
            applied_on=date(2026, 10, 1), wanted_house_id=house_id,
            decision=ApplicantDecision.SELECTED,
        )  # fmt: skip
        s.add(applicant)
        s.flush()
        applicant_id = applicant.id
    assert [a.id for a in svc.stays.selected_applicants()] == [applicant_id]
    saved = svc.stays.move_in(
        svc.stays.form_from_applicant(applicant_id, move_in_on=date(2026, 12, 1))
    )
    with svc.ctx.read() as s:
        stay = s.get(Stay, saved.id)
        r = stay.resident
        assert (r.name, r.birth_date, r.phone, r.previous_address, r.education_hours) == (
            "최선정", date(1980, 5, 4), "010-2222-3333", "서울특별시 마포구 월드컵로 1", 120,
        )  # fmt: skip
        assert (r.applicant_id, stay.household_size, stay.house_id) == (applicant_id, 2, house_id)
    assert svc.stays.selected_applicants() == []  # moved in: no longer offered
    with pytest.raises(FormRefused) as err:
        svc.stays.move_in(svc.stays.form_from_applicant(applicant_id, move_in_on=date(2028, 12, 1)))
    assert any("이미 입주자로 등록" in r.message for r in err.value.results)


def test_correcting_a_stay_into_another_ones_period_is_refused(svc: Services) -> None:
    living = _living(svc)
    earlier = next(
        r for r in svc.stays.for_house(living.house_id) if r.status is StayStatus.MOVED_OUT
    )
    form = svc.stays.stay_form(earlier.id)
    assert (form.stay_id, form.resident_id) == (earlier.id, earlier.resident_id)
    form.monthly_rent = 70_000
    svc.stays.save_stay(form)  # its own period does not count against it
    current = svc.stays.stay_form(living.id)
    current.move_in_on = earlier.move_in_on  # back into the earlier resident's days
    with pytest.raises(FormRefused) as err:
        svc.stays.save_stay(current)
    [overlap] = [r for r in err.value.results if r.rule == OVERLAP]
    assert f"{earlier.name[0]}*" in overlap.message
    rows = {r.id: r for r in svc.stays.list_stays()}
    assert rows[earlier.id].monthly_rent == 70_000
    assert rows[living.id].move_in_on == living.move_in_on  # nothing written


def test_an_applicant_of_a_round_moves_in_on_the_rounds_terms(svc: Services) -> None:
    from gwinong_desktop.storage.models import Recruitment

    house_id = _vacant_house(svc)
    with svc.ctx.write() as s:
        round_ = Recruitment(house_id=house_id, title="2026년 하반기 모집",
                             notice_from=date(2026, 9, 1), notice_to=date(2026, 9, 30),
                             monthly_rent=70_000, deposit=300_000)  # fmt: skip
        s.add(round_)
        s.flush()
        s.add(Applicant(name="정회차", applied_on=date(2026, 9, 10), recruitment_id=round_.id,
                        decision=ApplicantDecision.SELECTED))  # fmt: skip
        s.flush()
        applicant_id = s.scalars(select(Applicant.id).where(Applicant.name == "정회차")).one()
    saved = svc.stays.move_in(
        svc.stays.form_from_applicant(applicant_id, move_in_on=date(2026, 12, 1))
    )
    row = next(r for r in svc.stays.for_house(house_id) if r.id == saved.id)
    assert (row.monthly_rent, row.deposit_amount, row.name) == (70_000, 300_000, "정회차")
