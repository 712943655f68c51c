"""챙길 일: the due list on the dashboard (``Services.due``), overdue first, each row a click (or
Enter) from its record, dismiss and snooze from the context menu with a reason.

The list is computed in the background (``tasks.BackgroundTask``) after the page is painted:
the first due list imports the holiday calendar, which never happens at start-up. A load asked
while one runs is done once that one ends, so the list always ends up current.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.due import DueItem
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.tasks import BackgroundTask

from ..records.columns import Align, Column
from ..records.model import RecordTableModel
from ..records.view import RecordTableView

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.services import Services

    from ..pages.base import Page

CONTEXT = "DuePanel"
OVERDUE_COLOUR = "#b3261e"

SNOOZES = (
    (7, QT_TRANSLATE_NOOP("DuePanel", "1주 뒤에 다시 알림…")),
    (14, QT_TRANSLATE_NOOP("DuePanel", "2주 뒤에 다시 알림…")),
    (30, QT_TRANSLATE_NOOP("DuePanel", "한 달 뒤에 다시 알림…")),
)


def _when(item: DueItem) -> str:
    return format_date_ko(item.due_on)


def _colour(item: DueItem) -> str | None:
    return OVERDUE_COLOUR if item.overdue else None


COLUMNS: tuple[Column[DueItem], ...] = (
    Column("due_on", QT_TRANSLATE_NOOP(CONTEXT, "기한"), _when,
           sort=lambda i: (not i.overdue, i.due_on), align=Align.RIGHT, colour=_colour,
           tooltip=lambda i: "기한이 지났습니다" if i.overdue else None, width=96),
    Column("kind", QT_TRANSLATE_NOOP(CONTEXT, "종류"), lambda i: i.kind_label, colour=_colour,
           width=150),
    Column("record", QT_TRANSLATE_NOOP(CONTEXT, "대상"), lambda i: i.record_label, width=190),
    Column("action", QT_TRANSLATE_NOOP(CONTEXT, "할 일"), lambda i: i.action,
           tooltip=lambda i: i.action, width=420),
)  # fmt: skip


def _load(state: TaskState, services: Services, hidden: bool) -> list[DueItem]:
    state.report(0, 0, "챙길 일 계산")
    return services.due.items(hidden=hidden)


class DuePanel(QWidget):
    """The due list: overdue first; Enter or a double click opens the record's page."""

    sig_loaded = Signal(int)
    """The list was (re)loaded; carries how many reminders it shows."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.page = page
        self.services: Services | None = None
        self.setObjectName("duePanel")
        self._pending = False
        self.task = BackgroundTask(self)
        self.task.sig_finished.connect(self._loaded)
        self.task.sig_failed.connect(self._failed)

        heading = QLabel(self.tr("챙길 일"), self)
        heading.setObjectName("sectionHeading")
        self.count = QLabel(self.tr("불러오는 중…"), self)
        self.count.setObjectName("dueCount")
        self.show_hidden = QCheckBox(self.tr("숨기거나 미룬 알림 보기"), self)
        self.show_hidden.setObjectName("dueShowHidden")
        self.show_hidden.toggled.connect(lambda _on: self.reload())
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.count, 1)
        top.addWidget(self.show_hidden)

        self.model: RecordTableModel[DueItem] = RecordTableModel(
            COLUMNS, context=CONTEXT, record_id=lambda i: i.subject, parent=self
        )
        self.table = RecordTableView(self.model, self)
        self.table.setObjectName("dueTable")
        self.table.sig_open.connect(lambda _row: self.open_selected())
        self.table.setContextMenuPolicy(self.table.contextMenuPolicy().CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.setToolTip(
            self.tr("두 번 누르거나 Enter: 해당 기록 열기 · 오른쪽 단추: 숨기기·미루기")
        )
        for column, declared in enumerate(COLUMNS):
            self.table.setColumnWidth(column, declared.width)
        self.table.horizontalHeader().setStretchLastSection(True)
        # What needs the officer today is the page's first job: room for about eight rows
        # before the charts, not a two-row strip (the page scrolls).
        rows = 8 * self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(rows + self.table.horizontalHeader().sizeHint().height() + 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    # --- loading -----------------------------------------------------------------------------

    def load(self, services: Services) -> None:
        """Compute the due list in the background (the page calls this once it is shown)."""
        self.services = services
        self.reload()

    def reload(self) -> None:
        if self.services is None:
            return
        if self.task.running:
            self._pending = True
            return
        self._pending = False
        self.task.start(_load, self.services, self.show_hidden.isChecked())

    def _loaded(self, items: list[DueItem]) -> None:
        if self._pending:
            self.reload()
            return
        self.model.set_rows(items)
        overdue = sum(1 for i in items if i.overdue)
        if self.show_hidden.isChecked():
            text = self.tr("숨기거나 미룬 알림 {n}건").format(n=f"{len(items):,}")
        elif items:
            text = self.tr("기한 지남 {o}건 · 모두 {n}건").format(
                o=f"{overdue:,}", n=f"{len(items):,}"
            )
        else:
            text = self.tr("오늘 챙길 일이 없습니다.")
        self.count.setText(text)
        self.sig_loaded.emit(len(items))

    def _failed(self, message: str) -> None:
        self.count.setText(self.tr("챙길 일을 계산하지 못했습니다: {m}").format(m=message))
        if self._pending:
            self.reload()

    # --- acting on a reminder ------------------------------------------------------------------

    def selected(self) -> DueItem | None:
        row = self.table.current_row()
        return self.model.row_at(row) if row is not None else None

    def open_selected(self) -> None:
        """Open the page of the chosen reminder's record, showing that record."""
        item = self.selected()
        if item is not None:
            self.page.host.go(item.page, **item.criteria)

    def _menu(self, at: QPoint) -> None:
        item = self.selected()
        if item is None:
            return
        menu = self.context_menu(item)
        menu.exec(self.table.viewport().mapToGlobal(at))
        menu.deleteLater()

    def context_menu(self, item: DueItem) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.tr("열기"), self.open_selected)
        menu.addSeparator()
        may = self.services is not None and self.services.ctx.allows(Permission.EDIT)
        if self.show_hidden.isChecked():
            menu.addAction(self.tr("다시 알리기…"), lambda: self.restore(item)).setEnabled(may)
            return menu
        menu.addAction(self.tr("처리함 (숨기기)…"), lambda: self.dismiss(item)).setEnabled(may)
        for days, label in SNOOZES:
            action = menu.addAction(self.tr(label), lambda d=days: self.snooze(item, d))
            action.setEnabled(may)
        return menu

    def dismiss(self, item: DueItem) -> bool:
        text = self.tr("이 알림을 더 보이지 않게 합니다. 처리한 내용이나 숨기는 까닭을 적으세요.")
        reason = self._reason(self.tr("알림 숨기기"), item, text)
        return reason is not None and self._answer(
            lambda: self._due().dismiss(item.subject, reason)
        )

    def snooze(self, item: DueItem, days: int) -> bool:
        until = self._today() + timedelta(days=days)
        text = self.tr("{d}부터 다시 알립니다. 미루는 까닭을 적으세요.")
        reason = self._reason(self.tr("알림 미루기"), item, text.format(d=format_date_ko(until)))
        return reason is not None and self._answer(
            lambda: self._due().snooze(item.subject, until, reason)
        )

    def restore(self, item: DueItem) -> bool:
        text = self.tr("이 알림을 다시 목록에 올립니다. 까닭을 적으세요.")
        reason = self._reason(self.tr("다시 알리기"), item, text)
        return reason is not None and self._answer(
            lambda: self._due().restore(item.subject, reason)
        )

    def _reason(self, title: str, item: DueItem, text: str) -> str | None:
        from ..forms.record_dialog import ask_reason  # the dialogs load when first used

        prompt = f"{item.kind_label} · {item.record_label} ({_when(item)})\n{item.action}\n\n{text}"
        return ask_reason(self, title, prompt)

    def _due(self) -> Any:
        assert self.services is not None
        return self.services.due

    def _today(self) -> date:
        assert self.services is not None
        return self.services.ctx.today()

    def _answer(self, work: Any) -> bool:
        try:
            changes = work()
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("챙길 일"), refusal.message)
            return False
        self.page.announce(changes)
        self.reload()
        return True
