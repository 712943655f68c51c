"""임대료 수납대장: per stay and month what was charged, waived and paid, and what is owed.

One block per stay (a carried balance from before the year first, when there is one), then its
subtotal, and the total of every stay at the end. 잔액 is what the resident owes after the month
(charged − waived − paid, from the first month on); a negative balance is rent paid ahead and is
shown as "선납".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.table import Column, Strong, TableSummary, write_table

from .heading import report_title

NAME = "임대료 수납대장"
WON = "#,##0"
BALANCE = '#,##0;"선납 "#,##0;0'
COLUMNS = (
    Column("관리번호", 12),
    Column("입주자", 10),
    Column("대상월", 10, "yyyy-mm"),
    Column("부과액", 12, WON),
    Column("면제", 10, WON),
    Column("납부일", 12),
    Column("납부액", 12, WON),
    Column("잔액(미납)", 14, BALANCE),
    Column("비고", 34, wrap=True),
)


@dataclass(frozen=True)
class LedgerMonth:
    month: date  # the first day
    charged: int = 0
    waived: int = 0  # charged but waived (the reason in ``note``)
    paid_on: tuple[date, ...] = ()
    paid: int = 0
    note: str = ""


@dataclass(frozen=True)
class StayLedger:
    house_code: str
    resident: str  # masked or not by the service
    period: str  # "2024.3.1.~2026.2.28."
    opening: int  # owed from before the first month shown (0: nothing carried)
    months: Sequence[LedgerMonth]


@dataclass
class _Sums:
    charged: int = 0
    waived: int = 0
    paid: int = 0
    balance: int = 0

    def add(self, other: _Sums) -> None:
        self.charged += other.charged
        self.waived += other.waived
        self.paid += other.paid
        self.balance += other.balance


def _paid_on(dates: tuple[date, ...]) -> object:
    if not dates:
        return None
    if len(dates) == 1:
        return dates[0]
    return ", ".join(f"{d:%Y-%m-%d}" for d in dates)


def _stay_rows(stay: StayLedger, sums: _Sums) -> Iterator[list[object]]:
    balance = stay.opening
    if stay.opening:
        yield [stay.house_code, stay.resident, "이월", None, None, None, None, balance,
               "이전 기간에서 넘어온 잔액"]  # fmt: skip
    for m in stay.months:
        balance += m.charged - m.waived - m.paid
        sums.charged += m.charged
        sums.waived += m.waived
        sums.paid += m.paid
        yield [
            stay.house_code, stay.resident, m.month, m.charged or None, m.waived or None,
            _paid_on(m.paid_on), m.paid or None, balance, m.note or None,
        ]  # fmt: skip
    sums.balance = balance


def ledger_rows(stays: Sequence[StayLedger]) -> Iterator[list[object]]:
    """The sheet's rows: each stay's months and its subtotal (a ``Strong`` row), then the total."""
    total = _Sums()
    for stay in stays:
        sums = _Sums()
        yield from _stay_rows(stay, sums)
        yield Strong([
            stay.house_code, stay.resident, "소계", sums.charged, sums.waived or None, None,
            sums.paid, sums.balance, f"입주 {stay.period}",
        ])  # fmt: skip
        total.add(sums)
    yield Strong([
        "합계", f"{len(stays):,}건", None, total.charged, total.waived or None, None, total.paid,
        total.balance, None,
    ])  # fmt: skip


def write_rent_ledger(
    path: Path,
    stays: Sequence[StayLedger],
    *,
    county: str,
    made_on: date,
    year: int | None,
    privacy: str,
    state: TaskState | None = None,
) -> TableSummary:
    """Write the ledger of ``stays`` to ``path`` (A4 landscape, the title area on top)."""
    total = sum(len(s.months) + 1 + bool(s.opening) for s in stays) + 1
    return write_table(
        path,
        COLUMNS,
        ledger_rows(stays),
        sheet=NAME,
        fit_rows=True,
        title=report_title(NAME, county=county, made_on=made_on, year=year, privacy=privacy),
        total=total,
        state=state,
        label=f"{NAME} 쓰는 중",
    )
