"""The database as register rows (selected columns, not ORM entities) for the export.

What a register row holds, where the database has more (a decision, kept in one place):
- archived houses, stays and residents are not exported (they are hidden everywhere else too);
- 국비·도비·군비·자부담 are the sums over the house's works (개보수, 재지정 …); 착공일 is the
  earliest start and 준공일 the latest completion (as the house list counts it);
- 소유주, 임대차시작일·종료일 and 무상제공 are those of the house's current lease: the one in force
  on the day of the export, else the latest that has begun (an expired lease not yet renewed
  shows as expired), else the first to come (``leases.current_lease``; a house's leases never
  overlap, so "in force" is one lease). The earlier leases are the house's history in the app;
  the register row has room for one;
- one 입주자 row per stay; its 비고 is the stay's note; 퇴거예정일 is the planned end (an
  extension is not a register column);
- every payment of an exported stay, in a stable order.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import LeaseKind
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.exchange.register_format import (
    RegisterData,
    RegisterHouse,
    RegisterPayment,
    RegisterResident,
)
from gwinong_desktop.storage.models import (
    Development,
    House,
    Lease,
    Operator,
    Owner,
    Payment,
    Resident,
    Stay,
)

from ..leases import LeasePeriod, current_lease


def _budgets(session: Session) -> dict[int, tuple]:
    rows = session.execute(
        select(
            Development.house_id,
            func.sum(Development.budget_national),
            func.sum(Development.budget_province),
            func.sum(Development.budget_county),
            func.sum(Development.budget_own),
            func.min(Development.started_on),
            func.max(Development.completed_on),
        )
        .where(Development.archived_at.is_(None))
        .group_by(Development.house_id)
    ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def _current_leases(session: Session, today: date) -> dict[int, tuple]:
    rows = session.execute(
        select(Lease.house_id, Lease.id, Lease.kind, Lease.start_on, Lease.end_on, Owner.name)
        .outerjoin(Owner, Lease.owner_id == Owner.id)
        .where(Lease.archived_at.is_(None))
        .order_by(Lease.house_id, Lease.start_on, Lease.id)
    ).all()
    by_house: dict[int, list[LeasePeriod]] = {}
    owners: dict[int, str | None] = {}
    for house_id, lease_id, kind, start, end, owner in rows:
        by_house.setdefault(house_id, []).append(LeasePeriod(lease_id, kind, start, end))
        owners[lease_id] = owner
    out = {}
    for house_id, periods in by_house.items():
        lease = current_lease(periods, today)
        if lease is not None:
            out[house_id] = (owners[lease.id], lease.kind, lease.start_on, lease.end_on)
    return out


def collect_houses(session: Session, today: date | None = None) -> list[RegisterHouse]:
    budgets = _budgets(session)
    leases = _current_leases(session, today or date.today())
    rows = session.execute(
        select(
            House.id, House.code, House.sido, House.sigun, House.eupmyeon, House.ri, House.jibun,
            House.road_address, Operator.name, House.development_type, House.program_year,
            House.structure, House.rooms, House.build_year, House.land_area_m2,
            House.floor_area_m2, House.monthly_rent, House.deposit, House.note,
        )
        .outerjoin(Operator, House.operator_id == Operator.id)
        .where(House.archived_at.is_(None))
        .order_by(House.code)
    ).all()  # fmt: skip
    out = []
    for r in rows:
        money = budgets.get(r[0], (None,) * 6)  # 국비 도비 군비 자부담 착공일 준공일
        owner, kind, start, end = leases.get(r[0], (None,) * 4)
        free = True if kind is LeaseKind.FREE else None
        # the fields of RegisterHouse in order: code … 건물면적, money, lease, rent, deposit, note
        out.append(RegisterHouse(0, *r[1:16], *money, owner, start, end, free, *r[16:19]))
    return out


def _live_stays() -> Select:
    return (
        select()
        .select_from(Stay)
        .join(Resident, Stay.resident_id == Resident.id)
        .join(House, Stay.house_id == House.id)
        .where(
            Stay.archived_at.is_(None),
            Resident.archived_at.is_(None),
            House.archived_at.is_(None),
        )
    )


def collect_residents(session: Session) -> list[RegisterResident]:
    stmt = (
        _live_stays()
        .add_columns(
            House.code, Resident.name, Resident.birth_date, Resident.phone,
            Stay.household_size, Resident.education_hours, Resident.previous_address,
            Stay.move_in_on, Stay.planned_end_on, Stay.moved_out_on, Stay.monthly_rent,
            Stay.deposit_amount, Resident.settlement, Stay.note,
        )
        .order_by(House.code, Stay.move_in_on, Resident.name, Stay.id)
    )  # fmt: skip
    return [RegisterResident(0, *r) for r in session.execute(stmt)]


def collect_payments(session: Session) -> list[RegisterPayment]:
    stmt = (
        _live_stays()
        .join(Payment, Payment.stay_id == Stay.id)
        .add_columns(
            House.code, Resident.name, Payment.month, Payment.amount, Payment.paid_on,
            Payment.note,
        )
        .order_by(
            House.code, Resident.name, Payment.month, Payment.paid_on, Payment.amount,
            Payment.note, Payment.id,
        )
    )  # fmt: skip
    return [RegisterPayment(0, *r) for r in session.execute(stmt)]


def collect(
    session: Session, state: TaskState | None = None, *, today: date | None = None
) -> RegisterData:
    """Everything the register workbook holds, read from the database (three steps; leases as
    of ``today``)."""
    state = ensure(state)
    data = RegisterData()
    state.report(0, 3, "귀농인의 집을 읽는 중")
    data.houses = collect_houses(session, today)
    state.report(1, 3, "입주자를 읽는 중")
    data.residents = collect_residents(session)
    state.report(2, 3, "임대료 수납 내역을 읽는 중")
    data.payments = collect_payments(session)
    state.report(3, 3, "")
    return data
