"""The checks of the stay forms (move-in and its corrections, extension, move-out, settlement)
and of a person's own fields; ``services.stays`` runs them in its read and write units."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import SettlementOutcome
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rules import (
    DUPLICATE,
    NOT_FOUND,
    RuleResult,
    check_rent,
    check_stay,
    refuse,
)
from gwinong_desktop.domain.stays import stay_end
from gwinong_desktop.domain.text_checks import check_phone
from gwinong_desktop.storage.models import House, Resident, Stay

from .rule_gate import FormRefused
from .rule_gate import required as _required
from .rules import RuleBook
from .stay_rows import check_stay_overlap, house_stay_periods, waiting_applicants

if TYPE_CHECKING:
    from .stays import ExtensionForm, MoveInForm, MoveOutForm, SettlementForm

MAX_HOUSEHOLD = 20
MAX_EDUCATION_HOURS = 5000
OLDEST_BIRTH = date(1900, 1, 1)


def get_stay(session: Session, stay_id: int | None) -> Stay:
    stay = session.get(Stay, stay_id) if stay_id is not None else None
    if stay is None or stay.archived_at is not None:
        raise FormRefused([refuse(None, "입주 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
    return stay


def check_person(
    name: str, birth_date: date | None, phone: str, education_hours: int | None, today: date
) -> list[RuleResult]:
    """The resident's own fields: a name, a birth date that can be, a phone without letters,
    귀농교육 hours that are not negative or absurd."""
    results: list[RuleResult] = []
    if not (name or "").strip():
        results.append(_required("name", "성명"))
    if birth_date is not None and not OLDEST_BIRTH <= birth_date <= today:
        message = f"생년월일: {format_date_ko(birth_date)}은(는) 있을 수 없는 날짜입니다."
        results.append(refuse("birth_date", message))
    results += check_phone("phone", "연락처", phone)
    if education_hours is not None and not 0 <= education_hours <= MAX_EDUCATION_HOURS:
        message = f"귀농교육 이수 시간은 0~{MAX_EDUCATION_HOURS:,}시간입니다 ({education_hours:,})."
        results.append(refuse("education_hours", message))
    return results


def check_move_in(session: Session, form: MoveInForm, today: date) -> list[RuleResult]:
    results: list[RuleResult] = []
    house = session.get(House, form.house_id) if form.house_id is not None else None
    if house is None:
        results.append(_required("house_id", "귀농인의 집"))
    if form.resident_id is not None:
        if session.get(Resident, form.resident_id) is None:
            results.append(refuse(None, "입주자를 찾을 수 없습니다.", code=NOT_FOUND))
    else:
        results += check_person(form.name, form.birth_date, form.phone, form.education_hours, today)
    existing = get_stay(session, form.stay_id) if form.stay_id is not None else None
    if form.applicant_id is not None and existing is None:
        known = session.scalar(
            select(Resident.name).where(Resident.applicant_id == form.applicant_id)
        )
        if known is not None:
            message = f"이 신청자는 이미 입주자로 등록되어 있습니다 ({known})."
            results.append(refuse(None, message, code=DUPLICATE))
    size = form.household_size
    if size is None:
        results.append(_required("household_size", "세대원 수"))
    elif not 1 <= size <= MAX_HOUSEHOLD:
        message = f"세대원 수는 1~{MAX_HOUSEHOLD}명입니다 ({size}명; 입주자 본인 포함)."
        results.append(refuse("household_size", message))
    if form.prepaid_months is not None and not 0 <= form.prepaid_months <= 24:
        message = f"선납 개월 수는 0~24개월입니다 ({form.prepaid_months})."
        results.append(refuse("prepaid_months", message))
    if form.move_in_on is None:
        results.append(_required("move_in_on", "입주일"))
    if form.planned_end_on is None:
        results.append(_required("planned_end_on", "퇴거예정일"))
    if form.move_in_on is None or form.planned_end_on is None:
        return results
    rules = RuleBook(session).for_year(form.move_in_on.year)
    if form.contract_on is not None and form.contract_on > form.move_in_on:
        message = "계약일이 입주일보다 늦습니다. 계약은 입주 전에 합니다."
        results.append(refuse("contract_on", message))
    results += check_rent(
        form.monthly_rent, form.deposit_amount, rules, field_deposit="deposit_amount"
    )
    extended = existing.extended_to if existing is not None else None
    moved_out = existing.moved_out_on if existing is not None else None
    period = check_stay(form.move_in_on, form.planned_end_on, extended, moved_out, rules=rules)
    results += period
    if house is not None and not [r for r in period if r.is_refusal]:
        others = house_stay_periods(session, house.id, open_until_moved_out=True)
        end = moved_out or stay_end(form.planned_end_on, extended)
        results += check_stay_overlap(form.move_in_on, end, others, form.stay_id)
    return results


def check_extension(session: Session, form: ExtensionForm) -> list[RuleResult]:
    stay = get_stay(session, form.stay_id)
    if stay.moved_out_on is not None and form.extended_to is not None:
        message = f"이미 {format_date_ko(stay.moved_out_on)}에 퇴거한 입주는 연장할 수 없습니다."
        return [refuse("extended_to", message)]
    rules = RuleBook(session).for_year(stay.move_in_on.year)
    results = check_stay(
        stay.move_in_on, stay.planned_end_on, form.extended_to, None,
        waiting_applicants=waiting_applicants(session, stay.house_id),
        resident_requested=form.requested, rules=rules,
    )  # fmt: skip
    if form.extended_to is not None and not [r for r in results if r.is_refusal]:
        others = house_stay_periods(session, stay.house_id, open_until_moved_out=True)
        results += check_stay_overlap(
            stay.move_in_on, form.extended_to, others, stay.id, field="extended_to"
        )
    return results


def check_move_out(session: Session, form: MoveOutForm) -> list[RuleResult]:
    stay = get_stay(session, form.stay_id)
    if form.moved_out_on is None:
        return [_required("moved_out_on", "퇴거일")]
    rules = RuleBook(session).for_year(stay.move_in_on.year)
    results = check_stay(
        stay.move_in_on, stay.planned_end_on, stay.extended_to, form.moved_out_on, rules=rules
    )
    if not [r for r in results if r.is_refusal]:
        others = house_stay_periods(session, stay.house_id, open_until_moved_out=True)
        results += check_stay_overlap(
            stay.move_in_on, form.moved_out_on, others, stay.id, field="moved_out_on"
        )
    return results


def check_settlement(session: Session, form: SettlementForm, today: date) -> list[RuleResult]:
    stay = get_stay(session, form.stay_id)
    if stay.moved_out_on is None:
        message = "아직 퇴거하지 않은 입주입니다. 퇴거를 먼저 기록한 뒤 정착 여부를 적습니다."
        return [refuse(None, message)]
    results: list[RuleResult] = []
    confirmed = form.confirmed_on
    if form.outcome is not SettlementOutcome.UNKNOWN and confirmed is None:
        results.append(_required("confirmed_on", "확인일"))
    if confirmed is not None and confirmed > today:
        message = f"확인일({format_date_ko(confirmed)})이 오늘보다 늦습니다."
        results.append(refuse("confirmed_on", message))
    if confirmed is not None and confirmed < stay.move_in_on:
        message = f"확인일({format_date_ko(confirmed)})이 입주일보다 이릅니다."
        results.append(refuse("confirmed_on", message))
    return results
