"""A county's public list through the import wizard: the mapping guessed from the values, saved
and loaded as a file, and the whole-file decisions taken on the preview page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_register_wizard as shared
from exchange.workbooks import COUNTY_LIST_ROWS, county_list_book
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableWidget, QWizard
from sqlalchemy import func, select

from gwinong_desktop.exchange.mapping import FACILITY, TO_NOTE
from gwinong_desktop.services import Services
from gwinong_desktop.storage.models import House
from gwinong_desktop.ui.register import RegisterImportWizard

SHOTS = Path("/tmp")
empty = shared.empty  # the fixtures of the wizard's other tests
make_wizard = shared.make_wizard


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return county_list_book(tmp_path / "진안군 현황.xlsx")


def _houses(services: Services) -> int:
    with services.ctx.read() as session:
        return session.scalar(select(func.count()).select_from(House)) or 0


def _wait_plan(qtbot, wizard: RegisterImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=15_000)


def _choose(qtbot, button) -> None:
    """Click the radio button's label, as an officer does (its middle may be empty space)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(10, button.height() // 2))


def _refused_rows(wizard: RegisterImportWizard) -> list[str]:
    table = wizard.preview_page.findChild(QTableWidget, "problemTable")
    return [table.item(r, 2).text() for r in range(table.rowCount())
            if table.item(r, 0).text() == "고칠 곳"]  # fmt: skip


def test_the_list_is_decided_on_the_preview_and_imported(
    qtbot,
    make_wizard,
    empty: Services,
    book: Path,
) -> None:
    wizard = make_wizard(empty)
    wizard.file_page.path_edit.setText(str(book))
    wizard.next()
    editor = wizard.mapping_page.sheets[0]
    assert editor.combo(0).currentData() == FACILITY  # 구분 holds kinds of facility
    assert editor.combo(0).currentText() == "시설 종류 (귀농인의 집이 아닌 행은 한 묶음으로)"
    assert editor.table.item(0, 1).text() == "귀농인의집 | 귀농인의 집 | 귀농인쉼터"  # distinct
    wizard.next()
    _wait_plan(qtbot, wizard)
    page = wizard.preview_page
    other, county = page.decisions.other_box, page.decisions.county_box
    assert other.isVisible() and county.isVisible()
    assert "'귀농인쉼터' 4개(8, 11, 16, 22행)" in page.decisions.other_text.text()
    assert "18개 행 모두의 시도·시군" in page.decisions.county_text.text()
    assert _refused_rows(wizard) == []  # no refusal per row: two decisions, each said once
    assert "아래에서 2가지를 정해 주세요" in page.summary.text()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.resize(1000, 900)
    page.grab().save(str(SHOTS / "h6-preview-decisions.png"))

    _choose(qtbot, page.decisions.skip)
    _wait_plan(qtbot, wizard)
    assert page.plan is not None and page.plan.choices.other_kinds == "skip"
    assert wizard.guard.changed()  # a decision taken: 취소 would ask before throwing it away
    assert "가져오지 않습니다" in page.plan.decision("other_kinds").message_ko
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # county still

    form = page.decisions.county_form
    assert form is not None
    form.county.setText("진안군")
    form.province.setCurrentText("전라북도")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    _wait_plan(qtbot, wizard)
    assert empty.county_profile.load().province == "전북특별자치도"
    assert not page.plan.refused
    assert not page.decisions.county_box.isVisible()
    assert page.plan.counts.houses_new == len(COUNTY_LIST_ROWS) - 4
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    page.grab().save(str(SHOTS / "h6-preview-decided.png"))
    table = page.findChild(QTableWidget, "preview_house")
    assert table.item(0, 3).text() == "백운면" and table.item(0, 7).text() == "노촌마을협의회"

    with qtbot.waitSignal(wizard.sig_imported, timeout=15_000) as blocker:
        wizard.next()
    assert blocker.args[0].counts.houses_new == 18
    assert blocker.args[0].counts.other_kinds_left_out == 4
    assert _houses(empty) == 18

    again = make_wizard(empty)
    again.file_page.path_edit.setText(str(book))
    again.next()
    again.next()
    _wait_plan(qtbot, again)
    assert not again.preview_page.decisions.county_box.isVisible()  # the profile is set now
    _choose(qtbot, again.preview_page.decisions.keep)
    _wait_plan(qtbot, again)
    counts = again.preview_page.plan.counts
    assert (counts.houses_new, counts.houses_known) == (4, 18)  # only the other kind is new


def test_the_mapping_is_saved_to_a_file_and_loaded_back(
    qtbot,
    make_wizard,
    empty: Services,
    book: Path,
    tmp_path: Path,
) -> None:
    wizard = make_wizard(empty)
    wizard.file_page.path_edit.setText(str(book))
    wizard.next()
    page = wizard.mapping_page
    editor = page.sheets[0]
    editor.combo(0).setCurrentIndex(editor.combo(0).findData(TO_NOTE))
    assert page.save_mapping_file(tmp_path / "열 맞춤")
    saved = tmp_path / "열 맞춤.json"
    assert "저장했습니다" in page.status.text()
    columns = json.loads(saved.read_text(encoding="utf-8"))["sheets"][0]["columns"]
    assert columns[0]["field"] == TO_NOTE and columns[2]["field"] == "location"
    editor.combo(0).setCurrentIndex(editor.combo(0).findData(FACILITY))
    assert page.load_mapping_file(saved)
    assert page.sheets[0].combo(0).currentData() == TO_NOTE
    assert page.status.text() == "불러왔습니다: 열 맞춤.json"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert not page.load_mapping_file(broken)
    assert "JSON 형식이 아닙니다" in page.error.text()
    assert page.sheets[0].combo(0).currentData() == TO_NOTE  # what was chosen stays
