"""Turning a sheet's row of cell values into a register row, with a problem per bad cell.

``SheetRows`` is built once per mapped sheet: for each source column it picks the parser of the
field it feeds (a date, an amount in the header's unit …), so reading a row is a loop over
precomputed parsers. Standard library and ``domain`` only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from gwinong_desktop.domain.contacts import NameAndPhone, split_contact
from gwinong_desktop.domain.location import split_address
from gwinong_desktop.domain.results import Severity

from . import cells
from .cells import CellError, ErrorValue, FormulaWithoutValue
from .mapping import FACILITY, IGNORE, LOCATION, TO_NOTE, SheetMapping
from .mapping import rooms_from_structure as _rooms
from .register_format import REQUIRED, SHEET_BY_KIND, Kind, Problem

_SPECIAL = (FormulaWithoutValue, ErrorValue)
_REQUIRED_MESSAGE = "값이 비어 있습니다. 이 열은 꼭 채워야 합니다"


def column_letter(index: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _contact(value: object) -> NameAndPhone | None:
    text = cells.parse_text(value)
    return split_contact(text) if text else None


def parser_for(kind: Kind, header: str, epoch: date) -> Callable[[object], Any]:
    """The function that reads one cell of a column of ``kind`` under ``header``."""
    if kind is Kind.DATE:
        return partial(cells.parse_date, epoch=epoch)
    if kind is Kind.MONTH:
        return partial(cells.parse_month, epoch=epoch)
    if kind is Kind.WON:
        return partial(cells.parse_money, unit=cells.money_unit(header))
    if kind is Kind.KWON:
        unit = cells.money_unit(header)
        return partial(cells.parse_money, unit=unit if unit != 1 else 1000)
    if kind is Kind.AREA:
        return partial(cells.parse_area, pyeong="평" in header)
    return {
        Kind.TEXT: cells.parse_text,
        Kind.CODE: cells.parse_text,
        Kind.STRUCTURE: cells.parse_text,
        Kind.LOCATION: cells.parse_text,
        Kind.PHONE: cells.parse_phone,
        Kind.COUNT: cells.parse_count,
        Kind.YEAR: cells.parse_year,
        Kind.BOOL: cells.parse_bool,
        Kind.DEV_TYPE: cells.parse_development_type,
        Kind.SETTLEMENT: cells.parse_settlement,
        Kind.CONTACT: _contact,
    }[kind]


class SheetRows:
    """Reads the rows of one mapped sheet into register rows; problems go to ``problems``."""

    def __init__(self, mapping: SheetMapping, epoch: date, problems: list[Problem]) -> None:
        fmt = SHEET_BY_KIND[mapping.kind]
        self.sheet = mapping.sheet
        self.kind = mapping.kind
        self.record = fmt.record
        self.problems = problems
        self.fields: list[tuple[int, str, str, Callable[[object], Any]]] = []
        self.notes: list[tuple[int, str]] = []
        self.location: tuple[int, str] | None = None
        self.width = len(mapping.headers)
        pairs = zip(mapping.headers, mapping.targets, strict=True)
        for index, (header, target) in enumerate(pairs):
            shown = header.strip() or f"{column_letter(index)}열"
            if target == IGNORE:
                continue
            if target == TO_NOTE:
                self.notes.append((index, shown))
            elif target == LOCATION:
                self.location = (index, shown)
            elif target == FACILITY and self.kind == "house":
                self.fields.append((index, "facility", shown, cells.parse_text))
            else:
                column = fmt.column(target)
                if column is None:
                    continue
                self.fields.append((index, target, shown, parser_for(column.kind, header, epoch)))
        mapped = {key for _, key, _, _ in self.fields}
        self.mapped = mapped  # fields with a column of their own
        self.headers = {key: header for _, key, header, _ in self.fields}
        if self.location is not None:
            for key in ("sido", "sigun", "eupmyeon", "ri", "jibun", "road_address"):
                self.headers.setdefault(key, self.location[1])
        for key in ("operator", "owner"):
            if key in self.headers:
                self.headers[f"{key}_phone"] = self.headers[key]
        if "structure" in self.headers and "rooms" not in self.headers:
            self.headers["rooms"] = self.headers["structure"]
        self.required = [(k, h) for _, k, h, _ in self.fields if k in REQUIRED[self.kind]]
        self.derive_rooms = "structure" in mapped and "rooms" not in mapped
        self.extra_warned = False

    def problem(self, row: int, column: str | None, message: str, warn: bool = False) -> None:
        severity = Severity.WARN if warn else Severity.REFUSE
        self.problems.append(Problem(self.sheet, row, column, message, severity))

    def read(self, row: int, values: list[object]) -> Any | None:
        """The register row for the source row ``row``, or None for a blank row."""
        if not any(v is not None and (v.__class__ is not str or v.strip()) for v in values):
            return None
        out: dict[str, Any] = {}
        failed: set[str] = set()
        n = len(values)
        for index, key, header, parse in self.fields:
            if index >= n:
                continue
            value = values[index]
            if value is None:
                continue
            try:
                if value.__class__ in _SPECIAL:
                    raise cells.special_value_error(value)  # type: ignore[misc]
                parsed = parse(value)
            except CellError as exc:
                self.problem(row, header, str(exc))
                failed.add(key)
                continue
            if parsed is not None:
                out[key] = parsed
        for key, header in self.required:
            if key not in out and key not in failed:
                self.problem(row, header, _REQUIRED_MESSAGE)
        if self.kind == "house":
            self._house_parts(row, values, out)
        if self.notes:
            self._notes(values, out)
        extra = values[self.width :]
        if extra and not self.extra_warned and any(v is not None for v in extra):
            self.extra_warned = True
            self.problem(
                row, f"{column_letter(self.width)}열",
                "머리글이 없는 열에 값이 있습니다. 이 열들은 읽지 않았습니다", warn=True,
            )  # fmt: skip
        return self.record(row=row, **out)

    def _house_parts(self, row: int, values: list[object], out: dict[str, Any]) -> None:
        """Split the composite cells; what is not recognised goes to 비고 with a warning."""
        for key in ("operator", "owner"):
            contact = out.pop(key, None)
            if contact is None:
                continue
            name, phone = contact
            if name:
                out[key] = name
                if phone:
                    out[f"{key}_phone"] = phone
            elif phone:
                header = self.headers[key]
                self._keep(out, header, phone)
                self.problem(
                    row, header,
                    f"이름 없이 전화번호만 있어 비고에 적었습니다: '{phone}'", warn=True,
                )  # fmt: skip
        if self.derive_rooms and "structure" in out:
            rooms = _rooms(out["structure"])
            if rooms is not None:
                out["rooms"] = rooms
        if self.location is not None:
            index, header = self.location
            text = cells.parse_text(values[index]) if index < len(values) else None
            if text is not None:
                parts = split_address(text)
                rest = [parts.rest] if parts.rest else []
                for key, part in parts.fields().items():
                    if out.setdefault(key, part) != part:
                        rest.append(part)  # the sheet's own column says otherwise: keep both
                if rest:
                    kept = " ".join(rest)
                    self._keep(out, header, kept)
                    self.problem(
                        row, header,
                        f"주소에서 나누지 못한 부분을 비고에 적었습니다: '{kept}'", warn=True,
                    )  # fmt: skip
                if "eupmyeon" not in out:
                    self.problem(row, header, f"주소에서 읍·면을 찾지 못했습니다: '{text}'")

    @staticmethod
    def _keep(out: dict[str, Any], header: str, text: str) -> None:
        """Add "머리글: 글" to the row's 비고."""
        note = out.get("note")
        out["note"] = f"{note}; {header}: {text}" if note else f"{header}: {text}"

    def _notes(self, values: list[object], out: dict[str, Any]) -> None:
        extra = []
        for index, header in self.notes:
            text = cells.parse_text(values[index]) if index < len(values) else None
            if text is not None:
                extra.append(f"{header}: {text}")
        if extra:
            note = out.get("note")
            out["note"] = "; ".join([note, *extra] if note else extra)
