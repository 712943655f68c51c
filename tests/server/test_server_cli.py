"""The headless commands on a server database: ``--database-url`` once, then the folder
remembers it (issue #16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwinong_desktop.app import main
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode
from gwinong_desktop.storage.server import SERVER_FILE

pytestmark = pytest.mark.process


def test_the_demo_county_is_built_and_reported_on_the_server(
    tmp_path: Path,
    server_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GWINONG_USER", "admin")  # the demo county's accounts
    monkeypatch.setenv("GWINONG_PASSWORD", "demo1234")
    root = tmp_path / "office"
    code = main(["demo", "--data-dir", str(root), "--database-url", server_url])
    assert code == ExitCode.OK, capsys.readouterr().err
    assert json.loads((root / SERVER_FILE).read_text(encoding="utf-8")) == {
        "database_url": server_url
    }
    assert not (root / DB_FILENAME).exists()
    capsys.readouterr()
    assert main(["info", "--data-dir", str(root)]) == ExitCode.OK  # remembered: no URL again
    out = capsys.readouterr().out
    assert f"데이터베이스: 서버 {server_url}" in out
    assert "귀농인의 집" in out
    report = tmp_path / "monthly.xlsx"
    code = main(["report", "monthly", "--month", "2026-11", "--data-dir", str(root),
                 "-o", str(report)])  # fmt: skip
    assert code == ExitCode.OK, capsys.readouterr().err
    assert report.stat().st_size > 0
    # The window on the same folder: opens on the server's data and closes cleanly.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GWINONG_NONINTERACTIVE": "1",
           "GWINONG_SETTINGS": str(tmp_path / "settings.ini")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "gwinong_desktop", "--data-dir", str(root), "gui", "--smoke"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == ExitCode.OK, done.stderr
    assert not (root / DB_FILENAME).exists()


def test_a_folder_with_its_own_database_is_not_switched_to_a_server(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "pc"
    from gwinong_desktop.storage.database import open_database

    open_database(root).close()
    capsys.readouterr()
    code = main(["info", "--data-dir", str(root), "--database-url", server_url])
    assert code == ExitCode.BAD_INPUT
    assert "move-to-server" in capsys.readouterr().err
    assert not (root / SERVER_FILE).exists()


def test_a_typo_in_the_url_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "typo"
    code = main(["info", "--data-dir", str(root), "--database-url", "postgresql://@host/db"])
    assert code == ExitCode.BAD_INPUT
    assert "사용자 이름이 없습니다" in capsys.readouterr().err
    assert not root.exists()


def test_a_local_folder_moves_up_whole_and_then_works_on_the_server(
    tmp_path: Path,
    server_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy import select

    from gwinong_desktop.storage.audit import verify_chain
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import AuditEvent, House

    monkeypatch.setenv("GWINONG_USER", "admin")
    monkeypatch.setenv("GWINONG_PASSWORD", "demo1234")
    root = tmp_path / "pc"
    assert main(["demo", "--data-dir", str(root)]) == ExitCode.OK
    with open_database(root) as db, db.sessions() as s:
        codes = sorted(s.scalars(select(House.code)))
    capsys.readouterr()
    code = main(["move-to-server", "--data-dir", str(root), "--database-url", server_url])
    captured = capsys.readouterr()
    assert code == ExitCode.OK, captured.err
    assert "서버로 옮겼습니다" in captured.out and "원래와 같음을 확인했습니다" in captured.out
    assert "주의" not in captured.err  # the move itself is recorded, by the signed-in account
    assert not (root / DB_FILENAME).exists()
    assert list(root.glob(f"{DB_FILENAME}.moved-*"))  # kept, not deleted
    with open_database(root) as db, db.sessions() as s:
        assert db.server is not None
        assert sorted(s.scalars(select(House.code))) == codes
        assert verify_chain(s) == []  # the trail moved with its hashes and still verifies
        moved_by = s.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "move").order_by(AuditEvent.id)
        ).all()
        assert moved_by[-1:] == ["admin"]
        s.info["actor"] = "admin"
        house = s.scalars(select(House)).first()
        house.note = "서버에서 고침"
        s.commit()  # new ids go on after the copied ones
    code = main(["move-to-server", "--data-dir", str(root), "--database-url", server_url])
    assert code == ExitCode.BAD_INPUT
    assert "이미 서버를 씁니다" in capsys.readouterr().err


def test_moving_into_a_server_database_that_holds_records_is_refused(
    tmp_path: Path, server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import Operator
    from gwinong_desktop.storage.server import point_folder_at

    other = tmp_path / "other-pc"
    point_folder_at(other, server_url)
    with open_database(other) as db, db.sessions() as s:
        s.info["actor"] = "김담당"
        s.add(Operator(name="노촌마을협의회", kind="village"))
        s.commit()
    root = tmp_path / "pc"
    open_database(root).close()
    before = (root / DB_FILENAME).read_bytes()
    code = main(["move-to-server", "--data-dir", str(root), "--database-url", server_url])
    assert code == ExitCode.BAD_INPUT
    assert "비어 있지 않아 옮기지 않았습니다" in capsys.readouterr().err
    assert (root / DB_FILENAME).read_bytes() == before
    assert not (root / SERVER_FILE).exists()


def test_a_server_folder_backs_up_into_a_portable_backup_that_restores_on_a_pc(
    tmp_path: Path, server_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup of a server folder holds the server's records as a SQLite file in the usual
    format: verified like any backup, and restored into a PC's folder it is the same data."""
    from sqlalchemy import select

    from gwinong_desktop.storage.audit import verify_chain
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import Operator

    with open_database(server_folder) as db, db.sessions() as s:
        s.info["actor"] = "김담당"
        s.add_all([Operator(name=f"마을회 {i}", kind="village") for i in range(5)])
        s.commit()
    backups = tmp_path / "backups"
    backups.mkdir()
    code = main(["backup", "--data-dir", str(server_folder), "-o", str(backups)])
    assert code == ExitCode.OK, capsys.readouterr().err
    (file,) = backups.glob("*.gwbak")
    pc = tmp_path / "pc"
    code = main(["restore", str(file), "--data-dir", str(pc), "--yes"])
    assert code == ExitCode.OK, capsys.readouterr().err
    with open_database(pc) as db, db.sessions() as s:
        assert db.server is None
        names = sorted(s.scalars(select(Operator.name)))
        assert names == [f"마을회 {i}" for i in range(5)]
        assert verify_chain(s) == []


