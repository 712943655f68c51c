"""Ways into the photo import for pages: choosing files or a folder, and dropping them.

``PhotoDropTarget(widget, on_paths)`` makes any widget (the gallery, the inspection form) take
files and folders dropped on it; pages pass the paths to ``import_dialog.start_photo_import``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtWidgets import QWidget

from gwinong_desktop.ui.forms.files import ask_folder, ask_open_many

FILE_FILTER = "사진 (*.jpg *.jpeg *.png *.heic *.heif);;모든 파일 (*)"


def choose_photo_files(parent: QWidget | None) -> list[Path]:
    """The photo files the officer picks (none when cancelled)."""
    return ask_open_many(parent, "사진 파일 고르기", FILE_FILTER)


def choose_photo_folder(parent: QWidget | None) -> Path | None:
    """A folder of photos (a phone's DCIM copied to the laptop), or None."""
    return ask_folder(parent, "사진 폴더 고르기 (하위 폴더까지 읽습니다)")


def paths_from_mime(mime: QMimeData) -> list[Path]:
    """Local files and folders in a drag's data (web links and text are not taken)."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class PhotoDropTarget(QObject):
    """Makes ``widget`` take files and folders dropped on it: ``on_paths(paths)`` is called.

    ``PhotoDropTarget(gallery, lambda paths: start_photo_import(gallery, services, paths, id))``
    """

    def __init__(self, widget: QWidget, on_paths: Callable[[list[Path]], object]) -> None:
        super().__init__(widget)
        self._on_paths = on_paths
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if paths_from_mime(event.mimeData()):  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            paths = paths_from_mime(event.mimeData())  # type: ignore[attr-defined]
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self._on_paths(paths)
                return True
        return super().eventFilter(watched, event)
