"""Reading a county's 추진실적 보고 (별지 제5호 서식) for the province's consolidation.

A file is read as the form is read by eye, so the app's own workbook and a copy filled in by
hand both do (``reader.open_book``: untrusted, read-only, with limits):

- the title "[ 11월] 귀농인의 집 조성사업 추진실적 보고" (the first rows) gives the month;
  "[ 하반기 ]" a half (month 6 or 12); a report whose sheet has section "7. 추진실적" (the house
  table, 임대실적) for June or December is the semiannual one, else the monthly one;
- the year is the first "2026년" or date in the first rows (a hand copy without one has none);
- the county is the value of "3. 사업주체" (beside the label or after its colon), else a cell
  labelled "시군"/"시·군" with the value right of it; only its 시/군 word is kept;
- the 추진현황 table is found by its labels, not fixed cells: the header row with 사업량 twice
  (계획, then 집행실적(누계)), each followed by 국고보조 · 융자 · 지방비 · 자담 · 계; its rows
  are those under it up to an empty row or the 일정 header; a row labelled 계/합계 is the
  table's total, else the rows are added up;
- 일정: the row under 착공일 · 준공예정일 · 사업공정 · 계획 · 실적 gives the 사업공정(%) and the
  year's progress planned and achieved.

A value hidden under a merged range, or a 계획/집행실적 heading merged over columns that are not
its own, means the form was changed by hand: refused with the file's name (which value is the
plan and which the execution cannot be told).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from .reader import open_book
from .safety import WorkbookError

AMOUNTS = ("사업량", "국고보조", "융자", "지방비", "자담", "계")
_TITLE = re.compile(r"\[\s*(\d{1,2})\s*/?\s*월\s*\]")
_HALF = re.compile(r"\[\s*(상|하)\s*반기\s*\]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:년|\.\s*\d{1,2}\s*\.|-\d{1,2}-)")
_COUNTY = re.compile(r"([가-힣]{1,6}[시군])(?![가-힣])")
TITLE_ROWS = 8
SCAN_ROWS = 400


class NotAReport(WorkbookError):
    """The file is not a 추진실적 보고 (or cannot be read as one); ``message`` names it."""


@dataclass(frozen=True)
class CountyReport:
    path: Path
    county: str
    semiannual: bool
    year: int | None
    month: int  # the month reported; a half as 6 or 12
    plan: tuple[float, ...]  # by AMOUNTS
    executed: tuple[float, ...]
    progress: float | None = None  # 사업공정(%)
    year_plan: float | None = None  # 년간진도(%) 계획
    year_actual: float | None = None  # 년간진도(%) 실적

    @property
    def kind_label(self) -> str:
        return "반기 추진실적" if self.semiannual else "월별 추진실적 보고"

    @property
    def period(self) -> str:
        year = f"{self.year}년 " if self.year else ""
        if self.semiannual:
            return f"{year}{'상' if self.month <= 6 else '하'}반기"
        return f"{year}{self.month}월"


def _key(value: Any) -> str:
    return re.sub(r"[\s·ㆍ()（）]", "", str(value)) if isinstance(value, str) else ""


def _label_is(value: Any, *labels: str) -> bool:
    text = re.sub(r"^\d+\.\s*", "", value.strip()) if isinstance(value, str) else ""
    return _key(text) in {_key(label) for label in labels}


class _Sheet:
    def __init__(self, path: Path, rows: dict[int, list[Any]], merged: list[str]) -> None:
        self.path = path
        self.rows = rows
        self.merges = [range_boundaries(ref) for ref in merged]  # (min_col, min_row, max_col, ..)

    def refuse(self, what: str) -> NotAReport:
        return NotAReport(f"{self.path.name}: {what}")

    def cell(self, row: int, column: int) -> Any:
        values = self.rows.get(row, [])
        return values[column - 1] if 0 < column <= len(values) else None

    def cells(self, last_row: int | None = None):
        for row, values in self.rows.items():
            if last_row is not None and row > last_row:
                break
            for column, value in enumerate(values, start=1):
                if value is not None:
                    yield row, column, value

    def merge_of(self, row: int, column: int) -> tuple[int, int, int, int] | None:
        for box in self.merges:
            min_col, min_row, max_col, max_row = box
            if min_row <= row <= max_row and min_col <= column <= max_col:
                return box
        return None

    def moved(self, detail: str) -> NotAReport:
        return self.refuse(
            f"'5. 추진현황' 표의 병합된 칸이 서식과 다르게 옮겨져 있어 어느 값이 계획이고 어느 "
            f"값이 집행실적인지 알 수 없습니다 ({detail}). 서식대로 되돌린 뒤 다시 골라 주세요."
        )


def _number(sheet: _Sheet, row: int, column: int) -> float:
    value = sheet.cell(row, column)
    box = sheet.merge_of(row, column)
    if box is not None and (box[0], box[1]) != (column, row) and value is not None:
        raise sheet.moved(f"{get_column_letter(column)}{row} 칸이 병합된 범위 안에 있습니다")
    if value is None or isinstance(value, bool):
        return 0
    if isinstance(value, int | float):
        return value
    text = str(value).strip().replace(",", "")
    if text in ("", "-", "–", "―"):
        return 0
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        where = f"{get_column_letter(column)}{row}"
        raise sheet.refuse(
            f"{where} 칸의 '{value}'는 숫자가 아닙니다 (천원 단위 숫자로)."
        ) from None


def _period(sheet: _Sheet) -> tuple[int, bool, int | None]:
    """(month, a half was named, year) from the title area."""
    month = half = year = None
    for _row, _column, value in sheet.cells(TITLE_ROWS):
        if isinstance(value, datetime | date) and year is None:
            year = value.year
        if not isinstance(value, str):
            continue
        if "추진실적" in value and month is None and half is None:
            if found := _TITLE.search(value):
                month = int(found.group(1))
            elif found := _HALF.search(value):
                half = 6 if found.group(1) == "상" else 12
        if year is None and (found := _YEAR.search(value)):
            year = int(found.group(1))
    if month is None and half is None:
        raise sheet.refuse(
            "귀농인의 집 조성사업 추진실적 보고(별지 제5호 서식)가 아닙니다: 제목 "
            "'[ 월] 귀농인의 집 조성사업 추진실적 보고'를 찾을 수 없습니다."
        )
    if month is not None and not 1 <= month <= 12:
        raise sheet.refuse(f"제목의 달이 1~12월이 아닙니다: {month}월")
    return (month or half), half is not None, year


def _county(sheet: _Sheet) -> str:
    for row, column, value in sheet.cells(SCAN_ROWS):
        if not isinstance(value, str):
            continue
        text = value.strip()
        stripped = re.sub(r"^\d+\.\s*", "", text)
        if stripped.startswith("사업주체") or _label_is(text, "시군", "시·군"):
            after = stripped.split(":", 1)[1] if ":" in stripped else ""
            candidates = [after] if after.strip() else []
            candidates += [v for v in sheet.rows[row][column:] if isinstance(v, str)][:2]
            for candidate in candidates:
                if found := _COUNTY.search(candidate):
                    return found.group(1)
    raise sheet.refuse("시·군 이름을 찾을 수 없습니다 ('3. 사업주체 : 진안군'처럼 적어 주세요).")


def _amount_header(sheet: _Sheet) -> tuple[int, list[int], list[int]]:
    """The sub-header row of 추진현황, the plan's and the execution's columns (by AMOUNTS)."""
    for row, values in sheet.rows.items():
        starts = [c for c, v in enumerate(values, start=1) if _label_is(v, "사업량")]
        if len(starts) < 2:
            continue
        groups = []
        for start in starts[:2]:
            columns = [start]
            for label in AMOUNTS[1:]:
                nxt = next(
                    (c for c in range(columns[-1] + 1, columns[-1] + 4)
                     if _label_is(sheet.cell(row, c), label)), None,
                )  # fmt: skip
                if nxt is None:
                    raise sheet.refuse(
                        f"'5. 추진현황' 표의 머리글 {row}행에 '{label}'이 없습니다 "
                        f"(사업량 · 국고보조 · 융자 · 지방비 · 자담 · 계 순서로)."
                    )
                columns.append(nxt)
            groups.append(columns)
        return row, groups[0], groups[1]
    raise sheet.refuse(
        "'5. 추진현황' 표를 찾을 수 없습니다 (계획과 집행실적 머리글에 '사업량'이 두 번 있어야 "
        "합니다)."
    )


def _check_headings(sheet: _Sheet, header: int, plan: list[int], executed: list[int]) -> None:
    """The 계획 and 집행실적 headings above the sub-header must span their own columns."""
    for row in range(header - 1, max(0, header - 3), -1):
        for column, value in enumerate(sheet.rows.get(row, []), start=1):
            if not isinstance(value, str):
                continue
            key = _key(value)
            own = executed if "집행" in key else plan if key.endswith("계획") else None
            if own is None:
                continue
            other = plan if own is executed else executed
            box = sheet.merge_of(row, column)
            if box is None:  # typed over its columns without merging: it must sit over them
                if not own[0] <= column <= own[-1]:
                    raise sheet.moved(
                        f"'{value.strip()}' 머리글이 {get_column_letter(column)}열에 있습니다"
                    )
                continue
            left, right = box[0], box[2]
            if not left <= own[0] <= right or left <= other[0] <= right:
                raise sheet.moved(
                    f"'{value.strip()}' 머리글이 {get_column_letter(left)}~"
                    f"{get_column_letter(right)}열에 병합되어 있습니다"
                )


def _data_rows(sheet: _Sheet, header: int) -> list[int]:
    rows = []
    row = header + 1
    while row in sheet.rows:
        values = [v for v in sheet.rows[row] if v is not None]
        if any(_label_is(v, "일정", "착공일") for v in values):
            break
        rows.append(row)
        row += 1
    return rows


def _schedule(sheet: _Sheet) -> tuple[float | None, float | None, float | None]:
    for row, column, value in sheet.cells():
        if _label_is(value, "착공일"):
            values = sheet.rows.get(row + 1, [])
            numbers = [v for v in values[column - 1 :] if isinstance(v, int | float)]
            numbers = [v for v in numbers if not isinstance(v, bool)]
            padded = [*numbers[:3], None, None, None]
            return padded[0], padded[1], padded[2]
    return None, None, None


def _section_seven(sheet: _Sheet) -> bool:
    return any(
        isinstance(v, str) and re.match(r"^\s*7\s*\.\s*추진실적", v) for _r, _c, v in sheet.cells()
    )


def read_county_report(path: Path | str) -> CountyReport:
    """One county's report (see the module's docstring), or ``NotAReport`` naming the file."""
    path = Path(path)
    try:
        with open_book(path) as book:
            sheets = []
            for name in book.sheet_names:
                rows: dict[int, list[Any]] = {}
                for index, values in book.rows(name):
                    rows[index] = values
                    if index > SCAN_ROWS:
                        break
                sheets.append(_Sheet(path, rows, book.merged.get(name, [])))
    except NotAReport:
        raise
    except WorkbookError as exc:
        raise NotAReport(f"{path.name}: {exc.message}") from None
    if not sheets:
        raise NotAReport(f"{path.name}: 시트가 없습니다.")
    errors = []
    for sheet in sheets:  # the first sheet with the form's title
        try:
            month, half, year = _period(sheet)
        except NotAReport as exc:
            errors.append(exc)
            continue
        header, plan_cols, exec_cols = _amount_header(sheet)
        _check_headings(sheet, header, plan_cols, exec_cols)
        rows = _data_rows(sheet, header)
        totals = [r for r in rows if any(_label_is(v, "계", "합계") for v in sheet.rows[r][:2])]
        used = totals[-1:] or rows
        plan = tuple(sum(_number(sheet, r, c) for r in used) for c in plan_cols)
        executed = tuple(sum(_number(sheet, r, c) for r in used) for c in exec_cols)
        progress, year_plan, year_actual = _schedule(sheet)
        semiannual = half or (month in (6, 12) and _section_seven(sheet))
        return CountyReport(
            path, _county(sheet), bool(semiannual), year, month, plan, executed, progress,
            year_plan, year_actual,
        )  # fmt: skip
    raise errors[0]
