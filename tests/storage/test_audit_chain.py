"""The audit trail's hash chain: what ``check`` finds when past records are edited or deleted."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import OperatorKind
from gwinong_desktop.storage.audit import log_event, verify_chain
from gwinong_desktop.storage.audit_chain import HEAD_KEY, Head, event_hash
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import AuditEvent, Operator, Setting

# Not run on PostgreSQL (the db_kind fixture): by nature, see the reason.
pytestmark = pytest.mark.sqlite_only(
    "the trail is tampered with through sqlite3 on the file; an event edited on a server is "
    "found by the check in tests/server/test_server_cli.py"
)


@contextmanager
def writing(db: Database, actor: str = "tester") -> Iterator[Session]:
    with db.sessions() as session:
        session.info["actor"] = actor
        yield session
        session.commit()


def problems(db: Database) -> list[str]:
    with db.sessions() as session:
        return [p.kind for p in verify_chain(session)]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path) as database:
        for n in range(6):
            with writing(database) as s:
                s.add(Operator(name=f"협의회 {n}", kind=OperatorKind.COUNCIL))
                log_event(s, "view", "operator", f"조회 {n}")
        yield database


def raw(db: Database, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db.folder.root / DB_FILENAME)
    with conn:
        conn.execute(sql, params)
    conn.close()


def ids(db: Database) -> list[int]:
    with db.sessions() as s:
        return list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def test_every_event_is_chained_and_the_head_follows(db: Database) -> None:
    with db.sessions() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        head = Head.parse(s.get(Setting, HEAD_KEY).value)
    assert len(events) == 12
    assert events[0].prev_hash is None
    for before, event in itertools.pairwise(events):
        assert event.prev_hash == before.hash
        assert event.hash == event_hash(event.prev_hash, event)
    assert head == Head(12, events[-1].id, events[-1].hash)
    assert problems(db) == []


def test_the_objects_carry_their_hashes_after_commit(tmp_path: Path) -> None:
    with open_database(tmp_path) as db, writing(db) as s:
        log_event(s, "view", "resident", "열람")
        s.flush()
        event = s.scalars(select(AuditEvent)).one()
        assert event.hash and len(event.hash) == 64


def test_an_edited_record_is_found(db: Database) -> None:
    target = ids(db)[4]
    raw(db, "UPDATE audit_event SET summary = '다른 내용' WHERE id = ?", target)
    found = _found(db)
    assert [p.kind for p in found] == ["edited"]
    assert found[0].event_id == target and f"#{target}" in found[0].message


def test_an_edited_record_with_its_hash_recomputed_breaks_the_next_link(db: Database) -> None:
    target = ids(db)[4]
    with db.sessions() as s:
        row = s.get(AuditEvent, target)
        row_hash = event_hash(row.prev_hash, _with(row, actor="someone"))
    raw(db, "UPDATE audit_event SET actor = 'someone', hash = ? WHERE id = ?", row_hash, target)
    assert problems(db) == ["link"]


def test_a_deleted_middle_record_is_found(db: Database) -> None:
    raw(db, "DELETE FROM audit_event WHERE id = ?", ids(db)[5])
    assert "link" in problems(db)


def test_a_deleted_first_record_is_found(db: Database) -> None:
    raw(db, "DELETE FROM audit_event WHERE id = ?", ids(db)[0])
    assert "link" in problems(db)


def test_deleting_the_newest_records_is_found(db: Database) -> None:
    for target in ids(db)[-2:]:
        raw(db, "DELETE FROM audit_event WHERE id = ?", target)
    found = _found(db)
    assert [p.kind for p in found] == ["head"]
    assert "가장 최근의 변경 기록이 지워졌습니다" in found[0].message


def test_a_forged_record_without_a_hash_is_found(db: Database) -> None:
    raw(
        db,
        "INSERT INTO audit_event (uid, at, actor, action, entity) "
        "VALUES ('forged', '2024-01-01 00:00:00', 'x', 'view', 'resident')",
    )
    assert "unchained" in problems(db)


def test_a_forged_record_linked_to_the_last_one_is_found(db: Database) -> None:
    with db.sessions() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
        forged = _with(
            last, id=last.id + 1, uid="forged", summary="꾸민 기록", entity_uid=None, changes=None
        )
        digest = event_hash(last.hash, forged)
    raw(
        db,
        "INSERT INTO audit_event (id, uid, at, actor, host, action, entity, summary, prev_hash,"
        " hash) VALUES (?, 'forged', ?, ?, ?, ?, ?, '꾸민 기록', ?, ?)",
        last.id + 1,
        last.at.strftime("%Y-%m-%d %H:%M:%S.%f"),
        last.actor,
        last.host,
        last.action,
        last.entity,
        last.hash,
        digest,
    )
    assert problems(db) == ["head"]


def test_a_removed_head_is_found_and_the_next_write_says_so(db: Database) -> None:
    raw(db, "DELETE FROM setting WHERE key = ?", HEAD_KEY)
    assert problems(db) == ["head"]
    with writing(db) as s:
        log_event(s, "view", "resident", "다음 기록")
    with db.sessions() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["view", "tamper"]
    assert problems(db) == []  # the trail goes on, and says what happened


def test_events_inserted_with_core_are_chained_at_commit(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:
        with writing(db) as s:
            s.execute(
                insert(AuditEvent),
                [
                    {"uid": f"u{i}", "actor": "import", "action": "import", "entity": "house"}
                    for i in range(3)
                ],
            )
        with db.sessions() as s:
            assert all(s.scalars(select(AuditEvent.hash)))
        assert problems(db) == []


def test_many_events_in_one_transaction_chain_in_order(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:
        with writing(db) as s:
            for n in range(200):
                log_event(s, "export", "register", f"내보내기 {n}")
                if n % 50 == 0:
                    s.flush()
        assert problems(db) == []
        with db.sessions() as s:
            assert Head.parse(s.get(Setting, HEAD_KEY).value).count == 200


def test_writers_in_threads_keep_one_chain(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:

        def work(name: str) -> None:
            for n in range(15):
                with writing(db, name) as s:
                    s.add(Operator(name=f"{name} {n}", kind=OperatorKind.VILLAGE))

        threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert problems(db) == []
        assert len(ids(db)) == 45


def test_a_trail_from_before_the_chain_is_chained_by_the_next_write(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:
        with writing(db) as s:
            log_event(s, "create", "demo", "옛 기록")
        raw(db, "UPDATE audit_event SET hash = NULL, prev_hash = NULL")
        raw(db, "DELETE FROM setting WHERE key = ?", HEAD_KEY)
        assert problems(db) == ["not_chained"]
        with writing(db) as s:
            log_event(s, "login", "app_user", "로그인")
        assert problems(db) == []


def _found(db: Database):
    with db.sessions() as s:
        return verify_chain(s)


class _Row:
    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)


def _with(event: AuditEvent, **changes: object) -> _Row:
    fields = ("id", "uid", "at", "actor", "host", "action", "entity", "entity_uid", "summary")
    values = {f: getattr(event, f) for f in fields}
    values.update(changes=event.changes, user_id=event.user_id)
    values.update(changes)
    return _Row(**values)
