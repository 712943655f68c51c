"""A canary for the PySide6 we run on: emitting and disconnecting must not drop references.

PySide6 6.12.0 dropped a reference to ``True`` on every ``Signal.emit`` and ``disconnect``;
after enough progress signals Python aborted at exit ("bool_dealloc"), after the work was done
but with exit code 134. pyproject.toml excludes that release; this fails on any that does it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    sig_number = Signal(int)
    sig_plain = Signal()


def test_emit_and_disconnect_keep_the_reference_count_of_true(qtbot) -> None:
    sender = _Sender()

    def slot(*_args) -> None:
        pass

    def round_trip(n: int) -> None:
        sender.sig_number.emit(n)
        sender.sig_plain.emit()
        sender.sig_plain.connect(slot)
        sender.sig_plain.disconnect(slot)

    sender.sig_number.connect(slot)
    round_trip(0)  # first calls may fill caches that keep a reference
    before = sys.getrefcount(True)
    for n in range(200):
        round_trip(n)
    after = sys.getrefcount(True)  # (outside the assert: pytest's rewriting holds a reference)
    assert after == before  # 6.12.0: 600 fewer
