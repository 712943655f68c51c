"""A schema upgrade on a server is preceded by a portable backup, and is one transaction (#16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage import migrate, server
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME, StorageError
from gwinong_desktop.storage.engine import make_engine
from gwinong_desktop.storage.models import House
from gwinong_desktop.storage.schema import SCHEMA_HEAD
from gwinong_desktop.storage.transfer import copy_at_revision

pytestmark = pytest.mark.process  # the cluster is a process of its own
DATA = Path(__file__).resolve().parent.parent / "migrations" / "data"


def _old_server(folder: Path, tmp_path: Path, revision: str) -> dict[str, int]:
    """The committed database of schema ``revision`` copied up to the folder's server, at that
    revision (as a county that ran an older version on the server would have it)."""
    local = tmp_path / f"{revision}.sqlite3"
    shutil.copy(DATA / f"{revision}.sqlite3", local)
    source = make_engine(local, wal=False)
    url = server.remembered_url(folder)
    assert url is not None
    target = server.make_server_engine(url)
    try:
        migrate.run_upgrade(target, revision)
        with source.connect() as src, target.connect() as dst, dst.begin():
            return copy_at_revision(src, dst)
    finally:
        source.dispose()
        target.dispose()


def _server_state(folder: Path) -> tuple[str, int]:
    url = server.remembered_url(folder)
    assert url is not None
    engine = server.make_server_engine(url)
    try:
        with engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            houses = conn.execute(text("SELECT count(*) FROM house")).scalar()
    finally:
        engine.dispose()
    return str(revision), int(houses or 0)


@pytest.mark.parametrize("revision", ["0001", "0004"])
def test_an_old_server_database_is_backed_up_then_upgraded(
    server_folder: Path, tmp_path: Path, revision: str
) -> None:
    counts = _old_server(server_folder, tmp_path, revision)
    assert counts["house"] > 0
    with open_database(server_folder) as db:
        assert db.schema_before.revision == revision
        backup = db.upgrade_backup
        assert backup is not None and backup.parent == db.folder.backups
        assert backup.name.endswith("-before-upgrade.gwbak")  # the officer sees what it was
        with db.sessions() as s:
            assert s.scalar(select(func.count()).select_from(House)) == counts["house"]
    manifest = bk.read_manifest(backup)
    assert manifest.kind == "before-upgrade"
    assert manifest.schema_revision == revision  # the records as they were, before the upgrade
    assert {t: n for t, n in manifest.counts.items() if t in counts} == counts
    assert [e.kind for e in bk.list_backups(server_folder / "backups")] == ["before-upgrade"]
    assert _server_state(server_folder) == (SCHEMA_HEAD, counts["house"])
    # the backup restores on a PC: the portable format, brought to the newest schema there
    pc = tmp_path / "pc"
    pc.mkdir()
    bk.restore_backup(pc, backup)
    with open_database(pc) as db, db.sessions() as s:
        assert db.server is None and (pc / DB_FILENAME).is_file()
        assert s.scalar(select(func.count()).select_from(House)) == counts["house"]


def test_a_failed_upgrade_leaves_the_server_database_as_it_was(
    server_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = _old_server(server_folder, tmp_path, "0004")
    real = migrate.upgrade_in

    def fails_at_the_end(conn, target="head"):
        real(conn, target)  # every revision ran inside the server's transaction …
        if conn.dialect.name == "postgresql":  # (the backup's own SQLite file is built too)
            raise RuntimeError("the last step failed")  # … and then something went wrong

    monkeypatch.setattr(migrate, "upgrade_in", fails_at_the_end)
    with pytest.raises(StorageError) as err:
        open_database(server_folder)
    assert err.value.exit_code == ExitCode.MIGRATION_FAILED
    assert "바꾸지 않았습니다" in err.value.message and "before-upgrade" in err.value.message
    assert _server_state(server_folder) == ("0004", counts["house"])
    monkeypatch.setattr(migrate, "upgrade_in", real)
    with open_database(server_folder) as db:  # the next start upgrades it, with a new backup
        assert db.schema_before.revision == "0004"
    assert _server_state(server_folder)[0] == SCHEMA_HEAD
    assert [e.kind for e in bk.list_backups(server_folder / "backups")] == ["before-upgrade"] * 2


def test_a_backup_and_a_restore_read_the_folders_server_file_once_each(
    server_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage import backup_create

    reads: list[Path] = []
    real = server.remembered_url

    def counted(root):
        reads.append(Path(root))
        return real(root)

    for module in (server, bk, backup_create):
        monkeypatch.setattr(module, "remembered_url", counted)
    with open_database(server_folder) as db:
        reads.clear()
        services = Services.over(db, "test")
        made = services.safety.backup()
        assert reads == []  # the open database knows its server
        services.safety.restore(made.path)
        assert len(reads) == 2  # the restore, and the reopen on the restored records
