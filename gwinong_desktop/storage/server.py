"""A data folder whose database lives on a PostgreSQL server (a county office with several PCs).

The folder keeps the files (photos, attachments, reports, backups) and remembers the server in
``server.json`` — the address only, never a password: libpq takes it from ``PGPASSWORD`` or
``.pgpass`` (or the sign-in passes it). The schema comes from the same Alembic migrations as a
SQLite file's; PostgreSQL's DDL is transactional, so an upgrade is one transaction there too.

psycopg is imported only when a server folder is opened: a SQLite start never loads it.
Writers take one transaction-scoped advisory lock (``begin_write``), so the hash-chained access
log stays one chain however many PCs write at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError

from .audit_chain import WRITERS_LOCK
from .datafolder import ExitCode, StorageError
from .engine import WRITE_OPTION
from .schema import SchemaInfo, SchemaState, classify
from .server_url import (  # noqa: F401 - the address part, re-exported: one door to the server
    DEFAULT_PORT,
    SERVER_FILE,
    URL_ENV,
    ServerUrl,
    parse_server_url,
    remember_url,
    remembered_url,
)

CONNECT_TIMEOUT_S = 5


def make_server_engine(url: ServerUrl, password: str | None = None) -> Engine:
    """An engine on the server; every write unit takes the writers' advisory lock first."""
    engine = create_engine(
        url.sqlalchemy_url(password),
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "gwinong-desktop"},
        json_serializer=lambda obj: json.dumps(obj, ensure_ascii=False),
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # One writer at a time, as SQLite's BEGIN IMMEDIATE gives: the audit chain's next link
        # is read and written inside the lock, so two PCs never fork the chain.
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")

    return engine


def connect_error(url: ServerUrl, exc: BaseException, *, typed: bool = False) -> StorageError:
    """What went wrong reaching the server, in the officer's words (never the password).
    ``typed``: the password was typed by the officer (else libpq looked for one)."""
    detail = str(getattr(exc, "orig", exc) or exc).strip()
    low = detail.lower()
    if "no password supplied" in low:
        why = ("서버가 비밀번호를 요구합니다. 비밀번호를 입력하거나 PGPASSWORD나 .pgpass를 "
               "쓰세요.")  # fmt: skip
    elif "password authentication failed" in low:
        where = "입력한 비밀번호를" if typed else "PGPASSWORD나 .pgpass를"
        why = f"사용자 이름 또는 비밀번호가 맞지 않습니다 ({where} 확인하세요)."
    elif "does not exist" in low and "database" in low:
        why = f"서버에 데이터베이스 '{url.database}'가 없습니다. 관리자에게 만들어 달라고 하세요."
    elif "role" in low and "does not exist" in low:
        why = f"서버에 사용자 '{url.user}'가 없습니다."
    elif any(w in low for w in ("could not translate host", "name or service not known",
                                 "nodename nor servname")):  # fmt: skip
        why = f"서버 주소 '{url.host}'를 찾을 수 없습니다. 주소의 철자를 확인하세요."
    elif any(w in low for w in ("connection refused", "timeout", "timed out", "unreachable")):
        why = (f"서버 {url.host}:{url.port}에 연결할 수 없습니다. 서버가 켜져 있는지, "
               "네트워크와 포트 번호를 확인하세요.")  # fmt: skip
    else:
        why = f"서버가 거절했습니다: {detail.splitlines()[0] if detail else type(exc).__name__}"
    return StorageError(
        f"데이터베이스 서버에 연결하지 못했습니다: {url}\n{why}\n이 PC의 자료는 바꾸지 않았습니다.",
        ExitCode.SERVER_UNREACHABLE,
    )


PASSWORD_ENV = "PGPASSWORD"


def password_for(url: ServerUrl, ask: Callable[[StorageError | None], str | None]) -> str | None:
    """The password this run uses for ``url``: None when none is needed here (libpq finds one
    in ``PGPASSWORD`` or ``.pgpass``, or the server asks none); else what ``ask`` gives, tried
    until one works. ``ask(refusal)`` gets None the first time, then why the last one was
    refused (it may raise that to give up, as the command line does after one try); its
    None gives up. Never stored, never shown."""
    try:
        _try_connect(url, None)
        return None
    except DBAPIError as exc:
        if "no password supplied" not in str(exc).lower():
            raise connect_error(url, exc) from exc
    refusal: StorageError | None = None
    while True:
        password = ask(refusal)
        if not password:
            raise StorageError(
                f"데이터베이스 서버가 비밀번호를 요구하는데 입력하지 않아 열지 않았습니다: {url}",
                ExitCode.SERVER_UNREACHABLE,
            )
        try:
            _try_connect(url, password)
            return password
        except DBAPIError as exc:
            refusal = connect_error(url, exc, typed=True)


