"""gwinong-desktop: records for the 귀농인의 집 program, kept by county officers.

``__version__`` is read from the installed metadata (the one version lives in pyproject.toml)
on first access: importing ``importlib.metadata`` costs tens of milliseconds, which every start of
the GUI would otherwise pay before the window shows.
"""

from __future__ import annotations

from typing import Any


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("gwinong-desktop")
    except PackageNotFoundError:  # a tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value = version()
        globals()["__version__"] = value
        return value
    raise AttributeError(name)
