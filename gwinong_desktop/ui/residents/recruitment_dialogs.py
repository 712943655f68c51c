"""The recruitment forms: a round, an applicant (with the documents received), a decision."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import ApplicantDecision
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.recruitment_forms import (
    DOCUMENT_KINDS,
    ApplicantForm,
    DecisionForm,
    RoundForm,
)
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import (
    date_text,
    enum_combo,
    enum_value,
    line,
    money_text,
    parse_date_text,
    parse_int_text,
    parse_money_text,
    select_data,
    text_box,
)
from ..forms.files import AttachmentList
from ..forms.record_dialog import Loose, RecordDialog

DECISIONS = (
    ApplicantDecision.SELECTED,
    ApplicantDecision.WAITING,
    ApplicantDecision.REJECTED,
    ApplicantDecision.WITHDRAWN,
    ApplicantDecision.PENDING,
)


def _form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class RoundDialog(RecordDialog):
    """``RoundDialog(services, house_id=…)`` for a new round of a house, or ``round_id=…``."""

    def __init__(
        self,
        services: Services,
        *,
        house_id: int | None = None,
        round_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        recruitment = services.recruitment
        if round_id is not None:
            form = recruitment.load_round(round_id)
            title = self.tr("모집 공고 수정")
        else:
            houses = services.houses.list_houses()
            first = house_id if house_id is not None else (houses[0].id if houses else None)
            form = recruitment.new_round(first) if first is not None else RoundForm()
            title = self.tr("새 입주자 모집")
        super().__init__(title, parent)
        self.setObjectName("roundDialog")
        self.services = services
        self.original = self.editing(form)
        f = self.fields
        layout = _form_layout()
        self.house = QComboBox()
        for house in services.houses.list_houses():
            self.house.addItem(f"{house.code} · {house.eupmyeon} {house.ri}".strip(), house.id)
        select_data(self.house, form.house_id)
        self.house.setEnabled(form.id is None)
        f.add(layout, "house_id", self.tr("귀농인의 집"), self.house)
        self.title = f.add(layout, "title", self.tr("모집 공고명"), line(text=form.title))
        self.notice_from = f.add(
            layout,
            "notice_from",
            self.tr("공고 시작일"),
            line("2026.3.1.", width=160, text=date_text(form.notice_from)),
            lambda: parse_date_text(self.notice_from.text()),
        )
        self.notice_to = f.add(
            layout,
            "notice_to",
            self.tr("공고 마감일"),
            line("2026.3.15.", width=160, text=date_text(form.notice_to)),
            lambda: parse_date_text(self.notice_to.text()),
            hint=self.tr("점수는 공고 시작일이 속한 해의 선정 기준(규칙 값)으로 계산합니다."),
        )
        self.monthly_rent = f.add(
            layout,
            "monthly_rent",
            self.tr("월임대료(원)"),
            line(width=180, text=money_text(form.monthly_rent)),
            lambda: parse_money_text(self.monthly_rent.text()),
        )
        self.deposit = f.add(
            layout,
            "deposit",
            self.tr("보증금(원)"),
            line(width=180, text=money_text(form.deposit)),
            lambda: parse_money_text(self.deposit.text()),
            hint=self.tr("새 모집은 집에 정한 표준 임대료·보증금으로 채워집니다."),
        )
        self.conditions = f.add(
            layout, "conditions", self.tr("자격·조건"), text_box(form.conditions, 56)
        )
        self.note = f.add(layout, "note", self.tr("비고"), text_box(form.note, 44))
        self.body.addLayout(layout)
        self.house.currentIndexChanged.connect(self._house_changed)
        self.fit(620)

    def _house_changed(self, _index: int) -> None:
        """A new round of another house takes that house's standard rent and deposit."""
        house_id = self.house.currentData()
        if self.original.id is not None or house_id is None:
            return
        fresh = self.services.recruitment.new_round(int(house_id))
        self.monthly_rent.setText(money_text(fresh.monthly_rent))
        self.deposit.setText(money_text(fresh.deposit))
        if not self.title.text().strip() or self.title.text() == self.original.title:
            self.title.setText(fresh.title)
        self.original = RoundForm(house_id=fresh.house_id, title=fresh.title)

    def collect(self) -> tuple[RoundForm, list[Loose]]:
        problems: list[Loose] = []
        values = {}
        for name in ("notice_from", "notice_to", "monthly_rent", "deposit"):
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        data = self.house.currentData()
        form = RoundForm(
            house_id=None if data is None else int(data),
            title=self.title.text().strip(),
            conditions=self.conditions.toPlainText().strip(),
            note=self.note.toPlainText().strip(),
            id=self.original.id,
            **values,
        )
        return form, problems

    def check(self, form: RoundForm) -> list[RuleResult]:
        return self.services.recruitment.validate_round(form)

    def write(self, form: RoundForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.recruitment.save_round(form, accepted_warnings=reasons)


class ApplicantDialog(RecordDialog):
    """``ApplicantDialog(services, round_id)`` for a new applicant, or ``applicant_id=…``."""

    def __init__(
        self,
        services: Services,
        round_id: int,
        *,
        applicant_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        recruitment = services.recruitment
        if applicant_id is not None:
            form = recruitment.load_applicant(applicant_id)
            title = self.tr("입주신청자 수정")
        else:
            form = recruitment.new_applicant(round_id)
            title = self.tr("입주신청자 추가")
        super().__init__(title, parent)
        self.setObjectName("applicantDialog")
        self.services = services
        self.original = self.editing(form)
        f = self.fields
        person = _form_layout()
        self.name = f.add(person, "name", self.tr("성명"), line(text=form.name))
        self.birth_date = f.add(
            person,
            "birth_date",
            self.tr("생년월일"),
            line("1980.5.14.", width=160, text=date_text(form.birth_date)),
            lambda: parse_date_text(self.birth_date.text()),
        )
        self.phone = f.add(
            person, "phone", self.tr("연락처"), line("010-0000-0000", text=form.phone)
        )
        self.address = f.add(person, "address", self.tr("전거주지"), line(text=form.address))
        self.applied_on = f.add(
            person,
            "applied_on",
            self.tr("신청일"),
            line("2026.3.10.", width=160, text=date_text(form.applied_on)),
            lambda: parse_date_text(self.applied_on.text()),
        )
        scoring = _form_layout()
        self.household_size = f.add(
            scoring,
            "household_size",
            self.tr("세대원 수(명)"),
            line(width=100, text="" if form.household_size is None else str(form.household_size)),
            lambda: parse_int_text(self.household_size.text(), unit="명"),
            hint=self.tr("신청자 본인을 포함합니다."),
        )
        self.education_hours = f.add(
            scoring,
            "education_hours",
            self.tr("귀농교육 이수(시간)"),
            line(width=100, text="" if form.education_hours is None else str(form.education_hours)),
            lambda: parse_int_text(self.education_hours.text(), unit="시간"),
        )
        self.with_family = f.add(
            scoring, "with_family", self.tr("가족 동반"), QCheckBox(self.tr("가족과 함께 입주"))
        )
        self.with_family.setChecked(form.with_family)
        self.note = f.add(scoring, "note", self.tr("비고"), text_box(form.note, 52))

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(_group(self.tr("신청자"), person), 1)
        top.addWidget(_group(self.tr("심사에 쓰는 사항"), scoring), 1)
        self.body.addLayout(top)
        self.body.addWidget(self._documents_box(form))
        self.fit(860)

    def _documents_box(self, form: ApplicantForm) -> QGroupBox:
        box = QGroupBox(self.tr("제출 서류 (저장할 때 함께 보관)"))
        column = QVBoxLayout(box)
        self.documents = AttachmentList(self.services, "applicantDocuments", parent=box)
        self.document_kind = self.documents.add_kind_choice(
            DOCUMENT_KINDS, self.tr("서류 첨부…"), "attachDocument", "documentKind"
        )
        self.documents.add_open_button()
        self.documents.add_remove_button(self.tr("빼기"))
        self.documents.attach_to(self.fields, "file", self.tr("제출 서류"))
        column.addWidget(self.documents)
        if form.id is not None:
            self.documents.show_stored(self.services.recruitment.documents(form.id))
        return box

    @property
    def pending(self) -> list[PendingFile]:
        return self.documents.pending()

    def collect(self) -> tuple[ApplicantForm, list[Loose]]:
        problems: list[Loose] = []
        values = {}
        for name in ("birth_date", "applied_on", "household_size", "education_hours"):
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        form = ApplicantForm(
            recruitment_id=self.original.recruitment_id,
            name=self.name.text().strip(),
            phone=self.phone.text().strip(),
            address=self.address.text().strip(),
            with_family=self.with_family.isChecked(),
            note=self.note.toPlainText().strip(),
            id=self.original.id,
            **values,
        )
        return form, problems

    def check(self, form: ApplicantForm) -> list[RuleResult]:
        return self.services.recruitment.validate_applicant(form, self.pending)

    def write(self, form: ApplicantForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.recruitment.save_applicant(
            form, accepted_warnings=reasons, files=self.pending
        )


class DecisionDialog(RecordDialog):
    """The decision on one applicant (``decision`` preselected, e.g. 선정)."""

    def __init__(
        self,
        services: Services,
        applicant_id: int,
        *,
        who: str,
        decision: ApplicantDecision | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("선정 결정"), parent)
        self.setObjectName("decisionDialog")
        self.services = services
        form = services.recruitment.decision_form(applicant_id, decision)
        self.original = self.editing(form)
        f = self.fields
        layout = _form_layout()
        layout.addRow(self.tr("신청자"), QLabel(who))
        self.decision = f.add(layout, "decision", self.tr("결정"), enum_combo(DECISIONS))
        select_data(self.decision, form.decision)
        self.decided_on = f.add(
            layout,
            "decided_on",
            self.tr("결정일"),
            line("2026.3.20.", width=160, text=date_text(form.decided_on)),
            lambda: parse_date_text(self.decided_on.text()),
        )
        self.reason = f.add(
            layout,
            "reason",
            self.tr("사유"),
            text_box(form.reason, 64),
            hint=self.tr(
                "탈락, 그리고 순위가 더 높은 신청자를 앞질러 선정할 때는 사유를 꼭 적습니다. "
                "결정과 사유, 결정한 사람은 감사 때 보여 줄 증빙으로 남습니다."
            ),
        )
        self.body.addLayout(layout)
        self.fit(560)

    def collect(self) -> tuple[DecisionForm, list[Loose]]:
        decided_on, problem = self.fields.parse("decided_on")
        form = DecisionForm(
            applicant_id=self.original.applicant_id,
            decision=enum_value(self.decision, ApplicantDecision),
            decided_on=decided_on,
            reason=self.reason.toPlainText().strip(),
        )
        return form, [("decided_on", problem)] if problem else []

    def check(self, form: DecisionForm) -> list[RuleResult]:
        return self.services.recruitment.validate_decision(form)

    def write(self, form: DecisionForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.recruitment.decide(form, accepted_warnings=reasons)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(form)
    return box
