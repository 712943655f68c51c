"""A field kit's database: a new SQLite file with the office database's schema that holds only
the rows chosen, so nothing of a house left out ever enters the file (not even in free pages).

``write_subset`` copies, in one transaction of the new file:
- the schema exactly as the office database has it (``sqlite_master``: tables, indexes,
  ``alembic_version``), so the kit opens like any data folder of the same version;
- the rows of each table named in ``rows`` whose ``id`` is chosen, and every row of the tables in
  ``whole`` (rule values, settings …);
- the history of the records copied: ``audit_event`` and ``rule_override`` rows whose
  ``entity_uid`` is the uid of a copied record;
then sets to NULL every reference to a row that was not copied (an applicant's wanted house
elsewhere, the office account that wrote an event), refuses if a required reference is left
dangling (a choice that forgot a parent), and chains the kit's audit trail again from its start
(``audit_chain``), with ``prepare`` run first on the new file (the caller's own rows: the kit's
settings, re-encrypted values, the event that says the kit was made).

The office database is only read (``mode=ro``, attached to the new file's connection).

``write_subset_from`` writes the same kit file from a database reached through SQLAlchemy (a
folder whose database is on a PostgreSQL server, which SQLite cannot attach): the schema from
this program's migrations (the same as any data folder's of this version), the rows read through
the models' tables inside the caller's own transaction (the export's: one consistent moment) and
written typed, as ``transfer`` writes a server's backup; then the same cut, chain and checks.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from .audit_chain import HEAD_KEY, chain_pending
from .engine import make_engine

HISTORY_TABLES = ("audit_event", "rule_override")


class KitCopyError(Exception):
    """The chosen rows do not make a consistent database (a bug in the choice, not bad input)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_subset(
    source: Path,
    target: Path,
    rows: Mapping[str, Collection[int]],
    *,
    whole: Collection[str] = (),
    prepare: Callable[[Connection], None] | None = None,
) -> dict[str, int]:
    """Write ``target`` (which must not exist) from ``source``; the rows copied per table."""
    target = Path(target)
    if target.exists():
        raise FileExistsError(str(target))
    conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=rwc", uri=True, isolation_level=None)
    with _removed_on_failure(target):
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            source_uri = f"{Path(source).resolve().as_uri()}?mode=ro"
            conn.execute("ATTACH DATABASE ? AS src", (source_uri,))
            conn.execute("BEGIN")
            counts = _copy(conn, rows, whole)
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE src")
        finally:
            conn.close()
        _finish(target, prepare)
    return counts


def write_subset_from(
    source: Connection,
    target: Path,
    rows: Mapping[str, Collection[int]],
    *,
    whole: Collection[str] = (),
    prepare: Callable[[Connection], None] | None = None,
) -> dict[str, int]:
    """Write ``target`` (which must not exist) from ``source`` (any database of this schema,
    read in its open transaction); the rows copied per table."""
    from .engine import foreign_keys_off
    from .migrate import run_upgrade
    from .transfer import tables

    target = Path(target)
    if target.exists():
        raise FileExistsError(str(target))
    engine = make_engine(target, wal=False)
    with _removed_on_failure(target):
        try:
            run_upgrade(engine)  # the schema, and alembic_version at this program's head
            models = {t.name: t for t in tables()}
            unknown = (set(rows) | set(whole)) - set(models) - {"alembic_version"}
            if unknown:
                raise KitCopyError(f"no such tables in the office database: {sorted(unknown)}")
            with foreign_keys_off(engine) as out, out.begin():
                counts = _copy_typed(source, out, list(models.values()), rows, whole)
                driver = out.connection.driver_connection
                assert isinstance(driver, sqlite3.Connection)
                _cut_references(driver, list(models))
        finally:
            engine.dispose()
        _finish(target, prepare)
    return counts


