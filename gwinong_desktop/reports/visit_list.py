"""The printed visit list (방문 목록): one page per house in route order, with the address, the
operator and how to reach them, the open findings to look at again (overdue ones marked), the
photo slots still empty, the checklist of the visit's kind with boxes to tick, and room to write.

HTML for Qt's ``QTextDocument`` (rendered to PDF and printed in ``ui/printing``), in the subset
it lays out: tables with ``border``/``cellpadding`` attributes, widths in per cent, sizes in pt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from gwinong_desktop.domain.enums import InspectionKind, PhotoPhase, PhotoSlot
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.text import xml_safe

from .documents import FONT_FAMILY


@dataclass(frozen=True)
class SheetFinding:
    description: str
    action_required: str
    due_on: date | None
    inspected_on: date
    overdue: bool


@dataclass(frozen=True)
class SheetStop:
    """One house of a printed visit list."""

    position: int
    house_code: str
    address: str
    operator: str
    representative: str
    phone: str
    findings: tuple[SheetFinding, ...]
    empty_slots: tuple[tuple[PhotoPhase, PhotoSlot], ...]


@dataclass(frozen=True)
class VisitSheet:
    """What the visit list shows."""

    title: str
    planned_on: date
    kind: InspectionKind
    inspector: str
    note: str
    county: str
    checklist: tuple[str, ...]
    stops: tuple[SheetStop, ...]


WRITING_LINES = 4
_GREY = "#eef2f6"
_TABLE = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
    'style="border-collapse: collapse; border-color: #555555;">'
)
_TIGHT = _TABLE.replace('cellpadding="4"', 'cellpadding="2"')


def _t(value: object) -> str:
    return escape(xml_safe(str(value)), quote=True)


def _day(d: date | None) -> str:
    return format_date_ko(d) if d else "-"


def _head(sheet: VisitSheet, stop: SheetStop) -> str:
    total = len(sheet.stops)
    who = " · ".join(p for p in (sheet.county, sheet.inspector) if p)
    return (
        f'<p style="font-size: 9pt;">{_t(sheet.title)} · {_t(_day(sheet.planned_on))} · '
        f"{_t(sheet.kind.label)} 점검 · {_t(who)}"
        f'<span style="color: #666666;">&nbsp;&nbsp;({stop.position}/{total})</span></p>'
        f'<h2 style="font-size: 16pt;">{stop.position}. {_t(stop.house_code)}</h2>'
    )


def _house(stop: SheetStop) -> str:
    contact = " · ".join(p for p in (stop.representative, stop.phone) if p) or "-"
    rows = (
        ("주소", stop.address or "-"),
        ("운영자", stop.operator or "-"),
        ("대표·연락처", contact),
    )
    cells = "".join(
        f'<tr><td width="18%" bgcolor="{_GREY}"><b>{_t(k)}</b></td><td>{_t(v)}</td></tr>'
        for k, v in rows
    )
    return f"{_TABLE}{cells}</table>"


def _findings(findings: Sequence[SheetFinding]) -> str:
    if not findings:
        return '<p style="font-size: 10pt;">남은 지적사항 없음</p>'
    head = (
        f'<tr bgcolor="{_GREY}"><td width="30%"><b>지적 내용</b></td><td width="26%"><b>조치할 사항'
        '</b></td><td width="15%"><b>조치 기한</b></td><td width="15%"><b>점검일</b></td>'
        '<td width="14%"><b>확인</b></td></tr>'
    )
    rows = "".join(
        f"<tr><td>{_t(f.description)}</td><td>{_t(f.action_required or '-')}</td>"
        + (
            f'<td><font color="#a33a3a"><b>{_t(_day(f.due_on))}<br/>기한 지남</b></font></td>'
            if f.overdue
            else f"<td>{_t(_day(f.due_on))}</td>"
        )
        + f"<td>{_t(_day(f.inspected_on))}</td><td>□ 조치됨<br/>□ 미조치</td></tr>"
        for f in findings
    )
    return f"{_TABLE}{head}{rows}</table>"


def _slots(empty: Sequence[tuple[PhotoPhase, PhotoSlot]]) -> str:
    if not empty:
        return '<p style="font-size: 10pt;">사진 칸이 모두 채워져 있습니다.</p>'
    by_phase: dict[PhotoPhase, list[PhotoSlot]] = {}
    for phase, slot in empty:
        by_phase.setdefault(phase, []).append(slot)
    rows = "".join(
        f'<tr><td width="18%" bgcolor="{_GREY}"><b>{_t(phase.label)}</b></td><td>'
        + "&nbsp;&nbsp;&nbsp;".join(f"□ {_t(s.label)}" for s in slots)
        + "</td></tr>"
        for phase, slots in by_phase.items()
    )
    return f"{_TABLE}{rows}</table>"


def _checklist(items: Sequence[str]) -> str:
    head = (
        f'<tr bgcolor="{_GREY}"><td width="44%"><b>점검 항목</b></td>'
        '<td width="26%"><b>결과</b></td><td width="30%"><b>메모</b></td></tr>'
    )
    rows = "".join(
        f"<tr><td>{_t(item)}</td><td>□양호 □보통 □불량</td><td>&nbsp;</td></tr>" for item in items
    )
    return f"{_TIGHT}{head}{rows}</table>"


def _notes() -> str:
    rows = "".join("<tr><td>&nbsp;<br/>&nbsp;</td></tr>" for _ in range(WRITING_LINES))
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
        f'style="border-collapse: collapse; border-color: #999999;">{rows}</table>'
    )


def _section(title: str) -> str:
    return f'<p style="font-size: 12pt; margin-top: 10px;"><b>{_t(title)}</b></p>'


def visit_list_html(sheet: VisitSheet) -> str:
    """The whole visit list, one house a page."""
    pages = []
    for n, stop in enumerate(sheet.stops):
        style = ' style="page-break-before: always;"' if n else ""
        pages.append(
            f"<div{style}>{_head(sheet, stop)}{_house(stop)}"
            f"{_section('남은 지적사항 (조치 확인)')}{_findings(stop.findings)}"
            f"{_section('비어 있는 사진 칸 (찍을 것)')}{_slots(stop.empty_slots)}"
            f"{_section(sheet.kind.label + ' 점검 항목')}{_checklist(sheet.checklist)}"
            f"{_section('새 지적사항·메모')}{_notes()}</div>"
        )
    note = f'<p style="font-size: 10pt;">비고: {_t(sheet.note)}</p>' if sheet.note else ""
    body = "".join(pages) if pages else "<p>방문할 집이 없습니다.</p>"
    return (
        '<html><head><meta charset="utf-8"></head>'
        f"<body style=\"font-family: '{FONT_FAMILY}'; font-size: 10pt;\">{note}{body}</body></html>"
    )


def visit_list_file_name(sheet: VisitSheet) -> str:
    day = sheet.planned_on.strftime("%Y%m%d")
    return f"방문목록_{day}_{len(sheet.stops)}곳.pdf"
