"""Every record of one database copied into another, all or nothing: a local folder moved up to
a server (``move-to-server``), and later a server's records written into a portable backup.

Rows go table by table in foreign-key order through the models' own tables, so values are
typed on the way (timestamps stay UTC, money stays integer 원) and keep their ids, uids,
revisions and audit hashes: the copied trail verifies as the original did. Nothing of the copy
is committed until every table's count and a digest of every row agree on both sides.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, Table, func, inspect, select, text

from gwinong_desktop.domain.progress import TaskState, ensure

from .datafolder import ExitCode, StorageError
from .models import Base

CHUNK = 2_000


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    digest: str


def tables() -> list[Table]:
    """The app's tables, parents before children (Alembic's own table is written by Alembic)."""
    return list(Base.metadata.sorted_tables)


def is_empty(conn: Connection) -> bool:
    """Whether ``conn``'s database holds no record of the app (a schema may be there)."""
    present = set(inspect(conn).get_table_names())
    return all(
        t.name not in present or not conn.execute(select(func.count()).select_from(t)).scalar()
        for t in tables()
    )


def copy_records(
    source: Connection, target: Connection, state: TaskState | None = None
) -> list[TableCopy]:
    """Copy every row of ``source`` into ``target`` (same schema head, no records yet) inside
    ``target``'s open transaction, then compare both sides; refused (nothing kept) on a
    difference. Returns what each table holds."""
    state = ensure(state)
    all_tables = tables()
    for i, table in enumerate(all_tables):
        state.report(i, len(all_tables), f"자료 옮기는 중: {table.name}")
        result = source.execution_options(yield_per=CHUNK).execute(select(table))
        for chunk in result.partitions(CHUNK):
            target.execute(table.insert(), [dict(row._mapping) for row in chunk])
    advance_sequences(target, all_tables)
    state.report(len(all_tables), len(all_tables), "옮긴 자료 확인 중")
    return compare(source, target)


def copy_at_revision(source: Connection, target: Connection) -> dict[str, int]:
    """Copy every row of ``source`` into ``target`` when both are at the same OLDER schema
    revision (built by the same migrations), inside ``target``'s open transaction; returns each
    table's row count, compared on both sides (refused on a difference).

    The models describe only the newest schema, so the tables are read from ``target`` as the
    migrations made them; a column the models still know keeps the models' type (timestamps
    in UTC, money in integer 원), one they no longer know is copied as the database gives it.
    What a backup of a server waiting for its upgrade holds, and how an old file goes up."""
    shape = MetaData()
    shape.reflect(target)
    models = Base.metadata.tables
    copies = []
    for reflected in shape.sorted_tables:
        if reflected.name == "alembic_version":
            continue
        known = models.get(reflected.name)
        columns = [
            Column(c.name, known.c[c.name].type if known is not None and c.name in known.c
                   else c.type, primary_key=c.primary_key)
            for c in reflected.columns
        ]  # fmt: skip
        copies.append(Table(reflected.name, MetaData(), *columns))
    counts: dict[str, int] = {}
    for table in copies:
        result = source.execution_options(yield_per=CHUNK).execute(select(table))
        for chunk in result.partitions(CHUNK):
            target.execute(table.insert(), [dict(row._mapping) for row in chunk])
        counts[table.name] = _count(target, table)
    advance_sequences(target, copies)
    differing = [t.name for t in copies if _count(source, t) != counts[t.name]]
    if differing:
        raise StorageError(
            "옮긴 자료가 원래 자료와 같지 않아 아무것도 옮기지 않았습니다: " + ", ".join(differing),
            ExitCode.ERROR,
        )
    return counts


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def advance_sequences(conn: Connection, all_tables: list[Table]) -> None:
    """Rows were written with their ids given (a copy, the demo's bulk rows): on PostgreSQL each
    table's id sequence goes on after the largest, or the next insert would reuse an id.
    SQLite needs nothing (its next rowid is always after the largest)."""
    if conn.dialect.name != "postgresql":
        return
    for table in all_tables:
        column = table.c.get("id")
        if column is None or not column.primary_key or not isinstance(column.type, Integer):
            continue
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            ),
            {"t": table.name},
        )


def summarise(conn: Connection) -> list[TableCopy]:
    """Each table's row count and a digest of its rows (in key order, values as JSON)."""
    out = []
    for table in tables():
        digest = hashlib.sha256()
        count = 0
        order = list(table.primary_key.columns)
        for row in conn.execute(select(table).order_by(*order)):
            digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False).encode())
            count += 1
        out.append(TableCopy(table.name, count, digest.hexdigest()))
    return out


def compare(source: Connection, target: Connection) -> list[TableCopy]:
    before, after = summarise(source), summarise(target)
    differing = [a.table for a, b in zip(before, after, strict=True) if a != b]
    if differing:
        raise StorageError(
            "옮긴 자료가 원래 자료와 같지 않아 아무것도 옮기지 않았습니다: " + ", ".join(differing),
            ExitCode.ERROR,
        )
    return after


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot_server(url: Any, dest: Path, password: str | None = None) -> Path:
    """The server database's records written into a new SQLite file at ``dest`` (built by the
    same migrations, at the server's schema revision): what a backup of a server folder holds,
    so that it restores into a PC's folder or a server alike — also the backup taken before a
    server's upgrade, at its old revision. Read in one REPEATABLE READ transaction: one
    consistent moment while others go on working."""
    from .engine import make_engine
    from .migrate import run_upgrade
    from .schema import SCHEMA_HEAD
    from .server import make_server_engine

    source_engine = make_server_engine(url, password)
    target_engine = make_engine(dest, wal=False)
    try:
        with source_engine.connect() as probe:
            revision = probe.execute(text("SELECT version_num FROM alembic_version")).scalar()
        run_upgrade(target_engine, revision or "head")
        with (
            source_engine.connect().execution_options(isolation_level="REPEATABLE READ") as src,
            target_engine.connect() as target,
            src.begin(),
            target.begin(),
        ):
            if revision == SCHEMA_HEAD:
                copy_records(src, target)
            else:
                copy_at_revision(src, target)
    finally:
        source_engine.dispose()
        target_engine.dispose()
    return dest


def replace_server_records(url: Any, source_file: Path, password: str | None = None) -> None:
    """Every record of the server database replaced by those of the SQLite file
    ``source_file`` (a verified backup's, at this program's schema head), in ONE server
    transaction: the old records go and the backup's come in, or nothing changes. Refused while
    other PCs are connected (they would be working on records that vanish under them)."""
    from sqlalchemy import delete

    from .engine import make_engine
    from .migrate import run_upgrade
    from .server import make_server_engine, refuse_if_others_connected

    source_engine = make_engine(source_file, wal=False)
    target_engine = make_server_engine(url, password)
    try:
        run_upgrade(source_engine)  # a backup of an older version: brought to the head first
        run_upgrade(target_engine)
        refuse_if_others_connected(target_engine, url)
        with source_engine.connect() as src, target_engine.connect() as target, target.begin():
            for table in reversed(tables()):
                target.execute(delete(table))
            copy_records(src, target)
    finally:
        source_engine.dispose()
        target_engine.dispose()
