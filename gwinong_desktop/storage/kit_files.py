"""Reading a field kit's SQLite files without changing a byte of the kit.

A kit (``services.field_merge``) carries two databases: the laptop's (``gwinong.sqlite3``, maybe
with a ``-wal`` beside it if the laptop's app did not close cleanly) and ``kit/base.sqlite3``, the
byte copy made at export. Both are copied into a private temporary folder and opened there, so
that neither SQLite's WAL recovery nor a hot journal ever writes into the kit folder, which is
left exactly as it came (it may be on a USB stick the officer takes back).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from .datafolder import SQLITE_HEADER


class KitFileProblem(Exception):
    """A kit database that cannot be read as a whole: ``reason`` is Korean."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_copy(path: Path, label: str) -> str | None:
    """The copy's schema revision after SQLite's own integrity check (a truncated file fails)."""
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise KitFileProblem(f"{label}이(가) 데이터베이스 파일이 아닙니다")
    try:
        conn = sqlite3.connect(path)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise KitFileProblem(
                    f"{label}이(가) 손상되었습니다 ({result[0] if result else ''})"
                )
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                raise KitFileProblem(f"{label}이(가) 이 프로그램의 데이터베이스가 아닙니다")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise KitFileProblem(
            f"{label}을(를) 읽을 수 없습니다: 잘렸거나 손상되었습니다 ({exc})"
        ) from exc
    return row[0] if row else None


@contextmanager
def kit_databases(laptop_db: Path, base_db: Path) -> Iterator[tuple[KitCopy, KitCopy]]:
    """Private copies of the laptop's database and the base, checked and opened read-only."""
    with tempfile.TemporaryDirectory(prefix="gwinong-kit-") as tmp:
        folder = Path(tmp)
        laptop = _copy_in(laptop_db, folder / "laptop.sqlite3", "현장 데이터베이스")
        base = _copy_in(base_db, folder / "base.sqlite3", "내보낼 때의 사본(kit/base.sqlite3)")
        try:
            yield laptop, base
        finally:
            laptop.engine.dispose()
            base.engine.dispose()


class KitCopy:
    """One checked copy: its engine (read through it only) and its schema revision."""

    def __init__(self, engine: Engine, revision: str | None) -> None:
        self.engine = engine
        self.revision = revision


def _copy_in(src: Path, dest: Path, label: str) -> KitCopy:
    if not src.is_file():
        raise KitFileProblem(f"{label}이(가) 없습니다: {src.name}")
    shutil.copyfile(src, dest)
    for suffix in ("-wal",):  # a laptop that did not close cleanly: its last commits are here
        side = Path(str(src) + suffix)
        if side.is_file():
            shutil.copyfile(side, Path(str(dest) + suffix))
    revision = _check_copy(dest, label)
    engine = create_engine(f"sqlite:///file:{dest.as_posix()}?mode=ro&uri=true", poolclass=NullPool)
    return KitCopy(engine, revision)
