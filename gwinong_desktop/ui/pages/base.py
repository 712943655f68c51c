"""The contract every page of the main window implements, and how the window knows its pages.

A page is a :class:`Page` (a ``QWidget``) named by a :class:`PageSpec` in
``ui.pages.registry.PAGES``: its key, its title, its icon and the ``module:Class`` that builds
it. The window imports that module only when the page is first opened, so a page's heavy
imports never slow the start.

The contract (override what the page needs):

- ``__init__(host, parent)``: build the widgets. ``host.services`` may still be None (the first
  screen of a start, before SQLAlchemy has loaded); ``host.first`` then holds what was read
  ahead (the houses). Do not load from services here.
- ``attach(services)``: the services are there (at once, or once the start has loaded them);
  load what the page shows unless it shows it already. ``self.services`` is set by the base.
- ``shows``: the kinds of records (``domain.changes.Kind``) the page shows; the base's
  ``on_changes`` calls ``refresh(changes)`` when a change touches one of them.
- ``refresh(changes)``: load again what the page shows, keeping the selection and filters. It
  is also called with ``Changes.everything()`` when the window finds data changed by someone else
  (on focus) and on F5 (새로 고침): one place, the window, never a timer per page.
- ``announce(changes)``: after the page changed something, say what (the window passes it to
  every page, this one included; never reload another page by hand).
- ``show_records(**criteria)``: another page asked to see some records here (the dashboard's
  공실 card opens the house list filtered to vacant houses: ``status=HouseStatus.VACANT``).
- ``status_text()`` / ``sig_status``: the line the window's status bar shows for this page.
- ``keep_layout(layout)``: register splitters and headers whose state is kept between runs on
  ``layout`` (``ui.settings.PreserveGeometry``) and restore them (the window saves it on close).
- ``commands`` in the spec: menu entries the window adds for the page (``PageCommand``); it
  opens the page and calls the named method, so the page still loads only when used.

A page built outside a window (a test, a tool) uses :meth:`Page.standalone`: its own
announcements come back to its ``on_changes``. A tab whose panel lives in another module, built
the first time the tab is shown, is a :class:`LazyTab`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.permissions import Actor

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.first_screen import FirstScreen

    from ..settings import PreserveGeometry


@dataclass(frozen=True)
class PageCommand:
    """A menu entry for a page: the window opens the page and calls ``method`` on it."""

    method: str
    label: str
    """Korean source text with its accelerator (translated in the ``MainWindow`` context)."""
    shortcut: str | None = None
    """A ``QKeySequence`` string or standard key name (``"New"``), or None."""
    separator_before: bool = False


@dataclass(frozen=True)
class PageSpec:
    """One entry of the page registry."""

    key: str
    """Stored as the last page; names the page in code and tests."""
    title: str
    """The navigation label (Korean source text, translated in the ``MainWindow`` context)."""
    target: str
    """``"package.module:Class"`` of the page; imported when the page is first opened."""
    icon: str = ""
    """The navigation icon's name (``ui.resources.NAV_ICONS``); default the key."""
    options: dict[str, Any] = field(default_factory=dict)
    """Keyword arguments for the page's constructor (e.g. which kind of list a page shows)."""
    commands: tuple[PageCommand, ...] = ()
    """Entries of the 파일 menu that work on this page (they wait for the services)."""
    badge: str = ""
    """``"service.method"`` of ``Services`` giving how many things wait on this page (shown
    beside its title in the navigation when more than 0), read once the services are there and
    again whenever a change touches ``badge_kind`` — without building the page."""
    badge_kind: Kind | None = None

    @property
    def icon_name(self) -> str:
        return self.icon or self.key

    def label(self) -> str:
        return QCoreApplication.translate("MainWindow", self.title)

    def load(self) -> type[Page]:
        module_name, _, class_name = self.target.partition(":")
        page_class = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(page_class, type) and issubclass(page_class, Page)):
            raise TypeError(f"{self.target} is not a Page")
        return page_class


@dataclass
class PageHost:
    """What the window gives a page when it builds it."""

    services: Services | None = None
    actor: Actor | None = None
    first: FirstScreen | None = None
    """What the start read ahead of the services (the houses), while they load."""
    go: Callable[..., None] = lambda key, **criteria: None
    """``go(key, **criteria)``: open another page, showing the records ``criteria`` name."""
    standalone: bool = False


class Page(QWidget):
    """Base of every page (see the module's docstring for the contract)."""

    shows: ClassVar[frozenset[Kind]] = frozenset()
    """The kinds of records this page shows (it refreshes when one is touched)."""

    sig_changed = Signal(object)
    """This page changed records; carries the ``Changes`` (the window announces it to all)."""

    sig_status = Signal(str)
    """The page's status-bar line changed; carries the new text."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.services: Services | None = None
        if host.standalone:
            self.sig_changed.connect(self.on_changes)

    @classmethod
    def standalone(
        cls, services: Services | None, *, actor: Actor | None = None, **options: Any
    ) -> Page:
        """The page outside a window (tests, tools), attached to ``services`` if given."""
        page = cls(PageHost(services=services, actor=actor, standalone=True), None, **options)
        if services is not None:
            page.attach(services)
        return page

    def attach(self, services: Services) -> None:
        self.services = services

    def on_changes(self, changes: Changes) -> None:
        """Something was changed somewhere; refresh if it touches what this page shows."""
        if self.services is not None and changes.touches(*self.shows):
            self.refresh(changes)

    def refresh(self, changes: Changes) -> None:
        """Load again what the page shows (``changes`` says what was touched)."""

    def announce(self, changes: Changes) -> None:
        """Tell every page (through the window) what this page just changed."""
        if changes:
            self.sig_changed.emit(changes)

    def show_records(self, **criteria: Any) -> None:
        """Show the records ``criteria`` name (another page asked for them)."""

    def status_text(self) -> str:
        return ""

    def keep_layout(self, layout: PreserveGeometry) -> None:
        """Register splitters and headers on ``layout`` and restore them (``layout.restore()``);
        the window saves ``layout`` when it closes."""


class LazyTab(QWidget):
    """A tab of ``tabs`` whose panel is imported from ``target`` (``"module:Class"``) and built
    the first time the tab is shown (or :meth:`build` is called), so the page opens without it.

    ``make(panel_class, holder)`` builds the panel with ``holder`` (this tab) as its parent, or
    returns None when it cannot yet (no services): it is asked again the next time. The panel
    fills the tab. The tab's own slot runs before the page's ``currentChanged`` slots connected
    after it, so those find the panel built.
    """

    def __init__(
        self,
        tabs: QTabWidget,
        title: str,
        target: str,
        make: Callable[[type, QWidget], QWidget | None],
        *,
        name: str,
        top_margin: int = 0,
    ) -> None:
        super().__init__(tabs)
        self.setObjectName(name)
        QVBoxLayout(self).setContentsMargins(0, top_margin, 0, 0)
        self.panel: QWidget | None = None
        self._tabs = tabs
        self._target = target
        self._make = make
        tabs.addTab(self, title)
        tabs.currentChanged.connect(self._shown)

    def _shown(self, index: int) -> None:
        if self._tabs.widget(index) is self:
            self.build()

    def build(self) -> QWidget | None:
        """The panel, imported and built now if it is not yet (None when ``make`` declined)."""
        if self.panel is None:
            module_name, _, class_name = self._target.partition(":")
            panel_class = getattr(importlib.import_module(module_name), class_name)
            self.panel = self._make(panel_class, self)
            if self.panel is not None:
                self.layout().addWidget(self.panel)
        return self.panel
