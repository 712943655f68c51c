"""연간계획: each year's plan against its execution, as the monthly report's section 5 shows it.

Two lines a year — 계획 and 집행실적(누계) to the chosen date — in 천원, with 사업량, 국고보조,
융자, 지방비, 자담, 계 and the year's progress; below, the selected year's schedule, progress and
부진원인. "계획 입력·수정" opens the year's plan.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.services import Services
from gwinong_desktop.services.plans import Figures, PlanExecution

from ..forms.fields import ERROR_STYLE, ParseError, parse_date_text
from ..forms.plan_dialog import AnnualPlanDialog
from .detail_tabs import make_table

HEADERS = ("연도", "구분", "사업량", "국고보조", "융자", "지방비", "자담", "계", "년간진도(%)")
PLAN_FILL = QColor("#f6f8f4")


def _k(amount: int) -> str:
    return f"{to_thousand_won(amount):,}"


class AnnualPlansDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualPlansDialog")
        self.setWindowTitle(self.tr("연간계획과 집행실적"))
        self.setStyleSheet(ERROR_STYLE)
        self.services = services
        self.changed = False
        self._executions: list[PlanExecution] = []

        self.as_of = QLineEdit(format_date_ko(services.ctx.today()))
        self.as_of.setObjectName("asOfDate")
        self.as_of.setMaximumWidth(130)
        self.as_of.editingFinished.connect(self.reload)
        self.as_of_error = QLabel()
        self.as_of_error.setObjectName("fieldError")
        edit = QPushButton(self.tr("계획 입력·수정…"))
        edit.setObjectName("editPlan")
        edit.clicked.connect(self.edit_selected)
        new = QPushButton(self.tr("새 연도 계획…"))
        new.setObjectName("newPlan")
        new.clicked.connect(self.new_year)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("집행실적 기준일")))
        bar.addWidget(self.as_of)
        bar.addWidget(self.as_of_error)
        bar.addStretch(1)
        bar.addWidget(new)
        bar.addWidget(edit)
        note = QLabel(
            self.tr("단위: 천원. 집행실적은 기준일까지의 누계로, 국비·도비·군비는 원인행위액, "
                    "자부담은 실제 집행액입니다(별지 제5호 작성요령 1). 집행 사업량은 준공한 곳의 "
                    "수입니다.")
        )  # fmt: skip
        note.setObjectName("formHint")
        note.setWordWrap(True)
        self.table = make_table("plansTable", tuple(self.tr(h) for h in HEADERS),
                                (60, 90, 60, 100, 70, 100, 80, 100))  # fmt: skip
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(self.edit_selected)
        self.detail = QLabel()
        self.detail.setObjectName("planDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(close)
        self.reload()
        self.resize(900, 620)

    def as_of_date(self) -> date:
        try:
            value = parse_date_text(self.as_of.text())
        except ParseError as exc:
            self.as_of_error.setText(exc.message)
            return self.services.ctx.today()
        self.as_of_error.clear()
        return value or self.services.ctx.today()

    def reload(self) -> None:
        self._executions = self.services.plans.executions(self.as_of_date())
        self.table.setRowCount(len(self._executions) * 2)
        bold = QFont()
        bold.setBold(True)
        for n, e in enumerate(self._executions):
            plan_pct = "" if e.planned_progress_pct is None else str(e.planned_progress_pct)
            done_pct = "" if e.actual_progress_pct is None else str(e.actual_progress_pct)
            for offset, (label, figures, pct) in enumerate(
                ((self.tr("계획"), e.plan, plan_pct), (self.tr("집행(누계)"), e.executed, done_pct))
            ):
                row = n * 2 + offset
                cells = [str(e.year) if offset == 0 else "", label, *self._cells(figures), pct]
                if offset == 0 and e.plan_id is None:
                    cells[1] = self.tr("계획 없음")
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, e.year)
                    if c >= 2:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    if offset == 0:
                        item.setBackground(QBrush(PLAN_FILL))
                    if c == 0:
                        item.setFont(bold)
                    self.table.setItem(row, c, item)
        if self._executions:
            self.table.selectRow(0)

    def _cells(self, f: Figures) -> list[str]:
        return [f"{f.workload}", _k(f.national), _k(f.loan), _k(f.local), _k(f.own), _k(f.total)]

    def selected_year(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_selected(self) -> None:
        year = self.selected_year()
        e = next((x for x in self._executions if x.year == year), None)
        if e is None:
            self.detail.clear()
            return
        dash = "—"
        parts = [
            self.tr("<b>{year}년</b> {name}").format(year=e.year, name=e.project_name),
            self.tr("조성사업 {n}건 · 착공일 {start} · 준공예정일 {end} · 사업공정 {pct}").format(
                n=e.works,
                start=format_date_ko(e.started_on) if e.started_on else dash,
                end=format_date_ko(e.planned_completion_on) if e.planned_completion_on else dash,
                pct=f"{e.progress_pct}%" if e.progress_pct is not None else dash,
            ),
        ]
        if e.delay_reasons:
            parts.append(self.tr("부진원인: ") + " / ".join(e.delay_reasons))
        if e.note:
            parts.append(self.tr("비고: ") + e.note)
        self.detail.setText("<br>".join(parts))

    def edit_selected(self) -> None:
        year = self.selected_year()
        if year is not None:
            self._open(year)

    def new_year(self) -> None:
        years = {e.year for e in self._executions}
        suggested = max(years | {self.services.ctx.today().year}) + (
            1 if self.services.ctx.today().year in years else 0
        )
        year, ok = QInputDialog.getInt(
            self, self.tr("새 연도 계획"), self.tr("몇 년 계획인가요?"), suggested, 1990, 2100
        )
        if ok:
            self._open(year)

    def _open(self, year: int) -> None:
        dialog = AnnualPlanDialog(self.services, year, self)
        if dialog.exec():
            self.changed = True
            self.reload()
