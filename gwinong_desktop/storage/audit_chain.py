"""The audit trail's hash chain: an edited, deleted or inserted record is found by ``check``.

Each ``AuditEvent`` carries ``prev_hash`` (the hash of the event before it, by id) and ``hash``:
SHA-256 over a canonical JSON of that prev_hash and the event's own fields, as stored. The newest
hash, its id and the number of chained events are kept in the ``setting`` row ``audit.head``, so
that deleting the newest events is found as well as deleting one in the middle.

Chaining happens inside the writing transaction, after the INSERT (``chain_pending`` from the
session's ``after_flush`` and ``before_commit``): SQLite then holds the write lock, so no other
writer can slip an event in between reading the head and writing the hashes. The hashes are made
from the rows read back from the database, which is exactly what ``verify_chain`` reads later.

What the chain does not do: someone who edits the database file and recomputes every later hash
and the head (the method is public) is not detected; the chain catches edits made with an ordinary
SQLite tool, deleted and inserted records, and a database put back from an older copy by hand.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from .models import AuditEvent, Setting

HEAD_KEY = "audit.head"
_T = AuditEvent.__table__
_FIELDS = (
    _T.c.id,
    _T.c.uid,
    _T.c.at,
    _T.c.actor,
    _T.c.host,
    _T.c.action,
    _T.c.entity,
    _T.c.entity_uid,
    _T.c.summary,
    _T.c.changes,
    _T.c.user_id,
)
_SHOWN = 5  # records named per kind of problem; the rest are counted


def event_hash(prev_hash: str | None, row: Any) -> str:
    """The hash of one event (a row with the columns of ``_FIELDS``) after ``prev_hash``."""
    at = row.at
    if isinstance(at, datetime):
        at = at.astimezone(UTC).isoformat(timespec="microseconds")
    payload = [
        prev_hash,
        row.id,
        row.uid,
        at,
        row.actor,
        row.host,
        row.action,
        row.entity,
        row.entity_uid,
        row.summary,
        row.changes,
        row.user_id,
    ]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Head:
    count: int
    last_id: int
    hash: str | None

    def text(self) -> str:
        return json.dumps({"count": self.count, "id": self.last_id, "hash": self.hash})

    @classmethod
    def parse(cls, text: str | None) -> Head | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(int(data["count"]), int(data["id"]), data["hash"])
        except (ValueError, KeyError, TypeError):
            return None


def read_head(conn: Connection) -> Head | None:
    """The chain's head as kept in ``audit.head`` (None: none, or not readable)."""
    return Head.parse(conn.execute(select(Setting.value).where(Setting.key == HEAD_KEY)).scalar())


def _write_head(conn: Connection, head: Head, existed: bool) -> None:
    table = Setting.__table__
    if existed:
        conn.execute(update(table).where(table.c.key == HEAD_KEY).values(value=head.text()))
    else:
        conn.execute(insert(table).values(key=HEAD_KEY, value=head.text()))


WRITERS_LOCK = 0x6777_6E67
"""The advisory lock every writer to a server database takes (``storage.server``)."""


