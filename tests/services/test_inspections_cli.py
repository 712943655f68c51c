"""``findings [--open] [--house]``: every finding or the open ones, overdue first and marked."""

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


def _lines(capsys: pytest.CaptureFixture[str]) -> tuple[list[list[str]], str]:
    captured = capsys.readouterr()
    rows = [line.split("\t") for line in captured.out.splitlines()]
    return rows, captured.err


def test_open_findings_overdue_first(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["findings", "--open", "--data-dir", str(folder)]) == ExitCode.OK
    rows, err = _lines(capsys)
    assert rows[0][:4] == ["관리번호", "점검일", "점검 종류", "지적 내용"]
    body = rows[1:]
    assert body and all(r[6] in {"조치중", "기한 지남"} for r in body)
    marks = [r[0].startswith("!") for r in body]
    assert marks == sorted(marks, reverse=True)  # every overdue one before the others
    assert all(r[6] == "기한 지남" for r in body if r[0].startswith("!"))
    assert f"지적사항 {len(body)}건" in err


def test_all_findings_and_one_house(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["findings", "--data-dir", str(folder)]) == ExitCode.OK
    rows, _ = _lines(capsys)
    done = [r for r in rows[1:] if r[6] == "조치완료"]
    assert done and all(r[7] and r[8] for r in done)  # closed ones carry 조치결과 and its day
    code = done[0][0]
    assert main(["findings", "--house", code, "--data-dir", str(folder)]) == ExitCode.OK
    mine, _ = _lines(capsys)
    assert {r[0].lstrip("!") for r in mine[1:]} == {code}
    assert main(["findings", "--house", "없는-1", "--data-dir", str(folder)]) == ExitCode.BAD_INPUT
    assert "없는-1" in capsys.readouterr().err
