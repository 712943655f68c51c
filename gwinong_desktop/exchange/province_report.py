"""Reading a county's 추진실적 보고 (별지 제5호 서식) for the province's consolidation.

A file is read as the form is read by eye, so the app's own workbook (``reports.progress_report``,
monthly and semiannual) and a copy filled in by hand both do (``reader.open_book``: untrusted,
read-only, with limits):

- the title "[ 11월] 귀농인의 집 조성사업 추진실적 보고" (the first rows; "[2026년 11월]" too)
  gives the month;
  "[ 하반기 ]" a half (month 6 or 12); a report whose sheet has section "7. 추진실적" (the house
  table, 임대실적) for June or December is the semiannual one, else the monthly one;
- the year is the first "2026년" or date in the first rows (a hand copy without one has none);
- the county is the value of "3. 사업주체" (beside the label or after its colon), else a cell
  labelled "시군"/"시·군" with the value right of it; only its 시/군 word is kept (a 시·도 there
  is the province's own consolidated report: refused); 1 사업명,
  2 회계명, 4 사업추진내용 and 6 대책 또는 건의사항 the same way (or the row under the label);
- the 추진현황 table is found by its labels, not fixed cells: the header row with 사업량 twice
  (계획, then 집행실적(누계)), each followed by 국고보조 · 융자 · 지방비 · 자담 · 계; its rows
  are those under it up to an empty row or the 일정 header; a row labelled 계/합계 is the
  table's total, else the rows are added up; a 계 that is not the sum of its four parts (one
  천원 of rounding allowed) is refused;
- 일정: the header row with 착공일 (and 준공예정일, 계획, 실적 beside it; 사업공정 and 부진원인
  on it or the row above) names the columns; the first row under it gives the dates, 사업공정(%),
  the year's progress planned and achieved and the 부진원인 ("-" or empty: none);
- 7. 추진실적 (semiannual): its header row (연번 · 시군 · 사업자명/운영자명 · 주택규모 · 임대료 ·
  임대실적 기간 · 비고, by label, wherever merged cells put them) and one house per row under it
  up to an empty row or the next section; a cell with several periods holds one per line; a
  value that is not under a header cell (merged cells moved by hand) is refused.

A value hidden under a merged range, or a 계획/집행실적 heading merged over columns that are not
its own, means the form was changed by hand: refused with the file's name (which value is the
plan and which the execution cannot be told). A file that cannot be opened (locked by another
program, no permission) is refused with its name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from .cells import CellError, parse_area, parse_date
from .reader import SheetTooBig, open_book, too_big_while_reading
from .safety import Limits, WorkbookError

AMOUNTS = ("사업량", "국고보조", "융자", "지방비", "자담", "계")
_TITLE = re.compile(r"\[\s*(?:((?:19|20)\d{2})\s*년\s*)?(\d{1,2})\s*/?\s*월\s*\]")
_HALF = re.compile(r"\[\s*(상|하)\s*반기\s*\]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:년|\.\s*\d{1,2}\s*\.|-\d{1,2}-)")
_COUNTY = re.compile(r"([가-힣]{1,6}[시군])(?![가-힣])")
_SECTION = re.compile(r"^\s*(\d)\s*\.\s*")
_NONE = ("", "-", "–", "―", "(내용 없음)")
TITLE_ROWS = 8
ROUNDING = 1  # 천원 a 계 may differ from the sum of its rounded parts


class NotAReport(WorkbookError):
    """The file is not a 추진실적 보고 (or cannot be read as one); ``message`` names it."""


@dataclass(frozen=True)
class HouseRow:
    """One row of section 7 as the county wrote it (연번 left out: the province renumbers)."""

    sigun: str
    operator: str
    floor_area_m2: Decimal | None
    rent: str
    periods: tuple[str, ...]  # "2018.4.1.~5.31", "2018.6.1.~"
    note: str = ""


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
    started_on: date | None = None  # 착공일
    planned_completion_on: date | None = None  # 준공예정일
    delay: str = ""  # 부진원인 또는 문제점
    project_name: str = ""  # 1. 사업명
    account_name: str = ""  # 2. 회계명
    body: str = ""  # 4. 사업추진내용
    measures: str = ""  # 6. 대책 또는 건의사항
    houses: tuple[HouseRow, ...] = ()  # 7. 추진실적 (semiannual)

    @property
    def kind_label(self) -> str:
        """What the report is, after its period: "2026년 하반기 추진실적", "2026년 11월 월별
        추진실적 보고"."""
        return "추진실적" if self.semiannual else "월별 추진실적 보고"

    @property
    def period(self) -> str:
        year = f"{self.year}년 " if self.year else ""
        if self.semiannual:
            return f"{year}{'상' if self.month <= 6 else '하'}반기"
        return f"{year}{self.month}월"


