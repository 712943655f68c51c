"""The one text cleaner: what XML 1.0 (so a workbook, a .ts file, a PDF's metadata) cannot hold.

Excel's files are XML. A cell holding a control character (other than tab, line feed and carriage
return), U+FFFE, U+FFFF or a lone surrogate (pasting from other programs brings them) makes a
workbook that neither openpyxl nor Excel opens again. Every workbook writer and every reader of
outside text passes text through :func:`xml_safe`; nothing else strips characters.
"""

from __future__ import annotations

import re

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character that :func:`xml_safe` would remove."""
    return _NOT_XML.search(text) is not None


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (every other character kept as it is)."""
    if not has_unsafe(text):
        return text
    return _NOT_XML.sub("", text)
