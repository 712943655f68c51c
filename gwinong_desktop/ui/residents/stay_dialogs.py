"""The stay forms: 입주 등록, 연장, 퇴거, 정착 확인 — each a ``RecordDialog`` over the stay
service (refusals beside their fields, rule warnings through ``WarningsDialog`` with a reason).

``open_move_in(parent, services, applicant_id=None, house_id=None)`` is the one way in for a
move-in (the 입주자 page's toolbar, and the recruitment panel for a selected applicant).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from gwinong_desktop.domain.enums import SettlementOutcome
from gwinong_desktop.domain.periods import format_date_ko, format_period
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import RuleResult, warnings
from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import SavedRecord
from gwinong_desktop.services.stays import (
    ExtensionForm,
    MoveInForm,
    MoveOutForm,
    SettlementForm,
    StayFacts,
)

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
from ..forms.record_dialog import Loose, RecordDialog

NOTICE_STYLE = (
    "QLabel#ruleNotice { background: #fffaf0; border: 1px solid #ecd9a8; border-radius: 6px;"
    " padding: 6px 10px; color: #6b4a00; }"
)


class StayFormDialog(RecordDialog):
    """A record dialog that grows to show the refusals put under its fields."""

    def show_errors(self, results: list) -> None:
        super().show_errors(results)
        needed = self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    box.setLayout(form)
    return box


def _date_field(dialog: StayFormDialog, form: QFormLayout, name: str, label: str,
                value: date | None, hint: str = "") -> QWidget:  # fmt: skip
    edit = line("예: 2026.3.1.", width=160, text=date_text(value))
    return dialog.fields.add(form, name, label, edit, lambda: parse_date_text(edit.text()), hint)


def _parse_all(dialog: StayFormDialog, names: tuple[str, ...]) -> tuple[dict, list[Loose]]:
    values, problems = {}, []
    for name in names:
        value, problem = dialog.fields.parse(name)
        values[name] = value
        if problem:
            problems.append((name, problem))
    return values, problems


def _facts_text(facts: StayFacts) -> str:
    end = facts.extended_to or facts.planned_end_on
    text = f"{facts.house_code} · {facts.name} · {format_period(facts.move_in_on, end)}"
    if facts.extended_to:
        text += f" (연장, 원래 {format_date_ko(facts.planned_end_on)}까지)"
    return text + f" · {facts.status.label}"


# --- 입주 등록 ------------------------------------------------------------------------------------


class MoveInDialog(StayFormDialog):
    """A new stay: from a selected applicant (their details copied) or typed directly; with
    ``stay_id``, the terms of that stay corrected (입주 조건 수정: the person is left alone)."""

    def __init__(
        self,
        services: Services,
        *,
        applicant_id: int | None = None,
        house_id: int | None = None,
        stay_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("입주 조건 수정") if stay_id is not None else self.tr("입주 등록")
        super().__init__(title, parent)
        self.setObjectName("moveInDialog")
        self.services = services
        stays = services.stays
        if stay_id is not None:
            form = stays.stay_form(stay_id)
        elif applicant_id is not None:
            form = stays.form_from_applicant(applicant_id, house_id=house_id)
        else:
            form = stays.new_move_in(house_id)
        self.original = self.editing(form)
        self.applicant_id = form.applicant_id
        self._houses = {h.id: h for h in stays.houses()}
        f = self.fields

        pick = QFormLayout()
        self.applicant = QComboBox()
        self.applicant.setObjectName("applicantPick")
        self.applicant.addItem(self.tr("(직접 입력)"), None)
        if services.ctx.allows(Permission.SEE_PERSONAL):
            for a in stays.selected_applicants():
                self.applicant.addItem(a.label(), a.id)
        if form.applicant_id is not None and self.applicant.findData(form.applicant_id) < 0:
            self.applicant.addItem(form.name, form.applicant_id)
        select_data(self.applicant, form.applicant_id)
        self.applicant.currentIndexChanged.connect(self._applicant_picked)
        pick.addRow(self.tr("선정된 신청자"), self.applicant)
        self.house = QComboBox()
        self.house.addItem(self.tr("(집을 고르세요)"), None)
        for h in self._houses.values():
            self.house.addItem(h.label(), h.id)
        f.add(pick, "house_id", self.tr("귀농인의 집"), self.house)
        select_data(self.house, form.house_id)
        self.house.currentIndexChanged.connect(self._house_picked)

        person = QFormLayout()
        self.name = f.add(person, "name", self.tr("성명"), line("예: 김영수", text=form.name))
        self.birth_date = _date_field(self, person, "birth_date", self.tr("생년월일"),
                                      form.birth_date)  # fmt: skip
        self.birth_date.setPlaceholderText("예: 1978.5.14.")
        self.phone = f.add(person, "phone", self.tr("연락처"),
                           line("예: 010-1234-5678", text=form.phone))  # fmt: skip
        self.previous_address = f.add(
            person, "previous_address", self.tr("전거주지"),
            line("예: 서울특별시 마포구 월드컵로 1", text=form.previous_address),
        )  # fmt: skip
        self.education_hours = f.add(
            person, "education_hours", self.tr("귀농교육(시간)"),
            line("예: 100", width=120, text=str(form.education_hours or 0)),
            lambda: parse_int_text(self.education_hours.text(), unit="시간"),
        )  # fmt: skip
        self.household_size = f.add(
            person, "household_size", self.tr("세대원 수"),
            line("예: 3", width=120, text=str(form.household_size or 1)),
            lambda: parse_int_text(self.household_size.text(), unit="명"),
            hint=self.tr("입주자 본인을 포함한 함께 사는 사람 수"),
        )  # fmt: skip

        stay = QFormLayout()
        self.contract_on = _date_field(self, stay, "contract_on", self.tr("계약일"),
                                       form.contract_on)  # fmt: skip
        self.move_in_on = _date_field(self, stay, "move_in_on", self.tr("입주일"), form.move_in_on)
        self.planned_end_on = _date_field(
            self, stay, "planned_end_on", self.tr("퇴거예정일"), form.planned_end_on,
            self.tr("입주일을 바꾸면 그해 기준(이용기간)으로 다시 채웁니다."),
        )  # fmt: skip
        self.monthly_rent = f.add(
            stay, "monthly_rent", self.tr("월 임대료(원)"),
            line("예: 100,000", width=160, text=money_text(form.monthly_rent)),
            lambda: parse_money_text(self.monthly_rent.text()),
        )  # fmt: skip
        self.deposit_amount = f.add(
            stay, "deposit_amount", self.tr("보증금(원)"),
            line("예: 500,000", width=160, text=money_text(form.deposit_amount)),
            lambda: parse_money_text(self.deposit_amount.text()),
        )  # fmt: skip
        self.prepaid_months = f.add(
            stay, "prepaid_months", self.tr("선납 개월"),
            line("예: 0", width=120, text=str(form.prepaid_months or 0)),
            lambda: parse_int_text(self.prepaid_months.text(), unit="개월"),
        )  # fmt: skip
        self.note = f.add(stay, "note", self.tr("비고"), text_box(form.note, 48))
        self._default_end = form.planned_end_on
        self.move_in_on.editingFinished.connect(self._move_in_changed)

        self.body.addLayout(pick)
        row = QHBoxLayout()
        row.setSpacing(14)
        person_box = _group(self.tr("입주자"), person)
        row.addWidget(person_box, 1)
        row.addWidget(_group(self.tr("입주 조건"), stay), 1)
        self.body.addLayout(row)
        if form.stay_id is not None:  # the person is edited on their own form
            person_box.hide()
            pick.setRowVisible(self.applicant, False)
            pick.insertRow(0, self.tr("입주자"), QLabel(form.name))
        self.fit(880 if form.stay_id is None else 520)

    def _applicant_picked(self, _index: int) -> None:
        applicant_id = self.applicant.currentData()
        self.applicant_id = applicant_id
        if applicant_id is None:
            return
        form = self.services.stays.form_from_applicant(
            applicant_id, move_in_on=self._typed_date(self.move_in_on)
        )
        self.name.setText(form.name)
        self.birth_date.setText(date_text(form.birth_date))
        self.phone.setText(form.phone)
        self.previous_address.setText(form.previous_address)
        self.education_hours.setText(str(form.education_hours or 0))
        self.household_size.setText(str(form.household_size or 1))
        if form.house_id is not None:
            select_data(self.house, form.house_id)

    def _house_picked(self, _index: int) -> None:
        house = self._houses.get(self.house.currentData())
        if house is not None:
            self.monthly_rent.setText(money_text(house.monthly_rent or 0))
            self.deposit_amount.setText(money_text(house.deposit or 0))

    def _typed_date(self, edit: QWidget) -> date | None:
        try:
            return parse_date_text(edit.text())  # type: ignore[attr-defined]
        except ValueError:
            return None

    def _move_in_changed(self) -> None:
        """A new move-in day moves the planned end with it, unless the officer typed another."""
        move_in = self._typed_date(self.move_in_on)
        if move_in is None or self._typed_date(self.planned_end_on) != self._default_end:
            return
        form = self.services.stays.with_defaults(MoveInForm(move_in_on=move_in))
        self._default_end = form.planned_end_on
        self.planned_end_on.setText(date_text(form.planned_end_on))

    def collect(self) -> tuple[MoveInForm, list[Loose]]:
        values, problems = _parse_all(self, (
            "birth_date", "education_hours", "household_size", "contract_on", "move_in_on",
            "planned_end_on", "monthly_rent", "deposit_amount", "prepaid_months",
        ))  # fmt: skip
        form = MoveInForm(
            house_id=self.house.currentData(),
            applicant_id=self.applicant_id,
            resident_id=self.original.resident_id,
            stay_id=self.original.stay_id,
            name=self.name.text().strip(),
            phone=self.phone.text().strip(),
            previous_address=self.previous_address.text().strip(),
            note=self.note.toPlainText().strip(),
            **values,
        )
        return form, problems

    def check(self, form: MoveInForm) -> list[RuleResult]:
        return self.services.stays.validate_move_in(form)

    def write(self, form: MoveInForm, reasons: Mapping[str, str]) -> SavedRecord:
        if form.stay_id is not None:
            return self.services.stays.save_stay(form, accepted_warnings=reasons)
        return self.services.stays.move_in(form, accepted_warnings=reasons)


def open_move_in(
    parent: QWidget | None,
    services: Services,
    *,
    applicant_id: int | None = None,
    house_id: int | None = None,
) -> SavedRecord | None:
    """입주 등록 (from ``applicant_id`` when given); what was saved, or None."""
    dialog = MoveInDialog(services, applicant_id=applicant_id, house_id=house_id, parent=parent)
    try:
        return dialog.saved if dialog.exec() else None
    finally:
        dialog.deleteLater()


# --- 연장 ----------------------------------------------------------------------------------------


class ExtensionDialog(StayFormDialog):
    """연장: the form says up front why an extension is not allowed (the rule's warnings for what
    is typed); the officer may still go on, with a reason per rule."""

    def __init__(self, services: Services, stay_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("이용기간 연장"), parent)
        self.setObjectName("extensionDialog")
        self.services = services
        stays = services.stays
        self.facts = stays.facts(stay_id)
        form = self.editing(stays.extension_form(stay_id))
        self.stay_id = stay_id
        about = QLabel(_facts_text(self.facts))
        about.setObjectName("stayFacts")
        about.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("ruleNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        fields = QFormLayout()
        self.extended_to = _date_field(
            self, fields, "extended_to", self.tr("연장 종료일"), form.extended_to,
            self.tr("규정상 {end}까지 (퇴거예정일 다음 날부터 3개월 이내). 비우면 연장 취소.")
            .format(end=format_date_ko(self.facts.longest_extension)),
        )  # fmt: skip
        self.requested = QCheckBox(self.tr("입주자가 연장을 희망함 (신청 받음)"))
        self.requested.setObjectName("extensionRequested")
        self.requested.setChecked(form.requested)
        self.fields.add(fields, "requested", "", self.requested)
        reason = line(self.tr("영농 마무리 후 정착지 이사"), text=form.reason)
        self.reason = self.fields.add(fields, "reason", self.tr("연장 사유"), reason)
        self.body.addWidget(about)
        self.body.addWidget(self.notice)
        self.body.addLayout(fields)
        self.extended_to.editingFinished.connect(self.update_notice)
        self.requested.toggled.connect(lambda _on: self.update_notice())
        self.update_notice()
        self.fit(640)

    def update_notice(self) -> None:
        """Say why this extension is not allowed by the rule (or that it is)."""
        form, problems = self.collect()
        if problems:
            return
        found = warnings(self.check(form)) if form.extended_to is not None else []
        if found:
            lines = [self.tr("규정상 연장할 수 없는 이유:")] + [f"•  {w.message}" for w in found]
            lines.append(self.tr("그래도 연장하려면 저장할 때 사유를 적습니다."))
            self.notice.setText("\n".join(lines))
        else:
            self.notice.setText(self.tr("규정에 맞는 연장입니다."))

    def collect(self) -> tuple[ExtensionForm, list[Loose]]:
        values, problems = _parse_all(self, ("extended_to",))
        form = ExtensionForm(
            self.stay_id, values["extended_to"], self.requested.isChecked(),
            self.reason.text().strip(),
        )  # fmt: skip
        return form, problems

    def check(self, form: ExtensionForm) -> list[RuleResult]:
        return self.services.stays.validate_extension(form)

    def write(self, form: ExtensionForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.stays.extend(form, accepted_warnings=reasons)


# --- 퇴거 ----------------------------------------------------------------------------------------


class MoveOutDialog(StayFormDialog):
    def __init__(self, services: Services, stay_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("퇴거"), parent)
        self.setObjectName("moveOutDialog")
        self.services = services
        self.stay_id = stay_id
        form = self.editing(services.stays.move_out_form(stay_id))
        about = QLabel(_facts_text(services.stays.facts(stay_id)))
        about.setWordWrap(True)
        fields = QFormLayout()
        self.moved_out_on = _date_field(
            self, fields, "moved_out_on", self.tr("퇴거일"), form.moved_out_on,
            self.tr("퇴거한 뒤에는 정착 여부(전입, 농업경영체 등록)를 확인해 적습니다."),
        )  # fmt: skip
        self.note = self.fields.add(fields, "note", self.tr("비고"), text_box(form.note, 48))
        self.body.addWidget(about)
        self.body.addLayout(fields)
        self.fit(560)

    def collect(self) -> tuple[MoveOutForm, list[Loose]]:
        values, problems = _parse_all(self, ("moved_out_on",))
        note = self.note.toPlainText().strip()
        return MoveOutForm(self.stay_id, values["moved_out_on"], note), problems

    def check(self, form: MoveOutForm) -> list[RuleResult]:
        return self.services.stays.validate_move_out(form)

    def write(self, form: MoveOutForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.stays.move_out(form, accepted_warnings=reasons)


# --- 정착 확인 ------------------------------------------------------------------------------------


class SettlementDialog(StayFormDialog):
    def __init__(self, services: Services, stay_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("정착 여부 확인"), parent)
        self.setObjectName("settlementDialog")
        self.services = services
        self.stay_id = stay_id
        form = self.editing(services.stays.settlement_form(stay_id))
        about = QLabel(_facts_text(services.stays.facts(stay_id)))
        about.setWordWrap(True)
        fields = QFormLayout()
        self.outcome = self.fields.add(fields, "outcome", self.tr("정착 여부"),
                                       enum_combo(SettlementOutcome))  # fmt: skip
        select_data(self.outcome, form.outcome)
        self.moved_in_registered = QCheckBox(self.tr("전입 신고함"))
        self.moved_in_registered.setChecked(form.moved_in_registered)
        self.farm_registered = QCheckBox(self.tr("농업경영체 등록함"))
        self.farm_registered.setChecked(form.farm_registered)
        marks = QHBoxLayout()
        marks.addWidget(self.moved_in_registered)
        marks.addWidget(self.farm_registered)
        marks.addStretch(1)
        fields.addRow(self.tr("확인한 것"), marks)
        self.confirmed_on = _date_field(self, fields, "confirmed_on", self.tr("확인일"),
                                        form.confirmed_on)  # fmt: skip
        self.settled_address = self.fields.add(
            fields, "settled_address", self.tr("정착 주소"),
            line("예: 진안군 부귀면 거석리 123", text=form.settled_address),
        )  # fmt: skip
        self.body.addWidget(about)
        self.body.addLayout(fields)
        self.fit(560)

    def collect(self) -> tuple[SettlementForm, list[Loose]]:
        values, problems = _parse_all(self, ("confirmed_on",))
        form = SettlementForm(
            self.stay_id, enum_value(self.outcome, SettlementOutcome),
            self.moved_in_registered.isChecked(), self.farm_registered.isChecked(),
            values["confirmed_on"], self.settled_address.text().strip(),
        )  # fmt: skip
        return form, problems

    def check(self, form: SettlementForm) -> list[RuleResult]:
        return self.services.stays.validate_settlement(form)

    def write(self, form: SettlementForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.stays.save_settlement(form)