@contextlib.contextmanager
def _removed_on_failure(target: Path) -> Iterator[None]:
    """The kit's database file, removed if anything in the block fails: never a half-written
    one left in the kit."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        raise


def _copy_typed(
    source: Connection,
    out: Connection,
    models: list[Table],
    rows: Mapping[str, Collection[int]],
    whole: Collection[str],
) -> dict[str, int]:
    """The chosen rows, then the history of the records copied, table by table."""
    counts: dict[str, int] = {}
    uids: set[str] = set()
    history = [t for t in models if t.name in HISTORY_TABLES and t.name not in whole]
    for table in models:
        if table in history:
            continue
        keep = uids if "uid" in table.c else None
        if table.name in whole:
            copied = _insert(source, out, table, select(table), keep)
        elif rows.get(table.name):
            copied = 0
            for part in _chunks(sorted({int(i) for i in rows[table.name]})):
                query = select(table).where(table.c.id.in_(part))
                copied += _insert(source, out, table, query, keep)
        else:
            continue
        counts[table.name] = copied
    for table in history:
        copied = 0
        for part in _chunks(sorted(uids)):
            copied += _insert(source, out, table, select(table).where(table.c.entity_uid.in_(part)))
        counts[table.name] = copied
    return counts


def _insert(
    source: Connection, out: Connection, table: Table, query: Any, uids: set[str] | None = None
) -> int:
    """Rows of ``query`` (over ``table``) written into ``out``; their uids kept in ``uids``."""
    found = [dict(r._mapping) for r in source.execute(query.order_by(*table.primary_key))]
    if found:
        out.execute(table.insert(), found)
    if uids is not None:
        uids.update(r["uid"] for r in found)
    return len(found)


def _chunks(values: list[Any], size: int = 500) -> list[list[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _copy(
    conn: sqlite3.Connection, rows: Mapping[str, Collection[int]], whole: Collection[str]
) -> dict[str, int]:
    schema = conn.execute(
        "SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid"
    ).fetchall()
    for _kind, _name, sql in schema:
        conn.execute(sql)
    tables = [name for kind, name, _sql in schema if kind == "table"]
    unknown = (set(rows) | set(whole)) - set(tables)
    if unknown:
        raise KitCopyError(f"no such tables in the office database: {sorted(unknown)}")
    counts: dict[str, int] = {}
    for name in tables:
        table = _quote(name)
        if name in whole:
            cur = conn.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
        elif rows.get(name):
            ids = json.dumps(sorted({int(i) for i in rows[name]}))
            cur = conn.execute(
                f"INSERT INTO main.{table} SELECT * FROM src.{table} "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (ids,),
            )
        else:
            continue
        counts[name] = cur.rowcount
    uids = " UNION ALL ".join(
        f"SELECT uid FROM main.{_quote(name)}"
        for name in tables
        if name in counts and name not in HISTORY_TABLES and _has_column(conn, name, "uid")
    )
    if uids:
        conn.execute("CREATE TEMP TABLE kit_uid (uid TEXT PRIMARY KEY) WITHOUT ROWID")
        conn.execute(f"INSERT OR IGNORE INTO temp.kit_uid {uids}")
        for name in HISTORY_TABLES:
            if name in tables and name not in whole:
                table = _quote(name)
                cur = conn.execute(
                    f"INSERT INTO main.{table} SELECT * FROM src.{table} "
                    "WHERE entity_uid IN (SELECT uid FROM temp.kit_uid)"
                )
                counts[name] = cur.rowcount
    _cut_references(conn, tables)
    return counts


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA main.table_info({_quote(table)})"))


def _cut_references(conn: sqlite3.Connection, tables: list[str]) -> None:
    """NULL every reference to a row not copied; a required one left dangling is a bug."""
    for name in tables:
        for ref in conn.execute(f"PRAGMA main.foreign_key_list({_quote(name)})").fetchall():
            parent, column, key = ref[2], ref[3], ref[4] or "id"
            try:
                conn.execute(
                    f"UPDATE main.{_quote(name)} SET {_quote(column)} = NULL "
                    f"WHERE {_quote(column)} IS NOT NULL AND {_quote(column)} NOT IN "
                    f"(SELECT {_quote(key)} FROM main.{_quote(parent)})"
                )
            except sqlite3.IntegrityError as exc:
                raise KitCopyError(
                    f"{name}.{column} refers to {parent} rows that were not chosen"
                ) from exc


def _finish(target: Path, prepare: Callable[[Connection], None] | None) -> None:
    """The caller's rows, the audit trail chained again, then the whole file checked."""
    engine = make_engine(target, wal=False)
    try:
        with engine.connect() as conn:
            with conn.begin():
                conn.exec_driver_sql("UPDATE audit_event SET prev_hash = NULL, hash = NULL")
                conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (HEAD_KEY,))
                if prepare is not None:
                    prepare(conn)
                chain_pending(conn)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise KitCopyError(f"dangling references in the kit: {broken[:5]}")
    finally:
        engine.dispose()
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


def uids_in(db_path: Path, table: str) -> set[str]:
    """The uids of ``table`` in another database file (a kit's base): empty if it cannot be read."""
    if not Path(db_path).is_file():
        return set()
    try:
        conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return {r[0] for r in conn.execute(f"SELECT uid FROM {_quote(table)}")}
        finally:
            conn.close()
    except sqlite3.Error:
        return set()
