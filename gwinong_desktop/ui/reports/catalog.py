"""The reports the 보고서 page makes: what each is called, which period it asks for, and the
service method that writes it.

An entry names its service (a property of ``Services``) and method by name, so nothing of the
reports is imported until one is made; an entry whose service or method is not in this build
says so (``ReportEntry.available``) instead of failing when chosen.

Calling conventions (``ReportEntry.run``):

- ``resident_reports.export_*(path, *, year, include_personal, state)`` (year None: every year);
- ``province_reports.export_monthly(year, month, path, *, texts, state)``;
- ``province_reports.export_semiannual(year, half, path, *, state)`` (half 1 or 2);
- ``province_reports.export_<other>(year, path, *, state)`` for a yearly report and
  ``export_<other>(path, *, state)`` for one that covers no period;
- ``province_reports.export_works_notice(development_id, path, *, completion, state)`` for the
  착(준)공계 of one works (chosen by its budget year, then its house:
  ``province_reports.works_choices(year)``).

Whatever the method returns, it has kept the file in the archive (``report_archive.keep_export``)
under the entry's ``kind`` and the period's year and month (a half as month 6 or 12), which is
how the page finds it again (``Services.report_archive.last_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gwinong_desktop.domain.enums import ReportKind

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.services import Services

CONTEXT = "ReportsPage"


class PeriodKind(Enum):
    MONTH = "month"
    HALF = "half"
    YEAR = "year"
    YEAR_OR_ALL = "year_or_all"  # a year, or every year
    WORKS = "works"  # one works (조성사업): its budget year, then its house
    NONE = "none"


@dataclass(frozen=True)
class Period:
    """The period chosen for a report: ``year`` None means every year."""

    year: int | None = None
    month: int | None = None
    half: int | None = None
    works: int | None = None  # the development of a 착(준)공계
    works_code: str = ""  # its house's 관리번호 (for the file's name)
    completion: bool = False  # 준공계, else 착공계

    @property
    def archive_month(self) -> int | None:
        """The ``month`` the archive keeps the report under (a half: 6 or 12)."""
        if self.half is not None:
            return 6 * self.half
        return self.month

    def file_part(self) -> str:
        if self.works is not None:
            return f"{self.works_code}_{'준공' if self.completion else '착공'}"
        if self.year is None:
            return "전체"
        if self.half is not None:
            return f"{self.year}_{'상' if self.half == 1 else '하'}반기"
        if self.month is not None:
            return f"{self.year}_{self.month:02d}월"
        return str(self.year)


@dataclass(frozen=True)
class ReportEntry:
    kind: ReportKind
    name: str
    """Korean source text (translated in the ``ReportsPage`` context)."""
    period: PeriodKind
    service: str
    method: str
    personal: bool = False
    """The report may include personal data (offers "개인정보 포함")."""
    texts: bool = False
    """The officer writes the monthly report's texts before it is made."""

    def available(self, services: Services) -> bool:
        try:
            service = getattr(services, self.service)
        except (AttributeError, ImportError):
            return False
        return callable(getattr(service, self.method, None))

    def file_name(self, period: Period) -> str:
        return f"{self.name.replace(' ', '_')}_{period.file_part()}.xlsx"

    def run(
        self,
        state: TaskState,
        services: Services,
        path: Path,
        period: Period,
        *,
        personal: bool = False,
        texts: Any = None,
    ) -> Any:
        """Write the report to ``path`` (it is kept in the archive); what the method returns."""
        method = getattr(getattr(services, self.service), self.method)
        if self.service == "resident_reports":
            return method(path, year=period.year, include_personal=personal, state=state)
        if self.period == PeriodKind.MONTH:
            return method(period.year, period.month, path, texts=texts, state=state)
        if self.period == PeriodKind.HALF:
            return method(period.year, period.half, path, state=state)
        if self.period == PeriodKind.WORKS:
            return method(period.works, path, completion=period.completion, state=state)
        if self.period in (PeriodKind.YEAR, PeriodKind.YEAR_OR_ALL):
            return method(period.year, path, state=state)
        return method(path, state=state)


def _t(text: str) -> str:
    return QT_TRANSLATE_NOOP(CONTEXT, text)


PROVINCE = "province_reports"

CATALOG: tuple[ReportEntry, ...] = (
    ReportEntry(ReportKind.MONTHLY, _t("월별 추진실적 보고"), PeriodKind.MONTH, PROVINCE,
                "export_monthly", texts=True),
    ReportEntry(ReportKind.SEMIANNUAL, _t("반기 추진실적"), PeriodKind.HALF, PROVINCE,
                "export_semiannual"),
    ReportEntry(ReportKind.PUBLIC_LISTING, _t("입주 현황 공개"), PeriodKind.NONE, PROVINCE,
                "export_public_listing"),
    ReportEntry(ReportKind.WORKS_NOTICE, _t("착(준)공계"), PeriodKind.WORKS, PROVINCE,
                "export_works_notice"),
    ReportEntry(ReportKind.SELECTION, _t("대상지역 선정결과"), PeriodKind.YEAR, PROVINCE,
                "export_selection"),
    ReportEntry(ReportKind.PHOTO_ALBUM, _t("사진첩"), PeriodKind.NONE, PROVINCE,
                "export_photo_album"),
    ReportEntry(ReportKind.RESIDENT_REGISTER, _t("거주자 명부"), PeriodKind.YEAR_OR_ALL,
                "resident_reports", "export_residents", personal=True),
    ReportEntry(ReportKind.RENT_LEDGER, _t("임대료 수납대장"), PeriodKind.YEAR_OR_ALL,
                "resident_reports", "export_rent_ledger", personal=True),
)  # fmt: skip
