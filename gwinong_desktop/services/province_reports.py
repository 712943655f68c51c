"""The reports to the province: 월별 추진실적 보고 (별지 제5호) and, in June and December, the
반기 추진실적 with section 7.

Every export here

1. checks its permission (``EXPORT_LIST``: no personal data is in these forms — a house shows
   its 시군, its operator's name, its size, its rent and the periods it was lived in),
2. gathers its rows in SQL (``plans.plan_execution`` for the 추진현황; one query each for the
   houses, their works and their stays for section 7),
3. writes the workbook with ``reports.progress_report`` (beside the target, then in its place:
   a cancel or a failure leaves no file and an older one as it was),
4. keeps the file, exactly as written, in the data folder's ``reports/`` with its ``report`` row
   and the access record (``report_archive.keep_export``).

What the data cannot know — 사업추진내용, 대책 또는 건의사항, 부진원인 — the officer writes
(:class:`MonthlyTexts`); it is kept per month in the data folder's settings and offered again:
the texts of a month without its own are the latest earlier month's.

The 추진현황 rows: the report year's plan and execution, and, when some works of the year before
were not completed by its end (이월), that year's too. Execution counts obligations for subsidies
and actual payments for own funds up to the month's last day (작성요령 1).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.money import format_man_won
from gwinong_desktop.domain.periods import format_date_ko, format_stay_period, month_end
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.reports.progress_report import (
    Funds,
    HouseResult,
    ProgressReport,
    ProjectLine,
    write_progress_report,
)
from gwinong_desktop.storage.models import (
    Development,
    House,
    Operator,
    Setting,
    Stay,
)

from .context import ServiceContext
from .plans import PlanExecution, plan_executions
from .province_forms import (
    NO_OPERATOR,
    ProvinceFormExports,
    ProvinceReportError,
    check_year,
    county_in,
)
from .report_archive import ReportExport, export_and_keep

TEXTS_KEY = "province_report_texts:"  # + "YYYY-MM": the officer's texts of that month's report

_TEXT_LIMIT = 4000


@dataclass(frozen=True)
class MonthlyTexts:
    """What the officer writes into the monthly report. ``from_month`` is the (year, month) they
    were written for: an earlier month's when the asked month has none yet (offered again), None
    when nothing was ever written."""

    body: str = ""  # 4. 사업추진내용
    measures: str = ""  # 6. 대책 또는 건의사항
    delay: str = ""  # 부진원인 또는 문제점 (else the works' own 부진원인)
    from_month: tuple[int, int] | None = None

    def stored(self) -> str:
        return json.dumps(
            {"body": self.body, "measures": self.measures, "delay": self.delay},
            ensure_ascii=False,
        )


def _key(year: int, month: int) -> str:
    return f"{TEXTS_KEY}{year:04d}-{month:02d}"


def _check_month(year: int, month: int) -> None:
    check_year(year)
    if not 1 <= month <= 12:
        raise ProvinceReportError(f"월은 1~12 사이로 주세요: {month}")


def _kept_texts(session: Session, year: int, month: int) -> MonthlyTexts:
    """The texts kept for the report of ``month`` (else the latest earlier month's), in the
    caller's unit of work."""
    found = session.execute(
        select(Setting.key, Setting.value)
        .where(Setting.key.startswith(TEXTS_KEY), Setting.key <= _key(year, month))
        .order_by(Setting.key.desc())
        .limit(1)
    ).first()
    if found is None:
        return MonthlyTexts()
    try:
        stored = json.loads(found.value)
        written = found.key.removeprefix(TEXTS_KEY)
        when = (int(written[:4]), int(written[5:7]))
        return MonthlyTexts(
            str(stored.get("body", "")), str(stored.get("measures", "")),
            str(stored.get("delay", "")), when,
        )  # fmt: skip
    except (ValueError, TypeError, AttributeError):
        return MonthlyTexts()  # a damaged entry: start blank rather than fail the report


def _half_bounds(year: int, half: int) -> tuple[date, date]:
    if half not in (1, 2):
        raise ProvinceReportError(f"반기는 1(상반기) 또는 2(하반기)로 주세요: {half}")
    if half == 1:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


def _rent(monthly: int | None) -> str:
    """The house's rent as the form's example writes it: "10만원/월" (0: 무상)."""
    if monthly is None:
        return ""
    return "무상" if monthly == 0 else f"{format_man_won(monthly)}/월"


def _funds(figures) -> Funds:
    return Funds(figures.workload, figures.national, figures.loan, figures.local, figures.own)


def _line(execution: PlanExecution, name: str, delay: str) -> ProjectLine:
    return ProjectLine(
        name=name,
        plan=_funds(execution.plan),
        executed=_funds(execution.executed),
        started_on=execution.started_on,
        planned_completion_on=execution.planned_completion_on,
        progress_pct=execution.progress_pct,
        planned_progress_pct=execution.planned_progress_pct,
        actual_progress_pct=execution.actual_progress_pct,
        delay=delay or ", ".join(execution.delay_reasons),
    )


class ProvinceReportService(ProvinceFormExports):
    """The monthly and semiannual reports here; the other forms in ``province_forms``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the officer's texts ------------------------------------------------------------------

    def monthly_texts(self, year: int, month: int) -> MonthlyTexts:
        """The texts of the report of ``month``: its own, else the latest earlier month's."""
        _check_month(year, month)
        with self.ctx.read() as s:
            return _kept_texts(s, year, month)

    def save_monthly_texts(self, year: int, month: int, texts: MonthlyTexts) -> None:
        """Keep the officer's texts for the report of ``month``."""
        self.ctx.require(Permission.EDIT)
        _check_month(year, month)
        for label, text in (("사업추진내용", texts.body), ("대책 또는 건의사항", texts.measures),
                            ("부진원인", texts.delay)):  # fmt: skip
            if len(text) > _TEXT_LIMIT:
                raise ProvinceReportError(
                    f"{label}이(가) 너무 깁니다: {len(text):,}자 ({_TEXT_LIMIT:,}자까지)"
                )
        value = MonthlyTexts(texts.body.strip(), texts.measures.strip(), texts.delay.strip())
        with self.ctx.write() as s:
            row = s.get(Setting, _key(year, month))
            if row is None:
                s.add(Setting(key=_key(year, month), value=value.stored()))
            elif row.value != value.stored():
                row.value = value.stored()

    # --- gathering ----------------------------------------------------------------------------

    def _report(
        self, year: int, month: int, texts: MonthlyTexts | None, houses: list[HouseResult] | None
    ) -> ProgressReport:
        """The report of ``month``: its texts (None: the kept ones), the plan and its execution
        read in one unit of work."""
        as_of = month_end(date(year, month, 1))
        with self.ctx.read() as s:
            if texts is None:
                texts = _kept_texts(s, year, month)
            county = county_in(s)
            executions = plan_executions(s, (year, year - 1), as_of)
            carried = s.scalar(
                select(Development.id)
                .where(
                    Development.year == year - 1,
                    Development.archived_at.is_(None),
                    or_(
                        Development.completed_on.is_(None),
                        Development.completed_on >= date(year, 1, 1),
                    ),
                )
                .limit(1)
            )
        current = executions[year]
        lines = [_line(current, current.project_name, texts.delay)]
        if carried is not None:
            before = executions[year - 1]
            lines.append(_line(before, f"{before.project_name} ({year - 1}년 이월)", ""))
        return ProgressReport(
            year=year, month=month, county=county, made_on=self.ctx.today(),
            project_name=current.project_name, account_name=current.account_name,
            lines=lines, body=texts.body, measures=texts.measures, houses=houses,
        )  # fmt: skip

    def _houses(self, year: int, half: int) -> list[HouseResult]:
        start, end = _half_bounds(year, half)
        county = self._county()
        with self.ctx.read() as s:
            houses = s.execute(
                select(
                    House.id,
                    House.sigun,
                    Operator.name,
                    House.floor_area_m2,
                    House.monthly_rent,
                    House.cancelled_on,
                )
                .outerjoin(Operator, Operator.id == House.operator_id)
                .where(
                    House.archived_at.is_(None),
                    House.program_year <= year,
                    or_(House.cancelled_on.is_(None), House.cancelled_on >= start),
                )
                .order_by(House.code, House.id)
            ).all()
            stays: dict[int, list[str]] = defaultdict(list)
            for house_id, moved_in, moved_out in s.execute(
                select(Stay.house_id, Stay.move_in_on, Stay.moved_out_on)
                .where(
                    Stay.archived_at.is_(None),
                    Stay.move_in_on <= end,
                    or_(Stay.moved_out_on.is_(None), Stay.moved_out_on >= start),
                )
                .order_by(Stay.house_id, Stay.move_in_on, Stay.id)
            ):
                # as the half's last day saw it: a stay that ended later was still open then
                ended = moved_out if moved_out is not None and moved_out <= end else None
                stays[house_id].append(format_stay_period(moved_in, ended))
            building = set(
                s.scalars(
                    select(Development.house_id).where(
                        Development.archived_at.is_(None),
                        Development.started_on <= end,
                        or_(Development.completed_on.is_(None), Development.completed_on > end),
                    )
                )
            )
        results = []
        for r in houses:
            periods = stays.get(r.id, [])
            if r.cancelled_on is not None and r.cancelled_on <= end:
                note = f"취소 ({format_date_ko(r.cancelled_on)})"
            elif r.id in building:
                note = "조성 중"
            else:
                note = "" if periods else "공실"
            results.append(
                HouseResult(
                    sigun=r.sigun or county,
                    operator=r.name or NO_OPERATOR,
                    floor_area_m2=r.floor_area_m2,
                    rent=_rent(r.monthly_rent),
                    periods=periods,
                    note=note,
                )
            )
        return results

    # --- exports ------------------------------------------------------------------------------

    def _texts(self, year: int, month: int, texts: MonthlyTexts | None) -> MonthlyTexts | None:
        """``texts`` kept for the month (None: the report reads the kept ones)."""
        if texts is not None:
            self.save_monthly_texts(year, month, texts)
        return texts

    def _write(
        self,
        report: ProgressReport,
        path: Path | str,
        kind: ReportKind,
        what: str,
        state: TaskState | None,
    ) -> ReportExport:
        return export_and_keep(
            self.ctx, path, lambda: write_progress_report(path, report, state=state), kind=kind,
            year=report.year, month=report.month, what=what, entity="annual_plan",
        )  # fmt: skip

    def export_monthly(
        self,
        year: int,
        month: int,
        path: Path | str,
        *,
        texts: MonthlyTexts | None = None,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the 월별 추진실적 보고 of ``month`` to ``path`` and keep it. ``texts``: what the
        officer wrote (kept for the month); None: the month's kept texts (or an earlier one's)."""
        self.ctx.require(Permission.EXPORT_LIST)
        _check_month(year, month)
        report = self._report(year, month, self._texts(year, month, texts), None)
        return self._write(
            report, path, ReportKind.MONTHLY, f"{year}년 {month}월 추진실적 보고", state
        )

    def export_semiannual(
        self,
        year: int,
        half: int,
        path: Path | str,
        *,
        texts: MonthlyTexts | None = None,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the 반기 추진실적 (``half`` 1: to June, 2: to December) to ``path`` and keep it:
        the monthly report of the half's last month with section 7, every house and its stays
        in the half."""
        self.ctx.require(Permission.EXPORT_LIST)
        _half_bounds(year, half)
        _check_month(year, 6 * half)
        month = 6 * half
        texts = self._texts(year, month, texts)
        report = self._report(year, month, texts, self._houses(year, half))
        label = "상반기" if half == 1 else "하반기"
        return self._write(report, path, ReportKind.SEMIANNUAL, f"{year}년 {label} 추진실적", state)
