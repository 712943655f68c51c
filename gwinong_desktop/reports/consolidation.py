"""The province's consolidation of the counties' 추진실적 보고: one row per county and the totals.

Columns: 연번, 시군, the year's plan (사업량 · 국고보조 · 융자 · 지방비 · 자담 · 계, 천원), the
execution to the end of the month (the same six), 집행률 (execution over plan of 계), 사업공정
and the year's progress planned and achieved (%, as each county wrote them), and the file read.
The 합계 row adds the amounts and computes its 집행률 from its own sums; percentages of
different projects are not added, so its percentage cells stay empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.province_report import AMOUNTS, CountyReport
from gwinong_desktop.exchange.table import GENERAL, Column, Strong, TableSummary, write_table

PERCENT = '0.0"%"'
COLUMNS = (
    Column("연번", 6, GENERAL),
    Column("시군", 10),
    *(Column(f"계획 {name}", 11) for name in AMOUNTS),
    *(Column(f"집행실적 {name}", 11) for name in AMOUNTS),
    Column("집행률", 9, PERCENT),
    Column("사업공정", 9, PERCENT),
    Column("년간진도 계획", 9, PERCENT),
    Column("년간진도 실적", 9, PERCENT),
    Column("파일", 24, wrap=True),
)


def _rate(executed: float, plan: float) -> float | None:
    return round(executed / plan * 100, 1) if plan else None


def consolidation_rows(reports: Sequence[CountyReport]) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, r in enumerate(reports, start=1):
        rows.append([
            number, r.county, *r.plan, *r.executed, _rate(r.executed[-1], r.plan[-1]),
            r.progress, r.year_plan, r.year_actual, r.path.name,
        ])  # fmt: skip
    plan = [sum(r.plan[i] for r in reports) for i in range(len(AMOUNTS))]
    executed = [sum(r.executed[i] for r in reports) for i in range(len(AMOUNTS))]
    rows.append(Strong(
        ["", "합계", *plan, *executed, _rate(executed[-1], plan[-1]), None, None, None,
         f"{len(reports)}개 시·군"]
    ))  # fmt: skip
    return rows


def write_consolidation(
    path: Path | str,
    reports: Sequence[CountyReport],
    *,
    made_on: date,
    state: TaskState | None = None,
) -> TableSummary:
    """Write the province's workbook of ``reports`` (all of one kind and period) to ``path``."""
    first = reports[0]
    title = [
        f"{first.period} 귀농인의 집 조성사업 추진실적 취합",
        f"{first.kind_label} {len(reports)}개 시·군 · 단위: 천원 · 취합일 "
        f"{format_date_ko(made_on)}",
    ]
    return write_table(
        path, COLUMNS, consolidation_rows(reports), sheet="시군별 추진실적", title=title,
        state=state, label="취합표를 쓰는 중",
    )  # fmt: skip
