"""One line of the house list, made from the list query's values (no SQLAlchemy here).

Both start-up paths build rows with :func:`house_rows`: the first screen from ``sqlite3``
(``storage.quick``) before SQLAlchemy has loaded, and ``HouseService.list_houses`` after. The
query is ``storage.house_list``; a house's status is derived by ``domain.status`` with the rule
values of its year (``domain.rulebook.YearRules``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from gwinong_desktop.domain.enums import DevelopmentType, HouseStatus
from gwinong_desktop.domain.rulebook import YearRules
from gwinong_desktop.domain.status import derive_house_status


@dataclass(frozen=True)
class HouseRow:
    """One line of the house list (selected columns; no personal data)."""

    id: int
    uid: str
    code: str
    eupmyeon: str
    ri: str
    address: str
    development_type: DevelopmentType
    program_year: int
    operator: str
    rooms: int | None
    floor_area_m2: Decimal | None
    status: HouseStatus
    completed_on: date | None
    archived: bool

    def search_text(self) -> str:
        """What search-as-you-type matches against, lower-cased once."""
        return " ".join(
            (self.code, self.eupmyeon, self.ri, self.address, self.operator,
             self.development_type.label, self.status.label, str(self.program_year))
        ).lower()  # fmt: skip


def house_rows(records: Iterable[Sequence[Any]], today: date, rules: YearRules) -> list[HouseRow]:
    """``HouseRow``s from the rows of ``storage.house_list``'s query, in its order.

    Values may come typed (SQLAlchemy, PostgreSQL) or as SQLite keeps them (dates as ISO text,
    ``Numeric(10, 2)`` as REAL, read back to two places as SQLAlchemy does)."""
    rows = []
    for r in records:
        completed_on = _date(r[13])
        rows.append(
            HouseRow(
                id=r[0],
                uid=r[1],
                code=r[2],
                eupmyeon=r[3],
                ri=r[4] or "",
                address=house_address(r[3], r[4], r[5], r[6]),
                development_type=DevelopmentType(r[7]),
                program_year=r[8],
                operator=r[9] or "",
                rooms=r[10],
                floor_area_m2=_decimal(r[11]),
                status=derive_house_status(
                    cancelled_on=_date(r[12]),
                    completed_on=completed_on,
                    has_active_stay=r[14] is not None,
                    today=today,
                    rules=rules.for_year(completed_on.year if completed_on else r[8]),
                ),
                completed_on=completed_on,
                archived=r[15] is not None,
            )
        )
    return rows


def house_address(eupmyeon: str, ri: str | None, jibun: str | None, road: str | None) -> str:
    """The address a list shows: the road address, else 읍면 리 지번."""
    if road:
        return road
    return " ".join(p for p in (eupmyeon, ri, jibun) if p)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(f"{value:.2f}")
