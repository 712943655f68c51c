"""귀농인의 집 입주 현황 공개: the list a county puts on its website (guideline Ⅲ-2: "귀농인의 집
제공 마을과 입주 현황을 인터넷에 공개").

One row per house in use: where it is (읍면 and 리, never the lot number or the road address),
who runs it, how it came to be, its size and rooms, its rent and deposit, and whether it is
lived in today. Nothing about any person: no resident, no owner, no dates of a stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.table import GENERAL, Column, TableSummary, write_table

NAME = "귀농인의 집 입주 현황"
OCCUPIED, VACANT, BUILDING = "입주 중", "입주 가능", "조성 중"
COLUMNS = (
    Column("연번", 6, GENERAL),
    Column("읍면", 10),
    Column("리(마을)", 10),
    Column("운영자", 22, wrap=True),
    Column("조성유형", 20),
    Column("방 수", 7, '0"칸"'),
    Column("면적(m²)", 10, "#,##0.00"),
    Column("임대료(월)", 11, '#,##0"원"'),
    Column("보증금", 12, '#,##0"원"'),
    Column("입주 현황", 11),
)


@dataclass(frozen=True)
class ListedHouse:
    eupmyeon: str
    ri: str
    operator: str
    development_type: str
    rooms: int | None
    floor_area_m2: Decimal | None
    monthly_rent: int | None
    deposit: int | None
    status: str  # OCCUPIED, VACANT or BUILDING


def write_public_listing(
    path: Path | str,
    houses: Sequence[ListedHouse],
    *,
    county: str,
    as_of: date,
    state: TaskState | None = None,
) -> TableSummary:
    """Write the listing of ``houses`` to ``path`` (A4 landscape, its title and the day it
    stands at on top)."""
    vacant = sum(1 for h in houses if h.status == VACANT)
    title = [
        f"{county} {NAME}",
        f"{format_date_ko(as_of)} 현재 · {len(houses):,}개소 중 입주 가능 {vacant:,}개소",
    ]
    rows = [
        [
            number, h.eupmyeon, h.ri or None, h.operator, h.development_type, h.rooms,
            float(h.floor_area_m2) if h.floor_area_m2 is not None else None,
            h.monthly_rent, h.deposit, h.status,
        ]
        for number, h in enumerate(houses, 1)
    ]  # fmt: skip
    return write_table(
        path, COLUMNS, rows, sheet=NAME, title=title, fit_rows=True, state=state,
        label=f"{NAME} 쓰는 중",
    )  # fmt: skip
