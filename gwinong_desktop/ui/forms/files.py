"""Choosing scans to attach and opening stored documents with the system viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import FILE_FILTER


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentFiles", text)


def choose_scan(parent: QWidget | None, title: str) -> Path | None:
    """Ask for one scanned document (PDF, JPG …); None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), _tr(FILE_FILTER))
    return Path(name) if name else None


def xlsx_target(
    parent: QWidget | None, title: str, default: Path, path: Path | str | None = None
) -> Path | None:
    """Where to write a workbook: ``path`` if given, else asked; ``.xlsx`` added when missing.
    None when the officer cancels the dialog."""
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            parent, title, str(default), _tr("Excel 통합 문서 (*.xlsx)")
        )
        if not name:
            return None
        path = name
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
