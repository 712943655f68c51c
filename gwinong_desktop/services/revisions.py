"""A form saved over a record someone else saved after it was opened is refused, never a lost
update (several officers on one server database; a field kit brought back meanwhile).

A form carries the ``revision`` of the record as it was loaded; the save compares it with the
record's revision inside the writing transaction (which then holds the record: SQLAlchemy's
version check refuses a race between the two steps too). The refusal names each field where
the saved record and the form differ, with both values, and who saved it when; the form keeps
what the officer typed, so they can look, then reopen the record and type again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.periods import format_moment
from gwinong_desktop.storage.audit import plain
from gwinong_desktop.storage.models import AuditEvent

from .record_labels import entity_label, field_label, shown_value


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str
    typed: str


class ChangedMeanwhile(Refusal):
    """Someone saved the record after this form loaded it; ``differences`` says where."""

    def __init__(self, message: str, differences: list[Difference]) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)
        self.differences = differences


def refuse_if_changed(
    session: Session,
    record: Any,
    form: Any,
    entity: str,
    *,
    names: Mapping[str, str] | None = None,
    revision: int | None = None,
) -> None:
    """Raise :class:`ChangedMeanwhile` when ``record`` is no longer at ``form.revision`` (a
    form without a revision — a new record, or an older caller — is not checked).

    The differences shown are the form's fields named like a column of the record, or mapped to
    one by ``names`` (form field → column: ``{"new_end_on": "end_on"}``). ``revision`` is the
    expected revision when the form checks a record other than its own (a stay's extension
    carries the stay's revision as ``stay_revision``)."""
    expected = revision if revision is not None else getattr(form, "revision", None)
    if expected is None or record.revision == expected:
        return
    columns = {a.key for a in sa_inspect(record).mapper.column_attrs}
    differences = []
    for f in fields(form):
        column = (names or {}).get(f.name, f.name)
        if f.name in ("id", "revision") or column in ("id", "revision") or column not in columns:
            continue
        saved, typed = plain(getattr(record, column)), plain(getattr(form, f.name))
        if isinstance(saved, list | dict) or isinstance(typed, list | dict):
            continue  # a table (a checklist): its own lines are checked, if anywhere
        if _same(saved, typed):
            continue
        differences.append(
            Difference(
                field_label(entity, column),
                shown_value(entity, column, saved) or "(비어 있음)",
                shown_value(entity, column, typed) or "(비어 있음)",
            )
        )
    raise _changed(session, entity, [record.uid], f"이 {entity_label(entity)} 기록은", differences)


Lines = tuple[tuple[int, int], ...]
"""The (id, revision) of each row of a form's table (a works record's 원인행위, a resident's
household members, an inspection's findings …) as the form loaded them, by id."""


def line_revisions(rows: Iterable[Any]) -> Lines:
    """The live rows (not archived) of a form's table as :data:`Lines`."""
    return tuple(
        sorted((r.id, r.revision) for r in rows if getattr(r, "archived_at", None) is None)
    )


def refuse_if_lines_changed(
    session: Session, rows: Iterable[Any], loaded: Lines | None, entity: str, typed: int
) -> None:
    """Raise :class:`ChangedMeanwhile` when the live rows of a form's table are no longer those
    the form loaded (``loaded``; None: not checked): someone added, changed or removed one.
    ``typed`` is how many lines the form now has."""
    if loaded is None:
        return
    rows = [r for r in rows if getattr(r, "archived_at", None) is None]
    now = line_revisions(rows)
    if now == tuple(tuple(x) for x in loaded):
        return
    before = dict(loaded)
    added = sum(1 for i, _ in now if i not in before)
    changed = sum(1 for i, rev in now if i in before and before[i] != rev)
    removed = len(set(before) - {i for i, _ in now})
    counts = (("더해진 줄", added), ("고친 줄", changed), ("지운 줄", removed))
    what = ", ".join(f"{name} {n}" for name, n in counts if n)
    label = entity_label(entity)
    difference = Difference(label, f"{len(now)}줄 ({what})", f"{typed}줄")
    uids = [r.uid for r in rows] or ["-"]
    raise _changed(session, entity, uids, f"{label} 목록은", [difference])


def _changed(
    session: Session, entity: str, uids: list[str], subject: str, differences: list[Difference]
) -> ChangedMeanwhile:
    """The refusal: who saved last (the newest event of ``entity`` on ``uids``), each
    difference with both values, and that what was typed is kept."""
    who = session.execute(
        select(AuditEvent.actor, AuditEvent.at)
        .where(AuditEvent.entity == entity, AuditEvent.entity_uid.in_(uids))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    by = f"{who.actor}님이 {_when(who.at)}에" if who else "다른 사람이"
    lines = [f"- {d.label}: 저장된 값 {d.saved} / 입력한 값 {d.typed}" for d in differences]
    detail = "\n".join(lines) if lines else "(이 창의 칸들은 저장된 값과 같습니다)"
    return ChangedMeanwhile(
        f"{subject} 창을 연 뒤 {by} 저장했습니다. 덮어쓰지 않았습니다.\n"
        f"{detail}\n입력한 내용은 이 창에 그대로 있습니다. "
        "창을 닫고 기록을 다시 연 뒤 고쳐 주세요.",
        differences,
    )


def _same(saved: Any, typed: Any) -> bool:
    if saved in (None, "") and typed in (None, ""):
        return True
    return str(saved) == str(typed)


def _when(at: datetime | str) -> str:
    return format_moment(at) if isinstance(at, datetime) else str(at)


NOT_CHANGES = ("view", "print", "export", "login", "login_failed", "logout", "lock", "unlock")
"""Audit actions that record a look, not a change: a list does not reload for them."""


@dataclass(frozen=True)
class ChangeMark:
    """Where the data stands: the newest change event, and whether someone other than this
    actor changed something after the mark asked about."""

    newest: int
    by_others: bool


def change_mark(session: Session, since: int | None, actor: str) -> ChangeMark:
    """The newest change event's id (0: none), and whether an event after ``since`` was written
    by another actor (always False when ``since`` is None). Two queries on the primary key."""
    changes = AuditEvent.action.not_in(NOT_CHANGES)
    newest = session.scalar(
        select(AuditEvent.id).where(changes).order_by(AuditEvent.id.desc()).limit(1)
    )
    others = False
    if since is not None and (newest or 0) > since:
        others = (
            session.scalar(
                select(AuditEvent.id)
                .where(AuditEvent.id > since, changes, AuditEvent.actor != actor)
                .limit(1)
            )
            is not None
        )
    return ChangeMark(newest or 0, others)
