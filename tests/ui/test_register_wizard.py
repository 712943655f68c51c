"""The register import wizard and the export dialog, driven like an officer would."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QComboBox, QMessageBox, QWizard
from sqlalchemy import func, select

from gwinong_desktop.exchange.mapping import IGNORE
from gwinong_desktop.services import Services
from gwinong_desktop.services.register import RegisterService
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import House, Payment, Setting, Stay
from gwinong_desktop.ui.register import RegisterImportWizard, export_register_dialog


@pytest.fixture
def workbook(services: Services, tmp_path: Path) -> Path:
    """The demo county of the UI tests exported as our own register workbook."""
    path = tmp_path / "register.xlsx"
    RegisterService(services.ctx).export(path)
    return path


@pytest.fixture
def register(services: Services):
    return RegisterService(services.ctx).collect()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Services]:
    db = open_database(tmp_path / "empty", purpose="test")
    try:
        yield Services.over(db, actor="test")
    finally:
        db.close()


@pytest.fixture
def make_wizard(qtbot):
    def make(services: Services) -> RegisterImportWizard:
        wizard = RegisterImportWizard(services)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def _count(services: Services, model: type) -> int:
    with services.ctx.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _to_preview(qtbot, wizard: RegisterImportWizard, path: Path) -> None:
    wizard.file_page.path_edit.setText(str(path))  # keyClicks cannot type Korean paths
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=15_000)


def test_our_own_workbook_is_previewed_and_imported(
    qtbot,
    make_wizard,
    empty: Services,
    workbook: Path,
    register,
) -> None:
    houses, stays = len(register.houses), len(register.residents)
    wizard = make_wizard(empty)
    _to_preview(qtbot, wizard, workbook)
    page = wizard.preview_page
    assert page.summary.text().startswith(
        f"귀농인의 집 {houses}개소, 입주 {stays}건, 임대료 납부 {len(register.payments)}건을 새로"
    )
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    table = page.findChild(type(page.tabs.widget(0)), "preview_house")
    assert table.rowCount() == houses
    assert table.item(0, 0).text() == register.houses[0].code
    with qtbot.waitSignal(wizard.sig_imported, timeout=15_000) as blocker:
        wizard.next()
    assert blocker.args[0].counts.houses_new == houses
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.FinishButton).isEnabled())
    assert "가져왔습니다" in wizard.import_page.status.text()
    assert (_count(empty, House), _count(empty, Stay)) == (houses, stays)
    assert RegisterService(empty.ctx).collect() == register


def test_a_refused_row_is_listed_and_the_import_button_stays_disabled(
    qtbot,
    make_wizard,
    empty: Services,
    workbook: Path,
    tmp_path: Path,
) -> None:
    wb = load_workbook(workbook)
    wb["입주자"]["H3"] = "2024.13.1"  # 입주일
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    wizard = make_wizard(empty)
    _to_preview(qtbot, wizard, bad)
    table = wizard.preview_page.findChild(type(wizard.preview_page.tabs.widget(0)), "problemTable")
    row = [table.item(0, c).text() for c in range(5)]
    assert row[:4] == ["고칠 곳", "입주자", "3", "입주일"]
    assert row[4].startswith("날짜를 알 수 없습니다: '2024.13.1'")
    assert not wizard.preview_page.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "고칠 곳이 1군데" in wizard.preview_page.summary.text()
    assert _count(empty, House) == 0


def test_a_file_that_is_not_a_workbook_stays_on_the_first_page(
    make_wizard,
    empty: Services,
    tmp_path: Path,
) -> None:
    path = tmp_path / "명단.xlsx"
    path.write_text("관리번호,성명\n")
    wizard = make_wizard(empty)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "Excel 통합 문서(.xlsx)가 아닙니다" in wizard.file_page.error.text()


def _county_book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "현황"
    ws.append(["구분", "조성연도", "위치", "운영자", "면적(㎡)", "구조"])
    ws.append(["빈집수리", 2016, "백운면 노촌길 4", "노촌마을협의회 (010-1234-5678)", 62.8,
               "방2, 주방, 화장실, 거실"])  # fmt: skip
    wb.save(path)
    return path


def test_another_countys_columns_are_mapped_and_the_mapping_is_remembered(
    qtbot,
    make_wizard,
    services: Services,
    tmp_path: Path,
) -> None:
    path = _county_book(tmp_path / "county.xlsx")
    wizard = make_wizard(services)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    editor = wizard.mapping_page.sheets[0]
    assert editor.kind() == "house"
    labels = [editor.combo(r).currentText() for r in range(editor.table.rowCount())]
    assert labels == ["조성유형", "조성연도", "위치 (주소를 읍면·리·지번·도로명주소로 나눔)",
                      "운영자", "건물면적(m2)", "구조"]  # fmt: skip
    assert editor.table.item(2, 1).text() == "백운면 노촌길 4"
    combo: QComboBox = editor.combo(0)
    combo.setCurrentIndex(combo.findData(IGNORE))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=15_000)
    plan = wizard.preview_page.plan
    assert plan.counts.houses_new == 1 and not plan.refused
    assert plan.houses[0].code == "진안-2016-02"  # the fixture county already has 진안-2016-01
    with services.ctx.read() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(Setting)
                .where(Setting.key.like("register_mapping:%"))
            )
            == 1
        )
    again = make_wizard(services)
    again.file_page.path_edit.setText(str(_county_book(tmp_path / "next.xlsx")))
    again.next()
    assert again.mapping_page.sheets[0].combo(0).currentData() == IGNORE


def test_cancel_during_the_import_leaves_the_data_as_before(
    qtbot,
    make_wizard,
    empty: Services,
    workbook: Path,
    monkeypatch,
) -> None:
    def slow_apply(self, data, source="", *, choices=None, state=None):
        for step in range(500):
            state.report(step, 500, "입주자를 넣는 중")
            time.sleep(0.01)
        raise AssertionError("the cancel never arrived")

    monkeypatch.setattr(RegisterService, "apply", slow_apply)
    wizard = make_wizard(empty)
    _to_preview(qtbot, wizard, workbook)
    wizard.next()
    page = wizard.import_page
    qtbot.waitUntil(lambda: page.progress.value() > 0, timeout=5000)
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    qtbot.mouseClick(page.cancel_button, qtbot_left())
    qtbot.waitUntil(lambda: page.finished, timeout=5000)
    assert "취소했습니다" in page.status.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert _count(empty, House) == 0


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_export_dialog_writes_the_register(
    qtbot,
    services: Services,
    tmp_path: Path,
    monkeypatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    target = tmp_path / "내보내기"
    summary = export_register_dialog(None, services, target)
    assert summary is not None and summary.houses == _count(services, House)
    assert (tmp_path / "내보내기.xlsx").exists()
    assert shown and shown[0].startswith("내보냈습니다:")
    wb = load_workbook(tmp_path / "내보내기.xlsx")
    assert wb.sheetnames == ["귀농인의집", "입주자", "임대료수납"]
    assert wb["임대료수납"].max_row == _count(services, Payment) + 1


def test_a_viewer_is_told_before_anything_is_read(
    make_wizard,
    empty: Services,
    workbook: Path,
) -> None:
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.services.context import ServiceContext

    viewer = Services(ServiceContext(empty.ctx.db, "열람자", Role.VIEWER), empty.houses)
    wizard = make_wizard(viewer)
    wizard.file_page.path_edit.setText(str(workbook))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "'관리대장 가져오기'은(는)" in wizard.file_page.error.text()
