"""Field kit export (issue #15): what leaves the office, in which shape, and what is refused."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from edit_fixtures import services_for
from sqlalchemy import select

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor, NotPermitted
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.services import Services
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.field_kit import KitRefused
from gwinong_desktop.services.privacy import reveal_rrn, store_rrn
from gwinong_desktop.storage import fieldcrypt
from gwinong_desktop.storage.audit import verify_chain
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.models import FieldKit, Setting, Stay, VisitStop

pytestmark = pytest.mark.sqlite_only(
    "these tests make and check kits through the office's SQLite file itself (kit_fixtures "
    "copies it; checks read it with sqlite3); a kit out of and back into a server folder is "
    "tested end to end in tests/server/test_server_kit.py"
)


PEOPLE = (("resident", "name"), ("resident", "phone"), ("owner", "name"), ("owner", "phone"),
          ("applicant", "name"), ("applicant", "phone"), ("household_member", "name"))  # fmt: skip


@pytest.fixture(autouse=True)
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "office-keys"
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(folder))
    return folder


def _codes(svc: Services, n: int) -> list[str]:
    """``n`` houses that have stays (so residents travel with them)."""
    with svc.ctx.read() as s:
        with_stays = set(s.scalars(select(Stay.house_id)))
    return [h.code for h in svc.houses.list_houses() if h.id in with_stays][:n]


def _values(db: Path, table: str, column: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute(f"SELECT {column} FROM {table}") if r[0]}


def test_only_the_chosen_houses_leave_the_office(svc: Services, tmp_path: Path) -> None:
    codes = _codes(svc, 2)
    kit = svc.field_kit.export(codes, tmp_path / "kit")
    office_db, kit_db = svc.ctx.db.folder.db_path, kit.folder / "gwinong.sqlite3"
    assert sorted(_values(kit_db, "house", "code")) == sorted(codes) == sorted(kit.house_codes)
    with sqlite3.connect(office_db) as conn:
        ids = ",".join(
            str(r[0]) for r in conn.execute(
                f"SELECT id FROM house WHERE code IN ({','.join('?' * len(codes))})", codes
            )
        )  # fmt: skip
        expected = {r[0] for r in conn.execute(
            f"SELECT r.name FROM resident r JOIN stay s ON s.resident_id = r.id "
            f"WHERE s.house_id IN ({ids})")}  # fmt: skip
    assert _values(kit_db, "resident", "name") == expected and expected
    # no personal value of anyone left out is anywhere in the file (nor in the merge base)
    raw = kit_db.read_bytes() + (kit.folder / "kit" / "base.sqlite3").read_bytes()
    kept = set().union(*(_values(kit_db, table, column) for table, column in PEOPLE))
    leaked = []
    for table, column in PEOPLE:
        for value in _values(office_db, table, column) - kept:
            if value.encode("utf-8") in raw:
                leaked.append((table, column, value))
    assert leaked == []
    others = _values(office_db, "house", "code") - set(codes)
    assert [c for c in others if c.encode() in raw] == []


def test_the_kit_is_a_data_folder_with_its_manifest_and_base(svc: Services, tmp_path: Path) -> None:
    codes = _codes(svc, 1)
    kit = svc.field_kit.export(codes, tmp_path / "kit")
    manifest = json.loads((kit.folder / "kit" / "manifest.json").read_text(encoding="utf-8"))
    base = kit.folder / "kit" / "base.sqlite3"
    assert manifest["format"] == 1 and manifest["kit_uid"] == kit.kit_uid
    assert manifest["county"] == svc.county() and manifest["schema_revision"] == "0005"
    assert manifest["base_sha256"] == hashlib.sha256(base.read_bytes()).hexdigest()
    assert base.read_bytes() == (kit.folder / "gwinong.sqlite3").read_bytes()
    with svc.ctx.read() as s:
        office_id = s.scalar(select(FieldKit.kit_uid).where(FieldKit.direction == "export"))
        house_uids = [h.uid for h in svc.houses.list_houses() if h.code in codes]
    assert office_id == kit.kit_uid and manifest["houses"] == house_uids
    assert manifest["source_folder_id"] and manifest["photos"] == {}
    assert (
        kit.thumbnails > 0 and len(list((kit.folder / "thumbs").rglob("*.jpg"))) == kit.thumbnails
    )
    with open_database(kit.folder, purpose="test") as laptop:
        here = services_for(laptop)
        copy = here.field_kit.field_copy()
        assert copy is not None and copy.kit_uid == kit.kit_uid
        day = kit.exported_at.astimezone()
        assert (
            copy.label()
            == f"현장용 사본 ({svc.county()}, {day.year}.{day.month}.{day.day}. 내보냄)"
        )
        assert [h.code for h in here.houses.list_houses()] == codes
        with laptop.sessions() as s:
            assert verify_chain(s) == []  # the kit's own trail, chained from its start
    assert svc.field_kit.field_copy() is None  # the office is no field copy


def test_a_planned_visit_takes_its_houses(svc: Services, tmp_path: Path) -> None:
    visit = svc.inspections.list_visits()[0]
    kit = svc.field_kit.export([], tmp_path / "kit", visit=visit.id)
    with svc.ctx.read() as s:
        house_ids = set(s.scalars(select(VisitStop.house_id).where(VisitStop.visit_id == visit.id)))
    codes = {h.code for h in svc.houses.list_houses(include_archived=True) if h.id in house_ids}
    assert set(kit.house_codes) == codes
    kit_db = kit.folder / "gwinong.sqlite3"
    assert _values(kit_db, "visit", "title") == {visit.title}
    assert len(_values(kit_db, "visit_stop", "uid")) == len(visit.stops)


def test_refusals_write_nothing(svc: Services, tmp_path: Path) -> None:
    code = _codes(svc, 1)
    with pytest.raises(KitRefused, match="NOPE"):
        svc.field_kit.export(["NOPE", *code], tmp_path / "a")
    with pytest.raises(KitRefused, match="고르세요"):
        svc.field_kit.export([], tmp_path / "b")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    with pytest.raises(KitRefused, match="비어 있지 않습니다"):
        svc.field_kit.export(code, busy)
    with pytest.raises(KitRefused, match="데이터 폴더 밖"):
        svc.field_kit.export(code, svc.data_dir / "kit")
    viewer = ServiceContext.signed_in(svc.ctx.db, Actor("lee", "이열람", Role.VIEWER, None))
    with pytest.raises(NotPermitted):
        Services(ctx=viewer, houses=svc.houses).field_kit.export(code, tmp_path / "c")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["busy"]
    with svc.ctx.read() as s:
        assert s.scalars(select(FieldKit)).all() == []


def test_a_cancelled_export_leaves_nothing(svc: Services, tmp_path: Path) -> None:
    def cancel_at_thumbnails(done: int, total: int, label: str) -> None:
        if "옮기는" in label:  # in the middle of writing the kit, under the write lock
            state.cancel()

    state = TaskState(cancel_at_thumbnails)
    with pytest.raises(Cancelled):
        svc.field_kit.export(_codes(svc, 2), tmp_path / "kit", state=state)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".kit", "kit"))] == []
    with svc.ctx.read() as s:
        assert s.scalars(select(FieldKit)).all() == []


def test_registration_numbers_open_on_the_laptop(
    county_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = services_for(county_db)
    code = _codes(svc, 1)
    with svc.ctx.read() as s:
        house_id = next(h.id for h in svc.houses.list_houses() if h.code == code[0])
        uid = s.scalar(select(Stay).where(Stay.house_id == house_id)).resident.uid
    store_rrn(svc.ctx, "resident", uid, "780514-1234567")
    kit = svc.field_kit.export(code, tmp_path / "kit")
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "laptop-keys"))  # another PC
    with open_database(kit.folder, purpose="test") as laptop:
        assert reveal_rrn(ServiceContext(laptop, "kim"), "resident", uid) == "780514-1234567"


def test_the_laptop_shows_thumbnails_and_cannot_export_again(svc: Services, tmp_path: Path) -> None:
    codes = _codes(svc, 1)
    with svc.ctx.write() as s:  # the office's backups also go to a share the laptop cannot see
        s.add(Setting(key="backup.second_folder", value="//county-nas/backup"))
    kit = svc.field_kit.export(codes, tmp_path / "kit")
    assert "backup.second_folder" in _values(svc.ctx.db.folder.db_path, "setting", "key")
    assert "backup.second_folder" not in _values(kit.folder / "gwinong.sqlite3", "setting", "key")
    with open_database(kit.folder, purpose="test") as laptop:
        here = services_for(laptop)
        house = here.houses.list_houses()[0]
        photos = here.photo_views.for_house(house.id)
        assert photos and not any(here.photo_views.original_path(p).exists() for p in photos)
        assert all(here.photo_views.thumbnail(p).stat().st_size > 0 for p in photos)
        with pytest.raises(KitRefused, match="다시 현장용 사본을"):
            here.field_kit.export(codes, tmp_path / "kit-of-kit")
    assert not (tmp_path / "kit-of-kit").exists()


def test_a_folder_that_cannot_be_written_is_refused_with_the_reason(
    svc: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil as real_shutil

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(real_shutil, "copyfile", full)  # the stick fills up at the thumbnails
    with pytest.raises(KitRefused, match="No space left on device"):
        svc.field_kit.export(_codes(svc, 1), tmp_path / "kit")
    assert [p.name for p in tmp_path.iterdir() if "kit" in p.name] == []
    with svc.ctx.read() as s:
        assert s.scalars(select(FieldKit)).all() == []
