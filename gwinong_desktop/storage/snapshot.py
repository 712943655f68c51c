"""Consistent copies of the SQLite file, taken with SQLite's online backup API.

Used before every migration (and by the backup feature). Writes to a temporary name and renames,
so a crash never leaves a half copy that looks whole.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from .schema import connect_for_reading


def copy_database(src: Path, dest: Path) -> Path:
    """Copy the database at ``src`` to ``dest`` (a consistent snapshot, even while in use)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    source = connect_for_reading(src)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return dest


def restore_database(snapshot: Path, db_path: Path) -> None:
    """Put ``snapshot`` back as the database, removing any WAL/SHM left from the failed state."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db_path) + suffix).unlink()
    tmp = db_path.with_name(db_path.name + ".restoring")
    with open(snapshot, "rb") as src, open(tmp, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, db_path)


def timestamp() -> str:
    return datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
