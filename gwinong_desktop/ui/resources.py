"""Where the shipped resources are, and the application's icons.

``resources/`` sits at the top of a checkout; an installed wheel carries it as
``gwinong_desktop/_resources`` and a frozen build unpacks it under ``sys._MEIPASS`` (the same
scheme as ``storage.migrate.migrations_dir``).

Icons are hand-drawn SVGs. Qt renders them through its SVG icon engine; where that plugin is
missing (a trimmed frozen build), they are drawn with ``QSvgRenderer`` into pixmaps instead.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

NAV_ICONS = (
    "dashboard", "houses", "residents", "rent", "inspections", "field_review", "reports",
    "settings",
)  # fmt: skip
OTHER_ICONS = ("search",)
FALLBACK_SIZES = (16, 20, 24, 32, 48, 64, 128, 256)


def _candidates() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    candidates = [package / "_resources", package.parent / "resources"]
    if hasattr(sys, "_MEIPASS"):  # a frozen build unpacks data beside the code
        candidates.insert(0, Path(sys._MEIPASS) / "gwinong_desktop" / "_resources")
    return candidates


@cache
def resources_dir() -> Path:
    """The resources folder in use (the checkout's ``resources/`` if none is found)."""
    candidates = _candidates()
    for path in candidates:
        if (path / "icons").is_dir():
            return path
    return candidates[-1]


def resource_path(*parts: str) -> Path:
    """A path inside the resources folder, e.g. ``resource_path("icons", "app.svg")``."""
    return resources_dir().joinpath(*parts)


def _svg_pixmaps(path: Path, sizes: tuple[int, ...]) -> QIcon:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in sizes:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def svg_icon(path: Path) -> QIcon:
    """An icon from an SVG file; an empty icon if the file is missing."""
    if not path.is_file():
        return QIcon()
    icon = QIcon(str(path))
    if icon.pixmap(QSize(24, 24)).isNull():  # no SVG icon engine: draw it ourselves
        icon = _svg_pixmaps(path, FALLBACK_SIZES)
    return icon


@cache
def app_icon() -> QIcon:
    """The application icon: a house with a sprout."""
    icon = svg_icon(resource_path("icons", "app.svg"))
    if icon.isNull():
        png = resource_path("icons", "app.png")
        if png.is_file():
            icon = QIcon(str(png))
    return icon


@cache
def nav_icon(name: str) -> QIcon:
    """One of the navigation icons (:data:`NAV_ICONS`), drawn on the same 24×24 grid."""
    if name not in NAV_ICONS:
        raise KeyError(name)
    return svg_icon(resource_path("icons", f"{name}.svg"))


@cache
def icon(name: str) -> QIcon:
    """Any icon of the set (navigation icons and :data:`OTHER_ICONS`), same grid and stroke."""
    if name not in NAV_ICONS + OTHER_ICONS:
        raise KeyError(name)
    return svg_icon(resource_path("icons", f"{name}.svg"))
