"""Rent: the monthly charges of a stay, the payments received, balances and arrears.

- ``generate_charges`` makes a stay's charges from its terms (``domain.rent``): one per month,
  the prepaid months due at move-in, the rule's rent per extra occupant. It only adds the months
  that are missing (after an extension, only the new months), never changes a charge that is
  there, and waives — with the reason — an unpaid month the stay no longer reaches (moved out
  early); a covered month is left as it is.
- ``save_payment`` records one payment; impossible input is refused (no amount, a negative or
  absurd one, a month outside the stay, a date after today), a slip is warned with the reason
  recorded: the same payment already entered (the first one shown), more than ten months' rent,
  more than every charge of the stay (the rest is kept as credit).
- ``stay_rows``, ``totals`` and ``house_totals`` are SQL sums (``rent_queries``); ``detail``
  allocates one stay's payments to its charges and is an access record (a person's payments).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gwinong_desktop.domain.periods import first_of_month, format_period
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rent import (
    Allocation,
    ChargeIn,
    ChargeState,
    PaymentIn,
    PaymentKind,
    allocate,
    charge_amount,
    charge_months,
    due_date,
    format_month,
    stay_last_day,
)
from gwinong_desktop.domain.rules import NOT_FOUND, RuleResult, refuse
from gwinong_desktop.domain.ruleset import RuleKey
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.driver_rows import driver_rows
from gwinong_desktop.storage.models import House, Payment, RentCharge, Resident, Stay

from .context import ServiceContext
from .privacy import list_policy
from .rent_checks import check_payment
from .rent_queries import COUNTY_TOTALS, HOUSE_TOTALS, RENT_LIST
from .revisions import refuse_if_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    accepted_before,
    clean,
    gate,
    record_overrides,
    saved_record,
)
from .rule_gate import required as required_field
from .rules import RuleBook

PAYMENT_METHODS = ("계좌이체", "현금", "카드", "지로", "기타")
CREDIT_DROPPED = "퇴거·기간 변경으로 부과하지 않는 달"


class StayRentRow(NamedTuple):
    """One stay as the 임대료 list shows it (sums to ``today``). A named tuple: the list makes
    one per stay of the province (10,000+) each time it loads."""

    id: int
    house_id: int
    house_code: str
    eupmyeon: str
    resident: str
    move_in_on: date
    end_on: date
    moved_out_on: date | None
    monthly_rent: int
    charged: int
    """Charged and due by today (waived months left out)."""
    paid: int

    @property
    def balance(self) -> int:
        """Still owed (positive) or paid ahead (negative) against what is due by today."""
        return self.charged - self.paid

    @property
    def arrears(self) -> int:
        return max(self.charged - self.paid, 0)

    @property
    def in_arrears(self) -> bool:
        return self.charged > self.paid

    @property
    def current(self) -> bool:
        return self.moved_out_on is None

    def search_text(self) -> str:
        return f"{self.house_code} {self.eupmyeon} {self.resident}"


@dataclass(frozen=True)
class RentTotals:
    stays: int
    charged: int
    paid: int
    arrears: int
    stays_in_arrears: int

    @classmethod
    def of(cls, rows: list[StayRentRow]) -> RentTotals:
        """The same sums as ``RentService.totals`` over rows already loaded (the page has every
        stay's row: summing them costs less than asking the database again)."""
        charged = paid = arrears = owing = 0
        for row in rows:  # one pass, plain fields (the province has 10,000+ stays)
            due, got = row.charged, row.paid
            charged += due
            paid += got
            if due > got:
                arrears += due - got
                owing += 1
        return cls(len(rows), charged, paid, arrears, owing)


@dataclass(frozen=True)
class HouseRentTotals:
    house_id: int
    code: str
    eupmyeon: str
    operator_id: int | None
    operator: str
    charged: int
    paid: int
    arrears: int


@dataclass(frozen=True)
class ChargeLine:
    id: int
    month: date
    amount: int
    due_on: date
    covered: int
    state: ChargeState
    waived_reason: str

    @property
    def outstanding(self) -> int:
        return 0 if self.state is ChargeState.WAIVED else max(self.amount - self.covered, 0)


@dataclass(frozen=True)
class PaymentLine:
    id: int
    month: date
    amount: int
    paid_on: date
    method: str
    note: str
    kind: PaymentKind
    covers: tuple[date, ...]
    credit: int

    def covers_text(self) -> str:
        if not self.covers:
            return ""
        first, last = self.covers[0], self.covers[-1]
        if first == last:
            return format_month(first)
        return f"{format_month(first)}~{format_month(last)}"


@dataclass(frozen=True)
class StayRent:
    """One stay's rent: its charges (with how far each is covered) and payments."""

    stay_id: int
    house_id: int
    house_code: str
    resident: str
    period: str
    monthly_rent: int
    household_size: int
    prepaid_months: int
    charges: list[ChargeLine]
    payments: list[PaymentLine]
    charged: int
    paid: int
    arrears: int
    credit: int


@dataclass(frozen=True)
class Generated:
    """What ``generate_charges`` did: months added and unpaid months waived (no longer stayed)."""

    added: list[date]
    dropped: list[date]

    def summary(self) -> str:
        if not self.added and not self.dropped:
            return "새로 부과할 달이 없습니다 (이미 모두 부과되어 있습니다)."
        parts = []
        if self.added:
            parts.append(
                f"{len(self.added)}개월을 부과했습니다 "
                f"({format_month(self.added[0])}~{format_month(self.added[-1])})."
            )
        if self.dropped:
            parts.append(f"입주 기간 밖이 된 미납 {len(self.dropped)}개월을 면제했습니다.")
        return " ".join(parts)


@dataclass
class PaymentForm:
    stay_id: int
    month: date | None = None
    amount: int | None = None
    paid_on: date | None = None
    method: str = "계좌이체"
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""


class RentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- lists and sums (SQL) ------------------------------------------------------------------

    def stay_rows(self) -> list[StayRentRow]:
        """Every stay with what is charged (due by today), paid and owed; current stays first.

        Read through the driver's cursor: the list is the province's every stay, and building
        SQLAlchemy rows for it would cost more than the query."""
        raw = self._driver_rows(RENT_LIST)
        iso = date.fromisoformat
        make = StayRentRow._make
        rows = [
            make((sid, hid, code, eup or "", who or "", iso(mi), iso(end),
                  iso(out) if out else None, rent or 0, due, paid))
            for sid, hid, code, eup, who, mi, end, out, rent, due, paid in raw
        ]  # fmt: skip
        names = list_policy(self.ctx)
        if not names.include:  # 열람: names masked before they leave the service
            rows = [row._replace(resident=names.name(row.resident)) for row in rows]
        return rows

    def totals(self) -> RentTotals:
        """County-wide: stays, charged (due by today), paid, arrears, stays in arrears."""
        return RentTotals(*self._driver_rows(COUNTY_TOTALS)[0])

    def _driver_rows(self, sql: str) -> list[tuple[Any, ...]]:
        with self.ctx.read() as session:
            return driver_rows(session.connection(), sql, {"today": self.ctx.today().isoformat()})

    def house_totals(self) -> list[HouseRentTotals]:
        """Per house: charged, collected, arrears (houses with a stay)."""
        params = {"today": self.ctx.today().isoformat()}
        with self.ctx.read() as session:
            rows = session.execute(text(HOUSE_TOTALS), params).all()
        return [HouseRentTotals(*row) for row in rows]

    # --- one stay -------------------------------------------------------------------------------

    def detail(self, stay_id: int) -> StayRent:
        """One stay's charges and payments, allocated; recorded as a view of a person's rent."""
        today = self.ctx.today()
        with self.ctx.read() as session:
            stay = _stay(session, stay_id)
            name = session.scalar(select(Resident.name).where(Resident.id == stay.resident_id))
            code = session.scalar(select(House.code).where(House.id == stay.house_id))
            ledger = _ledger(session, stay_id, today)
            uid = stay.uid
            header = (
                stay.house_id,
                stay.move_in_on,
                stay.planned_end_on,
                stay.extended_to,
                stay.moved_out_on,
                stay.monthly_rent,
                stay.household_size,
                stay.prepaid_months,
            )
        house_id, move_in, planned, extended, moved_out, rent, size, prepaid = header
        result, reasons, extra = ledger.allocation, ledger.waived_reasons, ledger.method_note
        with self.ctx.write() as session:
            log_event(session, "view", "stay", f"임대료 내역 열람 ({code})", uid)
        return StayRent(
            stay_id=stay_id,
            house_id=house_id,
            house_code=code or "",
            resident=list_policy(self.ctx).name(name),
            period=format_period(move_in, stay_last_day(planned, extended, moved_out)),
            monthly_rent=rent or 0,
            household_size=size or 1,
            prepaid_months=prepaid or 0,
            charges=[
                ChargeLine(
                    c.charge.id,
                    c.charge.month,
                    c.charge.amount,
                    c.charge.due_on,
                    c.covered,
                    c.state,
                    reasons[c.charge.id],
                )
                for c in result.charges
            ],
            payments=[
                PaymentLine(
                    p.payment.id,
                    p.payment.month,
                    p.payment.amount,
                    p.payment.paid_on,
                    *extra[p.payment.id],
                    p.kind,
                    tuple(p.months),
                    p.credit,
                )
                for p in sorted(
                    result.payments, key=lambda p: (p.payment.paid_on, p.payment.id), reverse=True
                )
            ],
            charged=sum(
                c.charge.amount
                for c in result.charges
                if not c.charge.waived and c.charge.due_on <= today
            ),
            paid=sum(p.payment.amount for p in result.payments),
            arrears=result.arrears,
            credit=result.credit,
        )

    # --- charges --------------------------------------------------------------------------------

    def generate_charges(self, stay_id: int) -> Generated:
        """Add the stay's missing monthly charges (idempotent); see the module's docstring."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            return _generate(session, _stay(session, stay_id), self.ctx.today())

    def generate_all(self) -> Generated:
        """``generate_charges`` for every stay that is not archived, in one write unit."""
        self.ctx.require(Permission.EDIT)
        added: list[date] = []
        dropped: list[date] = []
        today = self.ctx.today()
        with self.ctx.write() as session:
            charged: dict[int, set[date]] = {}
            for stay_id, month, waived in session.execute(
                select(RentCharge.stay_id, RentCharge.month, RentCharge.waived_reason)
            ):
                charged.setdefault(stay_id, set()).add(month if waived is None else date.min)
            rules = RuleBook(session)
            stays = session.scalars(select(Stay).where(Stay.archived_at.is_(None))).all()
            for stay in stays:
                have = charged.get(stay.id, set())
                last = stay_last_day(stay.planned_end_on, stay.extended_to, stay.moved_out_on)
                wanted = set(charge_months(stay.move_in_on, last))
                if not (wanted - have or have - wanted - {date.min}):
                    continue  # complete, nothing beyond the stay: no query for this one
                done = _generate(session, stay, today, rules)
                added += done.added
                dropped += done.dropped
        return Generated(sorted(added), sorted(dropped))

    def waive(self, charge_id: int, reason: str) -> None:
        """Waive a month (면제) with its reason; refused for a month payments already cover."""
        self.ctx.require(Permission.EDIT)
        if not (reason or "").strip():
            raise FormRefused([required_field("waived_reason", "면제 사유")])
        with self.ctx.write() as session:
            charge = session.get(RentCharge, charge_id)
            if charge is None:
                raise FormRefused(
                    [refuse(None, "그 달의 부과를 찾을 수 없습니다.", code=NOT_FOUND)]
                )
            if charge.waived_reason is not None:
                raise FormRefused(
                    [
                        refuse(
                            "waived_reason",
                            (
                                f"{format_month(charge.month)}은(는) 이미 면제되어 있습니다 "
                                f"(사유: {charge.waived_reason})."
                            ),
                        )
                    ]
                )
            covered = _covered(session, charge.stay_id, self.ctx.today()).get(charge.id, 0)
            if covered:
                raise FormRefused(
                    [
                        refuse(
                            "waived_reason",
                            (
                                f"{format_month(charge.month)}은(는) 이미 {covered:,}원이 "
                                "납부되어 면제할 수 "
                                "없습니다. 돌려줄 금액이면 보증금 정산이나 비고로 처리하세요."
                            ),
                        )
                    ]
                )
            charge.waived_reason = reason.strip()[:500]

    # --- payments -------------------------------------------------------------------------------

    def new_payment(self, stay_id: int) -> PaymentForm:
        """A payment of the oldest month not yet covered, its outstanding amount, paid today."""
        today = self.ctx.today()
        with self.ctx.read() as session:
            stay = _stay(session, stay_id)
            covered = _covered(session, stay_id, today)
            charges = session.execute(
                select(RentCharge.id, RentCharge.month, RentCharge.amount)
                .where(RentCharge.stay_id == stay_id, RentCharge.waived_reason.is_(None))
                .order_by(RentCharge.month)
            ).all()
            for cid, month, amount in charges:
                if covered.get(cid, 0) < amount:
                    return PaymentForm(stay_id, month, amount - covered.get(cid, 0), today)
            return PaymentForm(stay_id, first_of_month(today), stay.monthly_rent or None, today)

    def load_payment(self, payment_id: int) -> PaymentForm:
        with self.ctx.read() as session:
            p = session.get(Payment, payment_id)
            if p is None:
                raise FormRefused([refuse(None, "납부 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
            return PaymentForm(
                p.stay_id, p.month, p.amount, p.paid_on, p.method or "", p.note or "", p.id,
                p.revision,
            )  # fmt: skip

    def validate_payment(self, form: PaymentForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_payment(session, _stay(session, form.stay_id), form, self.ctx.today())

    def save_payment(
        self, form: PaymentForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Record (or correct) a payment; refusals and warnings as the module's docstring."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            results = check_payment(session, _stay(session, form.stay_id), form, self.ctx.today())
            payment = session.get(Payment, form.id) if form.id is not None else Payment()
            if payment is None:
                raise FormRefused([refuse(None, "납부 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
            refuse_if_changed(session, payment, form, "payment")
            accepted = gate(
                results, accepted_warnings, accepted_before(session, "payment", payment.uid)
            )
            payment.stay_id = form.stay_id
            payment.month = first_of_month(form.month)  # type: ignore[arg-type]
            payment.amount = form.amount  # type: ignore[assignment]
            payment.paid_on = form.paid_on  # type: ignore[assignment]
            payment.method = clean(form.method)
            payment.note = clean(form.note)
            if form.id is None:
                session.add(payment)
            session.flush()
            count = record_overrides(session, "payment", payment.uid, accepted, accepted_warnings)
            return saved_record(session, payment, count)


# --- helpers --------------------------------------------------------------------------------------


def _stay(session: Session, stay_id: int | None) -> Stay:
    stay = session.get(Stay, stay_id) if stay_id is not None else None
    if stay is None:
        raise FormRefused([refuse(None, "입주 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
    return stay


@dataclass
class _Ledger:
    """One stay's charges and payments as stored, and how the payments cover the charges."""

    allocation: Allocation
    waived_reasons: dict[int, str]
    method_note: dict[int, tuple[str, str]]


def _ledger(session: Session, stay_id: int, today: date) -> _Ledger:
    charges = session.execute(
        select(RentCharge.id, RentCharge.month, RentCharge.amount, RentCharge.due_on,
               RentCharge.waived_reason).where(RentCharge.stay_id == stay_id)
    ).all()  # fmt: skip
    payments = session.execute(
        select(Payment.id, Payment.month, Payment.amount, Payment.paid_on, Payment.method,
               Payment.note).where(Payment.stay_id == stay_id)
    ).all()  # fmt: skip
    allocation = allocate(
        [ChargeIn(c.id, c.month, c.amount, c.due_on, c.waived_reason is not None)
         for c in charges],
        [PaymentIn(p.id, p.month, p.amount, p.paid_on) for p in payments],
        today,
    )  # fmt: skip
    return _Ledger(
        allocation,
        {c.id: c.waived_reason or "" for c in charges},
        {p.id: (p.method or "", p.note or "") for p in payments},
    )


def _covered(session: Session, stay_id: int, today: date) -> dict[int, int]:
    """How much of each charge of the stay the payments cover (charge id → 원)."""
    return {c.charge.id: c.covered for c in _ledger(session, stay_id, today).allocation.charges}


def _generate(session: Session, stay: Stay, today: date, book: RuleBook | None = None) -> Generated:
    last = stay_last_day(stay.planned_end_on, stay.extended_to, stay.moved_out_on)
    months = charge_months(stay.move_in_on, last)
    existing = {
        c.month: c for c in session.scalars(select(RentCharge).where(RentCharge.stay_id == stay.id))
    }
    rules = (book or RuleBook(session)).for_year(stay.move_in_on.year)
    amount = charge_amount(
        stay.monthly_rent or 0, stay.household_size or 1, rules.value(RuleKey.EXTRA_OCCUPANT_RENT)
    )
    added: list[date] = []
    if amount > 0:
        for index, month in enumerate(months):
            if month in existing:
                continue
            due = due_date(month, stay.move_in_on, index, stay.prepaid_months or 0)
            session.add(RentCharge(stay_id=stay.id, month=month, amount=amount, due_on=due))
            added.append(month)
    dropped: list[date] = []
    beyond = [c for m, c in existing.items() if m not in set(months) and c.waived_reason is None]
    if beyond:
        covered = _covered(session, stay.id, today)
        for charge in sorted(beyond, key=lambda c: c.month):
            if not covered.get(charge.id):
                charge.waived_reason = CREDIT_DROPPED
                dropped.append(charge.month)
    return Generated(added, dropped)
