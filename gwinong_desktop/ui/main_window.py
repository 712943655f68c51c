"""The main window: navigation on the left, one page at a time on the right.

The window knows its pages only through the registry (``ui.pages.registry.PAGES``): it builds
the navigation, the 이동 menu (Ctrl+1 …) and each page's menu commands from it, and creates a
page the first time it is opened (its module is imported then). Every page implements the
contract of ``ui.pages.base.Page``.

Changes go through one hub: whatever changed records — a page, a dialog, an import, a restore
— ends in :meth:`MainWindow.announce` with a ``domain.changes.Changes``, which ``sig_changed``
carries to every page's ``on_changes`` (the page shown at once; a page not shown gets what it
missed when it is next opened). The status bar names the data folder and shows the current
page's line (``Page.status_text``). Window layout and the last page are kept in the
``QSettings`` given (``ui.settings``).

Changes made elsewhere — another PC on a server database, the CLI on the same SQLite file —
reach the pages too: when the window gets the focus it asks ``Services.change_mark`` (the
newest change event's id, one query on the primary key) and, if it moved since the pages last
loaded, announces ``Changes.everything()`` (each page reloads keeping its selection and
filters, as for its own changes). F5 (새로 고침) reloads always. The window keeps the mark:
every dispatch moves it on, and widens to everything a dispatch that finds changes by someone
else since the mark.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, Signal
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
from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.permissions import Actor

from . import settings as opts
from .pages.base import Page, PageCommand, PageHost, PageSpec
from .pages.registry import PAGE_KEYS, PAGES, page_spec
from .resources import app_icon, nav_icon
from .style import MAIN_STYLE

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.first_screen import FirstScreen

APP_TITLE = "귀농인의 집 관리"
DEFAULT_SIZE = QSize(1280, 800)

__all__ = ["APP_TITLE", "PAGES", "PAGE_KEYS", "MainWindow"]


class MainWindow(QMainWindow):
    """The application window over one open data folder."""

    sig_page_changed = Signal(str)
    """The officer switched to another page; carries the page key (``PAGE_KEYS``)."""

    sig_changed = Signal(object)
    """Records were changed (by a page, a dialog, an import, a restore); carries the
    ``Changes``. Every page hears it through ``on_changes``; anything else may listen too."""

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
        self.services: Services | None = services
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
        self.field_copy_label = ""
        """ "현장용 사본 (…)" when the folder is a field kit (read with the services)."""
        self.host = PageHost(services=services, actor=actor, first=first, go=self.go)
        self._pages: dict[str, Page] = {}
        self._missed: dict[str, Changes] = {}
        """Changes announced while a page was not shown: handed over when it is opened."""
        self._page_layouts: list[opts.PreserveGeometry] = []
        self._needs_services: list[QAction] = []
        """Menu commands that wait for :meth:`attach`."""
        self._mark: int | None = None
        """The newest change event the pages have loaded after (``Services.change_mark``)."""

        self._set_title()
        self.setWindowIcon(app_icon())
        self.setStyleSheet(MAIN_STYLE)

        self.stack = QStackedWidget(self)
        self.navigation = QListWidget(self)
        self._build_navigation()
        self._build_central()
        self._build_menus()
        self._build_status_bar()

        self._layout = opts.PreserveGeometry(settings)
        self._layout.window(self, opts.MAIN_GEOMETRY, opts.MAIN_STATE)
        if opts.MAIN_GEOMETRY.key not in self._layout.restore():
            self.resize(DEFAULT_SIZE)

        self.sig_changed.connect(self._dispatch)
        last = opts.LAST_PAGE.read(settings)
        self.set_page(last if last in PAGE_KEYS else opts.LAST_PAGE.default, focus=True)
        if services is not None:
            self._enable_commands()
            QTimer.singleShot(0, self, self._first_badges)
        self.navigation.currentRowChanged.connect(self._on_navigation)

    # --- building ---------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        nav = self.navigation
        nav.setObjectName("navigation")
        nav.setIconSize(QSize(22, 22))
        nav.setFixedWidth(172)
        nav.setSpacing(1)
        nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in PAGES:
            item = QListWidgetItem(nav_icon(spec.icon_name), spec.label())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(156, 40))
            nav.addItem(item)

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
        from .field_kit.banner import FieldCopyBanner

        self.field_copy_banner = FieldCopyBanner(central)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.field_copy_banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("파일(&F)"))
        self.reload_action = QAction(self.tr("새로 고침(&R)"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload)
        file_menu.addAction(self.reload_action)
        self._needs_services.append(self.reload_action)
        self.page_commands: dict[tuple[str, str], QAction] = {}
        """The menu commands of the pages, by (page key, method)."""
        for spec in PAGES:
            for command in spec.commands:
                if command.separator_before:
                    file_menu.addSeparator()
                action = self._page_command(spec, command)
                file_menu.addAction(action)
        file_menu.addSeparator()
        self.import_register_action = QAction(self.tr("관리대장 가져오기(&I)…"), self)
        self.import_register_action.triggered.connect(self.import_register)
        file_menu.addAction(self.import_register_action)
        self.export_register_action = QAction(self.tr("관리대장 전체 내보내기(&E)…"), self)
        self.export_register_action.setStatusTip(
            self.tr("모든 귀농인의 집의 관리대장을 도 서식의 통합 문서로 씁니다.")
        )
        self.export_register_action.triggered.connect(self.export_register)
        file_menu.addAction(self.export_register_action)
        self.export_field_kit_action = QAction(self.tr("현장 자료 내보내기(&K)…"), self)
        self.export_field_kit_action.setStatusTip(
            self.tr("고른 귀농인의 집의 자료를 노트북에서 쓸 현장용 사본으로 만듭니다.")
        )
        self.export_field_kit_action.triggered.connect(self.export_field_kit)
        file_menu.addAction(self.export_field_kit_action)
        self._needs_services += [
            self.import_register_action, self.export_register_action,
            self.export_field_kit_action,
        ]  # fmt: skip
        for action in self._needs_services:
            action.setEnabled(False)  # until attach
        file_menu.addSeparator()
        quit_action = QAction(self.tr("끝내기(&X)"), self)
        quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = bar.addMenu(self.tr("이동(&G)"))
        for number, spec in enumerate(PAGES, start=1):
            action = QAction(nav_icon(spec.icon_name), spec.label(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=spec.key: self.set_page(k, focus=True))
            go_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("도움말(&H)"))
        self.about_action = QAction(self.tr("정보(&A)"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _page_command(self, spec: PageSpec, command: PageCommand) -> QAction:
        """A menu entry that opens ``spec``'s page and runs ``command`` on it."""
        from PySide6.QtCore import QCoreApplication

        action = QAction(QCoreApplication.translate("MainWindow", command.label), self)
        if command.shortcut:
            standard = getattr(QKeySequence.StandardKey, command.shortcut, None)
            action.setShortcut(
                QKeySequence(standard) if standard is not None else QKeySequence(command.shortcut)
            )
        action.triggered.connect(lambda _=False: self.run_command(spec.key, command.method))
        self.page_commands[(spec.key, command.method)] = action
        self._needs_services.append(action)
        return action

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

    # --- pages ------------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page ``key``, created (and its module imported) the first time it is asked for."""
        page = self._pages.get(key)
        if page is None:
            spec = page_spec(key)
            page = spec.load()(self.host, self, **spec.options)
            page.setObjectName(page.objectName() or f"{key}Page")
            self._pages[key] = page
            self.stack.addWidget(page)
            page.sig_changed.connect(self.announce)
            page.sig_status.connect(lambda text, k=key: self._page_status(k, text))
            if self.services is not None:
                page.attach(self.services)
            layout = opts.PreserveGeometry(self.settings)
            page.keep_layout(layout)  # after the rows are in: a first start sizes columns to them
            self._page_layouts.append(layout)
        return page

    def set_page(self, key: str, *, focus: bool = False) -> None:
        """Show the page ``key`` (one of ``PAGE_KEYS``) and remember it for the next start;
        ``focus`` gives the page the keyboard (its focus proxy: the house list's search box),
        as at start and after Ctrl+1 …, not while the officer walks the navigation."""
        page = self.page(key)
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        missed = self._missed.pop(key, None)
        if missed:
            page.on_changes(missed)
        row = PAGE_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self.count_label.setText(page.status_text())
        if focus:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)
        opts.LAST_PAGE.write(self.settings, key)
        self.sig_page_changed.emit(key)

    def go(self, key: str, **criteria: Any) -> Page:
        """Open the page ``key``; with ``criteria``, showing the records they name there
        (``Page.show_records``)."""
        self.set_page(key)
        page = self._pages[key]
        if criteria:
            page.show_records(**criteria)
        return page

    def run_command(self, key: str, method: str) -> None:
        """A page's menu command: open the page and call ``method`` on it."""
        getattr(self.go(key), method)()

    def current_page(self) -> str | None:
        """The key of the page shown (the stack says; None before the first)."""
        shown = self.stack.currentWidget()
        return next((key for key, page in self._pages.items() if page is shown), None)

    def _page_status(self, key: str, text: str) -> None:
        if key == self.current_page():
            self.count_label.setText(text)

    def _on_navigation(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.set_page(PAGE_KEYS[row])

    # --- changes ----------------------------------------------------------------------------

    def announce(self, changes: Changes) -> None:
        """Records were changed: tell every page (and whoever listens to ``sig_changed``)."""
        if changes:
            self.sig_changed.emit(changes)

    def _first_badges(self) -> None:
        self._take_mark()
        self._update_badges(Changes.everything())

    def _take_mark(self) -> None:
        """The pages show the data as of now (they load after this, never before)."""
        if self.services is not None:
            self._mark = self.services.change_mark().newest

    def _dispatch(self, changes: Changes) -> None:
        if self.services is not None:
            mark = self.services.change_mark(self._mark)
            if mark.by_others:  # someone else wrote meanwhile: it must not be marked as seen
                changes = Changes.everything()
            self._mark = mark.newest
        if changes.touches(Kind.SETTINGS):
            self.refresh_county()
        self._update_badges(changes)
        current = self.current_page()
        for key, page in self._pages.items():
            if key == current:
                page.on_changes(changes)
            else:
                self._missed[key] = self._missed.get(key, Changes()) | changes

    def _update_badges(self, changes: Changes) -> None:
        """The navigation's counts (``PageSpec.badge``) of the specs ``changes`` touch."""
        if self.services is None:
            return
        for row, spec in enumerate(PAGES):
            if not spec.badge or spec.badge_kind is None or not changes.touches(spec.badge_kind):
                continue
            target: Any = self.services
            for name in spec.badge.split("."):
                target = getattr(target, name)
            count = int(target())
            text = spec.label() if count <= 0 else f"{spec.label()} ({count:,})"
            self.navigation.item(row).setText(text)

    # --- behaviour --------------------------------------------------------------------------

    def attach(self, services: Services, *, reload: bool = True) -> None:
        """Work over ``services`` from now on (a window made over a first screen gets them
        here); ``reload=False`` keeps the rows shown, when they were read from the same data."""
        self.services = self.host.services = services
        self._take_mark()
        for page in self._pages.values():
            page.attach(services)
        self._enable_commands()
        if reload:
            self.reload()
        else:
            self._update_badges(Changes.everything())

    def _enable_commands(self) -> None:
        for action in self._needs_services:
            action.setEnabled(True)
        self.show_field_copy()

    def show_field_copy(self) -> None:
        """A field kit says so: the banner, the title and the status bar."""
        assert self.services is not None
        copy = self.services.field_kit.field_copy()
        self.field_copy_label = copy.label() if copy is not None else ""
        self.field_copy_banner.show_copy(copy)
        self._set_title()
        folder = self.tr("데이터 폴더: {path}").format(path=self.data_dir)
        self.folder_label.setText(
            f"{self.field_copy_label} · {folder}" if self.field_copy_label else folder
        )

    def reload(self) -> None:
        """새로 고침: every page loads again what it shows."""
        if self.services is not None:
            self.announce(Changes.everything())

    def reload_if_changed(self) -> bool:
        """Reload every page if data changed since they loaded (by another PC, the CLI …);
        True when it did. One query; nothing happens when nothing changed."""
        if self.services is None:
            return False
        newest = self.services.change_mark().newest
        if self._mark is None:
            self._mark = newest
            return False
        if newest == self._mark:
            return False
        self.reload()
        return True

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # After the event: a dialog that just saved announces its change first (the mark
            # moves with it), so closing it does not reload every page a second time.
            QTimer.singleShot(0, self, self.reload_if_changed)

    def import_register(self) -> None:
        """The register workbook import wizard; every page reloads after an import."""
        from gwinong_desktop.ui.register import RegisterImportWizard

        wizard = RegisterImportWizard(self.services, self)
        wizard.sig_imported.connect(lambda _summary: self.announce(Changes.everything()))
        wizard.open()

    def export_field_kit(self) -> None:
        """파일 → 현장 자료 내보내기: the houses (or a planned visit) for the laptop."""
        from .field_kit.export_dialog import FieldKitExportDialog

        dialog = FieldKitExportDialog(self.services, self)
        dialog.accepted.connect(lambda: self.announce(Changes.of(Kind.FIELD_KITS)))
        dialog.open()

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

    def _set_title(self) -> None:
        """The county first, the program's name once ("진안군 — 귀농인의 집 관리"): Windows and
        X11 add the application's display name to a title unless it already ends with it."""
        app_name = self.tr(APP_TITLE)
        title = f"{self.county} — {app_name}" if self.county else app_name
        copy = self.field_copy_label
        self.setWindowTitle(f"{copy} — {title}" if copy else title)

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

    def settle_forms(self) -> bool:
        """Before closing: each open form with changes asks 저장 / 버리기 / 계속 쓰기 (dialogs
        first, then the 설정 panels). False when the officer keeps writing; a panel's page is
        then shown."""
        from .forms.guard import settle_open_forms

        kept = settle_open_forms(self)
        if kept is None:
            return True
        for key, page in self._pages.items():
            if page.isAncestorOf(kept.owner):
                self.set_page(key)
        return False

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("정보"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.settle_forms():
            event.ignore()
            return
        for guard in self.close_guards:
            if not guard(self):
                event.ignore()
                return
        self._layout.save()
        for layout in self._page_layouts:
            layout.save()
        super().closeEvent(event)
