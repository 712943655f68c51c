"""Qt's own dialogs speak Korean, and every file dialog starts in the last folder used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QWidget

from gwinong_desktop.ui import settings as opts
from gwinong_desktop.ui.forms import files
from gwinong_desktop.ui.qt_korean import FIXES, install_qt_korean

UI = Path(files.__file__).resolve().parents[1]


@pytest.fixture
def korean(qapp):
    translators = install_qt_korean(qapp)
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def test_qt_buttons_and_messages_are_in_korean(korean) -> None:
    translate = QCoreApplication.translate
    assert len(korean) == 2  # the catalogue was found, and the fixes are on top
    assert translate("QFileDialog", "Look in:") == "다음에서 찾기:"
    assert translate("QPlatformTheme", "Cancel") == "취소"
    assert translate("X", "not Qt's") == "not Qt's"  # the fixes answer only their own
    assert translate("QAbstractFileIconProvider", "Folder") == "폴더"  # the file kinds


def test_the_file_dialog_has_no_english_left(korean, qapp, tmp_path) -> None:
    """What the officer sees: every label, button and tooltip of Qt's own file dialog, in each
    mode, holds Korean (the catalogue alone left "&Look in:" and "Files of &type:")."""
    english = []
    for mode in ("open", "save", "folder"):
        dialog = QFileDialog(None, "고르기", str(tmp_path), "Excel 통합 문서 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if mode == "save":
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if mode == "folder":
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.show()
        for widget in dialog.findChildren(QWidget):
            texts = [widget.toolTip()]
            if isinstance(widget, QLabel | QAbstractButton):
                texts.append(widget.text())
            english += [(mode, t) for t in texts if re.search("[A-Za-z]{3}", t)
                        and not re.search("[가-힣]", t)]  # fmt: skip
        dialog.close()
        dialog.deleteLater()
    assert english == []
    for (context, source), korean_text in FIXES.items():
        assert QCoreApplication.translate(context, source) == korean_text


def test_every_file_dialog_of_the_ui_goes_through_the_one_helper() -> None:
    """A QFileDialog called anywhere else would start in the home folder and forget the place."""
    callers = []
    for path in UI.rglob("*.py"):
        if path == Path(files.__file__).resolve():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        if names & {"QFileDialog", "getOpenFileName", "getSaveFileName", "getExistingDirectory"}:
            callers.append(path.relative_to(UI).as_posix())
    assert callers == []


class Answered(list):
    """Qt's file dialogs, answered: each call is recorded as (kind, where it started) and gets
    the next of ``answers``."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []

    def file(self, kind: str):  # type: ignore[no-untyped-def]
        def ask(parent, title, start, filters=""):  # type: ignore[no-untyped-def]
            self.append((kind, start))
            return self.answers.pop(0), filters

        return ask

    def folder(self, parent, title, start):  # type: ignore[no-untyped-def]
        self.append(("folder", start))
        return self.answers.pop(0)


@pytest.fixture
def dialogs(monkeypatch) -> Answered:
    answered = Answered()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answered.file("open"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answered.file("save"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", answered.folder)
    return answered


def test_the_next_dialog_starts_where_the_last_one_ended(qapp, tmp_path, dialogs) -> None:
    usb, reports = tmp_path / "usb", tmp_path / "보고서"
    usb.mkdir()
    reports.mkdir()
    dialogs.answers += [str(usb / "관리대장.xlsx"), str(reports / "목록.xlsx"), str(usb), ""]
    # nothing remembered yet: the caller's own place
    assert files.ask_open(None, "고르기", "*.xlsx", fallback=tmp_path) == usb / "관리대장.xlsx"
    # then every dialog starts in the folder last used, whatever the caller would have offered
    saved = files.xlsx_target(None, "내보내기", tmp_path / "기본" / "목록.xlsx")
    assert saved == reports / "목록.xlsx"
    assert files.ask_folder(None, "폴더") == usb
    assert files.ask_open(None, "고르기", "*.json", fallback=tmp_path) is None  # cancelled
    assert dialogs == [
        ("open", str(tmp_path)),
        ("save", str(usb / "목록.xlsx")),
        ("folder", str(reports)),
        ("open", str(usb)),  # a cancel remembers nothing
    ]
    assert opts.LAST_FOLDER.read(opts.window_settings()) == str(usb)


def test_a_folder_that_is_gone_is_not_offered(qapp, tmp_path, dialogs) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    dialogs.answers += [str(gone / "a.gwbak"), ""]
    files.ask_open(None, "복원", "*.gwbak")
    gone.rmdir()
    files.ask_open(None, "복원", "*.gwbak", fallback=tmp_path)
    assert dialogs[-1] == ("open", str(tmp_path))


def test_a_folder_setting_starts_at_its_current_value(qapp, tmp_path, dialogs) -> None:
    current = tmp_path / "second"
    current.mkdir()
    dialogs.answers += [""]
    assert files.ask_folder(None, "두 번째 백업 폴더", current=current) is None
    assert dialogs == [("folder", str(current))]
