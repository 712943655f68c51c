"""``visit export``: the kit from the command line, and what it refuses (issue #15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from edit_fixtures import copy_folder

from gwinong_desktop.app import main
from gwinong_desktop.demo.county import DEMO_PASSWORD
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.storage import fieldcrypt


@pytest.fixture
def folder(tmp_path: Path, demo_county_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GWINONG_USER", "admin")  # the demo's administrator
    monkeypatch.setenv("GWINONG_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "keys"))
    return copy_folder(demo_county_template, tmp_path / "data")


def _codes(folder: Path, n: int) -> list[str]:
    import sqlite3

    with sqlite3.connect(folder / "gwinong.sqlite3") as conn:
        return [r[0] for r in conn.execute("SELECT code FROM house ORDER BY code LIMIT ?", (n,))]


def test_export_writes_a_kit_that_opens_and_checks_clean(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = _codes(folder, 2)
    kit = tmp_path / "kit"
    argv = ["visit", "export", "--house", *codes, "-o", str(kit), "--data-dir", str(folder)]
    assert main(argv) == ExitCode.OK
    out = capsys.readouterr().out
    assert "귀농인의 집 2곳" in out and str(kit) in out
    manifest = json.loads((kit / "kit" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == 1 and len(manifest["houses"]) == 2
    # the laptop's data check: the photos' originals stayed in the office, that is no fault
    assert main(["check", "--data-dir", str(kit)]) == ExitCode.OK
    assert "문제가 없습니다" in capsys.readouterr().out


def test_refusals_name_the_reason(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kit"
    assert main(["visit", "export", "-o", str(out), "--data-dir", str(folder)]) != ExitCode.OK
    assert "--house" in capsys.readouterr().err
    argv = ["visit", "export", "--house", "없는-집", "-o", str(out), "--data-dir", str(folder)]
    assert main(argv) == ExitCode.BAD_INPUT
    assert "없는-집" in capsys.readouterr().err and not out.exists()
