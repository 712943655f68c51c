"""The 귀농인의 집 page: filters, export of the current view, tabs, history, archive, roles."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook
from ui_fixtures import fact

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.services.audit_log import AuditFilter
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.ui.forms import record_dialog
from gwinong_desktop.ui.forms.house_dialog import HouseDialog
from gwinong_desktop.ui.houses import actions as actions_module
from gwinong_desktop.ui.houses.list_page import HousesPage
from gwinong_desktop.ui.houses.table_model import HouseTableModel


@pytest.fixture
def page(qtbot, services) -> HousesPage:
    page = HousesPage.standalone(services)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    page.set_rows(services.houses.list_houses())
    return page


def _codes(page: HousesPage) -> list[str]:
    return [r.code for r in page.model.visible_rows()]


def test_filters_narrow_the_list(page):
    assert page.model.rowCount() == 7
    eupmyeon = page.filters["eupmyeon"]
    assert [eupmyeon.itemText(i) for i in range(eupmyeon.count())][:3] == [
        "읍면 전체", "동향면", "마령면",
    ]  # fmt: skip
    page.set_filter("eupmyeon", "부귀면")
    assert _codes(page) == ["진안-2016-01", "진안-2025-01"]
    page.set_filter("status", HouseStatus.BUILDING)
    assert _codes(page) == ["진안-2025-01"]
    assert page.count_label.text() == "7개소 중 1개소"
    page.set_filter("eupmyeon", None)
    page.set_filter("status", None)
    page.set_filter("program_year", 2019)
    assert _codes(page) == ["진안-2019-01", "진안-2019-02"]
    page.search.setText("주천")  # search and filters together
    assert _codes(page) == ["진안-2019-02"]
    page.search.setText("마령")
    assert _codes(page) == []
    assert page.detail.text() == "검색어와 고른 조건에 모두 맞는 귀농인의 집이 없습니다."
    page.search.clear()
    page.set_filter("status", HouseStatus.BUILDING)  # no house of 2019 is being built
    assert _codes(page) == []
    assert page.detail.text() == "고른 조건에 맞는 귀농인의 집이 없습니다."


def test_export_writes_the_rows_of_the_current_view(page, services, tmp_path):
    page.set_filter("development_type", "modular")
    page.table.sortByColumn(
        HouseTableModel.AREA, page.table.horizontalHeader().sortIndicatorOrder()
    )
    shown = _codes(page)
    assert len(shown) == 2
    path = page.export_current_view(tmp_path / "목록")
    assert path == tmp_path / "목록.xlsx"
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("관리번호", "읍면", "리")
    assert [r[0] for r in rows[1:]] == shown
    assert rows[1][HouseTableModel.YEAR] in (2019, 2023)
    assert {rows[1][HouseTableModel.AREA], rows[2][HouseTableModel.AREA]} == {49.5, 42}
    assert ws["A1"].font.b
    assert ws.column_dimensions["A"].width > 8
    assert ws["A2"].data_type == "s"
    # the export is recorded by the service, like every export
    exports = services.audit.search(AuditFilter(action="export"))
    assert [(e.entity, e.summary) for e in exports] == [
        ("house", "귀농인의 집 목록 2건 내보내기: 목록.xlsx (개인정보 가림)")
    ]
    assert exports[0].actor == services.ctx.actor


def test_tabs_show_the_houses_records(page, services):
    house = services.houses.list_houses()[1]  # 진안-2019-01, one resident now
    assert page.select_house(house.id)
    detail = page.detail
    assert detail.title.text() == "진안-2019-01"
    detail.set_tab("lease")
    table = detail.lease_tab.table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "소유주2"
    assert table.item(0, 2).text() == "2019.3.1.~2026.2.28."
    detail.set_tab("works")
    works = detail.works_tab.table
    assert works.rowCount() == 1
    assert works.item(0, 2).text() == "15,000"  # 국비 in 천원
    assert works.item(0, 6).text() == "30,000"
    detail.set_tab("residents")
    assert detail.residents_tab.table.rowCount() == 2
    assert "지금 거주 1세대" in detail.residents_tab.summary.text()
    gone = []  # "입주자 화면에서 보기" opens the 입주자 page showing this house
    page.tabs.go = lambda key, **criteria: gone.append((key, criteria))
    detail.residents_tab.go_button.click()
    assert gone == [("residents", {"house_id": house.id})]
    detail.set_tab("visits")
    assert detail.visits_tab.facts.text() == "사진 2장 · 점검 1회"
    detail.set_tab("rent")
    assert "10만원" in detail.rent_tab.facts.text()
    # the open tab follows the selection
    other = services.houses.list_houses()[4]
    detail.set_tab("lease")
    page.select_house(other.id)
    assert detail.lease_tab.table.item(0, 1).text() == "소유주5"


def test_documents_tab_lists_and_opens_the_stored_file(page, services, tmp_path, monkeypatch):
    house = services.houses.list_houses()[0]
    scan = tmp_path / "계약서.pdf"
    scan.write_bytes(b"%PDF-1.4 x")
    from gwinong_desktop.domain.enums import AttachmentKind
    from gwinong_desktop.services.attachments import PendingFile

    services.attachments.attach(PendingFile(AttachmentKind.LEASE_CONTRACT, scan), house_id=house.id)
    page.select_house(house.id)
    page.detail.set_tab("documents")
    table = page.detail.documents_tab.table
    assert table.rowCount() == 1 and table.item(0, 1).text() == "계약서.pdf"
    opened = []
    monkeypatch.setattr(
        "gwinong_desktop.ui.forms.files.open_path", lambda p: opened.append(p) or True
    )
    table.selectRow(0)
    page.detail.documents_tab.open_button.click()
    assert opened and opened[0].read_bytes() == b"%PDF-1.4 x" and opened[0].is_absolute()


def test_history_tab_lists_the_edit_just_made(page, services, qtbot, monkeypatch):
    house = services.houses.list_houses()[2]
    page.select_house(house.id)

    def edit_in_dialog(self, house_id):
        dialog = HouseDialog(self.services, house_id)
        qtbot.addWidget(dialog)
        dialog.structure.setText("목조(지붕 개량)")
        assert dialog.try_save()
        return dialog.saved.changes  # what the service says the save touched

    monkeypatch.setattr(actions_module.HouseActions, "edit_house", edit_in_dialog)
    with qtbot.waitSignal(page.sig_changed, timeout=2000) as announced:
        page.edit_button.click()
    assert announced.args == [Changes.of(Kind.HOUSES)]
    page.detail.set_tab("history")
    lines = page.detail.history_tab.lines()
    assert lines[0].endswith("| test | 수정 · 귀농인의 집")
    assert lines[1].startswith("구조: 목조, 방2") and lines[1].endswith("→ 목조(지붕 개량)")
    assert fact(page.detail, "structure") == "목조(지붕 개량)"


def test_archive_and_restore_from_the_toolbar(page, services, monkeypatch):
    house = services.houses.list_houses()[0]
    page.select_house(house.id)
    # the action imports the dialog when it runs: patch it where it lives
    monkeypatch.setattr(record_dialog, "ask_reason", lambda *a: "소유주 반환")
    page.archive_button.click()
    assert house.code not in _codes(page)
    assert page.model.total_count == 6
    page.show_archived.setChecked(True)
    assert house.code in _codes(page)
    row = page.model.row_of_house(house.id)
    assert page.model.index(row, HouseTableModel.STATUS).data().endswith("(보관됨)")
    page.select_house(house.id)
    assert page.archive_button.text() == "복원"
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.archive_button.click()
    page.show_archived.setChecked(False)
    assert house.code in _codes(page)


def test_a_viewer_cannot_change_records(qtbot, services):
    from gwinong_desktop.domain.enums import Role

    viewer = replace(services, ctx=ServiceContext(services.ctx.db, "열람자", Role.VIEWER))
    page = HousesPage.standalone(viewer)
    qtbot.addWidget(page)
    page.set_rows(viewer.houses.list_houses())
    page.select_house(page.model.row_at(0).id)
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert not page.detail.lease_tab.new_button.isEnabled()
    assert page.export_button.isEnabled()
