"""The one progress-and-cancel protocol for long work (Orange3's ``TaskState``), Qt-free.

Every long function (imports, exports, backups, the demo build, reports) takes a
:class:`TaskState` as ``state`` and

- calls ``state.report(done, total, label)`` now and then (``total`` 0: unknown), and
- calls ``state.check()`` where stopping is safe; it raises :class:`Cancelled` once the officer
  asked to stop (``report`` checks too).

A function called with no state gets :data:`QUIET`-like behaviour from ``TaskState()``: reports go
nowhere and nothing cancels. Work in phases hands each phase ``state.span(start, end)``, a state
whose own ``(done, total)`` lands in its share of the parent's scale and which cancels with it.

``tasks.BackgroundTask`` makes the state for work run off the GUI thread and turns its reports
into Qt signals; the CLI passes a state that prints, or none. There is one cancel exception,
:class:`Cancelled`, and one way to cancel, :meth:`TaskState.cancel`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .errors import ExitCode, Refusal

ProgressCallback = Callable[[int, int, str], None]
"""Where reports go: ``(done, total, label)``."""


class Cancelled(Refusal):
    """The officer cancelled; the work stopped where that was safe and wrote nothing half-way."""

    def __init__(self, message: str = "취소했습니다. 데이터는 그대로입니다.") -> None:
        super().__init__(message, ExitCode.ERROR)


class TaskState:
    """Progress reports out, a cancel request in. Thread-safe: the worker reports and checks,
    another thread (the GUI's) cancels."""

    def __init__(
        self,
        on_progress: ProgressCallback | None = None,
        *,
        _cancel: threading.Event | None = None,
    ) -> None:
        self._on_progress = on_progress
        self._cancel = _cancel if _cancel is not None else threading.Event()

    # --- the worker's side ------------------------------------------------------------------

    def report(self, done: int, total: int = 0, label: str = "") -> None:
        """Say how far the work is (``done`` of ``total`` steps), then stop if cancelled."""
        if self._on_progress is not None:
            self._on_progress(int(done), int(total), str(label))
        self.check()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the officer asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    def span(self, start: int, end: int, scale: int = 1000) -> TaskState:
        """A state for one phase: its ``report(done, total)`` is shown as ``start`` +
        (``end`` - ``start``) × done/total on a scale of ``scale`` steps; it cancels with this
        state."""
        parent = self

        def forward(done: int, total: int, label: str) -> None:
            share = min(done / total, 1.0) if total else 0.0
            if parent._on_progress is not None:
                parent._on_progress(start + int((end - start) * share), scale, label)

        return TaskState(forward, _cancel=self._cancel)

    # --- the other side ---------------------------------------------------------------------

    @property
    def cancelled(self) -> bool:
        """Whether the officer asked to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next :meth:`check` or :meth:`report`."""
        self._cancel.set()


def ensure(state: TaskState | None) -> TaskState:
    """``state``, or a state that reports nowhere and never cancels."""
    return state if state is not None else TaskState()
