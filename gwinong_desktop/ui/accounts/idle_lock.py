"""The idle lock: after the minutes set in 설정 without input, every window is covered and the
signed-in officer's password is asked again.

``IdleLock`` watches the whole application's input through an event filter (a time stamp per
event, no timer restarted) and looks every few seconds whether the idle time has passed. Locked,
each visible top-level window gets an opaque cover over its contents and ``LockDialog`` (modal to
the application, with no way to close it) asks for the password; wrong passwords count toward the
account's failure limit. "다른 사용자로 로그인" ends the program cleanly (the windows close as on
끝내기), so the next officer signs in at the next start.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services

from ..resources import app_icon
from .dialogs import busy_call, error_label, header, password_field

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
MAX_CHECK_MS = 5_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("IdleLock", text)


class _Cover(QWidget):
    """An opaque sheet over a window's contents while locked; follows the window's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lockCover { background: #e9ede7; }")
        layout = QVBoxLayout(self)
        label = QLabel(_tr("잠겨 있습니다"), self)
        label.setStyleSheet("color: #6b756f; font-size: 16pt; font-weight: bold;")
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignCenter)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self.raise_)
        return False


class LockDialog(QDialog):
    """The password of the signed-in officer, or leaving the program; nothing else closes it."""

    sig_unlocked = Signal()
    """The right password was given."""

    sig_sign_out = Signal()
    """The officer chose to sign in as someone else (the program ends)."""

    def __init__(
        self, services: Services, actor: Actor, minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.services = services
        self.actor = actor
        self.setWindowTitle(_tr("잠금 — 귀농인의 집 관리"))
        self.setWindowIcon(app_icon())
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(header(self, _tr("화면이 잠겼습니다"), actor.label))
        text = QLabel(
            _tr(
                "{minutes}분 동안 사용하지 않아 개인정보 보호를 위해 화면을 잠갔습니다. "
                "비밀번호를 입력하면 하던 작업으로 그대로 돌아갑니다."
            ).format(minutes=minutes),
            self,
        )
        text.setWordWrap(True)
        text.setMinimumWidth(400)
        layout.addWidget(text)
        form = QFormLayout()
        self.password = password_field(self, "password")
        form.addRow(_tr("비밀번호"), self.password)
        layout.addLayout(form)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton(
            _tr("잠금 해제"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.switch_button = buttons.addButton(
            _tr("다른 사용자로 로그인 (프로그램 닫기)"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.switch_button.setObjectName("switchButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.sig_sign_out.emit)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def try_unlock(self) -> None:
        if not self.password.text():
            self.password.setFocus()
            return
        try:
            busy_call(self.services.accounts.confirm, self.actor, self.password.text())
        except Refusal as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()
        self.error.hide()
        self.sig_unlocked.emit()

    # nothing but the two buttons closes the dialog
    def reject(self) -> None:
        return

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


class IdleLock(QObject):
    """Locks the application after ``idle minutes`` without input (install once per window)."""

    sig_locked = Signal()
    """The screen was locked."""

    sig_unlocked = Signal()
    """The officer gave the password; the windows show again."""

    sig_signed_out = Signal()
    """The officer chose another user: the main window is being closed."""

    def __init__(
        self,
        window: QWidget,
        services: Services,
        actor: Actor,
        *,
        idle_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.actor = actor
        self.locked = False
        self.signed_out = False
        self.dialog: LockDialog | None = None
        self._covers: list[_Cover] = []
        self._last = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        if idle_ms is None:
            idle_ms = services.accounts.idle_minutes() * 60_000
        self.set_idle_ms(idle_ms)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    @property
    def idle_ms(self) -> int:
        return self._idle_ms

    def set_idle_minutes(self, minutes: int) -> None:
        """A new idle time from the 설정 page (takes effect at once)."""
        self.set_idle_ms(minutes * 60_000)

    def set_idle_ms(self, ms: int) -> None:
        self._idle_ms = max(int(ms), 50)
        self.timer.setInterval(min(MAX_CHECK_MS, max(25, self._idle_ms // 4)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def check(self) -> None:
        if not self.locked and (time.monotonic() - self._last) * 1000 >= self._idle_ms:
            self.lock()

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        minutes = max(1, round(self._idle_ms / 60_000))
        self._covers = [
            _Cover(w)
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, LockDialog) and not _transient(w)
        ]
        # The lock goes on when its record cannot be written: refusing to lock would leave
        # residents' data on an unattended screen. The officer reads why on the lock itself.
        unrecorded = self._record("lock", f"자동 잠금 ({minutes}분 동안 입력 없음)", "자동 잠금")
        self.dialog = LockDialog(self.services, self.actor, minutes, self.window)
        if unrecorded:
            self.dialog.error.setText(unrecorded)
            self.dialog.error.show()
        self.dialog.sig_unlocked.connect(self.unlock)
        self.dialog.sig_sign_out.connect(self.sign_out)
        self.dialog.show()
        self.dialog.password.setFocus()
        self.sig_locked.emit()

    def unlock(self) -> None:
        self._remove_covers()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.locked = False
        self._last = time.monotonic()
        self.sig_unlocked.emit()

    def sign_out(self) -> None:
        """Leave the program as 끝내기 does; the covers stay until the windows are gone. Open
        forms go without their discard question: no one signed in may save them."""
        self.signed_out = True
        self.uninstall()  # a signed-out lock never locks again (an exit backup may still run)
        unrecorded = self._record("logout", "잠금 화면에서 로그아웃", "로그아웃")
        if unrecorded:  # the program still ends: the officer asked to leave
            QMessageBox.warning(self.dialog or self.window, _tr("로그아웃"), unrecorded)
        if self.dialog is not None:
            self.dialog.hide()
        self.sig_signed_out.emit()
        from ..forms.guard import closing_unasked

        with closing_unasked():
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible() and widget is not self.window:
                    widget.close()
            self.window.close()

    def _record(self, action: str, summary: str, what: str) -> str | None:
        """Record a session event already done; None once written, else the Korean line that
        says it was not (its traceback is in the log file)."""
        try:
            self.services.accounts.record(self.actor, action, summary)
        except Exception as exc:  # a full disk, a read-only share: reported, never swallowed
            from gwinong_desktop.services.access_record import unrecorded

            return unrecorded(what, exc)
        return None

    def _remove_covers(self) -> None:
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers = []

    def uninstall(self) -> None:
        """Stop watching: no more checks, no more input seen (after a sign-out)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def _transient(widget: QWidget) -> bool:
    return widget.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup)
