"""거주자 명부: who lived in which house and when, as the guideline (Ⅲ-3) asks operators to keep
it — one row per stay, in the order of the houses' 관리번호 and the move-in dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.table import GENERAL, Column, TableSummary, write_table

from .heading import report_title

NAME = "거주자 명부"
COLUMNS = (
    Column("연번", 6, GENERAL),
    Column("관리번호", 12),
    Column("읍면·리", 15),
    Column("입주자", 10),
    Column("생년월일", 11),
    Column("연락처", 14),
    Column("세대원수", 8, '0"명"'),
    Column("전거주지", 30, wrap=True),
    Column("입주일", 12),
    Column("퇴거(예정)일", 17),
    Column("연장", 12),
    Column("정착여부", 16, wrap=True),
    Column("비고", 30, wrap=True),
)


@dataclass(frozen=True)
class ResidentLine:
    """One stay as the register shows it; personal values already masked or not by the service
    (``birth`` is a date in full, text when masked)."""

    house_code: str
    place: str  # "부귀면 거석리"
    name: str
    birth: date | str | None
    phone: str
    household_size: int
    previous_address: str
    move_in: date
    end: date  # moved out on, or the planned end (extended end if extended)
    moved_out: bool
    extended_to: date | None
    settlement: str
    note: str


def _row(number: int, line: ResidentLine) -> list[object]:
    end: object = line.end if line.moved_out else f"{line.end:%Y-%m-%d} (예정)"
    return [
        number, line.house_code, line.place, line.name, line.birth or None, line.phone or None,
        line.household_size, line.previous_address or None, line.move_in, end,
        line.extended_to, line.settlement or None, line.note or None,
    ]  # fmt: skip


def write_resident_register(
    path: Path,
    lines: Sequence[ResidentLine],
    *,
    county: str,
    made_on: date,
    year: int | None,
    privacy: str,
    state: TaskState | None = None,
) -> TableSummary:
    """Write the register of ``lines`` to ``path`` (A4 landscape, the title area on top)."""
    return write_table(
        path,
        COLUMNS,
        [_row(number, line) for number, line in enumerate(lines, 1)],
        sheet=NAME,
        fit_rows=True,
        title=report_title(NAME, county=county, made_on=made_on, year=year, privacy=privacy),
        state=state,
        label=f"{NAME} 쓰는 중",
    )
