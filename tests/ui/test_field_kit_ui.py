"""파일 → 현장 자료 내보내기 and the banner a field copy shows (issue #15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_fixtures import services_over

from gwinong_desktop.storage import fieldcrypt
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.ui.field_kit.export_dialog import FieldKitExportDialog


@pytest.fixture(autouse=True)
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "keys"))


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    return shown


def _dialog(qtbot, services) -> FieldKitExportDialog:
    dialog = FieldKitExportDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _check(dialog: FieldKitExportDialog, rows: range) -> list[str]:
    for n in rows:
        dialog.house_list.item(n).setCheckState(Qt.CheckState.Checked)
    return dialog.chosen_codes()


def test_chosen_houses_are_written_as_a_kit(qtbot, services, tmp_path: Path, told) -> None:
    dialog = _dialog(qtbot, services)
    assert not dialog.export_button.isEnabled()  # nothing chosen yet
    codes = _check(dialog, range(2))
    assert dialog.chosen_label.text() == "2곳 골랐습니다" and dialog.export_button.isEnabled()
    dialog.grab().save(str(tmp_path / "field_kit_dialog.png"))
    dialog.folder_edit.setText(str(tmp_path / "kit"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result_kit is not None, timeout=20_000)
    assert list(dialog.result_kit.house_codes) == sorted(codes)
    assert (tmp_path / "kit" / "kit" / "manifest.json").exists()
    assert told and "현장용 사본을 만들었습니다" in told[0]
    assert not dialog.isVisible()


def test_a_refusal_keeps_the_dialog_and_the_choice(qtbot, services, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "note.txt").write_text("x")
    dialog = _dialog(qtbot, services)
    codes = _check(dialog, range(1))
    dialog.folder_edit.setText(str(busy))
    dialog.run_export()
    assert dialog.isVisible() and dialog.result_kit is None
    assert "비어 있지 않습니다" in dialog.error_label.text() and dialog.error_label.isVisible()
    assert dialog.chosen_codes() == codes


def test_search_hides_other_houses(qtbot, services) -> None:
    dialog = _dialog(qtbot, services)
    code = dialog.house_list.item(0).data(Qt.ItemDataRole.UserRole)
    dialog.search.setText(code)
    shown = [
        dialog.house_list.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(dialog.house_list.count())
        if not dialog.house_list.item(n).isHidden()
    ]
    assert code in shown and len(shown) < dialog.house_list.count()


def test_a_field_copy_says_so_above_every_page(
    qtbot, services, tmp_path: Path, make_settings
) -> None:
    from gwinong_desktop.ui.main_window import MainWindow

    code = services.houses.list_houses()[0].code
    kit = services.field_kit.export([code], tmp_path / "kit")
    with open_database(kit.folder, purpose="test") as laptop:
        window = MainWindow(services_over(laptop), make_settings())
        qtbot.addWidget(window)
        window.show()
        label = kit_label = services_over(laptop).field_kit.field_copy().label()
        assert kit_label.startswith("현장용 사본 (")
        assert window.windowTitle().startswith(label)
        assert window.field_copy_banner.isVisible() and label in window.field_copy_banner.text()
        assert window.folder_label.text().startswith(label)
        window.grab().save(str(tmp_path / "field_copy_window.png"))
    office = MainWindow(services, make_settings())
    qtbot.addWidget(office)
    office.show()
    assert not office.field_copy_banner.isVisible()
    assert not office.windowTitle().startswith("현장용")


def test_ticked_houses_are_not_thrown_away_unasked(qtbot, services, answers) -> None:
    dialog = _dialog(qtbot, services)
    dialog.reject()  # nothing ticked: closes without a question
    assert answers.seen == [] and not dialog.isVisible()
    dialog = _dialog(qtbot, services)
    codes = _check(dialog, range(2))
    answers.answer = "discardKeep"
    dialog.reject()
    assert len(answers.seen) == 1 and dialog.isVisible() and dialog.chosen_codes() == codes
    assert "저장" not in answers.seen[0][2]  # 버리기 / 계속 쓰기 only: nothing to save
    answers.answer = "discardDrop"
    dialog.reject()
    assert not dialog.isVisible()
