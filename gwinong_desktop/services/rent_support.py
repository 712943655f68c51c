"""임대료 지원: the county's monthly rent support to the owner of a rental-type (임대운영·지정형)
house, one row per month within the designation.

A month outside the designation's period is refused, as is a second row for a month already
supported. An amount above DESIGNATION_SUPPORT_MAX (the rule of the designation's start year,
시행지침 Ⅱ-5) or above the designation's own monthly support is warned, with the rule and its
source; the officer's reason is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.periods import add_months, first_of_month, format_date_ko, format_period
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rent import format_month, month_in_stay
from gwinong_desktop.domain.results import rule_warning
from gwinong_desktop.domain.rules import NOT_FOUND, RuleResult, refuse, warn
from gwinong_desktop.domain.ruleset import RuleKey
from gwinong_desktop.storage.models import Designation, House, RentSupport

from .context import ServiceContext
from .entry_checks import check_amount, check_day
from .rule_gate import FormRefused, SavedRecord, clean, gate, record_overrides, saved_record
from .rule_gate import required as required_field
from .rules import RuleBook

OVER_DESIGNATION = "over_designation"


@dataclass(frozen=True)
class DesignationLine:
    id: int
    house_id: int
    house_code: str
    start_on: date
    end_on: date
    monthly_support: int
    supported: int
    months: int

    def label(self) -> str:
        return f"{self.house_code} ({format_period(self.start_on, self.end_on)})"


@dataclass(frozen=True)
class SupportLine:
    id: int
    month: date
    amount: int
    paid_on: date | None
    note: str


@dataclass
class SupportForm:
    designation_id: int
    month: date | None = None
    amount: int | None = None
    paid_on: date | None = None
    note: str = ""


class RentSupportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def designations(self) -> list[DesignationLine]:
        """Every designation (rental-type houses) with what has been paid against it."""
        sums = (
            select(
                RentSupport.designation_id,
                func.sum(RentSupport.amount).label("total"),
                func.count(RentSupport.id).label("n"),
            )
            .where(RentSupport.archived_at.is_(None))
            .group_by(RentSupport.designation_id)
            .subquery()
        )
        stmt = (
            select(
                Designation.id,
                Designation.house_id,
                House.code,
                Designation.start_on,
                Designation.end_on,
                Designation.monthly_support,
                func.coalesce(sums.c.total, 0),
                func.coalesce(sums.c.n, 0),
            )
            .join(House, House.id == Designation.house_id)
            .outerjoin(sums, sums.c.designation_id == Designation.id)
            .where(Designation.archived_at.is_(None), House.archived_at.is_(None))
            .order_by(House.code, Designation.start_on)
        )
        with self.ctx.read() as session:
            return [DesignationLine(*row) for row in session.execute(stmt).all()]

    def months(self, designation_id: int) -> list[SupportLine]:
        with self.ctx.read() as session:
            rows = session.execute(
                select(
                    RentSupport.id,
                    RentSupport.month,
                    RentSupport.amount,
                    RentSupport.paid_on,
                    func.coalesce(RentSupport.note, ""),
                )
                .where(
                    RentSupport.designation_id == designation_id, RentSupport.archived_at.is_(None)
                )
                .order_by(RentSupport.month)
            ).all()
        return [SupportLine(*row) for row in rows]

    def new_form(self, designation_id: int) -> SupportForm:
        """The first month of the designation not yet supported (None when none is left), at its
        monthly support."""
        with self.ctx.read() as session:
            designation = _designation(session, designation_id)
            done = set(
                session.scalars(
                    select(RentSupport.month).where(
                        RentSupport.designation_id == designation_id,
                        RentSupport.archived_at.is_(None),
                    )
                )
            )
            month = first_of_month(designation.start_on)
            while month in done and month <= designation.end_on:
                month = add_months(month, 1)
            if month > designation.end_on:
                month = None  # every month is supported: nothing to propose
            return SupportForm(
                designation_id, month, designation.monthly_support or None, self.ctx.today()
            )

    def validate(self, form: SupportForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check(session, form, self.ctx.today())

    def save(
        self, form: SupportForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            accepted = gate(_check(session, form, self.ctx.today()), accepted_warnings)
            row = RentSupport(
                designation_id=form.designation_id,
                month=first_of_month(form.month),  # type: ignore[arg-type]
                amount=form.amount,
                paid_on=form.paid_on,
                note=clean(form.note),
            )
            session.add(row)
            session.flush()
            count = record_overrides(session, "rent_support", row.uid, accepted, accepted_warnings)
            return saved_record(session, row, count)


def _designation(session: Session, designation_id: int) -> Designation:
    designation = session.get(Designation, designation_id)
    if designation is None:
        raise FormRefused([refuse(None, "임대운영 지정 기록을 찾을 수 없습니다.", code=NOT_FOUND)])
    return designation


def _check(session: Session, form: SupportForm, today: date) -> list[RuleResult]:
    designation = _designation(session, form.designation_id)
    results: list[RuleResult] = []
    if form.month is None:
        results.append(required_field("month", "지원 월"))
    elif not month_in_stay(form.month, designation.start_on, designation.end_on):
        period = format_period(designation.start_on, designation.end_on)
        results.append(
            refuse(
                "month",
                (
                    f"지원 월: {format_month(form.month)}은(는) 지정기간({period}) 밖입니다. "
                    "임대료 "
                    "지원은 지정기간 안의 달에만 할 수 있습니다."
                ),
                value=format_month(form.month),
                limit=period,
            )
        )
    else:
        taken = session.execute(
            select(RentSupport.amount, RentSupport.paid_on).where(
                RentSupport.designation_id == designation.id,
                RentSupport.month == first_of_month(form.month),
                RentSupport.archived_at.is_(None),
            )
        ).first()
        if taken is not None:
            when = f", 지급일 {format_date_ko(taken[1])}" if taken[1] else ""
            results.append(
                refuse(
                    "month",
                    (
                        f"지원 월: {format_month(form.month)}의 임대료 지원은 이미 있습니다 "
                        f"({taken[0]:,}원{when}). 한 달에 한 번만 적습니다."
                    ),
                    value=form.month,
                )
            )
    results += check_day("paid_on", "지급일", form.paid_on, today, required=False)
    results += check_amount("amount", "지원액", form.amount)
    if any(r.is_refusal for r in results) or form.amount is None:
        return results
    rules = RuleBook(session).for_year(designation.start_on.year)
    limit = rules.value(RuleKey.DESIGNATION_SUPPORT_MAX)
    if limit and form.amount > limit:
        results.append(
            rule_warning(
                rules,
                RuleKey.DESIGNATION_SUPPORT_MAX,
                f"지원액 {form.amount:,}원은 월 지원한도 {limit:,}원을 넘습니다",
                "지정기간 중 임대료 지원은 월 한도 이내입니다",
                value=form.amount,
                field="amount",
            )
        )
    own = designation.monthly_support or 0
    if own and form.amount > own:
        results.append(
            warn(
                "amount",
                (
                    f"지원액 {form.amount:,}원은 이 지정의 월 지원액 {own:,}원보다 많습니다. 지정 "
                    "내용과 다르게 지급하는 사유를 적으세요."
                ),
                code=OVER_DESIGNATION,
                value=form.amount,
                limit=own,
            )
        )
    return results
