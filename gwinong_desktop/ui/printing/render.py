"""HTML → ``QTextDocument`` → PDF, in the shipped Korean font.

The font (NanumBarunGothic, SIL OFL, ``resources/fonts``) is loaded once with
``QFontDatabase.addApplicationFont``, so every PC lays out and embeds the same font whatever is
installed. :func:`print_html` lays the document out once, on the device itself (the PDF writer,
or the printer of the print preview): the device is the layout's paint device, so points are
the device's points and the text keeps its size (a page size in the writer's pixels with the
screen as paint device would shrink it to a third). ``QTextDocument.print_`` would clone the
document and lay it out a second time for the device: a third of the receipt's time.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from gwinong_desktop.ui.resources import resource_path

# NanumBarunGothic rather than NanumGothic: Qt's PDF subset of NanumGothic maps the space to
# U+0001, so text copied or searched in the PDF had no spaces.
FONT_FILE = ("fonts", "NanumBarunGothic.ttf")
# The text sits TEXT_MARGIN_CM from the paper's edges: the page itself has no margins (a printer
# keeps its own unprintable border on top, as its driver says).
MARGINS_MM = QMarginsF(0, 0, 0, 0)
TEXT_MARGIN_CM = 2.0
POINT_SIZE = 11


@cache
def document_font_family() -> str:
    """The shipped font's family name, loaded into the application once ("" if missing)."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""


def text_document(html: str, device: QPagedPaintDevice | None = None) -> QTextDocument:
    """``html`` as a document in the shipped font; laid out on ``device``'s pages (A4, the text
    :data:`TEXT_MARGIN_CM` from the edges) when one is given, else for the screen.

    Everything the layout depends on is set before the HTML: each later change lays the whole
    document out again."""
    document = QTextDocument()
    if device is not None:
        document.documentLayout().setPaintDevice(device)
        document.setPageSize(QSizeF(device.width(), device.height()))
        document.setDocumentMargin(TEXT_MARGIN_CM / 2.54 * _layout_dpi())
    family = document_font_family()
    font = QFont(family, POINT_SIZE) if family else QFont()
    font.setPointSize(POINT_SIZE)
    document.setDefaultFont(font)
    document.setHtml(html)
    return document


def page_layout() -> QPageLayout:
    """A4 portrait, no margins of its own (see :data:`MARGINS_MM`)."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )  # fmt: skip


def print_html(html: str, device: QPagedPaintDevice) -> int:
    """Lay ``html`` out on ``device``'s pages and paint it there; the number of pages. A
    document of several pages has each page's number at the bottom right."""
    document = text_document(html, device)
    width, height = device.width(), device.height()
    pages = document.pageCount()
    painter = QPainter(device)
    try:
        for index in range(pages):
            if index:
                device.newPage()
            top = index * height
            painter.save()
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, width, height))
            painter.restore()
            if pages > 1:
                _page_number(painter, document, index + 1, width, height)
    finally:
        painter.end()
    return pages


def _layout_dpi() -> float:
    """The resolution the text layout takes lengths in (frame margins, cell padding) and
    scales to the device from: Qt's default DPI, the primary screen's logical DPI (100 with no
    screen), as ``QTextDocument.print_`` uses for its own 2 cm."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen is not None else 100


def _page_number(
    painter: QPainter, document: QTextDocument, number: int, width: int, height: int
) -> None:
    painter.setFont(document.defaultFont())
    margin = TEXT_MARGIN_CM / 2.54 * painter.device().logicalDpiY()
    box = QRectF(QPointF(0, height - margin), QPointF(width - margin, height - margin / 2))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(box, int(right), str(number))


def pdf_bytes(html: str, title: str = "") -> bytes:
    """The PDF of ``html`` on A4, fonts embedded, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    writer.setTitle(title)
    writer.setCreator("gwinong-desktop")
    print_html(html, writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
