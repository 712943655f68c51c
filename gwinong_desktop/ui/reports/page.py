"""The 보고서 page: make the reports the province and the county need, and keep what was sent.

Left, the reports to make (``catalog.CATALOG``): choose one, its period (month, half, year or
none), for the monthly report the texts the data cannot know (사업추진내용, 부진원인, 대책 또는
건의사항: offered again from last time, saved before the report is made), then 만들기: where to
save is asked (the last folder used), the report is written in the background with progress and
cancel, kept in the archive, and compared with the copy kept before for the same period — what
changed is listed under the button in words ("3번 진안군 임대실적 기간 추가"). A report this
build cannot make yet says so and cannot be started.

Right, the archive (``archive_panel.ArchivePanel``): 열기, 폴더 열기, 보낸 날 표시, 바뀐 곳.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission

from ..pages.base import Page, PageHost
from .archive_panel import ArchivePanel
from .catalog import CATALOG, CONTEXT, Period, PeriodKind, ReportEntry
from .making import make_report

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

TEXT_FIELDS = (
    ("body", "사업추진내용"),
    ("delay", "부진원인 또는 문제점"),
    ("measures", "대책 또는 건의사항"),
)
"""The monthly report's texts: the field of ``MonthlyTexts`` (``province_reports.monthly_texts``)
and its label, in the order the panel shows them."""
TEXT_LABELS = tuple(label for _name, label in TEXT_FIELDS)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def text_values(texts: Any) -> list[str]:
    """The monthly texts (``MonthlyTexts`` or a mapping with its field names) as strings, in
    the order of ``TEXT_FIELDS``."""
    if isinstance(texts, Mapping):
        return [str(texts.get(name) or "") for name, _label in TEXT_FIELDS]
    return [str(getattr(texts, name, "") or "") for name, _label in TEXT_FIELDS]


def with_values(texts: Any, values: list[str]) -> Any:
    """``texts`` with its fields set to ``values`` (in ``TEXT_FIELDS`` order; the same type)."""
    named = {name: value for (name, _label), value in zip(TEXT_FIELDS, values, strict=True)}
    if dataclasses.is_dataclass(texts) and not isinstance(texts, type):
        return dataclasses.replace(texts, **named)
    if isinstance(texts, Mapping):
        return {**texts, **named}
    return texts


class ReportsPage(Page):
    shows = frozenset({Kind.REPORTS})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self._texts: Any = None
        self._texts_for: tuple[int, int] | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._make_side())
        self.archive = ArchivePanel()
        self.archive.sig_changed.connect(lambda: self.announce(Changes.of(Kind.REPORTS)))
        self.archive.sig_compared.connect(self._show_compared)
        self.splitter.addWidget(self.archive)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.splitter)
        self.entries.setCurrentRow(0)

    # --- building ------------------------------------------------------------------------------

    def _make_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 8, 0)
        heading = QLabel(_tr("만들 보고서"))
        heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        layout.addWidget(heading)
        self.entries = QListWidget()
        self.entries.setObjectName("reportEntries")
        for entry in CATALOG:
            item = QListWidgetItem(_tr(entry.name))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.entries.addItem(item)
        rows = self.entries.sizeHintForRow(0) * len(CATALOG) + 2 * self.entries.frameWidth()
        self.entries.setFixedHeight(rows + 4)
        self.entries.currentRowChanged.connect(lambda _row: self._entry_chosen())
        layout.addWidget(self.entries)

        self.period_box = QGroupBox(_tr("기간"))
        form = QFormLayout(self.period_box)
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setSuffix(_tr("년"))
        self.month = QComboBox()
        for m in range(1, 13):
            self.month.addItem(_tr("{m}월").format(m=m), m)
        self.half = QComboBox()
        self.half.addItem(_tr("상반기 (1~6월)"), 1)
        self.half.addItem(_tr("하반기 (7~12월)"), 2)
        self.whole = QCheckBox(_tr("전체 기간"))
        self.whole.toggled.connect(self.year.setDisabled)
        self.works = QComboBox()
        self.works.setObjectName("reportWorks")
        self.works.setPlaceholderText(_tr("그 해 조성사업이 없습니다"))
        self.works.setMinimumContentsLength(24)
        self.works.currentIndexChanged.connect(lambda _i: self._works_chosen())
        self.notice = QComboBox()
        self.notice.addItem(_tr("착공계"), False)
        self.notice.addItem(_tr("준공계"), True)
        form.addRow(_tr("연도"), self.year)
        form.addRow(_tr("월"), self.month)
        form.addRow(_tr("반기"), self.half)
        form.addRow("", self.whole)
        form.addRow(_tr("조성사업"), self.works)
        form.addRow(_tr("서식"), self.notice)
        layout.addWidget(self.period_box)
        self.personal = QCheckBox(_tr("개인정보 포함 (이름·연락처를 가리지 않음; 기록에 남음)"))
        layout.addWidget(self.personal)

        self.texts_box = QGroupBox(_tr("담당자가 적는 내용 (다음 달에도 불러옵니다)"))
        texts_form = QFormLayout(self.texts_box)
        self.text_edits: list[QPlainTextEdit] = []
        for label in TEXT_LABELS:
            edit = QPlainTextEdit()
            edit.setFixedHeight(54)
            texts_form.addRow(_tr(label), edit)
            self.text_edits.append(edit)
        layout.addWidget(self.texts_box)
        self.year.valueChanged.connect(lambda _v: self._load_texts())
        self.year.valueChanged.connect(lambda _v: self._load_works())
        self.month.currentIndexChanged.connect(lambda _i: self._load_texts())

        self.unavailable = QLabel(_tr("이 보고서는 아직 만들 수 없습니다."))
        self.unavailable.setStyleSheet("color: #a33a3a;")
        self.unavailable.setWordWrap(True)
        layout.addWidget(self.unavailable)
        row = QHBoxLayout()
        self.make_button = QPushButton(_tr("만들기…"))
        self.make_button.setDefault(True)
        self.make_button.setMinimumWidth(120)
        self.make_button.clicked.connect(lambda: self.make_report())
        row.addWidget(self.make_button)
        self.consolidate_button = QPushButton(_tr("시·군 보고서 취합…"))
        self.consolidate_button.setToolTip(
            _tr(
                "여러 시·군의 월별·반기 추진실적 보고서를 시·도의 추진실적 보고(별지 제5호) 하나로 "
                "취합합니다"
            )
        )
        self.consolidate_button.clicked.connect(lambda: self.consolidate())
        row.addWidget(self.consolidate_button)
        row.addStretch(1)
        layout.addLayout(row)
        result_heading = QLabel(_tr("결과"))
        result_heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(result_heading)
        self.result = QPlainTextEdit()
        self.result.setObjectName("reportResult")
        self.result.setReadOnly(True)
        self.result.setPlaceholderText(
            _tr("만든 보고서와 지난번 보관본과 달라진 곳이 여기에 나옵니다.")
        )
        layout.addWidget(self.result, 1)
        return side

    # --- the page contract ---------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        super().attach(services)
        today = services.ctx.today()
        self.year.setValue(today.year)
        last_month = today.month - 1 or 12  # the monthly report is of the month just ended
        if today.month == 1:
            self.year.setValue(today.year - 1)
        self.month.setCurrentIndex(last_month - 1)
        self.half.setCurrentIndex(0 if today.month <= 6 else 1)
        self.personal.setEnabled(services.ctx.allows(Permission.EXPORT_PERSONAL))
        for row in range(self.entries.count()):
            item = self.entries.item(row)
            if not item.data(Qt.ItemDataRole.UserRole).available(services):
                item.setForeground(QColor("#8a8a8a"))
                item.setToolTip(_tr("이 보고서는 아직 만들 수 없습니다."))
        self._entry_chosen()
        self.archive.load(services)

    def refresh(self, changes: Changes) -> None:
        if self.services is not None:
            self.archive.load(self.services)

    def show_records(self, **criteria: Any) -> None:
        """``report="monthly"`` (a ``ReportKind`` code) chooses that report in the catalogue;
        ``year=…`` and ``month=…`` its period (a month of 6 or 12 chooses that half of a
        semiannual report)."""
        if criteria.get("report") is not None:
            self.choose(ReportKind(criteria["report"]))
        if criteria.get("year") is not None:
            self.whole.setChecked(False)
            self.year.setValue(int(criteria["year"]))
        month = criteria.get("month")
        if month is not None:
            self.month.setCurrentIndex(int(month) - 1)
            self.half.setCurrentIndex(0 if int(month) <= 6 else 1)

    def status_text(self) -> str:
        return _tr("보관된 보고서 {count}건").format(count=self.archive.model.total_count)

    # --- choosing ------------------------------------------------------------------------------

    def entry(self) -> ReportEntry:
        item = self.entries.currentItem() or self.entries.item(0)
        return item.data(Qt.ItemDataRole.UserRole)

    def choose(self, kind) -> None:
        """Select the catalogue's entry of ``kind`` (a ``ReportKind``)."""
        for row in range(self.entries.count()):
            if self.entries.item(row).data(Qt.ItemDataRole.UserRole).kind == kind:
                self.entries.setCurrentRow(row)
                return
        raise KeyError(kind)

    def _entry_chosen(self) -> None:
        entry = self.entry()
        self.result.clear()  # what the last report said is not about this one
        kind = entry.period
        form: QFormLayout = self.period_box.layout()
        form.setRowVisible(self.year, kind != PeriodKind.NONE)
        form.setRowVisible(self.month, kind == PeriodKind.MONTH)
        form.setRowVisible(self.half, kind == PeriodKind.HALF)
        form.setRowVisible(self.whole, kind == PeriodKind.YEAR_OR_ALL)
        form.setRowVisible(self.works, kind == PeriodKind.WORKS)
        form.setRowVisible(self.notice, kind == PeriodKind.WORKS)
        self.period_box.setVisible(kind != PeriodKind.NONE)
        self.personal.setVisible(entry.personal)
        available = self.services is not None and entry.available(self.services)
        self.unavailable.setVisible(self.services is not None and not available)
        self.make_button.setEnabled(available)
        self.texts_box.setVisible(entry.texts and available)
        self._load_texts()
        self._load_works()

    def period(self) -> Period:
        kind = self.entry().period
        year = self.year.value()
        if kind == PeriodKind.MONTH:
            return Period(year, month=self.month.currentData())
        if kind == PeriodKind.HALF:
            return Period(year, half=self.half.currentData())
        if kind == PeriodKind.YEAR_OR_ALL and self.whole.isChecked():
            return Period(None)
        if kind == PeriodKind.NONE:
            return Period(None)
        if kind == PeriodKind.WORKS:
            works = self.works.currentData()
            if works is None:
                return Period(year)
            return Period(year, works=works.id, works_code=works.house_code,
                          completion=bool(self.notice.currentData()))  # fmt: skip
        return Period(year)

    def _load_works(self) -> None:
        """The works of the chosen year in the 조성사업 box (the 착(준)공계's chooser)."""
        entry = self.entry()
        if entry.period != PeriodKind.WORKS or self.services is None:
            return
        if not entry.available(self.services):
            return
        chosen = self.works.currentData()
        self.works.blockSignals(True)
        self.works.clear()
        try:
            found = self.services.province_reports.works_choices(self.year.value())
        except Refusal as refusal:
            found = []
            self.result.setPlainText(refusal.message)
        for works in found:
            self.works.addItem(works.label, works)
            if chosen is not None and works.id == chosen.id:
                self.works.setCurrentIndex(self.works.count() - 1)
        if self.works.currentIndex() < 0 and found:
            self.works.setCurrentIndex(0)
        self.works.blockSignals(False)
        self._works_chosen()

    def _works_chosen(self) -> None:
        """A 준공계 only for a works whose 준공일 is written."""
        works = self.works.currentData()
        completed = works is not None and works.completed_on is not None
        item = self.notice.model().item(1)
        item.setEnabled(completed)
        item.setToolTip("" if completed else _tr("준공일이 적힌 조성사업만 준공계를 만듭니다."))
        if not completed:
            self.notice.setCurrentIndex(0)

    def _load_texts(self) -> None:
        entry = self.entry()
        if not (entry.texts and self.services is not None and entry.available(self.services)):
            return
        period = self.period()
        if self._texts_for == (period.year, period.month):
            return
        if not self._keep_typed_texts():
            return
        try:
            texts = self.services.province_reports.monthly_texts(period.year, period.month)
        except Refusal as refusal:
            self.result.setPlainText(refusal.message)
            return
        self._texts, self._texts_for = texts, (period.year, period.month)
        for edit, value in zip(self.text_edits, text_values(texts), strict=False):
            edit.setPlainText(value)

    def _keep_typed_texts(self) -> bool:
        """Texts typed for one month are kept for it before another month's are shown (nothing
        the officer wrote is thrown away by choosing another month); False when they could not
        be kept (the reason is shown, the typed texts stay)."""
        if self._texts_for is None or self._texts is None or self.services is None:
            return True
        typed = [edit.toPlainText().strip() for edit in self.text_edits]
        if typed == [v.strip() for v in text_values(self._texts)]:
            return True
        if not self.services.ctx.allows(Permission.EDIT):
            return True
        year, month = self._texts_for
        try:
            self._save_texts(Period(year, month=month))
        except Refusal as refusal:
            self.result.setPlainText(refusal.message)
            return False
        return True

    def _save_texts(self, period: Period) -> Any:
        values = [edit.toPlainText().strip() for edit in self.text_edits]
        texts = with_values(self._texts, values[: len(text_values(self._texts))])
        self.services.province_reports.save_monthly_texts(period.year, period.month, texts)
        self._texts = texts
        return texts

    # --- making --------------------------------------------------------------------------------

    def make_report(self, path: Path | str | None = None) -> Path | None:
        """Make the chosen report (``path``: where, else asked); the file written, or None."""
        entry = self.entry()
        period = self.period()
        if entry.period == PeriodKind.WORKS and period.works is None:
            self.result.setPlainText(
                _tr("{year}년 조성사업이 없습니다. 조성사업이 있는 연도를 고르세요.").format(
                    year=period.year
                )
            )
            return None
        outcome = make_report(
            self, entry, period, path, personal=self.personal.isChecked(),
            prepare=(lambda: self._save_texts(period)) if entry.texts else None,
        )  # fmt: skip
        if outcome.report_id is not None:
            self.archive.select_report(outcome.report_id)
        if outcome.lines:
            self.result.setPlainText("\n".join(outcome.lines))
        if outcome.target is not None:
            self.sig_status.emit(self.status_text())
        return outcome.target

    def _show_compared(self, report, lines: list[str]) -> None:
        head = _tr("{kind} ({period})").format(kind=report.kind_label, period=report.period)
        self.result.setPlainText("\n".join([head, *lines]))

    # --- the province's consolidation ---------------------------------------------------------

    def consolidate(
        self, files: list[Path] | None = None, target: Path | None = None
    ) -> Path | None:
        """Merge the counties' reports (``files``/``target``: else asked); the file written."""
        from .consolidate import consolidate_files

        return consolidate_files(self, files, target)
