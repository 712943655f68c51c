"""The automatic backups of the folder the app has open: daily and on exit.

They are the program's own work (``SafetyService.automatic_backup``): they run in every session,
whatever the signed-in role may do, and write only into the data folder's backups and the second
folder.

``start()`` after the main window is shown: the daily backup runs in the background a few seconds
later if the newest backup is a day old or more, and is looked at again every hour while the app
stays open. ``backup_on_exit(window)`` from the window's ``closeEvent``: the exit backup runs behind
a modal progress dialog (it waits for a backup still running); an automatic backup whose database
did not change since the newest backup is not written again, so this is quick on a quiet day.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.services import Services, safety
from gwinong_desktop.tasks import BackgroundTask

from ..progress import TaskFailed, run_with_progress

HOUR_MS = 3_600_000
EXIT_WAIT_S = 600.0  # how long the exit backup waits for a backup or check still running


def _tr(text: str) -> str:
    return QCoreApplication.translate("AutoBackup", text)


class AutoBackup(QObject):
    """Daily and exit backups for ``services``' folder; tells the status bar what happened."""

    sig_backup_done = Signal(object)
    """An automatic backup ended (written, or skipped as unchanged); carries the BackupResult."""

    sig_message = Signal(str)
    """A line for the status bar (a backup made, a warning such as an absent USB stick)."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.task = BackgroundTask(self)
        self.task.sig_finished.connect(self._done)
        self.task.sig_failed.connect(
            lambda message: self.sig_message.emit(_tr("자동 백업 실패: {m}").format(m=message))
        )
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.backup_if_due)

    def start(self, delay_ms: int = 5000) -> None:
        """Look for a due daily backup after ``delay_ms`` (the window first), then every hour."""
        QTimer.singleShot(delay_ms, self.backup_if_due)
        self.timer.start()

    def backup_if_due(self) -> bool:
        """Start the daily backup in the background if one is due; True if it was started."""
        service = self.services.safety
        if self.task.running or not service.due_daily_backup():
            return False
        self.task.start(lambda state: service.automatic_backup("daily", state=state))
        return True

    def _done(self, result: object) -> None:
        if getattr(result, "skipped", False):
            self.sig_message.emit(_tr("자동 백업: 바뀐 내용이 없어 새로 만들지 않았습니다."))
        else:
            name = result.path.name  # type: ignore[attr-defined]
            self.sig_message.emit(_tr("자동 백업을 만들었습니다: {name}").format(name=name))
        for warning in getattr(result, "warnings", []):
            self.sig_message.emit(warning.replace("\n", " "))
        self.sig_backup_done.emit(result)

    def backup_on_exit(self, parent: QWidget | None = None) -> bool:
        """Write the exit backup; True if the window may close.

        Cancelled by the officer: close without it. Failed: ask whether to close anyway."""
        self.timer.stop()
        self.task.cancel()  # a daily backup still running gives way to the exit backup
        service = self.services.safety

        def work(state: TaskState) -> object:
            deadline = time.monotonic() + EXIT_WAIT_S
            while True:  # wait for a backup or check still running, but answer a cancel
                try:
                    return service.automatic_backup("exit", state=state, wait=0.25)
                except safety.SafetyBusy:
                    state.report(0, 0, _tr("앞선 작업이 끝나기를 기다리는 중"))
                    if time.monotonic() > deadline:
                        raise

        try:
            result = run_with_progress(
                _tr("끝내기 전에 백업하는 중…"), work, parent=parent, title=_tr("백업")
            )
        except Cancelled:
            return True
        except TaskFailed as exc:
            answer = QMessageBox.question(
                parent,
                _tr("백업"),
                _tr("끝내기 전 백업을 만들지 못했습니다.\n{m}\n\n그래도 끝낼까요?").format(
                    m=exc.message
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            return answer == QMessageBox.StandardButton.Yes
        self.sig_backup_done.emit(result)
        return True
