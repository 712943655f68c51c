"""Shared test configuration: Qt draws offscreen (set before any QApplication exists), and tests
that start processes say so.

A test that starts a process (``subprocess``, ``sys.executable``, a crash worker, the app itself)
carries ``@pytest.mark.process``; one without the marker fails when it starts one (the guard below
wraps process creation while each unmarked test runs). The end of the run says how many process
tests ran and the seconds they took, so the quick suite's cost is visible.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest

# The PostgreSQL cluster and the parameterised database fixtures (db_kind, new_folder, …) of
# every suite: see tests/server_cluster.py.
from server_cluster import (  # noqa: F401
    POSTGRESQL,
    SQLITE_ONLY,
    db_kind,
    new_folder,
    pg_cluster,
    pg_database,
    pg_password,
    server_folder,
    server_url,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{SQLITE_ONLY}(why): SQLite-specific by nature; its PostgreSQL half is skipped with why",
    )


PROCESS_MARK = "process"
_spawned = pytest.StashKey[list[str]]()
_reported = pytest.StashKey[int]()


class ProcessNotMarked(RuntimeError):
    """A test without ``@pytest.mark.process`` tried to start a process."""


def _guarded(what: str, real: Callable, item: pytest.Item) -> Callable:
    def refuse(*args, **kwargs):
        item.stash[_spawned].append(what)
        raise ProcessNotMarked(
            f"{item.nodeid} starts a process ({what}) without @pytest.mark.{PROCESS_MARK}"
        )

    refuse.__wrapped__ = real  # type: ignore[attr-defined]
    return refuse


def _spawn_points() -> list[tuple[object, str]]:
    """Where processes are created: subprocess (run, Popen, check_output …), os.system/fork/
    posix_spawn, multiprocessing's spawn (which does not go through Popen) and, once a test has
    imported Qt, QProcess and QDesktopServices.openUrl (Qt is never imported here: its import
    hook would slow every later import)."""
    import multiprocessing.util

    points: list[tuple[object, str]] = [(subprocess.Popen, "_execute_child"), (os, "system")]
    points += [(os, name) for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp")]
    points.append((multiprocessing.util, "spawnv_passfds"))
    qt_core, qt_gui = sys.modules.get("PySide6.QtCore"), sys.modules.get("PySide6.QtGui")
    if qt_core is not None:
        points += [(qt_core.QProcess, name) for name in ("start", "startDetached", "execute")]
    if qt_gui is not None:  # opening a file or folder starts the desktop's program for it
        points.append((qt_gui.QDesktopServices, "openUrl"))
    return [(owner, name) for owner, name in points if hasattr(owner, name)]


@pytest.fixture(autouse=True)
def _own_settings_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """The user's settings file (window layout, last folder) is never the real user's: every
    test gets one of its own (``ui.settings.settings_path`` reads ``GWINONG_SETTINGS``)."""
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("GWINONG_SETTINGS", str(folder / "settings.ini"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    item.stash[_spawned] = []
    item.stash[_reported] = 0
    if item.get_closest_marker(PROCESS_MARK) is not None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        for owner, name in _spawn_points():
            label = f"{getattr(owner, '__name__', owner)}.{name}"
            patch.setattr(owner, name, _guarded(label, getattr(owner, name), item))
        yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """An unmarked test that started a process fails even if the code under test swallowed the
    guard's exception."""
    outcome = yield
    report = outcome.get_result()
    spawned = item.stash.get(_spawned, [])
    unreported = len(spawned) > item.stash.get(_reported, 0)
    item.stash[_reported] = len(spawned)  # said once, in the phase where it happened
    if unreported and not report.failed:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} starts a process ({', '.join(spawned)}): mark it "
            f"@pytest.mark.{PROCESS_MARK} (see tests/conftest.py)"
        )


class _ProcessCost:
    def __init__(self) -> None:
        self.tests: set[str] = set()
        self.seconds = 0.0
        self.all_seconds = 0.0
        self.server_tests: set[str] = set()
        self.server_seconds = 0.0

    def add(self, report: pytest.TestReport) -> None:
        self.all_seconds += report.duration
        params = report.nodeid.rpartition("[")[2].rstrip("]").split("-")
        if "[" in report.nodeid and POSTGRESQL in params:
            self.server_seconds += report.duration  # the PostgreSQL half of db_kind
            if report.when == "call":
                self.server_tests.add(report.nodeid)
        if PROCESS_MARK in report.keywords:
            self.seconds += report.duration
            if report.when == "call":
                self.tests.add(report.nodeid)


_cost = _ProcessCost()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _cost.add(report)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _cost.all_seconds:
        return
    share = 100 * _cost.seconds / _cost.all_seconds
    terminalreporter.write_line(
        f"process tests: {len(_cost.tests)} ran, {_cost.seconds:.1f} s of "
        f"{_cost.all_seconds:.1f} s spent in tests ({share:.0f} %)"
    )
    if _cost.server_tests:
        server_share = 100 * _cost.server_seconds / _cost.all_seconds
        terminalreporter.write_line(
            f"PostgreSQL half (db_kind): {len(_cost.server_tests)} ran, "
            f"{_cost.server_seconds:.1f} s of {_cost.all_seconds:.1f} s ({server_share:.0f} %)"
        )
