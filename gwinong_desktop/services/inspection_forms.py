"""The forms and rows of site visits (점검, 지적사항, 방문 계획) and the checks of a form.

Rows are plain dataclasses handed to the GUI and the CLI; forms are what a dialog fills in and
the service saves. The checks only refuse impossible data (a done date before the inspection,
a 조치결과 without its date, a date after today); the guideline sets no rule a visit can break.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from gwinong_desktop.domain.enums import FindingStatus, InspectionKind
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rules import RuleResult, refuse

from .rule_gate import required

if TYPE_CHECKING:
    from .revisions import Lines

CHECK_RESULTS = ("양호", "보통", "불량", "해당 없음")
"""What an officer answers for a checklist item ("" = not looked at)."""

MAX_CHECK_ITEMS = 60
MAX_ITEM_CHARS = 100


@dataclass
class ChecklistAnswer:
    item: str
    result: str = ""
    note: str = ""


@dataclass
class FindingForm:
    description: str = ""
    action_required: str = ""
    due_on: date | None = None
    action_taken: str = ""
    resolved_on: date | None = None
    id: int | None = None


@dataclass
class InspectionForm:
    house_id: int | None = None
    kind: InspectionKind | None = None
    inspected_on: date | None = None
    inspector: str = ""
    summary: str = ""
    checklist: list[ChecklistAnswer] = field(default_factory=list)
    findings: list[FindingForm] = field(default_factory=list)
    stay_id: int | None = None  # the stay whose move-out this inspection is
    visit_id: int | None = None
    stop_id: int | None = None  # the visit stop this inspection fills in (a new one only)
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""
    loaded_lines: dict[str, Lines] | None = None
    """The findings as loaded: a save over changed ones is refused."""


@dataclass
class VisitForm:
    planned_on: date | None = None
    title: str = ""
    kind: InspectionKind | None = InspectionKind.REGULAR
    inspector: str = ""
    note: str = ""
    house_ids: list[int] = field(default_factory=list)  # in route order
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""
    loaded_lines: dict[str, Lines] | None = None
    """The stops as loaded: a save over changed ones is refused."""


@dataclass(frozen=True)
class InspectionRow:
    id: int
    house_id: int
    house_code: str
    house_place: str
    kind: InspectionKind
    inspected_on: date
    inspector: str
    summary: str
    findings: int
    open_findings: int
    stay_id: int | None
    visit_id: int | None
    archived: bool


@dataclass(frozen=True)
class MoveOutChoice:
    """A stay that moved out without a move-out inspection yet."""

    stay_id: int
    house_id: int
    house_code: str
    house_place: str
    move_in_on: date
    moved_out_on: date

    def label(self) -> str:
        return (f"{self.house_code} {self.house_place} · 입주 {format_date_ko(self.move_in_on)} "
                f"~ 퇴거 {format_date_ko(self.moved_out_on)}")  # fmt: skip


@dataclass(frozen=True)
class FindingRow:
    id: int
    inspection_id: int
    house_id: int
    house_code: str
    house_place: str
    inspected_on: date
    kind: InspectionKind
    description: str
    action_required: str
    due_on: date | None
    status: FindingStatus
    action_taken: str
    resolved_on: date | None
    overdue: bool  # open and its due date has passed

    def status_text(self) -> str:
        if self.status is FindingStatus.DONE:
            return self.status.label
        return "기한 지남" if self.overdue else self.status.label


@dataclass(frozen=True)
class VisitStopRow:
    id: int
    house_id: int
    house_code: str
    house_place: str
    position: int
    inspection_id: int | None
    photos: int = 0  # photos taken on the visit at this house (photo.visit_id)


@dataclass(frozen=True)
class VisitRow:
    id: int
    planned_on: date
    title: str
    kind: InspectionKind
    inspector: str
    note: str
    stops: tuple[VisitStopRow, ...]
    archived: bool

    @property
    def done(self) -> int:
        return sum(1 for s in self.stops if s.inspection_id is not None)

    def progress(self) -> str:
        return f"{self.done}/{len(self.stops)}곳"


def check_inspection(form: InspectionForm, today: date) -> list[RuleResult]:
    """Refusals of an inspection form (house, stay and stop ownership are checked in the
    service, which sees the database)."""
    results: list[RuleResult] = []
    if form.house_id is None:
        results.append(required("house_id", "귀농인의 집"))
    if form.kind is None:
        results.append(required("kind", "점검 종류"))
    if form.inspected_on is None:
        results.append(required("inspected_on", "점검일"))
    elif form.inspected_on > today:
        results.append(refuse(
            "inspected_on",
            f"점검일 {format_date_ko(form.inspected_on)}은(는) 오늘 이후입니다. 앞으로의 방문은 "
            "'방문 계획'에 적으세요.",
        ))  # fmt: skip
    if len(form.inspector.strip()) > 100:
        results.append(refuse("inspector", "점검자: 100자까지 적을 수 있습니다."))
    for answer in form.checklist:
        if answer.result and answer.result not in CHECK_RESULTS:
            results.append(refuse("checklist", f"점검 항목 '{answer.item}': 결과는 "
                                  f"{', '.join(CHECK_RESULTS)} 중 하나입니다."))  # fmt: skip
    for n, finding in enumerate(form.findings):
        results.extend(check_finding(finding, form.inspected_on, today, f"findings.{n}", n + 1))
    return results


def check_finding(
    f: FindingForm, inspected_on: date | None, today: date, field_name: str, number: int
) -> list[RuleResult]:
    """A finding's refusals; ``number`` names it in the messages (지적사항 2)."""
    where = f"지적사항 {number}"
    results: list[RuleResult] = []
    if not f.description.strip():
        results.append(refuse(field_name, f"{where}: 지적 내용을 적어야 합니다."))
    if inspected_on is not None and f.due_on is not None and f.due_on < inspected_on:
        results.append(refuse(field_name, f"{where}: 조치 기한 {format_date_ko(f.due_on)}이(가) "
                              f"점검일 {format_date_ko(inspected_on)}보다 앞섭니다."))  # fmt: skip
    if f.resolved_on is not None:
        if not f.action_taken.strip():
            results.append(refuse(field_name, f"{where}: 조치 완료일을 적으려면 조치결과를 "
                                  "적어야 합니다."))  # fmt: skip
        if inspected_on is not None and f.resolved_on < inspected_on:
            results.append(refuse(field_name, f"{where}: 조치 완료일 "
                                  f"{format_date_ko(f.resolved_on)}이(가) 점검일 "
                                  f"{format_date_ko(inspected_on)}보다 앞섭니다."))  # fmt: skip
        if f.resolved_on > today:
            results.append(
                refuse(
                    field_name,
                    f"{where}: 조치 완료일 {format_date_ko(f.resolved_on)}은(는) 오늘 이후입니다.",
                )
            )
    elif f.action_taken.strip():
        results.append(refuse(field_name, f"{where}: 조치결과를 적었으면 조치 완료일도 "
                              "적어야 합니다."))  # fmt: skip
    return results


