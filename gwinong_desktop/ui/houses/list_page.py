"""The 귀농인의 집 page: search box, the house table, and the selected house's detail.

Rows come in once through :meth:`HousesPage.set_rows` (the main window loads them from the
service); every keystroke in the search box filters inside the model. The detail of the
selected house is asked of the service after a short pause, so holding an arrow key down through
a long list does not run one query per row passed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.services import Services
from gwinong_desktop.services.houses import HouseRow

from ..resources import icon
from .detail_pane import HouseDetailPane
from .table_model import HouseTableModel

DETAIL_DELAY_MS = 60
DETAIL_HEIGHT = 300
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


class HousesPage(QWidget):
    """The house list with search-as-you-type and a detail pane."""

    sig_house_selected = Signal(int)
    """The officer selected a house (its id); emitted once its detail is shown."""

    sig_count_changed = Signal(int, int)
    """The list now shows (visible, total) houses."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("housesPage")
        self.services = services
        self.model = HouseTableModel(self)
        self._selected_id: int | None = None

        heading = QLabel(self.tr("귀농인의 집"), self)
        heading.setObjectName("pageHeading")

        self.search = QLineEdit(self)
        self.search.setObjectName("houseSearch")
        self.search.setPlaceholderText(self.tr("관리번호·읍면·리·운영자 검색"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(340)
        self.search.setToolTip(
            self.tr("여러 낱말을 띄어 쓰면 모두 들어 있는 집만 보입니다 (예: 부귀 2019).")
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

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

        self.detail = HouseDetailPane(self)
        # the list above, the selected house below: the table keeps its full width for
        # nine columns, and the detail spreads over three columns
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("houseSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([320, DETAIL_HEIGHT])

        bar = QHBoxLayout()
        bar.setSpacing(12)
        bar.addWidget(heading)
        bar.addStretch(1)
        bar.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addWidget(self.search, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(10)
        layout.addLayout(bar)
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

    # --- data -------------------------------------------------------------------------------

    def set_rows(self, rows: list[HouseRow]) -> None:
        """Show these houses (already loaded); the search and the selection are kept."""
        selected = self._selected_id
        self.model.set_rows(rows)
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
            return
        self._selected_id = self.model.row_at(current.row()).id
        self._detail_timer.start()

    def _show_selected_detail(self) -> None:
        if self._selected_id is None:
            return
        detail = self.services.houses.detail(self._selected_id)
        self.detail.show_detail(detail, today=self.services.ctx.today())
        self.sig_house_selected.emit(self._selected_id)

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
        elif visible == 0:
            empty = self.tr("검색어에 맞는 귀농인의 집이 없습니다.")
        else:
            empty = self.tr("목록에서 귀농인의 집을 고르면 자세한 내용이 여기에 보입니다.")
        self.detail.set_empty_text(empty)
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
