"""The GUI's start (``app.run_gui``) in real processes: the first screen before SQLAlchemy, the
sign-in that counts right after it, and every refusal still refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.services.accounts import LOGIN_REFUSED, AccountService
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import AuditEvent, User

pytestmark = pytest.mark.process  # every test starts the app in a process of its own

PASSWORD = "Gwinong#2025"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder with the administrator admin / PASSWORD."""
    root = tmp_path / "data"
    with open_database(root) as db:
        AccountService(ServiceContext(db), failure_delay=0).create_first_admin(
            "admin", "김관리", PASSWORD
        )
    return root


def start(
    root: Path,
    tmp_path: Path,
    password: str | None = PASSWORD,
    code: str = "",
    smoke: bool = True,
) -> tuple:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GWINONG_NONINTERACTIVE": "1",
        "GWINONG_SETTINGS": str(tmp_path / "settings.ini"),
        "GWINONG_USER": "admin",
    }
    env.pop("GWINONG_PASSWORD", None)
    if password is not None:
        env["GWINONG_PASSWORD"] = password
    argv = ["gui", "--smoke"] if smoke else ["gui"]
    program = (
        "import sys\n"
        "from gwinong_desktop import app\n"
        f"{code}\n"
        f"sys.exit(app.main({argv!r} + ['--data-dir', sys.argv[1]]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(root)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout.splitlines(), done.stderr


def audit(root: Path) -> list[tuple[str, str]]:
    with open_database(root) as db, db.sessions() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.summary).order_by(AuditEvent.id))
        return [tuple(r) for r in rows]


def test_the_window_shows_before_sqlalchemy_then_the_sign_in_counts(
    folder: Path, tmp_path: Path
) -> None:
    spy = (
        "real = app.start_warm_up\n"
        "def spy():\n"
        "    print('sqlalchemy loaded:', 'sqlalchemy' in sys.modules, flush=True)\n"
        "    return real()\n"
        "app.start_warm_up = spy\n"
    )
    code, out, err = start(folder, tmp_path, code=spy)
    assert code == ExitCode.OK, err
    assert out == [
        "started: 귀농인의 집 관리",  # the first screen, painted
        "sqlalchemy loaded: False",  # … before SQLAlchemy started loading
        "ready: 귀농인의 집 관리",  # then the services, attached
    ]
    actions = [a for a, _ in audit(folder)]
    assert actions[-2:] == ["login", "logout"]  # the sign-in that counts is recorded


def test_a_wrong_password_never_shows_the_window(folder: Path, tmp_path: Path) -> None:
    code, out, err = start(folder, tmp_path, password="Gwinong#2024")
    assert code == ExitCode.ACCESS_DENIED
    assert out == []
    assert LOGIN_REFUSED in err
    assert audit(folder)[-1][0] == "login_failed"
    with open_database(folder) as db, db.sessions() as s:
        assert s.scalar(select(User.failed_logins).where(User.username == "admin")) == 1


def test_no_password_given_is_refused(folder: Path, tmp_path: Path) -> None:
    code, out, err = start(folder, tmp_path, password=None)
    assert code == ExitCode.ACCESS_DENIED
    assert out == []
    assert "GWINONG_PASSWORD" in err


def test_a_new_folder_starts_the_full_way(tmp_path: Path) -> None:
    """No database yet: it is made first (no first screen to read), then the window."""
    code, out, err = start(tmp_path / "new", tmp_path)
    assert code == ExitCode.OK, err
    assert out == ["started: 귀농인의 집 관리", "ready: 귀농인의 집 관리"]


def test_a_folder_in_use_is_refused_before_anything(folder: Path, tmp_path: Path) -> None:
    with open_database(folder, purpose="다른 창"):
        code, out, err = start(folder, tmp_path)
    assert code == ExitCode.IN_USE
    assert out == []
    assert "다른 프로그램이 사용 중" in err


def test_the_sign_in_that_counts_closes_a_first_window_it_refuses(
    folder: Path, tmp_path: Path
) -> None:
    """Should the sign-in that counts refuse after the first screen was shown (it cannot while
    the lock is held, but the window must never outlive it), the start ends refused."""
    spy = (
        "import gwinong_desktop.cli as cli\n"
        "from gwinong_desktop.services.accounts import LoginRefused\n"
        "def refuse(args, db):\n"
        "    raise LoginRefused\n"
        "cli.actor_for = refuse\n"
    )
    code, out, err = start(folder, tmp_path, code=spy)
    assert code == ExitCode.ACCESS_DENIED
    assert out == ["started: 귀농인의 집 관리"]  # no "ready": never attached
    assert LOGIN_REFUSED in err


def test_a_window_closed_while_starting_still_ends_well(folder: Path, tmp_path: Path) -> None:
    """Closed before its services came: no event loop is left waiting, the exit backup is
    written, and the sign-in and sign-out are recorded."""
    spy = (
        "import gwinong_desktop.cli as cli\n"
        "from PySide6.QtWidgets import QApplication\n"
        "real = cli.actor_for\n"
        "def close_first(args, db):\n"
        "    for widget in QApplication.topLevelWidgets():\n"
        "        widget.close()\n"
        "    return real(args, db)\n"
        "cli.actor_for = close_first\n"
    )
    code, _out, err = start(folder, tmp_path, code=spy, smoke=False)  # unattended, not smoke
    assert code == ExitCode.OK, err
    assert [a for a, _ in audit(folder)][-2:] == ["login", "logout"]
    assert list((folder / "backups").glob("*.gwbak"))


def test_the_first_demo_start_builds_it_and_exits_cleanly(tmp_path: Path) -> None:
    """The README's first command on a fresh machine: the demo is built behind a progress
    dialog, the window opens, and the process ends with 0 — not with Python aborting at exit
    (PySide6 6.12.0's ``Signal.emit`` drops a reference to ``True``; see README)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GWINONG_NONINTERACTIVE": "1",
        "GWINONG_SETTINGS": str(tmp_path / "settings.ini"),
        "GWINONG_USER": "admin",
        "GWINONG_PASSWORD": "demo1234",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),  # where --demo keeps its folder
    }
    done = subprocess.run(
        [sys.executable, "-m", "gwinong_desktop", "--demo", "gui", "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=180,
        check=False,
    )
    assert done.returncode == ExitCode.OK, done.stderr[-2000:]
    assert done.stdout.splitlines() == [
        "started: 진안군 — 귀농인의 집 관리",
        "ready: 진안군 — 귀농인의 집 관리",
    ]
    assert (tmp_path / "cache" / "gwinong-desktop" / "demo" / "gwinong.sqlite3").is_file()
