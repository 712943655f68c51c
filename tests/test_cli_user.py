"""Headless commands on a folder with accounts act as an account (``--user``, GWINONG_PASSWORD)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from gwinong_desktop.app import main
from gwinong_desktop.cli import actor_for, build_parser, os_user
from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.services.accounts import LOGIN_REFUSED, AccountService
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import AuditEvent

PASSWORD = "Gwinong#2025"


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GWINONG_USER", raising=False)
    monkeypatch.delenv("GWINONG_PASSWORD", raising=False)
    monkeypatch.setattr("gwinong_desktop.services.accounts.FAILURE_DELAY", 0.0)
    monkeypatch.setattr(
        "gwinong_desktop.services.accounts._hasher",
        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )


@pytest.fixture
def folder(tmp_path: Path, new_folder: Callable[[Path], Path]) -> Path:
    """A folder with an administrator and a viewer, on SQLite or on the server (db_kind)."""
    with open_database(new_folder(tmp_path)) as db:
        service = AccountService(ServiceContext(db), failure_delay=0)
        admin = service.create_first_admin("admin", "김관리", PASSWORD)
        AccountService(ServiceContext.signed_in(db, admin)).add_user(
            "reader", "열람자", Role.VIEWER, "Viewer#2025x"
        )
    return tmp_path


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The demo command with a stand-in for the (slow) build: records who it ran as."""
    from gwinong_desktop.demo import build as demo

    actors: list[str] = []

    def build(db, *, scale="county", state=None, actor="demo", **_):
        actors.append(actor)
        return demo.DemoSummary(scale=scale, today=date(2025, 6, 16))

    monkeypatch.setattr(demo, "build_demo", build)
    return actors


@pytest.mark.parametrize(
    "argv", [["--user", "kim", "info"], ["info", "--user", "kim"], ["--data-dir", "X", "info"]]
)
def test_user_before_or_after_the_subcommand(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command == "info"
    assert args.user == ("kim" if "--user" in argv else None)


def test_the_password_from_the_environment(
    folder: Path, fake_demo: list[str], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("GWINONG_PASSWORD", PASSWORD)
    assert main(["demo", "--data-dir", str(folder), "--user", "admin"]) == ExitCode.OK
    assert fake_demo == ["admin"]
    with open_database(folder) as db, db.sessions() as s:
        login = s.scalars(select(AuditEvent).where(AuditEvent.action == "login")).all()[-1]
    assert (login.actor, login.summary) == ("admin", "로그인 (명령줄 demo)")


def test_the_user_from_the_environment(
    folder: Path, fake_demo: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GWINONG_USER", "admin")
    monkeypatch.setenv("GWINONG_PASSWORD", PASSWORD)
    assert main(["demo", "--data-dir", str(folder)]) == ExitCode.OK
    assert fake_demo == ["admin"]


@pytest.mark.parametrize("user", ["admin", "nobody"])
def test_a_wrong_password_or_name_is_refused_alike(
    folder: Path, fake_demo: list[str], monkeypatch: pytest.MonkeyPatch, capsys, user: str
) -> None:
    monkeypatch.setenv("GWINONG_PASSWORD", "wrong-Pass1")
    code = main(["demo", "--data-dir", str(folder), "--user", user])
    assert code == ExitCode.ACCESS_DENIED == 10
    err = capsys.readouterr().err
    assert err.strip() == LOGIN_REFUSED and "Traceback" not in err
    assert fake_demo == []


def test_no_user_where_there_are_accounts(folder: Path, fake_demo: list[str], capsys) -> None:
    assert main(["demo", "--data-dir", str(folder)]) == ExitCode.ACCESS_DENIED
    assert "--user" in capsys.readouterr().err
    assert fake_demo == []


def test_no_password_and_no_terminal(
    folder: Path, fake_demo: list[str], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["demo", "--data-dir", str(folder), "--user", "admin"]) == 10
    assert "GWINONG_PASSWORD" in capsys.readouterr().err


def test_the_password_is_asked_on_a_terminal(
    folder: Path, fake_demo: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    assert main(["demo", "--data-dir", str(folder), "--user", "admin"]) == ExitCode.OK
    assert asked == ["admin 비밀번호: "]


def test_a_role_that_may_not_is_refused(
    folder: Path, fake_demo: list[str], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("GWINONG_PASSWORD", "Viewer#2025x")
    assert main(["demo", "--data-dir", str(folder), "--user", "reader"]) == 10
    assert "열람" in capsys.readouterr().err and fake_demo == []


def test_a_folder_without_accounts_runs_as_the_os_user(tmp_path: Path) -> None:
    args = argparse.Namespace(command="demo", user="ignored")
    with open_database(tmp_path) as db:
        actor = actor_for(args, db)
    assert actor.username == os_user() and actor.role is Role.ADMIN and actor.user_id is None


def test_info_needs_no_account(folder: Path, capsys) -> None:
    assert main(["info", "--data-dir", str(folder)]) == ExitCode.OK
    assert "사용자" in capsys.readouterr().out
