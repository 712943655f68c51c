"""The forms and rows of recruitment (입주자 모집·선정): what the dialogs and lists exchange with
:mod:`recruitment`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gwinong_desktop.domain.enums import ApplicantDecision, AttachmentKind
from gwinong_desktop.domain.periods import format_period

NOTICE_DAYS = 14
"""A new round's notice runs this many days from today unless the officer changes it."""
DOCUMENT_KINDS = (
    AttachmentKind.APPLICATION,
    AttachmentKind.SETTLEMENT_PLAN,
    AttachmentKind.PRIVACY_CONSENT,
    AttachmentKind.EDUCATION_CERTIFICATE,
    AttachmentKind.OTHER,
)
"""The documents an applicant hands in (입주신청서, 귀농정착계획서, 동의서, 수료증, 기타)."""


@dataclass
class RoundForm:
    """A recruitment round as the officer enters it; ``id`` None for a new one."""

    house_id: int | None = None
    title: str = ""
    notice_from: date | None = None
    notice_to: date | None = None
    monthly_rent: int | None = None
    deposit: int | None = None
    conditions: str = ""
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""


@dataclass
class ApplicantForm:
    """An application to a round; ``id`` None for a new one."""

    recruitment_id: int
    name: str = ""
    birth_date: date | None = None
    phone: str = ""
    address: str = ""
    household_size: int | None = 1
    education_hours: int | None = 0
    with_family: bool = False
    applied_on: date | None = None
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""


@dataclass
class DecisionForm:
    """The decision on one applicant."""

    applicant_id: int
    decision: ApplicantDecision = ApplicantDecision.SELECTED
    decided_on: date | None = None
    reason: str = ""
    revision: int | None = None
    """The applicant's revision when the form was loaded: a save over a later one is refused."""


@dataclass(frozen=True)
class RoundRow:
    """One round as the list shows it."""

    id: int
    house_id: int
    house_code: str
    house_place: str  # 읍·면 리
    title: str
    notice_from: date
    notice_to: date
    monthly_rent: int
    deposit: int
    applicants: int
    selected: str  # the selected applicant's name (masked unless the role may see it)
    decided_on: date | None
    archived: bool

    def notice(self) -> str:
        return format_period(self.notice_from, self.notice_to)

    @property
    def year(self) -> int:
        return self.notice_from.year


@dataclass(frozen=True)
class ApplicantRow:
    """One applicant as the list shows it (personal data masked unless the role may see it)."""

    id: int
    recruitment_id: int
    name: str
    birth: str
    phone: str
    address: str
    household_size: int
    education_hours: int
    with_family: bool
    applied_on: date
    score: int | None
    score_detail: dict[str, int] | None
    rank: int | None
    decision: ApplicantDecision
    decision_reason: str
    decided_on: date | None
    documents: tuple[AttachmentKind, ...]
    archived: bool


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: AttachmentKind
    original_name: str
    size_bytes: int


@dataclass(frozen=True)
class ScoreOutcome:
    """What ``score_round`` did: how many were scored now, how many kept their decided score."""

    scored: int
    kept: int
    year: int
    ranked: int


@dataclass
class MoveInCandidate:
    """The selected applicant a stay may be registered for."""

    applicant_id: int
    name: str
    house_id: int
    monthly_rent: int
    deposit: int
    household_size: int
    reasons: list[str] = field(default_factory=list)
