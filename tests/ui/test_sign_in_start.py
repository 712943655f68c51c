"""The sign-in dialog at start shows before the database is open (``app._sign_in_dialog``)."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gwinong_desktop import app as app_module
from gwinong_desktop.services.accounts import AccountService
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.quick import claim_folder

PASSWORD = "Gwinong#2025"


def finished_thread() -> threading.Thread:
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    return thread


def sign_in_at_start(root: Path, fill) -> tuple:
    claim = claim_folder(root, "test")
    opening = app_module._Opening(QApplication.instance(), claim, finished_thread())
    seen: dict = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = dialog.objectName()
        seen["opened before"] = opening.db is not None
        fill(dialog)

    QTimer.singleShot(0, answer)
    try:
        actor = app_module._sign_in_dialog(argparse.Namespace(demo=True), claim, opening)
        return actor, seen, opening.db is not None
    finally:
        opening.close()
        claim.release()


def test_the_login_dialog_comes_first_and_the_database_with_the_button(qtbot, tmp_path):
    with open_database(tmp_path) as db:
        AccountService(ServiceContext(db), failure_delay=0).create_first_admin(
            "admin", "김관리", PASSWORD
        )

    def fill(dialog) -> None:
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    actor, seen, opened = sign_in_at_start(tmp_path, fill)
    assert seen == {"dialog": "loginDialog", "opened before": False}
    assert opened and actor is not None and actor.username == "admin"


def test_a_wrong_password_is_refused_in_the_dialog(qtbot, tmp_path):
    with open_database(tmp_path) as db:
        AccountService(ServiceContext(db), failure_delay=0).create_first_admin(
            "admin", "김관리", PASSWORD
        )
    errors: list[str] = []

    def fill(dialog) -> None:
        dialog.username.setText("admin")
        dialog.password.setText("Gwinong#2024")
        dialog.login_button.click()  # refused: the dialog stays, with the one message
        errors.append(dialog.error.text())
        dialog.reject()  # 끝내기

    actor, _seen, _opened = sign_in_at_start(tmp_path, fill)
    assert actor is None
    assert errors == ["아이디 또는 비밀번호가 맞지 않습니다."]


def test_a_folder_without_accounts_asks_for_the_first_administrator(qtbot, tmp_path):
    with open_database(tmp_path):
        pass
    names: list[str] = []

    def fill(dialog) -> None:
        names.append(dialog.objectName())
        dialog.reject()

    actor, _seen, opened = sign_in_at_start(tmp_path, fill)
    assert actor is None and names == ["firstAdminDialog"] and not opened
