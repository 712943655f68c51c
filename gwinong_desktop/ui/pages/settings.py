"""The 설정 page: county profile, rule values per year, backups and checks, the server, accounts.

Each section is a self-contained panel owned by its feature (``ui.register_settings``,
``ui.safety``, ``ui.accounts``); this page only lays them out and announces what a panel saved
(the county profile and the idle lock: ``Kind.SETTINGS``; rule values: ``Kind.RULES``; a
restore: everything). It is built the first time the officer opens it, so start-up does not pay
for panels nobody looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.permissions import Permission

from .base import Page, PageHost

if TYPE_CHECKING:
    from gwinong_desktop.services import Services


class SettingsPage(Page):
    """A scrolling column of titled sections."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        """Until :meth:`attach` (a start still loading) the sections wait."""
        super().__init__(host, parent)
        self.setObjectName("settingsPage")
        self.actor = host.actor
        self._built = False
        self.backup_panel: QWidget | None = None
        self.server_panel: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)

    def showEvent(self, event) -> None:
        if not self._built:
            self.build()
        super().showEvent(event)

    def attach(self, services: Services) -> None:
        super().attach(services)
        if self.isVisible():
            self.build()

    def build(self) -> None:
        """Create the sections (once, when there are services to show)."""
        if self._built or self.services is None:
            return
        self._built = True
        body = QWidget(self.scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.setSpacing(10)
        heading = QLabel(self.tr("설정"), body)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        for number, (title, make) in enumerate(self._sections()):
            if number:
                rule = QFrame(body)
                rule.setFrameShape(QFrame.Shape.HLine)
                rule.setStyleSheet("color: #d9e2dc; margin-top: 10px; margin-bottom: 4px;")
                layout.addWidget(rule)
            if title:  # panels that carry no heading of their own
                label = QLabel(title, body)
                label.setObjectName("sectionHeading")
                label.setStyleSheet("font-size: 15px; font-weight: 600;")
                layout.addWidget(label)
            layout.addWidget(make(body))
        layout.addStretch(1)
        self.scroll.setWidget(body)

    def _sections(self) -> list[tuple[str | None, Callable[[QWidget], QWidget]]]:
        """(heading, factory); None where the panel shows its own heading."""
        sections: list[tuple[str | None, Callable[[QWidget], QWidget]]] = [
            (None, self._county_profile),
            (None, self._rule_values),
            (None, self._days_off),
            (self.tr("백업·복원·데이터 점검"), self._backups),
        ]
        if self.services is not None and (
            self.services.ctx.allows(Permission.RESTORE) or self.services.safety.server
        ):  # moving up is 관리자's; where the data is, everyone may see once it is on a server
            sections.append((None, self._server))
        if self.actor is not None:
            sections += [(None, self._users), (None, self._security)]
        return sections

    def _county_profile(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.register_settings import CountyProfilePanel

        panel = CountyProfilePanel(self.services, parent)
        panel.sig_saved.connect(lambda *_: self.announce(Changes.of(Kind.SETTINGS)))
        return panel

    def _rule_values(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.register_settings import RuleValuesPanel

        panel = RuleValuesPanel(self.services, parent)
        panel.sig_saved.connect(lambda *_: self.announce(Changes.of(Kind.RULES)))
        return panel

    def _days_off(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.register_settings.days_off import DaysOffPanel

        panel = DaysOffPanel(self.services, parent)
        panel.sig_saved.connect(self.announce)
        return panel

    def _backups(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.safety import BackupPanel

        panel = BackupPanel(self.services, parent)
        may = self.services.ctx.allows
        panel.set_permissions(
            backup=may(Permission.BACKUP),
            restore=may(Permission.RESTORE),
            repair=may(Permission.REPAIR),
            settings=may(Permission.EDIT),
        )
        panel.sig_restored.connect(lambda *_: self.announce(Changes.everything()))
        self.backup_panel = panel
        return panel

    def _server(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.safety.server_panel import ServerPanel

        panel = ServerPanel(self.services, parent)
        panel.sig_moved.connect(lambda *_: self.announce(Changes.everything()))
        self.server_panel = panel
        return panel

    def _users(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.accounts.users_panel import UsersPanel

        assert self.actor is not None
        return UsersPanel(self.services, self.actor, parent)

    def _security(self, parent: QWidget) -> QWidget:
        from gwinong_desktop.ui.accounts.users_panel import SecurityPanel

        assert self.actor is not None
        panel = SecurityPanel(self.services, self.actor, parent)
        panel.sig_idle_minutes_changed.connect(
            lambda _minutes: self.announce(Changes.of(Kind.SETTINGS))
        )
        return panel
