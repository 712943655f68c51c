"""The 귀농인의 집 page: toolbar, search and filters, the house table, and the selected house.

Rows come in through :meth:`HousesPage.set_rows` (the main window loads them from the service);
every keystroke in the search box and every filter (읍면, 상태, 조성유형, 조성연도) narrows the
list inside the model. The detail of the selected house is asked of the service after a short
pause, so holding an arrow key down through a long list does not run one query per row passed.

The toolbar adds, edits and archives/restores houses, opens the operators and the annual plans,
and exports the current view to Excel. After any change the page loads its rows again, keeps the
house selected, and emits ``sig_houses_changed`` (the main window reloads its other pages).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import DevelopmentType, HouseStatus
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.services.house_rows import HouseRow

from ..resources import icon
from .detail_pane import HouseDetailPane
from .table_model import HouseTableModel

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

    from .actions import HouseActions
    from .tab_controller import DetailTabs

DETAIL_DELAY_MS = 60
DETAIL_HEIGHT = 340
COLUMN_PADDING = 4
MIN_COLUMN_WIDTH = 48
MAX_COLUMN_WIDTH = 240
COLUMN_WIDTHS = {
    HouseTableModel.CODE: 112,
    HouseTableModel.EUPMYEON: 72,
    HouseTableModel.RI: 72,
    HouseTableModel.TYPE: 150,
    HouseTableModel.YEAR: 72,
    HouseTableModel.OPERATOR: 160,
    HouseTableModel.ROOMS: 52,
    HouseTableModel.AREA: 108,
    HouseTableModel.STATUS: 104,
}
PAGE_STYLE = """
QPushButton#newHouse {
    background: #3f7a34; color: #ffffff; font-weight: bold;
    border: 1px solid #356a2b; border-radius: 4px; padding: 5px 14px;
}
QPushButton#newHouse:hover { background: #4a8a3e; }
QPushButton#newHouse:pressed { background: #356a2b; }
QPushButton#newHouse:disabled { background: #b7cbb2; border-color: #b7cbb2; color: #f2f5f1; }
QTabWidget#houseTabs QTabBar::tab { padding: 5px 14px; }
QLabel#tabHint { color: #5f6b64; }
QComboBox[active="true"] { border: 1px solid #3f7a34; background: #eef6ea; font-weight: bold; }
"""
# (HouseRow field, "all" label) of the filter combos, in the order shown
FILTERS = (
    ("eupmyeon", "읍면 전체"),
    ("status", "상태 전체"),
    ("development_type", "조성유형 전체"),
    ("program_year", "조성연도 전체"),
)


def _when_attached(method: Callable[[HousesPage], None]) -> Callable[[HousesPage], None]:
    """A toolbar or menu command: does nothing while the page is still starting (no services
    yet, see ``HousesPage.attach``); its buttons are disabled then, a shortcut may still come."""

    @functools.wraps(method)
    def run(page: HousesPage) -> None:
        if page.actions is not None:
            method(page)

    return run


class HousesPage(QWidget):
    """The house list with search-as-you-type, filters, a toolbar and a tabbed detail."""

    sig_house_selected = Signal(int)
    """The officer selected a house (its id); emitted once its detail is shown."""

    sig_count_changed = Signal(int, int)
    """The list now shows (visible, total) houses."""

    sig_houses_changed = Signal()
    """Houses or their records were added, edited, archived or restored here."""

    def __init__(self, services: Services | None, parent: QWidget | None = None) -> None:
        """Without ``services`` the page shows rows given to it and changes nothing until
        :meth:`attach` (the first screen of a start, before SQLAlchemy has loaded)."""
        super().__init__(parent)
        self.setObjectName("housesPage")
        self.setStyleSheet(PAGE_STYLE)
        self.services: Services | None = None
        self.actions: HouseActions | None = None
        self.tabs: DetailTabs | None = None
        self.model = HouseTableModel(self)
        self._selected_id: int | None = None
        self.can_edit = False
        """Whether the signed-in role may change records (열람 sees them only)."""

        heading = QLabel(self.tr("귀농인의 집"), self)
        heading.setObjectName("pageHeading")

        self.search = QLineEdit(self)
        self.search.setObjectName("houseSearch")
        self.search.setPlaceholderText(self.tr("관리번호·읍면·리·운영자 검색"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(300)
        self.search.setToolTip(
            self.tr("여러 낱말을 띄어 쓰면 모두 들어 있는 집만 보입니다 (예: 부귀 2019).")
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.new_button = self._button(self.tr("새 귀농인의 집…"), "newHouse", self.new_house)
        self.edit_button = self._button(self.tr("수정…"), "editHouse", self.edit_selected)
        self.archive_button = self._button(self.tr("보관"), "archiveHouse", self.archive_selected)
        self.operators_button = self._button(self.tr("운영자…"), "operatorsButton",
                                             self.open_operators)  # fmt: skip
        self.plans_button = self._button(
            self.tr("연간계획…"), "plansButton", self.open_annual_plans
        )
        self.export_button = self._button(self.tr("엑셀로 내보내기…"), "exportButton",
                                          self.export_current_view)  # fmt: skip
        self.show_archived = QCheckBox(self.tr("보관된 항목 보기"), self)
        self.show_archived.setObjectName("showArchived")
        self.show_archived.toggled.connect(self._archived_toggled)
        self.filters: dict[str, QComboBox] = {}
        for field, everything in FILTERS:
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{field}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(self.tr(everything), None)
            combo.currentIndexChanged.connect(lambda _i, f=field: self._filter_changed(f))
            self.filters[field] = combo

        self.table = QTableView(self)
        self.table.setObjectName("houseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setResizeContentsPrecision(200)  # sizing looks at 200 rows, not 2,000
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSortIndicator(HouseTableModel.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._double_clicked)

        self.detail = HouseDetailPane(self)
        # the list above, the selected house below: the table keeps its full width for
        # nine columns, and the detail has room for its tabs
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("houseSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([280, DETAIL_HEIGHT])

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(heading)
        top.addSpacing(12)
        for button in (self.new_button, self.edit_button, self.archive_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addSpacing(10)
        for button in (self.operators_button, self.plans_button, self.export_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search)
        for combo in self.filters.values():
            filters.addWidget(combo)
        filters.addWidget(self.show_archived)
        filters.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_selected_detail)

        self.search.textChanged.connect(self.set_search_text)
        self.search.returnPressed.connect(self._focus_first_row)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.modelReset.connect(self._update_count)
        self.search.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self._update_count()
        self._update_buttons()
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Work over ``services`` from now on: editing per the role, the detail of a house."""
        from .actions import HouseActions
        from .tab_controller import DetailTabs

        self.services = services
        self.actions = HouseActions(services, self)
        self.can_edit = services.ctx.allows(Permission.EDIT)
        self.tabs = DetailTabs(services, self.detail, self.actions, self._changed_here)
        self.tabs.set_editable(self.can_edit)
        self._update_buttons()
        if self._selected_id is not None:  # chosen while the page was still starting
            self._show_selected_detail()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    # --- data -------------------------------------------------------------------------------

    def set_rows(self, rows: list[HouseRow]) -> None:
        """Show these houses (already loaded); search, filters and the selection are kept.

        With "보관된 항목 보기" on, the archived houses are loaded as well."""
        if self.show_archived.isChecked() and self.services is not None:
            rows = self.services.houses.list_houses(include_archived=True)
        selected = self._selected_id
        self.model.set_rows(rows)
        self._fill_filters()
        self._reselect(selected)
        self._update_buttons()

    def refresh(self, select_id: int | None = None) -> None:
        """Load the houses again (after a change here) and show ``select_id`` or the same one."""
        keep = select_id or self._selected_id
        self.set_rows(self.services.houses.list_houses())
        if keep is not None and self.model.row_of_house(keep) is not None:
            self.select_house(keep)
        elif keep is not None:
            self._selected_id = None
            self.detail.show_detail(None)
        self.sig_houses_changed.emit()

    def export_current_view(self, path: Any = None) -> Any:
        """엑셀로 내보내기: the rows shown now (search, filters, sort) to a workbook."""
        from .export import export_view

        if self.services is None:
            return None  # still starting: the button is not on yet
        return export_view(self, self.services, self.model, path)

    def set_filter(self, field: str, value: Any) -> None:
        """Choose a filter value (None: all), as the combo would."""
        combo = self.filters[field]
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _fill_filters(self) -> None:
        for field, combo in self.filters.items():
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in self.model.values_of(field):
                combo.addItem(_filter_label(field, value), value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
            if current is not None and index < 0:
                self.model.set_field_filter(field, None)
            _mark_active(combo)

    def _filter_changed(self, field: str) -> None:
        selected = self._selected_id
        combo = self.filters[field]
        self.model.set_field_filter(field, _filter_value(field, combo.currentData()))
        _mark_active(combo)
        self._reselect(selected)

    def set_search_text(self, text: str) -> None:
        """Filter the list; called on every keystroke in the search box."""
        if self.search.text() != text:
            self.search.setText(text)  # comes back here through textChanged
            return
        selected = self._selected_id
        self.model.set_filter_text(text)
        self._reselect(selected)

    def select_house(self, house_id: int) -> bool:
        """Select the house's row (if shown) and show its detail at once."""
        row = self.model.row_of_house(house_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._detail_timer.stop()
        self._show_selected_detail()
        return True

    def fit_columns(self) -> None:
        """Size the columns to their contents (first start; later the stored layout is used)."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            width = header.sectionSize(column) + COLUMN_PADDING
            header.resizeSection(column, min(max(width, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH))

    def selected_house_id(self) -> int | None:
        return self._selected_id

    # --- behaviour --------------------------------------------------------------------------

    def _reselect(self, house_id: int | None) -> None:
        if house_id is None:
            return
        row = self.model.row_of_house(house_id)
        if row is None:
            self._selected_id = None
            self.detail.show_detail(None)
            return
        index = self.model.index(row, 0)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.viewport().update()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._selected_id = None
            self.detail.show_detail(None)
            self._update_buttons()
            return
        self._selected_id = self.model.row_at(current.row()).id
        self._update_buttons()
        self._detail_timer.start()

    def _show_selected_detail(self) -> None:
        if self._selected_id is None or self.services is None or self.tabs is None:
            return  # (before attach: shown when the services come)
        detail = self.services.houses.detail(self._selected_id)
        today = self.services.ctx.today()
        self.detail.show_detail(detail, today=today)
        self.tabs.house_shown(today)
        self.sig_house_selected.emit(self._selected_id)

    def selected_row(self) -> HouseRow | None:
        if self._selected_id is None:
            return None
        row = self.model.row_of_house(self._selected_id)
        return self.model.row_at(row) if row is not None else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        attached = self.services is not None
        self.new_button.setEnabled(self.can_edit)
        self.edit_button.setEnabled(row is not None and self.can_edit)
        self.archive_button.setEnabled(row is not None and self.can_edit)
        self.operators_button.setEnabled(attached)
        self.plans_button.setEnabled(attached)
        self.show_archived.setEnabled(attached)
        self.archive_button.setText(
            self.tr("복원") if row is not None and row.archived else self.tr("보관…")
        )
        self.export_button.setEnabled(self.model.visible_count > 0)

    # --- toolbar ----------------------------------------------------------------------------

    def _changed_here(self, select_id: int | None = None) -> None:
        self.refresh(select_id)

    @_when_attached
    def new_house(self) -> None:
        """새 귀농인의 집: the house dialog; the new house is shown selected."""
        if self.actions.new_house():
            self._clear_narrowing()
            self.refresh(self.actions.last_saved_id)

    @_when_attached
    def edit_selected(self) -> None:
        if self.actions.edit_house(self._selected_id):
            self.refresh(self._selected_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.can_edit and self.actions is not None:
            house_id = self.model.row_at(index.row()).id
            if self.actions.edit_house(house_id):
                self.refresh(house_id)

    @_when_attached
    def archive_selected(self) -> None:
        row = self.selected_row()
        if row is not None and self.actions.archive_or_restore(row.id, row.archived, row.code):
            self.refresh(row.id)

    @_when_attached
    def open_operators(self) -> None:
        """운영자: the operators and the houses each runs."""
        if self.actions.manage_operators():
            self.refresh()

    @_when_attached
    def open_annual_plans(self) -> None:
        """연간계획: each year's plan against its execution."""
        if self.actions.annual_plans():
            self.sig_houses_changed.emit()

    def _archived_toggled(self, _checked: bool) -> None:
        self.set_rows(self.services.houses.list_houses())

    def _clear_narrowing(self) -> None:
        """A house just added must be visible: clear the search and the filters."""
        self.search.clear()
        for field in self.filters:
            self.set_filter(field, None)

    def _update_count(self) -> None:
        visible, total = self.model.visible_count, self.model.total_count
        if visible == total:
            text = self.tr("전체 {total}개소").format(total=f"{total:,}")
        else:
            text = self.tr("{total}개소 중 {visible}개소").format(
                total=f"{total:,}", visible=f"{visible:,}"
            )
        self.count_label.setText(text)
        if total == 0:
            empty = self.tr("아직 등록된 귀농인의 집이 없습니다.")
        elif visible == 0 and any(c.currentData() is not None for c in self.filters.values()):
            empty = self.tr("검색어나 고른 조건에 맞는 귀농인의 집이 없습니다.")
        elif visible == 0:
            empty = self.tr("검색어에 맞는 귀농인의 집이 없습니다.")
        else:
            empty = self.tr("목록에서 귀농인의 집을 고르면 자세한 내용이 여기에 보입니다.")
        self.detail.set_empty_text(empty)
        self.export_button.setEnabled(visible > 0)
        self.sig_count_changed.emit(visible, total)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box, Esc clears the search and ↓ moves into the list."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if event.key() == Qt.Key.Key_Down:
                self._focus_first_row()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_row(self) -> None:
        if self.model.visible_count:
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


def _filter_value(field: str, data: Any) -> Any:
    """The combo's data as the row holds it (Qt hands a StrEnum back as its string)."""
    if data is None:
        return None
    if field == "status":
        return HouseStatus(data)
    if field == "development_type":
        return DevelopmentType(data)
    return data


def _mark_active(combo: QComboBox) -> None:
    combo.setProperty("active", "true" if combo.currentData() is not None else "false")
    combo.style().unpolish(combo)
    combo.style().polish(combo)


def _filter_label(field: str, value: Any) -> str:
    if field == "program_year":
        return f"{value}년"
    label = getattr(value, "label", None)
    return str(label) if label is not None else str(value)
