"""Composition root of the GUI: builds everything, and nothing imports it.

Start-up order is chosen for speed (ARCHITECTURE.md): Qt first, the window shown with its first
rows as soon as the database is open; openpyxl and Pillow are imported only when a task needs them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from gwinong_desktop import __version__
from gwinong_desktop.cli import build_parser, guarded, run_command
from gwinong_desktop.domain.errors import Refusal

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
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from gwinong_desktop.cli import resolve_data_dir
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gwinong-desktop")
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    _install_qt_korean(app)

    try:
        if getattr(args, "demo", False):
            from gwinong_desktop.ui.demo_build import prepare_demo_folder

            from gwinong_desktop.cli import demo_data_dir

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
        from gwinong_desktop.ui.main_window import MainWindow

        services = Services.over(db, actor=getpass.getuser())
        settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
        window = MainWindow(services, settings)
        window.show()
        if getattr(args, "smoke", False):
            QTimer.singleShot(0, lambda: _smoke_done(app, window))
        return app.exec()
    finally:
        db.close()


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
