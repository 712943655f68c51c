"""Works and funding of one house: budget by source, obligations, own funds, schedule."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import SavedRecord
from gwinong_desktop.services.works import DevelopmentForm

from .fields import (
    ParseError,
    date_text,
    error_line,
    line,
    money_text,
    parse_date_text,
    parse_int_text,
    parse_money_text,
    text_box,
)
from .line_tables import ObligationTable, PaymentTable
from .record_dialog import Loose, RecordDialog

BUDGET_FIELDS = (
    ("budget_national", "국비"),
    ("budget_province", "도비"),
    ("budget_county", "군비"),
    ("budget_own", "자부담"),
)
DATE_FIELDS = (
    ("started_on", "착공일"),
    ("planned_completion_on", "준공예정일"),
    ("completed_on", "준공일"),
    ("completion_reported_on", "사업완료 보고일"),
)


class DevelopmentDialog(RecordDialog):
    """``DevelopmentDialog(services, house_id, development_id=None)``."""

    def __init__(
        self,
        services: Services,
        house_id: int,
        development_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("조성사업 수정") if development_id else self.tr("새 조성사업")
        super().__init__(title, parent)
        self.setObjectName("developmentDialog")
        self.services = services
        works = services.works
        form = works.load(development_id) if development_id else works.new_form(house_id)
        self.original = self.editing(form)
        f = self.fields
        self.edits = {}

        about = QFormLayout()
        self.year = f.add(about, "year", self.tr("사업연도"),
                          line("2026", width=90, text=str(form.year or "")),
                          lambda: parse_int_text(self.year.text(), unit="년"))  # fmt: skip
        self.title = f.add(about, "title", self.tr("사업명"), line("빈집 수리", text=form.title))
        self.contractor = f.add(
            about, "contractor", self.tr("시공업체"), line(text=form.contractor)
        )
        self.progress = f.add(about, "progress_pct", self.tr("공정(%)"),
                              line("40", width=90, text=str(form.progress_pct or 0)),
                              lambda: parse_int_text(self.progress.text(), unit="%"))  # fmt: skip
        self.delay_reason = f.add(about, "delay_reason", self.tr("부진원인"),
                                  text_box(form.delay_reason, 50))  # fmt: skip

        budget = QFormLayout()
        for name, label in BUDGET_FIELDS:
            edit = line("0", width=170, text=money_text(getattr(form, name)))
            self.edits[name] = edit
            f.add(budget, name, self.tr(label) + self.tr("(원)"), edit,
                  lambda e=edit: parse_money_text(e.text()))  # fmt: skip
            edit.textChanged.connect(self._update_totals)
        self.totals = QLabel()
        self.totals.setObjectName("budgetTotals")
        self.totals.setWordWrap(True)
        budget.addRow("", self.totals)

        schedule = QFormLayout()
        for name, label in DATE_FIELDS:
            edit = line("2026.5.1.", width=150, text=date_text(getattr(form, name)))
            self.edits[name] = edit
            f.add(schedule, name, self.tr(label), edit, lambda e=edit: parse_date_text(e.text()))

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addWidget(_group(self.tr("사업"), about), 0, 0, 2, 1)
        grid.addWidget(_group(self.tr("사업비 (원)"), budget), 0, 1)
        grid.addWidget(_group(self.tr("일정"), schedule), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)

        self.obligations = ObligationTable("obligations")
        self.obligations.set_lines(form.obligations)
        self.payments = PaymentTable("own_payments")
        self.payments.set_lines(form.own_payments)
        tabs = QTabWidget()
        tabs.setObjectName("linesTabs")
        tabs.addTab(self._with_errors("obligations", self.obligations,
                                      self.tr("국비·도비·군비 집행은 원인행위(계약)일과 금액으로 "
                                              "적습니다.")),
                    self.tr("원인행위"))  # fmt: skip
        tabs.addTab(self._with_errors("own_payments", self.payments,
                                      self.tr("자부담은 실제로 낸 날과 금액으로 적습니다.")),
                    self.tr("자부담 집행"))  # fmt: skip
        self.body.addWidget(tabs, 1)
        self._update_totals()
        self.resize(940, 700)

    def _with_errors(self, name: str, table: QWidget, hint: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(hint, page)
        note.setObjectName("formHint")
        layout.addWidget(note)
        layout.addWidget(table, 1)
        error = error_line(page)
        layout.addWidget(error)
        self.fields.attach(name, name, table, error)
        return page

    def _update_totals(self) -> None:
        values = {}
        for name, _ in BUDGET_FIELDS:
            try:
                values[name] = parse_money_text(self.edits[name].text()) or 0
            except ParseError:
                self.totals.setText(self.tr("금액을 읽을 수 없는 칸이 있습니다."))
                return
        support = values["budget_national"] + values["budget_province"] + values["budget_county"]
        share = f"{values['budget_national'] * 100 / support:.1f}%" if support else "—"
        self.totals.setText(
            self.tr("지원액(국비+도비+군비) {support} · 국비 {share}\n총사업비 {total}").format(
                support=format_won(support), share=share,
                total=format_won(support + values["budget_own"]),
            )
        )  # fmt: skip

    def collect(self) -> tuple[DevelopmentForm, list[Loose]]:
        problems: list[Loose] = []
        values = {}
        names = ["year", "progress_pct"] + [n for n, _ in BUDGET_FIELDS + DATE_FIELDS]
        for name in names:
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        lines: list[tuple[str, str]] = []
        obligations = self.obligations.lines(lines)
        payments = self.payments.lines(lines)
        problems += lines
        form = DevelopmentForm(
            house_id=self.original.house_id,
            title=self.title.text().strip(),
            contractor=self.contractor.text().strip(),
            delay_reason=self.delay_reason.toPlainText().strip(),
            obligations=obligations,
            own_payments=payments,
            id=self.original.id,
            **values,
        )
        return form, problems

    def check(self, form: DevelopmentForm) -> list[RuleResult]:
        return self.services.works.validate(form)

    def write(self, form: DevelopmentForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.works.save(form, accepted_warnings=reasons)

    def show_errors(self, results: list) -> None:
        super().show_errors(results)
        for item in results:
            field = item.field if isinstance(item, RuleResult) else item[0]
            parts = (field or "").split(".")
            if len(parts) == 3 and parts[1].isdigit():
                table = self.obligations if parts[0] == "obligations" else self.payments
                column = {"obligated_on": 0, "source": 1, "amount": 2 if parts[0] ==
                          "obligations" else 1, "paid_on": 0}.get(parts[2])  # fmt: skip
                if column is not None:
                    table.mark(int(parts[1]), column)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    box.setLayout(form)
    return box
