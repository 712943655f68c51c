"""Reading a register workbook: safely, in read-only mode, with limits, and with a mapping.

``open_book`` refuses what is not a usable .xlsx (``safety.check_file``) and opens the rest with
openpyxl in read-only, data-only mode: a formula cell gives the value Excel calculated and
saved, and one without a saved value is refused with its place. ``Book.layout()`` reads only the
first rows of each sheet to find its header (a title row above it and headers split over two
rows by merged cells are understood) and refuses sheets whose stated size passes the limits.
``read_register`` streams every row through a mapping into ``RegisterData``; rows and cells past
the limits stop the read, so a lying file cannot hang it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.domain.results import Severity

from .cells import WINDOWS_EPOCH, ErrorValue, FormulaWithoutValue, parse_text
from .mapping import (
    KIND_LABELS,
    SYNONYMS,
    RegisterMapping,
    SheetMapping,
    guess_kind,
    normalize_header,
)
from .records import SheetRows
from .register_format import SHEETS, Problem, RegisterData
from .safety import Limits, WorkbookError, check_file, sheet_too_big

HEADER_SCAN_ROWS = 15
SAMPLE_ROWS = 200  # rows under the header kept for the guess (values decide too) and samples
REPORT_EVERY = 2000

_KNOWN = {normalize_header(n) for kind in SYNONYMS.values() for ns in kind.values() for n in ns}
_KNOWN |= {normalize_header(h) for fmt in SHEETS for h in fmt.headers}


class SheetTooBig(Exception):
    """A sheet read past the limits (rows, columns or cells): ``Book.rows`` stops there."""


@dataclass
class SheetLayout:
    """One sheet as the wizard first sees it: its header and a few rows."""

    name: str
    header_row: int  # 0: no header found
    headers: list[str]
    samples: list[list[object]] = field(default_factory=list)
    rows: int | None = None  # as the sheet states it
    columns: int | None = None
    refusal: str | None = None  # too big to read


@dataclass
class WorkbookLayout:
    path: Path
    sheets: list[SheetLayout]

    def sheet(self, name: str) -> SheetLayout:
        return next(s for s in self.sheets if s.name == name)

    def guess_mapping(self) -> RegisterMapping:
        """Each sheet's kind and columns guessed from its name and headers."""
        sheets = []
        for s in self.sheets:
            mapping = SheetMapping(
                s.name, guess_kind(s.name, s.headers), s.header_row, s.headers, samples=s.samples
            )
            mapping.origin = "own" if mapping.is_own_format() else "guessed"
            sheets.append(mapping)
        return RegisterMapping(sheets)


