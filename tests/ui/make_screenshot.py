"""Regenerate ``resources/screenshots/main-window.png`` (used by the README).

Not a test. It builds the demo county (진안군) in a temporary folder — or opens ``--data-dir`` —
opens the main window offscreen at 1280×800 on the house list, selects a house so the detail pane
is filled, and saves ``window.grab()``::

    uv run python tests/ui/make_screenshot.py [--data-dir DIR] [--out PATH] [--page KEY]
                                              [--house CODE] [--search TEXT]

Korean needs a Korean font on the machine (Debian: ``fonts-nanum``); without one, text is boxes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "resources" / "screenshots" / "main-window.png"


def _choose_font(app) -> None:
    """Offscreen Qt picks no Korean UI font by itself; use the one a Korean Windows PC shows."""
    from PySide6.QtGui import QFont, QFontDatabase

    families = set(QFontDatabase.families())
    for name in ("Malgun Gothic", "맑은 고딕", "NanumBarunGothic", "NanumGothic", "Noto Sans KR"):
        if name in families:
            app.setFont(QFont(name, 9))
            return


def _open(args: argparse.Namespace, workdir: Path):
    from gwinong_desktop.storage.database import open_database

    if args.data_dir:
        return open_database(args.data_dir, purpose="screenshot")
    from gwinong_desktop.demo.build import build_demo

    root = workdir / "demo"
    db = open_database(root, purpose="screenshot")
    build_demo(db, scale="county")
    return db


def _pick_house(window, code: str | None) -> None:
    from gwinong_desktop.domain.enums import HouseStatus

    page = window.page("houses")
    rows = page.model.visible_rows()
    if code:
        chosen = next(r for r in rows if r.code == code)
    else:  # a house with a resident today shows the most
        chosen = next((r for r in rows if r.status is HouseStatus.OCCUPIED), rows[0])
    page.select_house(chosen.id)


def _wait_for_charts(app, page) -> None:
    """The dashboard loads its charts in the background: wait (up to 20 s) until they show."""
    import time

    deadline = time.monotonic() + 20
    due = page.due_panel
    while (page.stats_panel.stats is None or due.count.text().endswith("중…")) and (
        time.monotonic() < deadline
    ):
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--page", default="houses")
    parser.add_argument("--house", help="관리번호 of the house to select")
    parser.add_argument("--search", default="")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gwinong_desktop.services import Services
    from gwinong_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _choose_font(app)
    with tempfile.TemporaryDirectory(prefix="gwinong-desktop-") as tmp:
        workdir = Path(tmp)
        db = _open(args, workdir)
        try:
            settings = QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(Services.over(db, actor="screenshot"), settings)
            width, height = (int(v) for v in args.size.split("x"))
            window.resize(width, height)
            window.show()
            window.set_page(args.page)
            if args.search:
                window.page("houses").search.setText(args.search)
            if args.page == "houses":
                _pick_house(window, args.house)
            for _ in range(5):
                app.processEvents()
            if args.page == "dashboard":
                _wait_for_charts(app, window.page("dashboard"))
            args.out.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(args.out)):
                print(f"could not write {args.out}", file=sys.stderr)
                return 1
            window.close()
        finally:
            db.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