def server_password(
    root: Path | None,
    text_url: str | None,
    ask: Callable[[ServerUrl, StorageError | None], str | None],
) -> str | None:
    """:func:`password_for` the server ``text_url`` (else the one the folder ``root``
    remembers), unless libpq has ``PGPASSWORD`` already or the URL carries a password; what
    was asked is given to this process's libpq (``PGPASSWORD``), never stored. None: nothing
    asked (a SQLite folder, or no password needed)."""
    if os.environ.get(PASSWORD_ENV) is not None:
        return None
    if text_url is not None:
        url, written = parse_server_url(text_url)
        if written is not None:
            return written
    else:
        known = remembered_url(root) if root is not None else None
        if known is None:
            return None
        url = known
    password = password_for(url, lambda refusal: ask(url, refusal))
    if password is not None:
        os.environ[PASSWORD_ENV] = password
    return password


def no_password_here(url: ServerUrl) -> StorageError:
    """A run nobody can type into, on a server that asks for a password it was not given."""
    return StorageError(
        f"데이터베이스 서버가 비밀번호를 요구합니다: {url}\n비밀번호를 물을 수 없는 실행입니다. "
        f"환경 변수 {PASSWORD_ENV}나 .pgpass 파일로 비밀번호를 주세요.",
        ExitCode.SERVER_UNREACHABLE,
    )


def _try_connect(url: ServerUrl, password: str | None) -> None:
    engine = make_server_engine(url, password)
    try:
        with engine.connect():
            pass
    finally:
        engine.dispose()


def inspect_server_schema(engine: Engine, url: ServerUrl, *, typed: bool = False) -> SchemaInfo:
    """What the server database holds, read without changing it (as ``schema.inspect_schema``
    reads a file): empty → NEW; another program's tables → refused; else by revision."""
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise connect_error(url, exc, typed=typed) from exc
    return classify(
        revision,
        bool(tables),
        foreign=lambda: StorageError(
            f"이 서버 데이터베이스는 귀농인의 집 관리 프로그램의 것이 아닙니다: {url}\n"
            "아무것도 바꾸지 않았습니다. 빈 데이터베이스를 지정해 주세요.",
            ExitCode.NOT_A_DATABASE,
        ),
    )


def refuse_if_others_connected(engine: Engine, url: ServerUrl) -> None:
    """A schema upgrade waits until this program is the only one on the database."""
    with engine.connect() as conn:
        others = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND application_name = 'gwinong-desktop'"
            )
        ).scalar()
    if others:
        raise StorageError(
            f"데이터베이스를 새 버전으로 바꾸려면 다른 PC의 프로그램을 모두 닫아야 합니다: {url}\n"
            f"지금 {others}개의 연결이 열려 있습니다. 모두 닫은 뒤 다시 시작해 주세요.",
            ExitCode.IN_USE,
        )


def point_folder_at(root: Path, text_url: str) -> ServerUrl:
    """Make the folder at ``root`` use the server ``text_url`` (``--database-url``).

    Refused when the folder already holds its own SQLite database (its records would seem to
    vanish: moving them up is ``move-to-server``) or remembers another server. A password
    written in the URL is used by this process only (``PGPASSWORD``) and never stored.
    """
    from .datafolder import DB_FILENAME

    url, password = parse_server_url(text_url)
    root = Path(root)
    known = remembered_url(root)
    if known is None and (root / DB_FILENAME).is_file() and (root / DB_FILENAME).stat().st_size:
        raise StorageError(
            f"이 데이터 폴더에는 이미 이 PC의 데이터베이스가 있습니다: {root}\n"
            "서버를 쓰게 하면 그 자료가 보이지 않게 되므로 바꾸지 않았습니다. 자료를 서버로 "
            "옮기려면 move-to-server 명령을 쓰고, 새로 시작하려면 빈 폴더를 지정하세요.",
            ExitCode.BAD_INPUT,
        )
    if known is not None and known != url:
        raise StorageError(
            f"이 데이터 폴더는 이미 다른 서버를 씁니다: {known}\n"
            f"지정한 서버: {url}\n바꾸지 않았습니다. 서버를 옮겼다면 폴더의 {SERVER_FILE}을 "
            "지우고 다시 지정하세요.",
            ExitCode.BAD_INPUT,
        )
    if password is not None:
        os.environ.setdefault(PASSWORD_ENV, password)
    if known is None:
        remember_url(root, url)
    return url


