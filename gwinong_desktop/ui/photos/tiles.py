"""The tiles of one gallery section (a phase): a list model and the delegate that paints them.

A tile is a photo (its thumbnail once loaded, a grey placeholder until then, or a "파일 없음"
tile with the reason) or an empty album slot ("비어 있음", dashed). Thumbnails live in a
``ThumbnailStore`` the gallery shares between its sections, so a batch that arrives is painted by
whichever section shows the photo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gwinong_desktop.domain.enums import PhotoSlot
from gwinong_desktop.domain.periods import format_date_ko

if TYPE_CHECKING:
    from gwinong_desktop.services.photo_views import PhotoRow

THUMB_W, THUMB_H = 168, 126
"""The box a thumbnail is drawn in (4:3, as cameras take them; the cached files are 256 px)."""
THUMB_PX = max(THUMB_W, THUMB_H)
"""The longer side thumbnails are scaled to when they are loaded."""
TILE = QSize(THUMB_W + 16, THUMB_H + 48)
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
"""The tile's ``PhotoRow`` (None for an empty slot)."""
SLOT_ROLE = Qt.ItemDataRole.UserRole + 2
"""The tile's slot (``PhotoSlot`` or None)."""

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhotoTiles", text)


class ThumbnailStore:
    """Pixmaps by photo id, and the reasons some could not be made."""

    def __init__(self) -> None:
        self.pixmaps: dict[int, QPixmap] = {}
        self.errors: dict[int, str] = {}

    def clear(self) -> None:
        self.pixmaps.clear()
        self.errors.clear()


@dataclass(frozen=True)
class Tile:
    photo: PhotoRow | None
    slot: PhotoSlot | None

    @property
    def title(self) -> str:
        if self.photo is None:
            return self.slot.label if self.slot else ""
        return self.photo.slot.label if self.photo.slot else _tr("구분 없음")

    @property
    def line(self) -> str:
        """The second line: the day taken (or "비어 있음" for an empty slot)."""
        if self.photo is None:
            return _tr("비어 있음")
        day = self.photo.day
        return format_date_ko(day) if day else _tr("촬영일 모름")


class TileModel(QAbstractListModel):
    def __init__(self, store: ThumbnailStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tiles: list[Tile] = []
        self._row_of: dict[int, int] = {}

    def set_tiles(self, tiles: list[Tile]) -> None:
        self.beginResetModel()
        self.tiles = tiles
        self._row_of = {t.photo.id: i for i, t in enumerate(tiles) if t.photo is not None}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tiles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tile = self.tiles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{tile.title}\n{tile.line}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(tile)
        if role == PHOTO_ROLE:
            return tile.photo
        if role == SLOT_ROLE:
            return tile.slot
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{tile.title} {tile.line}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.tiles[index.row()].photo is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _tooltip(self, tile: Tile) -> str:
        photo = tile.photo
        if photo is None:
            return _tr("{slot}: 아직 사진이 없습니다").format(slot=tile.title)
        lines = [photo.caption or photo.original_name, photo.place]
        if photo.inspection:
            lines.append(photo.inspection)
        if photo.visit:
            lines.append(_tr("방문 계획: {visit}").format(visit=photo.visit))
        if photo.id in self.store.errors:
            lines.append(self.store.errors[photo.id])
        if photo.archived:
            lines.append(_tr("보관됨: {reason}").format(reason=photo.archive_reason))
        return "\n".join(line for line in lines if line)

    def photos_changed(self, photo_ids: list[int]) -> None:
        """Repaint the tiles of these photos (their thumbnails arrived)."""
        rows = [self._row_of[i] for i in photo_ids if i in self._row_of]
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)))

    def photo_rows(self) -> list[PhotoRow]:
        return [t.photo for t in self.tiles if t.photo is not None]


class TileDelegate(QStyledItemDelegate):
    """Paints a tile: the picture (or its placeholder) in a square, two lines of text below."""

    def __init__(self, store: ThumbnailStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return TILE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        photo = index.data(PHOTO_ROLE)
        rect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect.adjusted(2, 2, -2, -2), QColor("#dcebd5"))
        box = QRect(rect.x() + 8, rect.y() + 6, THUMB_W, THUMB_H)
        if photo is None:
            self._empty(painter, box)
        else:
            pixmap = self.store.pixmaps.get(photo.id)
            if pixmap is not None:
                scaled = pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(0, 0, scaled.width(), scaled.height())
                target.moveCenter(box.center())
                painter.drawPixmap(target, pixmap)
                if photo.archived:
                    painter.fillRect(target, QColor(255, 255, 255, 140))
            else:
                failed = photo.id in self.store.errors
                painter.fillRect(box, QColor("#f3e3e0" if failed else "#eceeea"))
                painter.setPen(QColor("#8a4b40" if failed else "#9aa39c"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                                 _tr("파일 없음") if failed else _tr("불러오는 중…"))  # fmt: skip
        text = QRect(rect.x() + 4, box.bottom() + 4, rect.width() - 8, rect.bottom() - box.bottom())
        title, _, line = index.data(Qt.ItemDataRole.DisplayRole).partition("\n")
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1f2a24" if photo is not None else "#8a6d1c"))
        painter.drawText(text, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, title)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#5a6660"))
        below = text.adjusted(0, painter.fontMetrics().height() + 1, 0, 0)
        if photo is not None and photo.archived:
            line = f"{line} · {_tr('보관됨')}"
        painter.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)
        painter.restore()

    @staticmethod
    def _empty(painter: QPainter, box: QRect) -> None:
        painter.fillRect(box, QColor("#fbfaf4"))
        pen = QPen(QColor("#c9b87a"))
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(box.adjusted(1, 1, -2, -2))
        painter.setPen(QColor("#8a6d1c"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, _tr("비어 있음"))
