"""The table every list of records is shown in, with the keys officers expect.

- **Enter** (or Return) on a row opens the record (``sig_open``); **F2** edits it
  (``sig_edit``); a double click edits it too. The view never edits cells itself.
- Whole rows are selected, one at a time; columns start at their declared widths and sort
  by clicking the header (the model sorts inside itself).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .model import RecordTableModel

ROW_HEIGHT = 30


class RecordTableView(QTableView):
    """A ``QTableView`` over a :class:`RecordTableModel`."""

    sig_open = Signal(int)
    """Enter on a row: open that record; carries the visible row."""

    sig_edit = Signal(int)
    """F2 or a double click on a row: edit that record; carries the visible row."""

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setResizeContentsPrecision(200)  # sizing looks at 200 rows, not 2,000
        for column, declared in enumerate(model.columns):
            header.resizeSection(column, declared.width)
        self.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_edit.emit(index.row())

    def current_row(self) -> int | None:
        index = self.currentIndex()
        return index.row() if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.current_row()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if row is not None and plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_open.emit(row)
            event.accept()
            return
        if row is not None and plain and event.key() == Qt.Key.Key_F2:
            self.sig_edit.emit(row)
            event.accept()
            return
        super().keyPressEvent(event)
