"""File dialogs that start where the officer last was; choosing scans to attach; opening stored
documents with the system viewer.

Every file dialog of ``ui/`` goes through :func:`ask_open`, :func:`ask_open_many`,
:func:`ask_save` or :func:`ask_folder`: each starts in the folder the officer last opened or saved
a file in (kept in the window settings as ``settings.LAST_FOLDER``; the caller's own place when
there is none yet, else the Documents folder) and remembers the folder chosen. The dialogs are
Qt's, in Korean (``app`` loads Qt's Korean translations).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.services import Services

from .. import settings as opts


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentFiles", text)


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def start_folder(fallback: Path | None = None) -> Path:
    """Where the next file dialog opens: the last folder used, else ``fallback``, else
    Documents (a folder that is gone is skipped)."""
    last = opts.LAST_FOLDER.read(opts.window_settings())
    for folder in (Path(last) if last else None, fallback):
        if folder is not None and folder.is_dir():
            return folder
    return documents_folder()


def remember_folder(folder: Path) -> None:
    settings = opts.window_settings()
    opts.LAST_FOLDER.write(settings, str(folder))
    settings.sync()


def ask_open(
    parent: QWidget | None, title: str, filters: str, *, fallback: Path | None = None
) -> Path | None:
    """One file to read; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(fallback)), filters)
    if not name:
        return None
    remember_folder(Path(name).parent)
    return Path(name)


def ask_open_many(
    parent: QWidget | None, title: str, filters: str, *, fallback: Path | None = None
) -> list[Path]:
    """Files to read (several may be chosen); empty when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(fallback)), filters)
    if not names:
        return []
    remember_folder(Path(names[0]).parent)
    return [Path(name) for name in names]


def ask_save(
    parent: QWidget | None, title: str, file_name: str, filters: str, *,
    fallback: Path | None = None,
) -> Path | None:  # fmt: skip
    """Where to write ``file_name`` (the name offered); None when cancelled."""
    offered = start_folder(fallback) / file_name
    name, _ = QFileDialog.getSaveFileName(parent, title, str(offered), filters)
    if not name:
        return None
    remember_folder(Path(name).parent)
    return Path(name)


def ask_folder(parent: QWidget | None, title: str, *, current: Path | None = None) -> Path | None:
    """A folder (``current`` if it still exists, else the last folder used, to start in)."""
    start = current if current is not None and current.is_dir() else start_folder()
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    if not chosen:
        return None
    remember_folder(Path(chosen))
    return Path(chosen)


def choose_scan(parent: QWidget | None, title: str) -> Path | None:
    """Ask for one scanned document (PDF, JPG …); None when cancelled."""
    from gwinong_desktop.services.attachments import FILE_FILTER

    return ask_open(parent, title, _tr(FILE_FILTER))


def xlsx_target(
    parent: QWidget | None, title: str, default: Path, path: Path | str | None = None
) -> Path | None:
    """Where to write a workbook: ``path`` if given, else asked (offering ``default``'s name, in
    the last folder used or else ``default``'s); ``.xlsx`` added when missing. None when the
    officer cancels the dialog."""
    if path is None:
        path = ask_save(
            parent, title, default.name, _tr("Excel 통합 문서 (*.xlsx)"), fallback=default.parent
        )
        if path is None:
            return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    return target


def open_path(path: Path) -> bool:
    """Open a file with the program the system uses for it (PDF viewer, image viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_attachment(parent: QWidget | None, services: Services, attachment_id: int) -> bool:
    """Open a stored document; a Korean message when the file is missing or cannot open."""
    title = _tr("첨부서류 열기")
    try:
        path = services.attachments.path_of(attachment_id)
    except Refusal as refusal:
        QMessageBox.warning(parent, title, refusal.message)
        return False
    if not open_path(path):
        QMessageBox.warning(
            parent,
            title,
            _tr("이 파일을 열 프로그램이 없습니다: {path}").format(path=path),
        )
        return False
    return True


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:,.1f}MB"
    if size >= 1024:
        return f"{size / 1024:,.0f}KB"
    return f"{size:,}B"
