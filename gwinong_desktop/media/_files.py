"""Atomic file writing shared by the content store and the thumbnail cache (standard library)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"


def open_temp(folder: Path) -> tuple[BinaryIO, Path]:
    """A new, uniquely named temporary file in ``folder`` (created if needed), open for writing."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    return os.fdopen(fd, "wb"), Path(name)


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX only: Windows cannot open folders)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse fsync on folders; the data itself was synced
    finally:
        os.close(fd)


def move_into_place(temp: Path, final: Path) -> None:
    """``os.replace(temp, final)`` for content-addressed files, whose final name fixes the content.

    On Windows the replace fails while another process has ``final`` open; the file there already
    holds the same bytes, so the temporary copy is dropped instead.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(temp, final)
    except PermissionError:
        if not final.is_file():
            raise
        temp.unlink(missing_ok=True)


def write_atomically(final: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` under ``final`` so that a crash never leaves a half-written file there.

    ``durable`` also fsyncs the data and the folder (originals); a cache can skip that.
    """
    handle, temp = open_temp(final.parent)
    try:
        with handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        move_into_place(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(final.parent)
