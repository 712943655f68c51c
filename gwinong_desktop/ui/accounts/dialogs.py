"""Signing in: the first administrator of a new data folder, and the login dialog.

``sign_in(services)`` is what the composition root calls before the main window exists: it shows
``FirstAdminDialog`` when the folder has no account yet, ``LoginDialog`` otherwise, and returns
the signed-in ``Actor`` (None: the officer cancelled, and the app ends). The password is checked
by ``AccountService``; the dialogs only show its one Korean message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.password_rules import PASSWORD_RULE
from gwinong_desktop.domain.permissions import Actor

from ..resources import app_icon

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.accounts import AccountService

APP_TITLE = "귀농인의 집 관리"
DEMO_HINT = "예시 자료입니다. 아이디 admin, 비밀번호 demo1234로 로그인하세요."
ERROR_STYLE = "color: #b3261e;"
NOTE_STYLE = "color: #5b6660;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignIn", text)


def busy_call(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Call ``fn`` with the wait cursor (a password check takes a moment)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return fn(*args, **kwargs)
    finally:
        QGuiApplication.restoreOverrideCursor()


def password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(128)
    field.setMinimumWidth(240)
    return field


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def header(parent: QWidget, title: str, subtitle: str | None) -> QHBoxLayout:
    row = QHBoxLayout()
    icon = QLabel(parent)
    icon.setPixmap(app_icon().pixmap(48, 48))
    icon.setFixedSize(52, 52)
    row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    text = QVBoxLayout()
    text.setSpacing(2)
    head = QLabel(title, parent)
    head.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1f2a24;")
    text.addWidget(head)
    if subtitle:
        sub = QLabel(subtitle, parent)
        sub.setStyleSheet("font-size: 10.5pt; color: #3f7a34; font-weight: bold;")
        text.addWidget(sub)
    row.addLayout(text, 1)
    return row


class LoginDialog(QDialog):
    """User name and password; a failure shows one message (never which part was wrong)."""

    def __init__(
        self,
        accounts: AccountService,
        parent: QWidget | None = None,
        *,
        county: str | None = None,
        folder: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle(_tr("로그인 — {title}").format(title=_tr(APP_TITLE)))
        self.setWindowIcon(app_icon())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header(self, _tr(APP_TITLE), county))

        form = QFormLayout()
        form.setSpacing(8)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setMaxLength(60)
        self.password = password_field(self, "password")
        form.addRow(_tr("아이디"), self.username)
        form.addRow(_tr("비밀번호"), self.password)
        layout.addLayout(form)

        self.error = error_label(self)
        layout.addWidget(self.error)
        if hint:
            note = QLabel(hint, self)
            note.setObjectName("hintLabel")
            note.setWordWrap(True)
            note.setStyleSheet(
                "background: #eef5ea; border: 1px solid #cfe3c6; border-radius: 4px; "
                "padding: 6px 8px; color: #26332c;"
            )
            layout.addWidget(note)
        if folder:
            where = QLabel(_tr("데이터 폴더: {path}").format(path=folder), self)
            where.setObjectName("folderLabel")
            where.setWordWrap(True)
            where.setStyleSheet(NOTE_STYLE + " font-size: 8.5pt;")
            layout.addWidget(where)

        buttons = QDialogButtonBox(self)
        self.login_button = buttons.addButton(_tr("로그인"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        buttons.addButton(_tr("끝내기"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)
        self.username.setFocus()

    def try_login(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self.show_error(_tr("아이디와 비밀번호를 입력해 주세요."))
            (self.username if not name else self.password).setFocus()
            return
        self.login_button.setEnabled(False)
        try:
            self.actor = busy_call(self.accounts.authenticate, name, password)
        except Refusal as exc:
            self.show_error(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            self.login_button.setEnabled(True)
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class FirstAdminDialog(QDialog):
    """A data folder without accounts: the officer makes the administrator account first."""

    def __init__(
        self, accounts: AccountService, parent: QWidget | None = None, *, county: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle(_tr("관리자 계정 만들기 — {title}").format(title=_tr(APP_TITLE)))
        self.setWindowIcon(app_icon())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header(self, _tr("관리자 계정 만들기"), county))
        intro = QLabel(
            _tr(
                "이 데이터 폴더에는 입주자의 개인정보가 담기므로, 계정으로 로그인해야 쓸 수 "
                "있습니다. 먼저 관리자 계정을 만들어 주세요. 관리자는 다른 담당자의 계정을 "
                "만들고 권한을 정합니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setSpacing(8)
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("displayName")
        self.display_name.setPlaceholderText(_tr("예: 김영수"))
        self.display_name.setMaxLength(100)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setPlaceholderText(_tr("영문·숫자 3~30자, 예: kimys"))
        self.username.setMaxLength(30)
        self.password = password_field(self, "password")
        self.password2 = password_field(self, "password2")
        form.addRow(_tr("이름"), self.display_name)
        form.addRow(_tr("아이디"), self.username)
        form.addRow(_tr("비밀번호"), self.password)
        form.addRow(_tr("비밀번호 확인"), self.password2)
        layout.addLayout(form)
        rule = QLabel(
            _tr("비밀번호: {rule}. 잊으면 다른 관리자만 새로 정해 줄 수 있습니다.").format(
                rule=_tr(PASSWORD_RULE)
            ),
            self,
        )
        rule.setWordWrap(True)
        rule.setStyleSheet(NOTE_STYLE)
        layout.addWidget(rule)
        self.error = error_label(self)
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(
            _tr("만들고 시작하기"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        buttons.addButton(_tr("끝내기"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.display_name.setFocus()

    def try_create(self) -> None:
        if not self.display_name.text().strip():
            self.show_error(_tr("이름을 입력해 주세요."))
            return
        if self.password.text() != self.password2.text():
            self.show_error(_tr("비밀번호와 비밀번호 확인이 서로 다릅니다."))
            self.password2.clear()
            self.password2.setFocus()
            return
        self.create_button.setEnabled(False)
        try:
            self.actor = busy_call(
                self.accounts.create_first_admin,
                self.username.text(),
                self.display_name.text(),
                self.password.text(),
            )
        except Refusal as exc:
            self.show_error(exc.message)
            return
        finally:
            self.create_button.setEnabled(True)
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def sign_in(
    services: Services, parent: QWidget | None = None, *, hint: str | None = None
) -> Actor | None:
    """The signed-in officer for ``services``' folder, or None when they gave up.

    ``services`` may be the program's own (``Services.over(db)``); build the window's services
    with the actor returned. ``hint`` is shown under the fields (the demo's login)."""
    accounts = services.accounts
    return sign_in_with(
        accounts,
        parent,
        has_accounts=accounts.has_accounts(),
        county=services.county(),
        folder=str(services.data_dir),
        hint=hint,
    )


def sign_in_with(
    accounts: AccountService,
    parent: QWidget | None = None,
    *,
    has_accounts: bool,
    county: str | None,
    folder: str,
    hint: str | None = None,
) -> Actor | None:
    """:func:`sign_in` given what it shows: the dialogs call ``accounts`` only when the officer
    presses the button, so it may be an object that opens the database then (``app.run_gui``
    shows the dialog while SQLAlchemy still loads)."""
    if not has_accounts:
        first = FirstAdminDialog(accounts, parent, county=county)
        return first.actor if first.exec() == QDialog.DialogCode.Accepted else None
    login = LoginDialog(accounts, parent, county=county, folder=folder, hint=hint)
    return login.actor if login.exec() == QDialog.DialogCode.Accepted else None
