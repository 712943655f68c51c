"""The checks of the recruitment forms (rounds, applicants, decisions) and the reading helpers
they share with :mod:`recruitment` and :mod:`recruitment_evidence`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import ApplicantDecision
from gwinong_desktop.domain.periods import format_date_ko, format_period
from gwinong_desktop.domain.rules import (
    NOT_FOUND,
    REQUIRED,
    RuleResult,
    check_period,
    check_rent,
    refuse,
    warn,
)
from gwinong_desktop.domain.selection import Candidate, Standing, passed_over, selection_problems
from gwinong_desktop.domain.text_checks import check_length, check_phone
from gwinong_desktop.storage.models import Applicant, House, Recruitment

from .attachments import PendingFile, check_file
from .recruitment_forms import ApplicantForm, DecisionForm, RoundForm
from .rule_gate import FormRefused, required
from .rules import RuleBook

MAX_HOUSEHOLD = 20
MAX_EDUCATION_HOURS = 5_000
OLDEST_BIRTH_YEAR = 1900
APPLIED_OUTSIDE_NOTICE = "applied_outside_notice"
SELECTION_COUNT = "selection_count"
DECIDED = (ApplicantDecision.SELECTED, ApplicantDecision.WAITING, ApplicantDecision.REJECTED)
"""Decisions that keep the score they were made on."""


# --- checks ----------------------------------------------------------------------------------


def check_round(session: Session, form: RoundForm) -> list[RuleResult]:
    results: list[RuleResult] = []
    house = session.get(House, form.house_id) if form.house_id is not None else None
    if form.house_id is None:
        results.append(required("house_id", "귀농인의 집"))
    elif house is None:
        results.append(refuse("house_id", "고른 귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND))
    if not (form.title or "").strip():
        results.append(required("title", "모집 공고명"))
    results += check_length("title", "모집 공고명", form.title, 200)
    if form.notice_from is None:
        results.append(required("notice_from", "공고 시작일"))
    if form.notice_to is None:
        results.append(required("notice_to", "공고 마감일"))
    results += check_period(
        form.notice_from,
        form.notice_to,
        field_end="notice_to",
        label="공고기간",
        start_name="공고 시작일",
        end_name="공고 마감일",
    )
    year = form.notice_from.year if form.notice_from else date.today().year
    rules = RuleBook(session).for_year(min(max(year, 1900), 9999))
    results += check_rent(form.monthly_rent, form.deposit, rules)
    if form.id is not None and session.get(Recruitment, form.id) is None:
        results.append(refuse(None, "모집 회차를 찾을 수 없습니다.", code=NOT_FOUND))
    return results


def check_applicant(
    session: Session, form: ApplicantForm, files: list[PendingFile], today: date
) -> list[RuleResult]:
    results: list[RuleResult] = []
    r = session.get(Recruitment, form.recruitment_id)
    if r is None:
        results.append(refuse(None, "모집 회차를 찾을 수 없습니다.", code=NOT_FOUND))
    if not (form.name or "").strip():
        results.append(required("name", "성명"))
    results += check_length("name", "성명", form.name, 100)
    results += check_length("address", "전거주지", form.address, 300)
    results += check_phone("phone", "연락처", form.phone)
    if form.birth_date is not None and not (
        date(OLDEST_BIRTH_YEAR, 1, 1) <= form.birth_date <= today
    ):
        results.append(
            refuse(
                "birth_date",
                f"생년월일 {format_date_ko(form.birth_date)}은(는) 있을 수 없는 날입니다 "
                f"({OLDEST_BIRTH_YEAR}년부터 오늘까지).",
                value=form.birth_date,
            )
        )
    size = form.household_size
    if size is None:
        results.append(required("household_size", "세대원 수"))
    elif not 1 <= size <= MAX_HOUSEHOLD:
        results.append(
            refuse(
                "household_size",
                f"세대원 수 {size}명은 있을 수 없습니다. 신청자 본인을 포함해 1~{MAX_HOUSEHOLD}명"
                "으로 적으세요.",
                value=size,
            )
        )
    elif form.with_family and size < 2:
        results.append(
            refuse(
                "household_size",
                "가족과 함께 입주한다면 세대원 수는 신청자 본인을 포함해 2명 이상입니다. "
                "세대원 수를 고치거나 '가족 동반'을 끄세요.",
                value=size,
            )
        )
    hours = form.education_hours
    if hours is None:
        results.append(required("education_hours", "귀농교육 이수 시간"))
    elif not 0 <= hours <= MAX_EDUCATION_HOURS:
        results.append(
            refuse(
                "education_hours",
                f"귀농교육 이수 시간 {hours:,}시간은 있을 수 없습니다 "
                f"(0~{MAX_EDUCATION_HOURS:,}시간).",
                value=hours,
            )
        )
    if form.applied_on is None:
        results.append(required("applied_on", "신청일"))
    elif form.applied_on > today:
        results.append(
            refuse(
                "applied_on",
                f"신청일 {format_date_ko(form.applied_on)}은(는) 오늘 이후입니다. "
                "받은 날을 적으세요.",
                value=form.applied_on,
            )
        )
    elif r is not None and not r.notice_from <= form.applied_on <= r.notice_to:
        results.append(
            warn(
                "applied_on",
                f"신청일 {format_date_ko(form.applied_on)}이(가) 공고기간 "
                f"{format_period(r.notice_from, r.notice_to)} 밖입니다. 기간 밖 접수를 받은 "
                "사유를 적어 주세요.",
                code=APPLIED_OUTSIDE_NOTICE,
                value=form.applied_on,
                limit=format_period(r.notice_from, r.notice_to),
            )
        )
    for item in files:
        results += check_file(item.path)
    return results


def scoring_change(a: Applicant, form: ApplicantForm) -> list[RuleResult]:
    """REFUSE changing what the score counted once the applicant is decided."""
    if a.decision not in DECIDED or a.score is None:
        return []
    if a.education_hours == form.education_hours and a.with_family == form.with_family:
        return []
    return [
        refuse(
            "education_hours",
            f"이미 {a.decision.label}된 신청자입니다. 점수에 쓴 귀농교육 이수 시간·가족 동반은 "
            "결정을 '심사중'으로 되돌린 뒤 고치고 점수를 다시 계산하세요.",
            value=form.education_hours,
        )
    ]


def check_decision(session: Session, form: DecisionForm) -> list[RuleResult]:
    a = get_applicant(session, form.applicant_id)
    results: list[RuleResult] = []
    decision = form.decision
    reason = (form.reason or "").strip()
    if decision is not ApplicantDecision.PENDING:
        if form.decided_on is None:
            results.append(required("decided_on", "결정일"))
        elif form.decided_on < a.applied_on:
            results.append(
                refuse(
                    "decided_on",
                    f"결정일 {format_date_ko(form.decided_on)}이(가) 신청일 "
                    f"{format_date_ko(a.applied_on)}보다 빠릅니다.",
                    value=form.decided_on,
                    limit=a.applied_on,
                )
            )
    if decision in (ApplicantDecision.SELECTED, ApplicantDecision.WAITING) and a.rank is None:
        results.append(
            refuse(
                "decision",
                f"순위가 없어 {decision.label}할 수 없습니다. 먼저 '점수 계산·순위'를 하세요.",
                code=REQUIRED,
            )
        )
    if decision is ApplicantDecision.REJECTED and not reason:
        results.append(refuse("reason", "탈락 사유: 탈락에는 사유를 적어야 합니다.", code=REQUIRED))
    if a.recruitment_id is None:
        return results
    others = members(session, a.recruitment_id)
    standings = [
        Standing(
            o.id,
            o.name,
            o.rank,
            decision if o.id == a.id else o.decision,
        )
        for o in others
    ]
    me = next(s for s in standings if s.id == a.id)
    if decision is ApplicantDecision.SELECTED:
        skipped = passed_over(me, standings)
        if skipped and not reason:
            names = ", ".join(f"{s.name}({s.rank}순위, {s.decision.label})" for s in skipped)
            results.append(
                refuse(
                    "reason",
                    f"선정 사유: 순위가 더 높은 {names}보다 먼저 선정하려면 사유를 적어야 합니다.",
                    code=REQUIRED,
                )
            )
        selected = [s for s in standings if s.decision is ApplicantDecision.SELECTED]
        if len(selected) > 1:
            results.append(
                warn(
                    "decision",
                    " ".join(selection_problems(standings)[:1]),
                    code=SELECTION_COUNT,
                    value=len(selected),
                    limit=1,
                )
            )
    return results


# --- reading helpers ---------------------------------------------------------------------------


def members(session: Session, recruitment_id: int) -> list[Applicant]:
    return list(
        session.scalars(
            select(Applicant)
            .where(Applicant.recruitment_id == recruitment_id, Applicant.archived_at.is_(None))
            .order_by(Applicant.id)
        )
    )


def candidate(a: Applicant) -> Candidate:
    return Candidate(a.id, a.score, a.applied_on, a.education_hours, a.decision)


def get_house(session: Session, house_id: int) -> House:
    house = session.get(House, house_id)
    if house is None:
        raise FormRefused([refuse(None, "귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND)])
    return house


def get_round(session: Session, recruitment_id: int | None) -> Recruitment:
    row = session.get(Recruitment, recruitment_id) if recruitment_id is not None else None
    if row is None:
        raise FormRefused(
            [refuse(None, "모집 회차를 찾을 수 없습니다. 목록을 새로 고쳐 주세요.", code=NOT_FOUND)]
        )
    return row


def get_applicant(session: Session, applicant_id: int | None) -> Applicant:
    row = session.get(Applicant, applicant_id) if applicant_id is not None else None
    if row is None:
        raise FormRefused(
            [
                refuse(
                    None, "입주신청자를 찾을 수 없습니다. 목록을 새로 고쳐 주세요.", code=NOT_FOUND
                )
            ]
        )
    return row
