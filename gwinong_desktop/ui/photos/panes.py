"""One zoomable picture of the viewer, and reading a photo at full size off the GUI thread.

``read_full`` decodes the original with ``QImageReader`` and its EXIF orientation applied
(``setAutoTransform``); a format Qt cannot read (HEIC) is rendered upright by the media layer
instead (``PhotoViewService.rendered``). Until it arrives the pane shows the thumbnail, scaled
up, so next/previous answers at once.

On a field copy (a laptop's kit: issue #15) the originals stay in the office and only the
thumbnails travel: there ``read_full`` gives the thumbnail as the picture, with a note that the
original is on the office PC, instead of calling a missing original damage to restore.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QWidget

from gwinong_desktop.domain.progress import TaskState

if TYPE_CHECKING:
    from gwinong_desktop.services.photo_views import PhotoRow, PhotoViewService

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.05, 8.0
RENDER_MAX_PX = 4096
"""The longer side of a photo the screen cannot decode itself, rendered by the media layer."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhotoViewer", text)


@dataclass(frozen=True)
class Picture:
    """What a pane shows for a photo: the picture, and a note when it is not the original
    (the thumbnail of a field copy)."""

    image: QImage
    note: str = ""


def read_full(
    state: TaskState, views: PhotoViewService, row: PhotoRow, field_copy: bool = False
) -> Picture:
    """The photo upright at full size (``PhotoUnavailable`` with a Korean message when it cannot
    be read: missing file, damaged data). On a ``field_copy`` a missing original is normal: the
    thumbnail the kit carried comes instead, with a note saying the original is in the office."""
    from gwinong_desktop.services.photo_views import PhotoUnavailable

    path = views.original_path(row)
    if not path.is_file():
        if field_copy:
            return _office_original(state, views, row)
        raise PhotoUnavailable(
            _tr("원본 파일이 자료 폴더에 없습니다: {path}. 백업에서 되살리거나 '데이터 점검'으로 "
                "확인하세요.").format(path=row.stored_path),
            row.original_name,
        )  # fmt: skip
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    state.check()
    image = reader.read()
    if image.isNull():
        state.check()
        data = views.rendered(row, RENDER_MAX_PX)
        image = QImage.fromData(data)
        if image.isNull():
            raise PhotoUnavailable(
                _tr("사진을 읽을 수 없습니다: {name}").format(name=row.original_name)
            )
    return Picture(image)


def _office_original(state: TaskState, views: PhotoViewService, row: PhotoRow) -> Picture:
    """A field copy's stand-in for an original left in the office: its carried thumbnail."""
    from gwinong_desktop.services.photo_views import PhotoUnavailable

    try:
        thumb = views.thumbnail(row)
    except PhotoUnavailable:
        thumb = None
    state.check()
    image = QImage(str(thumb)) if thumb is not None else QImage()
    if image.isNull():
        raise PhotoUnavailable(
            _tr("이 사진의 원본은 군청 PC에 있습니다. 현장용 사본에는 원본을 담지 않으며, "
                "이 사진은 미리보기도 없습니다. 원본은 군청 PC에서 보세요."),
            row.original_name,
        )  # fmt: skip
    return Picture(
        image,
        _tr("미리보기입니다. 원본 사진은 군청 PC에 있습니다 (현장용 사본에는 원본을 담지 "
            "않습니다)."),
    )  # fmt: skip


