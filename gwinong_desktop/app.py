"""Composition root of the GUI: builds everything, and nothing imports it.

Start-up order is chosen for speed (ARCHITECTURE.md): Qt first, the window shown with its first
rows as soon as the database is open; openpyxl and Pillow are imported only when a task needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gwinong_desktop.cli import build_parser, guarded, run_command
from gwinong_desktop.domain.errors import ExitCode, Refusal

APP_TITLE = "귀농인의 집 관리"


def settings_path() -> Path:
    """Per-user preferences and window state (not per data folder).

    ``GWINONG_SETTINGS`` names another file (benchmarks and smoke runs keep the user's own)."""
    if os.environ.get("GWINONG_SETTINGS"):
        return Path(os.environ["GWINONG_SETTINGS"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("gwinong-desktop", appauthor=False)) / "settings.ini"


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


def _install_qt_korean(app) -> None:
    """Qt's own Korean strings, so standard buttons read 확인/취소 instead of OK/Cancel."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Korean), "qtbase", "_", folder):
        app.installTranslator(translator)


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from gwinong_desktop.cli import resolve_data_dir
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gwinong-desktop")
    app.setApplicationDisplayName(APP_TITLE)
    app.setWindowIcon(app_icon())
    _install_qt_korean(app)

    try:
        if getattr(args, "demo", False):
            from gwinong_desktop.cli import demo_data_dir
            from gwinong_desktop.ui.demo_build import prepare_demo_folder

            root = prepare_demo_folder(demo_data_dir())
        else:
            root = resolve_data_dir(args)
        db = open_database(root, purpose="화면")
    except Refusal as exc:
        tell(exc.message, critical=True)
        return exc.exit_code
    try:
        for warning in db.warnings:
            tell(warning, critical=False)
        return _run_window(app, args, db)
    finally:
        db.close()


def _run_window(app, args: argparse.Namespace, db) -> int:
    """Sign in, show the main window with its safety nets, run until it closes."""
    from PySide6.QtCore import QSettings, QTimer

    from gwinong_desktop.services import Services
    from gwinong_desktop.ui.accounts import DEMO_HINT, IdleLock, sign_in
    from gwinong_desktop.ui.main_window import MainWindow
    from gwinong_desktop.ui.safety import AutoBackup

    smoke = getattr(args, "smoke", False)
    try:
        if smoke or os.environ.get("GWINONG_NONINTERACTIVE"):
            # nobody could type a password: sign in like a headless command (--user,
            # GWINONG_USER + GWINONG_PASSWORD; a folder without accounts runs as the OS user)
            from gwinong_desktop.cli import actor_for

            actor = actor_for(args, db)
        else:
            hint = DEMO_HINT if getattr(args, "demo", False) else None
            actor = sign_in(Services.over(db), hint=hint)
    except Refusal as exc:
        tell(exc.message, critical=True)
        return exc.exit_code
    if actor is None:
        return ExitCode.OK  # the officer chose 끝내기 at the sign-in

    services = Services.over(db, actor)
    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    window = MainWindow(services, settings, actor=actor)
    auto_backup = AutoBackup(services, window)
    auto_backup.sig_message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    if not smoke:  # a smoke start checks an installation; it must not write backups
        window.close_guards.append(auto_backup.backup_on_exit)
    idle_lock = IdleLock(window, services, actor)
    window.settings_page.sig_idle_minutes_changed.connect(idle_lock.set_idle_minutes)
    window.show()
    if smoke:
        QTimer.singleShot(0, lambda: _smoke_done(app, window))
    else:
        auto_backup.start()  # the daily backup, a few seconds after the window is up
    code = app.exec()
    if not idle_lock.signed_out:
        services.accounts.record(actor, "logout", "프로그램 종료")
    return code


def _smoke_done(app, window) -> None:
    """``gui --smoke``: the window is up with its data; say so on stdout and quit cleanly."""
    app.processEvents()
    print(f"started: {window.windowTitle()}", flush=True)
    app.quit()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``gwinong-desktop`` command: the GUI without a subcommand, headless work with one."""
    args = build_parser().parse_args(argv)
    if (args.command or "gui") == "gui":
        return guarded(lambda: run_gui(args))
    return run_command(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
