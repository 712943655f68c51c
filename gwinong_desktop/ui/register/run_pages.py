"""The last two pages of the import wizard: the preview with every problem, then the import.

Both run their work in the background (``tasks.BackgroundTask``) with a progress bar; the
preview reads and checks the whole workbook without writing, the import writes it in one
transaction and can be cancelled (the database then stays as it was).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWizardPage,
)

from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.mapping import RegisterMapping
from gwinong_desktop.exchange.register_format import SHEETS, Problem
from gwinong_desktop.services.register import (
    ImportChoices,
    ImportPlan,
    ImportSummary,
    RegisterService,
)
from gwinong_desktop.tasks import BackgroundTask

from .decisions import DecisionsPanel
from .display import cell_text, problem_cells

if TYPE_CHECKING:
    from .wizard import RegisterImportWizard

PREVIEW_ROWS = 50
PROBLEM_ROWS = 5000  # more are counted, not listed (the CLI prints them all)


def _read_and_check(
    state: TaskState,
    service: RegisterService,
    path: Path,
    mapping: RegisterMapping | None,
    choices: ImportChoices,
) -> ImportPlan:
    data = service.read(path, mapping, state=state)
    state.report(0, 0, "확인하는 중")  # and stops here if cancelled
    return service.plan(data, path.name, choices)


def _check(
    state: TaskState, service: RegisterService, plan: ImportPlan, choices: ImportChoices
) -> ImportPlan:
    """The rows already read, checked again after a decision (the workbook is not reread)."""
    state.report(0, 0, "확인하는 중")
    return service.plan(plan.data, plan.source, choices)


def _import(state: TaskState, service: RegisterService, plan: ImportPlan) -> ImportSummary:
    return service.apply(plan.data, plan.source, choices=plan.choices, state=state)


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    return table


class PreviewPage(QWizardPage):
    """Every problem with its sheet, row and column, and the first rows as they will be added.

    The import button stays disabled while any row is refused.
    """

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("미리 보기"))
        self.setSubTitle(self.tr("모든 행을 확인했습니다. 고칠 곳이 있으면 가져오지 않습니다."))
        self.setCommitPage(True)
        self.setButtonText(wizard.WizardButton.CommitButton, self.tr("가져오기"))
        self.task = BackgroundTask(self)
        self.task.sig_progress.connect(self._progress)
        self.task.sig_finished.connect(self._show)
        self.task.sig_failed.connect(self._failed)
        self.progress = QProgressBar()
        self.progress.setObjectName("previewProgress")
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.decisions = DecisionsPanel(wizard.services, self)
        self.decisions.sig_changed.connect(self.recheck)
        self.decisions.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.decisions)
        layout.addWidget(self.tabs, 1)
        self.plan: ImportPlan | None = None

    def initializePage(self) -> None:
        self.plan = None
        self.tabs.clear()
        self.summary.setText(self.tr("통합 문서를 읽고 확인하는 중…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.completeChanged.emit()
        service, source = self.owner.service, self.owner.path
        choices = self.decisions.choices()
        self.task.start(_read_and_check, service, source, self.owner.mapping, choices)

    def recheck(self) -> None:
        """Check the rows again with the decisions now taken (the profile may have changed)."""
        if self.plan is None or self.task.running:
            return
        plan, self.plan = self.plan, None
        self.decisions.setEnabled(False)
        self.summary.setText(self.tr("다시 확인하는 중…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.completeChanged.emit()
        self.task.start(_check, self.owner.service, plan, self.decisions.choices())

    def cleanupPage(self) -> None:
        self.task.cancel()

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, total)
        if total:
            self.progress.setValue(done)
        if label:
            self.progress.setFormat(f"{label} %p%")

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #a12622;")

    def _show(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.owner.plan = plan
        self.progress.hide()
        self.tabs.clear()
        self.decisions.setEnabled(True)
        self.decisions.show_plan(plan)
        counts = plan.counts
        text = self.tr(
            "귀농인의 집 {houses:,}개소, 입주 {stays:,}건, 임대료 납부 {payments:,}건을 새로 "
            "가져옵니다. 이미 있어 건너뛰는 것: 집 {h_known:,}, 입주 {s_known:,}, 납부 {p_known:,}."
        ).format(
            houses=counts.houses_new, stays=counts.residents_new, payments=counts.payments_new,
            h_known=counts.houses_known, s_known=counts.residents_known,
            p_known=counts.payments_known,
        )  # fmt: skip
        refusals = sum(1 for p in plan.refusals if not p.topic)
        decisions = sum(1 for p in plan.refusals if p.topic)
        if refusals:
            text += " " + self.tr(
                "고칠 곳이 {n:,}군데 있어 가져올 수 없습니다. 원본 파일을 고친 뒤 다시 고르세요."
            ).format(n=refusals)
        if decisions:
            text += " " + self.tr("가져오기 전에 아래에서 {n}가지를 정해 주세요.").format(
                n=decisions
            )
        if refusals or decisions:
            self.summary.setStyleSheet("color: #a12622;")
        else:
            self.summary.setStyleSheet("")
        self.summary.setText(text)
        self._problems([p for p in plan.problems if not p.topic])  # decisions have their boxes
        self._rows(plan)
        self.completeChanged.emit()

    def _problems(self, problems: list[Problem]) -> None:
        ordered = sorted(problems, key=lambda p: not p.is_refusal)
        headers = [self.tr("구분"), self.tr("시트"), self.tr("행"), self.tr("열"), self.tr("내용")]
        table = _table(headers, [problem_cells(p) for p in ordered[:PROBLEM_ROWS]], "problemTable")
        table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for row, problem in enumerate(ordered[:PROBLEM_ROWS]):
            if problem.is_refusal:
                table.item(row, 0).setForeground(Qt.GlobalColor.red)
        refusals = sum(1 for p in problems if p.is_refusal)
        title = self.tr("문제 {n:,}건 (고칠 곳 {r:,})").format(n=len(problems), r=refusals)
        self.tabs.addTab(table, title)
        if refusals:
            self.tabs.setCurrentWidget(table)

    def _rows(self, plan: ImportPlan) -> None:
        new = {"house": plan.houses, "resident": plan.residents, "payment": plan.payments}
        for fmt in SHEETS:
            rows = new[fmt.kind]
            shown = [
                [cell_text(c, getattr(record, c.key)) for c in fmt.columns]
                for record in rows[:PREVIEW_ROWS]
            ]
            table = _table(fmt.headers, shown, f"preview_{fmt.kind}")
            title = self.tr("{label} (새로 {n:,})").format(label=fmt.label, n=len(rows))
            self.tabs.addTab(table, title)

    def isComplete(self) -> bool:
        return self.plan is not None and not self.plan.refused


class ImportPage(QWizardPage):
    """Writes the checked rows, with a progress bar and a cancel button."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("가져오기"))
        self.task = BackgroundTask(self)
        self.task.sig_progress.connect(self._progress)
        self.task.sig_finished.connect(self._done)
        self.task.sig_failed.connect(self._failed)
        self.task.sig_cancelled.connect(self._cancelled)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("취소"))
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.finished = False

    def initializePage(self) -> None:
        self.finished = False
        self.status.setText(self.tr("가져오는 중… 끝날 때까지 기다려 주세요."))
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.completeChanged.emit()
        self.task.start(_import, self.owner.service, self.owner.plan)

    @property
    def running(self) -> bool:
        return self.task.running

    def cancel(self) -> None:
        if self.task.running:
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("취소하는 중… 지금까지 넣은 것을 되돌립니다."))
            self.task.cancel()

    def _progress(self, done: int, total: int, label: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if label:
            self.progress.setFormat(f"{label} %p%")

    def _end(self, text: str) -> None:
        self.finished = True
        self.cancel_button.setEnabled(False)
        self.status.setText(text)
        self.completeChanged.emit()

    def _done(self, summary: ImportSummary) -> None:
        self.progress.setValue(self.progress.maximum())
        self.progress.setFormat(self.tr("완료"))
        self.owner.summary = summary
        self._end(self.tr("가져왔습니다. {what}").format(what=summary.counts.describe()))
        self.owner.sig_imported.emit(summary)

    def _failed(self, message: str) -> None:
        self._end(
            self.tr("가져오지 못했습니다. 데이터는 그대로입니다.\n{reason}").format(reason=message)
        )

    def _cancelled(self) -> None:
        self.progress.setFormat(self.tr("취소함"))
        self._end(self.tr("취소했습니다. 데이터는 가져오기 전 그대로입니다."))

    def isComplete(self) -> bool:
        return self.finished
