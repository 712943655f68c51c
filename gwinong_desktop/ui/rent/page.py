"""The 임대료 page: every stay with what is charged, paid and owed, and the selected stay's months,
payments and deposit.

The list filters inside its model (미납만, 현재 입주만, 읍면, 집, search words); the county-wide
totals (부과 · 납부 · 미납) are one SQL sum. Enter on a stay opens its detail (the keyboard goes to
its months), F2 enters a payment for it; in the payments list Enter or F2 corrects the payment.
The toolbar: 납부 입력, 부과 생성 (the selected stay, or every stay), 면제 (the selected month),
보증금 (receive, or return the one held), 지출, 임대료 지원. 영수증 and 정산서 print through
``ui.printing.documents`` when that module is there.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rent import format_month
from gwinong_desktop.services.deposits import DepositLine
from gwinong_desktop.services.rent import RentTotals, StayRentRow

from ..forms.record_dialog import ask_reason
from ..pages.base import Page, PageHost
from ..records.view import RecordTableView
from ..reports.making import ReportButton
from .tables import (
    CHARGE_COLUMNS,
    DEPOSIT_COLUMNS,
    PAYMENT_COLUMNS,
    WIDEST_DAY,
    day,
    detail_model,
    fit_columns,
    moved_out_text,
    stay_model,
    won,
)

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

DETAIL_DELAY_MS = 60
PRINTING = "gwinong_desktop.ui.printing.documents"
PAGE_STYLE = """
QLabel#rentTotals { background: #f3f6f2; border: 1px solid #d8e0d5; border-radius: 4px;
                    padding: 6px 10px; }
