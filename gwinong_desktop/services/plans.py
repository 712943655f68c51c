"""Annual plans (연간계획) and how execution stands against them.

A plan holds, for one year, 사업량 (houses) and the money by 국고보조 · 융자 · 지방비 · 자담 in 원
(the officer types 천원; reports show 천원 through ``domain.money.to_thousand_won``).

Execution follows the monthly report's 작성요령 1: subsidies count their obligations (원인행위액:
국비 → 국고보조, 도비+군비 → 지방비) and own funds count what was actually paid (자부담 집행),
cumulative from the year's works up to ``as_of``. The works of a year are the developments whose
budget year is that year. 융자 has no records in this program (always 0). 사업량 executed is the
number of those works completed (준공) by ``as_of``; 사업공정 is their average progress as it
was at the end of ``as_of`` (:func:`progress_then`: from the dates and the audit trail, so a past
month's report shows that month's progress, not today's), and the year's progress (년간진도 실적)
is executed money over planned money.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import FundingSource
from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.periods import KST
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.results import rule_warning
from gwinong_desktop.domain.rules import DUPLICATE, NOT_FOUND, RuleKey, RuleResult, refuse
from gwinong_desktop.storage.models import (
    AnnualPlan,
    AuditEvent,
    Development,
    Obligation,
    OwnFundPayment,
)

from .context import ServiceContext
from .revisions import refuse_if_changed
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
)
from .rules import RuleBook

PLAN_LABELS = {
    "year": "연도",
    "project_name": "세부사업명",
    "account_name": "회계명",
    "workload": "사업량",
    "national": "국고보조",
    "loan": "융자",
    "local": "지방비",
    "own": "자담",
    "planned_progress_pct": "년간진도 계획",
    "note": "비고",
}


@dataclass
class AnnualPlanForm:
    year: int | None = None
    project_name: str = "귀농인의 집 조성사업"
    account_name: str = ""
    workload: int | None = 0
    national: int | None = 0
    loan: int | None = 0
    local: int | None = 0
    own: int | None = 0
    planned_progress_pct: int | None = 100
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The record's revision when the form was loaded: a save over a later one is refused."""


@dataclass(frozen=True)
class Figures:
    """사업량 and money (원) in the columns of 별지 제5호."""

    workload: int = 0
    national: int = 0
    loan: int = 0
    local: int = 0
    own: int = 0

    @property
    def total(self) -> int:
        return self.national + self.loan + self.local + self.own


@dataclass(frozen=True)
class PlanExecution:
    """One year's plan against its execution up to ``as_of``."""

    year: int
    as_of: date
    plan_id: int | None
    project_name: str
    account_name: str
    plan: Figures
    executed: Figures
    works: int  # developments of the year
    progress_pct: int | None  # 사업공정: average progress of the year's works
    planned_progress_pct: int | None  # 년간진도 계획
    started_on: date | None  # earliest 착공일
    planned_completion_on: date | None  # latest 준공예정일
    delay_reasons: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def actual_progress_pct(self) -> int | None:
        """년간진도 실적: executed money over planned money, in whole percent."""
        if self.plan.total <= 0:
            return None
        return round(self.executed.total * 100 / self.plan.total)


