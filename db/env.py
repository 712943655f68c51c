"""Alembic environment. The app passes an open connection (``config.attributes["connection"]``);
``alembic`` on the command line needs ``-x db=PATH`` to point at a data folder's database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from gwinong_desktop.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _configure_and_run(connection)
else:
    db = context.get_x_argument(as_dictionary=True).get("db")
    if not db:
        raise SystemExit("usage: alembic -x db=PATH/gwinong.sqlite3 <command>")
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        _configure_and_run(conn)
