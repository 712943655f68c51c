"""The province's consolidation of the counties' 추진실적 보고, written in the same form
(별지 제5호): the province reports to the ministry with it (매년 6월, 12월말일까지), so the
workbook is ``reports.progress_report``'s, with the province as 사업주체:

- 5 추진현황: one line per county (세부 사업명 = the county) with its plan and execution as it
  wrote them (천원), and the 합계 of the counties; the 일정 table one line per county (its dates,
  사업공정, 년간진도 and 부진원인 as written — percentages of different projects are not added);
- 7 추진실적 (semiannual): every county's houses in the counties' order, 연번 renumbered across
  them, 시군 kept;
- 4 사업추진내용 and 6 대책 또는 건의사항: what each county wrote, under its name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.province_report import CountyReport
from gwinong_desktop.reports.progress_report import (
    FormSummary,
    Funds,
    HouseResult,
    ProgressReport,
    ProjectLine,
    write_progress_report,
)

PROJECT = "귀농인의 집 조성사업"
NO_PROVINCE = "시·도"


def _won(thousands: float) -> int:
    return round(thousands * 1000)


def _funds(figures: tuple[float, ...]) -> Funds:
    """The county's 천원 figures back in 원 (the form's writer rounds them to 천원 again)."""
    workload, national, loan, local, own, _total = figures
    return Funds(round(workload), _won(national), _won(loan), _won(local), _won(own))


def _line(report: CountyReport) -> ProjectLine:
    return ProjectLine(
        name=report.county,
        plan=_funds(report.plan),
        executed=_funds(report.executed),
        started_on=report.started_on,
        planned_completion_on=report.planned_completion_on,
        progress_pct=report.progress,  # type: ignore[arg-type]  # as the county wrote it
        planned_progress_pct=report.year_plan,  # type: ignore[arg-type]
        actual_progress_pct=report.year_actual,  # type: ignore[arg-type]
        delay=report.delay,
    )


def _by_county(reports: Sequence[CountyReport], text: str) -> str:
    return "\n".join(f"○ {r.county}: {getattr(r, text)}" for r in reports if getattr(r, text))


def _most_common(values: list[str], default: str) -> str:
    found = Counter(v for v in values if v).most_common(1)
    return found[0][0] if found else default


def _year(reports: Sequence[CountyReport], made_on: date) -> int:
    """The reports' year; hand copies may have none: the last such month up to ``made_on``."""
    known = [r.year for r in reports if r.year]
    if known:
        return Counter(known).most_common(1)[0][0]
    month = reports[0].month
    return made_on.year if month <= made_on.month else made_on.year - 1


def houses_of(reports: Sequence[CountyReport]) -> list[HouseResult]:
    return [
        HouseResult(h.sigun, h.operator, h.floor_area_m2, h.rent, h.periods, h.note)
        for r in reports
        for h in r.houses
    ]


def consolidated_report(
    reports: Sequence[CountyReport], *, made_on: date, province: str | None = None
) -> ProgressReport:
    """The province's 별지 제5호 of ``reports`` (all of one kind and period, in order)."""
    first = reports[0]
    counties = ", ".join(r.county for r in reports)
    body = f"{len(reports)}개 시·군 취합 ({counties})"
    if texts := _by_county(reports, "body"):
        body += "\n" + texts
    return ProgressReport(
        year=_year(reports, made_on),
        month=first.month,
        county=province or NO_PROVINCE,
        made_on=made_on,
        project_name=_most_common([r.project_name for r in reports], PROJECT),
        account_name=_most_common([r.account_name for r in reports], ""),
        lines=[_line(r) for r in reports],
        body=body,
        measures=_by_county(reports, "measures"),
        houses=houses_of(reports) if first.semiannual else None,
        sheet="반기 추진실적 취합" if first.semiannual else "월별 추진실적 취합",
    )


def write_consolidation(
    path: Path | str,
    reports: Sequence[CountyReport],
    *,
    made_on: date,
    province: str | None = None,
    state: TaskState | None = None,
) -> FormSummary:
    """Write the province's workbook of ``reports`` (all of one kind and period) to ``path``."""
    report = consolidated_report(reports, made_on=made_on, province=province)
    return write_progress_report(path, report, state=state)
