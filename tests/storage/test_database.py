from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import OperatorKind
from gwinong_desktop.storage import schema
from gwinong_desktop.storage.database import open_database, open_read_only
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode, StorageError
from gwinong_desktop.storage.models import AuditEvent, Operator


class ServiceContext:
    """Sessions the way services open them (storage tests do not import services)."""

    def __init__(self, db, actor: str) -> None:
        self.db, self.actor = db, actor

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.db.sessions() as session:
            session.info["actor"] = self.actor
            yield session
            session.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.sessions() as session:
            yield session


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_pragmas_and_schema(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:
        assert db.schema_before.state is schema.SchemaState.NEW
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            # the province's lists do not fit SQLite's 2 MiB default cache (engine.CACHE_KIB)
            assert conn.execute(text("PRAGMA cache_size")).scalar() == -16_384
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == schema.SCHEMA_HEAD
    with open_database(tmp_path) as db:
        assert db.schema_before.state is schema.SchemaState.CURRENT


def test_network_folder_uses_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "gwinong_desktop.storage.datafolder.is_network_path", lambda path, mountinfo=None: True
    )
    with open_database(tmp_path) as db:
        assert db.warnings
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "delete"


def test_foreign_keys_are_enforced(tmp_path: Path, new_folder: Callable[[Path], Path]) -> None:
    with (
        open_database(new_folder(tmp_path)) as db,
        db.engine.connect() as conn,
        pytest.raises(Exception, match=r"(?i)foreign key"),
    ):
        conn.execute(
            text(
                "INSERT INTO lease (uid, created_at, updated_at, house_id, kind, start_on)"
                " VALUES ('x', '2020-01-01', '2020-01-01', 999, 'lease', '2020-01-01')"
            )
        )


def test_second_instance_is_refused(tmp_path: Path) -> None:
    with open_database(tmp_path, purpose="화면"):
        with pytest.raises(StorageError) as err:
            open_database(tmp_path, purpose="가져오기")
        assert err.value.exit_code == ExitCode.IN_USE
    with open_database(tmp_path):  # released on close
        pass


def test_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db_file = tmp_path / DB_FILENAME
    db_file.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    before = digest(db_file)
    with pytest.raises(StorageError) as err:
        open_database(tmp_path)
    assert err.value.exit_code == ExitCode.NOT_A_DATABASE
    assert "데이터베이스가 아니거나" in err.value.message
    assert digest(db_file) == before
    assert not (tmp_path / (DB_FILENAME + "-wal")).exists()


def test_corrupt_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    db_file = tmp_path / DB_FILENAME
    db_file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = digest(db_file)
    with pytest.raises(StorageError) as err:
        open_database(tmp_path)
    assert err.value.exit_code == ExitCode.NOT_A_DATABASE
    assert digest(db_file) == before


def test_someone_elses_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    db_file = tmp_path / DB_FILENAME
    conn = sqlite3.connect(db_file)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = digest(db_file)
    with pytest.raises(StorageError) as err:
        open_database(tmp_path)
    assert err.value.exit_code == ExitCode.NOT_A_DATABASE
    assert "프로그램의 것이 아닙니다" in err.value.message
    assert digest(db_file) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    with open_database(tmp_path):
        pass
    db_file = tmp_path / DB_FILENAME
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.commit()
    conn.close()
    before = digest(db_file)
    with pytest.raises(StorageError) as err:
        open_database(tmp_path)
    assert err.value.exit_code == ExitCode.NEWER_SCHEMA
    assert "더 새로운 버전" in err.value.message
    assert digest(db_file) == before


def test_read_only_open_writes_nothing(tmp_path: Path) -> None:
    with open_database(tmp_path) as db, ServiceContext(db, "담당자").write() as session:
        session.add(Operator(name="진안군귀농귀촌협의회", kind=OperatorKind.COUNCIL))
    db_file = tmp_path / DB_FILENAME
    before = digest(db_file)
    with open_read_only(tmp_path) as db, db.sessions() as session:
        assert session.scalar(select(Operator.name)) == "진안군귀농귀촌협의회"
        with pytest.raises(Exception, match="readonly"):
            session.execute(text("DELETE FROM operator"))
    assert digest(db_file) == before


