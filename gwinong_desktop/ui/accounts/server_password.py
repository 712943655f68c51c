"""The database server's password, asked at the start of a folder whose database is on a
server that wants one libpq finds nowhere (``PGPASSWORD``, ``.pgpass``).

Shown only for such a folder, before the sign-in (whose accounts live on that server): one
field, the server named, a refused password's reason above it, asked again until one works or
the officer ends. The password is given to this run only; it is never stored or written to the
log.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..resources import app_icon
from .dialogs import APP_TITLE, NOTE_STYLE, error_label, header, password_field


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerPassword", text)


class ServerPasswordDialog(QDialog):
    """One password field for the server ``url``; ``refused``: why the last one did not work."""

    def __init__(self, url: str, refused: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("serverPasswordDialog")
        self.setWindowTitle(
            _tr("데이터베이스 서버 비밀번호 — {title}").format(title=_tr(APP_TITLE))
        )
        self.setWindowIcon(app_icon())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header(self, _tr(APP_TITLE), None))
        about = QLabel(
            _tr(
                "이 데이터 폴더의 자료는 데이터베이스 서버에 있습니다. 서버가 비밀번호를 "
                "요구합니다.\n서버: {url}"
            ).format(url=url),
            self,
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.error = error_label(self)
        if refused:
            self.error.setText(refused)
            self.error.show()
        layout.addWidget(self.error)
        form = QFormLayout()
        self.password = password_field(self, "serverPassword")
        form.addRow(_tr("서버 비밀번호"), self.password)
        layout.addLayout(form)
        note = QLabel(
            _tr("이번 실행에만 쓰고 저장하지 않습니다. 모르면 서버 관리자에게 물어보세요.")
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(_tr("연결"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(_tr("끝내기"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.password.setFocus()


def ask_server_password(url: str, refused: str | None = None) -> str | None:
    """The password the officer typed for ``url``, or None when they chose 끝내기."""
    dialog = ServerPasswordDialog(url, refused)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text() or None
    finally:
        dialog.password.clear()
        dialog.deleteLater()
