"""Editable tables of lines inside a form: obligations (원인행위) and own-fund payments.

Cells are typed as text and parsed on save; a cell that is no value is coloured and its message
goes under the table. A line keeps its database id (``Qt.UserRole`` of its first cell), so a
saved line is updated, a new one added, and a line taken out is archived by the service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import FundingSource
from gwinong_desktop.services.works import SUBSIDY_SOURCES, ObligationLine, OwnPaymentLine

from .fields import (
    ParseError,
    date_text,
    enum_value,
    money_text,
    parse_date_text,
    parse_money_text,
)

BAD_CELL = QColor("#fde4e1")
REFUSED_TEXT = Qt.ItemDataRole.UserRole + 1
"""The text a marked cell held when it was refused."""
Problem = tuple[str, str]


class LineTable(QWidget):
    """A table with "줄 추가" / "줄 빼기"; subclasses say what the columns are."""

    HEADERS: tuple[str, ...] = ()
    WIDTHS: tuple[int, ...] = ()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setObjectName(f"{name}Table")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        for column, width in enumerate(self.WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemChanged.connect(self._typed)
        self.add_button = QPushButton(self.tr("줄 추가"), self)
        self.add_button.setObjectName(f"{name}Add")
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button = QPushButton(self.tr("줄 빼기"), self)
        self.remove_button.setObjectName(f"{name}Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_line(self, values: Sequence[str] = (), line_id: int | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(len(self.HEADERS)):
            self._put(row, column, values[column] if column < len(values) else "")
        first = self.table.item(row, 0)
        if first is not None:
            first.setData(Qt.ItemDataRole.UserRole, line_id)
        return row

    def _put(self, row: int, column: int, text: Any) -> None:
        self.table.setItem(row, column, QTableWidgetItem(str(text)))

    def _typed(self, item: QTableWidgetItem) -> None:
        """A cell marked wrong loses its colour once the officer types something else in it."""
        refused = item.data(REFUSED_TEXT)
        if refused is not None and item.text() != refused:
            item.setData(REFUSED_TEXT, None)
            item.setBackground(QBrush())

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def line_id(self, row: int) -> int | None:
        item = self.table.item(row, 0)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def _parse(
        self, row: int, column: int, parser: Callable[[str], Any], field: str, where: str,
        problems: list[Problem],
    ) -> Any:  # fmt: skip
        item = self.table.item(row, column)
        try:
            value = parser(self.text(row, column))
        except ParseError as exc:
            problems.append((f"{self.name}.{row}.{field}", f"{where}: {exc.message}"))
            self.mark(row, column)
            return None
        if item is not None:
            item.setData(REFUSED_TEXT, None)
            item.setBackground(QBrush())
        return value

    def mark(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if item is not None:
            item.setData(REFUSED_TEXT, item.text())
            item.setBackground(QBrush(BAD_CELL))


class ObligationTable(LineTable):
    HEADERS = ("원인행위일", "재원", "금액(원)", "계약 상대방", "비고")
    WIDTHS = (110, 90, 130, 170, 120)
    DATE, SOURCE, AMOUNT, CONTRACTOR, NOTE = range(5)

    def _put(self, row: int, column: int, text: Any) -> None:
        if column == self.SOURCE:
            combo = QComboBox(self.table)
            combo.addItem(self.tr("고르세요"), None)
            for source in SUBSIDY_SOURCES:
                combo.addItem(source.label, source)
            index = combo.findText(str(text)) if text else 0
            combo.setCurrentIndex(max(index, 0))
            self.table.setItem(row, column, QTableWidgetItem(""))
            self.table.setCellWidget(row, column, combo)
            return
        super()._put(row, column, text)

    def source_combo(self, row: int) -> QComboBox:
        combo = self.table.cellWidget(row, self.SOURCE)
        assert isinstance(combo, QComboBox)
        return combo

    def set_lines(self, lines: list[ObligationLine]) -> None:
        self.table.setRowCount(0)
        for o in lines:
            self.add_line(
                (date_text(o.obligated_on), o.source.label if o.source else "",
                 money_text(o.amount), o.contractor, o.note),
                o.id,
            )  # fmt: skip

    def lines(self, problems: list[Problem]) -> list[ObligationLine]:
        out = []
        for row in range(self.table.rowCount()):
            where = self.tr("원인행위 {n}번째 줄").format(n=row + 1)
            source: FundingSource | None = enum_value(self.source_combo(row), FundingSource)
            out.append(
                ObligationLine(
                    obligated_on=self._parse(row, self.DATE, parse_date_text, "obligated_on",
                                             where, problems),
                    amount=self._parse(row, self.AMOUNT, parse_money_text, "amount", where,
                                       problems),
                    source=source,
                    contractor=self.text(row, self.CONTRACTOR),
                    note=self.text(row, self.NOTE),
                    id=self.line_id(row),
                )
            )  # fmt: skip
        return out


class PaymentTable(LineTable):
    HEADERS = ("집행일", "금액(원)", "비고")
    WIDTHS = (110, 130, 200)
    DATE, AMOUNT, NOTE = range(3)

    def set_lines(self, lines: list[OwnPaymentLine]) -> None:
        self.table.setRowCount(0)
        for p in lines:
            self.add_line((date_text(p.paid_on), money_text(p.amount), p.note), p.id)

    def lines(self, problems: list[Problem]) -> list[OwnPaymentLine]:
        out = []
        for row in range(self.table.rowCount()):
            where = self.tr("자부담 집행 {n}번째 줄").format(n=row + 1)
            out.append(
                OwnPaymentLine(
                    paid_on=self._parse(row, self.DATE, parse_date_text, "paid_on", where,
                                        problems),
                    amount=self._parse(row, self.AMOUNT, parse_money_text, "amount", where,
                                       problems),
                    note=self.text(row, self.NOTE),
                    id=self.line_id(row),
                )
            )  # fmt: skip
        return out
