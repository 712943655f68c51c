"""The command line: options before or after the subcommand, refusals without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gwinong_desktop.app import main
from gwinong_desktop.cli import build_parser
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode
from gwinong_desktop.storage.schema import SCHEMA_HEAD


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "X", "info"],
        ["info", "--data-dir", "X"],
    ],
)
def test_data_dir_before_or_after_the_subcommand(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command == "info"
    assert args.data_dir == Path("X")


def test_no_subcommand_means_gui() -> None:
    args = build_parser().parse_args(["--data-dir", "X"])
    assert args.command is None


def test_info_prints_folder_schema_and_counts(
    tmp_path: Path, new_folder: Callable[[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(new_folder(tmp_path)):
        pass
    assert main(["info", "--data-dir", str(tmp_path)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert f"데이터 폴더: {tmp_path.resolve()}" in out
    assert f"스키마 버전: {SCHEMA_HEAD} (최신)" in out
    assert "귀농인의 집" in out and "입주자" in out


def test_info_on_garbage_is_refused_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"not a database at all" * 50)
    assert main(["--data-dir", str(tmp_path), "info"]) == ExitCode.NOT_A_DATABASE
    err = capsys.readouterr().err
    assert "데이터베이스가 아니거나" in err
    assert "Traceback" not in err


def test_command_in_a_locked_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(tmp_path, purpose="화면"):
        code = main(["demo", "--data-dir", str(tmp_path)])
    assert code == ExitCode.IN_USE
    assert "다른 프로그램이 사용 중" in capsys.readouterr().err


@pytest.mark.process
def test_gui_in_a_locked_folder_is_refused_in_a_real_process(tmp_path: Path) -> None:
    """A second GUI gets the Korean message (offscreen message box) and exit code 4."""
    with open_database(tmp_path, purpose="화면"):
        proc = subprocess.run(
            [sys.executable, "-m", "gwinong_desktop", "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**_env(), "GWINONG_NONINTERACTIVE": "1"},
            check=False,
        )
    assert proc.returncode == ExitCode.IN_USE, proc.stderr
    assert "Traceback" not in proc.stderr


def test_demo_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == ExitCode.USAGE
    assert "--data-dir" in capsys.readouterr().err


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_version_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    from gwinong_desktop import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr()
    assert out.out.strip() == f"gwinong-desktop {version()}"
    assert out.err == ""
