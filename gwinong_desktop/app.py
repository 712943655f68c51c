"""Composition root of the GUI: builds everything, and nothing imports it.

Start-up order is chosen for speed (ARCHITECTURE.md): Qt first, the window shown with its first
rows as soon as the database is open; openpyxl and Pillow are imported only when a task needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from gwinong_desktop.cli import build_parser, guarded, run_command
from gwinong_desktop.domain.errors import ExitCode, Refusal

APP_TITLE = "귀농인의 집 관리"


def tell(message: str, *, critical: bool) -> None:
    """Say something the officer must read before going on: on stderr (for logs and support)
    and in a message box — unless ``GWINONG_NONINTERACTIVE`` is set (unattended runs such as the
    frozen build's smoke test), where nobody could press OK."""
    from PySide6.QtWidgets import QMessageBox

    print(message, file=sys.stderr)
    if os.environ.get("GWINONG_NONINTERACTIVE"):
        return
    box = QMessageBox.critical if critical else QMessageBox.warning
    box(None, APP_TITLE, message)


def start_warm_up():
    """``services.warm_up`` on a daemon thread (see ``run_gui``); join it before opening the
    database. Meanwhile the main thread imports only what the first screen or the dialog needs
    (standard library, Qt, ``storage.quick``): Python locks each module, and none of those is
    part of an import cycle with what the warm-up loads — keep it so, or a cycle imported from
    both threads at once can fail with a partly initialised module."""
    import threading

    def work() -> None:
        from gwinong_desktop.services.warm_up import warm_up

        with contextlib.suppress(Exception):  # the main thread's own import reports it
            warm_up()

    thread = threading.Thread(target=work, name="warm-up", daemon=True)
    thread.start()
    return thread


def run_gui(args: argparse.Namespace) -> int:
    """Start the GUI the fast way (ARCHITECTURE.md: Qt first, the window with its rows as soon
    as the database is open):

    1. Qt loads, and the data folder is claimed with the standard library (lock, schema look);
    2. unattended (``--smoke``, ``GWINONG_NONINTERACTIVE``), the sign-in is checked ahead and the
       window painted with its houses read by ``sqlite3`` — the same query the services run
       (``services.first_screen``) — before SQLAlchemy is even imported;
    3. SQLAlchemy, the models and the services load on a second thread (``start_warm_up``) while
       the window keeps answering (``_wait_for``);
    4. the database opens, the sign-in that counts runs (and is recorded: a failure there closes
       the window), and the window gets its services (``MainWindow.attach``).

    With the sign-in dialog, the warm-up starts first of all (it loads while Qt does and while
    the officer types); the dialog shows at once, checks the password with the services when
    the officer presses 로그인, and the window is built over them after.
    """
    # Unattended, the first screen comes first: a warm-up beside it would only slow it down (two
    # threads of Python share one GIL: measured 0.35 s lost on reading the rows alone).
    warm = None if _unattended(args) else start_warm_up()
    from PySide6.QtWidgets import QApplication

    from gwinong_desktop.ui.qt_korean import install_qt_korean
    from gwinong_desktop.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gwinong-desktop")
    app.setApplicationDisplayName(APP_TITLE)
    app.setWindowIcon(app_icon())
    install_qt_korean(app)  # Qt's own buttons and dialogs in Korean

    from gwinong_desktop.cli import log_to_file, resolve_data_dir

    log_to_file()  # a background task that fails leaves its traceback there
    from gwinong_desktop.storage.quick import claim_folder

    try:
        if getattr(args, "demo", False):
            from gwinong_desktop.cli import demo_data_dir
            from gwinong_desktop.ui.demo_build import prepare_demo_folder

            root = prepare_demo_folder(demo_data_dir())
        else:
            root = resolve_data_dir(args)
        claim = claim_folder(root, purpose="화면")
    except Refusal as exc:
        tell(exc.message, critical=True)
        return exc.exit_code
    try:
        for warning in claim.folder.warnings:
            tell(warning, critical=False)
        return _run_claimed(app, args, claim, warm)
    finally:
        claim.release()  # (the database's own close let it go already, if it opened)


def _unattended(args: argparse.Namespace) -> bool:
    """Nobody could type a password: sign in like a headless command (``cli.actor_for``)."""
    return bool(getattr(args, "smoke", False) or os.environ.get("GWINONG_NONINTERACTIVE"))


class _Opening:
    """The claimed folder's database, opened when first asked for: once the warm-up has loaded
    SQLAlchemy (the window or the sign-in dialog answering meanwhile).

    Opened once: a refusal is kept and raised again (``open_claimed`` has let the lock go, so
    the database must never be opened on a second try)."""

    def __init__(self, app, claim, warm, *, asking: bool = True) -> None:
        self.app, self.claim, self.warm = app, claim, warm
        self.asking = asking
        """Whether the officer can be asked (the server's password): not unattended."""
        self.db = None
        self.failed: BaseException | None = None

    def database(self, *, user_input: bool = True):
        """The open database; ``user_input=False`` while a dialog waits on it: clicks and keys
        then wait too, so that nothing re-enters the dialog's handler meanwhile."""
        if self.failed is not None:
            raise self.failed
        if self.db is None:
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QGuiApplication

            if not user_input:
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                _wait_for(self.app, self.warm or start_warm_up(), user_input=user_input)
                from gwinong_desktop.storage.database import open_claimed

                server_password(self.claim.folder.root, asking=self.asking)
                self.db = open_claimed(self.claim)
            except BaseException as exc:
                self.failed = exc
                raise
            finally:
                if not user_input:
                    QGuiApplication.restoreOverrideCursor()
        return self.db

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def server_password(root, *, asking: bool) -> None:
    """A folder on a server that wants a password libpq finds nowhere: asked in a dialog (again
    after a wrong one) before the sign-in, whose accounts live there; unattended, refused with
    the advice to use ``PGPASSWORD`` or ``.pgpass``. Given to this run's libpq only."""
    from gwinong_desktop.storage import server

    if not (root / server.SERVER_FILE).exists():
        return

    def ask(url, refused):
        if not asking:
            raise server.no_password_here(url)
        from gwinong_desktop.ui.accounts.server_password import ask_server_password

        return ask_server_password(str(url), refused.message if refused else None)

    server.server_password(root, None, ask)


class _LaterAccounts:
    """``AccountService`` for the sign-in dialogs, made when they first call it (the officer
    pressed the button): the dialog shows before SQLAlchemy has loaded. If the database cannot
    open, the dialog is closed and the start ends with the reason (``_run_claimed``)."""

    def __init__(self, opening: _Opening) -> None:
        self._opening = opening

    def __getattr__(self, name: str):
        from PySide6.QtWidgets import QApplication

        from gwinong_desktop.services import Services

        try:
            db = self._opening.database(user_input=False)
        except BaseException:
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                dialog.reject()
            raise
        return getattr(Services.over(db).accounts, name)


def _run_claimed(app, args: argparse.Namespace, claim, warm) -> int:
    opening = _Opening(app, claim, warm, asking=not _unattended(args))
    window = None
    try:
        window, actor, first_actor = _sign_in(app, args, claim, opening)
        if actor is None and opening.failed is not None:
            raise opening.failed  # the database did not open behind the dialog
        if actor is None:
            return ExitCode.OK  # the officer chose 끝내기 at the sign-in
        return _run_window(app, args, opening.database(), window, actor, first_actor)
    except Refusal as exc:  # the sign-in, or the database refused to open
        if window is not None:
            window.close()
        tell(exc.message, critical=True)
        return exc.exit_code
    finally:
        opening.close()


def _sign_in(app, args: argparse.Namespace, claim, opening: _Opening):
    """(first window or None, the signed-in actor or None, the actor the first window is for)."""
    if not _unattended(args):
        return None, _sign_in_dialog(args, claim, opening), None
    window, first_actor = _first_window(args, claim)
    if window is not None:
        window.show()
        app.processEvents()
        if getattr(args, "smoke", False):  # up with its houses: what a start is measured to
            print(f"started: {window.windowTitle()}", flush=True)
    from gwinong_desktop.cli import actor_for

    return window, actor_for(args, opening.database()), first_actor


def _sign_in_dialog(args: argparse.Namespace, claim, opening: _Opening):
    """The sign-in (or first administrator) dialog, shown while SQLAlchemy still loads when the
    folder can be looked at ahead (``sqlite3``, or psycopg on a server); the password is checked
    by ``AccountService``."""
    import sqlite3

    from gwinong_desktop.storage.quick import first_look
    from gwinong_desktop.ui.accounts import DEMO_HINT, sign_in, sign_in_with

    hint = DEMO_HINT if getattr(args, "demo", False) else None
    try:
        look = first_look(claim)
        if look is not None:
            with look:
                has_accounts, county = look.has_accounts(), look.county()
    except sqlite3.Error:
        look = None  # the full way below opens it properly and says what is wrong
    if look is not None:
        return sign_in_with(
            _LaterAccounts(opening),  # type: ignore[arg-type]
            has_accounts=has_accounts,
            county=county,
            folder=str(claim.folder.root),
            hint=hint,
        )
    from gwinong_desktop.services import Services

    return sign_in(Services.over(opening.database()), hint=hint)


def _wait_for(app, thread, *, user_input: bool = True) -> None:
    """Join ``thread`` while the window (if shown) keeps painting and answering: the list can be
    scrolled and searched while the rest loads. Without ``user_input``, clicks and keys wait."""
    from PySide6.QtCore import QEventLoop

    flags = QEventLoop.ProcessEventsFlag.AllEvents
    if not user_input:
        flags |= QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    while thread.is_alive():
        app.processEvents(flags, 20)
        thread.join(0.02)


def _first_window(args: argparse.Namespace, claim):
    """The main window over its first screen, and who it is for; (None, None) when the sign-in
    cannot be checked ahead (a wrong or missing password, a locked account, a schema to
    upgrade): then the full path decides and says why."""
    import sqlite3
    from datetime import date

    from gwinong_desktop.cli import PASSWORD_ENV, named_user, os_user
    from gwinong_desktop.domain.permissions import Actor
    from gwinong_desktop.services.first_screen import precheck_sign_in, read_first_screen
    from gwinong_desktop.storage.quick import first_look

    try:
        look = first_look(claim)
        if look is None:
            return None, None
        with look:
            if not look.has_accounts():
                actor = Actor.unmanaged(os_user())
            else:
                name, password = named_user(args), os.environ.get(PASSWORD_ENV)
                if not name or password is None:
                    return None, None
                actor = precheck_sign_in(look, name, password)
                if actor is None:
                    return None, None
            first = read_first_screen(look, claim.folder.root, date.today())
    except sqlite3.Error:  # the full path opens it properly and says what is wrong
        return None, None
    from gwinong_desktop.ui.main_window import MainWindow
    from gwinong_desktop.ui.settings import window_settings

    return MainWindow(None, window_settings(), actor=actor, first=first), actor


def _run_window(app, args: argparse.Namespace, db, window, actor, first_actor) -> int:
    """Give the main window its services and safety nets, run until it closes."""
    from PySide6.QtCore import QTimer

    from gwinong_desktop.domain.changes import Changes, Kind
    from gwinong_desktop.services import Services
    from gwinong_desktop.ui.accounts import IdleLock
    from gwinong_desktop.ui.main_window import MainWindow
    from gwinong_desktop.ui.safety import AutoBackup
    from gwinong_desktop.ui.settings import window_settings

    smoke = getattr(args, "smoke", False)
    services = Services.over(db, actor)
    if window is not None and actor == first_actor:
        window.attach(services, reload=False)  # its rows came from the same data
    else:
        if window is not None:  # (cannot happen while we hold the lock; never show stale)
            window.close()
        window = MainWindow(services, window_settings(), actor=actor)
        window.show()
    auto_backup = AutoBackup(services, window)
    auto_backup.sig_message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    if not smoke:  # a smoke start checks an installation; it must not write backups
        window.close_guards.append(auto_backup.backup_on_exit)
    idle_lock = IdleLock(window, services, actor)

    def settings_changed(changes: Changes) -> None:  # the idle time is a data-folder setting
        if changes.touches(Kind.SETTINGS):
            idle_lock.set_idle_minutes(services.accounts.idle_minutes())

    window.sig_changed.connect(settings_changed)
    if smoke:
        QTimer.singleShot(0, lambda: _smoke_done(app, window, announce=first_actor is None))
    else:
        auto_backup.start()  # the daily backup, a few seconds after the window is up
    if window.isVisible():
        code = app.exec()
    else:  # closed while it was still starting: no event loop to run, the exit backup still
        code = ExitCode.OK
        if not smoke:
            auto_backup.backup_on_exit(None)
    if not idle_lock.signed_out:
        services.accounts.record(actor, "logout", "프로그램 종료")
    return code


def _smoke_done(app, window, *, announce: bool) -> None:
    """``gui --smoke``: the window is up with its data and services; say so on stdout (the
    ``started`` line, unless its first screen said it already; then ``ready``) and quit."""
    app.processEvents()
    if announce:
        print(f"started: {window.windowTitle()}", flush=True)
    print(f"ready: {window.windowTitle()}", flush=True)
    app.quit()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``gwinong-desktop`` command: the GUI without a subcommand, headless work with one."""
    args = build_parser().parse_args(argv)
    if (args.command or "gui") == "gui":
        from gwinong_desktop.cli import point_at_server

        def gui() -> int:
            point_at_server(args)
            return run_gui(args)

        return guarded(gui)
    return run_command(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
