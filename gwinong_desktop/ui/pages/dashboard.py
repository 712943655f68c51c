"""The dashboard: the houses by status today, what needs the officer (the due list), and how
the program is doing (charts for a year and 읍·면).

The cards count the houses by status: from the first screen's house rows when the window starts
with them, else (and after every change) from ``ProgramStatsService.statuses_today`` — the
database counts them as the house list derives them, no list of 2,000 rows read for six
numbers; a card opens the house list filtered to its houses (공실: the
status filter set to 공실, nothing typed into the search). The due list
(``ui.dashboard.due_panel``) and the charts (``ui.dashboard.stats_panel``) load their data in the
background once the page has been painted, so the first paint never waits for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.services.house_rows import HouseRow

from ..dashboard.due_panel import DuePanel
from ..dashboard.stats_panel import StatsPanel
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
    """Counts of houses by status, the due list, and the program's charts."""

    shows = frozenset({
        Kind.HOUSES, Kind.RESIDENTS, Kind.RULES, Kind.RENT, Kind.WORKS, Kind.PLANS,
        Kind.INSPECTIONS, Kind.PHOTOS, Kind.LEASES, Kind.REPORTS, Kind.REMINDERS,
    })  # fmt: skip
    """The counts follow the houses' statuses (stays, rule values); the charts and the due list
    follow rent, works and plans, inspections, photos, leases, reports and reminders."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self._counted = False
        self._panels_due = False  # attached, the panels not loaded yet
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

        self.due_panel = DuePanel(self)
        self.stats_panel = StatsPanel(self)

        content = QWidget(self)
        content.setObjectName("dashboardContent")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 18, 24, 18)
        inner.setSpacing(12)
        inner.addWidget(heading)
        inner.addWidget(section)
        inner.addWidget(hint)
        inner.addLayout(grid)
        inner.addSpacing(8)
        inner.addWidget(self.due_panel)
        inner.addSpacing(8)
        inner.addWidget(self.stats_panel, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        if host.first is not None:
            self.set_rows(host.first.rows)

    def attach(self, services: Services) -> None:
        super().attach(services)
        if not self._counted:
            self.set_counts(self.services.program_stats.statuses_today())
        self._panels_due = True
        if self.isVisible():
            QTimer.singleShot(0, self.load_panels)

    def showEvent(self, event: QShowEvent) -> None:
        """The due list and the charts load when the page is first shown (after its paint),
        not when it is built: a start on another page never reads them."""
        super().showEvent(event)
        if self._panels_due and self.services is not None:
            QTimer.singleShot(0, self.load_panels)

    def refresh(self, changes: Changes) -> None:
        if changes.touches(Kind.HOUSES, Kind.RESIDENTS, Kind.RULES, Kind.WORKS):
            self.set_counts(self.services.program_stats.statuses_today())
        if self.isVisible():
            self.load_panels()
        else:
            self._panels_due = True  # loaded when next shown

    def load_panels(self) -> None:
        """Load the due list and the charts again, in the background."""
        self._panels_due = False
        self.due_panel.load(self.services)
        self.stats_panel.load(self.services)

    def show_houses(self, status: HouseStatus | None) -> None:
        """Open the house list with only the houses of ``status`` (None: every house)."""
        self.host.go("houses", status=status)

    def status_text(self) -> str:
        return self.tr("귀농인의 집 {total}개소").format(total=f"{self._total:,}")

    def set_rows(self, rows: list[HouseRow]) -> None:
        """Count the first screen's house rows (read before the services are attached)."""
        self.set_counts(Counter(row.status for row in rows))

    def set_counts(self, counts: Mapping[HouseStatus, int]) -> None:
        self._counted = True
        self._total = sum(counts.values())
        self.sig_status.emit(self.status_text())
        self.total_card.set_count(self._total)
        for status, card in self.cards.items():
            card.set_count(counts.get(status, 0))

    def counts(self) -> dict[str, str]:
        """What each card shows, by its title (for tests)."""
        shown = {self.total_card.title.text(): self.total_card.value.text()}
        shown.update({c.title.text(): c.value.text() for c in self.cards.values()})
        return shown
