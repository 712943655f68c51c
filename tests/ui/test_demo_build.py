"""prepare_demo_folder: current folder returned at once; otherwise built in the background with a
progress dialog that can cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from gwinong_desktop import cli
from gwinong_desktop.demo import folder as demo_folder
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.storage.datafolder import StorageError
from gwinong_desktop.ui import demo_build
from gwinong_desktop.ui.progress import TaskFailed, run_with_progress


@pytest.fixture
def demo_dir(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "demo"
    monkeypatch.setattr(cli, "demo_data_dir", lambda: root)
    return root


def _progress_dialog() -> QProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QProgressDialog) and widget.objectName() == "taskProgress":
            return widget
    return None


def test_current_demo_is_returned_without_building(qapp, demo_dir, monkeypatch):
    monkeypatch.setattr(demo_folder, "demo_is_current", lambda root: True)

    def no_build(*args, **kwargs):
        raise AssertionError("must not build")

    monkeypatch.setattr(demo_folder, "ensure_demo_folder", no_build)
    assert demo_build.prepare_demo_folder(demo_dir) == demo_dir


def test_stale_demo_is_built_off_the_gui_thread(qtbot, demo_dir, monkeypatch):
    monkeypatch.setattr(demo_folder, "demo_is_current", lambda root: False)
    seen: dict[str, object] = {}

    def fake_ensure(root: Path, state=None) -> Path:
        seen["thread"] = threading.get_ident()
        for i in range(1, 4):
            state.report(i, 3, "귀농인의 집")
            time.sleep(0.01)
        return root

    monkeypatch.setattr(demo_folder, "ensure_demo_folder", fake_ensure)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))  # the GUI thread keeps running meanwhile
    timer.start(1)
    assert demo_build.prepare_demo_folder(demo_dir) == demo_dir
    timer.stop()
    assert seen["thread"] != threading.get_ident()
    assert ticks
    qtbot.wait(500)  # past the dialog's minimum duration: it must not come back
    dialog = _progress_dialog()
    assert dialog is None or not dialog.isVisible()


def test_cancel_raises_storage_error(qapp, demo_dir, monkeypatch):
    monkeypatch.setattr(demo_folder, "demo_is_current", lambda root: False)

    def endless(root: Path, state=None) -> Path:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            state.report(1, 100, "사진")
            time.sleep(0.005)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(demo_folder, "ensure_demo_folder", endless)

    def press_cancel() -> None:
        dialog = _progress_dialog()
        assert dialog is not None
        assert dialog.labelText().startswith("예시 자료(진안군)를 만드는 중…")
        dialog.findChild(QPushButton).click()  # what the officer does

    QTimer.singleShot(100, press_cancel)
    with pytest.raises(Refusal) as info:
        demo_build.prepare_demo_folder(demo_dir)
    assert info.value.message == "예시 자료 만들기를 취소했습니다."


def test_build_failure_becomes_storage_error(qapp, demo_dir, monkeypatch):
    monkeypatch.setattr(demo_folder, "demo_is_current", lambda root: False)

    def broken(root: Path, state=None) -> Path:
        raise OSError("디스크가 가득 찼습니다")

    monkeypatch.setattr(demo_folder, "ensure_demo_folder", broken)
    with pytest.raises(Refusal) as info:
        demo_build.prepare_demo_folder(demo_dir)
    assert "예시 자료를 만들지 못했습니다" in info.value.message
    assert "디스크가 가득 찼습니다" in info.value.message


def test_storage_error_passes_through(qapp, demo_dir, monkeypatch):
    monkeypatch.setattr(demo_folder, "demo_is_current", lambda root: False)

    def locked(root: Path, state=None) -> Path:
        raise StorageError("다른 프로그램이 사용 중입니다.", 4)

    monkeypatch.setattr(demo_folder, "ensure_demo_folder", locked)
    with pytest.raises(StorageError) as info:
        demo_build.prepare_demo_folder(demo_dir)
    assert info.value.message == "다른 프로그램이 사용 중입니다."
    assert info.value.exit_code == 4


def test_run_with_progress_returns_result_and_raises_failure(qapp):
    assert run_with_progress("계산 중", lambda state, a: a * 2, 21) == 42
    with pytest.raises(TaskFailed) as info:
        run_with_progress("계산 중", lambda state: 1 / 0)
    assert isinstance(info.value.error, ZeroDivisionError)
