"""The demo county's recruitment rounds: a round per recent move-in and an open one per empty house.

Applicants are scored on the county's criteria of the notice year (``domain.selection``; the demo
keeps the guideline's weights) with the points kept in ``score_detail``, and ranked as the program
ranks them. In a decided round the resident who moved in is 선정; an applicant ranked above them
withdrew (취하) or was turned down for a missing document (탈락, with the reason), the next one
waits (대기) where nobody extended the stay, the others were turned down with a reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from gwinong_desktop.domain.enums import ApplicantDecision
from gwinong_desktop.domain.rules import RuleSet
from gwinong_desktop.domain.selection import Candidate, rank, score_applicant
from gwinong_desktop.storage.models import Applicant, Recruitment

from .county import BuiltHouse
from .rows import Rows

NOTICE_BEFORE = 10  # days of notice before the typical application
NOTICE_AFTER = 9
_AHEAD_REASONS = ("서류 미비(귀농정착계획서 미제출)", "입주 자격 미충족(주소지가 이미 관내)")
_BELOW_REASONS = ("순위 밖(모집 1세대)", "면접 불참", "연락 두절(서류 보완 요청에 응답 없음)")


@dataclass(frozen=True)
class Person:
    """An applicant as the demo made them up."""

    name: str
    birth: date
    phone: str
    address: str
    household_size: int
    hours: int
    family: bool
    applied_on: date


def write_round(
    rows: Rows,
    rng: random.Random,
    house: BuiltHouse,
    applied: date,
    chosen: Person | None,
    others: list[Person],
    *,
    decided_on: date | None,
    waiting_allowed: bool,
) -> int | None:
    """The round around ``applied`` and its applicants; returns the chosen one's applicant id
    (None when the round is still open)."""
    notice_from = applied - timedelta(days=NOTICE_BEFORE)
    notice_to = applied + timedelta(days=NOTICE_AFTER)
    rules = RuleSet.defaults(notice_from.year)
    round_id = rows.add(
        Recruitment,
        notice_from,
        house_id=house.id,
        title=f"{house.code} 귀농인의 집 입주자 모집 ({notice_from.year}.{notice_from.month}.)",
        notice_from=notice_from,
        notice_to=notice_to,
        monthly_rent=house.plan.rent,
        deposit=house.plan.deposit,
        conditions="도시지역에서 귀농을 희망하는 세대 (귀농교육 이수자·가족 동반 우선)",
        decided_on=decided_on,
    )
    people = ([chosen] if chosen else []) + others
    scores = [score_applicant(p.hours, p.family, rules) for p in people]
    order = rank(
        Candidate(i, s.total, p.applied_on, p.hours, ApplicantDecision.PENDING)
        for i, (p, s) in enumerate(zip(people, scores, strict=True))
    )
    decisions: list[tuple[ApplicantDecision, str | None]] = [
        (ApplicantDecision.PENDING, None)
    ] * len(people)
    if chosen is not None:
        mine = order[0] or 0
        decisions[0] = (ApplicantDecision.SELECTED, None)
        waiting = waiting_allowed
        for i in sorted(range(1, len(people)), key=lambda i: order[i] or 0):
            if (order[i] or 0) < mine:
                if rng.random() < 0.5:
                    decisions[i] = (ApplicantDecision.WITHDRAWN, "본인 취하(타 지역 귀농)")
                else:
                    decisions[i] = (ApplicantDecision.REJECTED, rng.choice(_AHEAD_REASONS))
            elif waiting:
                decisions[i] = (ApplicantDecision.WAITING, "예비 입주자 1번")
                waiting = False
            else:
                decisions[i] = (ApplicantDecision.REJECTED, rng.choice(_BELOW_REASONS))
    final = rank(
        Candidate(i, s.total, p.applied_on, p.hours, d)
        for i, (p, s, (d, _)) in enumerate(zip(people, scores, decisions, strict=True))
    )
    chosen_id = None
    for i, (person, score, (decision, reason)) in enumerate(
        zip(people, scores, decisions, strict=True)
    ):
        applicant_id = rows.add(
            Applicant,
            person.applied_on,
            name=person.name,
            birth_date=person.birth,
            phone=person.phone,
            address=person.address,
            household_size=person.household_size,
            education_hours=person.hours,
            with_family=person.family,
            applied_on=person.applied_on,
            wanted_house_id=house.id,
            recruitment_id=round_id,
            score=score.total,
            score_detail=dict(score.detail),
            rank=final[i],
            decision=decision,
            decided_on=decided_on if decision is not ApplicantDecision.PENDING else None,
            decision_reason=reason,
        )
        if i == 0 and chosen is not None:
            chosen_id = applicant_id
    return chosen_id
