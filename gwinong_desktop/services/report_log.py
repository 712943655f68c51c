"""The archive of exported reports as the officer meets it (``Services.report_archive``).

``report_archive.keep_export`` keeps every report, exactly as written, with its ``report`` row;
this service lists them (kind, the period covered, when, by whom, size, the day it was sent to
the province), gives the kept file to open (its SHA-256 checked first, and the opening recorded),
records the day a report was sent, and finds the last report kept of a kind and period (what a
re-export is compared with).

Periods: a monthly report's row has its ``month``; a semiannual one ``month`` 6 (상반기) or 12
(하반기); a yearly one (거주자 명부 of a year) no month; a report over every year says so in its
note ("전체 기간").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.exchange.safety import WorkbookError
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.backup_format import sha256_file
from gwinong_desktop.storage.models import Report

from .context import ServiceContext

if TYPE_CHECKING:
    from gwinong_desktop.exchange.compare import Comparison

WHOLE_PERIOD = "전체 기간"

# Kinds whose kept file may hold residents' personal data (exported "개인정보 포함").
PERSONAL_KINDS = frozenset({ReportKind.RESIDENT_REGISTER, ReportKind.RENT_LEDGER})


class ArchiveError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


def period_text(kind: ReportKind, year: int, month: int | None, note: str | None = None) -> str:
    """The period a report covers, as the officer says it: "2026년 11월", "2026년 하반기"."""
    if note == WHOLE_PERIOD:
        return WHOLE_PERIOD
    if month is None:
        return f"{year}년 {note}" if note else f"{year}년"
    if kind == ReportKind.SEMIANNUAL:
        return f"{year}년 {'상반기' if month <= 6 else '하반기'}"
    return f"{year}년 {month}월"


@dataclass(frozen=True)
class ArchivedReport:
    """One kept report, as the archive list shows it."""

    id: int
    kind: ReportKind
    year: int
    month: int | None
    period: str
    made_at: datetime  # local time
    made_by: str
    size_bytes: int | None  # None: the kept file is missing
    sent_on: date | None
    note: str
    stored_path: str  # relative to the data folder

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def missing(self) -> bool:
        return self.size_bytes is None


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


class ReportLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _root(self) -> Path:
        return self.ctx.db.folder.root

    def _archived(self, row: Report) -> ArchivedReport:
        kept = self._root() / row.stored_path
        size = kept.stat().st_size if kept.is_file() else None
        return ArchivedReport(
            id=row.id, kind=row.kind, year=row.year, month=row.month,
            period=period_text(row.kind, row.year, row.month, row.note),
            made_at=_local(row.created_at), made_by=row.created_by or "", size_bytes=size,
            sent_on=row.sent_on, note=row.note or "", stored_path=row.stored_path,
        )  # fmt: skip

    def list(self, kind: ReportKind | None = None) -> list[ArchivedReport]:
        """Every kept report (of ``kind``), the newest first."""
        self.ctx.require(Permission.EXPORT_LIST)
        query = select(Report).order_by(Report.created_at.desc(), Report.id.desc())
        if kind is not None:
            query = query.where(Report.kind == kind)
        with self.ctx.read() as s:
            rows = s.scalars(query).all()
            return [self._archived(row) for row in rows]

    def get(self, report_id: int) -> ArchivedReport:
        self.ctx.require(Permission.EXPORT_LIST)
        with self.ctx.read() as s:
            row = s.get(Report, report_id)
            if row is None:
                raise ArchiveError("그 보고서를 보관함에서 찾을 수 없습니다. 목록을 새로 고치세요.")
            return self._archived(row)

    def last_of(
        self, kind: ReportKind, year: int, month: int | None, *, before: int | None = None,
        note: str = "",
    ) -> ArchivedReport | None:  # fmt: skip
        """The last report kept of ``kind`` for the period and with the same ``note`` (what it
        is of within the period: ``WHOLE_PERIOD`` for one over every year, the works of a
        착(준)공계), older than the report ``before`` if given, or None; kept files that are
        gone are skipped."""
        self.ctx.require(Permission.EXPORT_LIST)
        query = select(Report).where(Report.kind == kind, Report.year == year)
        query = query.where(Report.month.is_(None) if month is None else Report.month == month)
        if before is not None:
            query = query.where(Report.id < before)
        with self.ctx.read() as s:
            for row in s.scalars(query.order_by(Report.id.desc())):
                found = self._archived(row)
                if not found.missing and found.note == note:
                    return found
        return None

    def changes_since_previous(self, report_id: int) -> tuple[ArchivedReport, Comparison] | None:
        """What changed from the report kept before this one for the same kind and period, cell
        by cell (``exchange.compare``); None when there is none to compare with (or the reports
        may hold personal data the role may not see)."""
        from gwinong_desktop.exchange.compare import compare_workbooks

        report = self.get(report_id)
        if report.kind in PERSONAL_KINDS and not self.ctx.allows(Permission.SEE_PERSONAL):
            return None
        previous = self.last_of(
            report.kind, report.year, report.month, before=report.id,
            note=report.note,
        )  # fmt: skip
        if previous is None or report.missing:
            return None
        root = self._root()
        try:
            found = compare_workbooks(root / previous.stored_path, root / report.stored_path)
        except WorkbookError as exc:
            raise ArchiveError(f"보관된 보고서를 비교할 수 없습니다: {exc.message}") from None
        return previous, found

    def path_of(self, report_id: int) -> Path:
        """The kept file of a report, to open: checked against its SHA-256 and recorded."""
        self.ctx.require(Permission.EXPORT_LIST)
        with self.ctx.read() as s:
            row = s.get(Report, report_id)
            if row is None:
                raise ArchiveError("그 보고서를 보관함에서 찾을 수 없습니다. 목록을 새로 고치세요.")
            kind, stored, sha256, uid = row.kind, row.stored_path, row.sha256, row.uid
        if kind in PERSONAL_KINDS:
            self.ctx.require(Permission.SEE_PERSONAL)
        path = self._root() / stored
        if not path.is_file():
            raise ArchiveError(f"보관된 파일이 없습니다 (지워졌거나 옮겨졌습니다): {path}")
        if sha256_file(path) != sha256:
            raise ArchiveError(
                f"보관된 파일이 보관한 뒤에 바뀌었습니다. 보낸 그대로의 보고서가 아닙니다: {path}"
            )
        with self.ctx.write() as s:
            log_event(s, "view", "report", f"보관된 보고서 열기: {kind.label} {path.name}", uid)
        return path

    def mark_sent(self, report_id: int, sent_on: date | None) -> ArchivedReport:
        """Record the day the report was sent to the province (None: not sent after all)."""
        self.ctx.require(Permission.EDIT)
        today = self.ctx.today()
        with self.ctx.write() as s:
            row = s.get(Report, report_id)
            if row is None:
                raise ArchiveError("그 보고서를 보관함에서 찾을 수 없습니다. 목록을 새로 고치세요.")
            if sent_on is not None:
                made = _local(row.created_at).date()
                if sent_on > today:
                    raise ArchiveError(
                        f"보낸 날이 오늘({today:%Y.%m.%d.}) 뒤입니다: {sent_on:%Y.%m.%d.}"
                    )
                if sent_on < made:
                    raise ArchiveError(
                        f"보낸 날({sent_on:%Y.%m.%d.})이 보고서를 만든 날({made:%Y.%m.%d.}) "
                        "앞입니다."
                    )
            row.sent_on = sent_on
            s.flush()
            return self._archived(row)
