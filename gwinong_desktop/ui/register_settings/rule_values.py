"""설정 › 프로그램 규칙 값: every program rule, per year, with its guideline default.

One row per rule: its name and unit, the 2020 guideline's default, the value in force in the
chosen year (editable), where that value comes from, the county's note on its source (editable)
and the guideline section. A value set for a year holds for the later years until another year
changes it. "저장" checks every value through the service (``RuleSet.from_mapping``); a refused
value is marked in its cell, the message names the rule, nothing is written and the typed values
stay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import FormRefused
from gwinong_desktop.services.settings_values import RuleValueRow

from ..forms.guard import DiscardGuard

BAD = QColor("#fde4e1")
EDITABLE = QColor("#fffdf3")
STYLE = """
QLabel#panelHeading { font-size: 12pt; font-weight: bold; color: #2b3830; }
QLabel#panelBlurb { color: #5a6660; }
QLabel#panelError { color: #b3261e; }
QLabel#panelStatus { color: #2f7d32; }
"""


class RuleValuesPanel(QWidget):
    """The per-year table of program rule values (a self-contained 설정 panel)."""

    sig_saved = Signal(int)
    """Rule values of a year were saved (the year)."""

    NAME, DEFAULT, VALUE, ORIGIN, NOTE, GUIDELINE = range(6)
    HEADERS = (
        "규칙",
        "지침 기본값",
        "{year}년 값",
        "값의 출처",
        "근거·메모 (시·군 공고 등)",
        "지침",
    )

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleValuesPanel")
        self.setStyleSheet(STYLE)
        self.services = services
        self.rows: list[RuleValueRow] = []
        self._loading = False

        heading = QLabel(self.tr("프로그램 규칙 값"), self)
        heading.setObjectName("panelHeading")
        blurb = QLabel(
            self.tr(
                "지침(2020년) 기본값과 다른 값을 쓰는 해에만 바꾸세요. 어느 해에 정한 값은 다른 "
                "해가 바꿀 때까지 그 뒤 해에도 쓰입니다. 0이 '제한 없음'인 규칙도 있습니다."
            ),
            self,
        )
        blurb.setObjectName("panelBlurb")
        blurb.setWordWrap(True)
        self.year = QSpinBox(self)
        self.year.setObjectName("ruleYear")
        self.year.setRange(1990, 2100)
        self.year.setSuffix(self.tr("년"))
        self.year.setValue(services.ctx.today().year)
        self.year.setKeyboardTracking(False)  # a typed year counts once it is complete
        self.year.valueChanged.connect(self._year_changed)
        self._shown_year = self.year.value()
        self.save_button = QPushButton(self.tr("저장"), self)
        self.save_button.setObjectName("saveRules")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("되돌리기"), self)
        self.revert_button.setObjectName("revertRules")
        self.revert_button.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("연도"), self))
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)

        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setObjectName("ruleValuesTable")
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 110, 110, 200, 170)):  # 값의 출처 fits its longest
            header.resizeSection(column, width)
        self.table.itemChanged.connect(self._edited)

        self.error = QLabel(self)
        self.error.setObjectName("panelError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.status = QLabel(self)
        self.status.setObjectName("panelStatus")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(blurb)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        self.guard = DiscardGuard(
            self,
            save=self.save,
            root=self.table,
            title=lambda: self.tr("{year}년 규칙 값").format(year=self._shown_year),
        )
        self.reload()

    # --- showing ----------------------------------------------------------------------------

    def _year_changed(self, year: int) -> None:
        """Another year: the values typed for the shown one are saved or dropped first."""
        if year == self._shown_year:
            return
        leaving = self.tr("저장하지 않고 다른 해로 바꾸면 적은 값이 사라집니다.")
        if not self.guard.settle(detail=leaving):
            self.year.blockSignals(True)
            self.year.setValue(self._shown_year)
            self.year.blockSignals(False)
            return
        if year != self._shown_year:
            self.reload()

    def reload(self) -> None:
        year = self._shown_year = self.year.value()
        self.rows = self.services.rule_values.table(year)
        self._loading = True
        headers = [self.tr(h) for h in self.HEADERS]
        headers[self.VALUE] = self.tr("{year}년 값").format(year=year)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            cells = (
                f"{row.name} ({row.unit})",
                row.format(row.default),
                f"{row.value:,}",
                self._origin(row, year),
                row.source,
                row.guideline,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c not in (self.VALUE, self.NOTE):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                else:
                    item.setBackground(QBrush(EDITABLE))
                if c in (self.DEFAULT, self.VALUE):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(row.explanation)
                self.table.setItem(r, c, item)
        self._loading = False
        self.error.hide()
        self.status.clear()
        self.guard.baseline()

    def _origin(self, row: RuleValueRow, year: int) -> str:
        """Where the value comes from; a value put back to the guideline's says so first."""
        if row.set_in is None:
            return self.tr("지침 기본값")
        if row.set_in == year:
            where = self.tr("{year}년에 정함").format(year=year)
        else:
            where = self.tr("{year}년 설정 이어받음").format(year=row.set_in)
        if row.value == row.default:
            return self.tr("지침 기본값 ({where})").format(where=where)
        return where

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        self.status.clear()

    def _row_of(self, key: str) -> int:
        return next(i for i, r in enumerate(self.rows) if r.key.value == key)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        year = self._shown_year
        values: dict[str, str] = {}
        notes: dict[str, str] = {}
        for r, row in enumerate(self.rows):
            values[row.key.value] = self.table.item(r, self.VALUE).text().strip()
            notes[row.key.value] = self.table.item(r, self.NOTE).text().strip()
            self.table.item(r, self.VALUE).setBackground(QBrush(EDITABLE))
        try:
            changed = self.services.rule_values.save(year, values, notes)
        except FormRefused as refused:
            for result in refused.results:
                if result.field:
                    self.table.item(self._row_of(result.field), self.VALUE).setBackground(
                        QBrush(BAD)
                    )
            self.error.setText(
                self.tr("저장하지 않았습니다.")
                + "\n"
                + "\n".join(r.message for r in refused.results)
            )
            self.error.show()
            return False
        except Refusal as refusal:
            self.error.setText(refusal.message)
            self.error.show()
            return False
        self.reload()
        self.status.setText(
            self.tr("{year}년 규칙 값을 저장했습니다 (바뀐 값 {n}개).").format(year=year, n=changed)
        )
        self.sig_saved.emit(year)
        return True