class ImagePane(QScrollArea):
    """A picture fitted to the pane, or shown at a zoom factor (1.0: one image pixel per screen
    pixel) with scroll bars; the wheel zooms."""

    sig_zoomed = Signal(float)
    """The zoom factor shown changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePane")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWidgetResizable(False)
        self.setStyleSheet("QScrollArea#imagePane { background: #2b2f2c; border: none; }")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.label.setStyleSheet("color: #e8ece6; background: transparent; font-size: 11pt;")
        self.label.setWordWrap(True)
        self.setWidget(self.label)
        self.note = QLabel(self)
        self.note.setObjectName("paneNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "QLabel#paneNote { color: #2b2f2c; background: #f3e3b0; padding: 6px 10px;"
            " font-size: 10pt; }"
        )
        self.note.hide()
        self.pixmap: QPixmap | None = None
        self.provisional = False
        self.fitting = True
        self.factor = 1.0
        self._natural = QSize()

    # --- content ----------------------------------------------------------------------------

    def set_pixmap(self, pixmap: QPixmap, *, provisional: bool = False, size: QSize | None = None
                   ) -> None:  # fmt: skip
        """Show ``pixmap``; ``provisional`` (a thumbnail standing in) is drawn at ``size``, the
        full picture's size, so the zoom does not jump when the full picture arrives."""
        self.set_note("")
        self.pixmap = pixmap
        self.provisional = provisional
        self._natural = size if (provisional and size is not None) else pixmap.size()
        self._render()

    def show_picture(self, picture: Picture, size: QSize | None = None) -> None:
        """Show what ``read_full`` gave: the original, or a stand-in drawn at ``size`` (the
        original's) with its note above it."""
        pixmap = QPixmap.fromImage(picture.image)
        self.set_pixmap(pixmap, provisional=bool(picture.note), size=size)
        self.set_note(picture.note)

    def set_note(self, text: str) -> None:
        """A line over the top of the pane (empty: none)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self._place_note()

    def _place_note(self) -> None:
        if self.note.isVisible():
            width = self.viewport().width()
            self.note.setFixedWidth(width)
            self.note.move(self.viewport().x(), self.viewport().y())
            self.note.adjustSize()
            self.note.raise_()

    def set_message(self, text: str) -> None:
        """No picture: a message in its place (a missing file, a slot without a photo)."""
        self.set_note("")
        self.pixmap = None
        self.provisional = False
        self.label.setPixmap(QPixmap())
        self.label.setText(text)
        self.label.resize(self.viewport().size())

    # --- zoom -------------------------------------------------------------------------------

    def zoom_fit(self) -> None:
        self.fitting = True
        self._render()

    def zoom_to(self, factor: float) -> None:
        """Show the picture at ``factor``, keeping the point at the middle of the pane there."""
        centre = [self._centre(bar) for bar in (self.horizontalScrollBar(),
                                                 self.verticalScrollBar())]  # fmt: skip
        self.fitting = False
        self.factor = min(max(factor, ZOOM_MIN), ZOOM_MAX)
        self._render()
        for bar, share in zip((self.horizontalScrollBar(), self.verticalScrollBar()), centre,
                              strict=True):  # fmt: skip
            bar.setValue(round(share * (bar.maximum() + bar.pageStep()) - bar.pageStep() / 2))

    @staticmethod
    def _centre(bar) -> float:  # type: ignore[no-untyped-def]
        """Where the middle of the view is along ``bar``, as a share of the whole (0.5 when the
        picture fits)."""
        whole = bar.maximum() + bar.pageStep()
        return (bar.value() + bar.pageStep() / 2) / whole if bar.maximum() > 0 else 0.5

    def zoom_by(self, steps: float) -> None:
        self.zoom_to(self.shown_factor() * (ZOOM_STEP**steps))

    def shown_factor(self) -> float:
        """The factor the picture is drawn at (in fit mode: what fitting gives)."""
        if self.pixmap is None or not self.fitting:
            return self.factor
        natural = self._natural
        area = self.viewport().size()
        if natural.isEmpty() or area.isEmpty():
            return 1.0
        return min(area.width() / natural.width(), area.height() / natural.height(), 1.0)

    def _render(self) -> None:
        if self.pixmap is None:
            return
        factor = self.shown_factor()
        target = self._natural * factor
        shown = self.pixmap.scaled(target, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        self.label.setText("")
        self.label.setPixmap(shown)
        self.label.resize(shown.size().expandedTo(self.viewport().size() if self.fitting
                                                  else shown.size()))  # fmt: skip
        self.sig_zoomed.emit(factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_note()
        if self.fitting and self.pixmap is not None:
            self._render()
        elif self.pixmap is None:
            self.label.resize(self.viewport().size())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and self.pixmap is not None:
            self.zoom_by(steps)
            event.accept()
            return
        super().wheelEvent(event)
