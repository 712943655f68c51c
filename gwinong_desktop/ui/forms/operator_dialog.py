"""Operators: one operator's dialog, and the list of all operators (one runs several houses)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import OperatorKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.operators import OperatorForm, OperatorRow
from gwinong_desktop.services.rule_gate import SavedRecord

from .fields import enum_combo, enum_value, line, select_data, text_box
from .record_dialog import Loose, RecordDialog, ask_reason


class OperatorDialog(RecordDialog):
    """A new operator, or the operator ``operator_id``."""

    def __init__(
        self, services: Services, operator_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("운영자 수정") if operator_id else self.tr("새 운영자"), parent)
        self.setObjectName("operatorDialog")
        self.services = services
        self.operator_id = operator_id
        form = self.editing(services.operators.load(operator_id) if operator_id else OperatorForm())
        f = self.fields
        layout = QFormLayout()
        self.name = f.add(layout, "name", self.tr("이름"), line("○○마을협의회", text=form.name))
        self.kind = f.add(
            layout, "kind", self.tr("구분"), enum_combo(OperatorKind, blank=self.tr("고르세요"))
        )
        select_data(self.kind, form.kind)
        self.representative = f.add(
            layout, "representative", self.tr("대표자"), line("홍길동", text=form.representative)
        )
        self.phone = f.add(
            layout, "phone", self.tr("연락처"), line("063-000-0000", text=form.phone)
        )
        self.address = f.add(layout, "address", self.tr("주소"), line(text=form.address))
        self.note = f.add(layout, "note", self.tr("비고"), text_box(form.note))
        self.body.addLayout(layout)
        self.fit(520)

    def collect(self) -> tuple[OperatorForm, list[Loose]]:
        return (
            OperatorForm(
                name=self.name.text().strip(),
                kind=enum_value(self.kind, OperatorKind),
                representative=self.representative.text().strip(),
                phone=self.phone.text().strip(),
                address=self.address.text().strip(),
                note=self.note.toPlainText().strip(),
                id=self.operator_id,
            ),
            [],
        )

    def check(self, form: OperatorForm) -> list[RuleResult]:
        return self.services.operators.validate(form)

    def write(self, form: OperatorForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.operators.save(form)


class OperatorsDialog(QDialog):
    """Every operator with the houses it runs: add, edit, archive."""

    HEADERS = ("이름", "구분", "대표자", "연락처", "운영하는 집")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsDialog")
        self.setWindowTitle(self.tr("운영자"))
        self.services = services
        self.changed = False
        self._rows: list[OperatorRow] = []
        intro = QLabel(
            self.tr("마을협의회 · 귀농귀촌협의회 · 시군 직영. 한 운영자가 여러 집을 운영할 수 "
                    "있습니다. 운영하는 집이 없는 운영자만 보관할 수 있습니다."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setObjectName("operatorTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.edit_selected)
        add = QPushButton(self.tr("새 운영자…"))
        add.setObjectName("addOperator")
        add.clicked.connect(self.add)
        edit = QPushButton(self.tr("수정…"))
        edit.setObjectName("editOperator")
        edit.clicked.connect(self.edit_selected)
        archive = QPushButton(self.tr("보관…"))
        archive.setObjectName("archiveOperator")
        archive.clicked.connect(self.archive_selected)
        buttons = QHBoxLayout()
        for button in (add, edit, archive):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.reload()
        self.resize(820, 420)

    def reload(self) -> None:
        self._rows = self.services.operators.list_operators()
        self.table.setRowCount(len(self._rows))
        for r, op in enumerate(self._rows):
            houses = ", ".join(op.house_codes) if op.house_codes else self.tr("없음")
            values = (op.name, op.kind.label, op.representative, op.phone,
                      f"{op.house_count}개소 ({houses})" if op.house_count else houses)  # fmt: skip
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, op.id)
                self.table.setItem(r, c, item)

    def selected(self) -> OperatorRow | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def add(self) -> None:
        if OperatorDialog(self.services, parent=self).exec():
            self.changed = True
            self.reload()

    def edit_selected(self) -> None:
        op = self.selected()
        if op is not None and OperatorDialog(self.services, op.id, parent=self).exec():
            self.changed = True
            self.reload()

    def archive_selected(self) -> None:
        op = self.selected()
        if op is None:
            return
        reason = ask_reason(self, self.tr("운영자 보관"), self.tr("보관하는 사유를 적으세요."))
        if reason is None:
            return
        try:
            self.services.operators.archive(op.id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("운영자 보관"), refusal.message)
            return
        self.changed = True
        self.reload()
