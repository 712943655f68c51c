"""``gwinong-desktop photos add``: one line per file, exit codes 0 / 8 / 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gwinong_desktop.app import main
from gwinong_desktop.domain.errors import ExitCode

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "media"))
from photo_files import write_jpeg

HOUSE = "진안-2016-01"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "photos"


@pytest.fixture
def folder(
    tmp_path: Path, county_folder: Callable[[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of the demo county, worked on as its administrator."""
    monkeypatch.setenv("GWINONG_USER", "admin")
    monkeypatch.setenv("GWINONG_PASSWORD", "demo1234")
    return county_folder(tmp_path / "data")


def test_photos_add_prints_each_file_and_refuses_with_8(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "in"
    write_jpeg(inbox / "a.jpg", (1, 2, 3))
    (inbox / "memo.jpg").write_text("not a photo")
    (inbox / "notes.txt").write_text("x")
    heic = SAMPLES / "heic_samplefilehub.heif"
    argv = ["photos", "add", "--house", HOUSE, "--slot", "전경", "--data-dir", str(folder)]
    assert main([*argv, str(inbox), str(heic)]) == ExitCode.BAD_INPUT
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "저장  a.jpg",
        "거부  memo.jpg: 사진 파일을 읽을 수 없습니다: memo.jpg (JPEG·PNG·HEIC만 지원합니다)",
        "저장  heic_samplefilehub.heif",
        "사진이 아니어서 읽지 않은 파일 1개: notes.txt",
        f"{HOUSE}: 저장 2장, 중복 0장, 거부 1장",
    ]
    assert main([*argv, str(inbox / "a.jpg")]) == ExitCode.OK
    assert capsys.readouterr().out.splitlines() == [
        f"중복  a.jpg: 이미 있는 사진입니다: {HOUSE}의 'a.jpg'",
        f"{HOUSE}: 저장 0장, 중복 1장, 거부 0장",
    ]
    assert main(["check", "--data-dir", str(folder)]) == ExitCode.OK


def test_unknown_house_and_bad_slot(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = str(write_jpeg(tmp_path / "a.jpg"))
    argv = ["photos", "add", "--data-dir", str(folder)]
    assert main([*argv, "--house", "없음-1", photo]) == ExitCode.BAD_INPUT
    assert "관리번호 '없음-1'인 귀농인의 집이 없습니다" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main([*argv, "--house", HOUSE, "--slot", "지붕", photo])
    assert caught.value.code == ExitCode.USAGE
    assert "자리 '지붕'은(는) 없습니다 (전경, 원경, 내부, 주변)" in capsys.readouterr().err
