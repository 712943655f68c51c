"""The rows of stays as lists show them, and the rule every house's stays keep (one at a time).

One query serves the county-wide list, a house's history, a person's stays and the reminder to
ask after a moved-out resident's settlement: selected columns over stay ⋈ resident ⋈ house read
through the driver (:data:`STAY_LIST`), the status derived in Python for the day asked
(``domain.stays.stay_status``).

Names and phones are masked here for roles that may not see personal data; the full list shown
to a role that may is one access record per load (``StayQueries.log_shown``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import ApplicantDecision, SettlementOutcome
from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.periods import ONE_DAY, format_date_ko, format_period, overlaps
from gwinong_desktop.domain.rules import OVERLAP, RuleResult, refuse
from gwinong_desktop.domain.stays import StayStatus, stay_end, stay_status
from gwinong_desktop.storage.driver_rows import driver_rows
from gwinong_desktop.storage.models import Applicant, Recruitment, Resident, Stay

from .privacy import PersonalDataPolicy, mask_name


class StayRow(NamedTuple):
    """One stay as the 입주 현황 list, a house's 입주자 tab and a person's page show it (a named
    tuple: the province's every stay is built in one pass, see :func:`stay_rows`)."""

    id: int
    house_id: int
    house_code: str
    eupmyeon: str
    resident_id: int
    name: str
    phone: str
    household_size: int
    move_in_on: date
    planned_end_on: date
    extended_to: date | None
    moved_out_on: date | None
    monthly_rent: int
    deposit_amount: int
    extension_requested: bool
    status: StayStatus
    settlement: SettlementOutcome
    settled_on: date | None
    moved_in_registered: bool
    farm_registered: bool
    note: str

    @property
    def end_on(self) -> date:
        """The last day the stay may last (the extension's end, else the planned end)."""
        return stay_end(self.planned_end_on, self.extended_to)

    @property
    def needs_settlement_check(self) -> bool:
        """Moved out, and nobody has yet asked whether the resident settled (the reminder)."""
        return self.status is StayStatus.MOVED_OUT and self.settlement is SettlementOutcome.UNKNOWN

    def period(self) -> str:
        return format_period(self.move_in_on, self.moved_out_on or self.end_on)

    def search_text(self) -> str:
        return " ".join(
            (self.house_code, self.eupmyeon, self.name, self.phone, self.status.label,
             self.settlement.label, self.note)
        )  # fmt: skip


STAY_LIST = """
    SELECT s.id, s.house_id, h.code, h.eupmyeon, s.resident_id, r.name, r.phone,
           s.household_size, s.move_in_on, s.planned_end_on, s.extended_to, s.moved_out_on,
           s.monthly_rent, s.deposit_amount, s.extension_requested, r.settlement, r.settled_on,
           r.moved_in_registered, r.farm_registered, s.note
    FROM stay AS s
    JOIN resident AS r ON r.id = s.resident_id
    JOIN house AS h ON h.id = s.house_id
    WHERE s.archived_at IS NULL {where}
    ORDER BY s.move_in_on DESC, s.id DESC
"""
"""Every stay that counts (not archived), newest move-in first; ``{where}`` narrows it."""


class StaysOf:
    """Which stays :func:`stay_rows` reads: ``{where}`` of :data:`STAY_LIST` and its values."""

    ALL = ""
    HOUSE = "AND s.house_id = :house_id"
    RESIDENT = "AND s.resident_id = :resident_id"
    UNSETTLED = (
        "AND s.moved_out_on IS NOT NULL AND s.moved_out_on < :today"
        f" AND r.settlement = '{SettlementOutcome.UNKNOWN.value}'"
    )
    """Moved out before today, settlement not yet confirmed (the reminder)."""


def stay_rows(
    session: Session,
    today: date,
    people: PersonalDataPolicy,
    where: str = StaysOf.ALL,
    **values: int,
) -> list[StayRow]:
    """The stays of ``where`` (one of :class:`StaysOf`), their status on ``today``, names and
    phones as ``people`` may see them.

    Read through the driver's cursor and built as named tuples: the county-wide list is every
    stay of a province, and SQLAlchemy's rows and a dataclass per stay cost twice the query
    (profiled: 2.4× plain ``sqlite3``)."""
    raw = driver_rows(
        session.connection(), STAY_LIST.format(where=where), {**values, "today": today.isoformat()}
    )
    iso = date.fromisoformat
    outcome = {m.value: m for m in SettlementOutcome}
    name, phone = people.name, people.phone
    make = StayRow._make
    out = []
    for (sid, hid, code, eup, rid, who, tel, size, move_in, planned, extended, moved_out, rent,
         deposit, requested, settlement, settled_on, registered, farm, note) in raw:  # fmt: skip
        move_in, planned = iso(move_in), iso(planned)
        extended = iso(extended) if extended else None
        moved_out = iso(moved_out) if moved_out else None
        out.append(make((
            sid, hid, code, eup or "", rid, name(who), phone(tel), size or 1, move_in, planned,
            extended, moved_out, rent or 0, deposit or 0, bool(requested),
            stay_status(move_in, planned, extended, moved_out, today), outcome[settlement],
            iso(settled_on) if settled_on else None, bool(registered), bool(farm), note or "",
        )))  # fmt: skip
    return out


# --- one stay at a time in a house ------------------------------------------------------------


@dataclass(frozen=True)
class StayPeriod:
    """A stay's days as the one-at-a-time rule sees them (``end_on`` None: not moved out yet,
    so it runs on)."""

    id: int | None
    name: str
    move_in_on: date
    end_on: date | None

    def label(self) -> str:
        """ "김*수 님의 입주(2024.3.1.~2025.2.28.)": the other person masked, in any role."""
        return f"{mask_name(self.name)} 님의 입주({format_period(self.move_in_on, self.end_on)})"


def house_stay_periods(session: Session, house_id: int, *, open_until_moved_out: bool) -> list:
    """The house's stays that count, oldest first. ``open_until_moved_out``: a stay without a
    move-out runs on (a form: record the move-out first); else it ends at its planned end or
    extension (the register, which writes periods)."""
    rows = session.execute(
        select(Stay.id, Resident.name, Stay.move_in_on, Stay.planned_end_on, Stay.extended_to,
               Stay.moved_out_on)
        .join(Resident, Stay.resident_id == Resident.id)
        .where(Stay.house_id == house_id, Stay.archived_at.is_(None))
        .order_by(Stay.move_in_on, Stay.id)
    ).all()  # fmt: skip
    out = []
    for sid, name, move_in, planned, extended, moved_out in rows:
        if moved_out is not None:
            end: date | None = moved_out
        else:
            end = None if open_until_moved_out else stay_end(planned, extended)
        out.append(StayPeriod(sid, name, move_in, end))
    return out


def check_stay_overlap(
    start: date,
    end: date | None,
    others: Iterable[StayPeriod],
    exclude_id: int | None = None,
    *,
    field: str = "move_in_on",
) -> list[RuleResult]:
    """REFUSE a stay ``start``~``end`` sharing a day with another stay of the house: a house has
    one resident household at a time. The refusal names the other person (masked) and period
    and says what would fit."""
    out = []
    for other in others:
        if other.id is not None and other.id == exclude_id:
            continue
        if not overlaps(start, end, other.move_in_on, other.end_on):
            continue
        head = f"이 집에는 {josa(other.label(), '이')} 있어 기간이 겹칩니다 (한 집에 한 세대씩). "
        if other.move_in_on <= start:
            if other.end_on is None:
                hint = "그 입주자는 아직 퇴거하지 않았습니다. 먼저 그 입주의 퇴거를 기록하세요."
            else:
                hint = f"입주일은 {format_date_ko(other.end_on + ONE_DAY)} 이후여야 합니다."
            name = field
        else:
            hint = f"이 입주는 {format_date_ko(other.move_in_on - ONE_DAY)}까지 끝나야 합니다."
            name = field if field != "move_in_on" else "planned_end_on"
        value = format_period(start, end)
        out.append(refuse(name, head + hint, code=OVERLAP, value=value, limit=other.label()))
    return out


@dataclass(frozen=True)
class StayEntry:
    """A stay's written period in the one-at-a-time check (``row`` None: already stored)."""

    row: int | None
    name: str
    move_in_on: date
    end_on: date

    def describe(self) -> str:
        where = f"{self.row}행" if self.row is not None else "이미 있는 입주"
        return f"{where} {self.name}({format_period(self.move_in_on, self.end_on)})"


def waiting_applicants(session: Session, house_id: int) -> int:
    """Applicants of the house still waiting for it (심사중 or 대기): an extension keeps them
    out (Ⅱ-5)."""
    rounds = select(Recruitment.id).where(Recruitment.house_id == house_id)
    return (
        session.scalar(
            select(func.count(Applicant.id)).where(
                Applicant.archived_at.is_(None),
                Applicant.decision.in_([ApplicantDecision.WAITING, ApplicantDecision.PENDING]),
                or_(Applicant.wanted_house_id == house_id, Applicant.recruitment_id.in_(rounds)),
            )
        )
        or 0
    )
