"""Entry script of the frozen build: the ``gwinong-desktop`` command, nothing more.

Both executables (the GUI one and the console one) start here. A windowed Windows executable has
no console, so ``sys.stdout``/``sys.stderr`` are ``None``: they get a sink, so that code writing
to them (progress, warnings) cannot fail. Messages the officer must read are message boxes there.
"""

import os
import sys


def _give_streams_a_sink() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _give_streams_a_sink()
    from gwinong_desktop.app import main

    sys.exit(main())
