"""Window state kept between runs, declared once (Picard ``options.py`` / ``PreserveGeometry``).

Every key the GUI stores is an :class:`Option` below, with its type and default; nothing else in
``ui/`` spells a settings key. Window state (geometry, splitter and column layouts, the last page)
lives under ``state/``, apart from preferences, so "reset the window layout" never touches them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One stored value: its key, its Python type and what it is when nothing was stored."""

    key: str
    type: type[T]
    default: T

    def read(self, settings: QSettings) -> T:
        if not settings.contains(self.key):
            return self.default
        raw: Any = settings.value(self.key)
        if self.type is QByteArray:
            return raw if isinstance(raw, QByteArray) else self.default
        try:
            return self.type(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default

    def write(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


def settings_path() -> Path:
    """Per-user preferences and window state (not per data folder).

    ``GWINONG_SETTINGS`` names another file (benchmarks, smoke runs and tests keep the user's
    own)."""
    if os.environ.get("GWINONG_SETTINGS"):
        return Path(os.environ["GWINONG_SETTINGS"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("gwinong-desktop", appauthor=False)) / "settings.ini"


def window_settings() -> QSettings:
    """The ``QSettings`` over :func:`settings_path`: the window's layout, the last folder …"""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


# --- every key, once ---------------------------------------------------------------------------

MAIN_GEOMETRY = Option("state/main_window/geometry", QByteArray, QByteArray())
MAIN_STATE = Option("state/main_window/state", QByteArray, QByteArray())
LAST_PAGE = Option("state/main_window/last_page", str, "houses")
HOUSES_SPLITTER = Option("state/houses/splitter", QByteArray, QByteArray())
HOUSES_HEADER = Option("state/houses/header", QByteArray, QByteArray())
HOUSES_TAB = Option("state/houses/detail_tab", str, "overview")
"""The tab of a house's detail open last (the officer who works on leases finds them again)."""
LAST_FOLDER = Option("state/files/last_folder", str, "")
"""The folder of the file last opened or saved through any file dialog (``ui.forms.files``)."""


class PreserveGeometry:
    """Saves and restores the layout of a window and of the splitters and headers inside it.

    ``restore`` once after the widgets exist, ``save`` when the window closes. Each widget is
    registered with its :class:`Option`; a stored state that no longer fits is ignored.
    """

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self._items: list[tuple[Option[QByteArray], Option[QByteArray] | None, QWidget]] = []

    def window(
        self, window: QMainWindow, geometry: Option[QByteArray], state: Option[QByteArray]
    ) -> None:
        self._items.append((geometry, state, window))

    def splitter(self, splitter: QSplitter, option: Option[QByteArray]) -> None:
        self._items.append((option, None, splitter))

    def header(self, header: QHeaderView, option: Option[QByteArray]) -> None:
        self._items.append((option, None, header))

    def restore(self) -> set[str]:
        """Put back what was stored; returns the keys that were restored."""
        restored: set[str] = set()
        for first, second, widget in self._items:
            value = first.read(self.settings)
            if isinstance(widget, QMainWindow):
                if not value.isEmpty() and widget.restoreGeometry(value):
                    restored.add(first.key)
                if second is not None:
                    state = second.read(self.settings)
                    if not state.isEmpty() and widget.restoreState(state):
                        restored.add(second.key)
            elif (
                not value.isEmpty()
                and isinstance(widget, QSplitter | QHeaderView)
                and widget.restoreState(value)
            ):
                restored.add(first.key)
        return restored

    def save(self) -> None:
        for first, second, widget in self._items:
            if isinstance(widget, QMainWindow):
                first.write(self.settings, widget.saveGeometry())
                if second is not None:
                    second.write(self.settings, widget.saveState())
            elif isinstance(widget, QSplitter | QHeaderView):
                first.write(self.settings, widget.saveState())
        self.settings.sync()
