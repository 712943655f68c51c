"""``check`` on data made by a newer version: refused with exit code 5, and nothing changed.

This version does not know a newer schema's tables, so "문제가 없습니다" would be a guess; every
other command refuses such a folder with exit code 5, and so does the check, with and without
``--repair`` (which would otherwise remove leftovers and put files back).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from gwinong_desktop.app import main
from gwinong_desktop.services import Services
from gwinong_desktop.storage.backup import leftovers
from gwinong_desktop.storage.database import open_database, open_read_only
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode

NEWER = "9999"


def newer_folder(root: Path) -> Path:
    """A data folder whose database says a newer version made it, with a photo and a leftover
    temporary file of killed work (old enough that ``--repair`` would remove it)."""
    open_database(root, purpose="test").close()
    conn = sqlite3.connect(root / DB_FILENAME)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (NEWER,))
    conn.close()
    photo = root / "photos" / "ab" / "abcdef.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\xff\xd8 a photo of a newer version")
    part = root / "photos" / "ab" / ".tmp-killed.part"
    part.write_bytes(b"half")
    hour_ago = time.time() - 3600
    os.utime(part, (hour_ago, hour_ago))
    assert leftovers(root) == [part]  # --repair would remove it if the check ran
    return root


# Reading a database in WAL mode read-only leaves SQLite's shared-memory index and an empty
# write-ahead log behind (every reader does: ``info``, the first screen); they hold no data.
SQLITE_READER_FILES = {f"{DB_FILENAME}-shm", f"{DB_FILENAME}-wal"}


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``root`` with its bytes (None for a folder), but SQLite's
    reader files (an empty ``-wal`` is asserted)."""
    wal = root / f"{DB_FILENAME}-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
        if p.relative_to(root).as_posix() not in SQLITE_READER_FILES
    }


@pytest.mark.parametrize("extra", [[], ["--quick"], ["--repair"]], ids=["check", "quick", "repair"])
def test_check_refuses_data_of_a_newer_version_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    root = newer_folder(tmp_path / "data")
    before = snapshot(root)
    code = main(["check", "--data-dir", str(root), *extra])
    out, err = capsys.readouterr()
    assert code == ExitCode.NEWER_SCHEMA == 5
    assert "더 새로운 버전의 프로그램으로 만들어져 이 버전으로는 점검할 수 없습니다" in err
    assert f"스키마 {NEWER}" in err and "아무것도 바꾸지 않았습니다" in err
    assert "문제가 없습니다" not in out + err
    assert "Traceback" not in err
    assert snapshot(root) == before


def test_check_refuses_with_the_exit_code_of_the_other_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = newer_folder(tmp_path / "data")
    codes = {command: main([command, "--data-dir", str(root)]) for command in ("check", "backup")}
    capsys.readouterr()
    assert codes == {"check": ExitCode.NEWER_SCHEMA, "backup": ExitCode.NEWER_SCHEMA}


def test_the_service_refuses_a_newer_database_it_is_handed(tmp_path: Path) -> None:
    """The GUI's 데이터 점검 and any other caller reach the check through ``SafetyService``."""
    root = newer_folder(tmp_path / "data")
    before = snapshot(root)
    db = open_read_only(root)  # lets a newer schema through (``info`` shows its revision)
    try:
        with pytest.raises(Exception, match="이 버전으로는 점검할 수 없습니다") as refused:
            Services.over(db).safety.check(repair=True)
    finally:
        db.close()
    assert refused.value.exit_code == ExitCode.NEWER_SCHEMA
    assert snapshot(root) == before
