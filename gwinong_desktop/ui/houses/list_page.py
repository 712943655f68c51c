"""The 귀농인의 집 page: toolbar, search and filters, the house table, and the selected house.

A :class:`~gwinong_desktop.ui.pages.base.Page`: on the first screen of a start it shows the rows
read ahead (``host.first``), and loads them from ``HouseService`` once attached. Every keystroke
in the search box and every filter (읍면, 상태, 조성유형, 조성연도) narrows the list inside the
model; 조건 지우기 clears them all. The detail of the selected house is asked of the service
after a short pause, so holding an arrow key down through a long list does not run one query per
row passed; Enter on a row opens it at once (the keyboard goes on to its tabs), F2 edits it.

The toolbar adds, edits and archives/restores houses, opens the operators and the annual plans,
and writes the list as shown to Excel ("보이는 목록 엑셀로", not the province's 관리대장). After
any change the page announces what it touched; it reloads (keeping the house selected) when the
window hands that back, like every other page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import DevelopmentType, HouseStatus
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.services.house_rows import HouseRow

from .. import settings as opts
from ..pages.base import Page, PageHost
from ..records.view import RecordTableView
from ..resources import icon
from .detail_pane import TAB_KEYS, HouseDetailPane
from .table_model import HouseTableModel

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

    from ..settings import PreserveGeometry
    from .actions import HouseActions
    from .tab_controller import DetailTabs

DETAIL_DELAY_MS = 60
DETAIL_HEIGHT = 340
COLUMN_PADDING = 4
MIN_COLUMN_WIDTH = 48
MAX_COLUMN_WIDTH = 240
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


class HousesPage(Page):
    """The house list with search-as-you-type, filters, a toolbar and a tabbed detail."""

    shows = frozenset(
        {Kind.HOUSES, Kind.LEASES, Kind.OPERATORS, Kind.WORKS, Kind.RESIDENTS, Kind.RULES,
         Kind.DOCUMENTS}
    )  # fmt: skip
    """A house's status follows its stays and the rule values (관리기간); the detail shows its
    leases, works and documents."""

    sig_house_selected = Signal(int)
    """The officer selected a house (its id); emitted once its detail is shown."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        """Until :meth:`attach` the page shows the rows the start read ahead (``host.first``)
        and changes nothing (the first screen, before SQLAlchemy has loaded)."""
        super().__init__(host, parent)
        self.setObjectName("housesPage")
        self.setStyleSheet(PAGE_STYLE)
        self.actions: HouseActions | None = None
        self.tabs: DetailTabs | None = None
        self.model = HouseTableModel(self)
        self._selected_id: int | None = None
        self._select_next: int | None = None
        """The house to show after the next reload (the one just saved here)."""
        self._loaded = False
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
        self.export_button = self._button(self.tr("보이는 목록 엑셀로…"), "exportButton",
                                          self.export_current_view)  # fmt: skip
        self.export_button.setToolTip(
            self.tr(
                "지금 목록에 보이는 집만 (검색·조건·정렬 그대로) 엑셀 파일로 씁니다.\n"
                "도에 내는 관리대장은 파일 메뉴의 '관리대장 전체 내보내기'입니다."
            )
        )
        self.clear_button = self._button(self.tr("조건 지우기"), "clearNarrowing",
                                         self.clear_narrowing)  # fmt: skip
        self.clear_button.setToolTip(
            self.tr("검색어와 고른 조건을 모두 지우고 전체 목록을 봅니다.")
        )
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

        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("houseTable")
        self.table.horizontalHeader().setSortIndicator(
            self.model.column_index("code"), Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)
        self.table.sig_open.connect(self._open_row)
        self.table.sig_edit.connect(self._edit_row)

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
        filters.addWidget(self.clear_button)
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
        self.setFocusProxy(self.search)  # opening the page puts the keyboard in the search
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self._update_count()
        self._update_buttons()
        if host.first is not None:
            self.set_rows(host.first.rows)

    # --- the page contract ------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        """Work over ``services`` from now on: editing per the role, the detail of a house;
        the rows are loaded unless the first screen showed them already."""
        from .actions import HouseActions
        from .tab_controller import DetailTabs

        super().attach(services)
        self.actions = HouseActions(services, self)
        self.can_edit = services.ctx.allows(Permission.EDIT)
        self.tabs = DetailTabs(
            services, self.detail, self.actions,
            lambda changes: self._changed_here(None, changes), go=self.host.go,
        )  # fmt: skip
        self.tabs.set_editable(self.can_edit)
        self._update_buttons()
        if not self._loaded:
            self.refresh(Changes.of(Kind.HOUSES))
        elif self._selected_id is not None:  # chosen while the page was still starting
            self._show_selected_detail()

    def refresh(self, changes: Changes) -> None:
        """Load the houses again and show the same one (or the one just saved here)."""
        keep = self._select_next or self._selected_id
        self._select_next = None
        self.set_rows(self.services.houses.list_houses())
        if keep is not None and self.model.row_of_house(keep) is not None:
            self.select_house(keep)
        elif keep is not None:
            self._selected_id = None
            self.detail.show_detail(None)

    def show_records(self, **criteria: Any) -> None:
        """Show the houses ``criteria`` name: field filters (``status=HouseStatus.VACANT``,
        ``eupmyeon="부귀면"``, …; None for any), or one house (``house_id=3``) with one tab of
        its detail (``tab="lease"``, a key of ``TAB_KEYS``). Whatever narrowed the list before
        is cleared first."""
        house_id = criteria.pop("house_id", None)
        tab = criteria.pop("tab", None)
        unknown = set(criteria) - {field for field, _ in FILTERS}
        if unknown:
            raise ValueError(f"the house list cannot filter by {sorted(unknown)}")
        self.clear_narrowing()
        for field, value in criteria.items():
            self.set_filter(field, value)
        if house_id is not None:
            self.select_house(house_id)
        if tab is not None:
            self.detail.set_tab(tab)

    def status_text(self) -> str:
        visible, total = self.model.visible_count, self.model.total_count
        if visible == total:
            return self.tr("귀농인의 집 {total}개소").format(total=f"{total:,}")
        return self.tr("귀농인의 집 {total}개소 중 {visible}개소 표시").format(
            total=f"{total:,}", visible=f"{visible:,}"
        )

    def keep_layout(self, layout: PreserveGeometry) -> None:
        layout.splitter(self.splitter, opts.HOUSES_SPLITTER)
        layout.header(self.table.horizontalHeader(), opts.HOUSES_HEADER)
        if opts.HOUSES_HEADER.key not in layout.restore():
            self.fit_columns()
        tab = opts.HOUSES_TAB.read(layout.settings)
        if tab in TAB_KEYS:
            self.detail.set_tab(tab)
        self.detail.tabs.currentChanged.connect(
            lambda _i: opts.HOUSES_TAB.write(layout.settings, self.detail.current_tab())
        )

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
        self._loaded = True
        self.model.set_rows(rows)
        self._fill_filters()
        self._reselect(selected)
        self._update_buttons()

    def export_current_view(self, path: Any = None) -> Any:
        """보이는 목록 엑셀로: the rows shown now (search, filters, sort) to a workbook."""
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
        self._update_buttons()

    def clear_narrowing(self) -> None:
        """조건 지우기: clear the search and every filter, in one step."""
        selected = self._selected_id
        for combo in self.filters.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            _mark_active(combo)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear_narrowing()
        self._reselect(selected)
        self._update_buttons()

    def set_search_text(self, text: str) -> None:
        """Filter the list; called on every keystroke in the search box."""
        if self.search.text() != text:
            self.search.setText(text)  # comes back here through textChanged
            return
        selected = self._selected_id
        self.model.set_filter_text(text)
        self._reselect(selected)
        self._update_buttons()

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
        self.clear_button.setEnabled(self.model.is_narrowed())

    # --- toolbar ----------------------------------------------------------------------------

    def _changed_here(self, select_id: int | None, changes: Changes) -> None:
        """Something was saved here: say what (as the action returned it), and show
        ``select_id`` (or the same house) when the list comes back loaded."""
        self._select_next = select_id
        self.announce(changes)

    @_when_attached
    def new_house(self) -> None:
        """새 귀농인의 집: the house dialog; the new house is shown selected."""
        changes = self.actions.new_house()
        if changes:
            self.clear_narrowing()  # a house just added must be visible
            self._changed_here(self.actions.last_saved_id, changes)

    @_when_attached
    def edit_selected(self) -> None:
        changes = self.actions.edit_house(self._selected_id)
        if changes:
            self._changed_here(self._selected_id, changes)

    def _edit_row(self, row: int) -> None:
        """F2 or a double click on a row: edit that house (if the role may)."""
        if self.can_edit and self.actions is not None:
            house_id = self.model.row_at(row).id
            changes = self.actions.edit_house(house_id)
            if changes:
                self._changed_here(house_id, changes)

    def _open_row(self, row: int) -> None:
        """Enter on a row: show that house now and take the keyboard to its tabs."""
        self.select_house(self.model.row_at(row).id)
        self.detail.tabs.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @_when_attached
    def archive_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            changes = self.actions.archive_or_restore(row.id, row.archived, row.code)
            if changes:
                self._changed_here(row.id, changes)

    @_when_attached
    def open_operators(self) -> None:
        """운영자: the operators and the houses each runs."""
        changes = self.actions.manage_operators()
        if changes:
            self._changed_here(None, changes)

    @_when_attached
    def open_annual_plans(self) -> None:
        """연간계획: each year's plan against its execution."""
        changes = self.actions.annual_plans()
        if changes:
            self._changed_here(None, changes)

    def _archived_toggled(self, _checked: bool) -> None:
        self.set_rows(self.services.houses.list_houses())

    def _update_count(self) -> None:
        visible, total = self.model.visible_count, self.model.total_count
        if visible == total:
            text = self.tr("전체 {total}개소").format(total=f"{total:,}")
        else:
            text = self.tr("{total}개소 중 {visible}개소").format(
                total=f"{total:,}", visible=f"{visible:,}"
            )
        self.count_label.setText(text)
        filtered = any(self.model.field_filter(field) is not None for field in self.filters)
        if total == 0:
            empty = self.tr("아직 등록된 귀농인의 집이 없습니다.")
        elif visible == 0 and filtered and self.model.filter_text():
            empty = self.tr("검색어와 고른 조건에 모두 맞는 귀농인의 집이 없습니다.")
        elif visible == 0 and filtered:
            empty = self.tr("고른 조건에 맞는 귀농인의 집이 없습니다.")
        elif visible == 0:
            empty = self.tr("검색어에 맞는 귀농인의 집이 없습니다.")
        else:
            empty = self.tr("목록에서 귀농인의 집을 고르면 자세한 내용이 여기에 보입니다.")
        self.detail.set_empty_text(empty)
        self.export_button.setEnabled(visible > 0)
        self.clear_button.setEnabled(self.model.is_narrowed())
        self.sig_status.emit(self.status_text())

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