QLabel#stayHeading { font-weight: bold; }
QPushButton#enterPayment {
    background: #3f7a34; color: #ffffff; font-weight: bold;
    border: 1px solid #356a2b; border-radius: 4px; padding: 5px 14px;
}
QPushButton#enterPayment:disabled { background: #b7cbb2; border-color: #b7cbb2; }
"""


class RentPage(Page):
    """임대료: stays with their sums, one stay's detail, and the rent's use cases."""

    shows = frozenset({Kind.RENT, Kind.RESIDENTS, Kind.HOUSES, Kind.RULES})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("rentPage")
        self.setStyleSheet(PAGE_STYLE)
        self.model = stay_model(self)
        self.can_edit = False
        self._selected: int | None = None
        self.rows: list[StayRentRow] = []
        """Every stay as loaded (the list shows them filtered and sorted)."""
        self.deposit_rows: list[DepositLine] = []
        """The selected stay's deposits."""
        heading = QLabel(self.tr("임대료"), self)
        heading.setObjectName("pageHeading")
        self.pay_button = self._button(self.tr("납부 입력…"), "enterPayment", self.enter_payment)
        self.charge_button = self._button(self.tr("부과 생성"), "makeCharges",
                                          self.generate_charges)  # fmt: skip
        self.charge_button.setToolTip(self.tr(
            "고른 입주의 빠진 달을 입주 조건대로 부과합니다 (이미 있는 달은 그대로).\n"
            "아무 입주도 고르지 않았으면 모든 입주에 대해 합니다."))  # fmt: skip
        self.waive_button = self._button(self.tr("면제…"), "waiveMonth", self.waive_month)
        self.deposit_button = self._button(self.tr("보증금…"), "depositButton", self.deposit)
        self.expense_button = self._button(self.tr("지출…"), "expenseButton", self.open_expenses)
        self.support_button = self._button(self.tr("임대료 지원…"), "supportButton",
                                           self.open_support)  # fmt: skip
        self.search = QLineEdit(self)
        self.search.setObjectName("rentSearch")
        self.search.setPlaceholderText(self.tr("관리번호·읍면·입주자 검색"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.eupmyeon = self._combo("rentEupmyeon", self.tr("읍면 전체"), "eupmyeon")
        self.house = self._combo("rentHouse", self.tr("집 전체"), "house_code")
        self.arrears_only = QCheckBox(self.tr("미납만"), self)
        self.arrears_only.setObjectName("arrearsOnly")
        self.arrears_only.toggled.connect(
            lambda on: self.model.set_field_filter("in_arrears", True if on else None)
        )
        self.current_only = QCheckBox(self.tr("현재 입주만"), self)
        self.current_only.setObjectName("currentOnly")
        self.current_only.toggled.connect(
            lambda on: self.model.set_field_filter("current", True if on else None)
        )
        self.count_label = QLabel(self)
        self.totals = QLabel(self)
        self.totals.setObjectName("rentTotals")

        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("rentTable")
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # current stays first, by 관리번호, until a click
        self.table.sig_open.connect(self._open_row)
        self.table.sig_edit.connect(self._pay_row)

        self.stay_heading = QLabel(self.tr("입주를 고르면 달별 부과와 납부가 보입니다."), self)
        self.stay_heading.setObjectName("stayHeading")
        self.charges = detail_model(CHARGE_COLUMNS, self)
        self.payments = detail_model(PAYMENT_COLUMNS, self)
        self.deposits = detail_model(DEPOSIT_COLUMNS, self)
        self.charge_view = RecordTableView(self.charges, self)
        self.charge_view.setObjectName("chargeTable")
        self.payment_view = RecordTableView(self.payments, self)
        self.payment_view.setObjectName("paymentTable")
        self.payment_view.sig_open.connect(self._edit_payment)
        self.payment_view.sig_edit.connect(self._edit_payment)
        self.deposit_view = RecordTableView(self.deposits, self)
        self.deposit_view.setObjectName("depositTable")
        wide_day = day(WIDEST_DAY)
        widest = {"house_code": "진안-2028-000", "move_in_on": wide_day, "end_on": wide_day}
        fit_columns(self.table, {**widest, "state": moved_out_text(WIDEST_DAY)})
        fit_columns(self.charge_view, {"due_on": wide_day})
        fit_columns(self.payment_view, {"paid_on": wide_day})
        fit_columns(self.deposit_view, {"received_on": wide_day, "returned_on": wide_day})
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rentTabs")
        self.receipt_button = self._button(self.tr("영수증…"), "receiptButton", self.print_receipt)
        self.letter_button = self._button(self.tr("정산서…"), "letterButton", self.print_letter)
        self.tabs.addTab(self.charge_view, self.tr("월별 부과"))
        self.tabs.addTab(_with_buttons(self.payment_view, self.receipt_button),
                         self.tr("납부"))  # fmt: skip
        self.tabs.addTab(_with_buttons(self.deposit_view, self.letter_button),
                         self.tr("보증금"))  # fmt: skip
        detail = QWidget(self)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.stay_heading)
        column.addWidget(self.tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("rentSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 300])

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(heading)
        top.addSpacing(12)
        for button in (self.pay_button, self.charge_button, self.waive_button,
                       self.deposit_button):  # fmt: skip
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addSpacing(10)
        for button in (self.expense_button, self.support_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addSpacing(10)
        self.ledger_button = ReportButton(self, ReportKind.RENT_LEDGER, "rentLedgerButton")
        top.addWidget(self.ledger_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search)
        filters.addWidget(self.eupmyeon)
        filters.addWidget(self.house)
        filters.addWidget(self.arrears_only)
        filters.addWidget(self.current_only)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.totals)
        layout.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DETAIL_DELAY_MS)
        self._timer.timeout.connect(self._show_detail)
        self.search.textChanged.connect(self.model.set_filter_text)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._timer.start())
        self.model.modelReset.connect(self._update_count)
        self.setFocusProxy(self.search)
        self._update_buttons()

    # --- the page contract ------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        super().attach(services)
        self.can_edit = services.ctx.allows(Permission.EDIT)
        self.model.set_personal_visible(services.ctx.allows(Permission.SEE_PERSONAL))
        self.ledger_button.attach(services)
        self.refresh(Changes.of(Kind.RENT))

    def refresh(self, changes: Changes) -> None:
        """Load the stays and the county totals again; keep the selected stay."""
        assert self.services is not None
        keep = self._selected
        self.rows = self.services.rent.stay_rows()
        self.model.set_rows(self.rows)
        self._fill_combos()
        totals = RentTotals.of(self.rows)
        self.totals.setText(self.tr(
            "군 전체 · 부과(납기 도래) {charged}원 · 납부 {paid}원 · 미납 {arrears}원 "
            "(미납 {n}세대 / 입주 {stays}건)").format(
                charged=won(totals.charged), paid=won(totals.paid),
                arrears=won(totals.arrears), n=f"{totals.stays_in_arrears:,}",
                stays=f"{totals.stays:,}"))  # fmt: skip
        if keep is not None:
            self.select_stay(keep)
        self._update_buttons()

    def show_records(self, **criteria: Any) -> None:
        """``stay_id=…`` selects that stay; ``in_arrears=True`` ticks 미납만."""
        if criteria.get("in_arrears"):
            self.arrears_only.setChecked(True)
        if criteria.get("stay_id") is not None:
            self.select_stay(criteria["stay_id"])

    def status_text(self) -> str:
        return self.tr("입주 {total}건 중 {visible}건 표시").format(
            total=f"{self.model.total_count:,}", visible=f"{self.model.visible_count:,}"
        )

    # --- selection and detail ---------------------------------------------------------------

    def selected_stay(self) -> StayRentRow | None:
        row = self.table.current_row()
        return self.model.row_at(row) if row is not None else None

    def select_stay(self, stay_id: int) -> bool:
        row = self.model.row_of(stay_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_detail()
        return True

    def _open_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_detail()
        self.tabs.setCurrentIndex(0)
        self.charge_view.setFocus()

    def _pay_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_detail()
        self.enter_payment()

    def _show_detail(self) -> None:
        self._timer.stop()
        stay = self.selected_stay()
        if stay is None or self.services is None:
            self._selected = None
            self.deposit_rows = []
            for model in (self.charges, self.payments, self.deposits):
                model.set_rows([])
            self._update_buttons()
            return
        self._selected = stay.id
        detail = self.services.rent.detail(stay.id)
        self.charges.set_rows(detail.charges)
        owed = next((i for i, c in enumerate(detail.charges) if c.outstanding), None)
        if owed is not None:  # the oldest month still owed: current and in view
            index = self.charges.index(owed, 0)
            self.charge_view.setCurrentIndex(index)  # also what 면제 would waive
            self.charge_view.doItemsLayout()
            self.charge_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        self.payments.set_rows(detail.payments)
        self.deposit_rows = self.services.deposits.for_stay(stay.id)
        self.deposits.set_rows(self.deposit_rows)
        credit = (
            self.tr(" · 선수금 {credit}원").format(credit=won(detail.credit))
            if detail.credit
            else ""
        )
        self.stay_heading.setText(self.tr(
            "{code} {name} · {period} · 월 {rent}원 (세대원 {size}명, 선납 {prepaid}개월) · "
            "부과 {charged}원 · 납부 {paid}원 · 미납 {arrears}원{credit}").format(
                code=detail.house_code, name=self.model.text(stay, 2), period=detail.period,
                rent=won(detail.monthly_rent), size=detail.household_size,
                prepaid=detail.prepaid_months, charged=won(detail.charged),
                paid=won(detail.paid), arrears=won(detail.arrears), credit=credit))  # fmt: skip
        self._update_buttons()
        self.sig_status.emit(self.status_text())

    def _update_count(self) -> None:
        self.count_label.setText(self.status_text())
        self.sig_status.emit(self.status_text())

    def _update_buttons(self) -> None:
        attached = self.services is not None
        has_stay = attached and self._selected is not None
        for button in (self.pay_button, self.waive_button, self.deposit_button):
            button.setEnabled(has_stay and self.can_edit)
        self.charge_button.setEnabled(attached and self.can_edit)
        self.support_button.setEnabled(attached and self.can_edit)
        self.expense_button.setEnabled(attached)
        self.receipt_button.setEnabled(has_stay and self.payments.visible_count > 0)
        self.letter_button.setEnabled(has_stay and any(d.returned_on for d in self.deposit_rows))

    def _fill_combos(self) -> None:
        for combo, field in ((self.eupmyeon, "eupmyeon"), (self.house, "house_code")):
            keep = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in self.model.values_of(field):
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(combo.findData(keep), 0))
            combo.blockSignals(False)

    # --- actions ----------------------------------------------------------------------------

    def enter_payment(self) -> None:
        stay = self.selected_stay()
        if stay is None or self.services is None:
            return
        from .dialogs import PaymentDialog

        label = f"{stay.house_code} {self.model.text(stay, 2)} ({format_month(stay.move_in_on)}~)"
        if PaymentDialog(self.services, stay.id, parent=self, stay_label=label).exec():
            self.announce(Changes.of(Kind.RENT))

    def _edit_payment(self, row: int) -> None:
        stay = self.selected_stay()
        if stay is None or self.services is None or not self.can_edit:
            return
        from .dialogs import PaymentDialog

        payment = self.payments.row_at(row)
        if PaymentDialog(self.services, stay.id, payment.id, parent=self).exec():
            self.announce(Changes.of(Kind.RENT))

    def generate_charges(self) -> None:
        if self.services is None:
            return
        stay = self.selected_stay()
        try:
            if stay is not None:
                done = self.services.rent.generate_charges(stay.id)
            else:
                done = self.services.rent.generate_all()
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("부과 생성"), refusal.message)
            return
        QMessageBox.information(self, self.tr("부과 생성"), done.summary())
        if done.added or done.dropped:
            self.announce(Changes.of(Kind.RENT))

    def waive_month(self) -> None:
        if self.services is None or self._selected is None:
            return
        row = self.charge_view.current_row()
        if row is None:
            QMessageBox.information(
                self, self.tr("면제"), self.tr("월별 부과 목록에서 면제할 달을 고르세요.")
            )
            self.tabs.setCurrentIndex(0)
            return
        charge = self.charges.row_at(row)
        reason = ask_reason(
            self,
            self.tr("면제"),
            self.tr(
                "{month} 임대료를 면제하는 사유를 적으세요 (예: 보일러 고장으로 거주 불가)."
            ).format(month=format_month(charge.month)),
        )
        if reason is None:
            return
        try:
            self.services.rent.waive(charge.id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("면제"), refusal.message)
            return
        self.announce(Changes.of(Kind.RENT))

    def deposit(self) -> None:
        """Receive the stay's deposit, or return the one it holds."""
        if self.services is None or self._selected is None:
            return
        from .dialogs import DepositDialog, DepositReturnDialog

        held = [d for d in self.deposit_rows if d.returned_on is None]
        if held:
            dialog = DepositReturnDialog(self.services, held[0].id, held[0].amount, self)
        else:
            dialog = DepositDialog(self.services, self._selected, self)
        if dialog.exec():
            self.announce(Changes.of(Kind.RENT))

    def open_expenses(self) -> None:
        if self.services is None:
            return
        from .expenses import ExpensesDialog

        stay = self.selected_stay()
        dialog = ExpensesDialog(self.services, stay.house_id if stay else None, self)
        dialog.exec()
        if dialog.changed:
            self.announce(Changes.of(Kind.RENT))

    def open_support(self) -> None:
        if self.services is None:
            return
        from .dialogs import SupportDialog

        if SupportDialog(self.services, self).exec():
            self.announce(Changes.of(Kind.RENT))

    def print_receipt(self) -> None:
        row = self.payment_view.current_row()
        if row is None:
            row = 0 if self.payments.visible_count else None
        if row is None or self.services is None:
            return
        show = self._printing("show_receipt")
        if show is not None:
            show(self, self.services, self.payments.row_at(row).id)

    def print_letter(self) -> None:
        returned = [d for d in self.deposit_rows if d.returned_on is not None]
        if not returned or self.services is None:
            return
        row = self.deposit_view.current_row()
        chosen = self.deposits.row_at(row) if row is not None else returned[-1]
        if chosen.returned_on is None:
            QMessageBox.information(
                self, self.tr("정산서"), self.tr("정산서는 반환한 보증금에만 만들 수 있습니다.")
            )
            return
        show = self._printing("show_deposit_letter")
        if show is not None:
            show(self, self.services, chosen.id)

    def _printing(self, name: str) -> Any:
        """The printing function ``name``, or None after telling the officer it is missing."""
        try:
            return getattr(importlib.import_module(PRINTING), name)
        except (ImportError, AttributeError):
            QMessageBox.warning(self, self.tr("인쇄"), self.tr(
                "영수증·정산서 인쇄 기능이 이 설치본에 없습니다. 프로그램을 새 버전으로 "
                "바꾼 뒤 다시 해 주세요."))  # fmt: skip
            return None

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    def _combo(self, name: str, everything: str, field: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(everything, None)
        combo.currentIndexChanged.connect(
            lambda _i: self.model.set_field_filter(field, combo.currentData())
        )
        return combo


def _with_buttons(view: QWidget, *buttons: QPushButton) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view, 1)
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    return box
