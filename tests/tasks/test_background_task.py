"""BackgroundTask: results, failures, progress and cancel arrive on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from gwinong_desktop.storage.datafolder import StorageError
from gwinong_desktop.tasks import BackgroundTask, TaskCancelled, TaskState, error_message


def test_result_arrives_on_gui_thread(qtbot):
    task = BackgroundTask()
    seen: dict[str, object] = {}

    def work(state: TaskState, a: int, b: int) -> int:
        seen["worker"] = threading.get_ident()
        return a + b

    def on_finished(result: object) -> None:
        seen["slot_thread"] = QThread.currentThread()

    task.sig_finished.connect(on_finished)
    with qtbot.waitSignal(task.sig_finished, timeout=5000) as blocker:
        task.start(work, 2, 3)
    assert blocker.args == [5]
    assert task.result == 5
    assert not task.running
    assert seen["worker"] != threading.get_ident()
    assert seen["slot_thread"] is task.thread()


def test_progress_is_reported_in_order(qtbot):
    task = BackgroundTask()
    reports: list[tuple[int, int, str]] = []
    task.sig_progress.connect(lambda d, t, label: reports.append((d, t, label)))

    def work(state: TaskState) -> str:
        for i in range(1, 6):
            state.report(i, 5, f"단계 {i}")
        return "끝"

    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        task.start(work)
    assert reports == [(i, 5, f"단계 {i}") for i in range(1, 6)]


def test_failure_gives_korean_message_and_keeps_exception(qtbot):
    task = BackgroundTask()

    def work(state: TaskState) -> None:
        raise StorageError("데이터 폴더에 쓸 수 없습니다.")

    with qtbot.waitSignal(task.sig_failed, timeout=5000) as blocker:
        task.start(work)
    assert blocker.args == ["데이터 폴더에 쓸 수 없습니다."]
    assert isinstance(task.error, StorageError)
    assert not task.running


def test_plain_exception_message_names_the_error():
    assert error_message(ValueError("잘못된 값")) == "ValueError: 잘못된 값"
    assert error_message(RuntimeError()) == "RuntimeError"


def test_cancel_stops_the_work(qtbot):
    task = BackgroundTask()
    started = threading.Event()

    def work(state: TaskState) -> None:
        started.set()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            state.raise_if_cancelled()
            time.sleep(0.005)
        raise AssertionError("never cancelled")

    finished: list[object] = []
    task.sig_finished.connect(finished.append)
    task.start(work)
    assert started.wait(5)
    with qtbot.waitSignal(task.sig_cancelled, timeout=5000):
        task.cancel()
    assert finished == []
    assert not task.running


def test_work_that_returns_after_cancel_counts_as_cancelled(qtbot):
    task = BackgroundTask()
    go = threading.Event()

    def work(state: TaskState) -> int:
        go.wait(5)
        return 1 if state.cancelled else 0

    task.start(work)
    with qtbot.waitSignal(task.sig_cancelled, timeout=5000):
        task.cancel()
        go.set()


def test_a_task_runs_one_function_at_a_time(qtbot):
    task = BackgroundTask()
    go = threading.Event()
    task.start(lambda state: go.wait(5))
    with pytest.raises(RuntimeError):
        task.start(lambda state: None)
    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        go.set()
    # and it can be started again once done
    with qtbot.waitSignal(task.sig_finished, timeout=5000) as blocker:
        task.start(lambda state: "again")
    assert blocker.args == ["again"]


def test_state_without_listener_and_cancel_flag():
    state = TaskState()
    state.report(1, 2, "x")  # nobody listens: fine
    assert not state.cancelled
    state.cancel()
    assert state.cancelled
    with pytest.raises(TaskCancelled):
        state.raise_if_cancelled()


def test_tasks_layer_uses_qtcore_only():
    import subprocess
    import sys

    code = (
        "import sys, gwinong_desktop.tasks;"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6.Qt')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['PySide6.QtCore']"