def test_changes_are_audited_with_old_and_new(
    tmp_path: Path, new_folder: Callable[[Path], Path]
) -> None:
    with open_database(new_folder(tmp_path)) as db:
        ctx = ServiceContext(db, "김담당")
        with ctx.write() as session:
            op = Operator(name="노촌마을협의회", kind=OperatorKind.VILLAGE, phone="010-1111-2222")
            session.add(op)
        with ctx.write() as session:
            op = session.scalars(select(Operator)).one()
            op.phone = "010-3333-4444"
        with ctx.write() as session:
            op = session.scalars(select(Operator)).one()
            from gwinong_desktop.storage.models import utcnow

            op.archived_at = utcnow()
        with ctx.read() as session:
            events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["create", "update", "archive"]
    assert {e.actor for e in events} == {"김담당"}
    assert events[0].entity == "operator" and events[0].entity_uid == op.uid
    assert events[1].changes == {"phone": ["010-1111-2222", "010-3333-4444"]}
    assert events[0].at.tzinfo is not None


def test_a_change_without_an_actor_is_refused(
    tmp_path: Path, new_folder: Callable[[Path], Path]
) -> None:
    with open_database(new_folder(tmp_path)) as db, db.sessions() as session:
        session.add(Operator(name="무명", kind=OperatorKind.COUNTY))
        with pytest.raises(RuntimeError, match="actor"):
            session.commit()


def test_failed_write_leaves_nothing(tmp_path: Path, new_folder: Callable[[Path], Path]) -> None:
    with open_database(new_folder(tmp_path)) as db:
        ctx = ServiceContext(db, "김담당")
        with pytest.raises(ValueError), ctx.write() as session:
            session.add(Operator(name="노촌마을협의회", kind=OperatorKind.VILLAGE))
            session.flush()
            raise ValueError("the officer's form was refused half-way")
        with ctx.read() as session:
            assert session.scalar(select(Operator.id)) is None
            assert session.scalar(select(AuditEvent.id)) is None


def test_a_write_that_reads_first_waits_for_another_writer(
    tmp_path: Path, new_folder: Callable[[Path], Path]
) -> None:
    """Unit of work A reads, B commits a write meanwhile, then A writes: with BEGIN IMMEDIATE
    for writers, B waits for A instead of A failing with "database is locked"."""
    import threading

    from gwinong_desktop.storage.engine import begin_write

    with open_database(new_folder(tmp_path)) as db:
        with db.sessions() as session:
            session.info["actor"] = "준비"
            session.add(Operator(name="노촌마을협의회", kind=OperatorKind.VILLAGE))
            session.commit()
        a_has_read = threading.Event()
        b_done = threading.Event()
        errors: list[BaseException] = []

        def writer_b() -> None:
            a_has_read.wait(5)
            try:
                with db.sessions() as session:
                    session.info["actor"] = "B"
                    begin_write(session)
                    session.add(Operator(name="진안군귀농귀촌협의회", kind=OperatorKind.COUNCIL))
                    session.commit()
            except BaseException as exc:  # pragma: no cover - the failure being tested
                errors.append(exc)
            b_done.set()

        thread = threading.Thread(target=writer_b)
        thread.start()
        with db.sessions() as session:
            session.info["actor"] = "A"
            begin_write(session)
            op = session.scalars(select(Operator)).one()
            a_has_read.set()
            b_done.wait(0.5)  # B is blocked now (or, without IMMEDIATE, would commit here)
            op.phone = "063-430-0000"
            session.commit()
        thread.join(15)
        assert errors == []
        with db.sessions() as session:
            assert session.scalar(select(func.count(Operator.id))) == 2
            phones = session.scalars(select(Operator.phone)).all()
            assert "063-430-0000" in phones
