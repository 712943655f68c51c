"""Writing a checked import plan: Core bulk inserts in the caller's one transaction.

Parents first (operators, owners, houses, residents, stays) with RETURNING for the ids their
children need, then leases, works and payments in batches, with a cancel check between batches.
Every row gets its uid here and the database's clock as its created/updated time; nothing goes
through ORM objects, so the audit hook writes nothing per row and the caller writes one summary
event.

Decisions on what the register lacks: an operator is matched by its name and created when new
(kind guessed from the name: 마을 → 마을협의회, 군청·센터·직영 → 시군 직영, else
귀농귀촌협의회; the phone from "운영자 (010-…)"); an owner is matched by name among owners
without an address (the register holds no owner address) and created when new; a house without
an operator gets none. A lease is written when 임대차시작일 is given; works (조성사업) when any
budget or date is given, as one record for the 조성연도; residents with the same name, birth
date and details in one import become one resident with several stays.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Insert, Table, func, insert
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import LeaseKind, OperatorKind, SettlementOutcome
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.exchange.register_format import RegisterHouse
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

from .plan import ImportPlan, Ref

BATCH = 5000


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def operator_kind(name: str) -> OperatorKind:
    squashed = "".join(name.split())
    if "마을" in squashed:
        return OperatorKind.VILLAGE
    if any(w in squashed for w in ("직영", "군청", "시청", "센터", "농업기술")):
        return OperatorKind.COUNTY
    return OperatorKind.COUNCIL


class Writer:
    def __init__(self, session: Session, plan: ImportPlan, state: TaskState) -> None:
        self.session = session
        self.plan = plan
        self.state = state
        self.total = total_rows(plan)
        self.uids = _Uids()
        self.written = 0

    def _stamp(self, row: dict[str, Any]) -> dict[str, Any]:
        row["uid"] = self.uids.next()
        return row

    @staticmethod
    def _statement(model: type) -> Insert:
        # the database's clock for both timestamps: one value per statement, not per row
        return insert(_table(model)).values(created_at=func.now(), updated_at=func.now())

    def _insert_returning(self, model: type, rows: list[dict[str, Any]], label: str) -> list[int]:
        ids: list[int] = []
        stmt = self._statement(model).returning(_table(model).c.id, sort_by_parameter_order=True)
        for chunk in _chunks(rows):
            ids += [r[0] for r in self.session.execute(stmt, chunk)]
            self._advance(len(chunk), label)
        return ids

    def _insert(self, model: type, rows: list[dict[str, Any]], label: str) -> None:
        stmt = self._statement(model)
        for chunk in _chunks(rows):
            self.session.execute(stmt, chunk)
            self._advance(len(chunk), label)

    def _advance(self, rows: int, label: str) -> None:
        self.written += rows
        self.state.report(self.written, self.total, label)

    @staticmethod
    def _resolve(ref: Ref | None, new_ids: list[int]) -> int | None:
        if ref is None:
            return None
        where, value = ref
        return value if where == "db" else new_ids[value]

    def run(self) -> None:
        plan = self.plan
        operator_ids = self._insert_returning(
            Operator,
            [self._stamp({"name": name, "kind": operator_kind(name), "phone": phone})
             for name, phone in plan.new_operators],
            "운영자를 넣는 중",
        )  # fmt: skip
        owner_ids = self._insert_returning(
            Owner,
            [self._stamp({"name": name, "phone": phone}) for name, phone in plan.new_owners],
            "소유주를 넣는 중",
        )
        house_rows = [
            self._house(h, self._resolve(op, operator_ids))
            for h, op in zip(plan.houses, plan.house_operators, strict=True)
        ]
        house_ids = self._insert_returning(House, house_rows, "귀농인의 집을 넣는 중")
        leases, works = [], []
        for house, house_id, owner in zip(plan.houses, house_ids, plan.house_owners, strict=True):
            if house.lease_start is not None:
                kind = LeaseKind.FREE if house.lease_free else LeaseKind.LEASE
                leases.append(self._stamp({
                    "house_id": house_id, "owner_id": self._resolve(owner, owner_ids),
                    "kind": kind, "start_on": house.lease_start, "end_on": house.lease_end,
                }))  # fmt: skip
            work = self._work(house, house_id)
            if work is not None:
                works.append(work)
        self._insert(Lease, leases, "임대차계약을 넣는 중")
        self._insert(Development, works, "조성사업을 넣는 중")
        stay_ids = self._stays(house_ids)
        payments = [
            self._stamp(
                {
                    "stay_id": self._resolve(stay, stay_ids),
                    "month": p.month,
                    "amount": p.amount,
                    "paid_on": p.paid_on,
                    "note": p.note,
                }
            )
            for p, stay in zip(plan.payments, plan.payment_stays, strict=True)
        ]
        self._insert(Payment, payments, "임대료 수납 내역을 넣는 중")

    def _house(self, h: RegisterHouse, operator_id: int | None) -> dict[str, Any]:
        return self._stamp({
            "code": h.code, "sido": h.sido, "sigun": h.sigun, "eupmyeon": h.eupmyeon,
            "ri": h.ri, "jibun": h.jibun, "road_address": h.road_address,
            "development_type": h.development_type, "program_year": h.program_year,
            "structure": h.structure, "rooms": h.rooms, "build_year": h.build_year,
            "land_area_m2": h.land_area_m2, "floor_area_m2": h.floor_area_m2,
            "monthly_rent": h.monthly_rent, "deposit": h.deposit, "operator_id": operator_id,
            "note": h.note, "latitude": None, "longitude": None, "cancelled_on": None,
            "archived_at": None, "archive_reason": None,
        })  # fmt: skip

    def _work(self, h: RegisterHouse, house_id: int) -> dict[str, Any] | None:
        money = (h.national, h.province, h.county, h.own)
        if all(v is None for v in (*money, h.started_on, h.completed_on)):
            return None
        return self._stamp({
            "house_id": house_id, "year": h.program_year, "budget_national": h.national or 0,
            "budget_province": h.province or 0, "budget_county": h.county or 0,
            "budget_own": h.own or 0, "started_on": h.started_on,
            "completed_on": h.completed_on, "progress_pct": 100 if h.completed_on else 0,
        })  # fmt: skip

    def _stays(self, house_ids: list[int]) -> list[int]:
        plan = self.plan
        people: dict[tuple, int] = {}
        person_rows: list[dict[str, Any]] = []
        person_of: list[int] = []
        for r in plan.residents:
            key = (r.name, r.birth_date, r.phone, r.education_hours, r.previous_address,
                   r.settlement)  # fmt: skip
            if r.birth_date is None or key not in people:
                people[key] = len(person_rows)
                person_rows.append(self._stamp({
                    "name": r.name, "birth_date": r.birth_date, "phone": r.phone,
                    "previous_address": r.previous_address,
                    "education_hours": r.education_hours or 0,
                    "settlement": r.settlement or SettlementOutcome.UNKNOWN,
                    "moved_in_registered": False, "farm_registered": False,
                }))  # fmt: skip
            person_of.append(people[key])
        person_ids = self._insert_returning(Resident, person_rows, "입주자를 넣는 중")
        stay_rows = [
            self._stamp(
                {
                    "house_id": self._resolve(house, house_ids),
                    "resident_id": person_ids[person_of[i]],
                    "move_in_on": r.move_in_on,
                    "planned_end_on": r.planned_end_on,
                    "moved_out_on": r.moved_out_on,
                    "household_size": r.household_size or 1,
                    "monthly_rent": r.monthly_rent or 0,
                    "deposit_amount": r.deposit or 0,
                    "note": r.note,
                }
            )
            for i, (r, house) in enumerate(zip(plan.residents, plan.resident_houses, strict=True))
        ]
        return self._insert_returning(Stay, stay_rows, "입주 기록을 넣는 중")


class _Uids:
    """Random (version 4) UUIDs as text, made from one block of random bytes at a time."""

    def __init__(self, block: int = 10_000) -> None:
        self.variant = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}
        self.block = block
        self.pool: list[str] = []

    def next(self) -> str:
        if not self.pool:
            raw = os.urandom(16 * self.block).hex()
            variant = self.variant
            self.pool = [
                f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant[h[16]]}{h[17:20]}-{h[20:]}"
                for h in (raw[i : i + 32] for i in range(0, len(raw), 32))
            ]
        return self.pool.pop()


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def total_rows(plan: ImportPlan) -> int:
    """Rows the writer will insert (for progress)."""
    leases = sum(1 for h in plan.houses if h.lease_start is not None)
    return (
        len(plan.new_operators) + len(plan.new_owners) + 2 * len(plan.houses) + leases
        + 2 * len(plan.residents) + len(plan.payments)
    )  # fmt: skip


def write_plan(session: Session, plan: ImportPlan, state: TaskState | None = None) -> None:
    """Insert everything ``plan`` adds, in ``session``'s transaction (the caller commits);
    ``state`` hears rows written of :func:`total_rows` and may cancel between batches."""
    Writer(session, plan, ensure(state)).run()
