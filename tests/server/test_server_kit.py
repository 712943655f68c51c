"""A field kit (issue #15) made from a folder whose database is on a PostgreSQL server (#16), and
merged back into it: the kit's database is written from the server (which SQLite cannot attach),
and the import merges into the server in one transaction, with its backup taken first."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import InspectionKind, PhotoPhase
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.services import Services
from gwinong_desktop.storage import fieldcrypt
from gwinong_desktop.storage.audit import verify_chain
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import AuditEvent, FieldKit, House, Inspection, Photo, Stay
from gwinong_desktop.storage.server import move_to_server

pytestmark = pytest.mark.process  # the cluster is a process of its own
LAPTOP = "현장-김"


@pytest.fixture
def office(tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo county moved up to this test's server database."""
    from gwinong_desktop.demo.build import build_demo

    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "office-keys"))
    root = tmp_path / "office"
    with open_database(root, purpose="test") as db:
        build_demo(db, today=date(2026, 11, 21))
        move_to_server(db, server_url)  # (the open local database, whose lock it holds)
    return root


def test_a_kit_goes_out_of_a_server_folder_and_comes_back_into_it(
    office: Path, tmp_path: Path
) -> None:
    with open_database(office) as db:
        assert db.server is not None
        svc = Services.over(db, "officer")
        with svc.ctx.read() as s:
            house_id = s.scalars(select(Stay.house_id).order_by(Stay.id)).first()
            code = s.scalar(select(House.code).where(House.id == house_id))
            others = set(s.scalars(select(House.code).where(House.id != house_id)))
        kit = svc.field_kit.export([code], tmp_path / "kit")
        assert kit.house_codes == (code,) and kit.counts["house"] == 1 and kit.counts["resident"]
        raw = (kit.folder / DB_FILENAME).read_bytes()
        assert [c for c in others if c.encode() in raw] == []  # nothing of another house
        with sqlite3.connect(kit.folder / DB_FILENAME) as conn:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            assert conn.execute("SELECT code FROM house").fetchall() == [(code,)]

        with open_database(kit.folder, purpose="test laptop") as laptop, laptop.sessions() as s:
            s.info["actor"] = LAPTOP
            assert verify_chain(s) == []  # the kit's own trail, chained again from its start
            target = s.scalars(select(House).where(House.code == code)).one()
            target.note = "현장에서 고친 메모"
            photo = ContentStore(kit.folder, "photos").put_bytes(
                b"\xff\xd8 laptop \xff\xd9", "a.jpg"
            )
            inspection = Inspection(house_id=target.id, kind=InspectionKind.REGULAR,
                                    inspected_on=date(2026, 12, 3), inspector=LAPTOP,
                                    summary="현장 점검")  # fmt: skip
            s.add(inspection)
            s.flush()
            s.add(Photo(house_id=target.id, inspection_id=inspection.id,
                        phase=PhotoPhase.INSPECTION, sha256=photo.sha256,
                        stored_path=photo.relative_path, size_bytes=photo.size_bytes))  # fmt: skip
            s.commit()
            inspection_uid = inspection.uid

        plan = svc.field_merge.plan(kit.folder)
        assert [(c.entity, c.field) for c in plan.changes] == [("house", "note")]
        assert sorted(r.entity for r in plan.new_records) == ["inspection", "photo"]
        assert plan.questions == []  # values read from the server compare equal to the base
        result = svc.field_merge.apply(kit.folder)
        assert result.field_kit_id is not None and result.photos_copied == 1
        assert result.backup is not None and result.backup.is_file()  # the server's records
        with sqlite3.connect(result.backup) as conn:
            assert conn.execute("SELECT count(*) FROM house").fetchone()[0] == len(others) + 1
        with svc.ctx.read() as s:
            assert s.scalar(select(House.note).where(House.code == code)) == "현장에서 고친 메모"
            made = s.scalars(select(Inspection).where(Inspection.uid == inspection_uid)).one()
            assert made.summary == "현장 점검"
            assert s.scalar(select(func.count()).where(AuditEvent.actor == LAPTOP)) >= 2
            assert verify_chain(s) == []  # the laptop's events chained into the server's trail
        assert ContentStore(office, "photos").verify(photo.relative_path, photo.sha256)

        again = svc.field_merge.apply(kit.folder)  # the same kit again: nothing added
        assert again.field_kit_id is None and again.plan.imported_before is not None
        with svc.ctx.read() as s:
            assert s.scalar(select(func.count()).where(FieldKit.direction == "import")) == 1
