"""``due [--date] [--all]``: the dashboard's due list on the command line, overdue first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gwinong_desktop.app import main
from gwinong_desktop.demo.county import DEMO_PASSWORD
from gwinong_desktop.domain.errors import ExitCode


@pytest.fixture
def folder(
    tmp_path: Path, county_folder: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv("GWINONG_USER", "admin")  # the demo's administrator
    monkeypatch.setenv("GWINONG_PASSWORD", DEMO_PASSWORD)
    return county_folder(tmp_path / "data")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[list[list[str]], str]:
    assert main(["due", *args]) == ExitCode.OK
    captured = capsys.readouterr()
    return [line.split("\t") for line in captured.out.splitlines()], captured.err


def test_the_list_for_a_day_overdue_first(folder: Path, capsys) -> None:
    rows, err = _run(capsys, "--date", "2025-10-01", "--data-dir", str(folder))
    assert rows[0] == ["종류", "대상", "기한", "할 일"]
    body = rows[1:]
    assert body and all(len(r) == 4 for r in body)
    marks = [r[0].startswith("!") for r in body]
    assert marks == sorted(marks, reverse=True)  # overdue first
    (report,) = [r for r in body if r[0].endswith("월별 추진실적 보고")]
    assert report[1:3] == ["2025년 9월분", "2025.10.10."]  # 추석 and 한글날 passed over
    assert f"챙길 일 {len(body)}건" in err


def test_a_dismissed_item_shows_only_with_all(folder: Path, capsys) -> None:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    with open_database(folder, purpose="test") as db:
        due = Services.over(db).due
        first = due.items()[0]
        due.dismiss(first.subject, "처리함")
    rows, _err = _run(capsys, "--data-dir", str(folder))
    shown = [r for r in rows[1:] if r[1] == first.record_label and r[0].endswith(first.kind_label)]
    assert not [r for r in shown if r[3] == first.action]
    rows, _err = _run(capsys, "--all", "--data-dir", str(folder))
    assert [r for r in rows[1:] if r[3].endswith("(숨김)") and r[1] == first.record_label]


def test_a_bad_date_is_refused_with_the_format(folder: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["due", "--date", "2025.10.1", "--data-dir", str(folder)])
    assert "YYYY-MM-DD" in capsys.readouterr().err
