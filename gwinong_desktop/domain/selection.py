"""Selecting residents (입주자 선정): the county's criteria, an applicant's score, the ranking and
the checks on the decisions of one recruitment round.

The guideline (시행지침 Ⅲ-2 입주대상) gives priority to applicants who completed 귀농교육 and to
those moving in with their family; the points of each are rule values per year (SCORE_EDUCATION
for at least EDUCATION_HOURS_MIN hours, SCORE_FAMILY), a weight of 0 leaves that criterion out.
A round is scored with the rules of the year its notice begins.

The points per criterion are kept with the applicant as evidence (``Score.detail``): a later
change of the weights never changes a score already given.

Ranking: the higher total first; on equal totals the earlier application (applied date), then
the more 귀농교육 hours, then the earlier registration (the lower record number). Applicants who
withdrew (취하) are not ranked. A round recruits for one house: at most one 선정; the others wait
(대기) in rank order — ``selection_problems`` names what breaks that.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .enums import ApplicantDecision
from .ruleset import RuleKey, RuleSet

EDUCATION = "education"
FAMILY = "family"

TIE_RULE = "동점이면 신청일이 빠른 순, 그다음 귀농교육 이수 시간이 많은 순, 그다음 접수 순"
"""How equal totals are ordered, as the evidence states it."""

HOUSES_PER_ROUND = 1
"""A round recruits for one house: at most this many 선정."""


@dataclass(frozen=True)
class Criterion:
    """One selection criterion: its stored code, Korean name, and the rule giving its points."""

    code: str
    label: str
    weight_key: RuleKey

    def weight(self, rules: RuleSet) -> int:
        return rules.value(self.weight_key)

    def condition(self, rules: RuleSet) -> str:
        """What an applicant must meet, in Korean ("귀농교육 100시간 이상 이수")."""
        if self.code == EDUCATION:
            return f"귀농교육 {rules.value(RuleKey.EDUCATION_HOURS_MIN):,}시간 이상 이수"
        return "가족(세대원)과 함께 입주"

    def met(self, education_hours: int, with_family: bool, rules: RuleSet) -> bool:
        if self.code == EDUCATION:
            return education_hours >= rules.value(RuleKey.EDUCATION_HOURS_MIN)
        return with_family


CRITERIA: tuple[Criterion, ...] = (
    Criterion(EDUCATION, "귀농교육 이수", RuleKey.SCORE_EDUCATION),
    Criterion(FAMILY, "가족 동반 입주", RuleKey.SCORE_FAMILY),
)
CRITERION_LABELS = {c.code: c.label for c in CRITERIA}


def criterion_label(code: str) -> str:
    """The Korean name of a criterion code kept in a score (unknown codes as they are)."""
    return CRITERION_LABELS.get(code, code)


@dataclass(frozen=True)
class Score:
    """The points per criterion code and their total."""

    detail: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.detail.values())


def criteria_in_use(rules: RuleSet) -> list[Criterion]:
    """The criteria whose weight is not 0 in ``rules``' year."""
    return [c for c in CRITERIA if c.weight(rules) > 0]


def score_applicant(education_hours: int, with_family: bool, rules: RuleSet) -> Score:
    """The points an applicant earns on every criterion in use (0 where not met)."""
    if education_hours < 0:
        raise ValueError(f"귀농교육 이수 시간이 음수입니다: {education_hours}")
    return Score(
        {
            c.code: c.weight(rules) if c.met(education_hours, with_family, rules) else 0
            for c in criteria_in_use(rules)
        }
    )


@dataclass(frozen=True)
class Candidate:
    """What ranking needs of an applicant."""

    id: int
    total: int | None
    applied_on: date
    education_hours: int
    decision: ApplicantDecision


def rank(candidates: Iterable[Candidate]) -> dict[int, int | None]:
    """Rank per applicant id (1 = first); withdrawn or unscored applicants get None."""
    candidates = list(candidates)
    ranked = sorted(
        (
            c
            for c in candidates
            if c.decision is not ApplicantDecision.WITHDRAWN and c.total is not None
        ),
        key=lambda c: (-(c.total or 0), c.applied_on, -c.education_hours, c.id),
    )
    out: dict[int, int | None] = {c.id: None for c in candidates}
    for position, candidate in enumerate(ranked, 1):
        out[candidate.id] = position
    return out


@dataclass(frozen=True)
class Standing:
    """An applicant of a round as the decision checks see it."""

    id: int
    name: str
    rank: int | None
    decision: ApplicantDecision


def passed_over(target: Standing, others: Sequence[Standing]) -> list[Standing]:
    """Applicants ranked above ``target`` who are neither selected, withdrawn nor rejected —
    selecting ``target`` passes over them (a reason is required)."""
    if target.rank is None:
        return []
    open_ = (ApplicantDecision.PENDING, ApplicantDecision.WAITING)
    return [
        o
        for o in others
        if o.id != target.id and o.rank is not None and o.rank < target.rank and o.decision in open_
    ]


def selection_problems(standings: Sequence[Standing]) -> list[str]:
    """What breaks "at most one 선정 per house, the others 대기 in rank order" (Korean lines)."""
    problems = []
    selected = [s for s in standings if s.decision is ApplicantDecision.SELECTED]
    if len(selected) > HOUSES_PER_ROUND:
        names = ", ".join(s.name for s in selected)
        problems.append(
            f"선정이 {len(selected)}명입니다({names}). 모집 한 회차는 집 {HOUSES_PER_ROUND}채를 "
            f"모집하므로 선정은 {HOUSES_PER_ROUND}명까지입니다."
        )
    pending = [s for s in standings if s.decision is ApplicantDecision.PENDING and s.rank]
    for s in standings:
        if s.decision is not ApplicantDecision.WAITING or s.rank is None:
            continue
        above = [p for p in pending if (p.rank or 0) < s.rank]
        if above:
            names = ", ".join(f"{p.name}({p.rank}순위)" for p in above)
            problems.append(
                f"대기 순서가 순위와 다릅니다: {s.name}({s.rank}순위)은(는) 대기인데 순위가 더 "
                f"높은 {names}은(는) 아직 심사중입니다."
            )
    for s in selected:
        skipped = passed_over(s, standings)
        if skipped:
            names = ", ".join(f"{o.name}({o.rank}순위)" for o in skipped)
            problems.append(
                f"{s.name}({s.rank}순위) 선정은 순위가 더 높은 {names}을(를) 앞지릅니다."
            )
    return problems
