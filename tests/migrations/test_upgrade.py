"""Every committed database of an earlier schema opens, upgrades, and keeps its rows."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from gwinong_desktop.storage import quick, schema
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode, StorageError
from gwinong_desktop.storage.migrate import alembic_config

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(DATA.glob("*.sqlite3"))


def test_schema_constants_match_the_alembic_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_current_head() == schema.SCHEMA_HEAD
    oldest_first = [rev.revision for rev in scripts.walk_revisions()][::-1]
    assert tuple(oldest_first) == schema.KNOWN_REVISIONS


def test_there_is_a_committed_database_for_every_revision() -> None:
    assert {p.stem for p in FIXTURES} == set(schema.KNOWN_REVISIONS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_committed_database_upgrades_and_keeps_rows(fixture: Path, tmp_path: Path) -> None:
    shutil.copy(fixture, tmp_path / DB_FILENAME)
    with open_database(tmp_path) as db:
        assert db.schema_before.revision == fixture.stem
        with db.engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert version == schema.SCHEMA_HEAD
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            house = conn.exec_driver_sql("SELECT code, eupmyeon, rooms FROM house").one()
            assert tuple(house) == ("진안-2020-01", "백운면", 3)
            lease = conn.exec_driver_sql("SELECT start_on, end_on FROM lease").one()
            assert tuple(lease) == ("2020-03-01", "2027-02-28")
            assert conn.exec_driver_sql("SELECT amount FROM payment").scalar() == 100000
    if fixture.stem != schema.SCHEMA_HEAD:
        assert list((tmp_path / "backups").glob("before-upgrade-*.sqlite3"))


def dump(db_file: Path) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _pretend_older(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the current head look like an old revision so the upgrade path runs."""
    monkeypatch.setattr(quick, "inspect_schema", _old_state)  # claim_folder looks first


def _old_state(db_path: Path) -> schema.SchemaInfo:
    real = schema.inspect_schema(db_path)
    if real.state is schema.SchemaState.CURRENT:
        return schema.SchemaInfo(schema.SchemaState.OLD, real.revision)
    return real


def test_upgrade_takes_a_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FIXTURES[-1], tmp_path / DB_FILENAME)
    _pretend_older(monkeypatch)
    with open_database(tmp_path) as db:
        assert db.upgrade_backup is not None and db.upgrade_backup.exists()
        snap = sqlite3.connect(db.upgrade_backup)
        assert snap.execute("SELECT code FROM house").fetchone() == ("진안-2020-01",)
        snap.close()


def test_failed_upgrade_restores_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = tmp_path / DB_FILENAME
    shutil.copy(FIXTURES[-1], db_file)
    before = dump(db_file)
    _pretend_older(monkeypatch)

    def broken_upgrade(engine, target="head"):
        with engine.begin() as conn:  # damage the file the way a half-done migration would
            conn.exec_driver_sql("DROP TABLE payment")
        raise RuntimeError("a migration step failed")

    monkeypatch.setattr("gwinong_desktop.storage.migrate.run_upgrade", broken_upgrade)
    with pytest.raises(StorageError) as err:
        open_database(tmp_path)
    assert err.value.exit_code == ExitCode.MIGRATION_FAILED
    assert "되돌렸습니다" in err.value.message
    assert dump(db_file) == before  # the same schema and rows (the snapshot is not byte-equal)
    monkeypatch.undo()
    with open_database(tmp_path) as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM payment").scalar() == 1


def test_upgrade_runs_with_foreign_keys_off_and_checks_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real run_upgrade: foreign keys are off inside it, and an orphan it leaves is caught
    by the foreign_key_check, so nothing is committed and the snapshot is put back."""
    db_file = tmp_path / DB_FILENAME
    shutil.copy(FIXTURES[-1], db_file)
    _pretend_older(monkeypatch)
    seen: dict[str, int] = {}

    def orphaning_step(cfg, target):
        conn = cfg.attributes["connection"]
        seen["fk"] = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        conn.exec_driver_sql("UPDATE stay SET house_id = 999")

    monkeypatch.setattr("alembic.command.upgrade", orphaning_step)
    with pytest.raises(StorageError) as err:
        open_database(tmp_path)
    assert "foreign_key_check" in err.value.message
    assert seen["fk"] == 0
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT house_id FROM stay").fetchone() == (1,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_an_upgrade_is_one_transaction_ddl_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that fails after other DDL leaves the schema exactly as it was (no snapshot
    needed): Python's sqlite3 would have committed the DDL as it went."""
    from gwinong_desktop.storage.migrate import run_upgrade

    shutil.copy(FIXTURES[-1], tmp_path / DB_FILENAME)
    with open_database(tmp_path) as db:
        before = dump(db.folder.db_path)

        def half_done(cfg, target):
            conn = cfg.attributes["connection"]
            conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
            conn.exec_driver_sql("DROP TABLE payment")
            raise RuntimeError("the second step failed")

        monkeypatch.setattr("alembic.command.upgrade", half_done)
        with pytest.raises(RuntimeError, match="second step"):
            run_upgrade(db.engine)
        assert dump(db.folder.db_path) == before
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_every_revision_of_one_upgrade_commits_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real Alembic over all the app's revisions plus one that fails on top: a new database
    stays new. Alembic commits after each revision on SQLite unless the transaction is ours; a
    database killed between two revisions used to stay at an old one."""
    from gwinong_desktop.storage import migrate
    from gwinong_desktop.storage.engine import make_engine
    from gwinong_desktop.storage.schema import SchemaState, inspect_schema

    scripts = tmp_path / "scripts"
    shutil.copytree(migrate.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_fails.py").write_text(
        f'revision = "9999"\ndown_revision = "{schema.SCHEMA_HEAD}"\nbranch_labels = None\n'
        "depends_on = None\n\n\ndef upgrade():\n    raise RuntimeError('the last step failed')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    db_file = tmp_path / DB_FILENAME
    engine = make_engine(db_file)
    try:
        with pytest.raises(RuntimeError, match="last step failed"):
            migrate.run_upgrade(engine)
    finally:
        engine.dispose()
    assert inspect_schema(db_file).state is SchemaState.NEW
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall() == []
    conn.close()


def test_the_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    """A new database (built by the migrations alone) has what the models declare: columns,
    types, indexes and constraints. A model changed without its migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from gwinong_desktop.storage.models import Base

    with open_database(tmp_path) as db, db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
