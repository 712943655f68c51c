"""Lists refresh when someone else changes the data (issue #16, point 3): the window asks for
the newest change when it gets the focus and reloads only if it moved; F5 reloads always."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.services import Services


def _someone_else(services: Services) -> Services:
    return Services.over(services.ctx.db, actor="이주무관")


def _renamed(other: Services, house_id: int, code: str) -> None:
    form = other.house_edit.load(house_id)
    other.house_edit.save(replace(form, code=code))


def _codes(page) -> set[str]:
    return {page.model.index(r, 0).data() for r in range(page.model.rowCount())}


def _focus(window) -> None:
    window.show()
    window.activateWindow()
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))


def test_focus_shows_what_another_officer_saved_and_keeps_the_selection(
    make_window, qtbot, demo_services
):
    window = make_window()
    qtbot.waitUntil(lambda: window._mark is not None, timeout=3000)
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    chosen, renamed = rows[1], rows[2]
    page.select_house(chosen.id)
    _renamed(_someone_else(demo_services), renamed.id, "다른PC-2026-99")
    assert "다른PC-2026-99" not in _codes(page)  # nothing polls behind the officer's back
    _focus(window)
    qtbot.waitUntil(lambda: "다른PC-2026-99" in _codes(page), timeout=3000)
    assert page._selected_id == chosen.id


def test_focus_without_changes_does_not_reload(make_window, qtbot, demo_services, monkeypatch):
    window = make_window()
    qtbot.waitUntil(lambda: window._mark is not None, timeout=3000)
    reloads: list[int] = []
    monkeypatch.setattr(window, "reload", lambda: reloads.append(1))
    for _ in range(3):
        assert not window.reload_if_changed()
    assert reloads == []
    _renamed(_someone_else(demo_services), demo_services.houses.list_houses()[0].id, "X-1")
    assert window.reload_if_changed()
    assert reloads == [1]


def test_f5_reloads_always(make_window, qtbot, demo_services):
    window = make_window()
    page = window.page("houses")
    loads: list[object] = []
    page.refresh = lambda changes: loads.append(changes)
    window.reload_action.trigger()
    window.reload_action.trigger()
    assert len(loads) == 2


def test_own_saves_are_marked_seen_but_others_between_them_are_not(
    make_window, qtbot, demo_services
):
    window = make_window()
    qtbot.waitUntil(lambda: window._mark is not None, timeout=3000)
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    _renamed(_someone_else(demo_services), rows[3].id, "이주무관-1")
    _renamed(demo_services, rows[4].id, "내가-1")  # this window's own save, announced …
    page.announce(Changes.of(Kind.HOUSES))
    assert {"이주무관-1", "내가-1"} <= _codes(page)
    assert not window.reload_if_changed()  # … and both are seen: no second reload on focus


def test_closing_a_dialog_that_saved_does_not_reload_again(make_window, qtbot, demo_services):
    from gwinong_desktop.ui.forms.operator_dialog import OperatorDialog

    window = make_window()
    qtbot.waitUntil(lambda: window._mark is not None, timeout=3000)
    _focus(window)
    page = window.page("houses")
    loads: list[object] = []
    page.refresh = lambda changes: loads.append(changes)
    operator = demo_services.operators.list_operators()[0]
    dialog = OperatorDialog(demo_services, operator.id, window)
    dialog.show()
    dialog.activateWindow()
    dialog.note.setPlainText("고친 메모")
    assert dialog.try_save()  # closes the dialog: the window is active again …
    page.announce(Changes.of(Kind.HOUSES))  # … and the page says what changed
    qtbot.wait(50)
    assert len(loads) == 1
