"""The inspection form: kind, date, inspector, what was found in words, the county's checklist
answered item by item, the findings (지적사항) with the action each requires, its due date and,
once done, its 조치결과 and date, and the photos chosen on the spot.

While it is open, everything typed is kept as a draft in the data folder (``drafts/``), written
about a second after the last change, so an inspection typed on a laptop whose battery dies is
offered again on the next start (``InspectionsPage.offer_drafts``). Saving or cancelling removes
the draft.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import InspectionKind
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.inspection_forms import (
    CHECK_RESULTS,
    ChecklistAnswer,
    FindingForm,
    InspectionForm,
)
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import (
    ParseError,
    date_text,
    enum_combo,
    enum_value,
    line,
    parse_date_text,
    select_data,
    text_box,
)
from ..forms.files import AttachmentList
from ..forms.record_dialog import Loose, RecordDialog

log = logging.getLogger(__name__)
DRAFT_DELAY_MS = 1000
PHOTO_FILTER = "사진 (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC *.HEIF)"
FINDING_HEADERS = ("지적 내용", "조치할 사항", "조치 기한", "조치결과", "조치일")
_DATE_COLUMNS = {2: "조치 기한", 4: "조치일"}


def _form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class InspectionDialog(RecordDialog):
    """``InspectionDialog(services, form)`` over a form from ``services.inspections``
    (``new_inspection``, ``new_move_out``, ``new_for_stop``, ``load``) or a draft's."""

    def __init__(
        self,
        services: Services,
        form: InspectionForm,
        *,
        draft_key: str | None = None,
        photos: tuple[str, ...] | list[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("점검 기록 수정") if form.id is not None else self.tr("새 점검 기록")
        super().__init__(title, parent)
        self.setObjectName("inspectionDialog")
        self.services = services
        self.original = self.editing(form)
        self.drafts = services.inspections.drafts
        self.draft_key = draft_key or self.drafts.new_key(form)
        self.draft_error = ""
        self._checklist_touched = form.id is not None or draft_key is not None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.write_draft)
        f = self.fields

        head = _form_layout()
        self.house = QComboBox()
        for house in services.houses.list_houses():
            self.house.addItem(f"{house.code} · {house.eupmyeon} {house.ri}".strip(), house.id)
        select_data(self.house, form.house_id)
        self.house.setEnabled(form.id is None and form.stay_id is None and form.stop_id is None)
        f.add(head, "house_id", self.tr("귀농인의 집"), self.house)
        self.kind = enum_combo(InspectionKind)
        select_data(self.kind, form.kind)
        self.kind.setEnabled(form.stay_id is None)
        f.add(head, "kind", self.tr("점검 종류"), self.kind)
        self.inspected_on = f.add(
            head, "inspected_on", self.tr("점검일"),
            line(self.tr("2026.11.21."), width=160, text=date_text(form.inspected_on)),
            lambda: parse_date_text(self.inspected_on.text()),
        )  # fmt: skip
        self.inspector = f.add(
            head, "inspector", self.tr("점검자"),
            line(self.tr("주무관 김은정, 건축팀 최윤석"), text=form.inspector),
        )  # fmt: skip
        self.summary_box = f.add(head, "summary", self.tr("점검 내용"), text_box(form.summary, 52))
        self.summary_box.setPlaceholderText(self.tr("예: 동절기 대비 보일러·배관 위주 확인"))
        checklist_form = _form_layout()
        self.checklist = self._checklist_table()
        f.add(checklist_form, "checklist", "", self.checklist)
        self._fill_checklist(form.checklist)
        left = QVBoxLayout()
        left.addLayout(head)
        left.addWidget(_group(self.tr("점검 항목"), checklist_form), 1)

        findings_form = _form_layout()
        self.findings = self._findings_table()
        f.add(findings_form, "findings", "", self.findings,
              hint=self.tr("조치결과는 조치일과 함께 적습니다. 날짜 예: 2026.12.15."))  # fmt: skip
        for finding in form.findings:
            self._add_finding_row(finding)
        self._timer.stop()  # filling the form in is no change
        buttons = QHBoxLayout()
        self.add_finding_button = QPushButton(self.tr("지적사항 추가"))
        self.add_finding_button.setObjectName("addFinding")
        self.add_finding_button.clicked.connect(lambda: self._add_finding_row(FindingForm()))
        self.remove_finding_button = QPushButton(self.tr("고른 지적사항 빼기"))
        self.remove_finding_button.setObjectName("removeFinding")
        self.remove_finding_button.clicked.connect(self._remove_finding_row)
        buttons.addWidget(self.add_finding_button)
        buttons.addWidget(self.remove_finding_button)
        buttons.addStretch(1)
        findings_form.addRow(buttons)

        photos_box = QVBoxLayout()
        self.photos = AttachmentList(services, "chosenPhotos")
        self.choose_button = self.photos.add_many_button(
            self.tr("사진 고르기…"),
            "choosePhotos",
            self.tr("점검 사진 고르기"),
            self.tr(PHOTO_FILTER),
        )
        self.photos.add_remove_button(self.tr("고른 사진 빼기"))
        self.photos.add_open_button()
        self.photos.attach_to(self.fields, "photos", self.tr("사진"))
        self.photos.add_paths(photos)
        self.photos.changed.connect(self.changed)
        photos_box.addWidget(self.photos)
        note = QLabel(self.tr("저장한 뒤 고른 사진을 이 점검의 사진으로 가져옵니다."))
        note.setObjectName("formHint")
        photos_box.addWidget(note)

        right = QVBoxLayout()
        right.addWidget(_group(self.tr("지적사항"), findings_form), 1)
        right.addWidget(_group(self.tr("사진"), photos_box))
        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        self.body.addLayout(columns)
        self.draft_status = QLabel(self)
        self.draft_status.setObjectName("draftStatus")
        self.body.addWidget(self.draft_status)

        self._watch()
        self.resize(1180, 720)
        if draft_key is not None:
            self.draft_status.setText(self.tr("임시 저장본에서 이어서 씁니다."))

    # --- the tables ---------------------------------------------------------------------

    def _checklist_table(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setObjectName("checklistTable")
        table.setHorizontalHeaderLabels([self.tr("항목"), self.tr("결과"), self.tr("메모")])
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 230)
        header.resizeSection(1, 96)
        header.setStretchLastSection(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return table

    def _fill_checklist(self, answers: list[ChecklistAnswer]) -> None:
        self.checklist.setRowCount(0)
        for answer in answers:
            row = self.checklist.rowCount()
            self.checklist.insertRow(row)
            item = QTableWidgetItem(answer.item)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(answer.item)
            self.checklist.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("(안 봄)"), "")
            for result in CHECK_RESULTS:
                combo.addItem(result, result)
            select_data(combo, answer.result)
            combo.currentIndexChanged.connect(self._checklist_changed)
            self.checklist.setCellWidget(row, 1, combo)
            self.checklist.setItem(row, 2, QTableWidgetItem(answer.note))

    def _checklist_changed(self, *_args) -> None:
        self._checklist_touched = True
        self.changed()

    def _findings_table(self) -> QTableWidget:
        table = QTableWidget(0, len(FINDING_HEADERS))
        table.setObjectName("findingsTable")
        table.setHorizontalHeaderLabels([self.tr(h) for h in FINDING_HEADERS])
        table.verticalHeader().setVisible(True)
        header = table.horizontalHeader()
        for column in range(len(FINDING_HEADERS)):
            mode = QHeaderView.ResizeMode.Stretch
            if column in _DATE_COLUMNS:
                mode = QHeaderView.ResizeMode.Fixed
                header.resizeSection(column, 92)
            header.setSectionResizeMode(column, mode)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        return table

    def _add_finding_row(self, finding: FindingForm) -> None:
        row = self.findings.rowCount()
        self.findings.insertRow(row)
        values = (finding.description, finding.action_required, date_text(finding.due_on),
                  finding.action_taken, date_text(finding.resolved_on))  # fmt: skip
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, finding.id)
            self.findings.setItem(row, column, item)
        self.findings.setCurrentCell(row, 0)
        self.changed()

    def _remove_finding_row(self) -> None:
        row = self.findings.currentRow()
        if row >= 0:
            self.findings.removeRow(row)
            self.changed()

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    # --- photos -------------------------------------------------------------------------

    def photo_paths(self) -> list[str]:
        return self.photos.paths()

    # --- the draft ----------------------------------------------------------------------

    def _watch(self) -> None:
        for edit in (self.inspected_on, self.inspector):
            edit.textChanged.connect(self.changed)
        self.summary_box.textChanged.connect(self.changed)
        self.house.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.checklist.itemChanged.connect(self._checklist_changed)
        self.findings.itemChanged.connect(self.changed)

    def _kind_changed(self, _index: int) -> None:
        """A new inspection whose checklist is untouched takes the checklist of the new kind."""
        kind = enum_value(self.kind, InspectionKind)
        if not self._checklist_touched and kind is not None:
            items = self.services.inspections.checklist(kind)
            self._fill_checklist([ChecklistAnswer(i) for i in items])
        self.changed()

    def changed(self, *_args) -> None:
        """Something was typed: the draft is written a second after the last change."""
        self._timer.start()

    def write_draft(self) -> bool:
        """Write the draft now; False (and said under the form) when the disk refused."""
        self._timer.stop()
        form, _ = self.collect()
        try:
            self.drafts.write(self.draft_key, form, self.photo_paths(), self.house.currentText())
        except OSError as exc:
            log.warning("inspection draft not written", exc_info=exc)
            self.draft_error = str(exc.strerror or exc)
            self.draft_status.setText(
                self.tr("임시 저장을 하지 못했습니다 ({reason}). 저장 전에 꺼지면 입력한 내용을 "
                        "잃을 수 있습니다.").format(reason=self.draft_error)
            )  # fmt: skip
            return False
        self.draft_error = ""
        self.draft_status.setText(self.tr("입력한 내용을 임시 저장했습니다."))
        return True

    def done(self, result: int) -> None:
        """Saved or cancelled: the draft goes (a crash never gets here, so it stays)."""
        self._timer.stop()
        self.drafts.discard(self.draft_key)
        super().done(result)

    # --- the save flow ------------------------------------------------------------------

    def collect(self) -> tuple[InspectionForm, list[Loose]]:
        problems: list[Loose] = []
        inspected_on, problem = self.fields.parse("inspected_on")
        if problem:
            problems.append(("inspected_on", problem))
        checklist = []
        for row in range(self.checklist.rowCount()):
            combo = self.checklist.cellWidget(row, 1)
            result = combo.currentData() if isinstance(combo, QComboBox) else ""
            checklist.append(ChecklistAnswer(
                self._cell(self.checklist, row, 0), result or "", self._cell(self.checklist, row, 2)
            ))  # fmt: skip
        findings = []
        for row in range(self.findings.rowCount()):
            texts = [self._cell(self.findings, row, c) for c in range(len(FINDING_HEADERS))]
            first = self.findings.item(row, 0)
            finding_id = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
            if not any(texts) and finding_id is None:
                continue
            days = {}
            for column, label in _DATE_COLUMNS.items():
                try:
                    days[column] = parse_date_text(texts[column])
                except ParseError as exc:
                    days[column] = None
                    problems.append(
                        ("findings", f"지적사항 {len(findings) + 1} {label}: {exc.message}")
                    )
            findings.append(FindingForm(texts[0], texts[1], days[2], texts[3], days[4],
                                        finding_id))  # fmt: skip
        data = self.house.currentData()
        form = InspectionForm(
            house_id=None if data is None else int(data),
            kind=enum_value(self.kind, InspectionKind), inspected_on=inspected_on,
            inspector=self.inspector.text().strip(), summary=self.summary_box.toPlainText().strip(),
            checklist=checklist, findings=findings, stay_id=self.original.stay_id,
            visit_id=self.original.visit_id, stop_id=self.original.stop_id, id=self.original.id,
        )  # fmt: skip
        return form, problems

    def check(self, form: InspectionForm) -> list[RuleResult]:
        return self.services.inspections.validate(form)

    def write(self, form: InspectionForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.inspections.save(form)


def _group(title: str, layout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box
