"""``visit import DIR [--dry-run]``: the plan printed, the kit merged once, a second import adding
nothing, a bad kit refused with exit code 8."""

from __future__ import annotations

from pathlib import Path

import pytest
from edit_fixtures import copy_folder
from kit_fixtures import make_kit
from sqlalchemy import select

from gwinong_desktop.app import main
from gwinong_desktop.demo.county import DEMO_PASSWORD
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import House

HOUSE = "진안-2015-01"


@pytest.fixture
def folders(tmp_path: Path, demo_county_template: Path, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.setenv("GWINONG_USER", "admin")
    monkeypatch.setenv("GWINONG_PASSWORD", DEMO_PASSWORD)
    office = copy_folder(demo_county_template, tmp_path / "office")
    kit = tmp_path / "kit"
    with open_database(office, purpose="test") as db:
        make_kit(db, kit, [HOUSE])
    with open_database(kit, purpose="test laptop") as db, db.sessions() as s:
        s.info["actor"] = "현장-김"
        s.scalars(select(House).where(House.code == HOUSE)).one().note = "현장에서 고침"
        s.commit()
    return office, kit


def note_of(office: Path) -> str | None:
    with open_database(office, purpose="test") as db, db.sessions() as s:
        return s.scalar(select(House.note).where(House.code == HOUSE))


def test_dry_run_prints_the_plan_and_changes_nothing(folders, capsys) -> None:
    office, kit = folders
    before = note_of(office)
    assert main(["visit", "import", str(kit), "--dry-run", "--data-dir", str(office)]) == 0
    out = capsys.readouterr().out
    assert "현장 자료: 진안군" in out
    assert "현장에서만 바뀐 항목 1개" in out and "현장에서 고침" in out
    assert "미리 보기" in out
    assert note_of(office) == before


def test_import_merges_once_and_a_second_import_says_it_adds_nothing(folders, capsys) -> None:
    office, kit = folders
    assert main(["visit", "import", str(kit), "--data-dir", str(office)]) == 0
    out = capsys.readouterr().out
    assert "가져왔습니다" in out and "검토를 기다리는 항목: 0개" in out
    assert note_of(office) == "현장에서 고침"
    assert main(["visit", "import", str(kit), "--data-dir", str(office)]) == 0
    assert "이미 가져온 현장 자료입니다" in capsys.readouterr().out


def test_a_bad_kit_exits_8_with_the_reason(folders, capsys) -> None:
    office, kit = folders
    (kit / "kit" / "base.sqlite3").write_bytes(b"changed")
    assert main(["visit", "import", str(kit), "--data-dir", str(office)]) == ExitCode.BAD_INPUT
    assert "다른 프로그램으로 바뀌었습니다" in capsys.readouterr().err
    assert note_of(office) != "현장에서 고침"