def _parser_class() -> type:
    """openpyxl's sheet parser, telling a formula without a saved value from an empty cell,
    with a fast path for plain inline strings (what openpyxl and many programs write)."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    text_tag = f"{{{SHEET_MAIN_NS}}}t"

    class _Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict:
            if element.get("t") == "inlineStr":
                inline = element.find(INLINE_STRING)
                if inline is not None and len(inline) == 1 and inline[0].tag == text_tag:
                    coordinate = element.get("r")
                    if coordinate:
                        row, column = coordinate_to_tuple(coordinate)
                        self.col_counter = column
                    else:
                        self.col_counter += 1
                        row, column = self.row_counter, self.col_counter
                    value = inline[0].text or ""
                    return {"row": row, "column": column, "value": value, "data_type": "s"}
            cell = super().parse_cell(element)
            if cell["value"] is None:
                formula = element.find(FORMULA_TAG)
                if formula is not None:
                    cell["value"] = FormulaWithoutValue("=" + (formula.text or ""))
                    cell["data_type"] = "formula"
            elif cell["data_type"] == "e":
                cell["value"] = ErrorValue(cell["value"])
            return cell

    return _Parser


class Book:
    """An open workbook (read-only). Use ``open_book``."""

    def __init__(self, path: Path, limits: Limits) -> None:
        check_file(path, limits)
        from openpyxl import load_workbook

        self.path = Path(path)
        self.limits = limits
        self.cells_read = 0
        self.merged: dict[str, list[str]] = {}
        """A sheet's merged ranges ("A1:C1"), known once ``rows`` has read it to the end."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds for a broken package
            raise WorkbookError(
                f"통합 문서를 열 수 없습니다: {self.path.name} ({exc.__class__.__name__}). "
                "Excel에서 열리는지 확인하고 '다른 이름으로 저장'으로 새로 저장해 주세요."
            ) from exc
        if len(self.wb.sheetnames) > limits.max_sheets:
            self.close()
            raise WorkbookError(f"시트가 너무 많습니다 ({len(self.wb.sheetnames)}개): {path}")
        epoch = self.wb.epoch
        self.epoch: date = epoch.date() if isinstance(epoch, datetime) else epoch or WINDOWS_EPOCH
        self._parser = _parser_class()

    def close(self) -> None:
        self.wb.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def sheet_names(self) -> list[str]:
        return [ws.title for ws in self.wb.worksheets]

    def size(self, name: str) -> tuple[int | None, int | None]:
        ws = self.wb[name]
        return ws.max_row, ws.max_column

    def rows(self, name: str) -> Iterator[tuple[int, list[object]]]:
        """(row number, values by column) for every row with a value, in order."""
        ws = self.wb[name]
        limits = self.limits
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with ws._get_source() as src:
                parser = self._parser(
                    src, ws._shared_strings, data_only=True, epoch=self.wb.epoch,
                    date_formats=self.wb._date_formats,
                    timedelta_formats=self.wb._timedelta_formats,
                )  # fmt: skip
                # openpyxl's own row parser (what ws.iter_rows uses), without a cell object per
                # value; tests/exchange pin the behaviour, should a new openpyxl change it
                for index, cells in parser.parse():
                    self.cells_read += len(cells)
                    if index > limits.max_rows or self.cells_read > limits.max_cells:
                        raise SheetTooBig
                    found = {}
                    for cell in cells:
                        value = cell["value"]
                        if value is not None:
                            column = cell["column"]
                            if column > limits.max_columns:
                                raise SheetTooBig
                            found[column - 1] = value
                    if found:
                        values: list[object] = [None] * (max(found) + 1)
                        for column, value in found.items():
                            values[column] = value
                        yield index, values
                merges = parser.merged_cells
                self.merged[name] = [m.ref for m in merges.mergeCell] if merges else []

    def layout(self) -> WorkbookLayout:
        sheets = []
        for name in self.sheet_names:
            rows, columns = self.size(name)
            refusal = sheet_too_big(rows, columns, self.limits)
            head: list[tuple[int, list[object]]] = []
            try:
                for item in self.rows(name):
                    if item[0] > HEADER_SCAN_ROWS + SAMPLE_ROWS:
                        break
                    head.append(item)
            except SheetTooBig:
                refusal = refusal or too_big_while_reading(self.limits)
            header_row, headers = detect_header([r for r in head if r[0] <= HEADER_SCAN_ROWS])
            samples = [v for i, v in head if i > header_row][:SAMPLE_ROWS] if header_row else []
            sheets.append(SheetLayout(name, header_row, headers, samples, rows, columns, refusal))
        return WorkbookLayout(self.path, sheets)


def open_book(path: Path | str, limits: Limits | None = None) -> Book:
    return Book(Path(path), limits or Limits())


def inspect_workbook(path: Path | str, limits: Limits | None = None) -> WorkbookLayout:
    """The sheets and headers of a workbook (cheap: only the first rows are read)."""
    with open_book(path, limits) as book:
        return book.layout()


def too_big_while_reading(limits: Limits) -> str:
    return (
        f"시트가 읽을 수 있는 한도({limits.max_rows:,}행 × {limits.max_columns:,}열, 셀 "
        f"{limits.max_cells:,}개)를 넘어 읽기를 멈췄습니다. 빈 행과 열을 지우거나, 자료가 있는 "
        "부분만 새 시트에 복사해 주세요."
    )


# --- the header ------------------------------------------------------------------------------


def _texts(values: list[object]) -> list[str]:
    return [parse_text(v) or "" for v in values]


def _matches(headers: list[str]) -> int:
    return sum(1 for h in headers if h and normalize_header(h) in _KNOWN)


def _combine(top: list[str], sub: list[str]) -> list[str]:
    """Headers over two rows: a group cell merged across columns above its sub-headers
    ("임대차" over "시작일", "종료일"), and single cells merged down over both rows."""
    width = max(len(top), len(sub))
    top = top + [""] * (width - len(top))
    sub = sub + [""] * (width - len(sub))
    out, group = [], ""
    for t, s in zip(top, sub, strict=True):
        if t and not s:
            out.append(t)
            group = ""
            continue
        if t:
            group = t
        if not s:
            out.append("")
        elif group and normalize_header(group + s) in _KNOWN:
            out.append(group + s)
        elif normalize_header(s) in _KNOWN or not group:
            out.append(s)
        else:
            out.append(f"{group} {s}")
    return out


