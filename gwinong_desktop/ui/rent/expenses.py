"""지출: what the collected rent was spent on, with receipts, and collected minus spent per house
and per operator."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import AttachmentKind, ExpenseCategory
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.expenses import JOINT, Balance, ExpenseForm, ExpenseLine
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import (
    date_text,
    enum_combo,
    enum_value,
    line,
    parse_date_text,
    parse_money_text,
    text_box,
)
from ..forms.files import AttachmentList, open_attachment
from ..forms.record_dialog import Loose, RecordDialog
from ..records import Column, RecordTableModel, natural_key
from ..records.view import RecordTableView
from .tables import CONTEXT, _day, _money

EXPENSE_COLUMNS: tuple[Column[ExpenseLine], ...] = (
    _day("spent_on", QT_TRANSLATE_NOOP(CONTEXT, "지출일"), lambda r: r.spent_on),
    Column("house_code", QT_TRANSLATE_NOOP(CONTEXT, "귀농인의 집"), lambda r: r.house_code,
           sort=lambda r: natural_key(r.house_code), width=120),
    Column("category", QT_TRANSLATE_NOOP(CONTEXT, "구분"), lambda r: r.category.label, width=70),
    _money("amount", QT_TRANSLATE_NOOP(CONTEXT, "금액"), lambda r: r.amount, 96),
    Column("description", QT_TRANSLATE_NOOP(CONTEXT, "내용"), lambda r: r.description,
           tooltip=lambda r: r.note or None, width=260),
    Column("receipts", QT_TRANSLATE_NOOP(CONTEXT, "영수증"),
           lambda r: f"{r.receipts}건" if r.receipts else "없음", sort=lambda r: r.receipts,
           width=60),
)  # fmt: skip
BALANCE_COLUMNS: tuple[Column[Balance], ...] = (
    Column("label", QT_TRANSLATE_NOOP(CONTEXT, "이름"), lambda r: r.label,
           sort=lambda r: natural_key(r.label), tooltip=lambda r: ", ".join(r.houses) or None,
           width=160),
    _money("collected", QT_TRANSLATE_NOOP(CONTEXT, "걷은 임대료"), lambda r: r.collected, 110),
    _money("spent", QT_TRANSLATE_NOOP(CONTEXT, "지출"), lambda r: r.spent, 100),
    _money("balance", QT_TRANSLATE_NOOP(CONTEXT, "잔액"), lambda r: r.balance, 110,
           colour=lambda r: "#b3261e" if r.balance < 0 else None),
)  # fmt: skip


class ExpenseDialog(RecordDialog):
    """새 지출: the house (or 공동), day, kind, amount, what for, and the scanned receipts."""

    def __init__(
        self, services: Services, house_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("새 지출 (임대료 사용)"), parent)
        self.setObjectName("expenseDialog")
        self.services = services
        f = self.fields
        layout = QFormLayout()
        self.house = QComboBox()
        self.house.addItem(self.tr(JOINT), None)
        for house in services.houses.list_houses():
            self.house.addItem(f"{house.code} ({house.eupmyeon})", house.id)
        self.house.setCurrentIndex(max(self.house.findData(house_id), 0))
        f.add(layout, "house_id", self.tr("귀농인의 집"), self.house)
        self.spent_on = f.add(
            layout, "spent_on", self.tr("지출일"),
            line(self.tr("2025.6.12."), width=160, text=date_text(services.ctx.today())),
            lambda: parse_date_text(self.spent_on.text()),
        )  # fmt: skip
        self.category = f.add(layout, "category", self.tr("구분"),
                              enum_combo(ExpenseCategory, blank=self.tr("고르세요")))  # fmt: skip
        self.amount = f.add(
            layout, "amount", self.tr("금액(원)"), line(self.tr("85,000"), width=180),
            lambda: parse_money_text(self.amount.text()),
        )  # fmt: skip
        self.description = f.add(layout, "description", self.tr("내용"),
                                 line(self.tr("보일러 순환펌프 교체")))  # fmt: skip
        self.note = f.add(layout, "note", self.tr("비고"), text_box("", 40))
        self.files = AttachmentList(services, "expenseReceipts", height=70)
        self.files.add_button(self.tr("영수증 추가…"), "addReceipt", AttachmentKind.RECEIPT)
        self.files.add_open_button()
        self.files.add_remove_button(self.tr("빼기"))
        self.files.attach_to(f, "files", self.tr("영수증"))
        layout.addRow(self.tr("영수증"), self.files)
        self.body.addLayout(layout)
        self.fit(520)

    @property
    def pending(self) -> list[PendingFile]:
        return self.files.pending()

    def collect(self) -> tuple[ExpenseForm, list[Loose]]:
        values, problems = {}, []
        for name in ("spent_on", "amount"):
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        form = ExpenseForm(
            house_id=self.house.currentData(),
            category=enum_value(self.category, ExpenseCategory),
            description=self.description.text().strip(),
            note=self.note.toPlainText().strip(),
            **values,
        )
        return form, problems

    def check(self, form: ExpenseForm) -> list[RuleResult]:
        return self.services.expenses.validate(form, self.pending)

    def write(self, form: ExpenseForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.expenses.save(form, files=self.pending)


class ExpensesDialog(QDialog):
    """지출 내역 and the balances (집별, 운영자별); 새 지출 and 영수증 열기."""

    def __init__(
        self, services: Services, house_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("expensesDialog")
        self.setWindowTitle(self.tr("지출 (걷은 임대료의 사용)"))
        self.services = services
        self.house_id = house_id
        self.changed = False
        self.lines: list[ExpenseLine] = []
        self.expenses = RecordTableModel(EXPENSE_COLUMNS, context=CONTEXT,
                                         filter_fields=("house_id",), parent=self)  # fmt: skip
        self.by_house = RecordTableModel(BALANCE_COLUMNS, context=CONTEXT, parent=self,
                                         record_id=lambda r: r.label)  # fmt: skip
        self.by_operator = RecordTableModel(BALANCE_COLUMNS, context=CONTEXT, parent=self,
                                            record_id=lambda r: r.label)  # fmt: skip
        self.table = RecordTableView(self.expenses, self)
        self.table.setObjectName("expenseTable")
        self.table.setSortingEnabled(True)
        tabs = QTabWidget(self)
        tabs.addTab(self.table, self.tr("지출 내역"))
        for model, title in ((self.by_house, "집별 잔액"), (self.by_operator, "운영자별 잔액")):
            view = RecordTableView(model, self)
            view.setSortingEnabled(True)
            tabs.addTab(view, self.tr(title))
        self.only_house = QComboBox(self)
        self.only_house.setObjectName("expenseHouse")
        self.only_house.addItem(self.tr("모든 집"), None)
        add = QPushButton(self.tr("새 지출…"), self)
        add.setObjectName("newExpense")
        add.clicked.connect(self.add)
        add.setEnabled(services.ctx.allows(Permission.EDIT))
        receipt = QPushButton(self.tr("영수증 열기"), self)
        receipt.setObjectName("openReceipt")
        receipt.clicked.connect(self.open_receipt)
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.only_house)
        top.addWidget(add)
        top.addWidget(receipt)
        top.addStretch(1)
        top.addWidget(self.summary)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        layout.addWidget(close)
        self.only_house.currentIndexChanged.connect(lambda _i: self._narrow())
        self.reload()
        self.resize(860, 520)

    def reload(self) -> None:
        expenses = self.services.expenses
        self.lines = expenses.list_expenses()
        self.expenses.set_rows(self.lines)
        self.by_house.set_rows(expenses.balances_by_house())
        self.by_operator.set_rows(expenses.balances_by_operator())
        keep = self.only_house.currentData() if self.only_house.count() > 1 else self.house_id
        self.only_house.blockSignals(True)
        while self.only_house.count() > 1:
            self.only_house.removeItem(1)
        seen = {r.house_id: r.house_code for r in self.lines if r.house_id}
        for hid, code in sorted(seen.items(), key=lambda kv: natural_key(kv[1])):
            self.only_house.addItem(code, hid)
        self.only_house.setCurrentIndex(max(self.only_house.findData(keep), 0))
        self.only_house.blockSignals(False)
        self._narrow()

    def _narrow(self) -> None:
        self.expenses.set_field_filter("house_id", self.only_house.currentData())
        total = sum(r.amount for r in self.expenses.visible_rows())
        self.summary.setText(self.tr("{n}건 · 합계 {total}원").format(
            n=self.expenses.visible_count, total=f"{total:,}"))  # fmt: skip

    def add(self) -> None:
        dialog = ExpenseDialog(self.services, self.only_house.currentData(), self)
        if dialog.exec():
            self.changed = True
            self.reload()

    def open_receipt(self) -> None:
        row = self.table.current_row()
        if row is None:
            return
        expense = self.expenses.row_at(row)
        receipts = self.services.expenses.receipts(expense.id)
        if not receipts:
            QMessageBox.information(self, self.tr("영수증"),
                                    self.tr("이 지출에는 첨부된 영수증이 없습니다."))  # fmt: skip
            return
        open_attachment(self, self.services, receipts[0][0])
