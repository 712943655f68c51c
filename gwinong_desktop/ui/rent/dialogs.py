"""The 임대료 page's forms: a payment, a deposit received and returned, a month of rent support.

Each is a :class:`RecordDialog`: what was typed is kept on a refusal, each message beside its
field; a rule or a slip (the same payment twice, more than is owed) is warned and saved only
with the officer's reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.deposits import DepositForm, ReturnForm
from gwinong_desktop.services.rent import PAYMENT_METHODS, PaymentForm
from gwinong_desktop.services.rent_support import SupportForm
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import (
    ParseError,
    date_text,
    line,
    money_text,
    parse_date_text,
    parse_money_text,
    text_box,
)
from ..forms.record_dialog import Loose, RecordDialog
from ..records import RecordTableModel
from ..records.view import RecordTableView
from .tables import SUPPORT_COLUMNS, WIDEST_DAY, day, detail_model, fit_columns, won

_MONTH = re.compile(r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.월]?\s*")


def parse_month_text(text: str) -> date | None:
    """ "2025.3", "2025-03", "2025년 3월" (or a whole date) → the first day of that month."""
    value = text.strip()
    if not value:
        return None
    found = _MONTH.fullmatch(value)
    if found is not None:
        year, month = int(found.group(1)), int(found.group(2))
        if 1 <= month <= 12:
            return date(year, month, 1)
        raise ParseError(f"없는 달입니다: '{value}'.")
    try:
        whole = parse_date_text(value)
    except ParseError:
        raise ParseError(f"달이 아닙니다: '{value}'. 2025.3 처럼 적으세요.") from None
    return whole.replace(day=1) if whole else None


def month_field_text(value: date | None) -> str:
    return f"{value.year}.{value.month}" if value else ""


def _parse_all(dialog: RecordDialog, names: tuple[str, ...]) -> tuple[dict, list[Loose]]:
    values, problems = {}, []
    for name in names:
        value, problem = dialog.fields.parse(name)
        values[name] = value
        if problem:
            problems.append((name, problem))
    return values, problems


class PaymentDialog(RecordDialog):
    """납부 입력: a new payment of a stay (the oldest month not yet paid, its amount, today),
    or the payment ``payment_id`` to correct."""

    def __init__(
        self,
        services: Services,
        stay_id: int,
        payment_id: int | None = None,
        parent: QWidget | None = None,
        *,
        stay_label: str = "",
    ) -> None:
        rent = services.rent
        form = rent.load_payment(payment_id) if payment_id else rent.new_payment(stay_id)
        super().__init__(self.tr("납부 수정") if payment_id else self.tr("납부 입력"), parent)
        self.setObjectName("paymentDialog")
        self.services = services
        self.original = self.editing(form)
        f = self.fields
        layout = QFormLayout()
        if stay_label:
            layout.addRow(self.tr("입주"), QLabel(stay_label))
        self.month = f.add(
            layout, "month", self.tr("대상월"),
            line(self.tr("2025.3"), width=160, text=month_field_text(form.month)),
            lambda: parse_month_text(self.month.text()),
            hint=self.tr("납부액은 밀린 달부터 차례로 반영됩니다."),
        )  # fmt: skip
        self.amount = f.add(
            layout, "amount", self.tr("금액(원)"),
            line(self.tr("150,000"), width=180, text=money_text(form.amount)),
            lambda: parse_money_text(self.amount.text()),
        )  # fmt: skip
        self.paid_on = f.add(
            layout, "paid_on", self.tr("납부일"),
            line(self.tr("2025.3.5."), width=160, text=date_text(form.paid_on)),
            lambda: parse_date_text(self.paid_on.text()),
        )  # fmt: skip
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(PAYMENT_METHODS))
        self.method.setCurrentText(form.method)
        f.add(layout, "method", self.tr("납부 방법"), self.method)
        self.note = f.add(layout, "note", self.tr("비고"), text_box(form.note, 48))
        self.note.setPlaceholderText(self.tr("예: 3개월 선납"))
        self.body.addLayout(layout)
        self.fit(460)

    def collect(self) -> tuple[PaymentForm, list[Loose]]:
        values, problems = _parse_all(self, ("month", "amount", "paid_on"))
        form = PaymentForm(
            stay_id=self.original.stay_id,
            method=self.method.currentText().strip(),
            note=self.note.toPlainText().strip(),
            id=self.original.id,
            **values,
        )
        return form, problems

    def check(self, form: PaymentForm) -> list[RuleResult]:
        return self.services.rent.validate_payment(form)

    def write(self, form: PaymentForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.rent.save_payment(form, accepted_warnings=reasons)


class DepositDialog(RecordDialog):
    """보증금 받음: the stay's contracted deposit, received on the move-in day."""

    def __init__(self, services: Services, stay_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("보증금 받음"), parent)
        self.setObjectName("depositDialog")
        self.services = services
        form = services.deposits.new_form(stay_id)
        self.stay_id = stay_id
        layout = QFormLayout()
        self.amount = self.fields.add(
            layout, "amount", self.tr("보증금(원)"),
            line(self.tr("1,000,000"), width=180, text=money_text(form.amount)),
            lambda: parse_money_text(self.amount.text()),
        )  # fmt: skip
        self.received_on = self.fields.add(
            layout, "received_on", self.tr("받은 날"),
            line(self.tr("2025.3.1."), width=160, text=date_text(form.received_on)),
            lambda: parse_date_text(self.received_on.text()),
        )  # fmt: skip
        self.body.addLayout(layout)
        self.fit(420)

    def collect(self) -> tuple[DepositForm, list[Loose]]:
        values, problems = _parse_all(self, ("amount", "received_on"))
        return DepositForm(self.stay_id, **values), problems

    def check(self, form: DepositForm) -> list[RuleResult]:
        return self.services.deposits.validate_received(form)

    def write(self, form: DepositForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.deposits.save_received(form, accepted_warnings=reasons)


class DepositReturnDialog(RecordDialog):
    """보증금 반환: the day, the amount returned (≤ held) and the reason for what is kept."""

    def __init__(
        self, services: Services, deposit_id: int, held: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("보증금 반환"), parent)
        self.setObjectName("depositReturnDialog")
        self.services = services
        form = self.editing(services.deposits.return_form(deposit_id))
        self.deposit_id = deposit_id
        layout = QFormLayout()
        layout.addRow(self.tr("보관 중인 보증금"), QLabel(f"{won(held)}원"))
        self.returned_on = self.fields.add(
            layout, "returned_on", self.tr("반환일"),
            line(self.tr("2025.3.10."), width=160, text=date_text(form.returned_on)),
            lambda: parse_date_text(self.returned_on.text()),
        )  # fmt: skip
        self.returned_amount = self.fields.add(
            layout, "returned_amount", self.tr("반환액(원)"),
            line(self.tr("800,000"), width=180, text=money_text(form.returned_amount)),
            lambda: parse_money_text(self.returned_amount.text()),
            hint=self.tr("공제하면 보관액보다 적게 적고, 아래에 공제 사유를 적습니다."),
        )  # fmt: skip
        self.reason = self.fields.add(
            layout, "deduction_reason", self.tr("공제 사유"), text_box(form.deduction_reason, 56)
        )
        self.reason.setPlaceholderText(self.tr("예: 미납 임대료 2개월 200,000원"))
        self.body.addLayout(layout)
        self.fit(480)

    def collect(self) -> tuple[ReturnForm, list[Loose]]:
        values, problems = _parse_all(self, ("returned_on", "returned_amount"))
        reason = self.reason.toPlainText().strip()
        return ReturnForm(self.deposit_id, deduction_reason=reason, **values), problems

    def check(self, form: ReturnForm) -> list[RuleResult]:
        return self.services.deposits.validate_return(form)

    def write(self, form: ReturnForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.deposits.return_deposit(form, accepted_warnings=reasons)


class SupportDialog(RecordDialog):
    """임대료 지원: one month of the county's support to a rental-type house's owner, with the
    months already supported under the designation chosen."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("임대료 지원 (임대운영·지정형)"), parent)
        self.setObjectName("supportDialog")
        self.services = services
        self.designations = services.rent_support.designations()
        layout = QFormLayout()
        self.designation = QComboBox()
        self.designation.setObjectName("designationPick")
        for d in self.designations:
            self.designation.addItem(
                self.tr("{label} · 월 {amount}원").format(
                    label=d.label(), amount=won(d.monthly_support)
                ),
                d.id,
            )
        self.fields.add(layout, "designation_id", self.tr("지정"), self.designation)
        self.month = self.fields.add(
            layout, "month", self.tr("지원 월"), line(self.tr("2025.3"), width=160),
            lambda: parse_month_text(self.month.text()),
        )  # fmt: skip
        self.amount = self.fields.add(
            layout, "amount", self.tr("지원액(원)"), line(self.tr("150,000"), width=180),
            lambda: parse_money_text(self.amount.text()),
        )  # fmt: skip
        self.paid_on = self.fields.add(
            layout, "paid_on", self.tr("지급일"), line(self.tr("2025.3.25."), width=160),
            lambda: parse_date_text(self.paid_on.text()),
        )  # fmt: skip
        self.note = self.fields.add(layout, "note", self.tr("비고"), text_box("", 40))
        self.months_model: RecordTableModel = detail_model(SUPPORT_COLUMNS, self)
        self.months = RecordTableView(self.months_model, self)
        fit_columns(self.months, {"paid_on": day(WIDEST_DAY)})
        self.months.setObjectName("supportMonths")
        self.months.setMinimumHeight(150)
        self.body.addLayout(layout)
        self.body.addWidget(QLabel(self.tr("이 지정에 이미 지원한 달")))
        self.body.addWidget(self.months, 1)
        if not self.designations:
            self.body.addWidget(QLabel(self.tr(
                "임대운영(지정형) 지정이 없습니다. 귀농인의 집의 조성사업 탭에서 지정을 먼저 "
                "적으세요.")))  # fmt: skip
            self.save_button.setEnabled(False)
        today = services.ctx.today()
        in_force = [i for i, d in enumerate(self.designations) if d.end_on >= today]
        self.designation.setCurrentIndex(in_force[0] if in_force else 0)
        self.designation.currentIndexChanged.connect(lambda _i: self._designation_changed())
        self._designation_changed()
        self.resize(560, 560)

    def _designation_changed(self) -> None:
        designation_id = self.designation.currentData()
        if designation_id is None:
            return
        support = self.services.rent_support
        self.months_model.set_rows(support.months(designation_id))
        form = support.new_form(designation_id)
        self.month.setText(month_field_text(form.month))
        self.amount.setText(money_text(form.amount))
        self.paid_on.setText(date_text(form.paid_on))

    def collect(self) -> tuple[SupportForm, list[Loose]]:
        values, problems = _parse_all(self, ("month", "amount", "paid_on"))
        form = SupportForm(self.designation.currentData(),
                           note=self.note.toPlainText().strip(), **values)  # fmt: skip
        return form, problems

    def check(self, form: SupportForm) -> list[RuleResult]:
        return self.services.rent_support.validate(form)

    def write(self, form: SupportForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.rent_support.save(form, accepted_warnings=reasons)
