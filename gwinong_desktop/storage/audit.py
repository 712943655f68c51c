"""The audit trail: every change made through a session is written as an ``AuditEvent``.

A session must say who acts (``session.info["actor"]``, and ``session.info["user_id"]`` and
``["role"]`` for a signed-in account); a flush without an actor is refused, so a change can never
slip past the log, and a role that may not edit (열람) changes no record through the ORM.
Values are stored as JSON-friendly text: old → new per field. Bulk work that bypasses the ORM
(imports, the demo generator) writes one summary event itself. Every event is chained by hashes
inside the writing transaction (``audit_chain``), so ``check`` finds edited or deleted records.
Records are never deleted by the program. The tables a unit of work wrote are kept in its session
(:func:`written_tables`), so a service can say what it touched (``domain.changes``).
"""

from __future__ import annotations

import socket
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from gwinong_desktop.domain.permissions import NotPermitted, Permission, allows

from .audit_chain import ChainProblem, chain_pending, hold_writers_lock
from .audit_chain import verify_chain as _verify_connection
from .models import AuditEvent, Report

_SKIP_FIELDS = frozenset({"id", "created_at", "updated_at"})
# never written into the trail, only that they changed (a password hash kept in the log would
# outlive the password it protects)
_SECRET_FIELDS = frozenset({"password_hash"})
_HOST = socket.gethostname()
_WRITTEN = "written_tables"


def plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return "(암호화됨)"
    return value


def _shown(key: str, value: Any) -> Any:
    if key in _SECRET_FIELDS and value is not None:
        return "(비공개)"
    return plain(value)


def _changes(obj: Any, *, new: bool) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP_FIELDS:
            continue
        hist = state.attrs[key].history
        if new:
            value = getattr(obj, key)
            if value is not None:
                out[key] = [None, _shown(key, value)]
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            value = hist.added[0] if hist.added else None
            if plain(old) != plain(value):
                out[key] = [_shown(key, old), _shown(key, value)]
    return out


def _action(obj: Any, changes: dict[str, list[Any]], *, new: bool) -> str:
    if new:
        return "create"
    if "archived_at" in changes:
        return "archive" if changes["archived_at"][1] is not None else "restore"
    return "update"


def _only_kept_reports(items: list[tuple[Any, bool | None]]) -> bool:
    """Whether a flush only adds ``report`` rows: the archive of what was exported."""
    return all(new is True and isinstance(obj, Report) for obj, new in items)


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        hold_writers_lock(session.connection())  # before the first event gets its id
    items = [(o, True) for o in session.new] + [(o, False) for o in session.dirty]
    items += [(o, None) for o in session.deleted]
    items = [(o, n) for o, n in items if not isinstance(o, AuditEvent)]
    if not items:
        return
    actor = session.info.get("actor")
    if not actor:
        raise RuntimeError("a change without an actor: open sessions through a UnitOfWork")
    role = session.info.get("role")
    if role is not None and not allows(role, Permission.EDIT) and not _only_kept_reports(items):
        # the last line of defence: a 열람 account changes nothing, whatever a screen forgets
        # (but the copy of a report it exported is kept, as the export's access record is)
        raise NotPermitted(Permission.EDIT, role)
    user_id = session.info.get("user_id")
    for obj, new in items:
        if new is None:
            action, changes = "delete", None
        else:
            if not new and not session.is_modified(obj, include_collections=False):
                continue
            if new and getattr(obj, "uid", None) is None:
                # defaults apply at INSERT; the audit row needs the uid now
                from .models import new_uid

                obj.uid = new_uid()
            changes = _changes(obj, new=new)
            if not new and not changes:
                continue
            action = _action(obj, changes, new=new)
        session.info.setdefault(_WRITTEN, set()).add(obj.__tablename__)
        session.add(
            AuditEvent(
                actor=actor,
                host=_HOST,
                action=action,
                entity=obj.__tablename__,
                entity_uid=getattr(obj, "uid", None),
                changes=changes,
                user_id=user_id,
            )
        )


def _after_flush(session: Session, _ctx: Any) -> None:
    """Chain the events just inserted (the transaction now holds SQLite's write lock)."""
    written = [o for o in session.new if isinstance(o, AuditEvent)]
    if not written:
        return
    done = chain_pending(session.connection())
    for obj in written:  # the objects say what the rows say
        if obj.id in done:
            prev, digest = done[obj.id]
            set_committed_value(obj, "prev_hash", prev)
            set_committed_value(obj, "hash", digest)


def _before_commit(session: Session) -> None:
    """Chain events written with Core inserts since the last flush (none are left unchained).

    Flushes first: the commit would anyway, and a read before the first write would make SQLite
    refuse the write at once (not after the busy timeout) when another writer got in between."""
    if session.in_transaction():
        session.flush()
        chain_pending(session.connection())


def written_tables(session: Session) -> frozenset[str]:
    """The tables whose rows this session changed through the ORM so far (flushed)."""
    return frozenset(session.info.get(_WRITTEN, ()))


def install_audit(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "before_commit", _before_commit)


def verify_chain(session: Session | Connection) -> list[ChainProblem]:
    """Every break of the audit trail's hash chain (edited, deleted, inserted records)."""
    conn = session.connection() if isinstance(session, Session) else session
    return _verify_connection(conn)


def log_event(
    session: Session, action: str, entity: str, summary: str, entity_uid: str | None = None
) -> None:
    """An explicit event for work that bypasses the ORM (a bulk import, a view of personal data)."""
    session.add(
        AuditEvent(
            actor=session.info.get("actor") or "system",
            host=_HOST,
            action=action,
            entity=entity,
            entity_uid=entity_uid,
            summary=summary[:300],
            user_id=session.info.get("user_id"),
        )
    )
