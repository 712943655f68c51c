"""Entry script of the frozen build: the ``gwinong-desktop`` command, nothing more.

Both executables (the GUI one and the console one) start here, and so does every child process
the app starts to read photos (``gwinong_desktop.media.workers``): ``multiprocessing`` starts a
child as this executable with ``--multiprocessing-fork``, and ``freeze_support()`` — first, as
PyInstaller's documentation asks — runs the child's work and exits instead of starting the app
(PyInstaller's runtime hook makes it do so on every platform, not only Windows).

A windowed Windows executable has no console, so ``sys.stdout``/``sys.stderr`` are ``None``: they
get a sink, so that code writing to them (progress, warnings) cannot fail. Messages the officer
must read are message boxes there.
"""

import os
import sys


def _give_streams_a_sink() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    _give_streams_a_sink()
    from gwinong_desktop.app import main

    sys.exit(main())
