"""Plain tuples straight from the driver's cursor, on SQLite and on a PostgreSQL server alike.

The province-wide lists (stays, rents) skip SQLAlchemy's rows: building them costs more than the
query. Their SQL is written once, with ``:name`` parameters and ISO-date text as SQLite gives it;
on a server the same statement runs through psycopg with ``%(name)s`` parameters, dates read as
their ISO text and whole-number sums (PostgreSQL's ``numeric``) as ``int``, so the callers see
the same values from either database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from .quick import pyformat


def driver_rows(conn: Connection, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (``:name`` parameters from ``params``) as plain tuples."""
    driver = conn.connection.driver_connection
    assert driver is not None
    if conn.dialect.name == "sqlite":
        return driver.execute(sql, params).fetchall()
    return _server_rows(driver, sql, params)


def _server_rows(driver: Any, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    with driver.cursor() as cur:
        cur.execute(pyformat(sql), dict(params))
        return [tuple(map(_as_on_sqlite, row)) for row in cur.fetchall()]


def _as_on_sqlite(value: Any) -> Any:
    """A server's value as SQLite gives it to these lists: a date as its ISO text, a whole
    ``numeric`` (a sum of integer 원) as ``int``."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value
