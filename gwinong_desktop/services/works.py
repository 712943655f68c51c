"""Works and funding (조성사업 · 사업비): budget by source, obligations, own funds, schedule.

One ``Development`` per funded piece of works on a house, with its budget (국비 · 도비 · 군비 ·
자부담, 원), its obligations (원인행위: date, amount, source, contractor) and the own funds
actually paid, its schedule (착공일, 준공예정일, 준공일), progress and 부진원인. The form carries
the lines; a saved line keeps its id, a new one is added, a line taken out is archived (never
deleted), all in one write unit.

Rules at entry, with the rule values of the house's program year (``domain.rules``): the
support (국비+도비+군비) over the per-house limit and a 국비 share other than the rule's warn
(``check_funding``); negative amounts, an end before its start and progress outside 0–100 are
refused; obligations or payments beyond the budget of their source warn, and so does a
completion report later than COMPLETION_REPORT_DAYS after completion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import FundingSource
from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.results import rule_warning
from gwinong_desktop.domain.rules import (
    NOT_FOUND,
    OVER_BUDGET,
    RuleKey,
    RuleResult,
    check_funding,
    check_period,
    completion_report_due,
    refuse,
    warn,
)
from gwinong_desktop.storage.models import Development, House, Obligation, OwnFundPayment

from .context import ServiceContext
from .revisions import Lines, line_revisions, refuse_if_changed, refuse_if_lines_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    accepted_before,
    archive,
    clean,
    gate,
    record_overrides,
    required,
    saved_record,
    unarchive,
)
from .rules import RuleBook

SUBSIDY_SOURCES = (FundingSource.NATIONAL, FundingSource.PROVINCE, FundingSource.COUNTY)
LINE_REMOVED = "조성사업 수정에서 뺌"


@dataclass
class ObligationLine:
    obligated_on: date | None = None
    amount: int | None = None
    source: FundingSource | None = None
    contractor: str = ""
    note: str = ""
    id: int | None = None


@dataclass
class OwnPaymentLine:
    paid_on: date | None = None
    amount: int | None = None
    note: str = ""
    id: int | None = None


@dataclass
class DevelopmentForm:
    house_id: int
    year: int | None = None
    title: str = ""
    budget_national: int | None = 0
    budget_province: int | None = 0
    budget_county: int | None = 0
    budget_own: int | None = 0
    contractor: str = ""
    started_on: date | None = None
    planned_completion_on: date | None = None
    completed_on: date | None = None
    progress_pct: int | None = 0
    delay_reason: str = ""
    completion_reported_on: date | None = None
    obligations: list[ObligationLine] = field(default_factory=list)
    own_payments: list[OwnPaymentLine] = field(default_factory=list)
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""
    loaded_lines: dict[str, Lines] | None = None
    """The 원인행위 and 자부담 rows as loaded (by entity): a save over changed ones is refused."""


@dataclass(frozen=True)
class DevelopmentRecord:
    """One piece of works as the house's 조성사업·사업비 tab shows it (amounts in 원)."""

    id: int
    year: int
    title: str
    budget: dict[FundingSource, int]
    obligated: dict[FundingSource, int]  # 원인행위 by subsidy source
    own_paid: int
    contractor: str
    started_on: date | None
    planned_completion_on: date | None
    completed_on: date | None
    progress_pct: int
    delay_reason: str
    obligation_count: int
    archived: bool

    @property
    def budget_total(self) -> int:
        return sum(self.budget.values())

    @property
    def executed_total(self) -> int:
        return sum(self.obligated.values()) + self.own_paid