@dataclass(frozen=True)
class Moved:
    """What ``move_to_server`` did: the server, each table's rows, where the local file went."""

    url: ServerUrl
    tables: list[Any]
    kept_file: Path


def move_to_server(
    local: Any, text_url: str, *, password: str | None = None, state: Any = None
) -> Moved:
    """Copy the open local database ``local`` (a ``storage.database.Database`` holding its
    folder's lock) into an empty server database and switch the folder to the server.

    All or nothing: the schema and every record go in one server transaction, committed only
    when every table's count and row digest match the local file and the audit chain verifies;
    a cancel (``state``) before that commit leaves everything as it was. Then ``local``'s
    connections are closed for good, the folder remembers the server, and the local file is
    kept beside it, renamed (never deleted). ``password`` (else one written in the URL, else
    libpq's ``PGPASSWORD``/``.pgpass``) is used by this process only, never stored.
    """
    from .audit import verify_chain
    from .datafolder import DB_FILENAME
    from .migrate import upgrade_in
    from .snapshot import timestamp
    from .transfer import copy_records, is_empty

    url, in_url = parse_server_url(text_url)
    password = password or in_url
    root = Path(local.folder.root)
    if local.server is not None:
        raise StorageError(f"이 데이터 폴더는 이미 서버를 씁니다: {local.server}",
                           ExitCode.BAD_INPUT)  # fmt: skip
    engine = make_server_engine(url, password)
    try:
        info = inspect_server_schema(engine, url, typed=password is not None)
        with (
            local.engine.connect().execution_options(**{WRITE_OPTION: True}) as source,
            source.begin(),  # no write of this PC slips in between the copy and the switch
            engine.connect() as target,
        ):
            transaction = target.begin()
            if info.state is SchemaState.NEW:
                upgrade_in(target)
            elif info.state is not SchemaState.CURRENT or not is_empty(target):
                raise StorageError(
                    f"서버 데이터베이스가 비어 있지 않아 옮기지 않았습니다: {url}\n"
                    "빈 데이터베이스를 지정해 주세요. 이 PC의 자료는 그대로입니다.",
                    ExitCode.BAD_INPUT,
                )
            copied = copy_records(source, target, state)
            problems = verify_chain(target)
            if problems:
                raise StorageError(
                    "옮긴 변경 기록의 해시 사슬이 맞지 않아 옮기지 않았습니다: "
                    f"{problems[0].message}",
                    ExitCode.ERROR,
                )
            if state is not None:
                state.check()  # the last moment a cancel is heard: nothing is committed yet
            transaction.commit()
    except DBAPIError as exc:
        raise connect_error(url, exc, typed=password is not None) from exc
    finally:
        engine.dispose()
    _close_for_good(local.engine)
    kept = root / f"{DB_FILENAME}.moved-{timestamp()}"
    os.replace(root / DB_FILENAME, kept)
    for suffix in ("-wal", "-shm"):
        leftover = root / (DB_FILENAME + suffix)
        if leftover.exists():
            os.replace(leftover, Path(str(kept) + suffix))
    remember_url(root, url)
    if password is not None:
        os.environ.setdefault(PASSWORD_ENV, password)
    return Moved(url, copied, kept)


def _close_for_good(engine: Engine) -> None:
    """The moved file's connections close, and a late query from a window fails rather than
    make a new empty file where the moved one was."""

    def refuse(*_args: object) -> None:
        raise StorageError(
            "이 PC의 데이터베이스는 서버로 옮겼습니다. 프로그램을 다시 시작해 주세요."
        )

    event.listen(engine, "do_connect", refuse)
    engine.dispose()
