"""Visits planned for several houses (방문 계획): the houses in route order, each stop filled in
as an inspection on the spot, and the data of the printed visit list (addresses, operators and
their contacts, open findings, empty photo slots)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import FindingStatus, ReportKind
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import NOT_FOUND, refuse
from gwinong_desktop.reports.documents import PrintDocument
from gwinong_desktop.reports.visit_list import (
    SheetFinding,
    SheetStop,
    VisitSheet,
    visit_list_file_name,
    visit_list_html,
)
from gwinong_desktop.storage.models import (
    Finding,
    House,
    Inspection,
    Operator,
    Photo,
    Visit,
    VisitStop,
)

from .context import ServiceContext
from .inspection_forms import InspectionForm, VisitForm, VisitRow, VisitStopRow, check_visit
from .revisions import line_revisions, refuse_if_changed, refuse_if_lines_changed
from .rule_gate import FormRefused, SavedRecord, archive, clean, gate


class VisitPlanning:
    """The visit half of ``InspectionService`` (kept apart to keep each module short)."""

    ctx: ServiceContext

    def new_visit(self, planned_on: date | None = None) -> VisitForm:
        on = planned_on or self.ctx.today()
        return VisitForm(
            planned_on=on, title=f"{on.month}월 {on.day}일 현장 방문",
            inspector=self.signed_in_name(),  # type: ignore[attr-defined]
        )  # fmt: skip

    def list_visits(self, *, include_archived: bool = False) -> list[VisitRow]:
        """Visits, the latest planned first, each with its stops in route order."""
        with self.ctx.read() as session:
            stmt = select(Visit).order_by(Visit.planned_on.desc(), Visit.id.desc())
            if not include_archived:
                stmt = stmt.where(Visit.archived_at.is_(None))
            visits = session.scalars(stmt).all()
            stops = _stops(session, [v.id for v in visits])
            return [_visit_row(v, stops.get(v.id, ())) for v in visits]

    def load_visit(self, visit_id: int) -> VisitForm:
        with self.ctx.read() as session:
            v = _visit(session, visit_id)
            return VisitForm(
                planned_on=v.planned_on, title=v.title, kind=v.kind, inspector=v.inspector or "",
                note=v.note or "", house_ids=[s.house_id for s in v.stops], id=v.id,
                revision=v.revision, loaded_lines={"visit_stop": line_revisions(v.stops)},
            )  # fmt: skip

    def validate_visit(self, form: VisitForm) -> list:
        return check_visit(form)

    def save_visit(self, form: VisitForm) -> SavedRecord:
        """Write the visit and its stops in the order given. A stop already filled in keeps
        its inspection; taking such a house out of the visit is refused."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            results = check_visit(form)
            known = set(session.scalars(select(House.id).where(House.id.in_(form.house_ids))))
            if any(h not in known for h in form.house_ids):
                results.append(refuse("house_ids", "방문할 집 중 찾을 수 없는 집이 있습니다."))
            v = _visit(session, form.id) if form.id is not None else Visit()
            existing = {s.house_id: s for s in v.stops} if form.id is not None else {}
            refuse_if_changed(session, v, form, "visit")
            if form.id is not None:
                refuse_if_lines_changed(
                    session, v.stops, (form.loaded_lines or {}).get("visit_stop"), "visit_stop",
                    len(form.house_ids),
                )  # fmt: skip
            for house_id, stop in existing.items():
                if house_id not in form.house_ids and stop.inspection_id is not None:
                    code = session.scalar(select(House.code).where(House.id == house_id))
                    results.append(refuse("house_ids", f"{code}은(는) 이미 점검 기록이 있어 "
                                          "방문에서 뺄 수 없습니다."))  # fmt: skip
            gate(results, None)
            v.planned_on = form.planned_on  # type: ignore[assignment]
            v.title = form.title.strip()
            v.kind = form.kind  # type: ignore[assignment]
            v.inspector = clean(form.inspector)
            v.note = clean(form.note)
            if form.id is None:
                session.add(v)
            session.flush()
            for house_id, stop in existing.items():
                if house_id not in form.house_ids:
                    session.delete(stop)  # an unvisited stop is only a plan: the audit keeps it
            for position, house_id in enumerate(form.house_ids, start=1):
                stop = existing.get(house_id)
                if stop is None:
                    session.add(VisitStop(visit_id=v.id, house_id=house_id, position=position))
                elif stop.position != position:
                    stop.position = position
            session.flush()
            return SavedRecord(v.id, v.uid)

    def archive_visit(self, visit_id: int, reason: str) -> None:
        """Archive a visit (its recorded inspections stay as they are)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            archive(_visit(session, visit_id), reason)

    def new_for_stop(self, stop_id: int) -> InspectionForm:
        """The inspection of one stop of a visit: the visit's kind, today, its inspector."""
        with self.ctx.read() as session:
            stop = session.get(VisitStop, stop_id)
            if stop is None:
                raise FormRefused([refuse(None, "방문 순서를 찾을 수 없습니다.", code=NOT_FOUND)])
            if stop.inspection_id is not None:
                raise FormRefused([refuse(None, "이 집은 이미 점검 기록이 있습니다.")])
            house_id, kind = stop.house_id, stop.visit.kind
            visit_id, inspector = stop.visit_id, stop.visit.inspector
        form = self.new_inspection(house_id, kind)  # type: ignore[attr-defined]
        form.stop_id, form.visit_id = stop_id, visit_id
        if inspector:
            form.inspector = inspector
        return form

    def visit_sheet(self, visit_id: int) -> VisitSheet:
        """What the printed visit list shows, house by house in route order."""
        from .house_queries import county_name
        from .inspections import _empty_slots

        today = self.ctx.today()
        with self.ctx.read() as session:
            v = _visit(session, visit_id)
            house_ids = [s.house_id for s in v.stops]
            houses = {
                h.id: (h, op)
                for h, op in session.execute(
                    select(House, Operator)
                    .outerjoin(Operator, Operator.id == House.operator_id)
                    .where(House.id.in_(house_ids))
                )
            }
            open_findings: dict[int, list[SheetFinding]] = {h: [] for h in house_ids}
            for f, house_id, on in session.execute(
                select(Finding, Inspection.house_id, Inspection.inspected_on)
                .join(Inspection, Inspection.id == Finding.inspection_id)
                .where(Inspection.house_id.in_(house_ids), Finding.status == FindingStatus.OPEN,
                       Finding.archived_at.is_(None), Inspection.archived_at.is_(None))
                .order_by(Finding.due_on.is_(None), Finding.due_on, Finding.id)
            ):  # fmt: skip
                open_findings[house_id].append(SheetFinding(
                    f.description, f.action_required or "", f.due_on, on,
                    f.due_on is not None and f.due_on < today,
                ))  # fmt: skip
            empty = _empty_slots(session, house_ids)
            stops = []
            for s in v.stops:
                house, op = houses[s.house_id]
                stops.append(SheetStop(
                    position=s.position, house_code=house.code, address=_address(house),
                    operator=op.name if op else "", representative=(op.representative or "") if op
                    else "", phone=(op.phone or "") if op else "",
                    findings=tuple(open_findings[s.house_id]),
                    empty_slots=tuple(empty[s.house_id]),
                ))  # fmt: skip
            return VisitSheet(
                title=v.title, planned_on=v.planned_on, kind=v.kind, inspector=v.inspector or "",
                note=v.note or "", county=county_name(self.ctx) or "",
                checklist=tuple(self.checklist(v.kind)),  # type: ignore[attr-defined]
                stops=tuple(stops),
            )  # fmt: skip

    def visit_list(self, visit_id: int) -> PrintDocument:
        """The printable visit list of ``visit_id`` (``ui.printing`` previews, prints and
        saves it; a saved PDF is kept in the reports archive)."""
        sheet = self.visit_sheet(visit_id)
        with self.ctx.read() as session:
            uid = _visit(session, visit_id).uid
        return PrintDocument(
            kind=ReportKind.VISIT_LIST, year=sheet.planned_on.year, month=sheet.planned_on.month,
            title=f"방문 목록: {sheet.title}", html=visit_list_html(sheet),
            file_name=visit_list_file_name(sheet), entity="visit", entity_uid=uid,
        )  # fmt: skip


