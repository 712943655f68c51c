"""Qt's own strings in Korean: standard buttons (확인/취소), message boxes, the file dialogs.

They come from Qt's ``qtbase_ko.qm`` (shipped with PySide6 and kept by the frozen build, see
``installer/buildconfig.py``). That catalogue lags behind Qt's sources in the file dialog: two
labels Qt 6 spells with shortcuts ("&Look in:", "Files of &type:") where the catalogue knows
"Look in:" and "Files of type:", and the file kinds ("Folder", "Drive" …) Qt 6 asks under
``QAbstractFileIconProvider`` where the catalogue has them under ``QFileDialog``.
:class:`KoreanFixes` answers those, in the catalogue's own words, so no English is left.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

MISSING = "Qt 한국어 번역(qtbase_ko.qm)을 찾지 못했습니다: {folder}"

FIXES = {
    ("QFileDialog", "&Look in:"): "다음에서 찾기(&L):",
    ("QFileDialog", "Files of &type:"): "파일 형식(&T):",
}
"""(context, source) → Korean, for what ``qtbase_ko.qm`` misses (checked by a test)."""


MOVED = {"QAbstractFileIconProvider": "QFileDialog"}
"""Contexts Qt 6 asks under → where the catalogue keeps their strings."""


class KoreanFixes(QTranslator):
    """The few Qt strings ``qtbase_ko.qm`` lacks (None: not ours, Qt asks the next one)."""

    def __init__(self, catalogue: QTranslator | None, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        fixed = FIXES.get((context, source))
        if fixed is None and context in MOVED and self.catalogue is not None:
            fixed = self.catalogue.translate(MOVED[context], source, disambiguation, n) or None
        return fixed

    def isEmpty(self) -> bool:
        return False


def install_qt_korean(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's Korean catalogue and the fixes; the translators installed. A missing
    catalogue is said on stderr and in the log (the frozen build's test looks for it)."""
    installed: list[QTranslator] = []
    catalogue: QTranslator | None = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if catalogue.load(QLocale(QLocale.Language.Korean), "qtbase", "_", folder):
        app.installTranslator(catalogue)
        installed.append(catalogue)
    else:
        catalogue = None
        message = MISSING.format(folder=folder)
        print(message, file=sys.stderr)
        logging.getLogger(__name__).warning(message)
    fixes = KoreanFixes(catalogue, app)
    app.installTranslator(fixes)  # the last installed is asked first
    installed.append(fixes)
    return installed
