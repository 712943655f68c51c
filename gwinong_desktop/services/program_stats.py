"""How the program is doing, for a year and one 읍·면 (or all): the numbers behind the dashboard's
charts and their workbook.

Five sets of figures, each made by the database (sums and counts, never rows summed in Python):

- **입주율** by month: of the houses in operation (운영중 or 공실, as ``domain.status`` derives
  them) on the month's last day — today for the month in progress — how many had a resident;
- **임대료**: what fell due in each month (charges by 납부기한, waived ones not) against what was
  collected in it (payments by 납부일), of the stays and houses not archived, as the 임대료 page
  counts them;
- **정착**: the residents whose stay ended in the year, by what became of them (정착, 타지역 이주,
  미확인), by the month of their last move-out of the year;
- **예산 집행**: the county's annual plan against execution up to each month's end, counted as the
  monthly report counts it (``plans.plan_execution``: obligations of 국비, 도비 and 군비, payments
  of own funds, of the year's works, up to the day) — here in one query for the twelve months
  (:data:`EXECUTED`, cumulated per month), which a test holds equal to ``plan_execution`` month by
  month. The plan is the county's, so this one is never narrowed to a 읍·면;
- **상태별**: the houses by status on the year's last day (today for the current year), from the
  house list's own query (``storage.house_list``) so the dashboard's cards and this agree.

Months after the one in progress have no figures (None), so a chart of the current year stops
at today. Money is in 원 here; charts and the workbook show 천원 (``domain.money``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import HouseStatus, SettlementOutcome
from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.periods import month_end, period_end
from gwinong_desktop.domain.rulebook import YearRules
from gwinong_desktop.domain.rules import RuleKey

from .context import ServiceContext
from .rules import RuleBook

MONTHS = 12
FIRST_YEAR = 1990  # the earliest year the choosers offer when the data holds nothing older


class StatsError(ValueError):
    """A year or 읍·면 that cannot be shown; ``message`` is for the officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def month_case(column: str) -> str:
    """SQL: the month number (1–12) of ``column``, a date already inside the year (``:e1`` …
    ``:e11`` are the months' last days). Standard SQL: no date functions of one database."""
    whens = " ".join(f"WHEN {column} <= :e{m} THEN {m}" for m in range(1, MONTHS))
    return f"CASE {whens} ELSE {MONTHS} END"


_HOUSES = """
    SELECT house.id AS id, house.cancelled_on AS cancelled_on, MAX(development.completed_on) AS done
    FROM house
    LEFT JOIN development
      ON development.house_id = house.id AND development.archived_at IS NULL
    WHERE house.archived_at IS NULL {where}
    GROUP BY house.id, house.cancelled_on
"""

_LIVE = "(h.cancelled_on IS NULL OR h.cancelled_on > d.day)"
_DONE = f"{_LIVE} AND h.done <= d.day"
_OPERATING = f"{_DONE} AND h.done >= {{min_done}}"

STATUSES = f"""
    WITH d AS ({{days}}),
    h AS ({{houses}}),
    stays AS (
        SELECT house_id, move_in_on, moved_out_on FROM stay
        WHERE archived_at IS NULL AND moved_out_on >= :start
        UNION ALL
        SELECT house_id, move_in_on, moved_out_on FROM stay
        WHERE archived_at IS NULL AND moved_out_on IS NULL
    ),
    occupied AS (
        SELECT d.no AS no, COUNT(DISTINCT stays.house_id) AS houses
        FROM d
        JOIN stays ON stays.move_in_on <= d.day
                  AND (stays.moved_out_on IS NULL OR stays.moved_out_on >= d.day)
        JOIN h ON h.id = stays.house_id
        WHERE {_OPERATING}
        GROUP BY d.no
    )
    SELECT d.no,
           SUM(CASE WHEN {_LIVE} THEN 0 ELSE 1 END) AS cancelled,
           SUM(CASE WHEN {_LIVE} AND (h.done IS NULL OR h.done > d.day) THEN 1 ELSE 0 END),
           SUM(CASE WHEN {_DONE} AND h.done < {{min_done}} THEN 1 ELSE 0 END) AS ended,
           SUM(CASE WHEN {_OPERATING} THEN 1 ELSE 0 END) AS operating,
           MAX(occupied.houses) AS occupied
    FROM d CROSS JOIN h
    LEFT JOIN occupied ON occupied.no = d.no
    GROUP BY d.no
"""
"""Per month, the houses (not archived; for the charts, of the year or before) by status on
its day, as
``domain.status`` derives it: 취소 (cancelled by then), 조성중 (no completion by then; the
latest works count, as in the house list), 관리기간 종료 (completed before ``min_done``: the
earliest completion whose 관리기간 still holds on that day under the rule values of the
completion's year — ``d.min0`` … one per run of years sharing one 관리기간, see
:func:`status_days`), and of those in operation how many had a resident that day (운영중; the
house list's own test of a stay) — the rest 공실. The stays that can cover a day of the year
(not moved out before it began: two ranges of the move-out index) are joined to the days once,
not looked up per house and day."""

