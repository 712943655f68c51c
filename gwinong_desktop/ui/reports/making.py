"""Making one report of the catalogue, wherever the officer asks for it: the 보고서 page's 만들기,
and the buttons of the pages whose data a report lists (입주자 → 거주자 명부, 임대료 → 임대료
수납대장).

One path (:func:`make_report`): where to save is asked (the last folder used), the report is
written in the background with progress and cancel (``ui.progress.run_with_progress``), kept in
the archive by the service, announced, and compared with the copy kept before for the same
period. :class:`ReportButton` offers one report on another page: this year, last year or every
year, with "개인정보 포함" for the roles that may.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import Cancelled

from ..forms.files import documents_folder, xlsx_target
from ..pages.base import Page
from ..progress import TaskFailed, run_with_progress
from .catalog import CATALOG, CONTEXT, Period, ReportEntry


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Outcome:
    """What became of a report asked for: the file written (None: not written), the lines that
    tell the officer, and the archive's copy (its id) when one was kept."""

    target: Path | None
    lines: tuple[str, ...] = ()
    report_id: int | None = None


def entry_of(kind: ReportKind) -> ReportEntry:
    return next(entry for entry in CATALOG if entry.kind is kind)


def make_report(
    page: Page,
    entry: ReportEntry,
    period: Period,
    path: Path | str | None = None,
    *,
    personal: bool = False,
    prepare: Callable[[], Any] | None = None,
) -> Outcome:
    """Make ``entry`` for ``period`` (``path``: where, else asked). ``prepare`` runs once the
    place is chosen and returns the report's texts (the monthly report saves them first). A
    refusal or a file that cannot be written is said in a message box and in the lines."""
    services = page.services
    title = _tr(entry.name)
    if services is None or not entry.available(services):
        return Outcome(None, (_tr("이 보고서는 아직 만들 수 없습니다."),))
    default = documents_folder() / entry.file_name(period)
    target = xlsx_target(page, title, default, path)
    if target is None:
        return Outcome(None)
    try:
        texts = prepare() if prepare is not None else None
        run_with_progress(
            _tr("{name}를 만드는 중…").format(name=title), entry.run, services, target, period,
            personal=personal and entry.personal, texts=texts, parent=page, title=title,
        )  # fmt: skip
    except Cancelled:
        return Outcome(None, (_tr("취소했습니다. 파일을 만들지 않았습니다."),))
    except (TaskFailed, Refusal) as exc:
        reason = failure_text(exc, target)
        QMessageBox.warning(page, title, reason)
        return Outcome(None, (reason,))
    page.announce(Changes.of(Kind.REPORTS))
    lines = [_tr("저장했습니다: {path}").format(path=target)]
    kept = services.report_archive.list(entry.kind)
    if not kept:
        return Outcome(target, tuple(lines))
    lines.append(_tr("보관함에 넣었습니다 ({period}).").format(period=kept[0].period))
    from .archive_panel import changes_text  # the archive's SQL: not when a page loads

    try:
        found = services.report_archive.changes_since_previous(kept[0].id)
    except Refusal as refusal:
        lines.append(refusal.message)
    else:
        if found is not None:
            lines += changes_text(found)
    return Outcome(target, tuple(lines), kept[0].id)


def failure_text(exc: Exception, target: Path) -> str:
    """Why the report was not written, in Korean."""
    error = exc.error if isinstance(exc, TaskFailed) else exc
    if isinstance(error, Refusal):
        return error.message
    if isinstance(error, OSError):
        return _tr("파일을 쓸 수 없습니다 (다른 프로그램에서 열려 있나요?): {path}").format(
            path=target
        )
    return getattr(exc, "message", str(exc))


class ReportButton(QPushButton):
    """ "거주자 명부 ▾" on a page: the catalogue's report of ``kind`` for this year, last year or
    every year (the 보고서 page's own choices), "개인정보 포함" ticked in the menu by roles that
    may export personal data (masked otherwise). The outcome is said in a message box."""

    def __init__(self, page: Page, kind: ReportKind, object_name: str) -> None:
        super().__init__(page)
        self.page = page
        self.entry = entry_of(kind)
        self.setObjectName(object_name)
        self.setText(_tr("{name} 엑셀").format(name=_tr(self.entry.name)))
        self.setToolTip(_tr("보고서 화면과 같은 {name}를 만들어 보관함에도 넣습니다.").format(
            name=_tr(self.entry.name)))  # fmt: skip
        self.menu_ = QMenu(self)
        self.personal = QAction(_tr("개인정보 포함"), self)
        self.personal.setCheckable(True)
        self.personal.setEnabled(False)
        self._fill(date.today().year)
        self.setMenu(self.menu_)

    def _fill(self, this_year: int) -> None:
        self.menu_.clear()
        for year in (this_year, this_year - 1, None):
            text = _tr("전체 기간") if year is None else _tr("{year}년").format(year=year)
            action = self.menu_.addAction(text)
            action.setData(year)
            action.triggered.connect(lambda _checked=False, y=year: self.make(Period(y)))
        self.menu_.addSeparator()
        self.menu_.addAction(self.personal)

    def attach(self, services: Any) -> None:
        """The years offered are the data's (its today); 개인정보 포함 for roles that may."""
        self._fill(services.ctx.today().year)
        allowed = services.ctx.allows(Permission.EXPORT_PERSONAL)
        self.personal.setEnabled(allowed)
        if not allowed:
            self.personal.setChecked(False)

    def make(self, period: Period, path: Path | str | None = None) -> Outcome:
        """Make the report for ``period`` (``path``: where, else asked)."""
        outcome = make_report(
            self.page, self.entry, period, path, personal=self.personal.isChecked()
        )
        if outcome.target is not None:
            QMessageBox.information(self, _tr(self.entry.name), "\n".join(outcome.lines))
        return outcome
