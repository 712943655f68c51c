"""The main window over a data folder: list, search, detail, pages, restart, status bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from ui_fixtures import fact

from gwinong_desktop import __version__
from gwinong_desktop.domain.changes import Changes
from gwinong_desktop.ui.houses.detail_pane import TAB_KEYS
from gwinong_desktop.ui.houses.table_model import HouseTableModel
from gwinong_desktop.ui.main_window import PAGE_KEYS, PAGES


def test_opens_on_the_data_folder_with_every_house(make_window, demo_services, demo_dir):
    window = make_window()
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    assert len(rows) > 0
    assert page.model.rowCount() == len(rows)
    assert window.windowTitle() == "진안군 — 귀농인의 집 관리"
    assert not window.windowIcon().isNull()
    assert page.count_label.text() == f"전체 {len(rows)}개소"
    shown = {page.model.index(r, 0).data() for r in range(page.model.rowCount())}
    assert shown == {r.code for r in rows}


def test_status_bar_shows_data_folder_and_count(make_window, demo_dir):
    window = make_window()
    assert str(demo_dir.resolve()) in window.folder_label.text()
    assert window.folder_label.text().startswith("데이터 폴더:")
    total = window.page("houses").model.total_count
    assert window.count_label.text() == f"귀농인의 집 {total}개소"


def test_search_narrows_list_and_count(make_window, demo_services):
    window = make_window()
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    term = rows[1].ri  # a village name in Korean, e.g. 노촌리
    expected = [r for r in rows if term.lower() in r.search_text()]
    page.search.setText(term)  # keyClicks cannot type Korean
    assert page.model.rowCount() == len(expected) < len(rows)
    assert page.count_label.text() == f"{len(rows)}개소 중 {len(expected)}개소"
    assert window.count_label.text() == f"귀농인의 집 {len(rows)}개소 중 {len(expected)}개소 표시"
    page.search.clear()
    assert page.model.rowCount() == len(rows)


def test_typing_a_code_with_the_keyboard(make_window, qtbot, demo_services):
    window = make_window()
    page = window.page("houses")
    rows = demo_services.houses.list_houses()
    year = str(rows[-1].program_year)
    qtbot.keyClicks(page.search, year)  # ASCII can be typed
    expected = [r for r in rows if year in r.search_text()]
    assert page.model.rowCount() == len(expected)
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.model.rowCount() == len(rows)


def test_selecting_a_row_fills_the_detail(make_window, qtbot, demo_services):
    window = make_window()
    page = window.page("houses")
    target = demo_services.houses.list_houses()[1]
    row = page.model.row_of_house(target.id)
    with qtbot.waitSignal(page.sig_house_selected, timeout=2000) as blocker:
        page.table.selectRow(row)
    assert blocker.args == [target.id]
    assert page.detail.title.text() == target.code
    detail = demo_services.houses.detail(target.id)
    address = detail.road_address or target.address
    assert address in fact(page.detail, "address")
    assert fact(page.detail, "operator") == target.operator
    assert target.code in page.detail.text()


def test_clicking_a_row_shows_its_house(make_window, qtbot):
    window = make_window()
    window.show()
    page = window.page("houses")
    table = page.table
    rect = table.visualRect(page.model.index(2, 1))
    with qtbot.waitSignal(page.sig_house_selected, timeout=2000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.detail.title.text() == page.model.row_at(2).code


def test_selection_survives_search_and_sort(make_window, qtbot, demo_services):
    window = make_window()
    page = window.page("houses")
    target = demo_services.houses.list_houses()[1]
    assert page.select_house(target.id)
    page.search.setText(target.eupmyeon)
    assert page.selected_row().id == target.id
    current = page.table.currentIndex()
    assert page.model.row_at(current.row()).id == target.id
    page.table.sortByColumn(HouseTableModel.AREA, Qt.SortOrder.DescendingOrder)
    current = page.table.currentIndex()
    assert page.model.row_at(current.row()).id == target.id
    page.search.setText("어디에도없는말")
    assert page.selected_row() is None
    assert page.detail.text() == "검색어에 맞는 귀농인의 집이 없습니다."
    page.search.clear()
    assert "목록에서 귀농인의 집을 고르면" in page.detail.text()


def test_header_click_sorts(make_window, qtbot):
    window = make_window()
    window.show()
    page = window.page("houses")
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(HouseTableModel.EUPMYEON) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = [
        page.model.index(r, HouseTableModel.EUPMYEON).data() for r in range(page.model.rowCount())
    ]
    assert names == sorted(names) or names == sorted(names, reverse=True)
    assert page.table.horizontalHeader().sortIndicatorSection() == HouseTableModel.EUPMYEON


def test_navigation_switches_pages(make_window):
    window = make_window()
    assert window.navigation.count() == len(PAGES)
    assert [window.navigation.item(i).text() for i in range(len(PAGES))] == [
        "대시보드", "귀농인의 집", "입주자", "임대료", "점검·사진", "현장 자료 검토", "보고서",
        "설정",
    ]  # fmt: skip
    for i in range(window.navigation.count()):
        assert not window.navigation.item(i).icon().isNull()
    window.navigation.setCurrentRow(PAGE_KEYS.index("rent"))
    assert window.current_page() == "rent"
    assert window.stack.currentWidget() is window.page("rent")


def test_last_page_is_restored_at_next_start(make_window, make_settings):
    window = make_window()
    assert window.current_page() == "houses"  # the first start
    window.navigation.setCurrentRow(PAGE_KEYS.index("reports"))
    window.resize(700, 520)  # the offscreen screen is 800×600: restoreGeometry keeps within it
    window.close()

    again = make_window(make_settings())
    assert again.current_page() == "reports"
    assert again.navigation.currentRow() == PAGE_KEYS.index("reports")
    assert (again.size().width(), again.size().height()) == (700, 520)


def test_unknown_stored_page_falls_back_to_houses(make_window, make_settings):
    settings = make_settings()
    settings.setValue("state/main_window/last_page", "no-such-page")
    window = make_window(settings)
    assert window.current_page() == "houses"


def test_every_page_is_built_none_says_it_is_coming(make_window):
    """Every page replaced its "준비 중입니다" note, the dashboard's "앞으로 더할 내용" too."""
    window = make_window()
    for key in PAGE_KEYS:
        page = window.page(key)
        shown = "\n".join(label.text() for label in page.findChildren(QLabel))
        assert "준비 중" not in shown and "앞으로 더할 내용" not in shown, key


