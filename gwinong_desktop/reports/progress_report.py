"""월별 추진실적 보고 (별지 제5호 서식) and, in June and December, the same with section 7.

The sheet follows the form as the guideline prints it, 13 columns wide:

- the title ``[ 3월] 귀농인의 집 조성사업 추진실적 보고`` and a line with the county, the month the
  figures stand at and the day it was written;
- 1 사업명, 2 회계명, 3 사업주체, 4 사업추진내용 (the officer's text);
- 5 추진현황 (단위 : 천원): ``세부 사업명 | YYYY년 계획 (사업량, 국고 보조, 융자, 지방비, 자담,
  계) | 집행실적(누계) (the same six)``, one row per project line (a 합계 row when
  there are several),
  then ``세부 사업명 | 일정 (착공일, 준공예정일) | 사업공정(%) | 년간진도(%) (계획, 실적) |
  부진원인 또는 문제점``;
- 7 추진실적 (semiannual only, where the form has it): ``연번 | 시군 | 사업자명/운영자명 |
  주택규모(m²) | 임대료 | 임대실적 기간 | 비고``, its header printed on every page;
- 6 대책 또는 건의사항 (the officer's text).

Amounts come in 원 and are written in 천원 (``domain.money.to_thousand_won``); a 계 is the sum of
the rounded parts, as an officer adding the row checks it. A header cell's text is exactly what
:data:`PLAN_HEADERS` and :data:`HOUSE_HEADERS` say, so a reader can find the tables by them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.exchange.form_sheet import AREA, WHOLE, WON, FormSheet
from gwinong_desktop.exchange.table import new_workbook

TITLE = "귀농인의 집 조성사업 추진실적 보고"
FIGURES = ("사업량", "국고 보조", "융자", "지방비", "자담", "계")
PLAN_HEADERS = ("세부 사업명", "계획", "집행실적(누계)")  # the first cells of the 추진현황 table
HOUSE_HEADERS = ("연번", "시군", "사업자명/운영자명", "주택규모 (m²)", "임대료", "임대실적 기간",
                 "비고")  # fmt: skip
WIDTHS = (20.0,) + (8.8,) * 12
EMPTY_TEXT = "(내용 없음)"


@dataclass(frozen=True)
class Funds:
    """사업량 and the money (원) in the columns of the form."""

    workload: int = 0
    national: int = 0
    loan: int = 0
    local: int = 0
    own: int = 0

    def row(self) -> list[int]:
        """The six cells as the form writes them: 사업량, then 천원, and their 계."""
        money = [to_thousand_won(v) for v in (self.national, self.loan, self.local, self.own)]
        return [self.workload, *money, sum(money)]


@dataclass(frozen=True)
class ProjectLine:
    """One 세부사업 of the 추진현황 table."""

    name: str
    plan: Funds
    executed: Funds
    started_on: date | None = None
    planned_completion_on: date | None = None
    progress_pct: int | None = None  # 사업공정
    planned_progress_pct: int | None = None  # 년간진도 계획
    actual_progress_pct: int | None = None  # 년간진도 실적
    delay: str = ""  # 부진원인 또는 문제점


@dataclass(frozen=True)
class HouseResult:
    """One row of section 7: a house and its stays in the half."""

    sigun: str
    operator: str
    floor_area_m2: Decimal | None
    rent: str  # "10만원/월"
    periods: Sequence[str]  # "2018.4.1.~5.31", "2018.6.1.~"
    note: str = ""


@dataclass(frozen=True)
class ProgressReport:
    year: int
    month: int
    county: str
    made_on: date
    project_name: str
    account_name: str
    lines: Sequence[ProjectLine]
    body: str = ""  # 4. 사업추진내용
    measures: str = ""  # 6. 대책 또는 건의사항
    houses: Sequence[HouseResult] | None = None  # section 7 (semiannual), None: monthly
    sheet: str = ""

    @property
    def title(self) -> str:
        return f"[ {self.month}월] {TITLE}"


@dataclass
class FormSummary:
    path: Path
    rows: int = 0  # project lines, and houses in section 7
    cleaned_texts: int = 0


def write_progress_report(
    path: Path | str, report: ProgressReport, *, state: TaskState | None = None
) -> FormSummary:
    """Write ``report`` as the form's workbook at ``path`` (complete, or nothing)."""
    state = ensure(state)
    houses = report.houses
    total = 2 + (len(houses) if houses else 0)
    summary = FormSummary(Path(path))
    with new_workbook(path) as wb:
        name = report.sheet or ("반기 추진실적" if houses is not None else "월별 추진실적")
        form = FormSheet(wb, name, _widths(report.lines))
        _heading(form, report)
        state.report(1, total, "추진현황을 쓰는 중")
        _plan_table(form, report)
        _schedule_table(form, report)
        summary.rows = len(report.lines)
        if houses is not None:
            _house_table(form, houses, state, total)
            summary.rows += len(houses)
        form.gap()
        form.line("6. 대책 또는 건의사항")
        form.text_block(report.measures or EMPTY_TEXT)
        form.finish()
        summary.cleaned_texts = form.texts.cleaned
        state.report(total, total, "파일을 저장하는 중")
    return summary


