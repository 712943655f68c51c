"""A session record (the idle lock, leaving from it) that cannot be written is reported, never
swallowed (#9.7b): the lock still locks, the officer reads why, and the traceback is logged."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.services.accounts import AccountService
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.ui.accounts import IdleLock

PASSWORD = "Gwinong#2025"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setattr(
        "gwinong_desktop.services.accounts._hasher",
        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )
    with open_database(tmp_path / "data") as database:
        yield database


@pytest.fixture
def admin(db: Database) -> Actor:
    return Services.over(db).accounts.create_first_admin("admin", "김관리", PASSWORD)


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    widget.resize(500, 300)
    QLabel("입주자 김영수 010-1234-5678", widget)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def records_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self, actor, action, summary) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(AccountService, "record", full)


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]


def test_the_screen_locks_and_says_the_record_failed(
    qtbot, window: QWidget, db: Database, admin: Actor, records_fail, caplog
) -> None:
    lock = IdleLock(window, Services.over(db, admin), admin, idle_ms=60_000)
    try:
        lock.lock()
        assert lock.locked and lock.dialog is not None and lock.dialog.isVisible()
        assert window.findChild(QWidget, "lockCover").isVisible()  # data covered all the same
        text = lock.dialog.error.text()
        assert not lock.dialog.error.isHidden()
        assert "'자동 잠금'" in text and "남기지 못했습니다" in text
        assert "database or disk is full" in text
        assert any("자동 잠금" in m for m in tracebacks(caplog))
        lock.dialog.grab().save("/tmp/h2-lock-unrecorded.png")
    finally:
        lock.uninstall()


def test_leaving_from_the_lock_says_the_record_failed(
    qtbot, window: QWidget, db: Database, admin: Actor, records_fail, caplog, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    lock = IdleLock(window, Services.over(db, admin), admin, idle_ms=60_000)
    try:
        lock.lock()
        with qtbot.waitSignal(lock.sig_signed_out):
            lock.dialog.switch_button.click()
        assert lock.signed_out and not window.isVisible()  # it still ends, as asked
        [text] = shown
        assert "'로그아웃'" in text and "database or disk is full" in text
        assert any("로그아웃" in m for m in tracebacks(caplog))
    finally:
        lock.uninstall()