def test_settings_page_holds_the_real_sections(make_window, qtbot):
    window = make_window()
    window.set_page("settings")
    page = window.page("settings")
    page.build()
    from gwinong_desktop.ui.register_settings import CountyProfilePanel, RuleValuesPanel
    from gwinong_desktop.ui.safety import BackupPanel

    for panel in (CountyProfilePanel, RuleValuesPanel, BackupPanel):
        assert len(page.findChildren(panel)) == 1, panel
    headings = [label.text() for label in page.findChildren(QLabel)]
    assert "백업·복원·데이터 점검" in headings
    assert window.page("settings").backup_panel is not None


def test_dashboard_counts_houses_by_status(make_window, demo_services, qtbot):
    window = make_window()
    rows = demo_services.houses.list_houses()
    counts = window.page("dashboard").counts()
    assert counts["전체"] == f"{len(rows)}개소"
    for status in {r.status for r in rows}:
        n = sum(1 for r in rows if r.status is status)
        assert counts[status.label] == f"{n}개소"
    dashboard = window.page("dashboard")
    due = dashboard.due_panel  # the due list, computed in the background after the counts
    if not due.model.total_count:
        with qtbot.waitSignal(due.sig_loaded, timeout=30_000):
            dashboard.load_panels()
    kinds = {row.kind_label for row in due.model.all_rows()}
    assert {"월별 추진실적 보고", "임대료 미납"} <= kinds


def test_dashboard_card_opens_the_filtered_list(make_window, demo_services, qtbot):
    window = make_window()
    window.show()
    window.set_page("dashboard")
    rows = demo_services.houses.list_houses()
    status = rows[0].status
    card = window.page("dashboard").cards[status]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.current_page() == "houses"
    assert window.page("houses").model.rowCount() == sum(1 for r in rows if r.status is status)


def test_about_names_version_and_data_folder(make_window, demo_dir):
    window = make_window()
    text = window.about_text()
    assert __version__ in text
    assert str(demo_dir.resolve()) in text
    menus = [a.text() for a in window.menuBar().actions()]
    assert "도움말(&H)" in menus


def test_reload_reads_the_database_again(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.sig_changed, timeout=1000) as blocker:
        window.reload_action.trigger()
    assert blocker.args[0] == Changes.everything()


def test_empty_data_folder_says_so(qtbot, tmp_path, make_settings):
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.main_window import MainWindow

    with open_database(tmp_path / "empty", purpose="test") as db:
        window = MainWindow(Services.over(db, "test"), make_settings())
        qtbot.addWidget(window)
        assert window.windowTitle() == "귀농인의 집 관리"
        assert window.page("houses").count_label.text() == "전체 0개소"
        assert window.page("houses").detail.text() == "아직 등록된 귀농인의 집이 없습니다."
        assert window.page("dashboard").counts()["전체"] == "0개소"
        window.close()


def test_every_demo_house_opens_in_the_detail(make_window, demo_services):
    window = make_window()
    page = window.page("houses")
    for row in demo_services.houses.list_houses():
        assert page.select_house(row.id)
        assert page.detail.title.text() == row.code
        assert fact(page.detail, "type") == row.development_type.label


def test_column_widths_and_splitter_are_restored(make_window, make_settings):
    window = make_window()
    window.show()
    header = window.page("houses").table.horizontalHeader()
    header.resizeSection(HouseTableModel.OPERATOR, 233)
    sizes = window.page("houses").splitter.sizes()
    window.page("houses").splitter.setSizes([sizes[0] + 40, sizes[1] - 40])
    wanted = window.page("houses").splitter.sizes()
    window.close()

    again = make_window(make_settings())
    again.show()
    header = again.page("houses").table.horizontalHeader()
    assert header.sectionSize(HouseTableModel.OPERATOR) == 233
    # the window may come back smaller (the offscreen screen is 800×600): the list gives way,
    # the detail pane keeps the height the officer chose
    assert again.page("houses").splitter.sizes()[1] == wanted[1]


def test_the_detail_tab_open_last_is_open_at_the_next_start(make_window, make_settings):
    window = make_window()
    detail = window.page("houses").detail
    assert detail.current_tab() == "overview"  # the first start
    detail.tabs.setCurrentIndex(TAB_KEYS.index("lease"))
    window.close()
    again = make_window(make_settings())
    assert again.page("houses").detail.current_tab() == "lease"


def test_close_guards_are_asked_and_can_keep_the_window_open(make_window, qtbot):
    """app.py hangs the exit backup here: a guard that says no keeps the window (and its data)."""
    window = make_window()
    window.show()
    asked: list[object] = []
    answer = {"close": False}
    window.close_guards.append(lambda w: asked.append(w) or answer["close"])
    window.close()
    assert asked == [window] and window.isVisible()
    answer["close"] = True
    window.close()
    assert len(asked) == 2 and not window.isVisible()
