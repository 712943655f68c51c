"""Regenerate ``resources/icons/app.png`` (256 px) and ``app.ico`` (16–256 px) from ``app.svg``.

Not a test. Run after changing the SVG::

    QT_QPA_PLATFORM=offscreen uv run python tests/ui/make_app_icon.py [--preview out.png]

Every size is drawn from the SVG by Qt's ``QSvgRenderer`` (crisper than scaling one bitmap);
Pillow only packs them into the Windows ``.ico``. ``--preview`` also writes a sheet with the app
icon and the navigation icons at several sizes, to look at.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
NAV = ("dashboard", "houses", "residents", "rent", "inspections", "reports", "settings", "search")


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(svg: Path, target: Path) -> None:
    from PIL import Image

    images = [Image.open(io.BytesIO(png_bytes(render(svg, s)))).convert("RGBA") for s in ICO_SIZES]
    largest = images[-1]
    largest.save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])


def preview(target: Path) -> None:
    sizes = (16, 24, 32, 48, 96)
    names = ["app", *NAV]
    cell = 110
    sheet = QImage(cell * len(sizes), cell * len(names), QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#ffffff"))
    painter = QPainter(sheet)
    for row, name in enumerate(names):
        for col, size in enumerate(sizes):
            image = render(ICONS / f"{name}.svg", size)
            painter.drawImage(
                col * cell + (cell - size) // 2, row * cell + (cell - size) // 2, image
            )
    painter.end()
    sheet.save(str(target))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", type=Path)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    svg = ICONS / "app.svg"
    render(svg, 256).save(str(ICONS / "app.png"))
    write_ico(svg, ICONS / "app.ico")
    if args.preview:
        preview(args.preview)
    print(f"wrote {ICONS / 'app.png'} and {ICONS / 'app.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
