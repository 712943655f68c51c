"""Houses: the list officers search every day and the facts shown for one house."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, and_, bindparam, func, select, text

from gwinong_desktop.domain.enums import LeaseKind
from gwinong_desktop.domain.rules import management_period_end
from gwinong_desktop.storage.house_list import HOUSE_LIST_ACTIVE, HOUSE_LIST_ALL, HOUSE_LIST_ONE
from gwinong_desktop.storage.models import (
    Development,
    House,
    Inspection,
    Lease,
    Owner,
    Photo,
    Resident,
    Stay,
)

from .context import ServiceContext
from .house_rows import HouseRow, house_rows
from .privacy import list_policy
from .rules import RuleBook


@dataclass(frozen=True)
class StayLine:
    resident: str
    move_in_on: date
    planned_end_on: date
    extended_to: date | None
    moved_out_on: date | None
    monthly_rent: int
    household_size: int


@dataclass(frozen=True)
class LeaseLine:
    kind: LeaseKind
    owner: str
    start_on: date
    end_on: date | None


@dataclass
class HouseDetail:
    row: HouseRow
    sido: str
    sigun: str
    jibun: str
    road_address: str
    structure: str
    build_year: int | None
    land_area_m2: Decimal | None
    monthly_rent: int | None
    deposit: int | None
    operator_phone: str
    note: str
    budget_total: int
    started_on: date | None
    progress_pct: int | None
    management_ends_on: date | None
    leases: list[LeaseLine] = field(default_factory=list)
    stays: list[StayLine] = field(default_factory=list)
    photo_count: int = 0
    inspection_count: int = 0


class HouseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_houses(
        self, *, include_archived: bool = False, house_id: int | None = None
    ) -> list[HouseRow]:
        """Every house (or the one ``house_id``) with its derived status, ordered by 관리번호."""
        today = self.ctx.today()
        params: dict[str, object] = {"today": today}
        if house_id is not None:
            sql, params["house_id"] = HOUSE_LIST_ONE, house_id
        else:
            sql = HOUSE_LIST_ALL if include_archived else HOUSE_LIST_ACTIVE
        stmt = text(sql).bindparams(bindparam("today", type_=Date))
        with self.ctx.read() as session:
            return house_rows(session.execute(stmt, params), today, RuleBook(session))

    def detail(self, house_id: int) -> HouseDetail:
        found = self.list_houses(house_id=house_id)
        if not found:
            raise KeyError(house_id)
        row = found[0]
        with self.ctx.read() as session:
            house = session.get(House, house_id)
            assert house is not None
            dev = session.scalars(
                select(Development)
                .where(Development.house_id == house_id, Development.archived_at.is_(None))
                .order_by(Development.year)
            ).all()
            leases = session.execute(
                select(Lease.kind, Owner.name, Lease.start_on, Lease.end_on)
                .outerjoin(Owner, Lease.owner_id == Owner.id)
                .where(Lease.house_id == house_id, Lease.archived_at.is_(None))
                .order_by(Lease.start_on)
            ).all()
            stays = session.execute(
                select(
                    Resident.name, Stay.move_in_on, Stay.planned_end_on, Stay.extended_to,
                    Stay.moved_out_on, Stay.monthly_rent, Stay.household_size,
                )
                .join(Resident, Stay.resident_id == Resident.id)
                .where(Stay.house_id == house_id, Stay.archived_at.is_(None))
                .order_by(Stay.move_in_on.desc())
            ).all()  # fmt: skip
            photos = session.scalar(
                select(func.count(Photo.id)).where(
                    and_(Photo.house_id == house_id, Photo.archived_at.is_(None))
                )
            )
            inspections = session.scalar(
                select(func.count(Inspection.id)).where(Inspection.house_id == house_id)
            )
            rules = RuleBook(session)
            completed_on = row.completed_on
            mgmt_end = (
                management_period_end(completed_on, rules.for_year(completed_on.year))
                if completed_on
                else None
            )
            last = dev[-1] if dev else None
            people = list_policy(self.ctx)  # residents and owners are masked for 열람
            return HouseDetail(
                row=row,
                sido=house.sido,
                sigun=house.sigun,
                jibun=house.jibun or "",
                road_address=house.road_address or "",
                structure=house.structure or "",
                build_year=house.build_year,
                land_area_m2=house.land_area_m2,
                monthly_rent=house.monthly_rent,
                deposit=house.deposit,
                operator_phone=(house.operator.phone or "") if house.operator else "",
                note=house.note or "",
                budget_total=sum(
                    d.budget_national + d.budget_province + d.budget_county + d.budget_own
                    for d in dev
                ),
                started_on=last.started_on if last else None,
                progress_pct=last.progress_pct if last else None,
                management_ends_on=mgmt_end,
                leases=[LeaseLine(k, people.name(o), s, e) for k, o, s, e in leases],
                stays=[StayLine(people.name(s[0]), *s[1:]) for s in stays],
                photo_count=photos or 0,
                inspection_count=inspections or 0,
            )