class WorksService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_house(
        self, house_id: int, *, include_archived: bool = False
    ) -> list[DevelopmentRecord]:
        with self.ctx.read() as session:
            stmt = (
                select(Development)
                .where(Development.house_id == house_id)
                .order_by(Development.year, Development.id)
            )
            if not include_archived:
                stmt = stmt.where(Development.archived_at.is_(None))
            out = []
            for dev in session.scalars(stmt):
                obligated = {s: 0 for s in SUBSIDY_SOURCES}
                count = 0
                for ob in dev.obligations:
                    if ob.archived_at is None and ob.source in obligated:
                        obligated[ob.source] += ob.amount
                        count += 1
                paid = sum(p.amount for p in dev.own_fund_payments if p.archived_at is None)
                out.append(
                    DevelopmentRecord(
                        id=dev.id,
                        year=dev.year,
                        title=dev.title or "",
                        budget=_budget(dev),
                        obligated=obligated,
                        own_paid=paid,
                        contractor=dev.contractor or "",
                        started_on=dev.started_on,
                        planned_completion_on=dev.planned_completion_on,
                        completed_on=dev.completed_on,
                        progress_pct=dev.progress_pct,
                        delay_reason=dev.delay_reason or "",
                        obligation_count=count,
                        archived=dev.archived_at is not None,
                    )
                )
            return out

    def new_form(self, house_id: int) -> DevelopmentForm:
        with self.ctx.read() as session:
            house = session.get(House, house_id)
            if house is None:
                raise FormRefused([refuse(None, "귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND)])
            return DevelopmentForm(house_id=house_id, year=house.program_year)

    def load(self, development_id: int) -> DevelopmentForm:
        with self.ctx.read() as session:
            dev = _get(session, development_id)
            return DevelopmentForm(
                house_id=dev.house_id,
                year=dev.year,
                title=dev.title or "",
                budget_national=dev.budget_national,
                budget_province=dev.budget_province,
                budget_county=dev.budget_county,
                budget_own=dev.budget_own,
                contractor=dev.contractor or "",
                started_on=dev.started_on,
                planned_completion_on=dev.planned_completion_on,
                completed_on=dev.completed_on,
                progress_pct=dev.progress_pct,
                delay_reason=dev.delay_reason or "",
                completion_reported_on=dev.completion_reported_on,
                obligations=[
                    ObligationLine(
                        o.obligated_on, o.amount, o.source, o.contractor or "", o.note or "", o.id
                    )
                    for o in sorted(dev.obligations, key=lambda o: (o.obligated_on, o.id))
                    if o.archived_at is None
                ],
                own_payments=[
                    OwnPaymentLine(p.paid_on, p.amount, p.note or "", p.id)
                    for p in sorted(dev.own_fund_payments, key=lambda p: (p.paid_on, p.id))
                    if p.archived_at is None
                ],
                id=dev.id,
                revision=dev.revision,
                loaded_lines={
                    "obligation": line_revisions(dev.obligations),
                    "own_fund_payment": line_revisions(dev.own_fund_payments),
                },
            )

    def validate(self, form: DevelopmentForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check(session, form, self.ctx.today())

    def save(
        self, form: DevelopmentForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            results = _check(session, form, self.ctx.today())
            dev = _get(session, form.id) if form.id is not None else Development()
            refuse_if_changed(session, dev, form, "development")
            loaded = form.loaded_lines or {}
            refuse_if_lines_changed(
                session, dev.obligations, loaded.get("obligation"), "obligation",
                len(form.obligations),
            )  # fmt: skip
            refuse_if_lines_changed(
                session, dev.own_fund_payments, loaded.get("own_fund_payment"),
                "own_fund_payment", len(form.own_payments),
            )  # fmt: skip
            accepted = gate(
                results, accepted_warnings, accepted_before(session, "development", dev.uid)
            )
            dev.house_id = form.house_id
            dev.year = form.year  # type: ignore[assignment]
            dev.title = clean(form.title)
            dev.budget_national = form.budget_national or 0
            dev.budget_province = form.budget_province or 0
            dev.budget_county = form.budget_county or 0
            dev.budget_own = form.budget_own or 0
            dev.contractor = clean(form.contractor)
            dev.started_on = form.started_on
            dev.planned_completion_on = form.planned_completion_on
            dev.completed_on = form.completed_on
            dev.progress_pct = form.progress_pct or 0
            dev.delay_reason = clean(form.delay_reason)
            dev.completion_reported_on = form.completion_reported_on
            if form.id is None:
                session.add(dev)
            session.flush()
            _save_obligations(session, dev, form.obligations)
            _save_payments(session, dev, form.own_payments)
            count = record_overrides(session, "development", dev.uid, accepted, accepted_warnings)
            return saved_record(session, dev, count)

    def archive(self, development_id: int, reason: str) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            dev = _get(session, development_id)
            archive(dev, reason)

    def restore(self, development_id: int) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            dev = _get(session, development_id)
            unarchive(dev)


def _budget(dev: Development) -> dict[FundingSource, int]:
    return {
        FundingSource.NATIONAL: dev.budget_national,
        FundingSource.PROVINCE: dev.budget_province,
        FundingSource.COUNTY: dev.budget_county,
        FundingSource.OWN: dev.budget_own,
    }


def _get(session: Session, development_id: int | None) -> Development:
    dev = session.get(Development, development_id) if development_id is not None else None
    if dev is None:
        raise FormRefused([refuse(None, "조성사업을 찾을 수 없습니다.", code=NOT_FOUND)])
    return dev


def _save_obligations(session: Session, dev: Development, lines: list[ObligationLine]) -> None:
    def fill(row: Obligation, line: ObligationLine) -> None:
        row.obligated_on = line.obligated_on  # type: ignore[assignment]
        row.amount = line.amount or 0
        row.source = line.source  # type: ignore[assignment]
        row.contractor = clean(line.contractor)
        row.note = clean(line.note)

    _sync_lines(session, dev.obligations, lines, lambda: Obligation(development_id=dev.id), fill)


def _save_payments(session: Session, dev: Development, lines: list[OwnPaymentLine]) -> None:
    def fill(row: OwnFundPayment, line: OwnPaymentLine) -> None:
        row.paid_on = line.paid_on  # type: ignore[assignment]
        row.amount = line.amount or 0
        row.note = clean(line.note)

    _sync_lines(
        session, dev.own_fund_payments, lines, lambda: OwnFundPayment(development_id=dev.id), fill
    )


def _sync_lines(
    session: Session,
    current: Iterable[Any],
    lines: Iterable[Any],
    new_row: Callable[[], Any],
    fill: Callable[[Any, Any], None],
) -> None:
    """Make a works record's line rows match the form's table: lines with an ``id`` update their
    row, new lines add one, and rows whose line was taken out are archived (never deleted)."""
    existing = {row.id: row for row in current if row.archived_at is None}
    for line in lines:
        row = existing.pop(line.id, None) if line.id is not None else None
        if row is None:
            row = new_row()
            session.add(row)
        fill(row, line)
    for row in existing.values():
        archive(row, LINE_REMOVED)


def _negative(field_name: str, label: str, amount: int | None) -> list[RuleResult]:
    if amount is not None and amount < 0:
        return [
            refuse(
                field_name,
                f"{label}: 음수입니다 ({format_won(amount)}). 금액은 0원 이상이어야 합니다.",
                value=amount,
                limit=0,
            )
        ]
    return []


def _check(session: Session, form: DevelopmentForm, today: date) -> list[RuleResult]:
    house = session.get(House, form.house_id)
    if house is None:
        return [refuse(None, "귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND)]
    today_year = today.year
    results: list[RuleResult] = []
    if form.year is None:
        results.append(required("year", "사업연도"))
    elif not 1990 <= form.year <= today_year + 5:
        results.append(
            refuse("year", f"사업연도 {form.year}년은 있을 수 없는 해입니다.", value=form.year)
        )
    if form.progress_pct is not None and not 0 <= form.progress_pct <= 100:
        results.append(
            refuse(
                "progress_pct",
                f"공정률은 0%에서 100% 사이여야 합니다 ({form.progress_pct}%).",
                value=form.progress_pct,
            )
        )
    rules = RuleBook(session).for_year(house.program_year)
    results += check_funding(
        form.budget_national, form.budget_province, form.budget_county, form.budget_own, rules
    )
    results += check_period(
        form.started_on, form.planned_completion_on, field_end="planned_completion_on",
        label="공사 일정", start_name="착공일", end_name="준공예정일",
    )  # fmt: skip
    results += check_period(
        form.started_on, form.completed_on, field_end="completed_on",
        label="공사 기간", start_name="착공일", end_name="준공일",
    )  # fmt: skip
    results += check_period(
        form.completed_on, form.completion_reported_on, field_end="completion_reported_on",
        label="사업완료 보고", start_name="준공일", end_name="보고일",
    )  # fmt: skip
    results += _check_lines(form)
    if form.completed_on and form.completion_reported_on and not results_refused(results):
        due = completion_report_due(form.completed_on, rules)
        if form.completion_reported_on > due:
            days = rules.value(RuleKey.COMPLETION_REPORT_DAYS)
            results.append(
                rule_warning(
                    rules,
                    RuleKey.COMPLETION_REPORT_DAYS,
                    f"사업완료 보고가 늦었습니다 (준공 {format_date_ko(form.completed_on)}, "
                    f"보고 {format_date_ko(form.completion_reported_on)}; "
                    f"{format_date_ko(due)}까지)",
                    f"사업 추진 종료 후 {days}일 이내에 사업완료 보고서 제출",
                    value=form.completion_reported_on,
                    limit=due,
                    field="completion_reported_on",
                )
            )
    return results


def results_refused(results: list[RuleResult]) -> bool:
    return any(r.is_refusal for r in results)


def _check_lines(form: DevelopmentForm) -> list[RuleResult]:
    results: list[RuleResult] = []
    obligated = {s: 0 for s in SUBSIDY_SOURCES}
    for n, line in enumerate(form.obligations):
        where = f"원인행위 {n + 1}번째 줄"
        key = f"obligations.{n}"
        if line.obligated_on is None:
            results.append(required(f"{key}.obligated_on", f"{where} 원인행위일"))
        if line.amount is None:
            results.append(required(f"{key}.amount", f"{where} 금액"))
        results += _negative(f"{key}.amount", f"{where} 금액", line.amount)
        if line.source is None:
            results.append(required(f"{key}.source", f"{where} 재원"))
        elif line.source not in SUBSIDY_SOURCES:
            results.append(
                refuse(
                    f"{key}.source",
                    f"{where}: 자부담은 원인행위가 아니라 '자부담 집행'에 실제 낸 날짜와 금액으로 "
                    "적습니다 (작성요령 1).",
                    value=line.source,
                )
            )
        elif line.amount:
            obligated[line.source] += line.amount
    paid = 0
    for n, pay in enumerate(form.own_payments):
        where = f"자부담 집행 {n + 1}번째 줄"
        key = f"own_payments.{n}"
        if pay.paid_on is None:
            results.append(required(f"{key}.paid_on", f"{where} 집행일"))
        if pay.amount is None:
            results.append(required(f"{key}.amount", f"{where} 금액"))
        results += _negative(f"{key}.amount", f"{where} 금액", pay.amount)
        paid += max(pay.amount or 0, 0)
    budgets = {
        FundingSource.NATIONAL: form.budget_national or 0,
        FundingSource.PROVINCE: form.budget_province or 0,
        FundingSource.COUNTY: form.budget_county or 0,
    }
    for source, amount in obligated.items():
        if amount > budgets[source]:
            results.append(
                warn(
                    "obligations",
                    f"{source.label} 원인행위 합계({format_won(amount)})가 {source.label} 예산"
                    f"({format_won(budgets[source])})을 넘습니다.",
                    code=OVER_BUDGET,
                    value=amount,
                    limit=budgets[source],
                )
            )
    if paid > (form.budget_own or 0):
        results.append(
            warn(
                "own_payments",
                f"자부담 집행 합계({format_won(paid)})가 자부담 예산"
                f"({format_won(form.budget_own or 0)})을 넘습니다.",
                code=OVER_BUDGET,
                value=paid,
                limit=form.budget_own or 0,
            )
        )
    return results
