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


def gated_thread(gate: threading.Event) -> threading.Thread:
    """A warm-up that ends when ``gate`` is set (the loading still under way)."""
    thread = threading.Thread(target=gate.wait, daemon=True)
    thread.start()
    return thread


def sign_in_at_start(root: Path, fill, warm: threading.Thread | None = None) -> tuple:
    claim = claim_folder(root, "test")
    opening = app_module._Opening(QApplication.instance(), claim, warm or finished_thread())
    seen: dict = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = dialog.objectName()
        seen["opened before"] = opening.db is not None
        fill(dialog)

    QTimer.singleShot(0, answer)
    try:
        actor = app_module._sign_in_dialog(argparse.Namespace(demo=True), claim, opening)
        seen["failed"] = opening.failed
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
    assert seen == {"dialog": "loginDialog", "opened before": False, "failed": None}
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


def with_admin(root: Path) -> Path:
    with open_database(root) as db:
        AccountService(ServiceContext(db), failure_delay=0).create_first_admin(
            "admin", "김관리", PASSWORD
        )
    return root


def test_a_dialog_waiting_for_the_database_holds_clicks_and_keys_back(qtbot, tmp_path, monkeypatch):
    """로그인 pressed while SQLAlchemy still loads: the wait keeps painting but holds the
    officer's clicks and keys back, so nothing re-enters the dialog (a second 로그인, 끝내기);
    the database is opened once."""
    from PySide6.QtCore import QEventLoop

    import gwinong_desktop.storage.database as database

    root = with_admin(tmp_path)
    gate = threading.Event()
    opened: list[int] = []
    real_open = database.open_claimed
    monkeypatch.setattr(database, "open_claimed", lambda c: opened.append(1) or real_open(c))
    qapp = QApplication.instance()
    real_process = qapp.processEvents
    flags_seen: list = []

    def recording(*args):
        flags_seen.append(args[0] if args else None)
        return real_process(*args)

    monkeypatch.setattr(qapp, "processEvents", recording)

    def fill(dialog) -> None:
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        QTimer.singleShot(100, gate.set)
        dialog.login_button.click()  # waits for the gate inside

    actor, _seen, opened_db = sign_in_at_start(root, fill, warm=gated_thread(gate))
    assert actor is not None and actor.username == "admin"
    assert opened == [1] and opened_db
    exclude = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    assert flags_seen and all(f is not None and f & exclude for f in flags_seen)


def test_a_database_that_cannot_open_ends_the_dialog_and_is_not_tried_again(
    qtbot, tmp_path, monkeypatch
):
    from gwinong_desktop.storage.datafolder import StorageError

    root = with_admin(tmp_path)
    calls: list[int] = []

    def broken(claim):
        calls.append(1)
        claim.release()  # as open_claimed does on a failure
        raise StorageError("데이터베이스를 준비하지 못했습니다 (시험)")

    monkeypatch.setattr("gwinong_desktop.storage.database.open_claimed", broken)

    def fill(dialog) -> None:
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    actor, seen, opened = sign_in_at_start(root, fill)
    assert actor is None and not opened
    assert isinstance(seen["failed"], StorageError)
    assert calls == [1]  # kept: a second try would open it without the folder's lock