RENT_DUE = """
    SELECT {month} AS no, SUM(rent_charge.amount)
    FROM rent_charge
    JOIN stay ON stay.id = rent_charge.stay_id AND stay.archived_at IS NULL
    JOIN house ON house.id = stay.house_id AND house.archived_at IS NULL
    WHERE rent_charge.waived_reason IS NULL AND rent_charge.due_on BETWEEN :start AND :end {where}
    GROUP BY 1
"""
RENT_COLLECTED = """
    SELECT {month} AS no, SUM(payment.amount)
    FROM payment
    JOIN stay ON stay.id = payment.stay_id AND stay.archived_at IS NULL
    JOIN house ON house.id = stay.house_id AND house.archived_at IS NULL
    WHERE payment.paid_on BETWEEN :start AND :end {where}
    GROUP BY 1
"""
SETTLEMENT = """
    SELECT left_stay.settlement, {month} AS no, COUNT(*)
    FROM (
        SELECT resident.id AS id, resident.settlement AS settlement,
               MAX(stay.moved_out_on) AS last_out
        FROM stay
        JOIN resident ON resident.id = stay.resident_id AND resident.archived_at IS NULL
        JOIN house ON house.id = stay.house_id AND house.archived_at IS NULL
        WHERE stay.archived_at IS NULL AND stay.moved_out_on BETWEEN :start AND :end {where}
        GROUP BY resident.id, resident.settlement
    ) AS left_stay
    GROUP BY left_stay.settlement, 2
"""
"""Residents whose (last) stay of the year ended in it, by outcome and month of that move-out."""

EXECUTED = """
    SELECT {month} AS no, SUM(spent.amount)
    FROM (
        SELECT obligation.obligated_on AS day, obligation.amount AS amount
        FROM obligation
        JOIN development ON development.id = obligation.development_id
        WHERE development.year = :year AND development.archived_at IS NULL
          AND obligation.archived_at IS NULL AND obligation.obligated_on <= :end
          AND obligation.source IN ('national', 'province', 'county')
        UNION ALL
        SELECT own_fund_payment.paid_on, own_fund_payment.amount
        FROM own_fund_payment
        JOIN development ON development.id = own_fund_payment.development_id
        WHERE development.year = :year AND development.archived_at IS NULL
          AND own_fund_payment.archived_at IS NULL AND own_fund_payment.paid_on <= :end
    ) AS spent
    GROUP BY 1
"""
"""What was executed for the works of ``:year`` by month (money before the year counts in its
first month): subsidies by their obligations, own funds by their payments (``plans``).
``:end`` is the last day shown."""
PLAN = """
    SELECT national + loan + local + own FROM annual_plan
    WHERE year = :year AND archived_at IS NULL
"""
"""The annual plan's money (국고보조 + 융자 + 지방비 + 자담) of ``:year``."""

EUPMYEONS = "SELECT DISTINCT eupmyeon FROM house WHERE archived_at IS NULL ORDER BY eupmyeon"
YEAR_SPAN = """
    SELECT MIN(program_year), MAX(program_year) FROM house WHERE archived_at IS NULL
"""


