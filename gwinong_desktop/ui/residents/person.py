"""A person's page (입주자 정보) and the form that edits the person and the household.

The page shows the resident in full to roles that may see personal data (the service records
that view) and masked to 열람; below, the household members and every stay of the person. From
there: 수정 (F2 on the lists), and the 주민등록번호 — typed only where a form needs it, stored
encrypted, shown masked, and revealed in full only on request (an access record).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.residents import MemberForm, ResidentDetail, ResidentForm
from gwinong_desktop.services.rule_gate import SavedRecord
from gwinong_desktop.services.stay_rows import StayRow

from ..forms.fields import (
    ParseError,
    date_text,
    line,
    parse_date_text,
    parse_int_text,
    text_box,
)
from ..forms.record_dialog import Loose
from ..houses.detail_tabs import fill_table, make_table
from .stay_dialogs import StayFormDialog

DASH = "—"


def stay_cells(s: StayRow) -> list[str]:
    """A stay as the person's page and the house's 입주자 tab list it."""
    return [
        s.house_code, s.name, f"{s.household_size}명", format_date_ko(s.move_in_on),
        format_date_ko(s.planned_end_on), date_text(s.extended_to), date_text(s.moved_out_on),
        format_won(s.monthly_rent) if s.monthly_rent else DASH, s.status.label,
        s.settlement.label if s.moved_out_on else "",
    ]  # fmt: skip


STAY_HEADERS = ("관리번호", "입주자", "세대원", "입주일", "퇴거예정일", "연장", "퇴거일",
                "월 임대료", "상태", "정착 여부")  # fmt: skip


class ResidentPageDialog(QDialog):
    """입주자 정보: one person, their household and their stays."""

    def __init__(self, services: Services, resident_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("residentPage")
        self.services = services
        self.resident_id = resident_id
        self.changed = False
        self.setWindowTitle(self.tr("입주자 정보"))
        self.facts = QLabel()
        self.facts.setObjectName("residentFacts")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setWordWrap(True)
        self.members = make_table("membersTable", (self.tr("성명"), self.tr("관계"),
                                                   self.tr("생년월일")), (100, 80))  # fmt: skip
        self.members.setMaximumHeight(120)
        self.stays = make_table("personStays", tuple(self.tr(h) for h in STAY_HEADERS),
                                (110, 70, 56, 90, 90, 90, 90, 84, 70))  # fmt: skip
        may_edit = services.ctx.allows(Permission.EDIT)
        self.edit_button = QPushButton(self.tr("수정…"))
        self.edit_button.setObjectName("editResident")
        self.edit_button.setEnabled(may_edit)
        self.edit_button.clicked.connect(self.edit)
        self.reveal_button = QPushButton(self.tr("주민등록번호 보기"))
        self.reveal_button.setObjectName("revealRrn")
        self.reveal_button.setToolTip(self.tr("전체 번호를 보여 주고, 열람 기록을 남깁니다."))
        self.reveal_button.clicked.connect(self.reveal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("닫기"))
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.edit_button)
        bar.addWidget(self.reveal_button)
        bar.addStretch(1)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(_boxed(self.tr("세대원 (함께 사는 가족)"), self.members))
        layout.addWidget(_boxed(self.tr("입주 이력"), self.stays), 1)
        layout.addLayout(bar)
        self.load()
        self.resize(900, 560)

    def load(self) -> None:
        d = self.services.residents.detail(self.resident_id)
        self.detail = d
        rows = [
            (self.tr("성명"), d.name), (self.tr("생년월일"), d.birth or DASH),
            (self.tr("연락처"), d.phone or DASH), (self.tr("전거주지"), d.previous_address or DASH),
            (self.tr("귀농교육"), self.tr("{h}시간").format(h=d.education_hours)),
            (self.tr("주민등록번호"), d.rrn or self.tr("저장 안 함")),
            (self.tr("입주 신청"), self.tr("선정된 신청자에서 등록") if d.from_applicant
             else self.tr("직접 입력")),
            (self.tr("정착 여부"), _settlement_line(d)),
            (self.tr("비고"), d.note or DASH),
        ]  # fmt: skip
        self.facts.setText(
            "<table cellspacing=4>"
            + "".join(f"<tr><td><b>{k}</b></td><td>{_esc(v)}</td></tr>" for k, v in rows)
            + "</table>"
        )
        fill_table(self.members, [(m.id, [m.name, m.relation, m.birth]) for m in d.members])
        fill_table(self.stays, [(s.id, stay_cells(s)) for s in d.stays])
        self.reveal_button.setVisible(bool(d.rrn) and d.full)
        self.reveal_button.setEnabled(self.services.ctx.allows(Permission.REVEAL_RRN))

    def edit(self) -> bool:
        """F2 / 수정: the person's form; the page shows the saved values."""
        dialog = ResidentEditDialog(self.services, self.resident_id, self)
        try:
            if dialog.exec() and dialog.saved is not None:
                self.changed = True
                self.load()
                return True
            return False
        finally:
            dialog.deleteLater()

    def reveal(self) -> None:
        try:
            number = self.services.residents.reveal_rrn(self.resident_id)
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("주민등록번호"), refusal.message)
            return
        QMessageBox.information(
            self, self.tr("주민등록번호"),
            self.tr("{number}\n\n이 열람은 접속 기록에 남습니다.").format(number=number or DASH),
        )  # fmt: skip


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(8, 6, 8, 8)
    inner.addWidget(widget)
    return box