def detect_header(rows: list[tuple[int, list[object]]]) -> tuple[int, list[str]]:
    """(row number, headers) of the row that looks most like a header; (0, []) if none."""
    if not rows:
        return 0, []
    scored = [(_matches(_texts(v)), -i, i, v) for i, v in rows]
    score, _, row, values = max(scored, key=lambda s: (s[0], s[1]))
    if score == 0:
        row, values = rows[0]
    headers = _texts(values)
    following = next(((i, v) for i, v in rows if i == row + 1), None)
    if following is not None and all(v is None or isinstance(v, str) for v in following[1]):
        sub = _texts(following[1])
        span = max(len(headers), len(sub))
        split = any(
            not (headers[c] if c < len(headers) else "") and (sub[c] if c < len(sub) else "")
            for c in range(span)
        )
        combined = _combine(headers, sub)
        if split and _matches(combined) > _matches(headers):
            row, headers = following[0], combined
    while headers and not headers[-1]:
        headers.pop()
    return row, headers


# --- the rows ----------------------------------------------------------------------------------


def read_register(
    path: Path | str,
    mapping: RegisterMapping | None = None,
    *,
    limits: Limits | None = None,
    state: TaskState | None = None,
) -> RegisterData:
    """Every row of the mapped sheets as register rows, and every problem found.

    ``mapping`` None: guessed from the sheet names and headers. Raises ``WorkbookError`` when
    the file is no workbook, ``domain.progress.Cancelled`` when ``state`` is cancelled.
    """
    with open_book(path, limits) as book:
        layout = book.layout()
        mapping = mapping or layout.guess_mapping()
        return read_mapped(book, layout, mapping, state=state)


def read_mapped(
    book: Book,
    layout: WorkbookLayout,
    mapping: RegisterMapping,
    *,
    state: TaskState | None = None,
) -> RegisterData:
    state = ensure(state)
    data = RegisterData()
    used = [m for m in mapping.sheets if m.kind]
    for kind in mapping.duplicate_kinds():
        names = ", ".join(f"'{m.sheet}'" for m in used if m.kind == kind)
        data.problems.append(
            Problem("", None, None, f"{KIND_LABELS[kind]} 자료를 읽을 시트가 여럿입니다: {names}")
        )
    if not used:
        message = "읽을 시트가 없습니다. 시트의 종류를 골라 주세요."
        data.problems.append(Problem("", None, None, message))
    total = sum(layout.sheet(m.sheet).rows or 0 for m in used)
    done = 0
    for sheet_mapping in used:
        sheet = layout.sheet(sheet_mapping.sheet)
        data.sheet_names[sheet_mapping.kind] = sheet.name
        if sheet.refusal:
            data.problems.append(Problem(sheet.name, None, None, sheet.refusal))
            continue
        missing = sheet_mapping.missing()
        if missing:
            data.problems.append(
                Problem(sheet.name, None, None, f"꼭 필요한 열이 없습니다: {', '.join(missing)}")
            )
            continue
        reader = SheetRows(sheet_mapping, book.epoch, data.problems)
        data.headers[sheet_mapping.kind] = reader.headers
        data.own_columns[sheet_mapping.kind] = reader.mapped
        for _index, header in reader.notes:
            message = "관리대장의 항목이 아닌 열이어서, 각 행의 비고에 '머리글: 값'으로 덧붙입니다"
            data.problems.append(Problem(sheet.name, None, header, message, Severity.WARN))
        out = {"house": data.houses, "resident": data.residents, "payment": data.payments}
        target = out[sheet_mapping.kind]
        label = f"'{sheet.name}' 시트를 읽는 중"
        count = 0
        try:
            for index, values in book.rows(sheet.name):
                if index <= sheet_mapping.header_row:
                    continue
                record = reader.read(index, values)
                if record is not None:
                    target.append(record)
                count += 1
                if count % REPORT_EVERY == 0:
                    state.report(done + index, total, label)
        except SheetTooBig:
            target.clear()  # a part of a sheet is never imported
            message = too_big_while_reading(book.limits)
            data.problems.append(Problem(sheet.name, None, None, message))
        done += sheet.rows or 0
    _warn_unread(layout, mapping, data)
    return data


def _warn_unread(layout: WorkbookLayout, mapping: RegisterMapping, data: RegisterData) -> None:
    for sheet_mapping in mapping.sheets:
        if not sheet_mapping.kind and layout.sheet(sheet_mapping.sheet).headers:
            message = "이 시트는 읽지 않았습니다 (관리대장의 시트로 알아보지 못했습니다)"
            data.problems.append(Problem(sheet_mapping.sheet, None, None, message, Severity.WARN))
