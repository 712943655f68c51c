"""Server addresses as officers type them: typos refused in Korean, passwords never stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gwinong_desktop.storage.datafolder import DB_FILENAME, StorageError
from gwinong_desktop.storage.server import (
    SERVER_FILE,
    ServerUrl,
    parse_server_url,
    point_folder_at,
    remembered_url,
)


def test_an_address_is_read_with_the_default_port() -> None:
    url, password = parse_server_url(" postgresql://gunchung@10.0.0.5/gwinong ")
    assert url == ServerUrl("gunchung", "10.0.0.5", 5432, "gwinong")
    assert password is None
    assert str(url) == "postgresql://gunchung@10.0.0.5:5432/gwinong"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("postgre://a@h/db", "postgresql:// 로 시작"),
        ("postgresql://h:5432/db", "사용자 이름이 없습니다"),
        ("postgresql://a@h:54x2/db", "포트 번호가 올바르지 않습니다"),
        ("postgresql://a@h:5432/", "데이터베이스 이름이 없거나"),
        ("postgresql://a@h/db?sslmode=off", "?·# 부분"),
        ("gwinong.sqlite3", "postgresql:// 로 시작"),
    ],
)
def test_a_typo_is_refused_saying_what(typed: str, said: str) -> None:
    with pytest.raises(StorageError) as err:
        parse_server_url(typed)
    assert said in err.value.message
    assert "데이터베이스 서버 주소가 올바르지 않습니다" in err.value.message


def test_a_password_in_the_address_is_used_but_never_stored_nor_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    point_folder_at(tmp_path, "postgresql://gunchung:s3cret@db.local:5433/gwinong")
    stored = (tmp_path / SERVER_FILE).read_text(encoding="utf-8")
    assert "s3cret" not in stored
    assert json.loads(stored) == {"database_url": "postgresql://gunchung@db.local:5433/gwinong"}
    import os

    assert os.environ["PGPASSWORD"] == "s3cret"
    with pytest.raises(StorageError) as err:
        parse_server_url("postgresql://gunchung:s3cret@db.local:x/gwinong")
    assert "s3cret" not in err.value.message


def test_a_folder_with_its_own_database_is_not_pointed_at_a_server(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"SQLite format 3\0" + b"\0" * 100)
    with pytest.raises(StorageError) as err:
        point_folder_at(tmp_path, "postgresql://a@h/db")
    assert "move-to-server" in err.value.message
    assert not (tmp_path / SERVER_FILE).exists()


def test_a_folder_keeps_its_server_unless_told_plainly(tmp_path: Path) -> None:
    point_folder_at(tmp_path, "postgresql://a@h/db")
    point_folder_at(tmp_path, "postgresql://a@h:5432/db")  # the same server: fine
    with pytest.raises(StorageError) as err:
        point_folder_at(tmp_path, "postgresql://a@other/db")
    assert "이미 다른 서버를 씁니다" in err.value.message
    assert remembered_url(tmp_path) == ServerUrl("a", "h", 5432, "db")


def test_a_password_written_into_the_folders_file_by_hand_is_refused(tmp_path: Path) -> None:
    (tmp_path / SERVER_FILE).write_text(
        json.dumps({"database_url": "postgresql://a:pw@h/db"}), encoding="utf-8"
    )
    with pytest.raises(StorageError) as err:
        remembered_url(tmp_path)
    assert "비밀번호가 들어 있습니다" in err.value.message


@pytest.mark.process
def test_a_sqlite_folder_never_loads_the_server_driver(tmp_path: Path) -> None:
    """psycopg is for server folders only: opening and writing a local folder leaves it
    unimported (start-up time, and a missing driver can never break a single PC)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gwinong_desktop.storage.database import open_database\n"
        f"open_database(Path({str(tmp_path / 'pc')!r})).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0].startswith('psycopg')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
