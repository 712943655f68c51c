"""귀농인의 집 조성 대상지역 선정결과: the two tables the guideline's form has, reported to the
province when a year's houses are chosen. 소요예산 is national funds only, in 천원 (the form's
note: "소요예산은 국비만 기재").

1. <귀농인의 집 수리 및 이동식 주택 구입>: every house chosen —
   ``시군별 | 마을 대표자 | 위치(주소) | 사업량(개소) | 수리 및 구입 | 면적(m²) 대지, 건물 |
   건물형태 | 소요예산(천원)``;
2. <귀농인의 집 빈집 수리(리모델링 포함), 구입>: the vacant houses among them, with their owner —
   ``시군별 | 마을 대표자 | 위치(주소) | 사업량(개소) | 구조 | 방수 | 건축년도 | 면적(m²) 대지,
   건물 | 소유주 주소, 성명 | 소요예산(천원)``.
Each table ends with its 계 row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.exchange.form_sheet import AREA, WHOLE, WON, FormSheet
from gwinong_desktop.exchange.table import new_workbook

from .progress_report import FormSummary

TITLE = "귀농인의 집 조성 대상지역 선정결과"
WIDTHS = (9.0, 12.0, 30.0, 8.0, 9.0, 8.0, 9.0, 9.0, 9.0, 24.0, 9.0, 11.0)
NOTE = "* 소요예산은 국비만 기재"


@dataclass(frozen=True)
class SelectedHouse:
    sigun: str
    representative: str  # 마을 대표자 (masked or not by the service)
    address: str
    repair: bool  # 빈집 수리 (else 이동식 주택 구입)
    land_m2: Decimal | None
    floor_m2: Decimal | None
    structure: str
    rooms: int | None
    build_year: int | None
    owner_address: str  # masked or not by the service
    owner_name: str
    national: int  # 국비, 원


def _area(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def write_selection_result(
    path: Path | str,
    houses: Sequence[SelectedHouse],
    *,
    year: int,
    province: str,
    county: str,
    made_on: date,
    privacy: str,
) -> FormSummary:
    """Write the 선정결과 of ``year`` at ``path`` (A4 landscape; complete, or nothing)."""
    summary = FormSummary(Path(path), rows=len(houses))
    with new_workbook(path) as wb:
        form = FormSheet(wb, "선정결과", WIDTHS, landscape=True)
        form.line(f"{year}년 {TITLE}", "title", height=32)
        form.line(f"[{province or '시·도'}]", "section", height=20)
        form.line(f"{county} · 작성일 {format_date_ko(made_on)} · {privacy}", "subtitle")
        form.gap()
        _first(form, houses)
        form.gap()
        _second(form, [h for h in houses if h.repair])
        form.finish()
        summary.cleaned_texts = form.texts.cleaned
    return summary


def _heads(form: FormSheet, spans: Sequence[tuple[int, int, str, int]], under: dict) -> int:
    """A two-row header: (column, across, label, down) cells, then the second row's labels."""
    top = form.next_row(20)
    second = form.next_row(20)
    for column, across, label, down in spans:
        form.put(top, column, label, "head", across=across, down=down)
    for column, label in under.items():
        form.put(second, column, label, "head")
    form.repeat_rows(top, second)
    return second


def _first(form: FormSheet, houses: Sequence[SelectedHouse]) -> None:
    form.line("<귀농인의 집 수리 및 이동식 주택 구입>", "section", height=20)
    # 시군별 | 마을 대표자 | 위치 | 사업량 | 수리 및 구입 | 대지 | 건물 | 건물형태 (2) | 예산 (3)
    spans = [(1, 1, "시군별", 2), (2, 1, "마을 대표자", 2), (3, 1, "위치 (주소)", 2),
             (4, 1, "사업량 (개소)", 2), (5, 1, "수리 및 구입", 2), (6, 2, "면적 (m²)", 1),
             (8, 2, "건물형태", 2), (10, 3, "소요예산 (천원)", 2)]  # fmt: skip
    _heads(form, spans, {6: "대지", 7: "건물"})
    for h in houses:
        row = form.next_row(22)
        form.put(row, 1, h.sigun)
        form.put(row, 2, h.representative)
        form.put(row, 3, h.address, "left")
        form.fit_height(row, h.address, WIDTHS[2])
        form.put(row, 4, 1, "number", number_format=WHOLE)
        form.put(row, 5, "수리" if h.repair else "구입")
        form.put(row, 6, _area(h.land_m2), "number", number_format=AREA)
        form.put(row, 7, _area(h.floor_m2), "number", number_format=AREA)
        form.put(row, 8, h.structure, across=2)
        form.put(row, 10, to_thousand_won(h.national), "number", across=3, number_format=WON)
    row = form.next_row(22)
    form.put(row, 1, "계", "total", across=3)
    form.put(row, 4, len(houses), "total number", number_format=WHOLE)
    form.put(row, 5, None, "total", across=5)
    total = sum(to_thousand_won(h.national) for h in houses)
    form.put(row, 10, total, "total number", across=3, number_format=WON)
    form.line(NOTE, "body")


def _second(form: FormSheet, houses: Sequence[SelectedHouse]) -> None:
    form.line("<귀농인의 집 빈집 수리(리모델링 포함), 구입>", "section", height=20)
    spans = [(1, 1, "시군별", 2), (2, 1, "마을 대표자", 2), (3, 1, "위치 (주소)", 2),
             (4, 1, "사업량 (개소)", 2), (5, 1, "구조", 2), (6, 1, "방수", 2),
             (7, 1, "건축 년도", 2), (8, 2, "면적 (m²)", 1), (10, 2, "소유주", 1),
             (12, 1, "소요예산 (천원)", 2)]  # fmt: skip
    _heads(form, spans, {8: "대지", 9: "건물", 10: "주소", 11: "성명"})
    for h in houses:
        row = form.next_row(22)
        form.put(row, 1, h.sigun)
        form.put(row, 2, h.representative)
        form.put(row, 3, h.address, "left")
        form.fit_height(row, h.address, WIDTHS[2])
        form.put(row, 4, 1, "number", number_format=WHOLE)
        form.put(row, 5, h.structure)
        form.put(row, 6, h.rooms, "number", number_format=WHOLE)
        form.put(row, 7, h.build_year, "number", number_format=WHOLE)
        form.put(row, 8, _area(h.land_m2), "number", number_format=AREA)
        form.put(row, 9, _area(h.floor_m2), "number", number_format=AREA)
        form.put(row, 10, h.owner_address, "left")
        form.fit_height(row, h.owner_address, WIDTHS[9])
        form.put(row, 11, h.owner_name)
        form.put(row, 12, to_thousand_won(h.national), "number", number_format=WON)
    row = form.next_row(22)
    form.put(row, 1, "계", "total", across=3)
    form.put(row, 4, len(houses), "total number", number_format=WHOLE)
    form.put(row, 5, None, "total", across=7)
    total = sum(to_thousand_won(h.national) for h in houses)
    form.put(row, 12, total, "total number", number_format=WON)
    form.line(NOTE, "body")
