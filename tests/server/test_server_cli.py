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
