"""The 입주자 page: who lives where until when, the people, and the recruitment rounds.

A :class:`~gwinong_desktop.ui.pages.base.Page` with three tabs:

- **입주 현황**: every stay of the county (``StayService.list_stays``) with its derived status
  (입주 예정 · 입주 중 · 퇴거 예정 · 기간 지남 · 퇴거) and settlement outcome; filtered inside the
  model by search words, status, 읍면, house and "정착 여부 확인 필요" (moved out, outcome not yet
  asked: the reminder).
- **입주자**: the people, with their latest stay.
- **모집·선정**: the recruitment panel (``ui.residents.recruitment.RecruitmentPanel``), imported
  when the tab is first shown; left out while that module does not exist.

The toolbar registers a move-in, an extension, a move-out and the settlement outcome, and opens
a person's page (입주자 정보). Enter on a row opens the person's page; F2 (or a double click)
edits the record: a stay's terms on 입주 현황 (수정), the person on 입주자. Names and phones are
masked for roles that may not see personal data. Every change is announced
(``Kind.RESIDENTS``); the page reloads when the window hands it back.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.stays import StayStatus

from ..pages.base import LazyTab, Page, PageHost
from ..records.view import RecordTableView
from ..reports.making import ReportButton
from ..resources import icon
from .table_models import ResidentTableModel, StayTableModel

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.residents import ResidentRow
    from gwinong_desktop.services.stay_rows import StayRow

RECRUITMENT_MODULE = "gwinong_desktop.ui.residents.recruitment"
STAYS_TAB, PEOPLE_TAB, RECRUITMENT_TAB = "stays", "people", "recruitment"
PAGE_STYLE = """
QPushButton#moveIn {
    background: #3f7a34; color: #ffffff; font-weight: bold;
    border: 1px solid #356a2b; border-radius: 4px; padding: 5px 14px;
}
QPushButton#moveIn:hover { background: #4a8a3e; }
QPushButton#moveIn:disabled { background: #b7cbb2; border-color: #b7cbb2; color: #f2f5f1; }
QTabWidget#residentTabs QTabBar::tab { padding: 5px 16px; }
QComboBox[active="true"] { border: 1px solid #3f7a34; background: #eef6ea; font-weight: bold; }
QCheckBox#reminderFilter { color: #8a4b00; font-weight: bold; }
"""
FILTERS = (("status", "상태 전체"), ("eupmyeon", "읍면 전체"), ("house_id", "집 전체"))


class ResidentsPage(Page):
    """입주 현황 · 입주자 · 모집·선정, with the stay toolbar."""

    shows = frozenset({Kind.RESIDENTS, Kind.HOUSES, Kind.RULES})
    """Stays and people; house codes and 읍면; the rule values that set a stay's end."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("residentsPage")
        self.setStyleSheet(PAGE_STYLE)
        self.can_edit = False
        self.recruitment: Any = None
        self._select_next: int | None = None
        self.stay_model = StayTableModel(self)
        self.people_model = ResidentTableModel(self)

        heading = QLabel(self.tr("입주자"), self)
        heading.setObjectName("pageHeading")
        self.move_in_button = self._button(self.tr("입주 등록…"), "moveIn", self.move_in)
        self.extend_button = self._button(self.tr("연장…"), "extendStay", self.extend_selected)
        self.move_out_button = self._button(self.tr("퇴거…"), "moveOut", self.move_out_selected)
        self.settle_button = self._button(self.tr("정착 확인…"), "settleStay",
                                          self.settle_selected)  # fmt: skip
        self.edit_button = self._button(self.tr("수정…"), "editStay", self.edit_selected_stay)
        self.edit_button.setToolTip(
            self.tr("고른 입주의 조건(입주일, 퇴거예정일, 임대료 …) 수정 (F2)")
        )
        self.person_button = self._button(self.tr("입주자 정보…"), "openPerson",
                                          self.open_selected)  # fmt: skip
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(heading)
        top.addSpacing(12)
        for button in (self.move_in_button, self.edit_button, self.extend_button,
                       self.move_out_button, self.settle_button, self.person_button):  # fmt: skip
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addSpacing(10)
        self.register_button = ReportButton(
            self, ReportKind.RESIDENT_REGISTER, "residentRegisterButton"
        )
        top.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("residentTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_stays_tab(), self.tr("입주 현황"))
        self.tabs.addTab(self._build_people_tab(), self.tr("입주자"))
        if importlib.util.find_spec(RECRUITMENT_MODULE) is not None:
            LazyTab(self.tabs, self.tr("모집·선정"), f"{RECRUITMENT_MODULE}:RecruitmentPanel",
                    self._build_recruitment, name="recruitmentTab")  # fmt: skip
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self.setFocusProxy(self.search)
        self._update()

    def _build_stays_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("staysTab")
        self.search = QLineEdit(tab)
        self.search.setObjectName("staySearch")
        self.search.setPlaceholderText(self.tr("예: 부귀 김영수 (관리번호·읍면·이름 검색)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._search_changed)
        self.filters: dict[str, QComboBox] = {}
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.search)
        for field, everything in FILTERS:
            combo = QComboBox(tab)
            combo.setObjectName(f"stayFilter_{field}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(self.tr(everything), None)
            combo.currentIndexChanged.connect(lambda _i, f=field: self._filter_changed(f))
            self.filters[field] = combo
            row.addWidget(combo)
        self.reminder = QCheckBox(self.tr("정착 여부 확인 필요"), tab)
        self.reminder.setObjectName("reminderFilter")
        self.reminder.setToolTip(
            self.tr("퇴거했지만 정착 여부(전입, 농업경영체 등록)를 아직 확인하지 않은 입주")
        )
        self.reminder.toggled.connect(self._reminder_toggled)
        row.addWidget(self.reminder)
        self.clear_button = QPushButton(self.tr("조건 지우기"), tab)
        self.clear_button.setObjectName("clearStayFilters")
        self.clear_button.clicked.connect(self.clear_narrowing)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.stay_table = RecordTableView(self.stay_model, tab)
        self.stay_table.setObjectName("stayTable")
        self.stay_table.setSortingEnabled(True)
        self.stay_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.stay_table.sig_open.connect(lambda _r: self.open_selected())
        self.stay_table.sig_edit.connect(lambda _r: self.edit_selected_stay())
        self.stay_table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.stay_model.modelReset.connect(self._update)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.stay_table, 1)
        return tab

    def _build_people_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("peopleTab")
        self.people_search = QLineEdit(tab)
        self.people_search.setObjectName("peopleSearch")
        self.people_search.setPlaceholderText(self.tr("예: 김영수 (이름·연락처·집 검색)"))
        self.people_search.setClearButtonEnabled(True)
        self.people_search.setMaximumWidth(360)
        self.people_search.textChanged.connect(self.people_model.set_filter_text)
        self.people_table = RecordTableView(self.people_model, tab)
        self.people_table.setObjectName("peopleTable")
        self.people_table.setSortingEnabled(True)
        self.people_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.people_table.sig_open.connect(lambda _r: self.open_selected())
        self.people_table.sig_edit.connect(lambda _r: self.edit_selected_person())
        self.people_table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.people_model.modelReset.connect(self._update)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.people_search)
        layout.addWidget(self.people_table, 1)
        return tab

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    # --- the page contract ------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        super().attach(services)
        self.can_edit = services.ctx.allows(Permission.EDIT)
        personal = services.ctx.allows(Permission.SEE_PERSONAL)
        self.stay_model.set_personal_visible(personal)
        self.people_model.set_personal_visible(personal)
        self.register_button.attach(services)
        self.refresh(Changes.everything())

    def refresh(self, changes: Changes) -> None:
        """Load the stays and the people again, keeping the selection (or showing the record
        just saved here)."""
        if self.services is None:
            return
        keep = self._select_next or self.selected_stay_id()
        self._select_next = None
        self.stay_model.set_rows(self.services.stays.list_stays())
        self.people_model.set_rows(self.services.residents.list_residents())
        self._fill_filters()
        if keep is not None:
            self.select_stay(keep)
        if self.recruitment is not None:
            self.recruitment.reload()
        self._update()

    def show_records(self, **criteria: Any) -> None:
        """Show the stays ``criteria`` name: ``house_id=…``, ``status=StayStatus…``,
        ``eupmyeon=…``, ``settlement_check=True`` (the reminder); what narrowed the list before
        is cleared first. ``tab="people"`` or ``"recruitment"`` opens that tab instead."""
        tab = criteria.pop("tab", STAYS_TAB)
        reminder = bool(criteria.pop("settlement_check", False))
        unknown = set(criteria) - {field for field, _ in FILTERS}
        if unknown:
            raise ValueError(f"the stay list cannot filter by {sorted(unknown)}")
        self.clear_narrowing()
        for field, value in criteria.items():
            combo = self.filters[field]
            if value is not None and combo.findData(value) < 0 and field == "house_id":
                combo.addItem(self._house_code(value), value)  # a house without stays yet
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.reminder.setChecked(reminder)
        self.tabs.setCurrentIndex({STAYS_TAB: 0, PEOPLE_TAB: 1}.get(tab, self.tabs.count() - 1))
        if self.stay_model.visible_count and self.selected_stay_id() is None:
            self.stay_table.selectRow(0)

    def _house_code(self, house_id: int) -> str:
        houses = self.services.stays.houses() if self.services is not None else []
        return next((h.code for h in houses if h.id == house_id), str(house_id))

    def status_text(self) -> str:
        visible, total = self.stay_model.visible_count, self.stay_model.total_count
        living = sum(1 for r in self.stay_model.all_rows() if r.status is not StayStatus.MOVED_OUT
                     and r.status is not StayStatus.COMING)  # fmt: skip
        text = self.tr("입주 {total}건 (지금 거주 {living}세대)").format(
            total=f"{total:,}", living=f"{living:,}"
        )
        if visible != total:
            text += self.tr(", {visible}건 표시").format(visible=f"{visible:,}")
        return text

    # --- lists ------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        houses = {r.house_id: r.house_code for r in self.stay_model.all_rows()}
        for field, combo in self.filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            values = self.stay_model.values_of(field)
            if field == "house_id":
                values = sorted(values, key=lambda h: houses.get(h, ""))
            for value in values:
                label = houses.get(value, "") if field == "house_id" else getattr(
                    value, "label", str(value))  # fmt: skip
                combo.addItem(label, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
            if current is not None and index < 0:
                self.stay_model.set_field_filter(field, None)
            _mark_active(combo)
        due = sum(1 for r in self.stay_model.all_rows() if r.needs_settlement_check)
        self.reminder.setText(self.tr("정착 여부 확인 필요 ({n}건)").format(n=due))

    def _filter_changed(self, field: str) -> None:
        combo = self.filters[field]
        value = combo.currentData()
        if field == "status" and value is not None:
            value = StayStatus(value)
        keep = self.selected_stay_id()
        self.stay_model.set_field_filter(field, value)
        _mark_active(combo)
        self._reselect(keep)

    def _reminder_toggled(self, on: bool) -> None:
        keep = self.selected_stay_id()
        self.stay_model.set_field_filter("needs_settlement_check", True if on else None)
        self._reselect(keep)

    def _search_changed(self, text: str) -> None:
        keep = self.selected_stay_id()
        self.stay_model.set_filter_text(text)
        self._reselect(keep)

    def clear_narrowing(self) -> None:
        """조건 지우기: the search, every filter and the reminder, in one step."""
        for combo in self.filters.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            _mark_active(combo)
        for box in (self.search, self.reminder):
            box.blockSignals(True)
        self.search.clear()
        self.reminder.setChecked(False)
        for box in (self.search, self.reminder):
            box.blockSignals(False)
        self.stay_model.clear_narrowing()

    def _reselect(self, stay_id: int | None) -> None:
        if stay_id is not None:
            self.select_stay(stay_id)
        self._update()

    def select_stay(self, stay_id: int) -> bool:
        row = self.stay_model.row_of(stay_id)
        if row is None:
            return False
        index = self.stay_model.index(row, 0)
        self.stay_table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.stay_table.scrollTo(index)
        return True

    def selected_stay(self) -> StayRow | None:
        row = self.stay_table.current_row()
        if row is None or not 0 <= row < self.stay_model.visible_count:
            return None
        return self.stay_model.row_at(row)

    def selected_stay_id(self) -> int | None:
        stay = self.selected_stay()
        return stay.id if stay is not None else None

    def selected_person(self) -> ResidentRow | None:
        row = self.people_table.current_row()
        if row is None or not 0 <= row < self.people_model.visible_count:
            return None
        return self.people_model.row_at(row)

    def _selected_resident_id(self) -> int | None:
        if self.tabs.currentIndex() == 1:
            person = self.selected_person()
            return person.id if person is not None else None
        stay = self.selected_stay() if self.tabs.currentIndex() == 0 else None
        return stay.resident_id if stay is not None else None

    def _update(self) -> None:
        on_stays = self.tabs.currentIndex() == 0
        stay = self.selected_stay() if on_stays else None
        edit = self.can_edit and self.services is not None
        open_stay = stay is not None and stay.status is not StayStatus.MOVED_OUT
        self.move_in_button.setEnabled(edit)
        self.edit_button.setEnabled(edit and stay is not None)
        self.extend_button.setEnabled(edit and open_stay and stay.moved_out_on is None)
        self.move_out_button.setEnabled(edit and open_stay)
        self.settle_button.setEnabled(edit and stay is not None and stay.moved_out_on is not None)
        self.person_button.setEnabled(self._selected_resident_id() is not None)
        self.clear_button.setEnabled(self.stay_model.is_narrowed())
        if self.tabs.currentIndex() == 1:
            text = self.tr("입주자 {n}명").format(n=f"{self.people_model.visible_count:,}")
        else:
            visible, total = self.stay_model.visible_count, self.stay_model.total_count
            text = self.tr("입주 {total}건").format(total=f"{total:,}")
            if visible != total:
                text = self.tr("입주 {total}건 중 {visible}건").format(
                    total=f"{total:,}", visible=f"{visible:,}"
                )
        self.count_label.setText(text)
        self.sig_status.emit(self.status_text())

    def _tab_changed(self, index: int) -> None:
        self._update()

    def _build_recruitment(self, panel_class: type, _holder: QWidget) -> QWidget:
        """The recruitment panel (``LazyTab``: imported the first time its tab is shown)."""
        self.recruitment = panel_class(self)
        if self.services is not None:
            self.recruitment.reload()
        return self.recruitment

    def _focus_search(self) -> None:
        target = self.people_search if self.tabs.currentIndex() == 1 else self.search
        target.setFocus()
        target.selectAll()

    # --- toolbar ----------------------------------------------------------------------------

    def _saved(self, stay_id: int | None) -> None:
        self._select_next = stay_id
        self.announce(Changes.of(Kind.RESIDENTS))

    def move_in(self) -> None:
        """입주 등록: for the house filtered on, if one is."""
        from .stay_dialogs import open_move_in

        if self.services is None or not self.can_edit:
            return
        saved = open_move_in(self, self.services, house_id=self.filters["house_id"].currentData())
        if saved is not None:
            self.clear_narrowing()
            self._saved(saved.id)

    def _stay_dialog(self, dialog_class: Any) -> None:
        stay = self.selected_stay()
        if self.services is None or stay is None or not self.can_edit:
            return
        dialog = dialog_class(self.services, stay.id, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
                self._saved(stay.id)
        finally:
            dialog.deleteLater()

    def extend_selected(self) -> None:
        from .stay_dialogs import ExtensionDialog

        self._stay_dialog(ExtensionDialog)

    def move_out_selected(self) -> None:
        from .stay_dialogs import MoveOutDialog

        self._stay_dialog(MoveOutDialog)

    def settle_selected(self) -> None:
        from .stay_dialogs import SettlementDialog

        self._stay_dialog(SettlementDialog)

    def open_selected(self) -> None:
        """Enter / 입주자 정보: the person's page of the selected stay or person."""
        resident_id = self._selected_resident_id()
        if self.services is None or resident_id is None:
            return
        from .person import ResidentPageDialog

        dialog = ResidentPageDialog(self.services, resident_id, self)
        try:
            dialog.exec()
            if dialog.changed:
                self._saved(self.selected_stay_id())
        finally:
            dialog.deleteLater()

    def edit_selected_stay(self) -> None:
        """F2 on 입주 현황: correct the selected stay's terms."""
        from .stay_dialogs import MoveInDialog

        stay = self.selected_stay()
        if self.services is None or stay is None or not self.can_edit:
            return
        dialog = MoveInDialog(self.services, stay_id=stay.id, parent=self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
                self._saved(stay.id)
        finally:
            dialog.deleteLater()

    def edit_selected_person(self) -> None:
        """F2: edit the person of the selected stay or person."""
        resident_id = self._selected_resident_id()
        if self.services is None or resident_id is None or not self.can_edit:
            return
        from .person import ResidentEditDialog

        dialog = ResidentEditDialog(self.services, resident_id, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
                self._saved(self.selected_stay_id())
        finally:
            dialog.deleteLater()


def _mark_active(combo: QComboBox) -> None:
    combo.setProperty("active", "true" if combo.currentData() is not None else "false")
    combo.style().unpolish(combo)
    combo.style().polish(combo)
