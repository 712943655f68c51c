"""The receipt PDF (``ui.printing.render.pdf_bytes`` of ``reports.documents.receipt_html``)
against a bare ``QPdfWriter`` page with the same text.

In one child process (``run.child_json``: offscreen Qt, byte code cached as the app runs; the
shipped font loaded once before either is timed), in turns, each written to memory:
- ours: the receipt's HTML laid out by ``QTextDocument`` and printed to a ``QPdfWriter`` (A4);
- floor: a ``QPdfWriter`` (A4) and a ``QPainter`` drawing the receipt's text, piece by piece in
  the same fonts (sizes, bold), one piece a line: nothing laid out, no table drawn.
Medians of ``RUNS`` pairs; target 1.5× (issue #11).

Run by hand: ``python tests/benchmarks/bench_receipt.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

TARGET = 1.5
RUNS = 40


def rows(bench) -> list:
    from run import Row, child_json

    results = [child_json(__file__) for _ in range(max(1, min(bench.repeat, 3)))]
    mine = statistics.median(r["ours"] for r in results)
    base = statistics.median(r["floor"] for r in results)
    rss = max(r["rss_mb"] for r in results)
    return [Row("receipt PDF (A4, one page)", mine, base, mine / base, TARGET, rss)]


def _receipt() -> tuple[str, list[tuple[str, object]]]:
    """The receipt's HTML, and its text as fragments with their fonts (for the floor)."""
    from gwinong_desktop.reports.documents import Issuer, ReceiptData, receipt_html
    from gwinong_desktop.ui.printing.render import text_document

    data = ReceiptData(
        number="2025-000123", house_code="진안-2019-01",
        house_address="전북특별자치도 진안군 부귀면 세동길 85", resident="김영수",
        month=date(2025, 3, 1), amount=150_000, paid_on=date(2025, 3, 5), method="계좌이체",
        note="3월분 임대료", uid="bench",
    )  # fmt: skip
    issuer = Issuer("진안군", "농업기술센터 귀농귀촌팀", "박정민", "063-430-8471", date(2025, 3, 5))
    html = receipt_html(data, issuer)
    document = text_document(html)
    fragments = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text().strip():
                fragments.append((fragment.text(), fragment.charFormat().font()))
            it += 1
        block = block.next()
    return html, fragments


def _floor(fragments: list[tuple[str, object]]) -> bytes:
    """The same text in the same fonts (sizes, bold) on an A4 ``QPdfWriter`` page, each piece
    drawn on its own line: what painting the receipt by hand would cost at least."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPainter, QPdfWriter

    from gwinong_desktop.ui.printing.render import page_layout

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    painter = QPainter(writer)
    y = 0
    for text, font in fragments:
        painter.setFont(font)
        y += painter.fontMetrics().height()
        painter.drawText(0, y, text)
    painter.end()
    del writer
    buffer.close()
    return bytes(data.data())


def main() -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 (fonts and the PDF writer need one)
    from gwinong_desktop.ui.printing.render import pdf_bytes

    html, fragments = _receipt()
    pdf_bytes(html), _floor(fragments)  # warm-up: the font loaded, glyph caches, first writer
    ours, floor = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        assert pdf_bytes(html).startswith(b"%PDF")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        assert _floor(fragments).startswith(b"%PDF")
        floor.append(time.perf_counter() - start)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "ours": statistics.median(ours), "floor": statistics.median(floor), "rss_mb": rss_mb,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
