"""The lists of the 점검·사진 page as columns over the service's rows (nothing personal)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gwinong_desktop.domain.enums import FindingStatus
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.services.inspection_forms import (
    FindingRow,
    InspectionRow,
    VisitRow,
    VisitStopRow,
)

from ..records import Align, Column, natural_key

CONTEXT = "InspectionColumns"
OVERDUE = "#a33a3a"
DONE = "#2f7d32"


def _day(value: object) -> str:
    return format_date_ko(value) if value else ""  # type: ignore[arg-type]


def _finding_colour(r: FindingRow) -> str | None:
    if r.overdue:
        return OVERDUE
    return DONE if r.status is FindingStatus.DONE else None


def _house(key: str = "house_code") -> Column:
    return Column(key, QT_TRANSLATE_NOOP(CONTEXT, "관리번호"), lambda r: r.house_code,
                  sort=lambda r: natural_key(r.house_code), width=110)  # fmt: skip


def _place() -> Column:
    return Column("house_place", QT_TRANSLATE_NOOP(CONTEXT, "위치"), lambda r: r.house_place,
                  width=120)  # fmt: skip


INSPECTION_COLUMNS: tuple[Column[InspectionRow], ...] = (
    Column("inspected_on", QT_TRANSLATE_NOOP(CONTEXT, "점검일"), lambda r: _day(r.inspected_on),
           sort=lambda r: r.inspected_on, export=lambda r: r.inspected_on, width=96),
    _house(),
    _place(),
    Column("kind", QT_TRANSLATE_NOOP(CONTEXT, "종류"), lambda r: r.kind.label, width=64),
    Column("inspector", QT_TRANSLATE_NOOP(CONTEXT, "점검자"), lambda r: r.inspector, width=150),
    Column("findings", QT_TRANSLATE_NOOP(CONTEXT, "지적"),
           lambda r: f"{r.findings}건" if r.findings else "", sort=lambda r: r.findings,
           align=Align.RIGHT, export=lambda r: r.findings, width=52),
    Column("open_findings", QT_TRANSLATE_NOOP(CONTEXT, "조치중"),
           lambda r: f"{r.open_findings}건" if r.open_findings else "",
           sort=lambda r: r.open_findings, align=Align.RIGHT, export=lambda r: r.open_findings,
           colour=lambda r: OVERDUE if r.open_findings else None, width=60),
    Column("summary", QT_TRANSLATE_NOOP(CONTEXT, "점검 내용"), lambda r: r.summary,
           tooltip=lambda r: r.summary or None, width=320),
)  # fmt: skip

FINDING_COLUMNS: tuple[Column[FindingRow], ...] = (
    Column("status", QT_TRANSLATE_NOOP(CONTEXT, "상태"), lambda r: r.status_text(),
           sort=lambda r: (r.status is FindingStatus.DONE, not r.overdue), colour=_finding_colour,
           width=76),
    Column("due_on", QT_TRANSLATE_NOOP(CONTEXT, "조치 기한"), lambda r: _day(r.due_on),
           sort=lambda r: r.due_on, export=lambda r: r.due_on, colour=_finding_colour, width=96),
    _house(),
    _place(),
    Column("description", QT_TRANSLATE_NOOP(CONTEXT, "지적 내용"), lambda r: r.description,
           tooltip=lambda r: r.description, width=220),
    Column("action_required", QT_TRANSLATE_NOOP(CONTEXT, "조치할 사항"),
           lambda r: r.action_required, tooltip=lambda r: r.action_required or None, width=180),
    Column("inspected_on", QT_TRANSLATE_NOOP(CONTEXT, "점검일"), lambda r: _day(r.inspected_on),
           sort=lambda r: r.inspected_on, export=lambda r: r.inspected_on, width=96),
    Column("action_taken", QT_TRANSLATE_NOOP(CONTEXT, "조치결과"), lambda r: r.action_taken,
           tooltip=lambda r: r.action_taken or None, width=200),
    Column("resolved_on", QT_TRANSLATE_NOOP(CONTEXT, "조치일"), lambda r: _day(r.resolved_on),
           sort=lambda r: r.resolved_on, export=lambda r: r.resolved_on, width=96),
)  # fmt: skip

VISIT_COLUMNS: tuple[Column[VisitRow], ...] = (
    Column("planned_on", QT_TRANSLATE_NOOP(CONTEXT, "방문 예정일"), lambda r: _day(r.planned_on),
           sort=lambda r: r.planned_on, export=lambda r: r.planned_on, width=104),
    Column("title", QT_TRANSLATE_NOOP(CONTEXT, "방문"), lambda r: r.title, width=240),
    Column("kind", QT_TRANSLATE_NOOP(CONTEXT, "종류"), lambda r: r.kind.label, width=64),
    Column("inspector", QT_TRANSLATE_NOOP(CONTEXT, "점검자"), lambda r: r.inspector, width=140),
    Column("progress", QT_TRANSLATE_NOOP(CONTEXT, "기록"), lambda r: r.progress(),
           sort=lambda r: (r.done, len(r.stops)), align=Align.RIGHT, width=70),
    Column("note", QT_TRANSLATE_NOOP(CONTEXT, "비고"), lambda r: r.note, width=200),
)  # fmt: skip

STOP_COLUMNS: tuple[Column[VisitStopRow], ...] = (
    Column("position", QT_TRANSLATE_NOOP(CONTEXT, "순서"), lambda r: str(r.position),
           sort=lambda r: r.position, align=Align.RIGHT, width=48),
    _house(),
    _place(),
    Column("state", QT_TRANSLATE_NOOP(CONTEXT, "점검 기록"),
           lambda r: "기록함" if r.inspection_id is not None else "아직",
           colour=lambda r: DONE if r.inspection_id is not None else None, width=80),
    Column("photos", QT_TRANSLATE_NOOP(CONTEXT, "방문 사진"),
           lambda r: f"{r.photos:,}장" if r.photos else "",
           sort=lambda r: r.photos, export=lambda r: r.photos, align=Align.RIGHT, width=80),
)  # fmt: skip