@dataclass(frozen=True)
class ProgramStats:
    """The figures of ``year`` (``eupmyeon`` None: the whole county) as of ``as_of``."""

    year: int
    eupmyeon: str | None
    as_of: date
    months: int  # months with figures: 12, or up to the month in progress
    operating: tuple[int | None, ...]
    occupied: tuple[int | None, ...]
    rent_due: tuple[int | None, ...]  # 원
    rent_collected: tuple[int | None, ...]  # 원
    settlement: dict[SettlementOutcome, tuple[int | None, ...]]
    plan_total: int  # 원: 국고보조 + 융자 + 지방비 + 자담 of the annual plan (0: no plan)
    executed: tuple[int | None, ...]  # 원, cumulative to each month's end
    statuses: dict[HouseStatus, int]

    @property
    def occupancy_pct(self) -> tuple[float | None, ...]:
        return tuple(_pct(o, n) for o, n in zip(self.occupied, self.operating, strict=True))

    @property
    def collection_pct(self) -> tuple[float | None, ...]:
        return tuple(_pct(c, d) for c, d in zip(self.rent_collected, self.rent_due, strict=True))

    @property
    def execution_pct(self) -> tuple[float | None, ...]:
        return tuple(_pct(e, self.plan_total) if self.plan_total else None for e in self.executed)

    def rows(self) -> list[list[object]]:
        """Every figure as the workbook's rows: 구분, 단위, 1월 … 12월, 연간 (money in 천원,
        rates in % to one decimal; 연간: the year's sum, or the last month's for stocks)."""
        thousand = _mapped(to_thousand_won)
        out: list[list[object]] = [
            _row("운영 중인 집(월말)", "개소", self.operating, _last(self.operating)),
            _row("입주 중인 집(월말)", "개소", self.occupied, _last(self.occupied)),
            _row("입주율", "%", _rounded(self.occupancy_pct), _last(_rounded(self.occupancy_pct))),
            _row("임대료 부과", "천원", thousand(self.rent_due), _sum_k(self.rent_due)),
            _row("임대료 수납", "천원", thousand(self.rent_collected),
                 _sum_k(self.rent_collected)),
            _row("수납률", "%", _rounded(self.collection_pct),
                 _round(_pct(_sum(self.rent_collected), _sum(self.rent_due)))),
        ]  # fmt: skip
        for outcome in SettlementOutcome:
            values = self.settlement[outcome]
            out.append(_row(f"퇴거 후 {outcome.label}", "명", values, _sum(values)))
        out += [
            _row("예산 계획(연간)", "천원", (None,) * MONTHS, to_thousand_won(self.plan_total)),
            _row("예산 집행 누계", "천원", thousand(self.executed),
                 _last(thousand(self.executed))),
            _row("예산 집행률", "%", _rounded(self.execution_pct),
                 _last(_rounded(self.execution_pct))),
        ]  # fmt: skip
        for status in HouseStatus:
            out.append(_row(f"상태: {status.label}", "개소", (None,) * MONTHS,
                            self.statuses[status]))  # fmt: skip
        return out


ROW_HEADERS = ("구분", "단위", *(f"{m}월" for m in range(1, MONTHS + 1)), "연간")


def _row(name: str, unit: str, values: Sequence[object], year: object) -> list[object]:
    return [name, unit, *values, year]


