"""Resources: found in the checkout, icons render offscreen, settings declared once."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QImage

from gwinong_desktop.ui import resources
from gwinong_desktop.ui import settings as opts
from gwinong_desktop.ui.resources import NAV_ICONS, app_icon, icon, nav_icon, resource_path

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"


def test_resource_path_finds_the_checkout():
    assert resource_path("icons", "app.svg") == ICON_DIR / "app.svg"
    assert resource_path("icons", "app.svg").is_file()


def test_resource_path_prefers_frozen_then_package(tmp_path, monkeypatch):
    frozen = tmp_path / "gwinong_desktop" / "_resources"
    (frozen / "icons").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources.resources_dir.cache_clear()
    try:
        assert resource_path("icons", "x.svg") == frozen / "icons" / "x.svg"
    finally:
        monkeypatch.delattr(sys, "_MEIPASS")
        resources.resources_dir.cache_clear()


@pytest.mark.parametrize("name", NAV_ICONS)
def test_nav_icons_render(qapp, name):
    pixmap = nav_icon(name).pixmap(QSize(24, 24))
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24))


def test_unknown_icon_is_refused(qapp):
    with pytest.raises(KeyError):
        nav_icon("nope")
    assert not icon("search").isNull()


def test_app_icon_and_its_bitmaps(qapp):
    assert not app_icon().isNull()
    assert not app_icon().pixmap(QSize(32, 32)).isNull()
    png = QImage(str(ICON_DIR / "app.png"))
    assert (png.width(), png.height()) == (256, 256)
    ico = (ICON_DIR / "app.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # ICO header, type icon
    count = int.from_bytes(ico[4:6], "little")
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_svg_fallback_without_icon_engine(qapp):
    drawn = resources._svg_pixmaps(ICON_DIR / "houses.svg", (16, 24))
    assert not drawn.pixmap(QSize(24, 24)).isNull()
    assert resources.svg_icon(ICON_DIR / "missing.svg").isNull()


def test_navigation_icons_share_grid_stroke_and_colour():
    for name in (*NAV_ICONS, "search"):
        text = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
        assert 'viewBox="0 0 24 24"' in text, name
        assert 'stroke-width="1.75"' in text, name
        assert 'stroke="#34463d"' in text, name


def test_option_round_trip(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert opts.LAST_PAGE.read(settings) == "houses"
    opts.LAST_PAGE.write(settings, "rent")
    assert opts.LAST_PAGE.read(settings) == "rent"
    assert opts.MAIN_GEOMETRY.read(settings) == QByteArray()
    settings.setValue(opts.MAIN_GEOMETRY.key, "not bytes")
    assert opts.MAIN_GEOMETRY.read(settings) == QByteArray()


def test_settings_keys_are_declared_once():
    """No settings key is spelled outside ui/settings.py."""
    ui = Path(opts.__file__).parent
    keys = {value.key for value in vars(opts).values() if isinstance(value, opts.Option)}
    assert len(keys) == len([v for v in vars(opts).values() if isinstance(v, opts.Option)])
    for path in ui.rglob("*.py"):
        if path.name == "settings.py":
            continue
        strings = {
            node.value
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        assert not keys & strings, path


@pytest.mark.process
def test_gui_start_path_imports_no_openpyxl_or_pillow():
    import subprocess

    code = (
        "import sys; import gwinong_desktop.ui.main_window, gwinong_desktop.ui.demo_build;"
        "bad = [m for m in ('openpyxl', 'PIL') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
