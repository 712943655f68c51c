"""What a database file holds, read with plain sqlite3 (no Alembic import on the start-up path).

``SCHEMA_HEAD`` and ``KNOWN_REVISIONS`` mirror the Alembic scripts in ``db/versions``; a test
fails when a new migration is added without updating them.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .datafolder import ExitCode, StorageError

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")  # oldest first
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


class SchemaState(enum.Enum):
    NEW = "new"  # no database yet (or an empty file)
    CURRENT = "current"
    OLD = "old"  # a known, earlier revision: upgrade
    NEWER = "newer"  # made by a newer version of the app: refuse
    FOREIGN = "foreign"  # an SQLite file with other tables: not ours


@dataclass(frozen=True)
class SchemaInfo:
    state: SchemaState
    revision: str | None
    head: str = SCHEMA_HEAD


def connect_for_reading(db_path: Path) -> sqlite3.Connection:
    """A connection that reads without writing — unless a crash left a hot rollback journal.

    A process killed mid-write on a network folder (rollback journal, not WAL) leaves
    ``-journal`` behind; only a connection allowed to write can roll it back, and SQLite must do
    so before anyone reads. That rollback restores the last committed state, so it is the one
    change a "read" may make. SQLite itself decides whether a journal is hot; we only allow it.
    """
    journal = Path(str(db_path) + "-journal")
    hot = journal.is_file() and journal.stat().st_size > 0
    mode = "rw" if hot else "ro"
    return sqlite3.connect(f"file:{db_path.as_posix()}?mode={mode}", uri=True)


def inspect_schema(db_path: Path) -> SchemaInfo:
    """What ``db_path`` holds, read without changing a byte of it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return SchemaInfo(SchemaState.NEW, None)
    try:
        conn = connect_for_reading(db_path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise not_a_database(db_path, str(exc)) from exc
    return classify(
        revision,
        bool(tables),
        foreign=lambda: StorageError(
            f"이 데이터베이스는 귀농인의 집 관리 프로그램의 것이 아닙니다: {db_path}\n"
            "파일을 그대로 두었습니다. 올바른 데이터 폴더를 지정해 주세요.",
            ExitCode.NOT_A_DATABASE,
        ),
    )


def classify(
    revision: str | None, has_tables: bool, *, foreign: Callable[[], StorageError]
) -> SchemaInfo:
    """What a database at Alembic ``revision`` (None: no ``alembic_version``) is to this
    program — the SQLite file's and the server's look alike; one with tables but no revision
    is another program's (``foreign()`` is raised)."""
    if revision is None:
        if has_tables:
            raise foreign()
        return SchemaInfo(SchemaState.NEW, None)
    if revision == SCHEMA_HEAD:
        return SchemaInfo(SchemaState.CURRENT, revision)
    state = SchemaState.OLD if revision in KNOWN_REVISIONS else SchemaState.NEWER
    return SchemaInfo(state, revision)


def not_a_database(db_path: Path, detail: str = "") -> StorageError:
    extra = f" ({detail})" if detail else ""
    return StorageError(
        f"데이터 파일이 데이터베이스가 아니거나 손상되었습니다: {db_path}{extra}\n"
        "파일은 바꾸지 않았습니다. 백업에서 복원하거나 다른 데이터 폴더를 지정해 주세요.",
        ExitCode.NOT_A_DATABASE,
    )


class NewerSchema(StorageError):
    """A database made by a newer version of the app (exit code 5); what it is and where, so a
    command can say in its own words why it will not work on it."""

    def __init__(self, message: str, db_path: Path, revision: str | None) -> None:
        super().__init__(message, ExitCode.NEWER_SCHEMA)
        self.db_path = db_path
        self.revision = revision


def newer_schema_error(db_path: Path, revision: str | None) -> NewerSchema:
    return NewerSchema(
        f"이 데이터는 더 새로운 버전의 프로그램으로 만들어졌습니다 (스키마 {revision}): {db_path}\n"
        "데이터를 보호하기 위해 열지 않았습니다. 프로그램을 최신 버전으로 업데이트해 주세요.",
        db_path,
        revision,
    )