def _widths(lines: Sequence[ProjectLine]) -> list[float]:
    """:data:`WIDTHS`, an amount column widened where its largest figure (a 합계's) would not
    fit — Excel shows ### then: the province's sums of its counties run to millions of 천원."""
    rows = [line.plan.row() + line.executed.row() for line in lines]
    widths = list(WIDTHS)
    for index, column in enumerate(zip(*rows, strict=True), start=1):
        largest = max(max(abs(v) for v in column), abs(sum(column)))
        widths[index] = max(widths[index], len(f"{largest:,}") * 1.1 + 1)
    return widths


def _heading(form: FormSheet, report: ProgressReport) -> None:
    form.line(report.title, "title", height=32)
    form.line(
        f"{report.county} · {report.year}년 {report.month}월 말 기준 · "
        f"작성일 {format_date_ko(report.made_on)}",
        "subtitle",
        height=18,
    )
    form.gap()
    form.line(f"1. 사업명 : {report.project_name}", height=20)
    form.line(f"2. 회계명 : {report.account_name}", height=20)
    form.line(f"3. 사업주체 : {report.county}", height=20)
    form.line("4. 사업추진내용 :", height=20)
    form.text_block(report.body or EMPTY_TEXT)
    form.gap()


def _plan_table(form: FormSheet, report: ProgressReport) -> None:
    row = form.next_row(20)
    form.put(row, 1, "5. 추진현황", "section", across=9)
    form.put(row, 10, "(단위 : 천원)", "unit", across=4)
    top = form.next_row(20)
    under = form.next_row(30)
    form.put(top, 1, PLAN_HEADERS[0], "head", down=2)
    form.put(top, 2, f"{report.year}년 {PLAN_HEADERS[1]}", "head", across=6)
    form.put(top, 8, PLAN_HEADERS[2], "head", across=6)
    for index, label in enumerate(FIGURES * 2):
        form.put(under, 2 + index, label, "head")
    for line in report.lines:
        row = form.next_row(24)
        form.put(row, 1, line.name, "left")
        form.fit_height(row, line.name, WIDTHS[0])
        for index, value in enumerate(line.plan.row() + line.executed.row()):
            form.put(row, 2 + index, value, "number", number_format=WON)
    if len(report.lines) > 1:
        row = form.next_row(24)
        form.put(row, 1, "합계", "total")
        sums = [0] * 12
        for line in report.lines:
            for index, value in enumerate(line.plan.row() + line.executed.row()):
                sums[index] += value
        for index, value in enumerate(sums):
            form.put(row, 2 + index, value, "total number", number_format=WON)


def _schedule_table(form: FormSheet, report: ProgressReport) -> None:
    top = form.next_row(20)
    under = form.next_row(20)
    form.put(top, 1, PLAN_HEADERS[0], "head", down=2)
    form.put(top, 2, "일 정", "head", across=4)
    form.put(under, 2, "착공일", "head", across=2)
    form.put(under, 4, "준공예정일", "head", across=2)
    form.put(top, 6, "사업공정 (%)", "head", down=2)
    form.put(top, 7, "년간진도(%)", "head", across=2)
    form.put(under, 7, "계획", "head")
    form.put(under, 8, "실적", "head")
    form.put(top, 9, "부진원인 또는 문제점", "head", across=5, down=2)
    for line in report.lines:
        row = form.next_row(24)
        form.put(row, 1, line.name, "left")
        form.put(row, 2, line.started_on or "-", "cell", across=2)
        form.put(row, 4, line.planned_completion_on or "-", "cell", across=2)
        for column, value in ((6, line.progress_pct), (7, line.planned_progress_pct),
                              (8, line.actual_progress_pct)):  # fmt: skip
            form.put(row, column, "-" if value is None else value, "number", number_format=WHOLE)
        form.put(row, 9, line.delay or "-", "left", across=5)
        form.fit_height(row, line.delay, sum(WIDTHS[8:]))
        form.fit_height(row, line.name, WIDTHS[0])


def _house_table(
    form: FormSheet, houses: Sequence[HouseResult], state: TaskState, total: int
) -> None:
    form.gap()
    row = form.next_row(20)
    form.put(row, 1, "7. 추진실적", "section", across=7)
    form.put(row, 8, "※ 반기별 작성(6월, 12월)", "unit", across=6)
    head = form.next_row(30)
    # 연번 | 시군 | 사업자명/운영자명 (3) | 주택규모 | 임대료 | 임대실적 기간 (4) | 비고 (2)
    spans = ((1, 1), (2, 1), (3, 3), (6, 1), (7, 1), (8, 4), (12, 2))
    for (column, across), label in zip(spans, HOUSE_HEADERS, strict=True):
        form.put(head, column, label, "head", across=across)
    form.repeat_rows(head, head)
    width = sum(WIDTHS[7:11])
    for number, house in enumerate(houses, 1):
        state.check()
        row = form.next_row()
        periods = "\n".join(house.periods) or "-"
        values: tuple[object, ...] = (
            number, house.sigun, house.operator, house.floor_area_m2, house.rent or "-", periods,
            house.note,
        )  # fmt: skip
        for (column, across), value in zip(spans, values, strict=True):
            if column == 6:
                form.put(row, column, value, "number", number_format=AREA)
            elif column in (3, 12):
                form.put(row, column, value, "left", across=across)
            else:
                form.put(row, column, value, "cell", across=across)
        form.fit_height(row, periods, width)
        form.fit_height(row, house.operator, sum(WIDTHS[2:5]))
        if number % 200 == 0:
            state.report(1 + number, total, "추진실적을 쓰는 중")
