"""County 추진실적 보고 workbooks made by hand with openpyxl in the layout of 별지 제5호 (the
guideline's form), for the consolidation's tests and benchmark.

Layout (sheet "추진실적"): A1 the title (merged A1:M1), A2 the county and date; A3–A6 sections
1–4 (label in A, value in B); A7 "5. 추진현황", M7 "(단위 : 천원)"; row 8 the headings
(세부사업명 A8:A9, "2026년 계획" B8:G8, "집행실적(누계)" H8:M8, merged), row 9 사업량 · 국고보조
· 융자 · 지방비 · 자담 · 계 twice, row 10 the project; row 12–14 the 일정 table (착공일,
준공예정일, 사업공정, 년간진도 계획 · 실적, 부진원인); for a semiannual report "7. 추진실적" at
row 16 and its house table under it; then "6. 대책 또는 건의사항".
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

AMOUNTS = ("사업량", "국고보조", "융자", "지방비", "자담", "계")


def county_form(
    path: Path,
    county: str,
    *,
    month: int = 11,
    year: int = 2026,
    plan: tuple[int, ...] = (2, 60_000, 0, 60_000, 0, 120_000),
    executed: tuple[int, ...] = (1, 30_000, 0, 25_000, 0, 55_000),
    houses: int = 0,
    title: str | None = None,
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "추진실적"
    ws["A1"] = title or f"[ {month}월] 귀농인의 집 조성사업 추진실적 보고"
    ws.merge_cells("A1:M1")
    ws["A2"] = f"{county} · 작성일 {year}.{month}.30."
    for row, (label, value) in enumerate(
        [("1. 사업명 :", "귀농인의 집 조성사업"), ("2. 회계명 :", "일반회계"),
         ("3. 사업주체 :", county), ("4. 사업추진내용 :", "리모델링 공사 진행")], start=3,
    ):  # fmt: skip
        ws.cell(row, 1, label)
        ws.cell(row, 2, value)
    ws["A7"], ws["M7"] = "5. 추진현황", "(단위 : 천원)"
    ws["A8"], ws["B8"], ws["H8"] = "세부사업명", f"{year}년 계획", "집행실적(누계)"
    ws.merge_cells("A8:A9")
    ws.merge_cells("B8:G8")
    ws.merge_cells("H8:M8")
    for i, name in enumerate(AMOUNTS):
        ws.cell(9, 2 + i, name)
        ws.cell(9, 8 + i, name)
    ws.append(["귀농인의 집 조성", *plan, *executed])
    ws["A12"], ws["C12"], ws["D12"], ws["F12"] = (
        "일정",
        "사업공정",
        "년간진도(%)",
        "부진원인 또는 문제점",
    )
    ws.merge_cells("A12:B12")
    ws.merge_cells("D12:E12")
    ws["A13"], ws["B13"], ws["C13"], ws["D13"], ws["E13"] = (
        "착공일",
        "준공예정일",
        "(%)",
        "계획",
        "실적",
    )
    for column, value in enumerate([f"{year}.3.2.", f"{year}.12.20.", 80, 90, 85, "없음"], 1):
        ws.cell(14, column, value)
    row = 16
    if houses:
        ws.cell(row, 1, "7. 추진실적")
        header = [
            "연번",
            "시군",
            "사업자명/운영자명",
            "주택규모 (m²)",
            "임대료",
            "임대실적 기간",
            "비고",
        ]
        for column, value in enumerate(header, 1):
            ws.cell(row + 1, column, value)
        for number in range(1, houses + 1):
            values = [
                number,
                county,
                f"운영자{number}",
                51.02,
                "10만원/월",
                f"{year}.4.1.~5.31",
                "",
            ]
            for column, value in enumerate(values, 1):
                ws.cell(row + 1 + number, column, value)
        row += houses + 3
    ws.cell(row, 1, "6. 대책 또는 건의사항")
    wb.save(path)
    return path
