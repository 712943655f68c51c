"""Thumbnails loaded off the GUI thread, delivered in small batches as they are ready.

The work is a plain function over ``domain.progress.TaskState`` run by ``tasks.BackgroundTask``:
for each photo, in the order shown, the cached thumbnail (``PhotoViewService.thumbnail``: made
with JPEG draft mode on first use) is decoded into a ``QImage`` (safe off the GUI thread; a
``QPixmap`` is not). Batches go to the GUI thread through a queued signal: the first once
``FIRST_BATCH`` are ready or ``BATCH_SECONDS`` have passed (thumbnails made from big originals
come one by one), later ones every ``BATCH_SECONDS``, so painting keeps up without a signal per
photo. Showing another house cancels the running load (``TaskState.cancel``); batches of a
cancelled load are dropped by their generation number.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.tasks import BackgroundTask

if TYPE_CHECKING:
    from gwinong_desktop.services.photo_views import PhotoRow, PhotoViewService

FIRST_BATCH = 8
"""Photos in the first batch (about what the first screen shows)."""
BATCH_SECONDS = 0.05


@dataclass(frozen=True)
class Thumb:
    """One photo's thumbnail, or why there is none (``error``, Korean)."""

    photo_id: int
    image: QImage | None
    error: str = ""


def load_thumbnails(
    state: TaskState,
    views: PhotoViewService,
    rows: list[PhotoRow],
    deliver: Callable[[list[Thumb]], None],
    side: int,
) -> int:
    """Decode the thumbnails of ``rows`` in order, each scaled to fit ``side`` pixels, handing
    them to ``deliver`` in batches; returns how many were loaded. Stops (``Cancelled``) when the
    state is cancelled."""
    fit, smooth = Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    batch: list[Thumb] = []
    first = True
    last = time.perf_counter()
    loaded = 0
    for row in rows:
        state.check()
        try:
            image = QImage(str(views.thumbnail(row)))
            if image.isNull():
                thumb = Thumb(row.id, None, _unreadable(row))
            else:
                if max(image.width(), image.height()) > side:
                    image = image.scaled(side, side, fit, smooth)
                thumb = Thumb(row.id, image)
        except Refusal as exc:
            thumb = Thumb(row.id, None, exc.message)
        loaded += thumb.image is not None
        batch.append(thumb)
        now = time.perf_counter()
        if (first and len(batch) >= FIRST_BATCH) or now - last >= BATCH_SECONDS:
            state.check()
            deliver(batch)
            batch, first, last = [], False, now
    state.check()
    if batch:
        deliver(batch)
    return loaded


def _unreadable(row: PhotoRow) -> str:
    return QCoreApplication.translate("PhotoGallery", "미리보기를 읽을 수 없습니다: {name}").format(
        name=row.original_name
    )


class _Relay(QObject):
    sig_batch = Signal(int, object)
    """(generation, list[Thumb]) from the worker thread."""


class LatestTask(QObject):
    """One background function at a time for a view; starting another cancels the running
    one, whose result is then dropped (only the latest request is answered)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: BackgroundTask | None = None

    def start(
        self,
        fn: Callable[..., object],
        *args: object,
        on_done: Callable[[object], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Run ``fn(state, *args)``; ``on_done(result)`` or ``on_failed(message)`` follow on
        the GUI thread unless another start or :meth:`cancel` came first."""
        self._stop()
        task = BackgroundTask(self)
        task.sig_finished.connect(lambda result: self._ended(task) and on_done(result))
        task.sig_failed.connect(lambda message: self._ended(task) and on_failed(message))
        task.sig_cancelled.connect(task.deleteLater)
        self._task = task
        task.start(fn, *args)

    def _ended(self, task: BackgroundTask) -> bool:
        """Whether ``task`` was the latest (and forget it)."""
        task.deleteLater()
        if task is not self._task:
            return False
        self._task = None
        return True

    def cancel(self) -> None:
        """Stop the running work; its result is dropped."""
        self._stop()

    def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    @property
    def running(self) -> bool:
        return self._task is not None


class ThumbnailLoader(LatestTask):
    """Loads one house's thumbnails at a time; a new :meth:`load` cancels the previous one."""

    sig_loaded = Signal(object)
    """A batch of ``Thumb`` for the photos of the current load, on the GUI thread."""

    sig_done = Signal()
    """The current load has delivered everything."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.sig_batch.connect(self._on_batch, Qt.ConnectionType.QueuedConnection)
        self._generation = 0

    def load(self, views: PhotoViewService, rows: list[PhotoRow], side: int) -> None:
        """Start loading the thumbnails of ``rows`` (in this order), each fitted to ``side``."""
        self.cancel()
        generation = self._generation
        emit = self._relay.sig_batch.emit

        def deliver(batch: list[Thumb]) -> None:
            try:
                emit(generation, batch)
            except RuntimeError as exc:  # the gallery is gone (the window closed): stop
                raise Cancelled from exc

        done = self.sig_done.emit
        self.start(load_thumbnails, views, rows, deliver, side,
                   on_done=lambda _n: done(), on_failed=lambda _m: done())  # fmt: skip

    def cancel(self) -> None:
        """Stop the running load (its remaining batches are dropped)."""
        self._generation += 1
        super().cancel()

    @Slot(int, object)
    def _on_batch(self, generation: int, batch: list[Thumb]) -> None:
        if generation == self._generation:
            self.sig_loaded.emit(batch)