class PlanService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def years(self) -> list[int]:
        """Years with a plan or with works, newest first."""
        with self.ctx.read() as session:
            planned = set(session.scalars(select(AnnualPlan.year)).all())
            worked = set(
                session.scalars(
                    select(Development.year).where(Development.archived_at.is_(None)).distinct()
                ).all()
            )
            return sorted(planned | worked, reverse=True)

    def load(self, year: int) -> AnnualPlanForm:
        """The plan of ``year``, or a blank form for it."""
        with self.ctx.read() as session:
            plan = session.scalar(select(AnnualPlan).where(AnnualPlan.year == year))
            if plan is None:
                return AnnualPlanForm(year=year)
            return AnnualPlanForm(
                year=plan.year,
                project_name=plan.project_name,
                account_name=plan.account_name or "",
                workload=plan.workload,
                national=plan.national,
                loan=plan.loan,
                local=plan.local,
                own=plan.own,
                planned_progress_pct=plan.planned_progress_pct,
                note=plan.note or "",
                id=plan.id,
                revision=plan.revision,
            )

    def validate(self, form: AnnualPlanForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return self._check(session, form)

    def save(
        self, form: AnnualPlanForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            results = self._check(session, form)
            plan = session.get(AnnualPlan, form.id) if form.id is not None else AnnualPlan()
            if plan is None:
                raise FormRefused([refuse(None, "연간계획을 찾을 수 없습니다.", code=NOT_FOUND)])
            refuse_if_changed(session, plan, form, "annual_plan")
            accepted = gate(
                results, accepted_warnings, accepted_before(session, "annual_plan", plan.uid)
            )
            plan.year = form.year  # type: ignore[assignment]
            plan.project_name = (form.project_name or "").strip() or "귀농인의 집 조성사업"
            plan.account_name = clean(form.account_name)
            plan.workload = form.workload or 0
            plan.national = form.national or 0
            plan.loan = form.loan or 0
            plan.local = form.local or 0
            plan.own = form.own or 0
            plan.planned_progress_pct = form.planned_progress_pct
            plan.note = clean(form.note)
            if form.id is None:
                session.add(plan)
            session.flush()
            count = record_overrides(session, "annual_plan", plan.uid, accepted, accepted_warnings)
            return saved_record(session, plan, count)

    def archive(self, plan_id: int, reason: str) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            plan = session.get(AnnualPlan, plan_id)
            if plan is None:
                raise FormRefused([refuse(None, "연간계획을 찾을 수 없습니다.", code=NOT_FOUND)])
            archive(plan, reason)

    def execution(self, year: int, as_of: date | None = None) -> PlanExecution:
        """The plan of ``year`` against execution up to ``as_of`` (default today)."""
        as_of = as_of or self.ctx.today()
        with self.ctx.read() as session:
            return plan_execution(session, year, as_of)

    def executions(self, as_of: date | None = None) -> list[PlanExecution]:
        """Every year's plan and execution, newest first."""
        as_of = as_of or self.ctx.today()
        years = self.years()
        with self.ctx.read() as session:
            return list(plan_executions(session, years, as_of).values())

    def _check(self, session: Session, form: AnnualPlanForm) -> list[RuleResult]:
        results: list[RuleResult] = []
        today = self.ctx.today()
        if form.year is None:
            results.append(required("year", "연도"))
        elif not 1990 <= form.year <= today.year + 5:
            results.append(refuse("year", f"{form.year}년은 계획을 세울 수 없는 해입니다."))
        else:
            other = session.scalar(select(AnnualPlan.id).where(AnnualPlan.year == form.year))
            if other is not None and other != form.id:
                results.append(
                    refuse(
                        "year",
                        f"{form.year}년 연간계획이 이미 있습니다. 목록에서 그 해를 골라 고치세요.",
                        code=DUPLICATE,
                    )
                )
        for name in ("workload", "national", "loan", "local", "own"):
            value = getattr(form, name)
            if value is not None and value < 0:
                results.append(
                    refuse(name, f"{PLAN_LABELS[name]}: 음수일 수 없습니다 ({value:,}).")
                )
        pct = form.planned_progress_pct
        if pct is not None and not 0 <= pct <= 100:
            results.append(
                refuse("planned_progress_pct", f"년간진도 계획은 0~100%여야 합니다 ({pct}%).")
            )
        if results or form.year is None:
            return results
        rules = RuleBook(session).for_year(form.year)
        national, local = form.national or 0, form.local or 0
        support = national + local
        share = rules.value(RuleKey.NATIONAL_SHARE_PCT)
        if support > 0 and abs(national * 100 - support * share) > 1000 * 100:
            results.append(
                rule_warning(
                    rules,
                    RuleKey.NATIONAL_SHARE_PCT,
                    f"국고보조가 국고보조+지방비의 {share}%가 아닙니다 "
                    f"(국고 {format_won(national)}, 지방비 {format_won(local)})",
                    f"국고보조 {share}%, 지방비 {100 - share}%",
                    value=national,
                    limit=share,
                    field="national",
                )
            )
        cap = rules.value(RuleKey.SUPPORT_PER_HOUSE_MAX)
        workload = form.workload or 0
        if workload > 0 and support > cap * workload:
            results.append(
                rule_warning(
                    rules,
                    RuleKey.SUPPORT_PER_HOUSE_MAX,
                    f"개소당 지원액이 한도를 넘습니다 ({format_won(support)} ÷ {workload}개소 = "
                    f"{format_won(support // workload)})",
                    f"세대당 {format_won(cap)} 이내",
                    value=support // workload,
                    field="local",
                )
            )
        return results


def plan_execution(session: Session, year: int, as_of: date) -> PlanExecution:
    """The plan of ``year`` against its execution up to ``as_of`` (see the module's docstring),
    in the caller's unit of work."""
    return plan_executions(session, (year,), as_of)[year]


def _day_after(as_of: date) -> datetime:
    """The first moment after the day ``as_of`` in Korea, as the audit trail's UTC times."""
    return datetime.combine(as_of + timedelta(days=1), time(), KST).astimezone(UTC)


def progress_then(
    now: int, history: int | None, started_on: date | None, completed_on: date | None,
    as_of: date,
) -> int:  # fmt: skip
    """A works' 사업공정(%) at the end of the day ``as_of``: not started by then 0, completed
    (준공) by then 100; else the value the audit trail says it had then (``history``: the old
    value of its first change after that day, None when it was not changed since), else ``now``.
    """
    if started_on is not None and started_on > as_of:
        return 0
    if completed_on is not None and completed_on <= as_of:
        return 100
    return now if history is None else history


@dataclass
class _Works:
    """A year's works as the report needs them, summed in SQL."""

    count: int = 0
    completed: int = 0
    started_on: date | None = None  # the earliest 착공일
    planned_completion_on: date | None = None  # the latest 준공예정일
    progress_sum: int = 0  # 사업공정 at ``as_of`` from the dates (see ``progress_then``)
    delay_reasons: list[str] = field(default_factory=list)


def _works(session: Session, live_dev: Any, as_of: date) -> dict[int, _Works]:
    """year → its works: one aggregate over them, their 부진원인, and the few whose 사업공정 the
    audit trail says was different at the end of ``as_of`` (one query over the trail's events
    after that day, in time order: the old value of each works' first change of 사업공정 is its
    value then; a works entered after that day had none, the one it was entered with stands)."""
    found: dict[int, _Works] = defaultdict(_Works)
    dated = case(
        (Development.started_on > as_of, 0),
        (Development.completed_on <= as_of, 100),
        else_=Development.progress_pct,
    )
    for year, count, completed, first, last, progress in session.execute(
        select(
            Development.year,
            func.count(),
            func.sum(case((Development.completed_on <= as_of, 1), else_=0)),
            func.min(Development.started_on),
            func.max(Development.planned_completion_on),
            func.sum(dated),
        )
        .where(Development.id.in_(live_dev))
        .group_by(Development.year)
    ):
        found[year] = _Works(count, completed, first, last, progress or 0)
    for year, reason in session.execute(
        select(Development.year, Development.delay_reason)
        .where(Development.id.in_(live_dev), Development.delay_reason.is_not(None))
        .distinct()
        .order_by(Development.delay_reason)
    ):
        if reason:
            found[year].delay_reasons.append(reason)
    seen: set[str] = set()
    for uid, changes, year, now, started_on, completed_on in session.execute(
        select(
            AuditEvent.entity_uid,
            AuditEvent.changes,
            Development.year,
            Development.progress_pct,
            Development.started_on,
            Development.completed_on,
        )
        .join(Development, Development.uid == AuditEvent.entity_uid)
        .where(
            AuditEvent.entity == "development",
            AuditEvent.at >= _day_after(as_of),
            Development.id.in_(live_dev),
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    ):
        if uid in seen or not isinstance(changes, dict) or "progress_pct" not in changes:
            continue
        seen.add(uid)
        then = _value_then(changes["progress_pct"])
        if then is not None:
            works = found[year]
            works.progress_sum += progress_then(now, then, started_on, completed_on, as_of)
            works.progress_sum -= progress_then(now, None, started_on, completed_on, as_of)
    return found


def _value_then(change: Any) -> int | None:
    """The value a field had before the change ``[old, new]``: ``old``, or ``new`` for a record
    made by it."""
    if not isinstance(change, list) or len(change) != 2:
        return None
    old, new = change
    value = old if isinstance(old, int) else new
    return value if isinstance(value, int) else None


def plan_executions(
    session: Session, years: Sequence[int], as_of: date
) -> dict[int, PlanExecution]:
    """The plans of ``years`` against their execution up to ``as_of`` (see the module's
    docstring), in the caller's unit of work: one aggregate query per table for all the years
    (the province's reports gather the report year and the year before together)."""
    years = tuple(dict.fromkeys(years))
    plans = {
        p.year: p
        for p in session.scalars(
            select(AnnualPlan).where(AnnualPlan.year.in_(years), AnnualPlan.archived_at.is_(None))
        )
    }
    # every works has its house (a foreign key, never null): no join to the wide house rows
    live_dev = select(Development.id).where(
        Development.year.in_(years), Development.archived_at.is_(None)
    )
    obligated: dict[int, dict[FundingSource, int]] = defaultdict(dict)
    for year, source, amount in session.execute(
        select(Development.year, Obligation.source, func.sum(Obligation.amount))
        .join(Development, Development.id == Obligation.development_id)
        .where(
            Obligation.development_id.in_(live_dev),
            Obligation.archived_at.is_(None),
            Obligation.obligated_on <= as_of,
        )
        .group_by(Development.year, Obligation.source)
    ):
        obligated[year][source] = amount or 0
    own_paid = dict(
        session.execute(
            select(Development.year, func.sum(OwnFundPayment.amount))
            .join(Development, Development.id == OwnFundPayment.development_id)
            .where(
                OwnFundPayment.development_id.in_(live_dev),
                OwnFundPayment.archived_at.is_(None),
                OwnFundPayment.paid_on <= as_of,
            )
            .group_by(Development.year)
        ).all()
    )
    works = _works(session, live_dev, as_of)
    return {
        year: _execution(year, as_of, plans.get(year), obligated[year], own_paid.get(year) or 0,
                         works.get(year) or _Works())
        for year in years
    }  # fmt: skip


def _execution(
    year: int,
    as_of: date,
    plan: AnnualPlan | None,
    by_source: Mapping[FundingSource, int],
    own_paid: int,
    works: _Works,
) -> PlanExecution:
    executed = Figures(
        workload=works.completed,
        national=by_source.get(FundingSource.NATIONAL, 0),
        loan=0,
        local=by_source.get(FundingSource.PROVINCE, 0) + by_source.get(FundingSource.COUNTY, 0),
        own=own_paid,
    )
    figures = (
        Figures(plan.workload, plan.national, plan.loan, plan.local, plan.own)
        if plan is not None
        else Figures()
    )
    return PlanExecution(
        year=year,
        as_of=as_of,
        plan_id=plan.id if plan is not None else None,
        project_name=plan.project_name if plan is not None else "귀농인의 집 조성사업",
        account_name=(plan.account_name or "") if plan is not None else "",
        plan=figures,
        executed=executed,
        works=works.count,
        progress_pct=round(works.progress_sum / works.count) if works.count else None,
        planned_progress_pct=plan.planned_progress_pct if plan is not None else None,
        started_on=works.started_on,
        planned_completion_on=works.planned_completion_on,
        delay_reasons=works.delay_reasons,
        note=(plan.note or "") if plan is not None else "",
    )