def test_a_backup_restores_into_a_server_folder_replacing_its_records_in_one_go(
    tmp_path: Path, server_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PC's backup restored into a server folder: the server then holds exactly the backup's
    records (its own are in the before-restore backup), and the trail still verifies."""
    from sqlalchemy import select

    from gwinong_desktop.storage.audit import verify_chain
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import Operator

    pc = tmp_path / "pc"
    with open_database(pc) as db, db.sessions() as s:
        s.info["actor"] = "김담당"
        s.add(Operator(name="백업의 마을회", kind="village"))
        s.commit()
    with open_database(server_folder) as db, db.sessions() as s:
        s.info["actor"] = "이주무관"
        s.add(Operator(name="서버의 마을회", kind="village"))
        s.commit()
    backups = tmp_path / "backups"
    backups.mkdir()
    assert main(["backup", "--data-dir", str(pc), "-o", str(backups)]) == ExitCode.OK
    (file,) = backups.glob("*.gwbak")
    code = main(["restore", str(file), "--data-dir", str(server_folder), "--yes"])
    assert code == ExitCode.OK, capsys.readouterr().err
    with open_database(server_folder) as db, db.sessions() as s:
        assert db.server is not None
        assert list(s.scalars(select(Operator.name))) == ["백업의 마을회"]
        assert verify_chain(s) == []
        s.info["actor"] = "이주무관"
        s.add(Operator(name="복원 뒤 새 마을회", kind="village"))  # ids go on after the copy
        s.commit()
    assert list((server_folder / "backups").glob("*before-restore*.gwbak"))


def test_the_check_runs_on_a_server_folder_and_finds_an_edited_record(
    server_folder: Path, pg_cluster, pg_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import Operator

    with open_database(server_folder) as db, db.sessions() as s:
        s.info["actor"] = "김담당"
        s.add(Operator(name="노촌마을협의회", kind="village"))
        s.commit()
    assert main(["check", "--data-dir", str(server_folder)]) == ExitCode.OK
    capsys.readouterr()
    with pg_cluster.connect(pg_database) as conn:  # someone edits the trail behind the app
        conn.execute("UPDATE audit_event SET actor = '누군가'")
    assert main(["check", "--data-dir", str(server_folder)]) == ExitCode.CHECK_FAILED
    said = capsys.readouterr()
    assert "변경 기록" in said.out + said.err
