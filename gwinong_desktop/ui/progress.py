"""Run a background task behind a modal progress dialog and wait for it, GUI still responsive.

For work that must finish before anything else can happen (building the demo folder before the
main window opens). Work that can go on while the officer does other things uses
``tasks.BackgroundTask`` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from gwinong_desktop.domain.progress import Cancelled
from gwinong_desktop.tasks import BackgroundTask


class TaskFailed(Exception):
    """The work raised; ``error`` is the original exception, ``message`` a Korean text."""

    def __init__(self, message: str, error: BaseException | None) -> None:
        super().__init__(message)
        self.message = message
        self.error = error


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProgressDialog", text)


def run_with_progress(
    label: str,
    fn: Callable[..., Any],
    /,
    *args: Any,
    parent: QWidget | None = None,
    title: str = "",
    **kwargs: Any,
) -> Any:
    """Run ``fn(state, *args, **kwargs)`` off the GUI thread behind a progress dialog.

    Returns what ``fn`` returns; raises ``domain.progress.Cancelled`` after a cancel (once the
    work has stopped; the work's own, with its message, where it raised one) and
    :class:`TaskFailed` if it raised anything else.
    """
    dialog = QProgressDialog(label, _tr("취소"), 0, 0, parent)
    dialog.setObjectName("taskProgress")
    dialog.setWindowTitle(title or label)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(420)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    task = BackgroundTask()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def on_progress(done: int, total: int, step: str) -> None:
        if dialog.wasCanceled():
            return
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if step:
            dialog.setLabelText(f"{label}\n{step}")

    def on_cancel() -> None:
        dialog.setLabelText(_tr("취소하는 중…"))
        task.cancel()

    def finish(kind: str, value: Any = None) -> None:
        outcome[kind] = value
        loop.quit()

    task.sig_progress.connect(on_progress)
    task.sig_finished.connect(lambda result: finish("result", result))
    task.sig_failed.connect(lambda message: finish("failed", message))
    task.sig_cancelled.connect(lambda: finish("cancelled"))
    dialog.canceled.connect(on_cancel)

    task.start(fn, *args, **kwargs)
    if task.running:
        loop.exec()
    dialog.canceled.disconnect(on_cancel)
    dialog.reset()  # stops the timer that would show the dialog later
    dialog.hide()
    dialog.deleteLater()

    if "cancelled" in outcome:
        raise task.error if isinstance(task.error, Cancelled) else Cancelled()
    if "failed" in outcome:
        raise TaskFailed(outcome["failed"], task.error)
    return outcome.get("result")


def write_failure(exc: TaskFailed, target: Path) -> str:
    """The officer's message for a file export that failed: the file could not be written
    (open in another program?), a refusal's own message, else the error's."""
    from gwinong_desktop.domain.errors import Refusal

    if isinstance(exc.error, OSError):
        return _tr("파일을 쓸 수 없습니다 (다른 프로그램에서 열려 있나요?): {path}").format(
            path=target
        )
    if isinstance(exc.error, Refusal):
        return exc.error.message
    return exc.message
