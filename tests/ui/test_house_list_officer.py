"""The house list driven as an officer does: Enter opens a house, F2 edits it, a dashboard card
sets the status filter, 조건 지우기 clears everything, and the two exports say which is which."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.ui.houses.actions import HouseActions


def shown_window(make_window, qtbot):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def test_enter_on_a_row_opens_that_house(make_window, qtbot, demo_services):
    window = shown_window(make_window, qtbot)
    page = window.page("houses")
    target = demo_services.houses.list_houses()[2]
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(page.model.row_of_house(target.id), 0))
    with qtbot.waitSignal(page.sig_house_selected, timeout=1000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [target.id]
    assert page.detail.title.text() == target.code
    assert window.focusWidget() is page.detail.tabs.tabBar()  # the keyboard goes to its tabs
    qtbot.keyClick(page.detail.tabs.tabBar(), Qt.Key.Key_Right)
    assert page.detail.tabs.currentIndex() == 1


def test_f2_edits_the_selected_house_and_enter_does_not(make_window, qtbot, monkeypatch):
    window = shown_window(make_window, qtbot)
    page = window.page("houses")
    edited = []
    monkeypatch.setattr(HouseActions, "edit_house", lambda self, hid: edited.append(hid) or False)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(3, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Enter)  # the keypad's Enter opens, too
    assert edited == []
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert edited == [page.model.row_at(3).id]


def test_f2_changes_nothing_for_a_viewer(qtbot, services, monkeypatch):
    from dataclasses import replace

    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.services.context import ServiceContext
    from gwinong_desktop.ui.houses.list_page import HousesPage

    viewer = replace(services, ctx=ServiceContext(services.ctx.db, "열람자", Role.VIEWER))
    page = HousesPage.standalone(viewer)
    qtbot.addWidget(page)
    edited = []
    monkeypatch.setattr(HouseActions, "edit_house", lambda self, hid: edited.append(hid))
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert edited == []  # nothing opens
    assert not page.edit_button.isEnabled()


def test_the_vacant_card_sets_the_status_filter(make_window, qtbot, demo_services):
    window = shown_window(make_window, qtbot)
    houses = window.page("houses")
    houses.search.setText("2019")  # something narrowed the list before
    window.set_page("dashboard")
    card = window.page("dashboard").cards[HouseStatus.VACANT]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.current_page() == "houses"
    assert houses.search.text() == ""  # nothing typed into the search
    assert houses.filters["status"].currentText() == "공실"
    vacant = [r for r in demo_services.houses.list_houses() if r.status is HouseStatus.VACANT]
    assert [r.id for r in houses.model.visible_rows()] == [r.id for r in vacant]
    window.set_page("dashboard")
    qtbot.mouseClick(window.page("dashboard").total_card, Qt.MouseButton.LeftButton)
    assert houses.filters["status"].currentIndex() == 0
    assert houses.model.visible_count == houses.model.total_count


def test_one_click_clears_the_search_and_every_filter(make_window, qtbot):
    window = shown_window(make_window, qtbot)
    page = window.page("houses")
    assert not page.clear_button.isEnabled()  # nothing to clear
    first = page.model.visible_rows()[0]
    page.set_filter("eupmyeon", first.eupmyeon)
    page.set_filter("program_year", first.program_year)
    page.search.setText(first.code[-2:])
    assert page.model.visible_count < page.model.total_count
    assert page.clear_button.isEnabled()
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""
    assert all(combo.currentIndex() == 0 for combo in page.filters.values())
    assert all(combo.property("active") == "false" for combo in page.filters.values())
    assert page.model.visible_count == page.model.total_count
    assert not page.clear_button.isEnabled()
    assert window.count_label.text() == f"귀농인의 집 {page.model.total_count}개소"


def test_the_two_exports_say_which_is_which(make_window):
    window = make_window()
    page = window.page("houses")
    visible_list = page.export_button.text()
    register = window.export_register_action.text().replace("&E", "")
    assert "보이는 목록" in visible_list and "관리대장" not in visible_list
    assert "관리대장 전체" in register
    assert "관리대장" in page.export_button.toolTip()  # and it says where the other one is
