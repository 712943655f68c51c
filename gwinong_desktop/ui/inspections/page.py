"""점검·사진: inspections (점검), the findings still to be followed up county-wide (지적사항),
visits planned for several houses with their printable list (방문 계획), and the photos (사진,
the gallery of ``ui.photos``, built the first time its tab is shown).

Enter opens the record of a row, F2 edits it (on 지적사항: 조치 완료). An inspection being typed
is kept as a draft in the data folder; a draft left behind by a crash is offered when the page
is first shown (이어서 쓰기 / 버리기). ``show_records(stay_id=…)`` opens the move-out inspection
of a stay (recorded, or a new one), ``house_id=…`` narrows the inspections to a house.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import InspectionKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission

from ..forms.record_dialog import ask_reason
from ..pages.base import LazyTab, Page, PageHost
from ..records import RecordTableModel
from ..records.view import RecordTableView
from .columns import CONTEXT, FINDING_COLUMNS, INSPECTION_COLUMNS, STOP_COLUMNS, VISIT_COLUMNS
from .page_parts import GALLERY, PhotosAndDrafts, VisitsTab, sorted_table

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.inspection_forms import InspectionForm

INSPECTIONS_TAB, FINDINGS_TAB, PHOTOS_TAB = 0, 1, 3


class InspectionsPage(VisitsTab, PhotosAndDrafts, Page):
    shows: ClassVar[frozenset[Kind]] = frozenset({Kind.INSPECTIONS, Kind.PHOTOS, Kind.HOUSES})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("inspectionsPage")
        self.can_edit = False
        self.drafts_offered = False
        self.gallery: QWidget | None = None
        self.inspection_model = RecordTableModel(INSPECTION_COLUMNS, context=CONTEXT, parent=self)
        self.finding_model = RecordTableModel(FINDING_COLUMNS, context=CONTEXT, parent=self)
        self.visit_model = RecordTableModel(VISIT_COLUMNS, context=CONTEXT, parent=self)
        self.stop_model = RecordTableModel(STOP_COLUMNS, context=CONTEXT, parent=self)

        heading = QLabel(self.tr("점검·사진"), self)
        heading.setObjectName("pageTitle")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("inspectionTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._inspections_tab(), self.tr("점검"))
        self.tabs.addTab(self._findings_tab(), self.tr("지적사항"))
        self.tabs.addTab(self._visits_tab(), self.tr("방문 계획"))
        self.photos_tab = LazyTab(self.tabs, self.tr("사진"), GALLERY, self._make_gallery,
                                  name="photosTab", top_margin=8)  # fmt: skip
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._update()

    # --- building ---------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Any, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    def _search(self, model: RecordTableModel, placeholder: str, parent: QWidget) -> QLineEdit:
        search = QLineEdit(parent)
        search.setPlaceholderText(placeholder)
        search.setClearButtonEnabled(True)
        search.setMinimumWidth(260)
        search.textChanged.connect(model.set_filter_text)
        return search

    def _inspections_tab(self) -> QWidget:
        tab = QWidget(self)
        self.inspection_search = self._search(
            self.inspection_model, self.tr("예: 부귀 누수 (관리번호·읍면·내용 검색)"), tab
        )
        self.inspection_search.setObjectName("inspectionSearch")
        self.new_button = self._button(self.tr("새 점검…"), "newInspection", self.new_inspection,
                                       tab)  # fmt: skip
        self.move_out_button = self._button(self.tr("퇴거 점검…"), "moveOutInspection",
                                            self.new_move_out, tab)  # fmt: skip
        self.edit_button = self._button(self.tr("열기·수정…"), "editInspection",
                                        self.edit_inspection, tab)  # fmt: skip
        self.edit_button.setToolTip(self.tr("고른 점검 기록을 엽니다 (Enter, F2)"))
        self.archive_button = self._button(self.tr("보관…"), "archiveInspection",
                                           self.archive_inspection, tab)  # fmt: skip
        self.checklist_button = self._button(self.tr("점검 항목 편집…"), "editChecklist",
                                             self.edit_checklist, tab)  # fmt: skip
        row = QHBoxLayout()
        row.addWidget(self.inspection_search)
        row.addStretch(1)
        for b in (self.new_button, self.move_out_button, self.edit_button, self.archive_button,
                  self.checklist_button):  # fmt: skip
            row.addWidget(b)
        self.inspection_table = sorted_table(self.inspection_model, "inspectionTable", tab)
        self.inspection_table.sig_open.connect(lambda _r: self.edit_inspection())
        self.inspection_table.sig_edit.connect(lambda _r: self.edit_inspection())
        self.inspection_table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.inspection_table, 1)
        return tab

    def _findings_tab(self) -> QWidget:
        tab = QWidget(self)
        self.finding_search = self._search(
            self.finding_model, self.tr("예: 보일러 (관리번호·읍면·지적 내용 검색)"), tab
        )
        self.finding_search.setObjectName("findingSearch")
        self.show_closed = QCheckBox(self.tr("조치 끝난 것도 보기"), tab)
        self.show_closed.setObjectName("showClosedFindings")
        self.show_closed.toggled.connect(lambda _on: self._load_findings())
        self.close_button = self._button(self.tr("조치 완료…"), "closeFinding", self.close_finding,
                                         tab)  # fmt: skip
        self.close_button.setToolTip(self.tr("조치결과와 조치일을 적어 지적사항을 닫습니다 (F2)"))
        self.reopen_button = self._button(self.tr("다시 열기"), "reopenFinding",
                                          self.reopen_finding, tab)  # fmt: skip
        self.open_inspection_button = self._button(
            self.tr("점검 기록 열기"), "openFindingInspection", self.open_finding_inspection, tab
        )
        row = QHBoxLayout()
        row.addWidget(self.finding_search)
        row.addWidget(self.show_closed)
        row.addStretch(1)
        for b in (self.close_button, self.reopen_button, self.open_inspection_button):
            row.addWidget(b)
        note = QLabel(self.tr("조치가 끝나지 않은 지적사항을 모든 집에서 모아, 기한이 지난 것부터 "
                              "보여 줍니다."), tab)  # fmt: skip
        note.setObjectName("formHint")
        self.finding_table = sorted_table(self.finding_model, "findingTable", tab)
        self.finding_table.sig_open.connect(lambda _r: self.open_finding_inspection())
        self.finding_table.sig_edit.connect(lambda _r: self.close_finding())
        self.finding_table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.finding_table, 1)
        return tab

    # --- the page contract ------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        super().attach(services)
        self.can_edit = services.ctx.allows(Permission.EDIT)
        self.refresh(Changes.everything())
        if self.tabs.currentIndex() == PHOTOS_TAB:  # shown before the services were there
            self._tab_changed(PHOTOS_TAB)
        if self.can_edit and not self.drafts_offered:
            QTimer.singleShot(0, self.offer_drafts)

    def refresh(self, changes: Changes) -> None:
        if self.services is None:
            return
        keep = self._selected(self.inspection_table, self.inspection_model)
        self.inspection_model.set_rows(self.services.inspections.list_inspections())
        self._reselect(self.inspection_table, self.inspection_model, keep)
        self._load_findings()
        visit = self._selected(self.visit_table, self.visit_model)
        self.visit_model.set_rows(self.services.inspections.list_visits())
        self._reselect(self.visit_table, self.visit_model, visit)
        self._load_stops()
        if self.gallery is not None and changes.touches(Kind.PHOTOS, Kind.HOUSES):
            self._show_gallery_house()
        self._update()

    def show_records(self, **criteria: Any) -> None:
        """``stay_id=…``: the move-out inspection of that stay; ``house_id=…``: that house's
        inspections; ``tab="findings"``/``"visits"``/``"photos"``: that tab; ``finding_id=…``:
        that finding chosen on 지적사항."""
        tab = criteria.get("tab")
        if tab is not None:
            index = {"inspections": 0, "findings": 1, "visits": 2, "photos": 3}[tab]
            self.tabs.setCurrentIndex(min(index, self.tabs.count() - 1))
        if criteria.get("house_id") is not None and self.services is not None:
            code = next((h.code for h in self.services.houses.list_houses()
                         if h.id == criteria["house_id"]), "")  # fmt: skip
            self.tabs.setCurrentIndex(INSPECTIONS_TAB)
            self.inspection_search.setText(code)
        if criteria.get("stay_id") is not None:
            self.tabs.setCurrentIndex(INSPECTIONS_TAB)
            self.move_out_of(int(criteria["stay_id"]))
        if criteria.get("finding_id") is not None:
            self.finding_search.setText("")
            self._reselect(self.finding_table, self.finding_model, criteria["finding_id"])

    def status_text(self) -> str:
        rows = self.finding_model.all_rows()
        still_open = sum(1 for r in rows if r.resolved_on is None)
        overdue = sum(1 for r in rows if r.overdue)
        return self.tr("점검 {n}건 · 조치중 지적사항 {o}건 (기한 지남 {d}건)").format(
            n=self.inspection_model.total_count, o=still_open, d=overdue
        )

    # --- loading and selection ------------------------------------------------------------

    def _load_findings(self) -> None:
        if self.services is None:
            return
        keep = self._selected(self.finding_table, self.finding_model)
        open_only = not self.show_closed.isChecked()
        self.finding_model.set_rows(self.services.inspections.findings(open_only=open_only))
        self._reselect(self.finding_table, self.finding_model, keep)
        self._update()

    def _load_stops(self) -> None:
        visit = self.selected_visit()
        keep = self._selected(self.stop_table, self.stop_model)
        self.stop_model.set_rows(list(visit.stops) if visit is not None else [])
        self._reselect(self.stop_table, self.stop_model, keep)
        self.stops_title.setText(
            self.tr("방문 순서: {title}").format(title=visit.title) if visit else
            self.tr("방문 순서")
        )  # fmt: skip
        self._update()

    def _selected(self, view: RecordTableView, model: RecordTableModel) -> Any:
        row = view.current_row()
        return model.row_at(row).id if row is not None else None

    def _reselect(self, view: RecordTableView, model: RecordTableModel, record_id: Any) -> None:
        row = model.row_of(record_id) if record_id is not None else None
        if row is not None:
            view.selectRow(row)

    def _current(self, view: RecordTableView, model: RecordTableModel) -> Any:
        row = view.current_row()
        return model.row_at(row) if row is not None else None

    def selected_inspection(self):
        return self._current(self.inspection_table, self.inspection_model)

    def selected_finding(self):
        return self._current(self.finding_table, self.finding_model)

    def selected_visit(self):
        return self._current(self.visit_table, self.visit_model)

    def selected_stop(self):
        return self._current(self.stop_table, self.stop_model)

    def _update(self) -> None:
        edit = self.can_edit and self.services is not None
        inspection, finding = self.selected_inspection(), self.selected_finding()
        visit, stop = self.selected_visit(), self.selected_stop()
        self.new_button.setEnabled(edit)
        self.move_out_button.setEnabled(edit)
        self.checklist_button.setEnabled(edit)
        self.edit_button.setEnabled(inspection is not None)
        self.archive_button.setEnabled(edit and inspection is not None)
        self.close_button.setEnabled(edit and finding is not None and finding.resolved_on is None)
        self.reopen_button.setEnabled(edit and finding is not None and finding.resolved_on
                                      is not None)  # fmt: skip
        self.open_inspection_button.setEnabled(finding is not None)
        self.new_visit_button.setEnabled(edit)
        self.edit_visit_button.setEnabled(edit and visit is not None)
        self.archive_visit_button.setEnabled(edit and visit is not None)
        self.print_button.setEnabled(visit is not None)
        self.record_stop_button.setEnabled(stop is not None and (edit or stop.inspection_id
                                                                 is not None))  # fmt: skip
        if stop is not None and stop.inspection_id is not None:
            self.record_stop_button.setText(self.tr("점검 기록 열기…"))
        else:
            self.record_stop_button.setText(self.tr("이 집 점검 기록…"))
        self.count_label.setText(self.status_text() if self.services is not None else "")
        self.sig_status.emit(self.count_label.text())

    def _tab_changed(self, index: int) -> None:
        if index == PHOTOS_TAB and self.photos_tab.build() is not None:
            self._show_gallery_house()

    # --- inspections ----------------------------------------------------------------------

    def _changed(self, *kinds: Kind) -> None:
        self.announce(Changes.of(*(kinds or (Kind.INSPECTIONS,))))

    def _run(self, dialog: QDialog) -> bool:
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _build(self, make: Any) -> Any:
        try:
            return make()
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("점검·사진"), refusal.message)
            return None

    def open_form(
        self, form: InspectionForm, *, draft_key: str | None = None, photos: tuple[str, ...] = ()
    ) -> bool:
        """The inspection dialog over ``form``; True when saved (its photos then imported)."""
        from .inspection_dialog import InspectionDialog

        assert self.services is not None
        dialog = InspectionDialog(self.services, form, draft_key=draft_key, photos=photos,
                                  parent=self)  # fmt: skip
        chosen: list[str] = []
        dialog.accepted.connect(lambda: chosen.extend(dialog.photo_paths()))
        saved = self._run(dialog)
        if saved and dialog.saved is not None:
            self._changed()
            self.refresh(Changes.of(Kind.INSPECTIONS))
            self._reselect(self.inspection_table, self.inspection_model, dialog.saved.id)
            house_id = form.house_id if form.id is not None else dialog.collect()[0].house_id
            self._import_photos(int(house_id or 0), dialog.saved.id, chosen)
        return saved

    def new_inspection(self) -> None:
        if self.services is None:
            return
        current = self.selected_inspection()
        houses = self.services.houses.list_houses()
        if not houses:
            QMessageBox.information(
                self, self.tr("새 점검"), self.tr("귀농인의 집을 먼저 등록하세요.")
            )
            return
        house_id = current.house_id if current is not None else houses[0].id
        form = self._build(lambda: self.services.inspections.new_inspection(house_id))
        if form is not None:
            self.open_form(form)

    def new_move_out(self) -> None:
        """퇴거 점검…: choose a stay that moved out without its inspection."""
        if self.services is None:
            return
        choices = self.services.inspections.move_outs_to_inspect()
        if not choices:
            QMessageBox.information(
                self, self.tr("퇴거 점검"), self.tr("퇴거 점검을 기다리는 입주 기록이 없습니다.")
            )
            return
        labels = [c.label() for c in choices]
        text, ok = QInputDialog.getItem(
            self, self.tr("퇴거 점검"), self.tr("퇴거한 입주를 고르세요"), labels, 0, False
        )
        if ok and text in labels:
            self.move_out_of(choices[labels.index(text)].stay_id)

    def move_out_of(self, stay_id: int) -> None:
        """The move-out inspection of ``stay_id``: the one recorded, or a new one."""
        if self.services is None:
            return
        existing = self.services.inspections.move_out_inspection(stay_id)
        if existing is not None:
            form = self._build(lambda: self.services.inspections.load(existing))
        elif self.can_edit:
            form = self._build(lambda: self.services.inspections.new_move_out(stay_id))
        else:
            return
        if form is not None:
            self.open_form(form)

    def edit_inspection(self) -> None:
        current = self.selected_inspection()
        if current is None or self.services is None:
            return
        form = self._build(lambda: self.services.inspections.load(current.id))
        if form is not None:
            self.open_form(form)

    def archive_inspection(self) -> None:
        current = self.selected_inspection()
        if current is None or self.services is None:
            return
        title = self.tr("점검 기록 보관")
        reason = ask_reason(self, title, self.tr("{code}의 {on} 점검 기록을 보관하는 사유").format(
            code=current.house_code, on=format_date_ko(current.inspected_on)))  # fmt: skip
        if reason is None:
            return
        try:
            self.services.inspections.archive(current.id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self, title, refusal.message)
            return
        self._changed()

    def edit_checklist(self) -> None:
        from .dialogs import ChecklistDialog

        if self.services is None:
            return
        current = self.selected_inspection()
        kind = current.kind if current is not None else InspectionKind.REGULAR
        dialog = ChecklistDialog(self.services, kind, self)
        self._run(dialog)
        if dialog.changed_kinds:
            self._changed(Kind.SETTINGS)

    # --- findings -------------------------------------------------------------------------

    def close_finding(self) -> None:
        from .dialogs import CloseFindingDialog

        finding = self.selected_finding()
        if finding is None or self.services is None or finding.resolved_on is not None:
            return
        if self._run(CloseFindingDialog(self.services, finding, self)):
            self._changed()

    def reopen_finding(self) -> None:
        finding = self.selected_finding()
        if finding is None or self.services is None:
            return
        try:
            self.services.inspections.reopen_finding(finding.id)
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("다시 열기"), refusal.message)
            return
        self._changed()

    def open_finding_inspection(self) -> None:
        finding = self.selected_finding()
        if finding is None or self.services is None:
            return
        form = self._build(lambda: self.services.inspections.load(finding.inspection_id))
        if form is not None:
            self.open_form(form)
