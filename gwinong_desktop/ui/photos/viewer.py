"""The full-size photo viewer: the picture upright (EXIF orientation applied), zoom (fit, 100%,
the wheel, Ctrl++/Ctrl+-/Ctrl+0), next/previous (arrow keys), the photo's facts (taken at, GPS,
file, inspection), and before/after: a slot's 착공 전 and 준공 후 photos side by side.

One viewer window per gallery, reused: :meth:`PhotoViewer.show_photos` walks through a list of
photos, :meth:`PhotoViewer.show_pairs` through the before/after pairs (``BeforeAfter``); the
"전후 비교" button switches between them at the photo shown.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import PhotoPhase
from gwinong_desktop.domain.periods import KST, format_date_ko, format_moment

from ..forms.files import size_text
from .loader import LatestTask
from .panes import ImagePane, read_full

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.photo_views import BeforeAfter, PhotoRow

    from .tiles import ThumbnailStore

DASH = "—"


class _FullLoader(LatestTask):
    """Reads one pane's photo at full size in the background; a newer request wins."""

    def __init__(
        self, services: Services, pane: ImagePane, parent: QObject, field_copy: bool
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.pane = pane
        self.field_copy = field_copy  # a laptop's kit: the originals are in the office

    def load(self, row: PhotoRow) -> None:
        pane = self.pane
        size = QSize(row.width, row.height) if row.width and row.height else None
        self.start(read_full, self.services.photo_views, row, self.field_copy,
                   on_done=lambda picture: pane.show_picture(picture, size),
                   on_failed=pane.set_message)  # fmt: skip


class PhotoViewer(QDialog):
    """Photos one by one, or before/after pairs, of one house."""

    def __init__(
        self, services: Services, store: ThumbnailStore | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(self.tr("사진 보기"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.services = services
        self.store = store
        self.rows: list[PhotoRow] = []
        self.pairs: list[BeforeAfter] = []
        self.index = 0
        self.comparing = False
        self.single = ImagePane(self)
        self.before = ImagePane(self)
        self.after = ImagePane(self)
        field_copy = services.field_kit.field_copy() is not None
        self.loaders = {pane: _FullLoader(services, pane, self, field_copy)
                        for pane in (self.single, self.before, self.after)}  # fmt: skip
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)
        outer.addLayout(self._build_bar())
        self.stack = QStackedWidget(self)
        single_page = QWidget(self)
        row = QHBoxLayout(single_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.single, 1)
        self.facts = QLabel(single_page)
        self.facts.setObjectName("photoFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setFixedWidth(250)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.facts)
        self.stack.addWidget(single_page)
        compare_page = QWidget(self)
        sides = QHBoxLayout(compare_page)
        sides.setContentsMargins(0, 0, 0, 0)
        self.side_labels = {}
        for pane in (self.before, self.after):
            column = QVBoxLayout()
            label = QLabel(compare_page)
            label.setObjectName("compareLabel")
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold; padding: 2px 4px;")
            self.side_labels[pane] = label
            column.addWidget(label)
            column.addWidget(pane, 1)
            sides.addLayout(column, 1)
        self.stack.addWidget(compare_page)
        outer.addWidget(self.stack, 1)
        self._shortcuts()
        self.resize(1100, 720)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)

        def button(text: str, name: str, slot, tip: str = "") -> QPushButton:  # type: ignore[no-untyped-def]
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.setAutoDefault(False)
            b.setToolTip(tip)
            b.clicked.connect(lambda: slot())
            bar.addWidget(b)
            return b

        self.prev_button = button(self.tr("◀ 이전"), "previousPhoto", self.previous,
                                  self.tr("이전 사진 (←)"))  # fmt: skip
        self.next_button = button(self.tr("다음 ▶"), "nextPhoto", self.next,
                                  self.tr("다음 사진 (→)"))  # fmt: skip
        self.position = QLabel(self)
        self.position.setObjectName("photoPosition")
        bar.addWidget(self.position)
        bar.addSpacing(12)
        button(self.tr("맞춤"), "zoomFit", self.zoom_fit, self.tr("창에 맞추기 (Ctrl+0)"))
        button(self.tr("100%"), "zoomActual", lambda: self.zoom_to(1.0),
               self.tr("원래 크기 (Ctrl+1)"))  # fmt: skip
        for b in (
            button("−", "zoomOut", lambda: self.zoom_by(-1), self.tr("축소 (Ctrl+-, 휠)")),
            button("+", "zoomIn", lambda: self.zoom_by(1), self.tr("확대 (Ctrl++, 휠)")),
        ):
            b.setFixedWidth(36)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(48)
        self.single.sig_zoomed.connect(self._show_zoom)
        self.before.sig_zoomed.connect(self._show_zoom)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        tip = self.tr("같은 구분의 착공 전·준공 후 사진을 나란히")
        self.compare_button = button(
            self.tr("전후 비교"), "toggleCompare", self.toggle_compare, tip
        )
        self.compare_button.setCheckable(True)
        return bar

    def _shortcuts(self) -> None:
        keys = {
            "Right": self.next, "PgDown": self.next, "Left": self.previous,
            "PgUp": self.previous, "Ctrl++": lambda: self.zoom_by(1),
            "Ctrl+=": lambda: self.zoom_by(1), "Ctrl+-": lambda: self.zoom_by(-1),
            "Ctrl+0": self.zoom_fit, "Ctrl+1": lambda: self.zoom_to(1.0),
        }  # fmt: skip
        for key, slot in keys.items():
            QShortcut(QKeySequence(key), self, slot)

    # --- what is shown ----------------------------------------------------------------------

    def show_photos(self, rows: list[PhotoRow], index: int = 0) -> None:
        """Walk through ``rows``, starting at ``index``."""
        self.rows = list(rows)
        self.comparing = False
        self._go(index)

    def show_pairs(self, pairs: list[BeforeAfter], index: int = 0) -> None:
        """Walk through before/after pairs, starting at ``index``."""
        self.pairs = list(pairs)
        self.comparing = True
        self._go(index)

    def current_photo(self) -> PhotoRow | None:
        if self.comparing or not self.rows:
            return None
        return self.rows[self.index]

    def current_pair(self) -> BeforeAfter | None:
        if not self.comparing or not self.pairs:
            return None
        return self.pairs[self.index]

    def next(self) -> None:
        self._go(self.index + 1)

    def previous(self) -> None:
        self._go(self.index - 1)

    def _count(self) -> int:
        return len(self.pairs) if self.comparing else len(self.rows)

    def _go(self, index: int) -> None:
        count = self._count()
        self.index = min(max(index, 0), max(count - 1, 0))
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        self.position.setText(f"{self.index + 1} / {count}" if count else "")
        self.compare_button.setChecked(self.comparing)
        if self.comparing:
            self.stack.setCurrentIndex(1)
            self._show_pair()
        else:
            self.stack.setCurrentIndex(0)
            self._show_single()

    def _show_single(self) -> None:
        photo = self.current_photo()
        self.loaders[self.before].cancel()
        self.loaders[self.after].cancel()
        if photo is None:
            self.single.set_message(self.tr("보여 줄 사진이 없습니다."))
            self.facts.clear()
            return
        self.setWindowTitle(self.tr("사진 보기 — {what}").format(what=photo.caption or photo.place))
        self._load(self.single, photo)
        self.facts.setText(self.facts_html(photo))
        has_pair = photo.slot is not None and photo.phase in (PhotoPhase.BEFORE, PhotoPhase.AFTER)
        self.compare_button.setEnabled(has_pair)

    def _show_pair(self) -> None:
        pair = self.current_pair()
        self.loaders[self.single].cancel()
        self.compare_button.setEnabled(True)
        if pair is None:
            for pane in (self.before, self.after):
                pane.set_message(self.tr("착공 전·준공 후 사진이 칸에 들어 있지 않습니다."))
            return
        self.setWindowTitle(self.tr("전후 비교 — {slot}").format(slot=pair.slot.label))
        for pane, photo, phase in ((self.before, pair.before, PhotoPhase.BEFORE),
                                   (self.after, pair.after, PhotoPhase.AFTER)):  # fmt: skip
            label = self.side_labels[pane]
            if photo is None:
                label.setText(f"{phase.label} · {pair.slot.label}")
                self.loaders[pane].cancel()
                pane.set_message(self.tr("{phase} {slot} 사진이 없습니다.").format(
                    phase=phase.label, slot=pair.slot.label))  # fmt: skip
                continue
            day = format_date_ko(photo.day) if photo.day else self.tr("촬영일 모름")
            label.setText(" · ".join(p for p in (photo.place, day, photo.caption) if p))
            self._load(pane, photo)

    def _load(self, pane: ImagePane, photo: PhotoRow) -> None:
        """The thumbnail at once (if the gallery has it), the full picture when read."""
        thumb = self.store.pixmaps.get(photo.id) if self.store is not None else None
        if thumb is not None:
            size = QSize(photo.width, photo.height) if photo.width and photo.height else None
            pane.set_pixmap(thumb, provisional=True, size=size)
        else:
            pane.set_message(self.tr("불러오는 중…"))
        self.loaders[pane].load(photo)

    def facts_html(self, photo: PhotoRow) -> str:
        """What is known of the photo, as the facts panel shows it."""
        when = DASH
        if photo.taken_at is not None:  # in Korean time, as the import screen shows it
            when = format_moment(photo.taken_at)
        gps = self.tr("기록 없음")
        if photo.latitude is not None and photo.longitude is not None:
            gps = f"{photo.latitude}, {photo.longitude}"
        pixels = f"{photo.width}×{photo.height}" if photo.width and photo.height else DASH
        facts = [
            (self.tr("구분"), photo.place),
            (self.tr("설명"), photo.caption or DASH),
            (self.tr("촬영 일시"), when),
            (self.tr("위치(GPS)"), gps),
            (self.tr("점검"), photo.inspection or DASH),
            (self.tr("방문 계획"), photo.visit or DASH),
            (self.tr("파일"), f"{photo.original_name or DASH}\n{size_text(photo.size_bytes)} · "
                              f"{pixels}"),
            (self.tr("추가한 날"), format_date_ko(photo.added_at.astimezone(KST).date())),
        ]  # fmt: skip
        if photo.archived:
            facts.append((self.tr("보관됨"), photo.archive_reason or DASH))
        return "".join(
            f"<p style='margin: 0 0 8px 0'><span style='color:#5a6660'>{html.escape(name)}</span>"
            f"<br>{html.escape(value).replace(chr(10), '<br>')}</p>"
            for name, value in facts
        )

    # --- modes and zoom ---------------------------------------------------------------------

    def toggle_compare(self) -> None:
        """Single photo ↔ its slot's before/after pair."""
        if self.comparing:
            pair = self.current_pair()
            photo = (pair.before or pair.after) if pair else None
            if photo is not None and any(r.id == photo.id for r in self.rows):
                self.comparing = False
                self._go(next(i for i, r in enumerate(self.rows) if r.id == photo.id))
            elif self.rows:
                self.comparing = False
                self._go(self.index if self.index < len(self.rows) else 0)
            else:
                self.compare_button.setChecked(True)
            return
        photo = self.current_photo()
        if photo is None:
            self.compare_button.setChecked(False)
            return
        pairs = self.services.photo_views.before_after(photo.house_id)
        start = next((i for i, p in enumerate(pairs)
                      if photo.id in {x.id for x in (p.before, p.after) if x}), None)  # fmt: skip
        if start is None:
            self.compare_button.setChecked(False)
            return
        self.show_pairs(pairs, start)

    def _panes(self) -> tuple[ImagePane, ...]:
        return (self.before, self.after) if self.comparing else (self.single,)

    def zoom_fit(self) -> None:
        for pane in self._panes():
            pane.zoom_fit()

    def zoom_to(self, factor: float) -> None:
        for pane in self._panes():
            pane.zoom_to(factor)

    def zoom_by(self, steps: float) -> None:
        for pane in self._panes():
            pane.zoom_by(steps)

    def _show_zoom(self, factor: float) -> None:
        self.zoom_label.setText(f"{factor * 100:.0f}%")

    def done(self, result: int) -> None:
        for loader in self.loaders.values():
            loader.cancel()
        super().done(result)
