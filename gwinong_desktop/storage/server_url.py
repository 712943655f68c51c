"""Where a server folder's database is: the address in ``server.json`` — standard library only.

The GUI's start reads it before SQLAlchemy has loaded (``quick.server_first_look``); everything
else about the server is in :mod:`.server`, which re-exports these names.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .datafolder import ExitCode, StorageError

SERVER_FILE = "server.json"
"""In the data folder: which server holds its database (``{"database_url": ...}``)."""
URL_ENV = "GWINONG_DATABASE_URL"
DEFAULT_PORT = 5432
_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass(frozen=True)
class ServerUrl:
    """Where a folder's database is: ``postgresql://USER@HOST:PORT/DB`` (no password)."""

    user: str
    host: str
    port: int
    database: str

    def __str__(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    def sqlalchemy_url(self, password: str | None = None) -> Any:
        from sqlalchemy.engine import URL

        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password,
            host=self.host,
            port=self.port,
            database=self.database,
        )


def parse_server_url(text_url: str) -> tuple[ServerUrl, str | None]:
    """The server address in ``text_url`` and the password written in it, if any (used for this
    connection, never stored). A typo is refused with what is wrong, in Korean."""
    raw = text_url.strip()
    example = "예: postgresql://사용자@서버주소:5432/데이터베이스"
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise _bad_url(raw, f"포트 번호가 올바르지 않습니다 ({exc}). {example}") from exc
    if parts.scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise _bad_url(raw, f"주소는 postgresql:// 로 시작해야 합니다. {example}")
    if not parts.hostname:
        raise _bad_url(raw, f"서버 주소가 없습니다. {example}")
    if not parts.username:
        raise _bad_url(raw, f"사용자 이름이 없습니다. {example}")
    database = parts.path.lstrip("/")
    if not database or "/" in database or not _NAME.match(database):
        raise _bad_url(raw, f"데이터베이스 이름이 없거나 올바르지 않습니다. {example}")
    if parts.query or parts.fragment:
        raise _bad_url(raw, f"주소 뒤의 ?·# 부분은 쓰지 않습니다. {example}")
    user = unquote(parts.username)
    password = unquote(parts.password) if parts.password is not None else None
    return ServerUrl(user, parts.hostname, port or DEFAULT_PORT, database), password


def _bad_url(raw: str, why: str) -> StorageError:
    shown = re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", raw)  # never echo a password
    return StorageError(f"데이터베이스 서버 주소가 올바르지 않습니다: {shown}\n{why}",
                        ExitCode.BAD_INPUT)  # fmt: skip


def remembered_url(root: Path) -> ServerUrl | None:
    """The server the folder at ``root`` remembers, or None for a SQLite folder."""
    path = Path(root) / SERVER_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StorageError(
            f"데이터 폴더의 서버 설정 파일을 읽을 수 없습니다: {path}\n원인: {exc}",
            ExitCode.BAD_INPUT,
        ) from exc
    url, password = parse_server_url(str(data.get("database_url", "")))
    if password is not None:  # written by hand: refuse rather than use a stored password
        raise StorageError(
            f"서버 설정 파일에 비밀번호가 들어 있습니다: {path}\n"
            "비밀번호는 파일에 두지 않습니다. 주소에서 비밀번호를 지우고 PGPASSWORD나 "
            ".pgpass를 쓰세요.",
            ExitCode.BAD_INPUT,
        )
    return url


def remember_url(root: Path, url: ServerUrl) -> None:
    """Make the folder at ``root`` remember ``url`` (written whole, then moved into place)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    target = root / SERVER_FILE
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps({"database_url": str(url)}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)
