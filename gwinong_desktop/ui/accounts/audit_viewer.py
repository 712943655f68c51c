"""The access and change records: a window that searches them and exports what it finds.

The table model fetches a page of 500 records at a time from ``AuditService`` as the officer
scrolls (``canFetchMore``/``fetchMore``), newest first; every filter is a new SQL query, never a
proxy model over 100,000s of rows. Opening the window is itself recorded; the export runs in the
background with the window's progress bar and cancel button.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.permissions import Actor, Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.services import Services
from gwinong_desktop.services.audit_log import ACTION_LABELS, PAGE, AuditFilter, AuditRow
from gwinong_desktop.tasks import BackgroundTask

from ..forms.files import documents_folder, xlsx_target

COLUMNS = ("일시", "사용자", "PC", "작업", "대상", "내용")
PERIODS = (("최근 7일", 7), ("최근 30일", 30), ("최근 1년", 365), ("전체 기간", None),
           ("직접 지정", -1))  # fmt: skip
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditViewer", text)


class AuditTableModel(QAbstractTableModel):
    """Records matching one ``AuditFilter``, loaded a page at a time as the view scrolls."""

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.filter = AuditFilter()
        self.rows: list[AuditRow] = []
        self.total = 0
        self._more = False

    def set_filter(self, f: AuditFilter) -> None:
        self.beginResetModel()
        self.filter = f
        self.rows = self.services.audit.search(f, limit=PAGE)
        self._more = len(self.rows) == PAGE
        self.total = self.services.audit.count(f)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.rows:
            return
        page = self.services.audit.search(self.filter, before_id=self.rows[-1].id, limit=PAGE)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr("기록 {number}번: {details}").format(number=row.id, details=row.details())
        if role == Qt.ItemDataRole.ForegroundRole and row.action in ("login_failed", "tamper"):
            from PySide6.QtGui import QColor

            return QColor("#b3261e")
        return None

    @staticmethod
    def _text(row: AuditRow, column: int) -> str:
        if column == 0:
            return row.when()
        if column == 1:
            return row.actor
        if column == 2:
            return row.host or ""
        if column == 3:
            return row.action_label
        if column == 4:
            return row.entity_label
        return row.details().replace("\n", " ")


class AuditViewer(QDialog):
    """Search the access and change records by period, user, kind and text; export them."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.services = services
        self.actor = actor
        services.audit.record_opened()  # refuses roles without VIEW_AUDIT
        self.setWindowTitle(_tr("접속·변경 기록"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1100, 640)
        self.model = AuditTableModel(services, self)
        self.task = BackgroundTask(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.apply)
        self._build()
        self.task.sig_progress.connect(self._on_progress)
        self.task.sig_finished.connect(self._on_exported)
        self.task.sig_failed.connect(self._on_failed)
        self.task.sig_cancelled.connect(self._on_cancelled)
        self.apply()

    def _build(self) -> None:
        bar = QHBoxLayout()
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for label, days in PERIODS:
            self.period.addItem(_tr(label), days)
        self.period.setCurrentIndex(1)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30), self)
        self.until = QDateEdit(today, self)
        for edit, name in ((self.since, "since"), (self.until, "until")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy.M.d.")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.user = QComboBox(self)
        self.user.setObjectName("user")
        self.user.addItem(_tr("모든 사용자"), None)
        for name in self.services.audit.actors():
            self.user.addItem(name, name)
        self.user.currentIndexChanged.connect(self.apply)
        self.action = QComboBox(self)
        self.action.setObjectName("action")
        self.action.addItem(_tr("모든 작업"), None)
        for code, label in ACTION_LABELS.items():
            self.action.addItem(_tr(label), code)
        self.action.currentIndexChanged.connect(self.apply)
        self.text = QLineEdit(self)
        self.text.setObjectName("search")
        self.text.setPlaceholderText(_tr("내용, 사용자, PC 이름으로 찾기"))
        self.text.setClearButtonEnabled(True)
        self.text.textChanged.connect(lambda _t: self._search_timer.start())
        self.text.returnPressed.connect(self.apply)
        bar.addWidget(QLabel(_tr("기간"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.since)
        bar.addWidget(QLabel("~", self))
        bar.addWidget(self.until)
        bar.addSpacing(8)
        bar.addWidget(self.user)
        bar.addWidget(self.action)
        bar.addWidget(self.text, 1)

        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 90, 110, 80, 100)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)

        foot = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        foot.addWidget(self.count_label, 1)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(_tr("취소"), self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.task.cancel)
        self.include_personal = QCheckBox(_tr("바뀐 값(개인정보 포함)도 넣기"), self)
        self.include_personal.setObjectName("includePersonal")
        self.include_personal.setVisible(self.actor.may(Permission.EXPORT_PERSONAL))
        self.export_button = QPushButton(_tr("엑셀로 내보내기…"), self)
        self.export_button.setObjectName("exportAudit")
        self.export_button.clicked.connect(self.export)
        close = QPushButton(_tr("닫기"), self)
        close.clicked.connect(self.close)
        for widget in (self.progress, self.cancel_button, self.include_personal,
                       self.export_button, close):  # fmt: skip
            foot.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)

    def _period_changed(self) -> None:
        days = self.period.currentData()
        custom = days == -1
        self.since.setEnabled(custom)
        self.until.setEnabled(custom)
        if not custom:
            today = QDate.currentDate()
            self.since.blockSignals(True)
            self.since.setDate(today.addDays(-(days or 0)))
            self.since.blockSignals(False)
        self.apply()

    def current_filter(self) -> AuditFilter:
        days = self.period.currentData()
        since = until = None
        if days == -1:
            since, until = self.since.date().toPython(), self.until.date().toPython()
        elif days is not None:
            since = date.today() - timedelta(days=days)
        return AuditFilter(
            since=since,
            until=until,
            actor=self.user.currentData(),
            action=self.action.currentData(),
            text=self.text.text().strip() or None,
        )

    def apply(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(_tr("기록 {count}건").format(count=f"{self.model.total:,}"))

    # --- export --------------------------------------------------------------------------------

    def export(self) -> None:
        default = documents_folder() / f"접속변경기록-{date.today():%Y%m%d}.xlsx"
        path = xlsx_target(self, _tr("접속·변경 기록 내보내기"), default)
        if path is not None:
            self.start_export(path)

    def start_export(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        include = self.include_personal.isVisible() and self.include_personal.isChecked()
        f = self.model.filter
        audit = self.services.audit

        def work(state: TaskState) -> int:
            return audit.export(f, path, include_personal=include, state=state)

        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._export_path = path
        self.task.start(work)

    def _on_progress(self, done: int, total: int, _label: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _end_export(self) -> None:
        self.export_button.setEnabled(True)
        self.progress.hide()
        self.cancel_button.hide()

    def _on_exported(self, count: int) -> None:
        self._end_export()
        self.count_label.setText(
            _tr("기록 {total}건 · {count}건을 내보냈습니다: {path}").format(
                total=f"{self.model.total:,}", count=f"{count:,}", path=self._export_path
            )
        )

    def _on_failed(self, message: str) -> None:
        self._end_export()
        QMessageBox.warning(self, _tr("접속·변경 기록 내보내기"), message)

    def _on_cancelled(self) -> None:
        self._end_export()
        self.count_label.setText(_tr("내보내기를 취소했습니다."))
