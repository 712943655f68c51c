"""Fixtures for the GUI tests: data folders, services over them, settings in tmp_path.

- ``data_dir`` / ``database`` / ``services``: the small fixture county (seven houses), which
  several GUI tests rely on;
- ``demo_dir`` / ``demo_database`` / ``demo_services``: a copy of the demo county (built once per
  session), which the main window tests use.

Widget fixtures are factories that register every widget with ``qtbot`` (Spyder's style);
the widgets a test leaves open are closed without the discard question.
Nothing global is changed: the settings file is always in ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from ui_fixtures import (
    build_demo_template,
    copy_data_folder,
    open_fixture_folder,
    services_over,
)

from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import Database, open_database


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):
    """pytest-qt closes the widgets a test left open: a changed form would ask its 저장 / 버리기
    / 계속 쓰기 question and wait for an answer no one gives. They go unasked, as at a
    sign-out."""
    from gwinong_desktop.ui.forms.guard import closing_unasked

    with closing_unasked():
        yield


class DiscardAnswers:
    """Answers every discard question (``forms.guard.ask_discard``) as ``answer`` says — a
    button's object name (``discardSave``, ``discardDrop``, ``discardKeep``) or ``"Esc"`` —
    and records what it asked: (title, text and detail, buttons, default, escape)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.answer = "discardKeep"
        self.seen: list[tuple[str, str, list[str], str, str]] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "discardQuestion":
            return
        if not box.isVisible():
            return
        self.seen.append(
            (box.windowTitle(), f"{box.text()}\n{box.informativeText()}",
             [b.text() for b in box.buttons()],
             box.defaultButton().text(), box.escapeButton().text())
        )  # fmt: skip
        if self.answer == "Esc":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        else:
            box.findChild(QPushButton, self.answer).click()


@pytest.fixture
def answers(qtbot) -> Iterator[DiscardAnswers]:
    """The discard question answered (계속 쓰기 unless told) and recorded while the test runs."""
    answering = DiscardAnswers()
    yield answering
    answering.timer.stop()


@pytest.fixture
def house_dialog(qtbot, services: Services):
    """A new house's dialog over the fixture county, shown."""
    from gwinong_desktop.ui.forms.house_dialog import HouseDialog

    dialog = HouseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def fast_accounts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Password hashing cheap and refused sign-ins without their delay (tests that sign in)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(
        "gwinong_desktop.services.accounts._hasher",
        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )
    monkeypatch.setattr("gwinong_desktop.services.accounts.FAILURE_DELAY", 0.0)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def database(data_dir: Path) -> Iterator[Database]:
    db = open_fixture_folder(data_dir)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def services(database: Database) -> Services:
    return services_over(database)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo county, built once per session (a few seconds)."""
    return build_demo_template(tmp_path_factory.mktemp("demo-template") / "data")


@pytest.fixture
def demo_dir(tmp_path: Path, demo_template: Path) -> Path:
    """This test's own copy of the demo data folder."""
    return copy_data_folder(demo_template, tmp_path / "demo")


@pytest.fixture
def demo_database(demo_dir: Path) -> Iterator[Database]:
    db = open_database(demo_dir, purpose="test")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def demo_services(demo_database: Database) -> Services:
    return services_over(demo_database)


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_settings(settings_file: Path) -> Callable[[], QSettings]:
    """A QSettings in tmp_path; every call opens the same file (as a new start would)."""
    return lambda: QSettings(str(settings_file), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, demo_services: Services, make_settings):
    """Factory for MainWindow over the demo county, registered with qtbot."""
    from gwinong_desktop.ui.main_window import MainWindow

    def make(settings: QSettings | None = None) -> MainWindow:
        window = MainWindow(demo_services, settings or make_settings())
        qtbot.addWidget(window)
        return window

    return make