def _key(value: Any) -> str:
    return re.sub(r"[\s·ㆍ()（）]", "", str(value)) if isinstance(value, str) else ""


def _label_is(value: Any, *labels: str) -> bool:
    text = _SECTION.sub("", value.strip()) if isinstance(value, str) else ""
    return _key(text) in {_key(label) for label in labels}


def _text(value: Any) -> str:
    """A text cell as written, "" for nothing ("-", the form's "(내용 없음)")."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value.year}.{value.month}.{value.day}."
    text = str(value).strip()
    return "" if text in _NONE else text


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

    def cells(self, last_row: int | None = None) -> Iterator[tuple[int, int, Any]]:
        for row, values in self.rows.items():
            if last_row is not None and row > last_row:
                break
            for column, value in enumerate(values, start=1):
                if value is not None:
                    yield row, column, value

    def find(self, label: str, *, after: int = 0) -> tuple[int, int] | None:
        """The first cell (row, column) labelled ``label`` below row ``after``."""
        for row, column, value in self.cells():
            if row > after and _label_is(value, label):
                return row, column
        return None

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

    def not_a_number(self, row: int, column: int, what: str) -> NotAReport:
        value = self.cell(row, column)
        return self.refuse(f"{get_column_letter(column)}{row} 칸의 '{value}'는 {what}")


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
    if text in _NONE:
        return 0
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        raise sheet.not_a_number(row, column, "숫자가 아닙니다 (천원 단위 숫자로).") from None


def _percent(sheet: _Sheet, row: int, column: int | None) -> float | None:
    if column is None:
        return None
    value = sheet.cell(row, column)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    text = str(value).strip().removesuffix("%").strip()
    if text in _NONE:
        return None
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        raise sheet.not_a_number(row, column, "숫자가 아닙니다 (% 숫자로).") from None


def _day(sheet: _Sheet, row: int, column: int | None) -> date | None:
    if column is None or _text(sheet.cell(row, column)) == "":
        return None
    try:
        return parse_date(sheet.cell(row, column))
    except CellError as exc:
        raise sheet.refuse(f"{get_column_letter(column)}{row} 칸: {exc.message}") from None


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
                month = int(found.group(2))
                year = int(found.group(1)) if found.group(1) else year
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


def _labelled(sheet: _Sheet, label: str, *, below: bool = False) -> tuple[str, int] | None:
    """The text written for the section ``label`` ("3. 사업주체 : 진안군", or in the cells right
    of the label, or — ``below`` — the first cell of the row under it when that is not the next
    section) and its row; None when the label is not there."""
    for row, column, value in sheet.cells():
        if not isinstance(value, str):
            continue
        stripped = _SECTION.sub("", value.strip())
        name, colon, after = stripped.partition(":")
        if _key(name) != _key(label):
            continue
        if colon and _text(after):
            return _text(after), row
        beside = [_text(v) for v in sheet.rows[row][column:] if _text(v)]
        if beside:
            return beside[0], row
        under = [v for v in sheet.rows.get(row + 1, []) if v is not None] if below else []
        if under and not (isinstance(under[0], str) and _SECTION.match(under[0])):
            return _text(under[0]), row
        return "", row
    return None


def _county(sheet: _Sheet) -> str:
    author = _labelled(sheet, "사업주체")
    if author and author[0] and not _COUNTY.search(author[0]) and author[0][-1] in "도·":
        raise sheet.refuse(
            f"시·도의 취합 보고서입니다 (사업주체 : {author[0]}). 시·군이 보낸 보고서를 골라 "
            "주세요."
        )
    for row, column, value in sheet.cells():
        if not isinstance(value, str):
            continue
        text = value.strip()
        stripped = _SECTION.sub("", text)
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


def _amounts(sheet: _Sheet, rows: list[int], columns: list[int], what: str) -> tuple[float, ...]:
    figures = tuple(sum(_number(sheet, r, c) for r in rows) for c in columns)
    parts = sum(figures[1:5])
    if abs(figures[5] - parts) > ROUNDING:
        raise sheet.refuse(
            f"'5. 추진현황' {what}의 계({figures[5]:,})가 국고보조 · 융자 · 지방비 · 자담의 합"
            f"({parts:,})과 다릅니다 ({get_column_letter(columns[5])}열). 고친 뒤 다시 골라 주세요."
        )
    return figures


def _schedule(sheet: _Sheet, after: int) -> dict[str, Any]:
    """The first line of the 일정 table (see the module): its dates, percentages and 부진원인."""
    found = sheet.find("착공일", after=after)
    if found is None:
        return {}
    under, _ = found
    columns: dict[str, int] = {}
    for row in (under - 1, under):
        for column, value in enumerate(sheet.rows.get(row, []), start=1):
            key = _key(_SECTION.sub("", value.strip())) if isinstance(value, str) else ""
            for name, test in (
                ("started", key == "착공일"), ("completion", key.startswith("준공")),
                ("progress", key.startswith("사업공정")), ("plan", row == under and key == "계획"),
                ("actual", row == under and key == "실적"), ("delay", "부진원인" in key),
            ):  # fmt: skip
                if test and name not in columns:
                    columns[name] = column
    data = min((r for r in sheet.rows if r > under), default=None)
    if data is None:
        return {}
    delay = columns.get("delay")
    return {
        "started_on": _day(sheet, data, columns.get("started")),
        "planned_completion_on": _day(sheet, data, columns.get("completion")),
        "progress": _percent(sheet, data, columns.get("progress")),
        "year_plan": _percent(sheet, data, columns.get("plan")),
        "year_actual": _percent(sheet, data, columns.get("actual")),
        "delay": _text(sheet.cell(data, delay)) if delay else "",
    }


def _section_seven(sheet: _Sheet) -> int | None:
    """The row of the "7. 추진실적" label, None when the sheet has no section 7."""
    for row, _column, value in sheet.cells():
        if isinstance(value, str) and re.match(r"^\s*7\s*\.\s*추진실적", value):
            return row
    return None


_HOUSE_COLUMNS = {  # a header cell's key (spaces and brackets left out) -> the field
    "연번": "number", "시군": "sigun", "사업자명/운영자명": "operator", "운영자명": "operator",
    "사업자명": "operator", "주택규모m²": "area", "주택규모㎡": "area", "주택규모": "area",
    "임대료": "rent", "임대실적기간": "periods", "임대실적": "periods", "비고": "note",
}  # fmt: skip


def _houses(sheet: _Sheet, section: int, county: str) -> tuple[HouseRow, ...]:
    head = next((r for r in sheet.rows if r > section and any(
        _label_is(v, "연번") for v in sheet.rows[r])), None)  # fmt: skip
    if head is None:
        raise sheet.refuse(
            "'7. 추진실적' 표의 머리글(연번 · 시군 · 사업자명/운영자명 …)이 없습니다."
        )
    columns: dict[str, int] = {}
    for column, value in enumerate(sheet.rows[head], start=1):
        name = _HOUSE_COLUMNS.get(_key(value))
        if name and name not in columns:
            columns[name] = column
    missing = [label for name, label in (("operator", "사업자명/운영자명"),
               ("periods", "임대실적 기간")) if name not in columns]  # fmt: skip
    if missing:
        raise sheet.refuse(f"'7. 추진실적' 표의 머리글 {head}행에 '{missing[0]}'이 없습니다.")
    headed = {c for c, v in enumerate(sheet.rows[head], start=1) if _text(v)}
    houses = []
    row = head + 1
    while row in sheet.rows:
        first = next((v for v in sheet.rows[row] if v is not None), None)
        if isinstance(first, str) and _SECTION.match(first):
            break  # the next section ("6. 대책 또는 건의사항")

        for column, value in enumerate(sheet.rows[row], start=1):
            if value is not None and column not in headed:
                raise sheet.refuse(
                    f"'7. 추진실적' 표의 {get_column_letter(column)}{row} 칸 '{value}'이 머리글 "
                    "아래에 있지 않습니다 (병합된 칸이 서식과 다르게 옮겨져 있습니다). 서식대로 "
                    "되돌린 뒤 다시 골라 주세요."
                )

        def get(name: str, row: int = row) -> Any:
            return sheet.cell(row, columns[name]) if name in columns else None

        try:
            area = parse_area(None if _text(get("area")) == "" else get("area"))
        except CellError as exc:
            where = f"{get_column_letter(columns['area'])}{row}"
            raise sheet.refuse(f"'7. 추진실적' {where} 칸: {exc.message}") from None
        periods = tuple(p.strip() for p in _text(get("periods")).splitlines() if _text(p))
        houses.append(HouseRow(
            sigun=_text(get("sigun")) or county, operator=_text(get("operator")),
            floor_area_m2=area, rent=_text(get("rent")), periods=periods,
            note=_text(get("note")),
        ))  # fmt: skip
        row += 1
    return tuple(houses)


def _read_sheets(path: Path, limits: Limits | None) -> list[_Sheet]:
    sheets = []
    with open_book(path, limits) as book:
        for name in book.sheet_names:
            rows = dict(book.rows(name))  # to the end: the merged ranges come after the rows
            sheets.append(_Sheet(path, rows, book.merged.get(name, [])))
    return sheets


def read_county_report(path: Path | str, limits: Limits | None = None) -> CountyReport:
    """One county's report (see the module's docstring), or ``NotAReport`` naming the file."""
    path = Path(path)
    try:
        sheets = _read_sheets(path, limits)
    except WorkbookError as exc:
        raise NotAReport(f"{path.name}: {exc.message}") from None
    except SheetTooBig:
        raise NotAReport(f"{path.name}: {too_big_while_reading(limits or Limits())}") from None
    except PermissionError:
        raise NotAReport(
            f"{path.name}: 파일을 열 수 없습니다. Excel 등 다른 프로그램이 파일을 잠그고 있거나 "
            "읽을 권한이 없습니다. 파일을 닫은 뒤 다시 골라 주세요."
        ) from None
    except OSError as exc:
        raise NotAReport(f"{path.name}: 파일을 읽을 수 없습니다 ({exc.strerror or exc}).") from None
    if not sheets:
        raise NotAReport(f"{path.name}: 시트가 없습니다.")
    errors = []
    for sheet in sheets:  # the first sheet with the form's title
        try:
            month, half, year = _period(sheet)
        except NotAReport as exc:
            errors.append(exc)
            continue
        return _read_sheet(sheet, month, half, year)
    raise errors[0]


def _read_sheet(sheet: _Sheet, month: int, half: bool, year: int | None) -> CountyReport:
    header, plan_cols, exec_cols = _amount_header(sheet)
    _check_headings(sheet, header, plan_cols, exec_cols)
    rows = _data_rows(sheet, header)
    totals = [r for r in rows if any(_label_is(v, "계", "합계") for v in sheet.rows[r][:2])]
    used = totals[-1:] or rows
    plan = _amounts(sheet, used, plan_cols, "계획")
    executed = _amounts(sheet, used, exec_cols, "집행실적")
    section = _section_seven(sheet) if month in (6, 12) else None
    semiannual = half or section is not None
    county = _county(sheet)
    texts = {
        name: (found[0] if (found := _labelled(sheet, label, below=below)) else "")
        for name, label, below in (
            ("project_name", "사업명", False), ("account_name", "회계명", False),
            ("body", "사업추진내용", True), ("measures", "대책 또는 건의사항", True),
        )
    }  # fmt: skip
    houses = _houses(sheet, section, county) if section is not None else ()
    return CountyReport(
        sheet.path, county, bool(semiannual), year, month, plan, executed,
        houses=houses, **texts, **_schedule(sheet, header),
    )  # fmt: skip
