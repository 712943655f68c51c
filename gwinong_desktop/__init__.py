"""gwinong-desktop: records for the 귀농인의 집 program, kept by county officers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gwinong-desktop")
except PackageNotFoundError:  # running from a tree that was never installed (frozen builds set it)
    __version__ = "0.0.0"
