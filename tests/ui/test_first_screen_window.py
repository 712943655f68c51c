"""The main window over its first screen (before the services exist), then attached to them."""

from __future__ import annotations

from datetime import date

from ui_fixtures import by_id, held_rows

from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services.first_screen import read_first_screen
from gwinong_desktop.storage.quick import FirstLook
from gwinong_desktop.ui.main_window import MainWindow


def first_window(qtbot, demo_database, make_settings, actor=None, today=None) -> MainWindow:
    with FirstLook(demo_database.folder.db_path) as look:
        first = read_first_screen(look, demo_database.folder.root, today or date.today())
    window = MainWindow(None, make_settings(), actor=actor, first=first)
    qtbot.addWidget(window)
    return window


def test_the_first_screen_shows_the_houses_and_changes_nothing(
    qtbot, demo_database, demo_services, make_settings
):
    window = first_window(qtbot, demo_database, make_settings, today=demo_services.ctx.today())
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    assert held_rows(page.model) == by_id(rows)
    assert window.windowTitle() == "진안군 — 귀농인의 집 관리"
    assert window.count_label.text() == f"귀농인의 집 {len(rows)}개소"
    page.search.setText(rows[1].ri)  # searching works already: it is inside the model
    assert 0 < page.model.rowCount() < len(rows)
    page.search.clear()
    page.select_house(rows[0].id)
    for button in (page.new_button, page.edit_button, page.archive_button,
                   page.operators_button, page.plans_button):  # fmt: skip
        assert not button.isEnabled(), button.objectName()
    assert not any(a.isEnabled() for a in window._needs_services)
    # shortcuts and double-clicks before the services come do nothing (and raise nothing)
    page.new_house()
    page.edit_selected()
    page.archive_selected()
    page.open_operators()
    page.open_annual_plans()
    page._edit_row(0)
    window.reload()
    window.refresh_county()
    assert held_rows(page.model) == by_id(rows)
    window.set_page("settings")
    assert not window.page("settings")._built  # its panels wait for the services


def test_attach_gives_the_window_its_services(qtbot, demo_database, demo_services, make_settings):
    window = first_window(qtbot, demo_database, make_settings, today=demo_services.ctx.today())
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    page.select_house(rows[0].id)  # chosen while starting: its detail comes with the services
    window.set_page("settings")
    window.show()
    with qtbot.waitSignal(page.sig_house_selected):
        window.attach(demo_services, reload=False)
    assert held_rows(page.model) == by_id(rows)
    assert page.selected_row().id == rows[0].id
    assert rows[0].code in page.detail.title.text()
    assert page.new_button.isEnabled() and page.edit_button.isEnabled()
    assert all(a.isEnabled() for a in window._needs_services)
    assert window.page("settings")._built  # it was shown, so it is built now
    window.reload()
    assert held_rows(page.model) == by_id(rows)


def test_a_viewer_attached_still_edits_nothing(qtbot, demo_database, demo_services, make_settings):
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.services import Services

    viewer = Actor("reader", "열람자", Role.VIEWER, None)
    window = first_window(qtbot, demo_database, make_settings, actor=viewer)
    window.attach(Services.over(demo_database, viewer), reload=False)
    page = window.page("houses")
    page.select_house(page.model.visible_rows()[0].id)
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert page.operators_button.isEnabled()  # 운영자 may be looked at
