"""A house's photos as officers look at them: one section per phase (착공 전 · 준공 후 · 점검), the
album slots 전경 · 원경 · 내부 · 주변 in order with a "비어 있음" tile where the album still lacks a
photo, the photos without a slot after them.

The tiles appear at once with placeholders; the thumbnails follow from a background load
(``loader.ThumbnailLoader``: cached on disk under the data folder's ``thumbs/``, made with JPEG
draft mode), which showing another house cancels. Double-click or Enter opens the viewer
(``viewer.PhotoViewer``); 전후 비교 opens it on the before/after pairs. An officer who may edit
places a photo in a slot and captions it, archives it with a reason, and restores it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission

from .loader import Thumb, ThumbnailLoader
from .tiles import PHOTO_ROLE, THUMB_PX, TILE, ThumbnailStore, Tile, TileDelegate, TileModel

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.photo_views import PhotoRow, SlotCoverage

    from .viewer import PhotoViewer

SPACING = 6


class _SectionView(QListView):
    """The tiles of one phase, wrapped in rows, as tall as they need (the gallery scrolls)."""

    sig_open = Signal()
    """Enter or a double click on a photo: open it in the viewer."""

    def __init__(self, model: TileModel, delegate: TileDelegate, parent: QWidget) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSpacing(0)
        self.setGridSize(TILE.grownBy(QMargins(*(SPACING // 2,) * 4)))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.doubleClicked.connect(lambda index: self._open(index))
        self.setMinimumHeight(self.gridSize().height())
        model.modelReset.connect(self.fit_height)

    def _open(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid() and index.data(PHOTO_ROLE) is not None:
            self.sig_open.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        grid = self.gridSize()
        per_row = max(1, self.viewport().width() // grid.width())
        rows = max(1, -(-self.model().rowCount() // per_row))
        height = rows * grid.height() + 2 * self.frameWidth() + 4
        if self.height() != height:
            self.setFixedHeight(height)


class PhotoGallery(QWidget):
    """The photos of one house (:meth:`show_house`), by phase and album slot."""

    sig_changed = Signal(object)
    """The gallery changed photos (a ``Changes``): the host announces it."""

    sig_shown = Signal(int)
    """A house's tiles are in place (its id); their thumbnails are loading."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoGallery")
        self.services = services
        self.house_id: int | None = None
        self.rows: list[PhotoRow] = []
        self.coverage: SlotCoverage | None = None
        self.viewer: PhotoViewer | None = None
        self.editable = services.ctx.allows(Permission.EDIT)
        self.store = ThumbnailStore()
        self.loader = ThumbnailLoader(self)
        self.loader.sig_loaded.connect(self._thumbnails_arrived)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        outer.addLayout(self._build_bar())
        self.empty_slots = QLabel(self)
        self.empty_slots.setObjectName("emptySlots")
        self.empty_slots.setWordWrap(True)
        self.empty_slots.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.empty_slots)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        body = QWidget(self.scroll)
        body.setObjectName("galleryBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(8, 4, 8, 8)
        column.setSpacing(2)
        self.models: dict[PhotoPhase, TileModel] = {}
        self.views: dict[PhotoPhase, _SectionView] = {}
        self.headings: dict[PhotoPhase, QLabel] = {}
        delegate = TileDelegate(self.store, self)
        for phase in PhotoPhase:
            heading = QLabel(body)
            heading.setObjectName("galleryHeading")
            heading.setStyleSheet("font-weight: bold; font-size: 11pt; padding-top: 6px;")
            model = TileModel(self.store, self)
            view = _SectionView(model, delegate, body)
            view.setObjectName(f"gallery_{phase.value}")
            view.sig_open.connect(self.open_viewer)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
            view.selectionModel().selectionChanged.connect(
                lambda _s, _d, v=view: self._selected_in(v)
            )
            column.addWidget(heading)
            column.addWidget(view)
            self.models[phase], self.views[phase], self.headings[phase] = model, view, heading
        column.addStretch(1)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        from .drop import PhotoDropTarget

        self.drop_target = PhotoDropTarget(self, self.import_paths)
        self._update_buttons()

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.add_button = self._button(self.tr("사진 추가…"), "addPhotos", self.add_files)
        self.add_button.setToolTip(self.tr("사진 파일을 고릅니다 (JPEG·PNG·HEIC). 파일이나 폴더를 "
                                           "이 화면에 끌어다 놓아도 됩니다"))  # fmt: skip
        self.folder_button = self._button(self.tr("폴더에서…"), "addPhotoFolder", self.add_folder)
        self.folder_button.setToolTip(self.tr("휴대전화에서 복사한 폴더(DCIM 등)의 사진을 한꺼번에 "
                                              "가져옵니다"))  # fmt: skip
        self.open_button = self._button(self.tr("크게 보기"), "openPhoto", self.open_viewer)
        self.compare_button = self._button(self.tr("전후 비교"), "comparePhotos",
                                           self.open_compare)  # fmt: skip
        self.compare_button.setToolTip(self.tr("같은 구분의 착공 전·준공 후 사진을 나란히 봅니다"))
        self.place_button = self._button(self.tr("구분·설명…"), "placePhoto", self.place_selected)
        self.archive_button = self._button(self.tr("보관…"), "archivePhoto",
                                           self.archive_selected)  # fmt: skip
        self.restore_button = self._button(self.tr("되살리기"), "restorePhoto",
                                           self.restore_selected)  # fmt: skip
        self.show_archived = QCheckBox(self.tr("보관한 사진도 보기"), self)
        self.show_archived.setObjectName("showArchivedPhotos")
        self.show_archived.toggled.connect(lambda _on: self.reload())
        for widget in (self.add_button, self.folder_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        for widget in (self.open_button, self.compare_button, self.place_button,
                       self.archive_button, self.restore_button):  # fmt: skip
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.show_archived)
        bar.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("photoSummary")
        bar.addWidget(self.summary)
        return bar

    def _button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    # --- adding ------------------------------------------------------------------------------

    def add_files(self) -> None:
        """사진 추가…: files chosen in the file dialog go to the import's confirmation screen."""
        from .drop import choose_photo_files

        self.import_paths(choose_photo_files(self))

    def add_folder(self) -> None:
        """폴더에서…: every photo of a folder (a phone's DCIM copied to the PC)."""
        from .drop import choose_photo_folder

        folder = choose_photo_folder(self)
        if folder is not None:
            self.import_paths([folder])

    def import_paths(self, paths: list) -> None:  # type: ignore[type-arg]
        """Files or folders chosen or dropped: the import's one confirmation screen, proposing
        the house shown; the gallery reloads and announces once they are stored."""
        if not paths or not self.editable:
            return
        from .import_dialog import start_photo_import

        dialog = start_photo_import(self, self.services, paths, house_id=self.house_id)
        if dialog is not None:
            dialog.sig_imported.connect(self._imported)

    def _imported(self, result) -> None:  # type: ignore[no-untyped-def]
        self.reload()
        self.sig_changed.emit(result.changes)

    # --- showing ----------------------------------------------------------------------------

    def show_house(self, house_id: int | None) -> None:
        """Show a house's photos (None: none). Placeholders at once; thumbnails follow."""
        self.loader.cancel()
        self.store.clear()
        self.house_id = house_id
        if house_id is None:
            self.rows, self.coverage = [], None
            for model in self.models.values():
                model.set_tiles([])
            self.empty_slots.clear()
            self.summary.clear()
            self._update_buttons()
            return
        views = self.services.photo_views
        album = views.album(house_id, include_archived=self.show_archived.isChecked())
        self.rows, self.coverage = album.rows, album.coverage
        if self.rows:  # the worker starts on the first screenful while the tiles are laid out
            self.loader.load(views, self.rows, THUMB_PX)
        for phase in PhotoPhase:
            tiles = self._tiles(phase)
            self.models[phase].set_tiles(tiles)
            self._heading(phase, tiles)
        self._show_coverage()
        self._update_buttons()
        self.sig_shown.emit(house_id)

    def reload(self) -> None:
        """Read the house shown again (after a change)."""
        selected = self.selected_photo()
        self.show_house(self.house_id)
        if selected is not None:
            self.select_photo(selected.id)

    def _tiles(self, phase: PhotoPhase) -> list[Tile]:
        coverage = self.coverage
        expected = coverage.expected.get(phase, ()) if coverage else ()
        mine = [r for r in self.rows if r.phase is phase]
        tiles: list[Tile] = []
        for slot in PhotoSlot:
            in_slot = [r for r in mine if r.slot is slot]
            tiles += [Tile(r, slot) for r in in_slot]
            if slot in expected and not any(not r.archived for r in in_slot):
                tiles.append(Tile(None, slot))
        tiles += [Tile(r, None) for r in mine if r.slot is None]
        return tiles

    def _heading(self, phase: PhotoPhase, tiles: list[Tile]) -> None:
        photos = sum(1 for t in tiles if t.photo is not None)
        empty = sum(1 for t in tiles if t.photo is None)
        text = self.tr("{phase} · 사진 {n}장").format(phase=phase.label, n=photos)
        if empty:
            text += self.tr(" · 비어 있는 칸 {n}").format(n=empty)
        if not tiles:
            text += self.tr(" (없음)")
        self.headings[phase].setText(text)
        self.views[phase].setVisible(bool(tiles))

    def _show_coverage(self) -> None:
        coverage = self.coverage
        assert coverage is not None
        missing = coverage.empty_text()
        if missing:
            lines = [self.tr("<b>비어 있는 칸</b> — {slots}").format(slots=missing)]
            style = "color: #74410a; background: #fff6ea; border: 1px solid #efc58a;"
        else:
            lines = [self.tr("앨범의 착공 전·준공 후 칸이 모두 채워져 있습니다.")]
            style = "color: #2f5a26; background: #f1f7ee; border: 1px solid #c7dcbf;"
        # the rule's own line about missing slots says what the first line says already
        lines += [w.message for w in coverage.warnings if not isinstance(w.value, tuple)]
        self.empty_slots.setText("<br>".join(lines))
        self.empty_slots.setStyleSheet(
            f"QLabel {{ {style} border-radius: 6px; padding: 5px 9px; }}"
        )
        shown = sum(1 for r in self.rows if not r.archived)
        archived = len(self.rows) - shown
        summary = self.tr("사진 {n}장").format(n=shown)
        if archived:
            summary += self.tr(" · 보관 {n}장").format(n=archived)
        self.summary.setText(summary)

    def _thumbnails_arrived(self, batch: list[Thumb]) -> None:
        for thumb in batch:
            if thumb.image is not None:
                self.store.pixmaps[thumb.photo_id] = QPixmap.fromImage(thumb.image)
            else:
                self.store.errors[thumb.photo_id] = thumb.error
        ids = [t.photo_id for t in batch]
        for model in self.models.values():
            model.photos_changed(ids)

    # --- selection --------------------------------------------------------------------------

    def _selected_in(self, view: _SectionView) -> None:
        if view.selectionModel().hasSelection():
            for other in self.views.values():
                if other is not view:
                    other.clearSelection()
        self._update_buttons()

    def selected_photo(self) -> PhotoRow | None:
        for view in self.views.values():
            for index in view.selectionModel().selectedIndexes():
                photo = index.data(PHOTO_ROLE)
                if photo is not None:
                    return photo
        return None

    def select_photo(self, photo_id: int) -> bool:
        """Select (and scroll to) a photo's tile; False when it is not shown."""
        for phase, model in self.models.items():
            for row, tile in enumerate(model.tiles):
                if tile.photo is not None and tile.photo.id == photo_id:
                    view = self.views[phase]
                    index = model.index(row)
                    view.setCurrentIndex(index)
                    view.setFocus()
                    self.scroll.ensureWidgetVisible(view)
                    return True
        return False

    def _update_buttons(self) -> None:
        photo = self.selected_photo()
        self.open_button.setEnabled(photo is not None)
        self.compare_button.setEnabled(any(
            r.slot is not None and r.phase in (PhotoPhase.BEFORE, PhotoPhase.AFTER)
            for r in self.rows if not r.archived
        ))  # fmt: skip
        for button in (self.place_button, self.archive_button, self.restore_button,
                       self.add_button, self.folder_button):  # fmt: skip
            button.setVisible(self.editable)
        self.add_button.setEnabled(self.editable and self.house_id is not None)
        self.folder_button.setEnabled(self.editable and self.house_id is not None)
        self.place_button.setEnabled(self.editable and photo is not None)
        self.archive_button.setEnabled(self.editable and photo is not None and not photo.archived)
        self.restore_button.setEnabled(self.editable and photo is not None and photo.archived)

    def _context_menu(self, view: _SectionView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid() or index.data(PHOTO_ROLE) is None:
            return
        view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("크게 보기"), self.open_viewer)
        if self.editable:
            menu.addAction(self.tr("구분·설명…"), self.place_selected)
            photo = index.data(PHOTO_ROLE)
            if photo.archived:
                menu.addAction(self.tr("되살리기"), self.restore_selected)
            else:
                menu.addAction(self.tr("보관…"), self.archive_selected)
        menu.exec(view.viewport().mapToGlobal(pos))

    # --- actions ----------------------------------------------------------------------------

    def viewer_rows(self) -> list[PhotoRow]:
        """The photos next/previous walks through: those shown, in the gallery's order."""
        return [t.photo for m in self.models.values() for t in m.tiles if t.photo is not None]

    def open_viewer(self) -> PhotoViewer | None:
        """Open the selected photo in the viewer (the one viewer window, reused)."""
        photo = self.selected_photo()
        if photo is None:
            return None
        viewer = self._viewer()
        rows = self.viewer_rows()
        viewer.show_photos(rows, next(i for i, r in enumerate(rows) if r.id == photo.id))
        return viewer

    def open_compare(self) -> PhotoViewer | None:
        """The before/after pairs, starting at the selected photo's slot."""
        if self.house_id is None:
            return None
        pairs = self.services.photo_views.before_after(self.house_id)
        if not pairs:
            return None
        photo = self.selected_photo()
        start = 0
        if photo is not None:
            start = next((i for i, p in enumerate(pairs)
                          if photo.id in {x.id for x in (p.before, p.after) if x}), 0)  # fmt: skip
        viewer = self._viewer()
        viewer.show_pairs(pairs, start)
        return viewer

    def _viewer(self) -> PhotoViewer:
        from .viewer import PhotoViewer

        if self.viewer is None:
            self.viewer = PhotoViewer(self.services, self.store, self)
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        return self.viewer

    def place_selected(self) -> bool:
        from .placement import PhotoPlacementDialog

        photo = self.selected_photo()
        if photo is None or not self.editable:
            return False
        dialog = PhotoPlacementDialog(self.services, photo, self)
        try:
            if dialog.exec() != PhotoPlacementDialog.DialogCode.Accepted or dialog.saved is None:
                return False
            changes = dialog.saved.changes
        finally:
            dialog.deleteLater()
        self._changed(changes)
        return True

    def archive_selected(self) -> bool:
        from ..forms.record_dialog import ask_reason

        photo = self.selected_photo()
        if photo is None or not self.editable:
            return False
        title = self.tr("사진 보관")
        reason = ask_reason(self, title, self.tr(
            "'{name}'을(를) 앨범에서 빼서 보관합니다. 사유를 적으세요 (예: 흔들린 사진, 다른 집 "
            "사진).").format(name=photo.caption or photo.original_name))  # fmt: skip
        if reason is None:
            return False
        return self._apply(title, lambda: self.services.photo_views.archive(photo.id, reason))

    def restore_selected(self) -> bool:
        photo = self.selected_photo()
        if photo is None or not self.editable or not photo.archived:
            return False
        return self._apply(self.tr("사진 되살리기"),
                           lambda: self.services.photo_views.restore(photo.id))  # fmt: skip

    def _apply(self, title: str, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except Refusal as refusal:
            QMessageBox.warning(self, title, refusal.message)
            return False
        self._changed()
        return True

    def _changed(self, changes: Changes | None = None) -> None:
        self.reload()
        self.sig_changed.emit(changes or Changes.of(Kind.PHOTOS))

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Hidden (another tab, another page): stop loading; :meth:`showEvent` goes on."""
        super().hideEvent(event)
        self.loader.cancel()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self.loader.running:
            return
        done = self.store.pixmaps.keys() | self.store.errors.keys()
        missing = [r for r in self.viewer_rows() if r.id not in done]
        if missing:
            self.loader.load(self.services.photo_views, missing, THUMB_PX)