def _esc(text: str) -> str:
    return html.escape(str(text))


def _settlement_line(d: ResidentDetail) -> str:
    marks = [m for m, on in (("전입 신고", d.moved_in_registered),
                             ("농업경영체 등록", d.farm_registered)) if on]  # fmt: skip
    text = d.settlement.label
    if marks:
        text += f" ({', '.join(marks)})"
    if d.settled_on:
        text += f", {format_date_ko(d.settled_on)} 확인"
    if d.settled_address:
        text += f", {d.settled_address}"
    return text


class ResidentEditDialog(StayFormDialog):
    """입주자 정보 수정: the person, the household members (added, changed, removed) and, only
    where a form needs it, the 주민등록번호 (stored encrypted after the person is saved)."""

    MEMBER_HEADERS = ("성명", "관계", "생년월일")

    def __init__(self, services: Services, resident_id: int, parent: QWidget | None = None):
        super().__init__(self.tr("입주자 정보 수정"), parent)
        self.setObjectName("residentEditDialog")
        self.services = services
        form = self.editing(services.residents.load(resident_id))
        self.resident_id = resident_id
        f = self.fields
        person = QFormLayout()
        self.name = f.add(person, "name", self.tr("성명"), line("예: 김영수", text=form.name))
        self.birth_date = f.add(
            person, "birth_date", self.tr("생년월일"),
            line("예: 1978.5.14.", width=160, text=date_text(form.birth_date)),
            lambda: parse_date_text(self.birth_date.text()),
        )  # fmt: skip
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
        masked = services.residents.masked_rrn(resident_id)
        self.rrn = f.add(
            person, "rrn", self.tr("주민등록번호"),
            line(self.tr("780514-1234567 (서식에 필요할 때만; 비워 두면 그대로)")),
            hint=self.tr("저장된 번호: {n}").format(n=masked or self.tr("없음")),
        )  # fmt: skip
        self.note = f.add(person, "note", self.tr("비고"), text_box(form.note, 48))

        self.members = QTableWidget(0, 3)
        self.members.setObjectName("memberEditor")
        self.members.setHorizontalHeaderLabels([self.tr(h) for h in self.MEMBER_HEADERS])
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.verticalHeader().hide()
        self._member_ids: list[int | None] = []
        for m in form.members:
            self.add_member(m.name, m.relation, date_text(m.birth_date), m.id)
        add = QPushButton(self.tr("세대원 추가"))
        add.setObjectName("addMember")
        add.clicked.connect(lambda: self.add_member())
        remove = QPushButton(self.tr("고른 세대원 빼기"))
        remove.setObjectName("removeMember")
        remove.clicked.connect(self.remove_member)
        member_bar = QHBoxLayout()
        member_bar.addWidget(add)
        member_bar.addWidget(remove)
        member_bar.addStretch(1)
        box = QGroupBox(self.tr("세대원 (함께 사는 가족; 생년월일 예: 2010.3.2.)"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.members)
        inner.addLayout(member_bar)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        inner.addWidget(error)
        f.widgets["members"], f.errors["members"], f.labels["members"] = (
            self.members, error, self.tr("세대원"),
        )  # fmt: skip
        self.body.addLayout(person)
        self.body.addWidget(box, 1)
        self.fit(640)

    def add_member(self, name: str = "", relation: str = "", birth: str = "",
                   member_id: int | None = None) -> None:  # fmt: skip
        row = self.members.rowCount()
        self.members.insertRow(row)
        for column, text in enumerate((name, relation, birth)):
            self.members.setItem(row, column, QTableWidgetItem(text))
        self._member_ids.append(member_id)

    def remove_member(self) -> None:
        row = self.members.currentRow()
        if row >= 0:
            self.members.removeRow(row)
            del self._member_ids[row]

    def _cell(self, row: int, column: int) -> str:
        item = self.members.item(row, column)
        return item.text().strip() if item is not None else ""

    def collect(self) -> tuple[ResidentForm, list[Loose]]:
        problems: list[Loose] = []
        values = {}
        for name in ("birth_date", "education_hours"):
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        members = []
        for row in range(self.members.rowCount()):
            name, relation, birth = (self._cell(row, c) for c in range(3))
            if not (name or relation or birth):
                continue  # an empty line added by mistake
            try:
                born = parse_date_text(birth)
            except ParseError as exc:
                problems.append(("members", f"세대원 {row + 1}번째 생년월일: {exc.message}"))
                born = None
            members.append(MemberForm(name, relation, born, self._member_ids[row]))
        form = ResidentForm(
            self.resident_id, self.name.text().strip(), phone=self.phone.text().strip(),
            previous_address=self.previous_address.text().strip(),
            note=self.note.toPlainText().strip(), members=members, **values,
        )  # fmt: skip
        return form, problems

    def check(self, form: ResidentForm) -> list[RuleResult]:
        return self.services.residents.validate(form, rrn=self.rrn.text().strip() or None)

    def write(self, form: ResidentForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.residents.save(form, rrn=self.rrn.text().strip() or None)
