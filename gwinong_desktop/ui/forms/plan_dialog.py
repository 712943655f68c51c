"""One year's plan (연간계획): 사업량 and the money by source, typed in 천원 as on 별지 제5호."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.plans import AnnualPlanForm
from gwinong_desktop.services.rule_gate import SavedRecord

from .fields import ParseError, line, parse_int_text, text_box
from .record_dialog import Loose, RecordDialog

MONEY_FIELDS = (("national", "국고보조"), ("loan", "융자"), ("local", "지방비"), ("own", "자담"))


def parse_thousand_text(text: str) -> int | None:
    """천원 typed ("15,000") → 원 (15,000,000); decimals of a 천원 are refused."""
    value = text.strip().removesuffix("천원").strip()
    if not value:
        return None
    number = parse_int_text(value)
    return None if number is None else number * 1000


def thousand_text(amount_won: int | None) -> str:
    return "" if amount_won is None else f"{to_thousand_won(amount_won):,}"


class AnnualPlanDialog(RecordDialog):
    """The plan of ``year`` (a new one if the year has none)."""

    def __init__(self, services: Services, year: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("{year}년 연간계획").format(year=year), parent)
        self.setObjectName("annualPlanDialog")
        self.services = services
        form = services.plans.load(year)
        self.original = self.editing(form)
        f = self.fields
        about = QFormLayout()
        self.year = f.add(about, "year", self.tr("연도"), line(width=90, text=str(year)),
                          lambda: parse_int_text(self.year.text(), unit="년"))  # fmt: skip
        self.year.setReadOnly(form.id is not None)
        self.project_name = f.add(
            about, "project_name", self.tr("세부사업명"), line(text=form.project_name)
        )
        self.account_name = f.add(
            about, "account_name", self.tr("회계명"), line("일반회계", text=form.account_name)
        )
        self.workload = f.add(
            about,
            "workload",
            self.tr("사업량(개소)"),
            line("0", width=90, text=str(form.workload or 0)),
            lambda: parse_int_text(self.workload.text(), unit="개소"),
        )
        self.progress = f.add(
            about, "planned_progress_pct", self.tr("년간진도 계획(%)"),
            line("100", width=90, text="" if form.planned_progress_pct is None
                 else str(form.planned_progress_pct)),
            lambda: parse_int_text(self.progress.text(), unit="%"),
        )  # fmt: skip
        self.note = f.add(about, "note", self.tr("비고"), text_box(form.note, 50))
        money = QFormLayout()
        self.money = {}
        for name, label in MONEY_FIELDS:
            edit = line("0", width=160, text=thousand_text(getattr(form, name)))
            self.money[name] = edit
            f.add(money, name, self.tr(label) + self.tr("(천원)"), edit,
                  lambda e=edit: parse_thousand_text(e.text()))  # fmt: skip
            edit.textChanged.connect(self._update_total)
        self.total = QLabel()
        self.total.setObjectName("planTotal")
        money.addRow(self.tr("계(천원)"), self.total)
        self._update_total()
        row = QHBoxLayout()
        for title, layout in ((self.tr("사업"), about), (self.tr("사업비 (천원)"), money)):
            box = QGroupBox(title)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            box.setLayout(layout)
            row.addWidget(box, 1)
        self.body.addLayout(row)
        self.fit(760)

    def _update_total(self) -> None:
        try:
            amounts = {n: parse_thousand_text(e.text()) or 0 for n, e in self.money.items()}
        except ParseError:
            self.total.setText(self.tr("금액을 읽을 수 없는 칸이 있습니다."))
            return
        total = sum(amounts.values())
        support = amounts["national"] + amounts["local"]
        share = f" · 국고보조 {amounts['national'] * 100 / support:.1f}%" if support else ""
        self.total.setText(f"<b>{to_thousand_won(total):,}</b>{share}")

    def collect(self) -> tuple[AnnualPlanForm, list[Loose]]:
        problems: list[Loose] = []
        values = {}
        for name in ("year", "workload", "planned_progress_pct", "national", "loan", "local",
                     "own"):  # fmt: skip
            try:
                value, problem = self.fields.parse(name)
            except ParseError as exc:  # pragma: no cover - parse() catches it
                value, problem = None, exc.message
            values[name] = value
            if problem:
                problems.append((name, problem))
        form = AnnualPlanForm(
            project_name=self.project_name.text().strip(),
            account_name=self.account_name.text().strip(),
            note=self.note.toPlainText().strip(),
            id=self.original.id,
            **values,
        )
        return form, problems

    def check(self, form: AnnualPlanForm) -> list[RuleResult]:
        return self.services.plans.validate(form)

    def write(self, form: AnnualPlanForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.plans.save(form, accepted_warnings=reasons)
