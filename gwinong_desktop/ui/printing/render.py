"""HTML → ``QTextDocument`` → PDF, in the shipped Korean font.

The font (NanumBarunGothic, SIL OFL, ``resources/fonts``) is loaded once with
``QFontDatabase.addApplicationFont``, so every PC lays out and embeds the same font whatever is
installed. ``QTextDocument.print_`` lays the document out on the writer's page (A4, margins in
millimetres): the page size is never set by hand from the writer's resolution, which would
shrink the text.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from gwinong_desktop.ui.resources import resource_path

# NanumBarunGothic rather than NanumGothic: Qt's PDF subset of NanumGothic maps the space to
# U+0001, so text copied or searched in the PDF had no spaces.
FONT_FILE = ("fonts", "NanumBarunGothic.ttf")
# QTextDocument.print_ puts 2 cm of its own around the text, inside the page's margins: the page
# itself has none, so the text sits 2 cm from the paper's edges (a printer keeps its own
# unprintable border on top, as its driver says).
MARGINS_MM = QMarginsF(0, 0, 0, 0)
POINT_SIZE = 11


@cache
def document_font_family() -> str:
    """The shipped font's family name, loaded into the application once ("" if missing)."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""


def text_document(html: str) -> QTextDocument:
    """``html`` as a document in the shipped font."""
    document = QTextDocument()
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


def pdf_bytes(html: str, title: str = "") -> bytes:
    """The PDF of ``html`` on A4, fonts embedded, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    writer.setTitle(title)
    writer.setCreator("gwinong-desktop")
    text_document(html).print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
