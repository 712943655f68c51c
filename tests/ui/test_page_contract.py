"""The main window knows its pages only through the registry; one change signal refreshes them."""

from __future__ import annotations

import inspect

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from ui_fixtures import held_rows

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.ui import main_window
from gwinong_desktop.ui.pages.base import Page
from gwinong_desktop.ui.pages.registry import PAGE_KEYS, PAGES, page_spec


def test_every_registered_page_is_a_page():
    assert len(set(PAGE_KEYS)) == len(PAGES)
    for spec in PAGES:
        assert issubclass(spec.load(), Page), spec.key
    with pytest.raises(KeyError):
        page_spec("nothing")


def test_the_window_names_no_page_by_hand():
    """No if/elif per page: the window's code mentions no page key (they come from PAGES)."""
    source = inspect.getsource(main_window)
    for key in PAGE_KEYS:
        assert f'"{key}"' not in source, key


def test_pages_are_built_when_first_opened(make_window):
    window = make_window()

    def built() -> list[type]:
        return [type(window.stack.widget(i)) for i in range(window.stack.count())]

    assert built() == [page_spec("houses").load()]  # the page shown at start, nothing else
    window.set_page("rent")
    assert built() == [page_spec("houses").load(), page_spec("rent").load()]
    assert window.stack.currentWidget() is window.page("rent")
    assert window.current_page() == "rent"


def test_go_menu_shortcuts_follow_the_registry(make_window):
    window = make_window()
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "이동(&G)")
    actions = go_menu.actions()
    assert [a.text() for a in actions] == [spec.label() for spec in PAGES]
    assert [a.shortcut() for a in actions] == [
        QKeySequence(f"Ctrl+{n}") for n in range(1, len(PAGES) + 1)
    ]
    actions[PAGE_KEYS.index("settings")].trigger()
    assert window.current_page() == "settings"


def test_a_page_command_opens_its_page(make_window, monkeypatch):
    window = make_window()
    window.set_page("dashboard")
    from gwinong_desktop.ui.houses.actions import HouseActions

    asked = []
    monkeypatch.setattr(HouseActions, "new_house", lambda self: asked.append(True) or False)
    action = window.page_commands[("houses", "new_house")]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    action.trigger()
    assert window.current_page() == "houses" and asked == [True]


def test_a_change_refreshes_the_shown_page_now_and_the_others_when_opened(
    make_window, demo_services
):
    window = make_window()
    houses = window.page("houses")
    dashboard = window.page("dashboard")  # built, but not shown
    total = houses.model.total_count
    house = demo_services.houses.list_houses()[0]
    demo_services.house_edit.archive(house.id, "소유주 반환")  # behind the window's back
    window.announce(Changes.of(Kind.HOUSES))
    assert houses.model.total_count == total - 1
    assert window.count_label.text() == f"귀농인의 집 {total - 1}개소"
    assert dashboard.counts()["전체"] == f"{total}개소"  # not shown: not loaded yet
    window.set_page("dashboard")
    assert dashboard.counts()["전체"] == f"{total - 1}개소"


def test_a_change_a_page_does_not_show_leaves_it_alone(make_window, monkeypatch):
    window = make_window()
    houses = window.page("houses")
    monkeypatch.setattr(houses, "refresh", lambda changes: pytest.fail("refreshed"))
    window.announce(Changes.of(Kind.REPORTS))
    window.announce(Changes())  # nothing: not even announced


def test_saved_rule_values_reload_the_house_list(make_window, qtbot):
    """A house's status follows the rule values: the settings page says RULES, the list hears."""
    window = make_window()
    houses = window.page("houses")
    before = held_rows(houses.model)
    settings = window.page("settings")
    window.set_page("settings")
    settings.build()
    from gwinong_desktop.ui.register_settings import RuleValuesPanel

    panel = settings.findChildren(RuleValuesPanel)[0]
    with qtbot.waitSignal(window.sig_changed) as blocker:
        panel.sig_saved.emit(2025)
    assert blocker.args == [Changes.of(Kind.RULES)]
    window.set_page("houses")
    after = held_rows(houses.model)
    assert after == before and after[0] is not before[0]  # loaded again


def test_a_restore_reloads_everything_and_the_county(make_window, qtbot, monkeypatch):
    window = make_window()
    settings = window.page("settings")
    settings.build()
    window.county = "엉뚱군"
    with qtbot.waitSignal(window.sig_changed) as blocker:
        settings.backup_panel.sig_restored.emit(object())
    assert blocker.args == [Changes.everything()]
    assert window.county == "진안군" and window.windowTitle().startswith("진안군")


def test_the_title_names_the_program_once(make_window):
    window = make_window()
    app = QApplication.instance()
    app.setApplicationDisplayName(main_window.APP_TITLE)
    title = window.windowTitle()
    assert title == "진안군 — 귀농인의 집 관리"
    # Windows and X11 append the display name unless the title ends with it: it does, so the
    # bar reads the program's name once
    assert title.endswith(app.applicationDisplayName())
    assert title.count(main_window.APP_TITLE) == 1


def test_a_page_outside_a_window_hears_its_own_changes(qtbot, services, monkeypatch):
    from gwinong_desktop.ui.houses.list_page import HousesPage

    page = HousesPage.standalone(services)
    qtbot.addWidget(page)
    heard = []
    monkeypatch.setattr(page, "refresh", heard.append)
    page.announce(Changes.of(Kind.LEASES))
    assert heard == [Changes.of(Kind.LEASES)]


def test_the_start_and_ctrl_numbers_give_the_page_the_keyboard(make_window, qtbot):
    window = make_window()
    assert window.focusWidget() is window.page("houses").search  # type to search at once
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "이동(&G)")
    go_menu.actions()[PAGE_KEYS.index("dashboard")].trigger()
    assert window.count_label.text() == f"귀농인의 집 {window.page('houses').model.total_count}개소"
    go_menu.actions()[PAGE_KEYS.index("houses")].trigger()
    assert window.focusWidget() is window.page("houses").search


def test_a_lazy_tab_builds_its_panel_when_first_shown_and_asks_again_if_declined(qtbot):
    from PySide6.QtWidgets import QLabel, QTabWidget

    from gwinong_desktop.ui.pages.base import LazyTab

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("첫 탭"), "첫 탭")
    ready = {"now": False}
    made: list[QWidget] = []

    def make(panel_class: type, holder: QWidget) -> QWidget | None:
        if not ready["now"]:
            return None  # e.g. no services yet
        made.append(panel_class("패널", holder))
        return made[-1]

    lazy = LazyTab(tabs, "나중 탭", "PySide6.QtWidgets:QLabel", make, name="laterTab")
    assert tabs.count() == 2 and lazy.panel is None and made == []
    tabs.setCurrentIndex(1)
    assert lazy.panel is None  # declined: nothing half-built
    tabs.setCurrentIndex(0)
    ready["now"] = True
    tabs.setCurrentIndex(1)
    assert lazy.panel is made[0] and lazy.panel.parent() is lazy and lazy.build() is made[0]
    assert lazy.objectName() == "laterTab"
