"""The main window: navigation on the left, one page at a time on the right.

The houses are loaded once from ``HouseService`` and handed to the pages that show them (the
house list and the dashboard's counts); the status bar names the data folder and the count.
Window layout and the last page are kept in the ``QSettings`` given (``ui.settings``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop import version
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services.house_rows import HouseRow

from . import settings as opts
from .houses.list_page import HousesPage
from .pages.dashboard import DashboardPage
from .pages.settings import SettingsPage
from .pages.upcoming import UpcomingPage
from .resources import app_icon, nav_icon
from .style import MAIN_STYLE

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.first_screen import FirstScreen

APP_TITLE = "귀농인의 집 관리"
DEFAULT_SIZE = QSize(1280, 800)

# (page key, navigation label); the key is what the settings store, the label what officers see
PAGES: tuple[tuple[str, str], ...] = (
    ("dashboard", "대시보드"),
    ("houses", "귀농인의 집"),
    ("residents", "입주자"),
    ("rent", "임대료"),
    ("inspections", "점검·사진"),
    ("reports", "보고서"),
    ("settings", "설정"),
)
PAGE_KEYS = tuple(key for key, _ in PAGES)


class MainWindow(QMainWindow):
    """The application window over one open data folder."""

    sig_page_changed = Signal(str)
    """The officer switched to another page; carries the page key (``PAGE_KEYS``)."""

    sig_houses_loaded = Signal(int)
    """The house list was (re)loaded from the database; carries the number of houses."""

    def __init__(
        self,
        services: Services | None,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        actor: Actor | None = None,
        first: FirstScreen | None = None,
    ) -> None:
        """The window over ``services``; or, while they are still loading, the window over
        ``first`` (``services.first_screen``): the houses shown, nothing changeable, until
        :meth:`attach` gives it the services."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services: Services | None = None
        self.settings = settings
        self.actor = actor
        self.close_guards: list[Callable[[QWidget], bool]] = []
        """Asked in turn before the window closes (e.g. the exit backup); False keeps it open."""
        if services is not None:
            self.county, self.data_dir = services.county(), services.data_dir
        elif first is not None:
            self.county, self.data_dir = first.county, first.data_dir
        else:
            raise ValueError("MainWindow needs services or a first screen")
        self._rows: list[HouseRow] = []
        self._needs_services: list[QAction] = []
        """Menu commands that wait for :meth:`attach`."""

        self._set_title()
        self.setWindowIcon(app_icon())
        self.setStyleSheet(MAIN_STYLE)

        self.houses_page = HousesPage(None, self)
        self.dashboard_page = DashboardPage(self)
        self.settings_page = SettingsPage(None, actor, self)
        self.settings_page.sig_restored.connect(self.after_restore)
        self.settings_page.sig_profile_changed.connect(self.refresh_county)
        # a house's status follows the rule values (관리기간), so a changed rule reloads the list
        self.settings_page.sig_rules_changed.connect(self.reload)
        self._pages: dict[str, QWidget] = {}
        self.stack = QStackedWidget(self)
        self.navigation = QListWidget(self)
        self._build_navigation()
        self._build_central()
        self._build_menus()
        self._build_status_bar()

        self._layout = opts.PreserveGeometry(settings)
        self._layout.window(self, opts.MAIN_GEOMETRY, opts.MAIN_STATE)
        self._layout.splitter(self.houses_page.splitter, opts.HOUSES_SPLITTER)
        self._layout.header(self.houses_page.table.horizontalHeader(), opts.HOUSES_HEADER)
        restored = self._layout.restore()
        if opts.MAIN_GEOMETRY.key not in restored:
            self.resize(DEFAULT_SIZE)

        self.houses_page.sig_count_changed.connect(self._update_count)
        self.houses_page.sig_houses_changed.connect(self._houses_changed)
        self.dashboard_page.sig_show_houses.connect(self.show_houses)
        if services is not None:
            self.attach(services)
        else:
            assert first is not None
            self._show_rows(first.rows)
        if opts.HOUSES_HEADER.key not in restored:
            self.houses_page.fit_columns()
        last = opts.LAST_PAGE.read(settings)
        self.set_page(last if last in PAGE_KEYS else opts.LAST_PAGE.default)
        self.navigation.currentRowChanged.connect(self._on_navigation)

    # --- building ---------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        nav = self.navigation
        nav.setObjectName("navigation")
        nav.setIconSize(QSize(22, 22))
        nav.setFixedWidth(172)
        nav.setSpacing(1)
        nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key, label in PAGES:
            item = QListWidgetItem(nav_icon(key), self.tr(label))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(156, 40))
            nav.addItem(item)
            if key == "houses":
                page: QWidget = self.houses_page
            elif key == "dashboard":
                page = self.dashboard_page
            elif key == "settings":
                page = self.settings_page
            else:
                page = UpcomingPage(key, self)
            page.setObjectName(page.objectName() or f"{key}Page")
            self._pages[key] = page
            self.stack.addWidget(page)

    def _build_central(self) -> None:
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        self.nav_title = QLabel(self.county or self.tr("귀농인의 집"), side)
        self.nav_title.setObjectName("navTitle")
        side_layout.addWidget(self.nav_title)
        side_layout.addWidget(self.navigation, 1)
        side.setFixedWidth(self.navigation.width())

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("파일(&F)"))
        self.reload_action = QAction(self.tr("새로 고침(&R)"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload)
        file_menu.addAction(self.reload_action)
        file_menu.addSeparator()
        new_house = QAction(self.tr("새 귀농인의 집(&N)…"), self)
        new_house.setShortcut(QKeySequence.StandardKey.New)
        new_house.triggered.connect(self.new_house)
        file_menu.addAction(new_house)
        operators = QAction(self.tr("운영자 관리(&O)…"), self)
        operators.triggered.connect(self.houses_page.open_operators)
        file_menu.addAction(operators)
        plans = QAction(self.tr("연간계획(&P)…"), self)
        plans.triggered.connect(self.houses_page.open_annual_plans)
        file_menu.addAction(plans)
        file_menu.addSeparator()
        self.import_register_action = QAction(self.tr("관리대장 가져오기(&I)…"), self)
        self.import_register_action.triggered.connect(self.import_register)
        file_menu.addAction(self.import_register_action)
        self.export_register_action = QAction(self.tr("관리대장 내보내기(&E)…"), self)
        self.export_register_action.triggered.connect(self.export_register)
        file_menu.addAction(self.export_register_action)
        self._needs_services += [
            self.reload_action, new_house, operators, plans,
            self.import_register_action, self.export_register_action,
        ]  # fmt: skip
        for action in self._needs_services:
            action.setEnabled(False)  # until attach
        file_menu.addSeparator()
        quit_action = QAction(self.tr("끝내기(&X)"), self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = bar.addMenu(self.tr("이동(&G)"))
        for number, (key, label) in enumerate(PAGES, start=1):
            action = QAction(nav_icon(key), self.tr(label), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.set_page(k))
            go_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("도움말(&H)"))
        self.about_action = QAction(self.tr("정보(&A)"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(True)
        self.folder_label = QLabel(self.tr("데이터 폴더: {path}").format(path=self.data_dir), self)
        self.folder_label.setObjectName("folderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("statusCount")
        status.addWidget(self.folder_label, 1)
        status.addPermanentWidget(self.count_label)

    # --- behaviour --------------------------------------------------------------------------

    def attach(self, services: Services, *, reload: bool = True) -> None:
        """Work over ``services`` from now on (a window made over a first screen gets them
        here); ``reload=False`` keeps the rows shown, when they were read from the same data."""
        self.services = services
        self.houses_page.attach(services)
        self.settings_page.attach(services)
        for action in self._needs_services:
            action.setEnabled(True)
        if reload:
            self.reload()

    def reload(self) -> None:
        """Load the houses again from the database and show them on every page."""
        if self.services is not None:
            self._show_rows(self.services.houses.list_houses())

    def _show_rows(self, rows: list[HouseRow]) -> None:
        self._rows = rows
        self.houses_page.set_rows(self._rows)
        self.dashboard_page.set_rows(self._rows)
        self.sig_houses_loaded.emit(len(self._rows))

    def set_page(self, key: str) -> None:
        """Show the page ``key`` (one of ``PAGE_KEYS``) and remember it for the next start."""
        page = self._pages[key]
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        row = PAGE_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        opts.LAST_PAGE.write(self.settings, key)
        self.sig_page_changed.emit(key)

    def show_houses(self, search: str = "") -> None:
        """Open the house list searched for ``search`` (empty: every house)."""
        self.houses_page.set_search_text(search)
        self.set_page("houses")

    def new_house(self) -> None:
        self.set_page("houses")
        self.houses_page.new_house()

    def _houses_changed(self) -> None:
        """The house page saved a change and reloaded itself: bring the other pages along."""
        self._rows = self.houses_page.model.all_rows()
        self.dashboard_page.set_rows(self._rows)
        self.sig_houses_loaded.emit(len(self._rows))

    def import_register(self) -> None:
        """The register workbook import wizard; the list is reloaded after an import."""
        from gwinong_desktop.ui.register import RegisterImportWizard

        wizard = RegisterImportWizard(self.services, self)
        wizard.sig_imported.connect(lambda _summary: self.reload())
        wizard.open()

    def export_register(self) -> None:
        from gwinong_desktop.ui.register import export_register_dialog

        export_register_dialog(self, self.services)

    def refresh_county(self) -> None:
        """Read the county again (after the profile changed or a restore) and show it."""
        if self.services is None:
            return
        self.county = self.services.county()
        self._set_title()
        self.nav_title.setText(self.county or self.tr("귀농인의 집"))

    def after_restore(self) -> None:
        """A backup replaced the open data: show the restored data everywhere."""
        self.refresh_county()
        self.reload()

    def _set_title(self) -> None:
        self.setWindowTitle(
            f"{self.tr(APP_TITLE)} — {self.county}" if self.county else self.tr(APP_TITLE)
        )

    def current_page(self) -> str:
        return PAGE_KEYS[self.stack.currentIndex()]

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def _on_navigation(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.set_page(PAGE_KEYS[row])

    def _update_count(self, visible: int, total: int) -> None:
        if visible == total:
            text = self.tr("귀농인의 집 {total}개소").format(total=f"{total:,}")
        else:
            text = self.tr("귀농인의 집 {total}개소 중 {visible}개소 표시").format(
                total=f"{total:,}", visible=f"{visible:,}"
            )
        self.count_label.setText(text)

    def about_text(self) -> str:
        lines = [
            f"<b>{self.tr(APP_TITLE)}</b> {self.tr('버전')} {version()}",
            self.tr("귀농인의 집 조성·운영 관리 프로그램"),
            "",
            self.tr("데이터 폴더: {path}").format(path=html.escape(str(self.data_dir))),
        ]
        if self.county:
            lines.append(self.tr("시군: {county}").format(county=html.escape(self.county)))
        return "<br>".join(lines)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("정보"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        for guard in self.close_guards:
            if not guard(self):
                event.ignore()
                return
        self._layout.save()
        super().closeEvent(event)
