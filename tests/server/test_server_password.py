"""The server's password when libpq finds none (no PGPASSWORD, no .pgpass): asked once at a
terminal, refused with advice where nobody can type, asked again in the window's dialog (#16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from gwinong_desktop.app import _Opening, main
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import ExitCode, StorageError
from gwinong_desktop.storage.quick import claim_folder
from gwinong_desktop.storage.server import PASSWORD_ENV, SERVER_FILE
from gwinong_desktop.ui.accounts.server_password import ServerPasswordDialog

pytestmark = pytest.mark.process  # the cluster is a process of its own


@pytest.fixture
def asking_folder(server_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A server folder with its schema, on a PC where libpq finds no password by itself."""
    open_database(server_folder).close()
    monkeypatch.delenv(PASSWORD_ENV)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    return server_folder


def test_without_a_terminal_the_command_and_the_window_say_to_use_pgpassword(
    asking_folder: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GWINONG_NONINTERACTIVE": "1",
           "GWINONG_SETTINGS": str(tmp_path / "settings.ini")}  # fmt: skip
    for command in (["info"], ["gui", "--smoke"]):
        done = subprocess.run(
            [sys.executable, "-m", "gwinong_desktop", "--data-dir", str(asking_folder), *command],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == ExitCode.SERVER_UNREACHABLE, (command, done.stderr)
        assert "비밀번호를 물을 수 없는 실행입니다" in done.stderr, command
        assert "PGPASSWORD" in done.stderr and ".pgpass" in done.stderr


def test_at_a_terminal_the_command_asks_once(
    asking_folder: Path, pg_cluster, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import getpass

    typed: list[str] = []

    def answer(prompt: str) -> str:
        typed.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", answer)
    answers = ["wrong-secret-123", pg_cluster.password]
    assert main(["--data-dir", str(asking_folder), "info"]) == ExitCode.SERVER_UNREACHABLE
    err = capsys.readouterr().err
    assert "입력한 비밀번호를 확인하세요" in err and "wrong-secret-123" not in err
    assert len(typed) == 1 and "비밀번호" in typed[0]  # asked once, never again
    assert os.environ.get(PASSWORD_ENV) is None
    assert main(["--data-dir", str(asking_folder), "info"]) == ExitCode.OK
    assert pg_cluster.password not in (asking_folder / SERVER_FILE).read_text(encoding="utf-8")


def test_the_window_asks_again_after_a_wrong_password(
    qapp, asking_folder: Path, pg_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    answers = ["wrong-secret-123", pg_cluster.password]

    def exec_(dialog: ServerPasswordDialog) -> int:
        shown.append(dialog.error.text() if not dialog.error.isHidden() else "")
        if not answers:
            return QDialog.DialogCode.Rejected
        dialog.password.setText(answers.pop(0))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ServerPasswordDialog, "exec", exec_)
    claim = claim_folder(asking_folder, purpose="화면")
    opening = _Opening(qapp, claim, None)
    try:
        db = opening.database()
        assert db.server is not None
    finally:
        opening.close()
        claim.release()
    assert shown[0] == ""  # the first time: just the question
    assert "비밀번호가 맞지 않습니다" in shown[1] and "wrong-secret-123" not in shown[1]

    # the officer gives up: the start ends with why, nothing is opened
    monkeypatch.delenv(PASSWORD_ENV)
    claim = claim_folder(asking_folder, purpose="화면")
    opening = _Opening(qapp, claim, None)
    try:
        with pytest.raises(StorageError) as err:
            opening.database()
    finally:
        opening.close()
        claim.release()
    assert err.value.exit_code == ExitCode.SERVER_UNREACHABLE
    assert "입력하지 않아 열지 않았습니다" in err.value.message