def check_visit(form: VisitForm) -> list[RuleResult]:
    results: list[RuleResult] = []
    if form.planned_on is None:
        results.append(required("planned_on", "방문 예정일"))
    if not form.title.strip():
        results.append(required("title", "방문 제목"))
    elif len(form.title.strip()) > 200:
        results.append(refuse("title", "방문 제목: 200자까지 적을 수 있습니다."))
    if form.kind is None:
        results.append(required("kind", "점검 종류"))
    if not form.house_ids:
        results.append(refuse("house_ids", "방문할 귀농인의 집을 한 곳 이상 고르세요."))
    elif len(set(form.house_ids)) != len(form.house_ids):
        results.append(refuse("house_ids", "같은 귀농인의 집이 방문 순서에 두 번 있습니다."))
    return results


def checklist_items(text: str) -> list[str]:
    """The items of a stored checklist text (one a line, blank lines and repeats dropped)."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def check_checklist(items: list[str]) -> list[RuleResult]:
    cleaned = [i.strip() for i in items if i.strip()]
    results: list[RuleResult] = []
    if not cleaned:
        results.append(refuse("checklist", "점검 항목을 한 개 이상 적어야 합니다."))
    if len(cleaned) > MAX_CHECK_ITEMS:
        results.append(refuse("checklist", f"점검 항목은 {MAX_CHECK_ITEMS}개까지입니다."))
    long = [i for i in cleaned if len(i) > MAX_ITEM_CHARS]
    if long:
        results.append(refuse("checklist", f"점검 항목은 {MAX_ITEM_CHARS}자까지입니다: "
                              f"'{long[0][:30]}…'"))  # fmt: skip
    return results
