"""설정 › 휴무일: the county's own days off (임시공휴일, 군민의 날 …) that the holiday calendar does
not know. Public holidays and substitute holidays count by themselves; a day added here moves a
report deadline that falls on it to the next working day, like them.

A refused day (not a date, already a day off, no name) is said under the inputs and what was
typed stays; removing a day asks its reason, which the audit trail keeps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.services import Services

from ..forms.fields import ERROR_STYLE, ParseError, line, parse_date_text
from .rule_values import STYLE

WEEKDAYS = "월화수목금토일"


class DaysOffPanel(QWidget):
    """The list of the county's days off, a line to add one, and 삭제."""

    sig_saved = Signal(object)
    """A day off was added or removed (carries the service's ``Changes``)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("daysOffPanel")
        self.setStyleSheet(STYLE + ERROR_STYLE)
        self.services = services
        heading = QLabel(self.tr("시·군 휴무일"), self)
        heading.setObjectName("panelHeading")
        blurb = QLabel(
            self.tr(
                "공휴일과 대체공휴일은 저절로 반영됩니다. 임시공휴일처럼 달력에 없는 쉬는 날을 "
                "더하면, 그날이 기한인 보고는 다음 근무일로 미뤄집니다."
            ),
            self,
        )
        blurb.setObjectName("panelBlurb")
        blurb.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("daysOffList")
        self.list.setMaximumWidth(420)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(150)
        self.day = line("2026.10.2.", width=130)
        self.day.setObjectName("dayOffDate")
        self.name = line("임시공휴일", width=220)
        self.name.setObjectName("dayOffName")
        self.add_button = QPushButton(self.tr("추가"), self)
        self.add_button.setObjectName("addDayOff")
        self.add_button.clicked.connect(self.add)
        self.name.returnPressed.connect(self.add)
        self.remove_button = QPushButton(self.tr("삭제…"), self)
        self.remove_button.setObjectName("removeDayOff")
        self.remove_button.clicked.connect(self.remove)
        self.error = QLabel(self)
        self.error.setObjectName("panelError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("날짜"), self))
        row.addWidget(self.day)
        row.addWidget(QLabel(self.tr("이름"), self))
        row.addWidget(self.name)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(blurb)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.error)
        may = services.ctx.allows(Permission.EDIT)
        for widget in (self.day, self.name, self.add_button, self.remove_button):
            widget.setEnabled(may)
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for row in self.services.due.days_off():
            text = f"{format_date_ko(row.on)} ({WEEKDAYS[row.on.weekday()]})  {row.name}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
        if not self.list.count():
            empty = QListWidgetItem(self.tr("더한 휴무일이 없습니다."), self.list)
            empty.setData(Qt.ItemDataRole.UserRole, None)
        self._update()

    def _update(self) -> None:
        may = self.services.ctx.allows(Permission.EDIT)
        self.remove_button.setEnabled(may and self.selected_id() is not None)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def add(self) -> bool:
        """Add the typed day; a refusal is said below and the typed text stays."""
        self.error.clear()
        try:
            day = parse_date_text(self.day.text())
            if day is None:
                raise ParseError(self.tr("날짜를 적으세요 (예: 2026.10.2.)."))
            changes = self.services.due.add_day_off(day, self.name.text())
        except (ParseError, Refusal) as refusal:
            self.error.setText(refusal.message)
            return False
        self.day.clear()
        self.name.clear()
        self.reload()
        self.sig_saved.emit(changes)
        return True

    def remove(self) -> bool:
        day_off_id = self.selected_id()
        if day_off_id is None:
            return False
        from ..forms.record_dialog import ask_reason

        text = self.list.currentItem().text()
        reason = ask_reason(
            self,
            self.tr("휴무일 삭제"),
            self.tr("{day}을(를) 휴무일에서 뺍니다. 까닭을 적으세요.").format(day=text),
        )
        if reason is None:
            return False
        try:
            changes = self.services.due.remove_day_off(day_off_id, reason)
        except Refusal as refusal:
            self.error.setText(refusal.message)
            return False
        self.reload()
        self.sig_saved.emit(changes)
        return True
