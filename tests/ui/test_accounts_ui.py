"""Signing in, the idle lock, the users and security panels, and the access-record viewer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor, NotPermitted
from gwinong_desktop.services import Services
from gwinong_desktop.services.accounts import LOGIN_REFUSED, MAX_FAILURES, PASSWORD_REFUSED
from gwinong_desktop.services.audit_log import AuditFilter
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.ui.accounts import FirstAdminDialog, IdleLock, LoginDialog, sign_in

PASSWORD = "Gwinong#2025"


pytestmark = pytest.mark.usefixtures("fast_accounts")  # tests/ui/conftest.py


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "data") as database:
        yield database


@pytest.fixture
def admin(db: Database) -> Actor:
    return Services.over(db).accounts.create_first_admin("admin", "김관리", PASSWORD)


@pytest.fixture
def officer(db: Database, admin: Actor) -> Actor:
    Services.over(db, admin).accounts.add_user("kim", "김담당", Role.OFFICER, "Officer#2025")
    return Services.over(db).accounts.authenticate("kim", "Officer#2025")


def events(db: Database, action: str) -> list:
    return Services.over(db).audit.search(AuditFilter(action=action))


# --- first administrator and login -----------------------------------------------------------


def test_first_start_makes_the_administrator(qtbot, db: Database) -> None:
    dialog = FirstAdminDialog(Services.over(db).accounts, county="진안군")
    qtbot.addWidget(dialog)
    dialog.display_name.setText("김영수")
    dialog.username.setText("kimys")
    dialog.password.setText(PASSWORD)
    dialog.password2.setText("Gwinong#2024")
    dialog.create_button.click()
    assert dialog.error.isVisibleTo(dialog) and "서로 다릅니다" in dialog.error.text()
    dialog.password2.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.create_button.click()
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert Services.over(db).accounts.has_accounts()


def test_sign_in_shows_the_first_admin_dialog_on_a_new_folder(qtbot, db: Database) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstAdminDialog)
        dialog.display_name.setText("김영수")
        dialog.username.setText("kimys")
        dialog.password.setText(PASSWORD)
        dialog.password2.setText(PASSWORD)
        dialog.create_button.click()

    QTimer.singleShot(0, fill)
    actor = sign_in(Services.over(db))
    assert actor is not None and actor.username == "kimys"


def test_sign_in_with_the_login_dialog(qtbot, db: Database, admin: Actor) -> None:
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        seen.append(dialog.findChild(QLabel, "hintLabel").text())
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    QTimer.singleShot(0, fill)
    assert sign_in(Services.over(db), hint="예시 자료: admin / demo1234") == admin
    assert seen == ["예시 자료: admin / demo1234"]


def test_sign_in_cancelled_means_none(qtbot, db: Database, admin: Actor) -> None:
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert sign_in(Services.over(db)) is None


@pytest.mark.parametrize("name", ["admin", "nobody"])
def test_a_failed_login_says_the_same_for_name_and_password(
    qtbot, db: Database, admin: Actor, name: str
) -> None:
    dialog = LoginDialog(Services.over(db).accounts)
    qtbot.addWidget(dialog)
    dialog.username.setText(name)
    dialog.password.setText("wrong-Pass1" if name == "admin" else PASSWORD)
    dialog.login_button.click()
    assert dialog.error.text() == LOGIN_REFUSED
    assert dialog.password.text() == "" and dialog.username.text() == name
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None


def test_the_login_lock_out_names_the_minutes(qtbot, db: Database, admin: Actor) -> None:
    dialog = LoginDialog(Services.over(db).accounts)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    for _ in range(MAX_FAILURES):
        dialog.password.setText("wrong-Pass1")
        dialog.login_button.click()
    assert "잠겨 있습니다" in dialog.error.text() and "10분 뒤에" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.login_button.click()  # locked: even the right password waits
    assert dialog.actor is None and "잠겨" in dialog.error.text()


# --- the idle lock -----------------------------------------------------------------------------


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    widget.resize(500, 300)
    QLabel("입주자 김영수 010-1234-5678", widget)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def make_lock(qtbot, window: QWidget, db: Database, actor: Actor, idle_ms: int) -> IdleLock:
    return IdleLock(window, Services.over(db, actor), actor, idle_ms=idle_ms)


def test_idle_time_locks_and_the_password_unlocks(
    qtbot, window: QWidget, db: Database, admin: Actor
) -> None:
    lock = make_lock(qtbot, window, db, admin, idle_ms=150)
    try:
        qtbot.waitUntil(lambda: lock.locked, timeout=3000)
        dialog = lock.dialog
        assert dialog is not None and dialog.isVisible()
        assert window.findChild(QWidget, "lockCover").isVisible()
        dialog.password.setText("wrong-Pass1")
        dialog.unlock_button.click()
        # it asks only for the password: it says the password is wrong, not "id or password"
        assert lock.locked and dialog.error.text() == PASSWORD_REFUSED != LOGIN_REFUSED
        assert "아이디" not in dialog.error.text()
        dialog.password.setText(PASSWORD)
        with qtbot.waitSignal(lock.sig_unlocked):
            dialog.unlock_button.click()
        assert not lock.locked
        qtbot.waitUntil(lambda: window.findChild(QWidget, "lockCover") is None, timeout=1000)
        assert [e.action for e in events(db, "lock")] == ["lock"]
        assert events(db, "unlock")[0].actor == "admin"
    finally:
        lock.uninstall()


def test_input_keeps_it_unlocked(qtbot, window: QWidget, db: Database, admin: Actor) -> None:
    lock = make_lock(qtbot, window, db, admin, idle_ms=600)
    try:
        for n in range(12):
            QTest.mouseMove(window, QPoint(10 + n, 10 + n))
            QApplication.sendEvent(
                window,
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
            )
            qtbot.wait(60)
        assert not lock.locked
        qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    finally:
        lock.uninstall()


def test_the_lock_cannot_be_dismissed(qtbot, window: QWidget, db: Database, admin: Actor) -> None:
    lock = make_lock(qtbot, window, db, admin, idle_ms=60_000)
    try:
        lock.lock()
        dialog = lock.dialog
        dialog.reject()
        dialog.close()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and lock.locked
        assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    finally:
        lock.uninstall()


def test_wrong_passwords_at_the_lock_count_toward_the_limit(
    qtbot, window: QWidget, db: Database, admin: Actor
) -> None:
    lock = make_lock(qtbot, window, db, admin, idle_ms=60_000)
    try:
        lock.lock()
        for _ in range(MAX_FAILURES):
            lock.dialog.password.setText("wrong-Pass1")
            lock.dialog.unlock_button.click()
        assert "잠겨 있습니다" in lock.dialog.error.text() and lock.locked
    finally:
        lock.uninstall()


def test_another_user_closes_the_program(
    qtbot, window: QWidget, db: Database, admin: Actor
) -> None:
    lock = make_lock(qtbot, window, db, admin, idle_ms=60_000)
    try:
        lock.lock()
        with qtbot.waitSignal(lock.sig_signed_out):
            lock.dialog.switch_button.click()
        assert lock.signed_out and not window.isVisible()
        assert events(db, "logout")[0].actor == "admin"
        # it stopped watching: no check runs, and input is no longer seen
        assert not lock.timer.isActive()
        seen = lock._last
        QApplication.sendEvent(
            window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
        )
        assert lock._last == seen
    finally:
        lock.uninstall()


# --- 설정: users and security --------------------------------------------------------------------


def test_users_panel_for_the_admin(qtbot, db: Database, admin: Actor, officer: Actor) -> None:
    from gwinong_desktop.ui.accounts.users_panel import UsersPanel

    services = Services.over(db, admin)
    for _ in range(MAX_FAILURES):
        with pytest.raises(Exception):  # noqa: B017 - the login refusal itself is tested elsewhere
            Services.over(db).accounts.authenticate("kim", "wrong-Pass1")
    panel = UsersPanel(services, admin)
    qtbot.addWidget(panel)
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == [
        "admin",
        "kim",
    ]
    assert panel.table.item(1, 3).text() == "잠김 (로그인 실패)"
    panel.select("kim")
    assert panel.unlock_button.isEnabled()
    panel.unlock_button.click()
    assert panel.table.item(1, 3).text() == "사용 중"
    assert not panel.add_button.isHidden()


def test_users_panel_for_an_officer(qtbot, db: Database, officer: Actor) -> None:
    from gwinong_desktop.ui.accounts.users_panel import UsersPanel

    panel = UsersPanel(Services.over(db, officer), officer)
    qtbot.addWidget(panel)
    assert panel.add_button.isHidden() and panel.role_button.isHidden()
    assert not panel.own_button.isHidden()


def test_security_panel_saves_the_idle_minutes(qtbot, db: Database, admin: Actor) -> None:
    from gwinong_desktop.ui.accounts.users_panel import SecurityPanel

    services = Services.over(db, admin)
    panel = SecurityPanel(services, admin)
    qtbot.addWidget(panel)
    assert panel.idle.value() == 10
    panel.idle.setValue(3)
    with qtbot.waitSignal(panel.sig_idle_minutes_changed) as sent:
        panel.save_button.click()
    assert sent.args == [3] and services.accounts.idle_minutes() == 3
    assert panel.idle_saved.text() == "저장했습니다: 3분 동안 입력이 없으면 화면을 잠급니다."
    panel.idle.setValue(5)  # a new value, not yet saved: the confirmation goes
    assert panel.idle_saved.text() == ""


# --- the access-record viewer -------------------------------------------------------------------


def test_the_viewer_filters_in_sql_and_is_itself_recorded(
    qtbot, db: Database, admin: Actor, officer: Actor
) -> None:
    from gwinong_desktop.ui.accounts.audit_viewer import AuditViewer

    with pytest.raises(Exception):  # noqa: B017
        Services.over(db).accounts.authenticate("kim", "wrong-Pass1")
    viewer = AuditViewer(Services.over(db, admin), admin)
    qtbot.addWidget(viewer)
    assert events(db, "view")[0].summary == "접속·변경 기록 조회"
    assert viewer.model.rowCount() == viewer.model.total > 3
    viewer.action.setCurrentIndex(viewer.action.findData("login_failed"))
    assert viewer.model.rowCount() == 1 and viewer.model.rows[0].actor == "kim"
    assert viewer.count_label.text() == "기록 1건"
    viewer.action.setCurrentIndex(0)
    viewer.user.setCurrentIndex(viewer.user.findData("kim"))
    assert {r.actor for r in viewer.model.rows} == {"kim"}
    viewer.user.setCurrentIndex(0)
    viewer.text.setText("첫 관리자")
    viewer.apply()
    assert viewer.model.rowCount() == 1
    assert viewer.model.data(viewer.model.index(0, 3)) == "로그인"


def test_the_viewer_loads_pages_as_it_scrolls(qtbot, db: Database, admin: Actor) -> None:
    from gwinong_desktop.storage.audit import log_event
    from gwinong_desktop.ui.accounts.audit_viewer import AuditViewer

    services = Services.over(db, admin)
    with services.ctx.write() as s:
        for n in range(1200):
            log_event(s, "view", "resident", f"열람 {n}")
    viewer = AuditViewer(services, admin)
    qtbot.addWidget(viewer)
    model = viewer.model
    assert model.total >= 1200 and model.rowCount() == 500 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 1000
    ids = [r.id for r in model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 1000


def test_the_viewer_exports_in_the_background(
    qtbot, db: Database, admin: Actor, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from gwinong_desktop.ui.accounts.audit_viewer import AuditViewer

    viewer = AuditViewer(Services.over(db, admin), admin)
    qtbot.addWidget(viewer)
    target = tmp_path / "기록.xlsx"
    with qtbot.waitSignal(viewer.task.sig_finished, timeout=10_000):
        viewer.start_export(target)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("번호", "일시", "사용자") and len(rows) - 1 == viewer.model.total
    assert "내보냈습니다" in viewer.count_label.text()
    assert "접속·변경 기록" in events(db, "export")[0].summary


def test_officers_do_not_open_the_viewer(qtbot, db: Database, officer: Actor) -> None:
    from gwinong_desktop.ui.accounts.audit_viewer import AuditViewer

    with pytest.raises(NotPermitted):
        AuditViewer(Services.over(db, officer), officer)
