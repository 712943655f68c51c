"""The evidence of a recruitment round (선정 증빙), as an auditor asks for it later.

The notice and terms, the criteria and weights of the notice year, and for every applicant the
points per criterion as they were stored when scored, the total, the rank, the decision, its
reason and date, and who recorded it and when (from the audit trail). Warnings gone past with a
reason (a second 선정, an application outside the notice period, a rent over the limit) are
listed with their reasons. Where a stored score differs from what today's weights would give,
the view says so: the stored points are the evidence.

Opening the view is an access record; exporting it is one too (masked unless "개인정보 포함").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.domain.enums import ApplicantDecision, AttachmentKind
from gwinong_desktop.domain.periods import format_date_ko, format_moment, format_period
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.selection import (
    CRITERIA,
    TIE_RULE,
    Standing,
    criterion_label,
    score_applicant,
    selection_problems,
)
from gwinong_desktop.exchange.table import Column, TableSummary, write_table
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.models import (
    Applicant,
    Attachment,
    AuditEvent,
    House,
    Recruitment,
    RuleOverride,
)

from .context import ServiceContext
from .privacy import PersonalDataPolicy, export_policy, list_policy, log_export
from .recruitment_checks import get_round
from .rule_gate import rule_label
from .rules import RuleBook


@dataclass(frozen=True)
class CriterionLine:
    code: str
    label: str
    condition: str
    weight: int


@dataclass(frozen=True)
class EvidenceLine:
    """One applicant in the evidence."""

    rank: int | None
    name: str
    applied_on: date
    household_size: int
    education_hours: int
    with_family: bool
    points: dict[str, int]  # criterion code → points, as stored when scored
    total: int | None
    decision: ApplicantDecision
    reason: str
    decided_on: date | None
    decided_by: str  # the account that recorded the decision ("" when the trail has none)
    recorded_at: datetime | None
    documents: tuple[AttachmentKind, ...]
    stale: bool  # today's weights would give other points


@dataclass(frozen=True)
class OverrideNote:
    what: str  # "모집 공고" or the applicant's name
    rule: str
    message: str
    reason: str
    actor: str
    at: datetime


@dataclass
class RoundEvidence:
    recruitment_id: int
    house_code: str
    house_address: str
    title: str
    notice_from: date
    notice_to: date
    monthly_rent: int
    deposit: int
    conditions: str
    note: str
    decided_on: date | None
    year: int
    criteria: list[CriterionLine]
    tie_rule: str
    lines: list[EvidenceLine] = field(default_factory=list)
    overrides: list[OverrideNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    personal: bool = False  # names shown in full

    def notice(self) -> str:
        return format_period(self.notice_from, self.notice_to)


def _gather(ctx: ServiceContext, recruitment_id: int, people: PersonalDataPolicy) -> RoundEvidence:
    with ctx.read() as session:
        r = get_round(session, recruitment_id)
        house = session.get(House, r.house_id)
        rules = RuleBook(session).for_year(r.notice_from.year)
        applicants = list(
            session.scalars(
                select(Applicant)
                .where(Applicant.recruitment_id == recruitment_id, Applicant.archived_at.is_(None))
                .order_by(Applicant.id)
            )
        )
        applicants.sort(key=lambda a: (a.rank is None, a.rank or 0, a.applied_on, a.id))
        uids = {a.uid: a for a in applicants}
        decided: dict[str, tuple[str, datetime]] = {}
        for uid, actor, at, changes in session.execute(
            select(AuditEvent.entity_uid, AuditEvent.actor, AuditEvent.at, AuditEvent.changes)
            .where(AuditEvent.entity == "applicant", AuditEvent.entity_uid.in_(list(uids) or [""]))
            .order_by(AuditEvent.id)
        ):
            if changes and "decision" in changes:
                decided[uid] = (actor, at)
        docs: dict[int, list[AttachmentKind]] = {}
        for aid, kind in session.execute(
            select(Attachment.applicant_id, Attachment.kind).where(
                Attachment.applicant_id.in_([a.id for a in applicants] or [-1]),
                Attachment.archived_at.is_(None),
            )
        ):
            docs.setdefault(aid, []).append(kind)
        overrides = session.execute(
            select(RuleOverride)
            .where(
                ((RuleOverride.entity == "recruitment") & (RuleOverride.entity_uid == r.uid))
                | (
                    (RuleOverride.entity == "applicant")
                    & RuleOverride.entity_uid.in_(list(uids) or [""])
                )
            )
            .order_by(RuleOverride.created_at)
        ).scalars()
        evidence = RoundEvidence(
            recruitment_id=r.id,
            house_code=house.code if house else "",
            house_address=" ".join(
                p for p in (house.sigun, house.eupmyeon, house.ri, house.jibun) if p
            )
            if house
            else "",
            title=r.title,
            notice_from=r.notice_from,
            notice_to=r.notice_to,
            monthly_rent=r.monthly_rent or 0,
            deposit=r.deposit or 0,
            conditions=r.conditions or "",
            note=r.note or "",
            decided_on=r.decided_on,
            year=rules.year,
            criteria=[
                CriterionLine(c.code, c.label, c.condition(rules), c.weight(rules))
                for c in CRITERIA
            ],
            tie_rule=TIE_RULE,
            personal=people.include,
        )
        for a in applicants:
            stored = {k: int(v) for k, v in (a.score_detail or {}).items()}
            now = score_applicant(a.education_hours, a.with_family, rules).detail
            by, at = decided.get(a.uid, ("", None))
            evidence.lines.append(
                EvidenceLine(
                    rank=a.rank,
                    name=people.name(a.name),
                    applied_on=a.applied_on,
                    household_size=a.household_size,
                    education_hours=a.education_hours,
                    with_family=a.with_family,
                    points=stored,
                    total=a.score,
                    decision=a.decision,
                    reason=a.decision_reason or "",
                    decided_on=a.decided_on,
                    decided_by=by,
                    recorded_at=at,
                    documents=tuple(docs.get(a.id, ())),
                    stale=bool(a.score_detail) and stored != now,
                )
            )
        for o in overrides:
            who = "모집 공고"
            if o.entity == "applicant" and o.entity_uid in uids:
                who = people.name(uids[o.entity_uid].name)
            evidence.overrides.append(
                OverrideNote(who, rule_label(o.rule), o.message, o.reason, o.actor, o.created_at)
            )
        evidence.problems = selection_problems(
            [Standing(a.id, people.name(a.name), a.rank, a.decision) for a in applicants]
        )
        return evidence


def round_evidence(ctx: ServiceContext, recruitment_id: int) -> RoundEvidence:
    """The round's evidence; viewing it is an access record (names in full only to roles that
    may see personal data)."""
    people = list_policy(ctx)
    evidence = _gather(ctx, recruitment_id, people)
    with ctx.write() as session:
        uid = session.get(Recruitment, recruitment_id).uid  # type: ignore[union-attr]
        log_event(
            session,
            "view",
            "recruitment",
            f"선정 증빙 열람: {evidence.title} ({people.label})",
            uid,
        )
    return evidence


EVIDENCE_COLUMNS = (
    Column("순위", 6),
    Column("성명", 10),
    Column("신청일", 12),
    Column("세대원 수", 8),
    Column("귀농교육(시간)", 10),
    Column("가족 동반", 8),
)


def evidence_rows(evidence: RoundEvidence) -> tuple[list[Column], list[list[object]]]:
    """The evidence as a table: one row per applicant, a column per criterion."""
    columns = list(EVIDENCE_COLUMNS)
    columns += [Column(f"{c.label}({c.weight}점)", 12) for c in evidence.criteria]
    columns += [
        Column("총점", 8),
        Column("결정", 8),
        Column("결정일", 12),
        Column("사유", 40, wrap=True),
        Column("기록한 사람", 12),
        Column("기록 시각", 18),
        Column("제출 서류", 30, wrap=True),
    ]
    rows: list[list[object]] = []
    for line in evidence.lines:
        rows.append(
            [
                line.rank,
                line.name,
                line.applied_on,
                line.household_size,
                line.education_hours,
                line.with_family,
                *[line.points.get(c.code) for c in evidence.criteria],
                line.total,
                line.decision.label,
                line.decided_on,
                line.reason,
                line.decided_by,
                format_moment(line.recorded_at) if line.recorded_at else "",
                ", ".join(k.label for k in line.documents),
            ]
        )
    return columns, rows


def export_round_evidence(
    ctx: ServiceContext, recruitment_id: int, path: Path | str, include_personal: bool
) -> TableSummary:
    """Write the evidence to ``path`` as a workbook and record the export."""
    ctx.require(Permission.EXPORT_LIST)
    policy = export_policy(ctx, include_personal)
    evidence = _gather(ctx, recruitment_id, policy)
    columns, rows = evidence_rows(evidence)
    path = Path(path)
    title = f"선정 증빙 {evidence.house_code} {format_date_ko(evidence.notice_from)}"
    summary = write_table(path, columns, rows, sheet=title, label="선정 증빙 쓰는 중")
    with ctx.write() as session:
        uid = session.get(Recruitment, recruitment_id).uid  # type: ignore[union-attr]
        log_export(
            session, "recruitment", f"{title} {summary.rows}명 내보내기: {path.name}", policy, uid
        )
    return summary


def criterion_names(points: dict[str, int]) -> str:
    """ "귀농교육 이수 10점, 가족 동반 입주 0점"."""
    return ", ".join(f"{criterion_label(k)} {v}점" for k, v in points.items())
