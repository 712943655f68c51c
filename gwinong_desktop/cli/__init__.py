"""Headless commands of ``gwinong-desktop`` (``app.main`` parses and dispatches here).

``--data-dir``, ``--demo`` and ``--user`` are accepted before or after the subcommand. Every
refusal prints a Korean message on stderr and exits non-zero (codes in ``domain.errors.ExitCode``);
no traceback reaches the officer — unexpected errors are logged to the log file and summarised.

A data folder with accounts is worked on as an account: ``--user NAME`` (or ``GWINONG_USER``) and
the password from ``GWINONG_PASSWORD`` or a prompt; commands get it from :func:`actor_for`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.permissions import Actor

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import Database
    from gwinong_desktop.storage.datafolder import StorageError

APP_NAME = "gwinong-desktop"
USER_ENV = "GWINONG_USER"
PASSWORD_ENV = "GWINONG_PASSWORD"
DATABASE_URL_ENV = "GWINONG_DATABASE_URL"


class CommandError(Refusal):
    """A headless command refused its input; ``message`` is Korean."""

    def __init__(self, message: str, exit_code: int = ExitCode.BAD_INPUT) -> None:
        super().__init__(message, exit_code)


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help="데이터 폴더 (기본: 사용자 데이터 폴더)",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="예시 자료(진안군) 데이터 폴더로 실행",
    )
    parser.add_argument(
        "--database-url",
        default=default,
        metavar="URL",
        help="데이터베이스를 PostgreSQL 서버에 둡니다: postgresql://사용자@서버:포트/DB "
        "(기본: 환경 변수 GWINONG_DATABASE_URL; 폴더가 기억합니다. 비밀번호는 PGPASSWORD 또는 "
        ".pgpass)",
    )
    parser.add_argument(
        "--user",
        default=default,
        metavar="NAME",
        help="사용자 계정이 있는 데이터 폴더에서 작업할 계정 (기본: 환경 변수 GWINONG_USER; "
        "비밀번호는 GWINONG_PASSWORD 또는 입력)",
    )


# Each feature keeps its commands in a module of this package with ``register(add)``, where
# ``add(name, help)`` returns the subparser and the module sets ``handler`` with set_defaults.
# Modules are found by listing the package, so a new feature touches no shared file (the frozen
# build collects the package's submodules for the same reason).


def command_modules() -> list[str]:
    import pkgutil

    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


class _VersionAction(argparse.Action):
    """``--version``, reading the version only when asked (see ``gwinong_desktop.version``)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from gwinong_desktop import version

        print(f"{parser.prog} {version()}")  # stdout, as argparse's own version action does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="귀농인의 집 조성·운영 관리 프로그램. 명령 없이 실행하면 화면이 열립니다.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="버전을 보여 줍니다")
    _common_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="명령")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common_options(p, suppress=True)
        return p

    import importlib

    for name in command_modules():
        importlib.import_module(f"{__name__}.{name}").register(add)
    gui = add("gui", "화면을 엽니다 (명령 없이 실행한 것과 같습니다)")
    gui.add_argument(
        "--smoke",
        action="store_true",
        help="주 화면을 자료와 함께 띄운 뒤 바로 닫습니다 (설치 확인·성능 측정용)",
    )
    return parser


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "demo"


def resolve_data_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "demo", False):
        from gwinong_desktop.demo.folder import ensure_demo_folder

        return ensure_demo_folder(demo_data_dir(), state=progress_state())
    if getattr(args, "data_dir", None):
        return Path(args.data_dir)
    return default_data_dir()


def existing_data_dir(args: argparse.Namespace) -> Path:
    """The data folder of a command that reads records: refused when it holds no database
    (neither its SQLite file nor a server it remembers), before anything is created there."""
    from gwinong_desktop.storage.datafolder import DB_FILENAME
    from gwinong_desktop.storage.server import SERVER_FILE

    root = resolve_data_dir(args)
    if not (root / DB_FILENAME).exists() and not (root / SERVER_FILE).exists():
        raise CommandError(f"데이터 폴더에 데이터베이스가 없습니다: {root.resolve()}")
    return root


def point_at_server(args: argparse.Namespace) -> None:
    """``--database-url`` (or ``GWINONG_DATABASE_URL``): the data folder remembers the server
    before any command opens it (``storage.server.point_folder_at`` refuses what would hide
    records). Not for ``--demo``: the demo county is always a local file."""
    if getattr(args, "command", None) == "move-to-server":  # it switches the folder itself
        return
    url = getattr(args, "database_url", None) or os.environ.get(DATABASE_URL_ENV)
    if url and not getattr(args, "demo", False):
        from gwinong_desktop.storage.server import point_folder_at

        point_folder_at(resolve_data_dir(args), url)


