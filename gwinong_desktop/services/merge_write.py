"""Writing a merge into the office database with Core statements, in batches: records made on
the laptop inserted with their own uids, fields taken set with the record's revision raised.

Values arrive in "uid space" (a foreign key is the referenced record's uid) and are turned into
the office's integer keys here (:class:`OfficeKeys`, one query per table and batch).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from gwinong_desktop.storage.models import Base

from .kit_manifest import KitRefused
from .merge_plan import NewRecord

_CHUNK = 500


def _foreign_keys(entity: str) -> list[tuple[str, str]]:
    """(column, referenced table) of ``entity``'s foreign keys."""
    t = Base.metadata.tables[entity]
    return [(c.name, fk.column.table.name) for c in t.columns for fk in c.foreign_keys]


class OfficeKeys:
    """Office ids of records by uid, fetched a batch at a time and kept."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.cache: dict[tuple[str, str], int] = {}

    def fetch(self, table: str, uids: Iterable[str]) -> None:
        t = Base.metadata.tables[table]
        wanted = sorted({u for u in uids if u is not None and (table, u) not in self.cache})
        for i in range(0, len(wanted), _CHUNK):
            query = select(t.c.uid, t.c.id).where(t.c.uid.in_(wanted[i : i + _CHUNK]))
            self.cache.update(((table, uid), id_) for uid, id_ in self.conn.execute(query))

    def fetch_references(self, entity: str, rows: Iterable[dict[str, Any]]) -> None:
        """Every id the foreign keys of ``rows`` (of ``entity``, uid space) name."""
        rows = list(rows)
        for name, target in _foreign_keys(entity):
            self.fetch(target, (r.get(name) for r in rows if r.get(name) is not None))

    def of(self, table: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        key = (table, uid)
        if key not in self.cache:
            self.fetch(table, [uid])
            if key not in self.cache:
                raise KitRefused(f"합칠 기록을 사무실 데이터에서 찾지 못했습니다: {table} {uid}")
        return self.cache[key]

    def row(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` (uid space) as the office's columns (keys as office ids)."""
        t = Base.metadata.tables[table]
        out = {}
        for name, value in values.items():
            fk = next(iter(t.c[name].foreign_keys), None)
            out[name] = self.of(fk.column.table.name, value) if fk is not None else value
        return out


def insert_records(
    conn: Connection, records: list[NewRecord], ids: OfficeKeys, now: datetime
) -> None:
    """Records made on the laptop, with their own uids; parents come first in ``records``, so
    each table's run is inserted at once (one by one where a record points at another of the
    same run, as a renewed lease at the lease it renews)."""
    start = 0
    while start < len(records):
        entity = records[start].entity
        end = start
        while end < len(records) and records[end].entity == entity:
            end += 1
        _insert_run(conn, entity, records[start:end], ids, now)
        start = end


def _insert_run(
    conn: Connection, entity: str, run: list[NewRecord], ids: OfficeKeys, now: datetime
) -> None:
    t = Base.metadata.tables[entity]
    uids = {r.uid for r in run}
    keys = _foreign_keys(entity)
    ids.fetch_references(entity, (r.values for r in run))
    inner = any(
        r.values.get(name) in uids for r in run for name, target in keys if target == entity
    )
    rows = []
    for record in run if not inner else ():
        row = ids.row(entity, record.values)
        row.setdefault("created_at", now)
        rows.append(dict(row, uid=record.uid, updated_at=now, revision=1))
    if rows:
        conn.execute(insert(t), rows)
        ids.fetch(entity, uids)
        return
    for record in run:
        row = ids.row(entity, record.values)
        row.setdefault("created_at", now)
        row.update(uid=record.uid, updated_at=now, revision=1)
        ids.cache[(entity, record.uid)] = conn.execute(
            insert(t).values(**row)
        ).inserted_primary_key[0]


def update_fields(
    conn: Connection, changes: list[tuple[str, str, dict[str, Any]]], ids: OfficeKeys, now: datetime
) -> None:
    """Set each (entity, uid, values in uid space) on the office's record, raising its revision
    (records changed in the same fields go in one statement)."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, dict[str, Any]]]] = {}
    for entity, uid, values in changes:
        groups.setdefault((entity, tuple(sorted(values))), []).append((uid, values))
    for (entity, names), members in groups.items():
        t = Base.metadata.tables[entity]
        ids.fetch_references(entity, (v for _, v in members))
        statement = (
            update(t)
            .where(t.c.uid == bindparam("_uid"))
            .values(
                {
                    **{n: bindparam(f"_{n}") for n in names},
                    "revision": t.c.revision + 1,
                    "updated_at": now,
                }
            )
        )
        params = []
        for uid, values in members:
            row = ids.row(entity, values)
            params.append({"_uid": uid, **{f"_{n}": row[n] for n in names}})
        conn.execute(statement, params)
