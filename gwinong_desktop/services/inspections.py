"""Site visits (#12): inspections with their checklist, findings followed to their 조치결과,
visits planned for several houses, the visit list's data, and the move-out inspection of a stay.

The checklist of each kind is the county's (a data-folder setting, ``folder_settings.CHECKLISTS``);
an inspection keeps the items as answered, with their texts, so editing the checklist later
changes no past inspection. Findings are open until closed with a 조치결과 and its date; the
open ones are listed county-wide, overdue first. Everything written is audited by the session's
hook; nothing here is personal data (a move-out inspection names its stay, not the person).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain import folder_settings
from gwinong_desktop.domain.enums import FindingStatus, InspectionKind, PhotoPhase, PhotoSlot
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import NOT_FOUND, refuse
from gwinong_desktop.storage.folder_settings import read_setting, write_setting
from gwinong_desktop.storage.models import (
    Finding,
    House,
    Inspection,
    Photo,
    Stay,
    User,
    VisitStop,
)

from .context import ServiceContext
from .inspection_drafts import DraftStore
from .inspection_forms import (
    ChecklistAnswer,
    FindingForm,
    FindingRow,
    InspectionForm,
    InspectionRow,
    MoveOutChoice,
    check_checklist,
    check_finding,
    check_inspection,
    checklist_items,
)
from .inspection_visits import VisitPlanning
from .revisions import line_revisions, refuse_if_changed, refuse_if_lines_changed
from .rule_gate import FormRefused, SavedRecord, archive, clean, gate, required


def house_place(eupmyeon: str | None, ri: str | None) -> str:
    return " ".join(p for p in (eupmyeon, ri) if p)


class InspectionService(VisitPlanning):
    """``Services.inspections``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the county's checklists -----------------------------------------------------------

    def checklist(self, kind: InspectionKind) -> list[str]:
        """The county's checklist items for ``kind`` (the guideline's concerns by default)."""
        with self.ctx.read() as session:
            return checklist_items(read_setting(session, folder_settings.CHECKLISTS[kind.value]))

    def set_checklist(self, kind: InspectionKind, items: list[str]) -> None:
        """Replace the checklist of ``kind`` (past inspections keep what they answered)."""
        self.ctx.require(Permission.EDIT)
        gate(check_checklist(items), None)
        with self.ctx.write() as session:
            text = "\n".join(checklist_items("\n".join(items)))
            write_setting(session, folder_settings.CHECKLISTS[kind.value], text)

    def reset_checklist(self, kind: InspectionKind) -> list[str]:
        """Back to the default items of ``kind``; returns them."""
        setting = folder_settings.CHECKLISTS[kind.value]
        self.set_checklist(kind, checklist_items(setting.default))
        return checklist_items(setting.default)

    # --- inspections ---------------------------------------------------------------------

    def signed_in_name(self) -> str:
        """The signed-in officer's display name (the default inspector), else the actor."""
        if self.ctx.user_id is None:
            return self.ctx.actor if self.ctx.actor != "system" else ""
        with self.ctx.read() as session:
            name = session.scalar(select(User.display_name).where(User.id == self.ctx.user_id))
            return name or self.ctx.actor

    def new_inspection(
        self, house_id: int, kind: InspectionKind = InspectionKind.REGULAR
    ) -> InspectionForm:
        """A form for a new inspection of ``house_id`` today, with the county's checklist."""
        return InspectionForm(
            house_id=house_id, kind=kind, inspected_on=self.ctx.today(),
            inspector=self.signed_in_name(),
            checklist=[ChecklistAnswer(item) for item in self.checklist(kind)],
        )  # fmt: skip

    def new_move_out(self, stay_id: int) -> InspectionForm:
        """The move-out inspection of a stay: its house, the move-out day (today if the stay
        has no move-out date yet, or it is still to come)."""
        with self.ctx.read() as session:
            stay = session.get(Stay, stay_id)
            if stay is None or stay.archived_at is not None:
                raise FormRefused([refuse(None, "입주 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
            house_id, out = stay.house_id, stay.moved_out_on
        form = self.new_inspection(house_id, InspectionKind.MOVE_OUT)
        form.stay_id = stay_id
        if out is not None and out <= self.ctx.today():
            form.inspected_on = out
        return form

    def move_outs_to_inspect(self) -> list[MoveOutChoice]:
        """Stays that have moved out and have no move-out inspection yet, latest first (the
        house and the period only: nothing personal)."""
        inspected = select(Inspection.stay_id).where(
            Inspection.stay_id.is_not(None), Inspection.archived_at.is_(None)
        )
        stmt = (
            select(Stay.id, Stay.house_id, House.code, House.eupmyeon, House.ri, Stay.move_in_on,
                   Stay.moved_out_on)
            .join(House, House.id == Stay.house_id)
            .where(Stay.moved_out_on.is_not(None), Stay.archived_at.is_(None),
                   Stay.id.not_in(inspected))
            .order_by(Stay.moved_out_on.desc(), Stay.id.desc())
        )  # fmt: skip
        with self.ctx.read() as session:
            return [
                MoveOutChoice(sid, hid, code, house_place(e, r), start, out)
                for sid, hid, code, e, r, start, out in session.execute(stmt)
            ]

    def move_out_inspection(self, stay_id: int) -> int | None:
        """The inspection already recorded for the move-out of ``stay_id``, if any."""
        with self.ctx.read() as session:
            return session.scalar(
                select(Inspection.id).where(
                    Inspection.stay_id == stay_id, Inspection.archived_at.is_(None)
                )
            )

    def load(self, inspection_id: int) -> InspectionForm:
        with self.ctx.read() as session:
            i = _inspection(session, inspection_id)
            findings = _findings(session, i.id)
            return InspectionForm(
                house_id=i.house_id, kind=i.kind, inspected_on=i.inspected_on,
                inspector=i.inspector or "", summary=i.summary or "",
                checklist=[ChecklistAnswer(str(a.get("item", "")), str(a.get("result") or ""),
                                           str(a.get("note") or ""))
                           for a in (i.checklist or []) if isinstance(a, dict)],
                findings=[FindingForm(f.description, f.action_required or "", f.due_on,
                                      f.action_taken or "", f.resolved_on, f.id)
                          for f in findings],
                stay_id=i.stay_id, visit_id=i.visit_id, id=i.id, revision=i.revision,
                loaded_lines={"finding": line_revisions(findings)},
            )  # fmt: skip

    def validate(self, form: InspectionForm) -> list:
        with self.ctx.read() as session:
            return self._check(session, form)

    def _check(self, session: Session, form: InspectionForm) -> list:
        results = check_inspection(form, self.ctx.today())
        if form.house_id is not None:
            house = session.get(House, form.house_id)
            if house is None:
                results.append(
                    refuse("house_id", "귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND)
                )
        if form.stay_id is not None:
            stay = session.get(Stay, form.stay_id)
            if stay is None or stay.house_id != form.house_id:
                results.append(refuse("house_id", "퇴거 점검의 입주 기록이 이 집의 것이 아닙니다."))
            other = session.scalar(
                select(Inspection.inspected_on).where(
                    Inspection.stay_id == form.stay_id, Inspection.archived_at.is_(None),
                    Inspection.id != (form.id or 0),
                )
            )  # fmt: skip
            if other is not None:
                results.append(refuse(None, "이 입주의 퇴거 점검은 이미 기록되어 있습니다 "
                                      f"({format_date_ko(other)})."))  # fmt: skip
        if form.stop_id is not None:
            stop = session.get(VisitStop, form.stop_id)
            if stop is None or stop.house_id != form.house_id:
                results.append(refuse("house_id", "방문 계획의 이 집 순서를 찾을 수 없습니다."))
            elif stop.inspection_id is not None and stop.inspection_id != form.id:
                results.append(refuse(None, "이 방문 순서는 이미 점검 기록이 있습니다."))
        return results

    def save(self, form: InspectionForm) -> SavedRecord:
        """Write the inspection and its findings (a finding closed here needs its 조치결과)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            gate(self._check(session, form), None)
            i = _inspection(session, form.id) if form.id is not None else Inspection()
            if form.id is not None:  # the findings first: a save rewrites the inspection too
                refuse_if_lines_changed(
                    session, _findings(session, form.id),
                    (form.loaded_lines or {}).get("finding"), "finding", len(form.findings),
                )  # fmt: skip
            refuse_if_changed(session, i, form, "inspection")
            i.house_id = form.house_id  # type: ignore[assignment]
            i.kind = form.kind  # type: ignore[assignment]
            i.inspected_on = form.inspected_on  # type: ignore[assignment]
            i.inspector = clean(form.inspector)
            i.summary = clean(form.summary)
            i.checklist = [
                {"item": a.item.strip(), "result": a.result, "note": a.note.strip()}
                for a in form.checklist
                if a.item.strip()
            ]
            i.stay_id = form.stay_id
            if form.id is None:
                session.add(i)
            session.flush()
            if form.stop_id is not None:
                stop = session.get(VisitStop, form.stop_id)
                assert stop is not None  # checked above
                stop.inspection_id = i.id
                i.visit_id = stop.visit_id
                _link_visit_photos(session, stop, i.id)
            kept = {f.id for f in form.findings if f.id is not None}
            for old in session.scalars(
                select(Finding).where(Finding.inspection_id == i.id, Finding.archived_at.is_(None))
            ):
                if old.id not in kept:
                    archive(old, "점검 기록을 고치며 지적사항을 뺌")
            for f in form.findings:
                finding = session.get(Finding, f.id) if f.id is not None else Finding()
                if finding is None or (f.id is not None and finding.inspection_id != i.id):
                    raise FormRefused([refuse("findings", "지적사항을 찾을 수 없습니다.")])
                _fill_finding(finding, f)
                if f.id is None:
                    finding.inspection_id = i.id
                    session.add(finding)
            session.flush()
            return SavedRecord(i.id, i.uid)

    def archive(self, inspection_id: int, reason: str) -> None:
        """Archive an inspection entered by mistake, with its findings; a visit stop it filled
        becomes open again."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            i = _inspection(session, inspection_id)
            archive(i, reason)
            for f in session.scalars(
                select(Finding).where(Finding.inspection_id == i.id, Finding.archived_at.is_(None))
            ):
                archive(f, reason)
            for stop in session.scalars(select(VisitStop).where(VisitStop.inspection_id == i.id)):
                stop.inspection_id = None

    def list_inspections(
        self, *, house_id: int | None = None, include_archived: bool = False
    ) -> list[InspectionRow]:
        """Inspections, latest first."""
        live = Finding.archived_at.is_(None)
        counts = (
            select(
                Finding.inspection_id,
                func.count(Finding.id).label("n"),
                func.sum(case((Finding.status == FindingStatus.OPEN, 1), else_=0)).label("open"),
            )
            .where(live)
            .group_by(Finding.inspection_id)
            .subquery()
        )
        stmt = (
            select(Inspection, House.code, House.eupmyeon, House.ri, counts.c.n, counts.c.open)
            .join(House, House.id == Inspection.house_id)
            .outerjoin(counts, counts.c.inspection_id == Inspection.id)
            .order_by(Inspection.inspected_on.desc(), Inspection.id.desc())
        )
        if house_id is not None:
            stmt = stmt.where(Inspection.house_id == house_id)
        if not include_archived:
            stmt = stmt.where(Inspection.archived_at.is_(None))
        with self.ctx.read() as session:
            return [
                InspectionRow(
                    id=i.id,
                    house_id=i.house_id,
                    house_code=code,
                    house_place=house_place(e, r),
                    kind=i.kind,
                    inspected_on=i.inspected_on,
                    inspector=i.inspector or "",
                    summary=i.summary or "",
                    findings=n or 0,
                    open_findings=int(o or 0),
                    stay_id=i.stay_id,
                    visit_id=i.visit_id,
                    archived=i.archived_at is not None,
                )
                for i, code, e, r, n, o in session.execute(stmt)
            ]

    # --- findings --------------------------------------------------------------------------

    def findings(self, *, open_only: bool = False, house_id: int | None = None) -> list[FindingRow]:
        """Findings of live inspections: open ones first (overdue first, by due date; then
        those with a later due date; then those without one), then the closed ones, latest
        done first."""
        today = self.ctx.today()
        stmt = (
            select(Finding, Inspection.house_id, Inspection.inspected_on, Inspection.kind,
                   House.code, House.eupmyeon, House.ri)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .join(House, House.id == Inspection.house_id)
            .where(Finding.archived_at.is_(None), Inspection.archived_at.is_(None))
        )  # fmt: skip
        if open_only:
            stmt = stmt.where(Finding.status == FindingStatus.OPEN)
        if house_id is not None:
            stmt = stmt.where(Inspection.house_id == house_id)
        with self.ctx.read() as session:
            rows = [
                _finding_row(f, hid, on, kind, code, house_place(e, r), today)
                for f, hid, on, kind, code, e, r in session.execute(stmt)
            ]
        return sorted(rows, key=_finding_order)

    def close_finding(self, finding_id: int, action_taken: str, resolved_on: date | None) -> None:
        """Close a finding with its 조치결과 and the day it was done (both required; not before
        the inspection, not after today)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            finding = session.get(Finding, finding_id)
            if finding is None or finding.archived_at is not None:
                raise FormRefused([refuse(None, "지적사항을 찾을 수 없습니다.", code=NOT_FOUND)])
            results = []
            if not (action_taken or "").strip():
                results.append(required("action_taken", "조치결과"))
            if resolved_on is None:
                results.append(required("resolved_on", "조치 완료일"))
            form = FindingForm(
                finding.description,
                finding.action_required or "",
                finding.due_on,
                action_taken or "",
                resolved_on,
                finding.id,
            )
            results += [
                refuse("resolved_on", r.message)
                for r in check_finding(form, finding.inspection.inspected_on, self.ctx.today(),
                                       "resolved_on", 1)
                if resolved_on is not None and (action_taken or "").strip()
            ]  # fmt: skip
            gate(results, None)
            _fill_finding(finding, form)

    def reopen_finding(self, finding_id: int) -> None:
        """A finding closed by mistake is open again (its 조치결과 is cleared; the audit trail
        keeps what it was)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            finding = session.get(Finding, finding_id)
            if finding is None or finding.archived_at is not None:
                raise FormRefused([refuse(None, "지적사항을 찾을 수 없습니다.", code=NOT_FOUND)])
            finding.status = FindingStatus.OPEN
            finding.action_taken = None
            finding.resolved_on = None

    # --- photo slots ---------------------------------------------------------------------

    def empty_slots(self, house_id: int) -> list[tuple[PhotoPhase, PhotoSlot]]:
        """The (phase, slot) pairs of ``house_id`` with no photo yet, phase by phase."""
        with self.ctx.read() as session:
            return _empty_slots(session, [house_id])[house_id]

    # --- drafts ------------------------------------------------------------------------------

    @property
    def drafts(self) -> DraftStore:
        """Inspections being typed, kept in the data folder's ``drafts/`` until saved."""
        return DraftStore(self.ctx.db.folder.root / "drafts")


def _empty_slots(
    session: Session, house_ids: list[int]
) -> dict[int, list[tuple[PhotoPhase, PhotoSlot]]]:
    taken = set(
        session.execute(
            select(Photo.house_id, Photo.phase, Photo.slot)
            .where(Photo.house_id.in_(house_ids), Photo.archived_at.is_(None),
                   Photo.slot.is_not(None))
            .distinct()
        ).all()
    )  # fmt: skip
    return {
        h: [(p, s) for p in PhotoPhase for s in PhotoSlot if (h, p, s) not in taken]
        for h in house_ids
    }


def _fill_finding(finding: Finding, f: FindingForm) -> None:
    finding.description = f.description.strip()
    finding.action_required = clean(f.action_required)
    finding.due_on = f.due_on
    finding.action_taken = clean(f.action_taken)
    finding.resolved_on = f.resolved_on
    finding.status = FindingStatus.DONE if f.resolved_on is not None else FindingStatus.OPEN


def _finding_row(f: Finding, house_id, on, kind, code, place, today: date) -> FindingRow:
    is_open = f.status is FindingStatus.OPEN
    return FindingRow(
        id=f.id, inspection_id=f.inspection_id, house_id=house_id, house_code=code,
        house_place=place, inspected_on=on, kind=kind, description=f.description,
        action_required=f.action_required or "", due_on=f.due_on, status=f.status,
        action_taken=f.action_taken or "", resolved_on=f.resolved_on,
        overdue=is_open and f.due_on is not None and f.due_on < today,
    )  # fmt: skip


def _finding_order(r: FindingRow) -> tuple:
    if r.status is FindingStatus.OPEN:
        group = 0 if r.overdue else (1 if r.due_on is not None else 2)
        return (0, group, r.due_on or date.max, r.inspected_on, r.id)
    return (1, 0, -(r.resolved_on or date.min).toordinal(), 0, -r.id)


def _inspection(session: Session, inspection_id: int | None) -> Inspection:
    i = session.get(Inspection, inspection_id) if inspection_id is not None else None
    if i is None:
        raise FormRefused([refuse(None, "점검 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
    return i


def _link_visit_photos(session: Session, stop: VisitStop, inspection_id: int) -> None:
    """Photos imported for this visit at this house before its inspection was recorded belong to
    that inspection now (photos placed with another inspection stay where they are)."""
    for photo in session.scalars(
        select(Photo).where(
            Photo.visit_id == stop.visit_id, Photo.house_id == stop.house_id,
            Photo.inspection_id.is_(None), Photo.archived_at.is_(None),
        )
    ):  # fmt: skip
        photo.inspection_id = inspection_id


def _findings(session: Session, inspection_id: int) -> list[Finding]:
    """The inspection's live findings, in the order they were written."""
    return list(
        session.scalars(
            select(Finding)
            .where(Finding.inspection_id == inspection_id, Finding.archived_at.is_(None))
            .order_by(Finding.id)
        )
    )