def hold_writers_lock(conn: Connection) -> None:
    """On a server, wait for the writers' lock and hold it to the end of the transaction.

    Several PCs write at once there. Each takes this lock before it inserts its first event,
    so event ids (a sequence, given at insert) follow the order in which writers commit, and
    each chains onto the head the one before it left: no fork, no event left unchained. SQLite
    needs nothing: one writer at a time is how it works. Taken again in the same transaction,
    it is already held.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")


def _start(conn: Connection) -> tuple[Head, bool]:
    """Where chaining goes on: the head, or (no head yet) the start of the trail."""
    hold_writers_lock(conn)
    text = conn.execute(select(Setting.value).where(Setting.key == HEAD_KEY)).scalar()
    head = Head.parse(text)  # (the row may be there and unreadable: then it is overwritten)
    if head is not None:
        return head, True
    last = conn.execute(
        select(_T.c.id, _T.c.hash).where(_T.c.hash.is_not(None)).order_by(_T.c.id.desc()).limit(1)
    ).first()
    if last is None:  # a trail from before the chain existed: chained from its first event
        return Head(0, 0, None), text is not None
    # Hashed events but no head: someone removed it. Go on from the last hashed event and say so
    # in the trail itself, so that the repair does not hide what happened.
    count = conn.execute(select(func.count()).where(_T.c.hash.is_not(None))).scalar() or 0
    conn.execute(
        insert(_T).values(
            uid=_new_uid(),
            at=datetime.now(UTC),
            actor="system",
            action="tamper",
            entity="audit_event",
            summary="변경 기록의 기준값(audit.head)이 없어져, 마지막으로 해시가 있는 기록부터 "
            "다시 이어 붙였습니다",
        )
    )
    return Head(count, last.id, last.hash), text is not None


def _new_uid() -> str:
    from .models import new_uid

    return new_uid()


def chain_pending(conn: Connection) -> dict[int, tuple[str | None, str]]:
    """Hash every event written after the head (in id order) and move the head on.

    Returns ``{id: (prev_hash, hash)}`` of the events chained. Call inside the writing transaction.
    """
    head, existed = _start(conn)
    rows = conn.execute(select(*_FIELDS).where(_T.c.id > head.last_id).order_by(_T.c.id)).all()
    if not rows:
        return {}
    done: dict[int, tuple[str | None, str]] = {}
    prev, count = head.hash, head.count
    for row in rows:
        digest = event_hash(prev, row)
        done[row.id] = (prev, digest)
        prev, count = digest, count + 1
    conn.execute(
        update(_T)
        .where(_T.c.id == bindparam("b_id"))
        .values(prev_hash=bindparam("b_prev"), hash=bindparam("b_hash")),
        [{"b_id": i, "b_prev": p, "b_hash": h} for i, (p, h) in done.items()],
    )
    _write_head(conn, Head(count, rows[-1].id, prev), existed)
    return done


# --- verification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    """One thing wrong with the trail; ``message`` is Korean, ``kind`` one of
    edited, link, unchained, head, not_chained (a trail from before the chain: a notice)."""

    kind: str
    message: str
    event_id: int | None = None


def _rows(conn: Connection, batch: int = 5000) -> Iterator[Any]:
    last = 0
    while True:
        rows = conn.execute(
            select(*_FIELDS, _T.c.prev_hash, _T.c.hash)
            .where(_T.c.id > last)
            .order_by(_T.c.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _when(row: Any) -> str:
    at = row.at.astimezone().strftime("%Y-%m-%d %H:%M") if row.at else "?"
    return f"#{row.id} ({at}, {row.actor}, {row.action} {row.entity})"


def verify_chain(conn: Connection) -> list[ChainProblem]:
    """Walk the whole trail in id order and report every break (read only)."""
    found: dict[str, list[str]] = {"edited": [], "link": [], "unchained": []}
    first_ids: dict[str, int] = {}
    unhashed: list[Any] = []
    expected: str | None = None
    chained = 0
    last: Any = None
    for row in _rows(conn):
        if row.hash is None:
            unhashed.append(row)
            continue
        if row.prev_hash != expected:
            found["link"].append(_when(row))
            first_ids.setdefault("link", row.id)
        if event_hash(row.prev_hash, row) != row.hash:
            found["edited"].append(_when(row))
            first_ids.setdefault("edited", row.id)
        expected = row.hash
        chained += 1
        last = row
    if chained:  # every event is chained from the first write of this version on
        found["unchained"] = [_when(row) for row in unhashed]
        if unhashed:
            first_ids["unchained"] = unhashed[0].id
    problems = [
        ChainProblem(kind, _message(kind, items), first_ids.get(kind))
        for kind, items in found.items()
        if items
    ]
    if unhashed and not chained:
        problems.append(
            ChainProblem(
                "not_chained",
                f"변경 기록 {len(unhashed):,}건이 이전 버전에서 만들어져 아직 해시로 묶이지 "
                "않았습니다 (다음에 저장할 때 묶입니다).",
            )
        )
    problems += _head_problems(conn, chained, last)
    return problems


def _message(kind: str, items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN]) + (
        f" 외 {len(items) - _SHOWN:,}건" if len(items) > _SHOWN else ""
    )
    text = {
        "edited": "변경 기록의 내용이 기록된 뒤에 바뀌었습니다",
        "link": "변경 기록의 연결이 끊겼습니다 — 바로 앞의 기록이 지워졌거나 기록이 끼워 "
        "넣어졌습니다",
        "unchained": "해시 없이 끼워 넣어진 변경 기록이 있습니다",
    }[kind]
    return f"{text}: {shown}"


def _head_problems(conn: Connection, chained: int, last: Any) -> list[ChainProblem]:
    head = read_head(conn)
    if head is None:
        if chained:
            return [
                ChainProblem(
                    "head",
                    "변경 기록의 기준값(audit.head)이 없거나 읽을 수 없습니다 — 지워졌거나 "
                    "고쳐졌습니다.",
                )
            ]
        return []
    last_id = last.id if last is not None else 0
    last_hash = last.hash if last is not None else None
    if head.count > chained or head.last_id > last_id:
        missing = max(head.count - chained, 0)
        return [
            ChainProblem(
                "head",
                f"가장 최근의 변경 기록이 지워졌습니다 (기준값: {head.count:,}건, 마지막 #"
                f"{head.last_id}; 지금: {chained:,}건, 마지막 #{last_id}"
                + (f"; {missing:,}건 없음)" if missing else ")"),
                head.last_id,
            )
        ]
    if (head.count, head.last_id, head.hash) != (chained, last_id, last_hash):
        return [
            ChainProblem(
                "head",
                f"변경 기록이 기준값과 맞지 않습니다 (기준값: {head.count:,}건, 마지막 #"
                f"{head.last_id}; 지금: {chained:,}건, 마지막 #{last_id}) — 기록이 덧붙여졌거나 "
                "바뀌었습니다.",
                last_id,
            )
        ]
    return []
