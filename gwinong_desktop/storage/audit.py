"""The audit trail: every change made through a session is written as an ``AuditEvent``.

A session must say who acts (``session.info["actor"]``); a flush without an actor is refused, so a
change can never slip past the log. Values are stored as JSON-friendly text: old → new per field.
Bulk work that bypasses the ORM (imports, the demo generator) writes one summary event itself.
"""

from __future__ import annotations

import socket
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from .models import AuditEvent

_SKIP_FIELDS = frozenset({"id", "created_at", "updated_at"})
_HOST = socket.gethostname()


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
                out[key] = [None, plain(value)]
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            value = hist.added[0] if hist.added else None
            if plain(old) != plain(value):
                out[key] = [plain(old), plain(value)]
    return out


def _action(obj: Any, changes: dict[str, list[Any]], *, new: bool) -> str:
    if new:
        return "create"
    if "archived_at" in changes:
        return "archive" if changes["archived_at"][1] is not None else "restore"
    return "update"


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    items = [(o, True) for o in session.new] + [(o, False) for o in session.dirty]
    items += [(o, None) for o in session.deleted]
    items = [(o, n) for o, n in items if not isinstance(o, AuditEvent)]
    if not items:
        return
    actor = session.info.get("actor")
    if not actor:
        raise RuntimeError("a change without an actor: open sessions through a UnitOfWork")
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
        session.add(
            AuditEvent(
                actor=actor,
                host=_HOST,
                action=action,
                entity=obj.__tablename__,
                entity_uid=getattr(obj, "uid", None),
                changes=changes,
            )
        )


def install_audit(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "before_flush", _before_flush)


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
            summary=summary,
        )
    )
