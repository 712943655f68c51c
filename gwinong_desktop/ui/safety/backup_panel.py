"""The 설정 page's section for the data's safety: backups, their rotation, the second folder,
restoring from a backup, and the data check.

A view with its own small controller (TagStudio's split is not worth two files here): every long
job (backup, check, repair) runs in a :class:`BackgroundTask` with the panel's progress bar and
cancel button; a restore runs behind a modal progress dialog, because nothing else may touch the
data meanwhile. After a restore the same ``Services`` work on the restored database; the window
only has to reload what it shows (``sig_restored``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.progress import Cancelled
from gwinong_desktop.services import Services, safety
from gwinong_desktop.tasks import BackgroundTask

from ..forms.files import ask_folder, ask_open
from ..forms.guard import DiscardGuard
from ..progress import TaskFailed, run_with_progress
from .check_view import CheckView

if TYPE_CHECKING:
    from gwinong_desktop.services.safety import SafetyService

KIND_LABELS = {
    "manual": "직접 만든 백업",
    "exit": "종료할 때 자동",
    "daily": "하루 한 번 자동",
    "before-restore": "복원 직전 자동",
    "before-upgrade": "새 버전으로 바꾸기 직전 자동",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupPanel", text)


def describe_entry(entry: Any) -> str:
    """ "2025-06-16 18:02 · 종료할 때 자동 · 5.1 MB" for a backup file (``BackupEntry``)."""
    kind = _tr(KIND_LABELS.get(entry.kind, entry.kind))
    return f"{entry.created:%Y-%m-%d %H:%M} · {kind} · {entry.size / 1_048_576:,.1f} MB"


class BackupPanel(QWidget):
    """Backups, restore and the data check for the folder ``services`` has open."""

    sig_backup_done = Signal(object)
    """A backup was written (or found unchanged); carries the ``BackupResult``."""

    sig_restored = Signal(object)
    """The data was replaced from a backup and the database reopened; carries the
    ``RestoreResult``. The window must reload every page (county name and title included)."""

    sig_busy_changed = Signal(bool)
    """A backup, check or repair started (True) or ended (False)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupPanel")
        self.services = services
        self._allowed = {"backup": True, "restore": True, "repair": True, "settings": True}
        self.task = BackgroundTask(self)
        self._on_result: Callable[[Any], None] | None = None
        self._build()
        self.task.sig_progress.connect(self._on_progress)
        self.task.sig_finished.connect(self._on_finished)
        self.task.sig_failed.connect(self._on_failed)
        self.task.sig_cancelled.connect(self._on_cancelled)
        self.refresh()

    @property
    def safety(self) -> SafetyService:
        """The use cases behind every button (each refuses what the role may not do)."""
        return self.services.safety

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        backup_box = QGroupBox(self.tr("백업"), self)
        form = QFormLayout(backup_box)
        self.last_label = QLabel(backup_box)
        self.last_label.setObjectName("lastBackup")
        self.backup_button = QPushButton(self.tr("지금 백업"), backup_box)
        self.backup_button.setObjectName("backupNow")
        self.open_button = QPushButton(self.tr("백업 폴더 열기"), backup_box)
        row = QHBoxLayout()
        row.addWidget(self.last_label, 1)
        row.addWidget(self.backup_button)
        row.addWidget(self.open_button)
        form.addRow(self.tr("마지막 백업"), row)

        self.keep_daily = QSpinBox(backup_box)
        self.keep_daily.setRange(*safety.KEEP_DAILY_RANGE)
        self.keep_daily.setSuffix(self.tr(" 일"))
        self.keep_monthly = QSpinBox(backup_box)
        self.keep_monthly.setRange(*safety.KEEP_MONTHLY_RANGE)
        self.keep_monthly.setSuffix(self.tr(" 개월"))
        keep = QHBoxLayout()
        keep.addWidget(QLabel(self.tr("날마다 마지막 백업"), backup_box))
        keep.addWidget(self.keep_daily)
        keep.addSpacing(12)
        keep.addWidget(QLabel(self.tr("달마다 마지막 백업"), backup_box))
        keep.addWidget(self.keep_monthly)
        keep.addStretch(1)
        keep_block = QVBoxLayout()
        keep_block.setSpacing(2)
        keep_block.addLayout(keep)
        note = QLabel(
            self.tr(
                "자동 백업(종료할 때, 하루 한 번)만 이 수에 맞춰 정리합니다. "
                "직접 만든 백업과 복원 직전 백업은 지우지 않습니다."
            ),
            backup_box,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6660;")
        keep_block.addWidget(note)
        form.addRow(self.tr("보관"), keep_block)

        self.second_label = QLabel(backup_box)
        self.second_label.setObjectName("secondFolder")
        self.second_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("선택…"), backup_box)
        self.clear_button = QPushButton(self.tr("지우기"), backup_box)
        second = QHBoxLayout()
        second.addWidget(self.second_label, 1)
        second.addWidget(self.choose_button)
        second.addWidget(self.clear_button)
        form.addRow(self.tr("두 번째 백업 폴더"), second)

        self.restore_button = QPushButton(self.tr("백업에서 복원…"), backup_box)
        self.restore_button.setObjectName("restoreButton")
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)
        form.addRow("", restore_row)

        self.check_view = CheckView(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("safetyProgress")
        self.cancel_button = QPushButton(self.tr("취소"), self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("safetyStatus")
        self.status_label.setWordWrap(True)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(backup_box)
        layout.addWidget(self.check_view)
        layout.addLayout(busy)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self._set_busy(False)

        self.backup_button.clicked.connect(self.backup_now)
        self.open_button.clicked.connect(self.open_backup_folder)
        self._save_timer = QTimer(self)  # spin-box clicks are saved once they pause
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(600)
        self._save_timer.timeout.connect(self._save_settings)
        for box in (self.keep_daily, self.keep_monthly):
            box.valueChanged.connect(self._save_timer.start)
            box.editingFinished.connect(self._save_settings)
        # a change still waiting for its pause is saved when the window closes, not lost
        DiscardGuard(self, save=self._save_settings, changed=self._save_timer.isActive, ask=False)
        self.choose_button.clicked.connect(self.choose_second_folder)
        self.clear_button.clicked.connect(lambda: self.set_second_folder(None))
        self.restore_button.clicked.connect(self.restore_from_file)
        self.cancel_button.clicked.connect(self.task.cancel)
        self.check_view.sig_check_requested.connect(self.check)

    # --- who may do what ----------------------------------------------------------------------

    def set_permissions(
        self,
        *,
        backup: bool = True,
        restore: bool = True,
        repair: bool = True,
        settings: bool = True,
    ) -> None:
        """Offer only what the signed-in role may do (``SafetyService`` refuses the rest)."""
        self._allowed = {"backup": backup, "restore": restore, "repair": repair,
                         "settings": settings}  # fmt: skip
        self._set_busy(self.busy)

    # --- what is shown ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the newest backup and the settings as stored (after a restore, too)."""
        last = self.safety.last_backup()
        self.last_label.setText(describe_entry(last) if last else self.tr("아직 없습니다"))
        settings = self.safety.settings()
        for box, value in ((self.keep_daily, settings.keep_daily),
                           (self.keep_monthly, settings.keep_monthly)):  # fmt: skip
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        folder = settings.second_folder
        self.second_label.setText(str(folder) if folder else self.tr("없음 (USB 메모리 등)"))
        self.second_label.setProperty("set", folder is not None)
        self._set_busy(self.busy)

    @property
    def busy(self) -> bool:
        return self.task.running

    def _set_busy(self, busy: bool) -> None:
        allowed = self._allowed
        self.backup_button.setEnabled(not busy and allowed["backup"])
        self.restore_button.setEnabled(not busy and allowed["restore"])
        for widget in (self.choose_button, self.keep_daily, self.keep_monthly):
            widget.setEnabled(not busy and allowed["settings"])
        self.clear_button.setEnabled(
            not busy and allowed["settings"] and self.second_label.property("set") is True
        )
        self.check_view.set_enabled(not busy, repair=allowed["repair"])
        if busy == (not self.progress.isHidden()):
            return
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        self.sig_busy_changed.emit(busy)

    # --- settings -----------------------------------------------------------------------------

    def _save_settings(self) -> None:
        self._save_timer.stop()
        current = self.safety.settings()
        wanted = safety.BackupSettings(
            self.keep_daily.value(), self.keep_monthly.value(), current.second_folder
        )
        if wanted != current:
            self._save(wanted)

    def choose_second_folder(self) -> None:
        current = self.safety.settings().second_folder
        chosen = ask_folder(self, self.tr("두 번째 백업 폴더"), current=current)
        if chosen is not None:
            self.set_second_folder(chosen)

    def set_second_folder(self, folder: Path | None) -> None:
        current = self.safety.settings()
        self._save(safety.BackupSettings(current.keep_daily, current.keep_monthly, folder))
        self.refresh()

    def _save(self, new: safety.BackupSettings) -> None:
        try:
            self.safety.save_settings(new)
        except Refusal as exc:  # a role that may not change settings (the boxes are disabled)
            QMessageBox.warning(self, self.tr("백업 설정"), exc.message)
            self.refresh()

    def open_backup_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.safety.backups_folder)))

    # --- long work ----------------------------------------------------------------------------

    def _run(self, label: str, fn: Callable[..., Any], on_result: Callable[[Any], None]) -> None:
        self._on_result = on_result
        self.status_label.setText(label)
        self._set_busy(True)
        self.task.start(fn)

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if label:
            self.progress.setFormat(f"{label}  %v/%m" if total else label)

    def _on_finished(self, result: object) -> None:
        self._set_busy(False)
        if self._on_result is not None:
            self._on_result(result)

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.status_label.setText(self.tr("작업을 마치지 못했습니다."))
        QMessageBox.warning(self, self.tr("데이터 보호"), message)

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.status_label.setText(self.tr("취소했습니다. 데이터는 그대로입니다."))

    def backup_now(self) -> None:
        service = self.safety
        self._run(
            self.tr("백업하는 중…"),
            lambda state: service.backup(state=state),
            self._backup_done,
        )

    def _backup_done(self, result: Any) -> None:
        self.refresh()
        self.status_label.setText(
            self.tr("백업했습니다 (검사 완료): {name}").format(name=result.path.name)
        )
        lost = len(result.manifest.missing)
        notes = list(result.warnings)
        if lost:
            notes.append(
                self.tr(
                    "파일이 없는 사진·첨부서류 {n}건은 백업에 담지 못했습니다. "
                    "'데이터 점검'으로 어느 기록인지 확인해 주세요."
                ).format(n=lost)
            )
        if notes:
            QMessageBox.warning(self, self.tr("백업"), "\n\n".join(notes))
        self.sig_backup_done.emit(result)

    def check(self, repair: bool) -> None:
        service = self.safety
        label = self.tr("복구하는 중…") if repair else self.tr("점검하는 중…")
        done = self.tr("복구를 마쳤습니다") if repair else self.tr("데이터 점검을 마쳤습니다")
        self._run(
            label,
            lambda state: service.check(repair=repair, state=state),
            lambda problems: self._check_done(problems, done),
        )

    def _check_done(self, problems: Any, done: str) -> None:
        """The findings go to the check's own list and summary (said once, there); the status
        line only says the work ended, and when."""
        self.check_view.show_problems(problems)
        self.status_label.setText(
            self.tr("{done} ({time}). 결과는 위 '데이터 점검'에 있습니다.").format(
                done=done, time=datetime.now().strftime("%H:%M")
            )
        )
        self.refresh()

    # --- restore ------------------------------------------------------------------------------

    def restore_from_file(self) -> None:
        """Choose a backup, confirm, restore behind a modal progress dialog, tell the window."""
        file = ask_open(
            self, self.tr("복원할 백업 파일"),
            self.tr("귀농인의 집 백업 (*.gwbak);;모든 파일 (*)"),
            fallback=self.safety.backups_folder,
        )  # fmt: skip
        if file is not None:
            self.restore(file)

    def restore(self, file: Path) -> bool:
        try:
            manifest = safety.read_backup(file)
        except Refusal as exc:  # not our backup, from a newer version, damaged
            QMessageBox.critical(self, self.tr("백업에서 복원"), exc.message)
            return False
        if not self._confirm(file, manifest):
            return False
        service = self.safety
        try:
            result = run_with_progress(
                self.tr("백업에서 복원하는 중…"),
                lambda state: service.restore(file, state=state),
                parent=self,
                title=self.tr("백업에서 복원"),
            )
        except Cancelled:
            self.status_label.setText(self.tr("복원을 취소했습니다. 데이터는 그대로입니다."))
            return False
        except TaskFailed as exc:
            QMessageBox.critical(self, self.tr("백업에서 복원"), exc.message)
            return False
        self.refresh()
        self.status_label.setText(self.tr("복원했습니다: {name}").format(name=file.name))
        text = self.tr("복원했습니다. 화면을 새 자료로 다시 엽니다.")
        if result.before_backup:
            text += "\n\n" + self.tr("복원 직전 상태는 백업해 두었습니다: {name}").format(
                name=result.before_backup.name
            )
        for warning in result.warnings:
            text += "\n\n" + warning
        QMessageBox.information(self, self.tr("백업에서 복원"), text)
        self.sig_restored.emit(result)
        return True

    def _confirm(self, file: Path, manifest: Any) -> bool:
        counts = manifest.counts
        when = manifest.created.astimezone()
        text = self.tr(
            "이 백업의 내용으로 현재 데이터를 바꿉니다.\n\n"
            "파일: {file}\n만든 때: {when}\n시군: {county}\n"
            "귀농인의 집 {houses}개소, 입주자 {residents}명, 사진 {photos}장\n\n"
            "현재 데이터는 바꾸기 전에 자동으로 백업합니다. 계속할까요?"
        ).format(
            file=file.name,
            when=f"{when:%Y-%m-%d %H:%M}",
            county=manifest.county or "-",
            houses=f"{counts.get('house', 0):,}",
            residents=f"{counts.get('resident', 0):,}",
            photos=f"{counts.get('photo', 0):,}",
        )
        answer = QMessageBox.question(
            self,
            self.tr("백업에서 복원"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
