"""BackgroundTask: results, failures, progress and cancel arrive on the GUI thread."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QThread

from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.storage.datafolder import StorageError
from gwinong_desktop.tasks import BackgroundTask, error_message


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
            time.sleep(0.05)  # reports further apart than the merge interval all arrive
        return "끝"

    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        task.start(work)
    assert reports == [(i, 5, f"단계 {i}") for i in range(1, 6)]


def test_progress_storm_is_merged_and_the_last_report_arrives(qtbot):
    # a worker reporting per file must not queue a signal per file on the GUI thread
    task = BackgroundTask()
    reports: list[tuple[int, int, str]] = []
    task.sig_progress.connect(lambda d, t, label: reports.append((d, t, label)))

    def work(state: TaskState) -> str:
        for i in range(1, 5001):
            state.report(i, 5000, "파일")
        return "끝"

    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        task.start(work)
    assert reports[0] == (1, 5000, "파일")
    assert reports[-1] == (5000, 5000, "파일")
    assert len(reports) < 100
    assert [d for d, _, _ in reports] == sorted(d for d, _, _ in reports)


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
            state.check()
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
    assert isinstance(task.error, Cancelled)
    assert task.error.message == "취소했습니다. 데이터는 그대로입니다."


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


def test_the_task_gives_the_work_the_domain_state_and_cancel_reaches_it(qtbot):
    task = BackgroundTask()
    given: list[object] = []
    go = threading.Event()

    def work(state: TaskState) -> None:
        given.append(state)
        go.wait(5)
        state.report(1, 1, "끝")  # raises Cancelled: the task's cancel reached this state

    state = task.start(work)
    with qtbot.waitSignal(task.sig_cancelled, timeout=5000):
        task.cancel()
        go.set()
    assert given == [state]
    assert type(state) is TaskState and state.cancelled


def test_the_work_own_cancel_message_is_kept(qtbot):
    task = BackgroundTask()

    def work(state: TaskState) -> None:
        raise Cancelled("내보내기를 취소했습니다. 파일을 만들지 않았습니다.")

    with qtbot.waitSignal(task.sig_cancelled, timeout=5000):
        task.start(work)
    assert task.error.message == "내보내기를 취소했습니다. 파일을 만들지 않았습니다."


def test_a_failure_logs_its_traceback(qtbot, caplog):
    task = BackgroundTask()

    def broken_export(state: TaskState) -> None:
        {}["없는 열"]

    with (
        caplog.at_level(logging.ERROR, logger="gwinong_desktop"),
        qtbot.waitSignal(task.sig_failed, timeout=5000),
    ):
        task.start(broken_export)
    records = [r for r in caplog.records if r.name == "gwinong_desktop.tasks.background"]
    assert len(records) == 1
    record = records[0]
    assert record.levelno == logging.ERROR
    assert "broken_export" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert "'없는 열'" in caplog.text and "Traceback" in caplog.text


def test_a_cancel_is_not_logged_as_a_failure(qtbot, caplog):
    task = BackgroundTask()

    def work(state: TaskState) -> None:
        raise Cancelled

    with (
        caplog.at_level(logging.DEBUG, logger="gwinong_desktop"),
        qtbot.waitSignal(task.sig_cancelled, timeout=5000),
    ):
        task.start(work)
    assert caplog.records == []


@pytest.mark.process
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


def test_the_gui_sends_a_failed_task_traceback_to_the_log_file(qtbot, tmp_path, monkeypatch):
    import gwinong_desktop.cli as cli

    path = tmp_path / "logs" / "error.log"
    monkeypatch.setattr(cli, "log_file", lambda: path)
    logger = logging.getLogger("gwinong_desktop")
    before, level = list(logger.handlers), logger.level
    try:
        cli.log_to_file()
        cli.log_to_file()  # once per process: a second call adds nothing
        added = [h for h in logger.handlers if h not in before]
        assert len(added) == 1
        task = BackgroundTask()

        def import_photos(state: TaskState) -> None:
            raise OSError(28, "No space left on device")

        with qtbot.waitSignal(task.sig_failed, timeout=5000):
            task.start(import_photos)
        added[0].flush()
        text = path.read_text(encoding="utf-8")
    finally:
        for handler in logger.handlers[:]:
            if handler not in before:
                logger.removeHandler(handler)
                handler.close()
        logger.setLevel(level)
    assert "ERROR gwinong_desktop.tasks.background: background task" in text
    assert "import_photos" in text
    assert "Traceback (most recent call last)" in text
    assert "OSError: [Errno 28] No space left on device" in text


def test_a_result_for_a_receiver_qt_already_deleted_is_dropped_quietly(qtbot):
    """The window closed while a task still ran (the dashboard's due list, say): its result has
    nowhere to go, and must not end the program with a traceback."""
    import shiboken6

    from gwinong_desktop.tasks.background import _Bridge, _send

    bridge = _Bridge()
    shiboken6.delete(bridge)
    with pytest.raises(RuntimeError):
        bridge.sig_done.emit(5)  # what the worker met before
    _send(bridge, "sig_done", 5)
    assert not shiboken6.isValid(bridge)
