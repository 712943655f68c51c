"""The account dialogs of the 설정 page: a new user or a new password for one (administrators),
and the officer's own password.

Each saves through ``AccountService`` itself and closes only once the account was written; a
refusal (a weak password, an id taken) shows its Korean message and keeps what was typed. Both
ask before typed input is thrown away (``forms.guard.GuardedDialog``); the sign-in and lock
dialogs do not (they end or lock the program).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Actor

from ..forms.guard import GuardedDialog
from .dialogs import NOTE_STYLE, PASSWORD_RULE, busy_call, error_label, password_field

if TYPE_CHECKING:
    from gwinong_desktop.services.accounts import AccountService, UserRow


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersPanel", text)


class _AccountDialog(GuardedDialog):
    """Fields in a form, the password rule, one error line, 확인 / 취소."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        rule = QLabel(_tr(PASSWORD_RULE), self)
        rule.setWordWrap(True)
        rule.setStyleSheet(NOTE_STYLE)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("okButton")
        buttons.accepted.connect(self.save_changes)
        buttons.rejected.connect(self.reject)
        self._tail = (rule, self.error, buttons)
        self.setMinimumWidth(400)

    def finish(self) -> None:
        """Put the rule, the error line and the buttons under the fields the subclass added."""
        layout = self.layout()
        for widget in self._tail:
            layout.addWidget(widget)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _write(self, same: tuple[QLineEdit, QLineEdit], mismatch: str, call: Callable) -> bool:
        """Save with ``call`` once both passwords agree; True when written (and closed)."""
        if same[0].text() != same[1].text():
            self.show_error(mismatch)
            same[1].setFocus()
            return False
        try:
            busy_call(call)
        except Refusal as exc:
            self.show_error(exc.message)
            return False
        self.accept()
        return True


class UserDialog(_AccountDialog):
    """A new account (name, id, role, password) or, with ``user``, a new password for it."""

    def __init__(
        self, accounts: AccountService, parent: QWidget | None = None, user: UserRow | None = None
    ) -> None:
        title = _tr("사용자 추가") if user is None else _tr("비밀번호 새로 정하기")
        super().__init__(title, parent)
        self.setObjectName("userDialog")
        self.accounts = accounts
        self.user = user
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role.label, role)
        self.role.setCurrentIndex(list(Role).index(Role.OFFICER))
        if user is None:
            self.form.addRow(_tr("이름"), self.display_name)
            self.form.addRow(_tr("아이디"), self.username)
            self.form.addRow(_tr("권한"), self.role)
        else:
            for widget in (self.display_name, self.username, self.role):
                widget.hide()
            self.form.addRow(_tr("사용자"), QLabel(f"{user.display_name} ({user.username})", self))
        self.password = password_field(self, "password")
        self.password2 = password_field(self, "password2")
        self.form.addRow(_tr("비밀번호"), self.password)
        self.form.addRow(_tr("비밀번호 확인"), self.password2)
        self.finish()

    def save_changes(self) -> bool:
        user, password = self.user, self.password.text()
        if user is None:

            def call() -> object:
                return self.accounts.add_user(
                    self.username.text(), self.display_name.text(), self.role.currentData(),
                    password,
                )  # fmt: skip
        else:

            def call() -> object:
                return self.accounts.reset_password(user.uid, password)

        mismatch = _tr("비밀번호와 비밀번호 확인이 서로 다릅니다.")
        return self._write((self.password, self.password2), mismatch, call)


class OwnPasswordDialog(_AccountDialog):
    """The signed-in officer changes their own password (the current one first)."""

    def __init__(
        self, accounts: AccountService, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(_tr("내 비밀번호 바꾸기"), parent)
        self.setObjectName("ownPasswordDialog")
        self.accounts = accounts
        self.actor = actor
        self.old = password_field(self, "oldPassword")
        self.new = password_field(self, "password")
        self.new2 = password_field(self, "password2")
        self.form.addRow(_tr("지금 비밀번호"), self.old)
        self.form.addRow(_tr("새 비밀번호"), self.new)
        self.form.addRow(_tr("새 비밀번호 확인"), self.new2)
        self.finish()

    def save_changes(self) -> bool:
        def call() -> None:
            self.accounts.change_own_password(self.actor, self.old.text(), self.new.text())

        mismatch = _tr("새 비밀번호와 확인이 서로 다릅니다.")
        return self._write((self.new, self.new2), mismatch, call)
