"""The ``--demo`` data folder: built on first use in the user's cache folder, rebuilt when stale.

Stale means: the schema is not the current one (older or newer), the file is not a database, or
the demo was made by an earlier generator (``VERSION``). Only this cache folder is ever
wiped — never a folder the officer chose.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from gwinong_desktop.domain.folder_settings import DEMO_VERSION
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.storage.datafolder import (
    DB_FILENAME,
    LOCK_FILENAME,
    LOCK_INFO_FILENAME,
    FolderLock,
    StorageError,
    prepare_folder,
)
from gwinong_desktop.storage.schema import SchemaState, connect_for_reading, inspect_schema

VERSION = "3"  # of the generator; 2: admin has the password demo1234; 3: recruitment rounds, rent
# support, expense receipts, a planned visit, findings with the action they require


def demo_is_current(root: Path) -> bool:
    db_path = root / DB_FILENAME
    try:
        if inspect_schema(db_path).state is not SchemaState.CURRENT:
            return False
        conn = connect_for_reading(db_path)
        try:
            row = conn.execute(
                "SELECT value FROM setting WHERE key = ?", (DEMO_VERSION.key,)
            ).fetchone()
        finally:
            conn.close()
    except (StorageError, sqlite3.DatabaseError):
        return False
    return DEMO_VERSION.parse(row[0] if row else None) == VERSION


def ensure_demo_folder(root: Path, state: TaskState | None = None) -> Path:
    """Return ``root`` holding a current demo county, building it if needed (``state``: the
    build's progress and cancel; a cancelled build leaves no demo version, so the next call
    builds again)."""
    if demo_is_current(root):
        return root
    if root.exists():
        _wipe(root)
    # (imported here: checking the demo is current must not load SQLAlchemy, see app.run_gui)
    from gwinong_desktop.services.context import ServiceContext
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.folder_settings import write_setting

    from .build import build_demo

    with open_database(root, purpose="예시 자료 생성") as db:
        build_demo(db, scale="county", state=state)
        with ServiceContext(db, "demo").write() as session:
            write_setting(session, DEMO_VERSION, VERSION)
    return root


def _wipe(root: Path) -> None:
    """Empty the demo folder under its lock, so a demo open in another window is never pulled."""
    folder = prepare_folder(root, create=True)
    lock = FolderLock(folder, "예시 자료 다시 만들기").acquire()
    try:
        for child in root.iterdir():
            if child.name in (LOCK_FILENAME, LOCK_INFO_FILENAME):
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    finally:
        lock.release()
