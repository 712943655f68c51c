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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlalchemy import or_, select

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.domain.money import format_man_won, format_won
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
from gwinong_desktop.reports.public_listing import (
    BUILDING,
    OCCUPIED,
    VACANT,
    ListedHouse,
    write_public_listing,
)
from gwinong_desktop.reports.works_notice import WorksNotice, write_works_notice
from gwinong_desktop.storage.folder_settings import read_setting
from gwinong_desktop.storage.models import Development, House, Operator, Setting, Stay

from .context import ServiceContext
from .plans import PlanExecution, plan_execution
from .privacy import PersonalDataPolicy
from .report_archive import KeptReport, keep_export

TEXTS_KEY = "province_report_texts:"  # + "YYYY-MM": the officer's texts of that month's report
NO_OPERATOR = "운영자 미지정"
T = TypeVar("T")
_TEXT_LIMIT = 4000


class ProvinceReportError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


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


@dataclass(frozen=True)
class ProvinceExport:
    """What an export wrote: the file, its rows (project lines and houses), the archive's copy."""

    path: Path
    rows: int
    kept: KeptReport
    title: str
    cleaned_texts: int = 0

    def describe(self) -> str:
        return f"{self.title} ({self.rows:,}행)"


def _key(year: int, month: int) -> str:
    return f"{TEXTS_KEY}{year:04d}-{month:02d}"


def _check_month(year: int, month: int) -> None:
    if not 1990 <= year <= 2100:
        raise ProvinceReportError(f"연도는 1990~2100 사이로 주세요: {year}")
    if not 1 <= month <= 12:
        raise ProvinceReportError(f"월은 1~12 사이로 주세요: {month}")


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


class ProvinceReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the officer's texts ------------------------------------------------------------------

    def monthly_texts(self, year: int, month: int) -> MonthlyTexts:
        """The texts of the report of ``month``: its own, else the latest earlier month's."""
        _check_month(year, month)
        with self.ctx.read() as s:
            found = s.execute(
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

    def _county(self) -> str:
        with self.ctx.read() as s:
            return read_setting(s, COUNTY) or "시·군 미지정"

    def _report(
        self, year: int, month: int, texts: MonthlyTexts, houses: list[HouseResult] | None
    ) -> ProgressReport:
        as_of = month_end(date(year, month, 1))
        with self.ctx.read() as s:
            current = plan_execution(s, year, as_of)
            before = plan_execution(s, year - 1, as_of)
            carried = s.scalar(
                select(Development.id)
                .join(House, House.id == Development.house_id)
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
        lines = [_line(current, current.project_name, texts.delay)]
        if carried is not None:
            lines.append(_line(before, f"{before.project_name} ({year - 1}년 이월)", ""))
        return ProgressReport(
            year=year, month=month, county=self._county(), made_on=self.ctx.today(),
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
                stays[house_id].append(format_stay_period(moved_in, moved_out))
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

    def _texts(self, year: int, month: int, texts: MonthlyTexts | None) -> MonthlyTexts:
        if texts is None:
            return self.monthly_texts(year, month)
        self.save_monthly_texts(year, month, texts)
        return texts

    def _saving(self, path: Path, write: Callable[[], T]) -> T:
        """``write()`` of the file ``path``, its failures as the officer reads them."""
        if path.suffix.lower() != ".xlsx":
            raise ProvinceReportError(f"파일 이름은 .xlsx 로 끝나야 합니다: {path.name}")
        try:
            return write()
        except PermissionError:
            raise ProvinceReportError(
                f"'{path.name}' 파일을 저장할 수 없습니다. 파일이 Excel 등 다른 프로그램에서 열려 "
                "있거나 그 폴더에 쓸 권한이 없습니다. 파일을 닫거나 다른 폴더를 고르세요."
            ) from None
        except FileNotFoundError:
            raise ProvinceReportError(f"저장할 폴더가 없습니다: {path.parent}") from None
        except OSError as exc:
            raise ProvinceReportError(
                f"'{path.name}' 파일을 저장할 수 없습니다: {exc.strerror or exc}"
            ) from None

    def _write(
        self,
        report: ProgressReport,
        path: Path | str,
        kind: ReportKind,
        what: str,
        state: TaskState | None,
    ) -> ProvinceExport:
        path = Path(path)
        summary = self._saving(path, lambda: write_progress_report(path, report, state=state))
        kept = keep_export(
            self.ctx, path, kind=kind, year=report.year, month=report.month, what=what,
            entity="annual_plan", policy=PersonalDataPolicy(include=False),
        )  # fmt: skip
        return ProvinceExport(path, summary.rows, kept, what, summary.cleaned_texts)

    def export_monthly(
        self,
        year: int,
        month: int,
        path: Path | str,
        *,
        texts: MonthlyTexts | None = None,
        state: TaskState | None = None,
    ) -> ProvinceExport:
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
    ) -> ProvinceExport:
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

    # --- 입주 현황 공개 ------------------------------------------------------------------------

    def _listed(self, today: date) -> list[ListedHouse]:
        with self.ctx.read() as s:
            houses = s.execute(
                select(
                    House.id,
                    House.eupmyeon,
                    House.ri,
                    Operator.name,
                    House.development_type,
                    House.rooms,
                    House.floor_area_m2,
                    House.monthly_rent,
                    House.deposit,
                )
                .outerjoin(Operator, Operator.id == House.operator_id)
                .where(
                    House.archived_at.is_(None),
                    or_(House.cancelled_on.is_(None), House.cancelled_on > today),
                )
                .order_by(House.eupmyeon, House.ri, House.code, House.id)
            ).all()
            lived_in = set(
                s.scalars(
                    select(Stay.house_id).where(
                        Stay.archived_at.is_(None),
                        Stay.move_in_on <= today,
                        or_(Stay.moved_out_on.is_(None), Stay.moved_out_on >= today),
                    )
                )
            )
            building = set(
                s.scalars(
                    select(Development.house_id).where(
                        Development.archived_at.is_(None),
                        or_(Development.completed_on.is_(None), Development.completed_on > today),
                    )
                )
            )
        listed = []
        for r in houses:
            status = VACANT
            if r.id in lived_in:
                status = OCCUPIED
            elif r.id in building:
                status = BUILDING
            listed.append(
                ListedHouse(
                    eupmyeon=r.eupmyeon,
                    ri=r.ri or "",
                    operator=r.name or NO_OPERATOR,
                    development_type=r.development_type.label,
                    rooms=r.rooms,
                    floor_area_m2=r.floor_area_m2,
                    monthly_rent=r.monthly_rent,
                    deposit=r.deposit,
                    status=status,
                )
            )
        return listed

    def export_public_listing(
        self, path: Path | str, *, state: TaskState | None = None
    ) -> ProvinceExport:
        """Write the website's 입주 현황 (today's) to ``path`` and keep it: no personal data."""
        self.ctx.require(Permission.EXPORT_LIST)
        today = self.ctx.today()
        houses = self._listed(today)
        path = Path(path)
        county = self._county()
        summary = self._saving(
            path,
            lambda: write_public_listing(path, houses, county=county, as_of=today, state=state),
        )
        what = f"입주 현황 공개 {len(houses):,}개소"
        kept = keep_export(
            self.ctx, path, kind=ReportKind.PUBLIC_LISTING, year=today.year, month=today.month,
            what=what, entity="house", policy=PersonalDataPolicy(include=False),
        )  # fmt: skip
        return ProvinceExport(path, summary.rows, kept, what, summary.cleaned_texts)

    # --- 착(준)공계 ---------------------------------------------------------------------------

    def development_of(self, house_code: str, year: int | None = None) -> int:
        """The works (조성사업) on the house ``house_code``: of budget ``year``, else the latest."""
        query = (
            select(Development.id)
            .join(House, House.id == Development.house_id)
            .where(House.code == house_code.strip(), Development.archived_at.is_(None))
            .order_by(Development.year.desc(), Development.id.desc())
        )
        if year is not None:
            query = query.where(Development.year == year)
        with self.ctx.read() as s:
            found = s.scalar(query.limit(1))
        if found is None:
            when = f"{year}년 " if year is not None else ""
            raise ProvinceReportError(
                f"관리번호 '{house_code}'인 집의 {when}조성사업을 찾을 수 없습니다."
            )
        return found

    def _notice(self, development_id: int, completion: bool) -> tuple[WorksNotice, int]:
        with self.ctx.read() as s:
            r = s.execute(
                select(
                    Development.year,
                    Development.title,
                    Development.budget_national,
                    Development.budget_province,
                    Development.budget_county,
                    Development.budget_own,
                    Development.contractor,
                    Development.started_on,
                    Development.planned_completion_on,
                    Development.completed_on,
                    Development.delay_reason,
                    House.code,
                    House.sido,
                    House.sigun,
                    House.eupmyeon,
                    House.ri,
                    House.jibun,
                    House.road_address,
                    House.development_type,
                    House.floor_area_m2,
                    Operator.name,
                )
                .join(House, House.id == Development.house_id)
                .outerjoin(Operator, Operator.id == House.operator_id)
                .where(Development.id == development_id, Development.archived_at.is_(None))
            ).first()
        if r is None:
            raise ProvinceReportError(
                "그 조성사업을 찾을 수 없습니다. 목록을 새로 고친 뒤 다시 고르세요."
            )
        if completion and r.completed_on is None:
            raise ProvinceReportError(
                f"{r.code}: 준공일이 적혀 있지 않습니다. 준공일을 적은 뒤 준공계를 만드세요."
            )
        lot = " ".join(p for p in (r.sido, r.sigun, r.eupmyeon, r.ri, r.jibun) if p)
        place = f"{r.road_address} ({lot})" if r.road_address else lot
        money = [(label, amount) for label, amount in (
            ("국비", r.budget_national), ("도비", r.budget_province), ("군비", r.budget_county),
            ("자부담", r.budget_own)) if amount]  # fmt: skip
        total = sum(a for _, a in money)
        content = [f"○ 조성유형: {r.development_type.label}"]
        if r.floor_area_m2 is not None:
            content.append(f"○ 건물 면적: {r.floor_area_m2:,.2f}m²")
        if money:
            parts = ", ".join(f"{label} {format_won(a)}" for label, a in money)
            content.append(f"○ 사업비: {format_won(total)} ({parts})")
        if r.contractor:
            content.append(f"○ 시공업체: {r.contractor}")
        notice = WorksNotice(
            completion=completion,
            project=r.title or f"{r.year}년 귀농인의 집 조성사업 ({r.code})",
            place=place,
            started_on=r.started_on,
            completion_on=r.completed_on or r.planned_completion_on,
            completed=r.completed_on is not None,
            content="\n".join(content),
            other=r.delay_reason or "",
            operator=r.name or "",
            made_on=self.ctx.today(),
        )
        return notice, r.year

    def export_works_notice(
        self,
        development_id: int,
        path: Path | str,
        *,
        completion: bool = False,
        state: TaskState | None = None,
    ) -> ProvinceExport:
        """Write the 착공계 (or, with ``completion``, the 준공계) of the works
        ``development_id`` to ``path`` and keep it."""
        self.ctx.require(Permission.EXPORT_LIST)
        notice, year = self._notice(development_id, completion)
        path = Path(path)
        summary = self._saving(path, lambda: write_works_notice(path, notice))
        what = f"{notice.word}계: {notice.project}"
        kept = keep_export(
            self.ctx, path, kind=ReportKind.WORKS_NOTICE, year=year, what=what,
            entity="development", policy=PersonalDataPolicy(include=False),
        )  # fmt: skip
        if state is not None:
            state.report(1, 1, "")
        return ProvinceExport(path, summary.rows, kept, what, summary.cleaned_texts)
