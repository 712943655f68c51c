"""Every committed database of an earlier schema, put on a PostgreSQL server at its own revision,
upgrades there through the app's own path to exactly what the same file upgrades to on SQLite
(issue #16: the same migrations on both)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Connection, MetaData, select

from gwinong_desktop.storage import schema, transfer
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.engine import make_engine
from gwinong_desktop.storage.migrate import run_upgrade
from gwinong_desktop.storage.server import make_server_engine, parse_server_url, point_folder_at

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(DATA.glob("*.sqlite3"))


def copy_at_revision(source: Connection, target: Connection) -> int:
    """Every row of ``source`` into ``target`` (both at the same revision, not the head: the
    tables are read from each database, not from today's models); how many rows."""
    have, want = MetaData(), MetaData()
    have.reflect(source)
    want.reflect(target)
    assert set(have.tables) == set(want.tables)  # the same revision on both sides
    copied = 0
    for table in have.sorted_tables:
        if table.name == "alembic_version":
            continue
        rows = [dict(row) for row in source.execute(select(table)).mappings()]
        if rows:
            target.execute(want.tables[table.name].insert(), rows)
            copied += len(rows)
    transfer.advance_sequences(target, list(want.sorted_tables))
    return copied


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_committed_database_upgrades_on_the_server_as_on_sqlite(
    fixture: Path, tmp_path: Path, server_url: str
) -> None:
    local = tmp_path / "local"
    local.mkdir()
    shutil.copy(fixture, local / DB_FILENAME)
    old = make_engine(local / DB_FILENAME, read_only=True)
    server = make_server_engine(parse_server_url(server_url)[0])
    try:
        run_upgrade(server, target=fixture.stem)
        with old.connect() as src, server.begin() as dst:
            assert copy_at_revision(src, dst) > 0
    finally:
        old.dispose()
        server.dispose()

    folder = tmp_path / "server"
    point_folder_at(folder, server_url)
    with open_database(local) as on_file, open_database(folder) as on_server:
        assert on_server.schema_before.revision == fixture.stem
        with on_file.engine.connect() as a, on_server.engine.connect() as b:
            version = b.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert version == schema.SCHEMA_HEAD
            tables = transfer.compare(a, b)  # every table's count and row digest alike
            house = b.exec_driver_sql("SELECT code, eupmyeon, rooms FROM house").one()
    assert tuple(house) == ("진안-2020-01", "백운면", 3)
    assert {t.table: t.rows for t in tables}["payment"] == 1
