"""The archive half of the 보고서 page: every report kept, exactly as made, and what to do with one.

The list (``Services.report_archive.list``) shows the kind, the period covered, when and by whom
it was made, the file's size and the day it was sent to the province. 열기 opens the kept copy
with the system's program (checked against its SHA-256 first, the opening recorded); 폴더 열기
opens the folder it is kept in; 보낸 날 표시 records (or clears) the day it was sent; 바뀐 곳
compares it with the copy kept before it for the same period.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.services.report_log import ArchivedReport

from ..forms.files import open_path, size_text
from ..records import Align, Column, RecordTableModel
from ..records.view import RecordTableView

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

CONTEXT = "ReportArchive"
ASK = object()


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _day(value: date | None) -> str:
    return "" if value is None else f"{value:%Y.%m.%d.}"


ARCHIVE_COLUMNS: tuple[Column[ArchivedReport], ...] = (
    Column("kind", QT_TRANSLATE_NOOP(CONTEXT, "보고서"), lambda r: r.kind_label, width=120),
    Column("period", QT_TRANSLATE_NOOP(CONTEXT, "기간"), lambda r: r.period,
           sort=lambda r: (r.year, r.month or 0), width=110),
    Column("made_at", QT_TRANSLATE_NOOP(CONTEXT, "만든 때"),
           lambda r: f"{r.made_at:%Y.%m.%d. %H:%M}", sort=lambda r: r.made_at, width=118),
    Column("made_by", QT_TRANSLATE_NOOP(CONTEXT, "만든 사람"), lambda r: r.made_by, width=80),
    Column("size", QT_TRANSLATE_NOOP(CONTEXT, "크기"),
           lambda r: "파일 없음" if r.size_bytes is None else size_text(r.size_bytes),
           sort=lambda r: r.size_bytes, align=Align.RIGHT, width=70,
           colour=lambda r: "#a33a3a" if r.missing else None),
    Column("sent_on", QT_TRANSLATE_NOOP(CONTEXT, "보낸 날"), lambda r: _day(r.sent_on),
           sort=lambda r: r.sent_on, width=90),
)  # fmt: skip


class SentDialog(QDialog):
    """Asks the day a report was sent (or that it was not sent after all)."""

    def __init__(self, report: ArchivedReport, today: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("보낸 날 표시"))
        self.cleared = False
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _tr("{kind} ({period})을 도에 보낸 날:").format(
                    kind=report.kind_label, period=report.period
                )
            )
        )
        self.date_edit = QDateEdit(QDate(report.sent_on or today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy.MM.dd.")
        self.date_edit.setMaximumDate(QDate(today))
        layout.addWidget(self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        clear = buttons.addButton(_tr("보내지 않음"), QDialogButtonBox.ButtonRole.ResetRole)
        clear.setEnabled(report.sent_on is not None)
        clear.clicked.connect(self._clear)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _clear(self) -> None:
        self.cleared = True
        self.accept()

    def chosen(self) -> date | None:
        return None if self.cleared else self.date_edit.date().toPython()


class ArchivePanel(QWidget):
    sig_changed = Signal()
    """A report's sent day was recorded (the page announces it)."""

    sig_compared = Signal(object, object)
    """(report, lines): the changes since the copy before it, to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_tr("보관된 보고서"))
        heading.setObjectName("sectionTitle")
        heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        layout.addWidget(heading)
        hint = QLabel(_tr("만든 보고서는 만든 그대로 데이터 폴더에 보관됩니다."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.model: RecordTableModel[ArchivedReport] = RecordTableModel(
            ARCHIVE_COLUMNS, context=CONTEXT
        )
        self.table = RecordTableView(self.model)
        self.table.setSortingEnabled(True)
        newest_first = (self.model.column_index("made_at"), Qt.SortOrder.DescendingOrder)
        self.table.sortByColumn(*newest_first)
        self.table.sig_open.connect(lambda _row: self.open_selected())
        self.table.sig_edit.connect(lambda _row: self.open_selected())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(_tr("열기"))
        self.folder_button = QPushButton(_tr("폴더 열기"))
        self.sent_button = QPushButton(_tr("보낸 날 표시…"))
        self.compare_button = QPushButton(_tr("바뀐 곳"))
        self.compare_button.setToolTip(_tr("같은 기간의 앞서 보관된 보고서와 비교합니다"))
        for button, slot in (
            (self.open_button, self.open_selected),
            (self.folder_button, self.open_folder),
            (self.sent_button, lambda: self.mark_sent()),
            (self.compare_button, self.compare_selected),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self._enable()

    def load(self, services: Services) -> None:
        self.services = services
        selected = self.selected()
        self.model.set_rows(services.report_archive.list())
        if self.model.visible_count:
            row = self.model.row_of(selected.id) if selected else None
            self.table.selectRow(row if row is not None else 0)
        self._enable()

    def select_report(self, report_id: int) -> None:
        row = self.model.row_of(report_id)
        if row is not None:
            self.table.selectRow(row)

    def selected(self) -> ArchivedReport | None:
        row = self.table.current_row()
        return None if row is None or row >= self.model.visible_count else self.model.row_at(row)

    def _enable(self) -> None:
        report = self.selected()
        there = report is not None and not report.missing
        for button in (self.open_button, self.folder_button, self.compare_button):
            button.setEnabled(there)
        may_edit = self.services is not None and self.services.ctx.allows(Permission.EDIT)
        self.sent_button.setEnabled(report is not None and may_edit)

    def open_selected(self) -> None:
        report = self.selected()
        if report is None or self.services is None:
            return
        try:
            path = self.services.report_archive.path_of(report.id)
        except Refusal as refusal:
            QMessageBox.warning(self, _tr("보고서 열기"), refusal.message)
            return
        if not open_path(path):
            QMessageBox.warning(
                self, _tr("보고서 열기"),
                _tr("이 파일을 열 프로그램이 없습니다: {path}").format(path=path),
            )  # fmt: skip

    def open_folder(self) -> None:
        report = self.selected()
        if report is None or self.services is None:
            return
        folder = (self.services.data_dir / report.stored_path).parent
        if not open_path(folder):
            QMessageBox.warning(
                self, _tr("폴더 열기"), _tr("폴더를 열 수 없습니다: {path}").format(path=folder)
            )

    def mark_sent(self, chosen: object = ASK) -> None:
        """Ask the day (``chosen`` given: that day, None to clear it)."""
        report = self.selected()
        if report is None or self.services is None:
            return
        if not isinstance(chosen, date | None):  # ASK, or a button's checked flag
            dialog = SentDialog(report, self.services.ctx.today(), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            chosen = dialog.chosen()
        try:
            self.services.report_archive.mark_sent(report.id, chosen)
        except Refusal as refusal:
            QMessageBox.warning(self, _tr("보낸 날 표시"), refusal.message)
            return
        self.sig_changed.emit()

    def compare_selected(self) -> None:
        report = self.selected()
        if report is None or self.services is None:
            return
        try:
            found = self.services.report_archive.changes_since_previous(report.id)
        except Refusal as refusal:
            QMessageBox.warning(self, _tr("바뀐 곳"), refusal.message)
            return
        self.sig_compared.emit(report, changes_text(found))


def changes_text(found) -> list[str]:
    """The lines that say what changed since the copy kept before (``changes_since_previous``)."""
    if found is None:
        return [_tr("같은 기간에 앞서 보관된 보고서가 없어 비교할 것이 없습니다.")]
    previous, comparison = found
    head = _tr("{when} {who} 보관본과 비교:").format(
        when=f"{previous.made_at:%Y.%m.%d. %H:%M}", who=previous.made_by
    )
    if not comparison:
        return [head, _tr("바뀐 곳이 없습니다.")]
    lines = comparison.lines(limit=200)
    return [head, _tr("바뀐 곳 {count}곳").format(count=len(comparison.changes)), *lines]
