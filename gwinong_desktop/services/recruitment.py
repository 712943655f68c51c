"""Recruitment (입주자 모집·선정): rounds for a house, their applicants and documents, the score on
the county's criteria, the ranking, the decisions and their reasons — kept as evidence.

- A **round** (``Recruitment``) recruits for one house: its notice period (the end never before
  the start: refused), rent and deposit (defaulting to the house's standard values; above
  RENT_MAX / DEPOSIT_MAX of the notice year they warn and need a reason, as the house form does),
  conditions and a note.
- An **applicant** belongs to a round: name, birth date, phone, previous address (전거주지),
  household size, 귀농교육 hours, whether the family moves in, the applied date, the documents
  received (scans kept as attachments of the applicant) and a note.
- **Scoring** (``score_round``) uses ``domain.selection`` with the rules of the year the notice
  begins. The points per criterion are stored in ``score_detail`` as computed then. A score is
  evidence: applicants already decided (선정·대기·탈락) keep theirs; the undecided are scored
  again; every applicant of the round is ranked again over the kept and the new totals.
- A **decision** (선정·대기·탈락·취하, or back to 심사중) has a date and a reason; the reason is
  required for 탈락 and for a 선정 that passes over a higher-ranked applicant still waiting.
  More than one 선정 in a round warns (one house per round) and needs a reason.

Personal data: lists show names, phones, birth dates and addresses in full only to roles that
may see them, and that showing is an access record; opening an applicant's form is one too.
The evidence view of a round is in :mod:`recruitment_evidence`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gwinong_desktop.domain.enums import ApplicantDecision, AttachmentKind
from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import RuleResult, RuleSet, refuse
from gwinong_desktop.domain.selection import rank, score_applicant
from gwinong_desktop.storage.models import Applicant, Attachment, House, Recruitment

from .attachments import FileBatch, PendingFile, add_files
from .context import ServiceContext
from .privacy import list_policy, log_personal_view
from .recruitment_checks import (
    DECIDED,
    candidate,
    check_applicant,
    check_decision,
    check_round,
    get_applicant,
    get_house,
    get_round,
    members,
    scoring_change,
)
from .recruitment_forms import (
    NOTICE_DAYS,
    ApplicantForm,
    ApplicantRow,
    DecisionForm,
    DocumentRow,
    MoveInCandidate,
    RoundForm,
    RoundRow,
    ScoreOutcome,
)
from .revisions import refuse_if_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    accepted_before,
    archive,
    clean,
    gate,
    record_overrides,
    unarchive,
)
from .rules import RuleBook

if TYPE_CHECKING:
    from gwinong_desktop.exchange.table import TableSummary

    from .recruitment_evidence import RoundEvidence


class RecruitmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- rounds -----------------------------------------------------------------------------

    def rounds(
        self, *, house_id: int | None = None, include_archived: bool = False
    ) -> list[RoundRow]:
        """Every round (or a house's), newest notice first."""
        people = list_policy(self.ctx)
        with self.ctx.read() as session:
            counts = dict(
                session.execute(
                    select(Applicant.recruitment_id, func.count(Applicant.id))
                    .where(Applicant.recruitment_id.is_not(None), Applicant.archived_at.is_(None))
                    .group_by(Applicant.recruitment_id)
                ).all()
            )
            chosen: dict[int, list[str]] = {}
            for rid, name in session.execute(
                select(Applicant.recruitment_id, Applicant.name).where(
                    Applicant.decision == ApplicantDecision.SELECTED,
                    Applicant.archived_at.is_(None),
                    Applicant.recruitment_id.is_not(None),
                )
            ):
                chosen.setdefault(rid, []).append(people.name(name))
            stmt = (
                select(Recruitment, House.code, House.eupmyeon, House.ri)
                .join(House, House.id == Recruitment.house_id)
                .order_by(Recruitment.notice_from.desc(), Recruitment.id.desc())
            )
            if house_id is not None:
                stmt = stmt.where(Recruitment.house_id == house_id)
            if not include_archived:
                stmt = stmt.where(Recruitment.archived_at.is_(None))
            return [
                RoundRow(
                    id=r.id,
                    house_id=r.house_id,
                    house_code=code,
                    house_place=" ".join(p for p in (eupmyeon, ri) if p),
                    title=r.title,
                    notice_from=r.notice_from,
                    notice_to=r.notice_to,
                    monthly_rent=r.monthly_rent or 0,
                    deposit=r.deposit or 0,
                    applicants=counts.get(r.id, 0),
                    selected=", ".join(chosen.get(r.id, [])),
                    decided_on=r.decided_on,
                    archived=r.archived_at is not None,
                )
                for r, code, eupmyeon, ri in session.execute(stmt)
            ]

    def new_round(self, house_id: int) -> RoundForm:
        """A blank round for the house: its standard rent and deposit, a notice from today."""
        today = self.ctx.today()
        with self.ctx.read() as session:
            house = get_house(session, house_id)
            return RoundForm(
                house_id=house_id,
                title=f"{house.code} 귀농인의 집 입주자 모집 ({today.year}년)",
                notice_from=today,
                notice_to=today + timedelta(days=NOTICE_DAYS),
                monthly_rent=house.monthly_rent,
                deposit=house.deposit,
            )

    def load_round(self, recruitment_id: int) -> RoundForm:
        with self.ctx.read() as session:
            r = get_round(session, recruitment_id)
            return RoundForm(
                house_id=r.house_id,
                title=r.title,
                notice_from=r.notice_from,
                notice_to=r.notice_to,
                monthly_rent=r.monthly_rent,
                deposit=r.deposit,
                conditions=r.conditions or "",
                note=r.note or "",
                id=r.id,
                revision=r.revision,
            )

    def validate_round(self, form: RoundForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_round(session, form)

    def save_round(
        self, form: RoundForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Write the round (FormRefused / WarningsPending: nothing written)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            results = check_round(session, form)
            row = get_round(session, form.id) if form.id is not None else Recruitment()
            refuse_if_changed(session, row, form, "recruitment")
            accepted = gate(
                results, accepted_warnings, accepted_before(session, "recruitment", row.uid)
            )
            row.house_id = form.house_id  # type: ignore[assignment]
            row.title = (form.title or "").strip()
            row.notice_from = form.notice_from  # type: ignore[assignment]
            row.notice_to = form.notice_to  # type: ignore[assignment]
            row.monthly_rent = form.monthly_rent or 0
            row.deposit = form.deposit or 0
            row.conditions = clean(form.conditions)
            row.note = clean(form.note)
            if form.id is None:
                session.add(row)
            session.flush()
            count = record_overrides(session, "recruitment", row.uid, accepted, accepted_warnings)
            return SavedRecord(row.id, row.uid, count)

    def archive_round(self, recruitment_id: int, reason: str) -> None:
        """Hide a round (kept, restorable) with the officer's reason."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            archive(get_round(session, recruitment_id), reason)

    def restore_round(self, recruitment_id: int) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            unarchive(get_round(session, recruitment_id))

    # --- applicants -------------------------------------------------------------------------

    def applicants(
        self, recruitment_id: int, *, include_archived: bool = False
    ) -> list[ApplicantRow]:
        """The round's applicants, by rank (unranked last, by applied date). Shown in full to
        roles that may see personal data: that is an access record."""
        people = list_policy(self.ctx)
        with self.ctx.read() as session:
            round_ = get_round(session, recruitment_id)
            stmt = select(Applicant).where(Applicant.recruitment_id == recruitment_id)
            if not include_archived:
                stmt = stmt.where(Applicant.archived_at.is_(None))
            found = list(session.scalars(stmt))
            docs: dict[int, list[AttachmentKind]] = {}
            for aid, kind in session.execute(
                select(Attachment.applicant_id, Attachment.kind)
                .where(
                    Attachment.applicant_id.in_([a.id for a in found] or [-1]),
                    Attachment.archived_at.is_(None),
                )
                .order_by(Attachment.id)
            ):
                docs.setdefault(aid, []).append(kind)
            found.sort(key=lambda a: (a.rank is None, a.rank or 0, a.applied_on, a.id))
            rows = [
                ApplicantRow(
                    id=a.id,
                    recruitment_id=recruitment_id,
                    name=people.name(a.name),
                    birth=str(people.birth(a.birth_date) or ""),
                    phone=people.phone(a.phone),
                    address=people.address(a.address),
                    household_size=a.household_size,
                    education_hours=a.education_hours,
                    with_family=a.with_family,
                    applied_on=a.applied_on,
                    score=a.score,
                    score_detail=dict(a.score_detail) if a.score_detail else None,
                    rank=a.rank,
                    decision=a.decision,
                    decision_reason=a.decision_reason or "",
                    decided_on=a.decided_on,
                    documents=tuple(docs.get(a.id, ())),
                    archived=a.archived_at is not None,
                )
                for a in found
            ]
            uid = round_.uid
        if people.include and rows:
            log_personal_view(
                self.ctx, "recruitment", uid, f"입주신청자 목록 {len(rows)}명 (성명·연락처)"
            )
        return rows

    def new_applicant(self, recruitment_id: int) -> ApplicantForm:
        """A blank application to the round, applied today (or the notice's last day if it
        has passed)."""
        with self.ctx.read() as session:
            r = get_round(session, recruitment_id)
            return ApplicantForm(
                recruitment_id=recruitment_id, applied_on=min(self.ctx.today(), r.notice_to)
            )

    def load_applicant(self, applicant_id: int) -> ApplicantForm:
        """The application in full, to edit it: an access record of the person's data."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.read() as session:
            a = get_applicant(session, applicant_id)
            form = ApplicantForm(
                recruitment_id=a.recruitment_id,  # type: ignore[arg-type]
                name=a.name,
                birth_date=a.birth_date,
                phone=a.phone or "",
                address=a.address or "",
                household_size=a.household_size,
                education_hours=a.education_hours,
                with_family=a.with_family,
                applied_on=a.applied_on,
                note=a.note or "",
                id=a.id,
                revision=a.revision,
            )
            uid = a.uid
        log_personal_view(self.ctx, "applicant", uid, "입주신청서 (성명·생년월일·연락처·주소)")
        return form

    def documents(self, applicant_id: int) -> list[DocumentRow]:
        """The documents received from the applicant (scans), oldest first."""
        with self.ctx.read() as session:
            return [
                DocumentRow(*row)
                for row in session.execute(
                    select(
                        Attachment.id, Attachment.kind, Attachment.original_name,
                        Attachment.size_bytes,
                    )
                    .where(
                        Attachment.applicant_id == applicant_id,
                        Attachment.archived_at.is_(None),
                    )
                    .order_by(Attachment.created_at, Attachment.id)
                )
            ]  # fmt: skip

    def validate_applicant(
        self, form: ApplicantForm, files: list[PendingFile] | None = None
    ) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_applicant(session, form, files or [], self.ctx.today())

    def save_applicant(
        self,
        form: ApplicantForm,
        *,
        accepted_warnings: Mapping[str, str] | None = None,
        files: list[PendingFile] | None = None,
    ) -> SavedRecord:
        """Write the application and the documents received, in one unit. Changing what the
        score counts (귀농교육 hours, family) of an undecided applicant clears the score and
        rank: score the round again; of a decided one it is refused."""
        self.ctx.require(Permission.EDIT)
        files = files or []
        batch = FileBatch(self.ctx.db.folder.root)
        try:
            with self.ctx.write() as session:
                results = check_applicant(session, form, files, self.ctx.today())
                a = get_applicant(session, form.id) if form.id is not None else None
                if a is not None:
                    refuse_if_changed(session, a, form, "applicant")
                    results += scoring_change(a, form)
                row = a or Applicant()
                accepted = gate(
                    results, accepted_warnings, accepted_before(session, "applicant", row.uid)
                )
                round_ = get_round(session, form.recruitment_id)
                if a is not None and (
                    a.education_hours != form.education_hours or a.with_family != form.with_family
                ):
                    row.score = row.score_detail = row.rank = None
                row.recruitment_id = form.recruitment_id
                row.wanted_house_id = round_.house_id
                row.name = form.name.strip()
                row.birth_date = form.birth_date
                row.phone = clean(form.phone)
                row.address = clean(form.address)
                row.household_size = form.household_size or 1
                row.education_hours = form.education_hours or 0
                row.with_family = form.with_family
                row.applied_on = form.applied_on  # type: ignore[assignment]
                row.note = clean(form.note)
                if a is None:
                    session.add(row)
                session.flush()
                for attachment in add_files(session, batch, files, house_id=round_.house_id):
                    attachment.applicant_id = row.id
                count = record_overrides(session, "applicant", row.uid, accepted, accepted_warnings)
                return SavedRecord(row.id, row.uid, count)
        except BaseException:
            batch.discard()
            raise

    def archive_applicant(self, applicant_id: int, reason: str) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            archive(get_applicant(session, applicant_id), reason)

    # --- scoring and ranking ----------------------------------------------------------------

    def score_round(self, recruitment_id: int) -> ScoreOutcome:
        """Score the undecided applicants on the criteria of the notice year and rank every
        applicant of the round (decided applicants keep the score they were decided on)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            r = get_round(session, recruitment_id)
            rules = RuleBook(session).for_year(r.notice_from.year)
            found = members(session, recruitment_id)
            scored = kept = 0
            for a in found:
                if a.decision in DECIDED and a.score is not None:
                    kept += 1
                    continue
                if a.decision is ApplicantDecision.WITHDRAWN:
                    continue
                score = score_applicant(a.education_hours, a.with_family, rules)
                a.score = score.total
                a.score_detail = dict(score.detail)
                scored += 1
            ranks = rank(candidate(a) for a in found)
            for a in found:
                a.rank = ranks[a.id]
            return ScoreOutcome(scored, kept, rules.year, sum(1 for v in ranks.values() if v))

    def rules_of(self, recruitment_id: int) -> RuleSet:
        """The rule values the round is scored with (its notice year's)."""
        with self.ctx.read() as session:
            return RuleBook(session).for_year(get_round(session, recruitment_id).notice_from.year)

    # --- decisions --------------------------------------------------------------------------

    def decision_form(
        self, applicant_id: int, decision: ApplicantDecision | None = None
    ) -> DecisionForm:
        """The applicant's decision as it stands, or a new one (``decision``) dated today."""
        with self.ctx.read() as session:
            a = get_applicant(session, applicant_id)
            if decision is None and a.decision is not ApplicantDecision.PENDING:
                return DecisionForm(
                    applicant_id, a.decision, a.decided_on, a.decision_reason or "", a.revision
                )
            return DecisionForm(
                applicant_id, decision or ApplicantDecision.SELECTED, self.ctx.today(),
                revision=a.revision,
            )  # fmt: skip

    def validate_decision(self, form: DecisionForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_decision(session, form)

    def decide(
        self, form: DecisionForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Record the decision with its date and reason; a 선정 dates the round's 선정일."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            results = check_decision(session, form)
            a = get_applicant(session, form.applicant_id)
            refuse_if_changed(session, a, form, "applicant", names={"reason": "decision_reason"})
            accepted = gate(
                results, accepted_warnings, accepted_before(session, "applicant", a.uid)
            )
            a.decision = form.decision
            pending = form.decision is ApplicantDecision.PENDING
            a.decided_on = None if pending else form.decided_on
            a.decision_reason = clean(form.reason)
            if form.decision is ApplicantDecision.WITHDRAWN:
                a.rank = None
            if form.decision is ApplicantDecision.SELECTED and a.recruitment_id is not None:
                get_round(session, a.recruitment_id).decided_on = form.decided_on
            session.flush()
            count = record_overrides(session, "applicant", a.uid, accepted, accepted_warnings)
            return SavedRecord(a.id, a.uid, count)

    def wait_in_rank_order(self, recruitment_id: int) -> int:
        """After the 선정: every ranked applicant still 심사중 becomes 대기, in rank order, dated
        the round's 선정일, the reason naming the place on the waiting list ("예비 입주자 1번");
        returns how many. Refused before a 선정."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            r = get_round(session, recruitment_id)
            found = members(session, recruitment_id)
            if r.decided_on is None or not any(
                a.decision is ApplicantDecision.SELECTED for a in found
            ):
                raise FormRefused(
                    [refuse("decision", "먼저 입주자를 선정하세요. 대기는 선정 다음 순위입니다.")]
                )
            place = sum(1 for a in found if a.decision is ApplicantDecision.WAITING)
            open_ = sorted(
                (a for a in found if a.decision is ApplicantDecision.PENDING and a.rank),
                key=lambda a: a.rank or 0,
            )
            for a in open_:
                place += 1
                a.decision = ApplicantDecision.WAITING
                a.decided_on = max(r.decided_on, a.applied_on)
                a.decision_reason = f"예비 입주자 {place}번 ({a.rank}순위)"
            return len(open_)

    def move_in_candidate(self, applicant_id: int) -> MoveInCandidate:
        """The selected applicant and the terms of the round, for registering the move-in;
        ``reasons`` says why it cannot be done (not selected, no round)."""
        people = list_policy(self.ctx)
        with self.ctx.read() as session:
            a = get_applicant(session, applicant_id)
            r = session.get(Recruitment, a.recruitment_id) if a.recruitment_id else None
            reasons = []
            if a.decision is not ApplicantDecision.SELECTED:
                reasons.append(
                    f"{josa(people.name(a.name), '은')} {a.decision.label} 상태입니다. "
                    "선정된 신청자만 입주 등록할 수 있습니다."
                )
            if r is None:
                reasons.append("모집 회차가 없는 신청자입니다.")
            return MoveInCandidate(
                applicant_id=a.id,
                name=people.name(a.name),
                house_id=r.house_id if r else (a.wanted_house_id or 0),
                monthly_rent=r.monthly_rent if r else 0,
                deposit=r.deposit if r else 0,
                household_size=a.household_size,
                reasons=reasons,
            )

    # --- evidence ---------------------------------------------------------------------------

    def evidence(self, recruitment_id: int) -> RoundEvidence:
        """Everything an auditor asks of a round (an access record of the view)."""
        from .recruitment_evidence import round_evidence

        return round_evidence(self.ctx, recruitment_id)

    def export_evidence(
        self, recruitment_id: int, path: Path | str, *, include_personal: bool = False
    ) -> TableSummary:
        """The evidence as a workbook (masked unless ``include_personal``), recorded."""
        from .recruitment_evidence import export_round_evidence

        return export_round_evidence(self.ctx, recruitment_id, path, include_personal)
