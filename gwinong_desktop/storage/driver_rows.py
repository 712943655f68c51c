"""Plain tuples straight from the driver's cursor, on SQLite and on a PostgreSQL server alike.

The province-wide lists (stays, rents) skip SQLAlchemy's rows: building them costs more than the
query. Their SQL is written once, with ``:name`` parameters and ISO-date text as SQLite gives it;
on a server the same statement runs through psycopg with ``%(name)s`` parameters, dates read as
their ISO text and whole-number sums (PostgreSQL's ``numeric``) as ``int``, so the callers see
the same values from either database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def driver_rows(conn: Connection, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (``:name`` parameters from ``params``) as plain tuples."""
    driver = conn.connection.driver_connection
    assert driver is not None
    if conn.dialect.name == "sqlite":
        return driver.execute(sql, params).fetchall()
    return _server_rows(driver, sql, params)


def _server_rows(driver: Any, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    from psycopg.types.numeric import NumericLoader
    from psycopg.types.string import TextLoader

    class WholeNumbers(NumericLoader):
        def load(self, data: Any) -> Any:
            value = super().load(data)
            return int(value) if value == value.to_integral_value() else value

    with driver.cursor() as cur:
        cur.adapters.register_loader("date", TextLoader)
        cur.adapters.register_loader("numeric", WholeNumbers)
        cur.execute(_NAMED.sub(r"%(\1)s", sql.replace("%", "%%")), dict(params))
        return cur.fetchall()