def _address(h: House) -> str:
    """The road address (with 지번 after it), else 시군 읍면 리 지번."""
    lot = " ".join(p for p in (h.sigun, h.eupmyeon, h.ri, h.jibun) if p)
    return f"{h.road_address} ({lot})" if h.road_address else lot


def _visit(session: Session, visit_id: int | None) -> Visit:
    v = session.get(Visit, visit_id) if visit_id is not None else None
    if v is None:
        raise FormRefused([refuse(None, "방문 계획을 찾을 수 없습니다.", code=NOT_FOUND)])
    return v


def _stops(session: Session, visit_ids: list[int]) -> dict[int, list[VisitStopRow]]:
    out: dict[int, list[VisitStopRow]] = {}
    photos = {
        (visit_id, house_id): count
        for visit_id, house_id, count in session.execute(
            select(Photo.visit_id, Photo.house_id, func.count())
            .where(Photo.visit_id.in_(visit_ids), Photo.archived_at.is_(None))
            .group_by(Photo.visit_id, Photo.house_id)
        )
    }
    for s, code, e, r in session.execute(
        select(VisitStop, House.code, House.eupmyeon, House.ri)
        .join(House, House.id == VisitStop.house_id)
        .where(VisitStop.visit_id.in_(visit_ids))
        .order_by(VisitStop.visit_id, VisitStop.position)
    ):
        out.setdefault(s.visit_id, []).append(VisitStopRow(
            s.id, s.house_id, code, " ".join(p for p in (e, r) if p), s.position, s.inspection_id,
            photos.get((s.visit_id, s.house_id), 0),
        ))  # fmt: skip
    return out


def _visit_row(v: Visit, stops) -> VisitRow:
    return VisitRow(
        id=v.id, planned_on=v.planned_on, title=v.title, kind=v.kind,
        inspector=v.inspector or "", note=v.note or "", stops=tuple(stops),
        archived=v.archived_at is not None,
    )  # fmt: skip
