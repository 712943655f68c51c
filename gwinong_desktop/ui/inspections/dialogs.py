"""The smaller forms of the 점검·사진 page: closing a finding with its 조치결과, planning a visit
for several houses in route order, and the county's checklist of each kind."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import InspectionKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.inspection_forms import FindingRow, VisitForm
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import (
    date_text,
    enum_combo,
    enum_value,
    line,
    parse_date_text,
    select_data,
    text_box,
)
from ..forms.record_dialog import Loose, RecordDialog


def _form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class CloseFindingDialog(RecordDialog):
    """조치 완료: the 조치결과 and the day it was done (today by default)."""

    def __init__(self, services: Services, finding: FindingRow, parent: QWidget | None = None):
        super().__init__(self.tr("조치 완료"), parent)
        self.setObjectName("closeFindingDialog")
        self.services = services
        self.finding = finding
        layout = _form_layout()
        what = QLabel(
            self.tr("{code} · {on} {kind} 점검\n{text}").format(
                code=finding.house_code,
                on=format_date_ko(finding.inspected_on),
                kind=finding.kind.label,
                text=finding.description,
            )
        )
        what.setWordWrap(True)
        layout.addRow(self.tr("지적사항"), what)
        if finding.action_required:
            layout.addRow(self.tr("조치할 사항"), QLabel(finding.action_required))
        f = self.fields
        self.action_taken = f.add(layout, "action_taken", self.tr("조치결과"),
                                  text_box(finding.action_taken, 64))  # fmt: skip
        self.action_taken.setPlaceholderText(self.tr("예: 보일러 배관 교체 완료(운영자 시공)"))
        self.resolved_on = f.add(
            layout, "resolved_on", self.tr("조치일"),
            line(self.tr("2026.12.3."), width=160,
                 text=date_text(finding.resolved_on or services.ctx.today())),
            lambda: parse_date_text(self.resolved_on.text()),
        )  # fmt: skip
        self.body.addLayout(layout)
        self.fit(560)

    def collect(self) -> tuple[tuple[str, object], list[Loose]]:
        day, problem = self.fields.parse("resolved_on")
        return (self.action_taken.toPlainText().strip(), day), (
            [("resolved_on", problem)] if problem else []
        )

    def check(self, form) -> list[RuleResult]:
        return []  # the service checks when it closes

    def write(self, form, reasons: Mapping[str, str]) -> SavedRecord:
        action, day = form
        self.services.inspections.close_finding(self.finding.id, action, day)
        return SavedRecord(self.finding.id, "")


class VisitDialog(RecordDialog):
    """``VisitDialog(services)`` plans a visit; ``visit_id=…`` changes one. The houses are
    ticked and put in route order (drag, or 위로/아래로)."""

    def __init__(
        self, services: Services, *, visit_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        inspections = services.inspections
        form = inspections.load_visit(visit_id) if visit_id is not None else inspections.new_visit()
        super().__init__(self.tr("방문 계획 수정") if visit_id else self.tr("새 방문 계획"), parent)
        self.editing(form)
        self.setObjectName("visitDialog")
        self.services = services
        self.original = form
        f = self.fields
        layout = _form_layout()
        self.planned_on = f.add(
            layout, "planned_on", self.tr("방문 예정일"),
            line(self.tr("2026.12.3."), width=160, text=date_text(form.planned_on)),
            lambda: parse_date_text(self.planned_on.text()),
        )  # fmt: skip
        self.title_edit = f.add(
            layout,
            "title",
            self.tr("방문 제목"),
            line(self.tr("12월 정기 점검 (부귀면)"), text=form.title),
        )
        self.kind = enum_combo(InspectionKind)
        select_data(self.kind, form.kind)
        f.add(layout, "kind", self.tr("점검 종류"), self.kind)
        self.inspector = f.add(
            layout,
            "inspector",
            self.tr("점검자"),
            line(self.tr("주무관 김은정"), text=form.inspector),
        )
        self.note = f.add(layout, "note", self.tr("비고"), text_box(form.note, 44))
        self.houses = QListWidget()
        self.houses.setObjectName("visitHouses")
        self.houses.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.houses.setMinimumHeight(240)
        rows = {h.id: h for h in services.houses.list_houses()}
        order = [h for h in form.house_ids if h in rows] + [h for h in rows if h not in
                                                            form.house_ids]  # fmt: skip
        for house_id in order:
            h = rows[house_id]
            item = QListWidgetItem(f"{h.code} · {h.eupmyeon} {h.ri or ''}".strip())
            item.setData(Qt.ItemDataRole.UserRole, house_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = house_id in form.house_ids
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.houses.addItem(item)
        box = QVBoxLayout()
        box.addWidget(self.houses)
        moves = QHBoxLayout()
        for text, step in ((self.tr("위로"), -1), (self.tr("아래로"), 1)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=step: self.move(s))
            moves.addWidget(button)
        moves.addStretch(1)
        box.addLayout(moves)
        holder = QWidget()
        holder.setLayout(box)
        f.add(
            layout,
            "house_ids",
            self.tr("방문할 집 (순서대로)"),
            holder,
            hint=self.tr("체크한 집을 위에서부터 방문합니다. 끌어서 순서를 바꿀 수 있습니다."),
        )
        self.body.addLayout(layout)
        self.fit(600)

    def move(self, step: int) -> None:
        row = self.houses.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.houses.count():
            return
        item = self.houses.takeItem(row)
        self.houses.insertItem(target, item)
        self.houses.setCurrentRow(target)

    def chosen(self) -> list[int]:
        items = (self.houses.item(i) for i in range(self.houses.count()))
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i.checkState() == Qt.CheckState.Checked]  # fmt: skip

    def collect(self) -> tuple[VisitForm, list[Loose]]:
        planned_on, problem = self.fields.parse("planned_on")
        form = VisitForm(
            planned_on=planned_on, title=self.title_edit.text().strip(),
            kind=enum_value(self.kind, InspectionKind), inspector=self.inspector.text().strip(),
            note=self.note.toPlainText().strip(), house_ids=self.chosen(), id=self.original.id,
        )  # fmt: skip
        return form, [("planned_on", problem)] if problem else []

    def check(self, form: VisitForm) -> list[RuleResult]:
        return self.services.inspections.validate_visit(form)

    def write(self, form: VisitForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.inspections.save_visit(form)


class ChecklistDialog(QDialog):
    """점검 항목 편집: the county's checklist of each kind, one item a line."""

    def __init__(
        self, services: Services, kind: InspectionKind, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDialog")
        self.setWindowTitle(self.tr("점검 항목 편집"))
        self.services = services
        self.changed_kinds: set[InspectionKind] = set()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("점검 종류")))
        self.kind = enum_combo(InspectionKind)
        select_data(self.kind, kind)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout.addLayout(top)
        hint = QLabel(self.tr("한 줄에 한 항목씩 적습니다. 이미 기록한 점검은 그때의 항목을 "
                              "그대로 둡니다."))  # fmt: skip
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.items = QPlainTextEdit()
        self.items.setObjectName("checklistItems")
        self.items.setPlaceholderText(self.tr("예: 보일러 작동\n예: 지붕 누수"))
        layout.addWidget(self.items, 1)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("저장"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.reset_button = buttons.addButton(
            self.tr("기본 항목으로"), QDialogButtonBox.ButtonRole.ResetRole
        )
        buttons.addButton(self.tr("닫기"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self.load())
        self.load()
        self.resize(520, 560)

    def current_kind(self) -> InspectionKind:
        return enum_value(self.kind, InspectionKind)

    def load(self) -> None:
        self.items.setPlainText("\n".join(self.services.inspections.checklist(self.current_kind())))
        self.message.clear()

    def save(self) -> bool:
        kind = self.current_kind()
        try:
            self.services.inspections.set_checklist(kind, self.items.toPlainText().splitlines())
        except Refusal as refusal:
            self.message.setText(refusal.message)
            return False
        self.changed_kinds.add(kind)
        self.load()
        self.message.setText(self.tr("{kind} 점검 항목을 저장했습니다.").format(kind=kind.label))
        return True

    def reset(self) -> None:
        kind = self.current_kind()
        try:
            self.services.inspections.reset_checklist(kind)
        except Refusal as refusal:
            self.message.setText(refusal.message)
            return
        self.changed_kinds.add(kind)
        self.load()
