"""Collecting demo rows and writing them with Core bulk inserts; counting a phase's items.

The generators never go through ORM objects: the audit hook would write one event per row (with
random uids and the wall clock), and ORM inserts are several times slower (ARCHITECTURE.md). Rows
are plain dicts with every column given, ids assigned here so children can point at parents before
anything is written, and ``uid``/``created_at``/``updated_at`` set from a seeded generator and the
simulated dates, so the same seed and ``today`` give the same rows.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.storage.models import Base
from gwinong_desktop.storage.transfer import advance_sequences

KST = timezone(timedelta(hours=9), "KST")


def counting(state: TaskState, count: int, label: str) -> Callable[[int], None]:
    """Report ``count`` items of one phase to ``state`` (a ``span`` of the build's) under
    ``label``: ``tick(n)`` after ``n`` more. Every report may raise ``Cancelled``."""
    seen = 0
    state.report(0, count, label)

    def tick(n: int = 1) -> None:
        nonlocal seen
        seen += n
        state.report(min(seen, count), count, label)

    return tick


def kst(d: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment on ``d`` in Korean time (tz-aware)."""
    return datetime.combine(d, time(hour, minute), KST)


class Rows:
    """Rows per table, written in dependency order (parents first) by ``flush``.

    ``add`` fills every column (the table's scalar defaults, then the given values), gives the row
    the next id, a uid from the seeded generator and timestamps on ``on`` (a simulated date, at an
    office hour in Korean time). ``flush`` writes everything collected so far with one Core
    executemany per table; call it as often as memory asks for, since later rows may only refer to
    rows added before them.
    """

    def __init__(self, session: Session, rng: random.Random) -> None:
        self.session = session
        self.rng = rng
        self._pending: dict[Table, list[dict[str, Any]]] = {}
        self._next_id: dict[Table, int] = {}
        self._templates: dict[Table, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        self.buffered = 0

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stamp(self, on: date) -> datetime:
        """An office-hours moment on ``on`` (KST) as an aware UTC datetime."""
        minutes = self.rng.randrange(9 * 60, 18 * 60)
        moment = datetime(on.year, on.month, on.day, minutes // 60, minutes % 60, tzinfo=KST)
        return moment.astimezone(UTC)

    def _template(self, table: Table) -> dict[str, Any]:
        template = self._templates.get(table)
        if template is None:
            template = {}
            for column in table.columns:
                default = column.default
                scalar = default is not None and getattr(default, "is_scalar", False)
                template[column.name] = default.arg if scalar else None  # type: ignore[union-attr]
            self._templates[table] = template
        return template

    def _first_id(self, table: Table) -> int:
        if table not in self._next_id:
            current = self.session.execute(select(func.max(table.c.id))).scalar()
            self._next_id[table] = (current or 0) + 1
        return self._next_id[table]

    def add(self, model: type[Base], on: date, **values: Any) -> int:
        """Collect one record of ``model`` entered on ``on``; return its id."""
        table: Table = model.__table__  # type: ignore[assignment]
        row_id = self._first_id(table)
        self._next_id[table] = row_id + 1
        at = self.stamp(on)
        row = dict(self._template(table))
        row.update(id=row_id, uid=self.uid(), created_at=at, updated_at=at)
        row.update(values)
        self._pending.setdefault(table, []).append(row)
        self.counts[table.name] += 1
        self.buffered += 1
        return row_id

    def add_plain(self, model: type[Base], **values: Any) -> None:
        """A row of a table without the record columns (``setting``)."""
        table: Table = model.__table__  # type: ignore[assignment]
        row = dict(self._template(table))
        row.update(values)
        self._pending.setdefault(table, []).append(row)
        self.counts[table.name] += 1
        self.buffered += 1

    def flush(self) -> None:
        """Write every collected row, parents before children (ids given here: a server's id
        sequences are moved on after them)."""
        written = []
        for table in Base.metadata.sorted_tables:
            rows = self._pending.pop(table, None)
            if rows:
                self.session.execute(insert(table), rows)
                written.append(table)
        advance_sequences(self.session.connection(), written)
        self.buffered = 0