def _pct(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return part * 100 / whole


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _rounded(values: Sequence[float | None]) -> tuple[float | None, ...]:
    return tuple(_round(v) for v in values)


def _mapped(fn):  # type: ignore[no-untyped-def]
    return lambda values: tuple(None if v is None else fn(v) for v in values)


def _sum(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _sum_k(values: Sequence[int | None]) -> int | None:
    total = _sum(values)
    return None if total is None else to_thousand_won(total)


def _last(values: Sequence[object]) -> object:
    known = [v for v in values if v is not None]
    return known[-1] if known else None


def earliest_in_period(day: date, years: int) -> date:
    """The earliest completion day whose 관리기간 of ``years`` still holds on ``day`` (its last
    day, ``domain.checks.management_period_end``, is on or after ``day``)."""
    guess = _years_back(day, years) - timedelta(days=3)
    while period_end(guess, years=years) < day:
        guess += timedelta(days=1)
    return guess


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def management_runs(rules: YearRules, first: int, last: int) -> list[tuple[int, int, int]]:
    """(from year, to year, 관리기간 in years) for runs of completion years sharing one value."""
    runs: list[tuple[int, int, int]] = []
    for year in range(first, last + 1):
        years = int(rules.for_year(year).value(RuleKey.MANAGEMENT_YEARS))
        if runs and runs[-1][2] == years:
            runs[-1] = (runs[-1][0], year, years)
        else:
            runs.append((year, year, years))
    return runs


class ProgramStatsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def eupmyeons(self) -> list[str]:
        """The 읍·면 that have houses, in order (the chooser's list after 전체)."""
        with self.ctx.read() as s:
            return list(s.scalars(text(EUPMYEONS)).all())

    def years(self) -> list[int]:
        """The years that can be shown, newest first: from the oldest house's program year to
        this year."""
        this_year = self.ctx.today().year
        with self.ctx.read() as s:
            first = s.execute(text(YEAR_SPAN)).one()[0]
        first = min(int(first), this_year) if first is not None else this_year
        return list(range(this_year, max(first, FIRST_YEAR) - 1, -1))

    def statuses_today(self) -> dict[HouseStatus, int]:
        """Every house (not archived) by its status today, as the house list derives it: the
        dashboard's cards, counted by the database instead of reading the list's rows."""
        today = self.ctx.today()
        with self.ctx.read() as s:
            found = _statuses(s, [today], RuleBook(s), "", {"start": today})
        return found.get(1, dict.fromkeys(HouseStatus, 0))  # no house: no row

    def stats(self, year: int, eupmyeon: str | None = None) -> ProgramStats:
        """The figures of ``year`` for ``eupmyeon`` (None or "": the whole county)."""
        today = self.ctx.today()
        if not FIRST_YEAR <= year <= today.year:
            raise StatsError(f"{year}년의 현황은 볼 수 없습니다 ({FIRST_YEAR}~{today.year}년).")
        eupmyeon = eupmyeon or None
        months = MONTHS if year < today.year else today.month
        days = [min(month_end(date(year, m, 1)), today) for m in range(1, months + 1)]
        as_of = days[-1]
        params: dict[str, object] = {"start": date(year, 1, 1), "end": as_of, "year": year}
        params.update({f"e{m}": month_end(date(year, m, 1)) for m in range(1, MONTHS)})
        where = ""
        if eupmyeon is not None:
            where, params["eupmyeon"] = "AND house.eupmyeon = :eupmyeon", eupmyeon
        with self.ctx.read() as s:
            rules = RuleBook(s)
            of_year = f"AND house.program_year <= :year {where}"
            by_status = _statuses(s, days, rules, of_year, params)
            due = _by_month(s, RENT_DUE.format(month=month_case("rent_charge.due_on"),
                                               where=where), params)  # fmt: skip
            paid = _by_month(s, RENT_COLLECTED.format(month=month_case("payment.paid_on"),
                                                      where=where), params)  # fmt: skip
            settled: dict[SettlementOutcome, dict[int, int]] = {o: {} for o in SettlementOutcome}
            sql = SETTLEMENT.format(month=month_case("left_stay.last_out"), where=where)
            for outcome, month, count in s.execute(_typed(sql), params):
                settled[SettlementOutcome(outcome)][month] = count
            spent = _by_month(s, EXECUTED.format(month=month_case("spent.day")), params)
            plan = s.execute(text(PLAN), {"year": year}).scalar()
        return ProgramStats(
            year=year,
            eupmyeon=eupmyeon,
            as_of=as_of,
            months=months,
            operating=_filled(
                {m: c[HouseStatus.OCCUPIED] + c[HouseStatus.VACANT] for m, c in by_status.items()},
                months,
            ),
            occupied=_filled({m: c[HouseStatus.OCCUPIED] for m, c in by_status.items()}, months),
            rent_due=_filled(due, months),
            rent_collected=_filled(paid, months),
            settlement={o: _filled(v, months) for o, v in settled.items()},
            plan_total=int(plan or 0),
            executed=_pad(tuple(accumulate(spent.get(m, 0) for m in range(1, months + 1)))),
            statuses=by_status.get(months, dict.fromkeys(HouseStatus, 0)),
        )


_DATE_PARAMS = ("start", "end", *(f"e{m}" for m in range(1, MONTHS)))


def _typed(sql: str):  # type: ignore[no-untyped-def]
    """``sql`` with its date parameters typed (PostgreSQL compares them as dates)."""
    names = [n for n in _DATE_PARAMS if f":{n}" in sql]
    return text(sql).bindparams(*(bindparam(n, type_=Date) for n in names))


def _by_month(session: Session, sql: str, params: dict[str, object]) -> dict[int, int]:
    return {int(m): int(v or 0) for m, v in session.execute(_typed(sql), params)}


def _filled(by_month: dict[int, int], months: int) -> tuple[int | None, ...]:
    return _pad(tuple(by_month.get(m, 0) for m in range(1, months + 1)))


def _pad(values: tuple[int, ...]) -> tuple[int | None, ...]:
    return values + (None,) * (MONTHS - len(values))


def status_days(
    days: Sequence[date], rules: YearRules, first: int, last: int
) -> tuple[str, str, dict[str, object]]:
    """The ``days`` table of :data:`STATUSES` (SELECTs joined by UNION ALL), the SQL of a
    house's ``min_done`` on a day, and their parameters: per month its day and, for each run of
    completion years ``first``–``last`` sharing one 관리기간, the earliest completion still inside
    it on that day (``min0`` …); ``:to0`` … are the runs' last days."""
    runs = management_runs(rules, first, last)
    rows, params = [], {}
    for no, day in enumerate(days, 1):
        columns = [f"{no} AS no", f":day{no} AS day"]
        params[f"day{no}"] = day
        for run, (_, _, years) in enumerate(runs):
            columns.append(f":min{run}_{no} AS min{run}")
            params[f"min{run}_{no}"] = earliest_in_period(day, years)
        rows.append("SELECT " + ", ".join(columns))
    whens = []
    for run, (_, to_year, _) in enumerate(runs[:-1]):
        whens.append(f"WHEN h.done <= :to{run} THEN d.min{run}")
        params[f"to{run}"] = date(to_year, 12, 31)
    last_min = f"d.min{len(runs) - 1}"
    min_done = f"CASE {' '.join(whens)} ELSE {last_min} END" if whens else last_min
    return " UNION ALL ".join(rows), min_done, params


def _statuses(
    session: Session, days: list[date], rules: YearRules, where: str, params: dict[str, object]
) -> dict[int, dict[HouseStatus, int]]:
    """Per month number, the houses (not archived, narrowed by ``where``: SQL on ``house``) by
    status on its day (see :data:`STATUSES`)."""
    span = session.execute(
        text(
            "SELECT MIN(completed_on), MAX(completed_on) FROM development "
            "WHERE archived_at IS NULL AND completed_on IS NOT NULL"
        )
    ).one()
    first = _year_of(span[0]) if span[0] is not None else days[-1].year
    last = max(_year_of(span[1]) if span[1] is not None else first, days[-1].year)
    table, min_done, day_params = status_days(days, rules, first, last)
    sql = STATUSES.format(days=table, houses=_HOUSES.format(where=where), min_done=min_done)
    stmt = text(sql).bindparams(*(bindparam(n, type_=Date) for n in (*day_params, "start")))
    out: dict[int, dict[HouseStatus, int]] = {}
    for no, cancelled, building, ended, operating, occupied in session.execute(
        stmt, {**params, **day_params}
    ):
        out[int(no)] = {
            HouseStatus.BUILDING: int(building or 0),
            HouseStatus.OCCUPIED: int(occupied or 0),
            HouseStatus.VACANT: int(operating or 0) - int(occupied or 0),
            HouseStatus.ENDED: int(ended or 0),
            HouseStatus.CANCELLED: int(cancelled or 0),
        }
    return out


def _year_of(value: object) -> int:
    return value.year if isinstance(value, date) else int(str(value)[:4])
