"""Background work with progress and cancel (Orange3 ``concurrent.py`` style, QtCore only).

The work itself is a plain function that knows nothing of Qt. It receives a
``domain.progress.TaskState`` first, calls ``state.report(done, total, label)`` now and then, and
``state.check()`` where stopping is safe (``report`` checks too); both raise
``domain.progress.Cancelled`` once the officer cancelled::

    def build(state: TaskState, root: Path) -> Path:
        for i, item in enumerate(items):
            state.check()
            ...
            state.report(i + 1, len(items), "사진 정리")
        return root

    task = BackgroundTask(parent)
    task.sig_progress.connect(progress_bar.update)
    task.sig_finished.connect(on_done)      # gets the function's return value
    task.sig_failed.connect(show_error)     # gets a Korean message; task.error is the exception
    task.start(build, root)

Every signal is delivered on the thread that owns the ``BackgroundTask`` (the GUI thread), so
slots may touch widgets. A task object runs one function at a time. A function that fails (raises
anything but ``Cancelled``) has its traceback written to the log (``logging``, the
``gwinong_desktop`` logger, which the app sends to its log file): the officer sees the Korean
message, the log keeps what a developer needs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from gwinong_desktop.domain.progress import Cancelled, TaskState

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.04
"""Reports closer together than this are merged: a worker reporting per file (hundreds a
second) would otherwise queue a signal, and a repaint, on the GUI thread for each."""


class _Throttle:
    """Forwards a report at most every :data:`PROGRESS_INTERVAL_S`; the last one held back is
    forwarded by :meth:`flush` (before the result), so the final count always arrives."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._lock = threading.Lock()
        self._last = -PROGRESS_INTERVAL_S
        self._held: tuple[int, int, str] | None = None

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < PROGRESS_INTERVAL_S:
                self._held = (done, total, label)
                return
            self._last, self._held = now, None
        self._emit(done, total, label)

    def flush(self) -> None:
        with self._lock:
            held, self._held = self._held, None
        if held is not None:
            self._emit(*held)


class _Bridge(QObject):
    """Carries the worker's news across threads; connected to the task with queued connections."""

    sig_progress = Signal(int, int, str)
    """Progress from the worker thread."""
    sig_done = Signal(object)
    """The function returned this value."""
    sig_failed = Signal(object)
    """The function raised this exception."""
    sig_cancelled = Signal(object)
    """The function stopped after a cancel (carries its ``Cancelled``)."""


class _Runnable(QRunnable):
    def __init__(
        self,
        fn: Callable[..., Any],
        state: TaskState,
        bridge: _Bridge,
        args: tuple,
        kwargs: dict,
        throttle: _Throttle,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the task keeps it until its result has arrived
        self._fn = fn
        self._state = state
        self._bridge = bridge
        self._args = args
        self._kwargs = kwargs
        self._throttle = throttle

    def run(self) -> None:
        bridge = self._bridge
        try:
            try:
                result = self._fn(self._state, *self._args, **self._kwargs)
            finally:
                self._throttle.flush()
        except Cancelled as exc:
            _send(bridge, "sig_cancelled", exc)
        except BaseException as exc:  # every failure reaches the GUI as a message
            if self._state.cancelled:
                _send(bridge, "sig_cancelled", Cancelled())
            else:
                log.error("background task %s failed", _name(self._fn), exc_info=exc)
                _send(bridge, "sig_failed", exc)
        else:
            if self._state.cancelled:
                _send(bridge, "sig_cancelled", Cancelled())
            else:
                _send(bridge, "sig_done", result)


def _send(bridge: _Bridge, signal: str, value: object) -> None:
    """Emit from the worker; when the program is closing and Qt has already deleted the bridge
    ("Signal source has been deleted"), there is nobody left to tell: the result is dropped
    instead of a traceback printed as the window closes (a due list still loading, say)."""
    try:
        getattr(bridge, signal).emit(value)
    except RuntimeError:
        log.info("background result dropped: its receiver was closed")


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


def error_message(exc: BaseException) -> str:
    """The Korean message of an error for the officer (``exc.message`` where there is one)."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    text = str(exc)
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


class BackgroundTask(QObject):
    """Runs a plain function off the GUI thread and reports back on the GUI thread."""

    sig_progress = Signal(int, int, str)
    """Progress of the running work: (done, total, label); total 0 means unknown."""

    sig_finished = Signal(object)
    """The work ended normally; carries the function's return value."""

    sig_failed = Signal(str)
    """The work raised; carries a Korean message for the officer (the exception is ``error``)."""

    sig_cancelled = Signal()
    """The work stopped because :meth:`cancel` was called (``error`` is its ``Cancelled``)."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._bridge = _Bridge()
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.sig_progress.connect(self._on_progress, queued)
        self._bridge.sig_done.connect(self._on_done, queued)
        self._bridge.sig_failed.connect(self._on_failed, queued)
        self._bridge.sig_cancelled.connect(self._on_cancelled, queued)
        self._state: TaskState | None = None
        self._runnable: _Runnable | None = None
        self.result: Any = None
        self.error: BaseException | None = None

    @property
    def running(self) -> bool:
        return self._runnable is not None

    def start(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> TaskState:
        """Run ``fn(state, *args, **kwargs)`` in the thread pool; returns the state given to it."""
        if self._runnable is not None:
            raise RuntimeError("this task is still running")
        self.result = None
        self.error = None
        throttle = _Throttle(self._bridge.sig_progress.emit)  # reports become a signal
        self._state = TaskState(throttle)
        self._runnable = _Runnable(fn, self._state, self._bridge, args, kwargs, throttle)
        self._pool.start(self._runnable)
        return self._state

    def cancel(self) -> None:
        """Ask the work to stop (``TaskState.cancel``); ``sig_cancelled`` follows once it has."""
        if self._state is not None:
            self._state.cancel()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self._runnable is not None:
            self.sig_progress.emit(done, total, label)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._runnable = None
        self.result = result
        self.sig_finished.emit(result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._runnable = None
        assert isinstance(exc, BaseException)
        self.error = exc
        self.sig_failed.emit(error_message(exc))

    @Slot(object)
    def _on_cancelled(self, exc: object) -> None:
        self._runnable = None
        assert isinstance(exc, Cancelled)
        self.error = exc
        self.sig_cancelled.emit()
