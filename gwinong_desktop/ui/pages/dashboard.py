"""The dashboard: what can be counted today (houses by status), and what is still to come.

Only real numbers: they are counted from the house list (read ahead on the first screen, from
``HouseService`` once attached). A card opens the house list filtered to its houses (공실: the
status filter set to 공실, nothing typed into the search). Deadlines, expiring leases, arrears
and open findings need services that do not exist yet; the note says so.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.services.house_rows import HouseRow

from ..houses.table_model import STATUS_COLOURS
from .base import Page, PageHost

if TYPE_CHECKING:
    from gwinong_desktop.services import Services


class _Card(QFrame):
    """A count; clicking it opens the house list showing those houses."""

    sig_clicked = Signal(object)
    """The card was clicked; carries the status it counts (None: every house)."""

    def __init__(
        self, title: str, colour: str | None, parent: QWidget, status: HouseStatus | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.status = status
        self.colour = colour
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("눌러서 귀농인의 집 목록에서 보기"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.title = QLabel(title, self)
        self.title.setObjectName("statTitle")
        self.value = QLabel("0", self)
        self.value.setObjectName("statValue")
        layout.addWidget(self.title)
        layout.addWidget(self.value)

    def set_count(self, count: int) -> None:
        self.value.setText(self.tr("{n}개소").format(n=f"{count:,}"))
        colour = self.colour if count and self.colour else "#1f2a24" if count else "#9aa39e"
        self.value.setStyleSheet(f"color: {colour};")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.sig_clicked.emit(self.status)
        super().mouseReleaseEvent(event)


class DashboardPage(Page):
    """Counts of houses by status; the rest of the dashboard described as coming."""

    shows = frozenset(Kind) - {Kind.ACCOUNTS, Kind.SETTINGS, Kind.FIELD_KITS}
    """The counts follow the houses' statuses (stays, rule values); the due list almost
    everything."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self._counted = False
        self._total = 0
        self.setObjectName("dashboardPage")
        heading = QLabel(self.tr("대시보드"), self)
        heading.setObjectName("pageHeading")
        section = QLabel(self.tr("귀농인의 집 현황"), self)
        section.setObjectName("sectionHeading")
        hint = QLabel(self.tr("숫자를 누르면 해당하는 집의 목록을 봅니다."), self)
        hint.setObjectName("pageBlurb")

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        self.total_card = _Card(self.tr("전체"), None, self, None)
        self.total_card.sig_clicked.connect(self.show_houses)
        grid.addWidget(self.total_card, 0, 0)
        self.cards: dict[HouseStatus, _Card] = {}
        for column, status in enumerate(HouseStatus, start=1):
            card = _Card(status.label, STATUS_COLOURS[status], self, status)
            card.sig_clicked.connect(self.show_houses)
            self.cards[status] = card
            grid.addWidget(card, 0, column)
        for column in range(len(HouseStatus) + 1):
            grid.setColumnStretch(column, 1)

        from ..dashboard.due_panel import DuePanel

        self.due = DuePanel(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(section)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.due, 1)
        if host.first is not None:
            self.set_rows(host.first.rows)

    def attach(self, services: Services) -> None:
        super().attach(services)
        if not self._counted:
            self.set_rows(services.houses.list_houses())
        self.due.load(services)

    def refresh(self, changes: Changes) -> None:
        if changes.touches(Kind.HOUSES, Kind.RESIDENTS, Kind.RULES):
            self.set_rows(self.services.houses.list_houses())
        self.due.reload()

    def show_houses(self, status: HouseStatus | None) -> None:
        """Open the house list with only the houses of ``status`` (None: every house)."""
        self.host.go("houses", status=status)

    def status_text(self) -> str:
        return self.tr("귀농인의 집 {total}개소").format(total=f"{self._total:,}")

    def set_rows(self, rows: list[HouseRow]) -> None:
        self._counted = True
        self._total = len(rows)
        self.sig_status.emit(self.status_text())
        counts = Counter(row.status for row in rows)
        self.total_card.set_count(len(rows))
        for status, card in self.cards.items():
            card.set_count(counts.get(status, 0))

    def counts(self) -> dict[str, str]:
        """What each card shows, by its title (for tests)."""
        shown = {self.total_card.title.text(): self.total_card.value.text()}
        shown.update({c.title.text(): c.value.text() for c in self.cards.values()})
        return shown
