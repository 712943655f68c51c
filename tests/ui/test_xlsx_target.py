"""Where a workbook goes: the one helper both Excel exports use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from gwinong_desktop.ui.forms.files import xlsx_target


def test_a_given_path_gets_the_xlsx_suffix(qapp, tmp_path: Path) -> None:
    assert xlsx_target(None, "내보내기", tmp_path / "d.xlsx", tmp_path / "목록") == (
        tmp_path / "목록.xlsx"
    )
    assert xlsx_target(None, "내보내기", tmp_path / "d.xlsx", str(tmp_path / "a.XLSX")) == (
        tmp_path / "a.XLSX"
    )


def test_the_dialog_is_asked_and_cancel_means_none(qapp, tmp_path: Path, monkeypatch) -> None:
    asked: list[str] = []

    def answer(parent, title, default, filters):
        asked.append(default)
        return answers.pop(0), filters

    answers = [str(tmp_path / "관리대장"), ""]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    assert xlsx_target(None, "내보내기", tmp_path / "기본.xlsx") == tmp_path / "관리대장.xlsx"
    assert xlsx_target(None, "내보내기", tmp_path / "기본.xlsx") is None
    assert asked == [str(tmp_path / "기본.xlsx")] * 2