def server_password(args: argparse.Namespace, url: str | None = None) -> str | None:
    """The password of the server this command works on (``url``, else the one its folder
    remembers) when the server asks for one that libpq finds nowhere (``PGPASSWORD``,
    ``.pgpass``): asked once at a terminal, without echo; a run nobody can type into is refused
    with exit code 11. Given to this process's libpq only (``PGPASSWORD``), never stored."""
    from gwinong_desktop.storage.server import no_password_here
    from gwinong_desktop.storage.server import server_password as ask_server

    if getattr(args, "demo", False):
        return None

    def ask_once(parsed, refusal: StorageError | None) -> str:
        if refusal is not None:  # one try at a terminal, as the account's password
            raise refusal
        if not sys.stdin.isatty():
            raise no_password_here(parsed)
        import getpass

        return getpass.getpass(f"데이터베이스 서버 {parsed} 비밀번호: ")

    return ask_server(None if url else resolve_data_dir(args), url, ask_once)


def os_user() -> str:
    """The operating system's user name (who works in a folder without accounts)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "cli"


def named_user(args: argparse.Namespace) -> str | None:
    """The account a command names: ``--user``, else ``GWINONG_USER``."""
    return getattr(args, "user", None) or os.environ.get(USER_ENV)


def actor_for(args: argparse.Namespace, db: Database) -> Actor:
    """Who runs this command on ``db`` (opened for writing: the sign-in is recorded).

    A folder with accounts needs ``--user`` (or ``GWINONG_USER``) and the password
    (``GWINONG_PASSWORD``, or asked on a terminal); a wrong one is refused with exit code 10 and
    the one message that does not say which part was wrong, and counts toward the account's lock.
    A folder without accounts (a new one) is worked on as the OS user, with every right.
    """
    from gwinong_desktop.services import Services

    accounts = Services.over(db).accounts
    if not accounts.has_accounts():
        return Actor.unmanaged(os_user())
    name = named_user(args)
    if not name:
        raise CommandError(
            "이 데이터 폴더에는 사용자 계정이 있습니다. --user 아이디 (또는 환경 변수 "
            f"{USER_ENV})로 작업할 계정을 밝혀 주세요.",
            ExitCode.ACCESS_DENIED,
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise CommandError(
                "비밀번호를 물을 수 없는 실행입니다. 환경 변수 "
                f"{PASSWORD_ENV}로 비밀번호를 주세요.",
                ExitCode.ACCESS_DENIED,
            )
        import getpass

        password = getpass.getpass(f"{name} 비밀번호: ")
    command = getattr(args, "command", None) or ""
    return accounts.authenticate(name, password, f"명령줄 {command}".strip())


def services_for(args: argparse.Namespace, db: Database) -> Services:
    """``Services`` over ``db`` acting as :func:`actor_for` says (its role limits them)."""
    from gwinong_desktop.services import Services

    return Services.over(db, actor_for(args, db))


def run_command(args: argparse.Namespace) -> int:
    """Run a headless command; refusals become a Korean message on stderr and an exit code."""

    def work() -> int:
        point_at_server(args)
        if getattr(args, "command", None) != "move-to-server":  # asks for its own server
            server_password(args)
        return args.handler(args)

    return guarded(work)


def guarded(work: Callable[[], int]) -> int:
    """Run ``work``; no traceback ever reaches the officer (unexpected errors go to the log)."""
    try:
        return work()
    except Refusal as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("중단했습니다.", file=sys.stderr)
        return 130
    except Exception as exc:
        log = _log_exception()
        print(
            f"예기치 못한 오류로 작업을 마치지 못했습니다: {exc.__class__.__name__}: {exc}\n"
            f"자세한 내용은 기록 파일에 남겼습니다: {log}",
            file=sys.stderr,
        )
        return ExitCode.ERROR


def log_file() -> Path:
    """The app's log file: unexpected errors with their tracebacks (the officer is told where)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False)) / "error.log"


def log_to_file() -> None:
    """Send warnings and errors of the ``gwinong_desktop`` loggers (a failed background task's
    traceback among them) to :func:`log_file`, once per process (the GUI calls it at start)."""
    import logging

    logger = logging.getLogger("gwinong_desktop")
    path = log_file()
    if any(getattr(h, "baseFilename", None) == str(path) for h in logger.handlers):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no log folder: Python's last-resort handler prints to stderr instead
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)


def _log_exception() -> Path:
    import traceback

    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
    except OSError:
        traceback.print_exc()
    return path


def print_progress(done: int, total: int, label: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{label} {done}/{total}   ", end="", file=sys.stderr, flush=True)


def progress_state() -> TaskState:
    """The state a command hands to long work: reports print on the terminal's line (a command
    is not cancelled from inside; Ctrl+C stops it)."""
    from gwinong_desktop.domain.progress import TaskState

    return TaskState(print_progress)
