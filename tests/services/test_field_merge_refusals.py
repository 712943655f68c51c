"""Kits that are not merged (issue 15, "Bad input"): each refused with its reason in Korean,
nothing of it in the office database, and the kit itself left as it was."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from kit_fixtures import make_kit, sha256
from sqlalchemy import func, select

from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.services import Services
from gwinong_desktop.services.kit_manifest import KitRefused
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import AuditEvent, FieldKit, House, Photo, Setting

pytestmark = pytest.mark.sqlite_only(
    "these tests make and check kits through the office's SQLite file itself (kit_fixtures "
    "copies it; checks read it with sqlite3); a kit out of and back into a server folder is "
    "tested end to end in tests/server/test_server_kit.py"
)


HOUSE = "진안-2015-01"


def manifest_of(kit: Path) -> dict:
    return json.loads((kit / "kit" / "manifest.json").read_text(encoding="utf-8"))


def rewrite_manifest(kit: Path, **changes: object) -> None:
    data = manifest_of(kit) | changes
    (kit / "kit" / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def with_laptop_photo(kit: Path) -> str:
    """A photo taken on the laptop (row and file); its path in the kit."""
    stored = ContentStore(kit, "photos").put_bytes(b"\xff\xd8 field photo \xff\xd9", "a.jpg")
    with open_database(kit, purpose="test laptop") as db, db.sessions() as s:
        s.info["actor"] = "현장"
        house_id = s.scalar(select(House.id).where(House.code == HOUSE))
        s.add(Photo(house_id=house_id, phase="inspection", sha256=stored.sha256,
                    stored_path=stored.relative_path, size_bytes=stored.size_bytes))  # fmt: skip
        s.commit()
    return stored.relative_path


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def other_county(svc: Services) -> None:
    with svc.ctx.db.sessions() as s:
        s.info["actor"] = "test"
        s.execute(Setting.__table__.update().where(Setting.key == "county").values(value="무주군"))
        s.commit()


def other_folder(svc: Services) -> None:
    with svc.ctx.db.sessions() as s:
        s.info["actor"] = "test"
        s.execute(FieldKit.__table__.delete())
        s.commit()


SPOILERS: dict[str, tuple[Callable[[Path, Services], None], str]] = {
    "no manifest": (lambda k, _: (k / "kit" / "manifest.json").unlink(), "현장 자료가 아닙니다"),
    "tampered base": (
        lambda k, _: (k / "kit" / "base.sqlite3").write_bytes(b"SQLite format 3\x00x"),
        "다른 프로그램으로 바뀌었습니다",
    ),
    "newer format": (lambda k, _: rewrite_manifest(k, format=2), "더 새 버전"),
    "newer schema": (lambda k, _: rewrite_manifest(k, schema_revision="0099"), "더 새 버전"),
    "half-copied photos": (
        lambda k, _: (k / with_laptop_photo(k)).unlink(),
        "반만 복사",
    ),
    "photo not matching its hash": (
        lambda k, _: (k / with_laptop_photo(k)).write_bytes(b"something else"),
        "해시와 맞지 않습니다",
    ),
    "exported photo missing": (
        lambda k, _: (k / next(iter(manifest_of(k)["photos"].values()))).unlink(),
        "반만 복사",
    ),
    "truncated database": (lambda k, _: truncate(k / DB_FILENAME), "읽을 수 없습니다"),
    "missing database": (lambda k, _: (k / DB_FILENAME).unlink(), "반만 복사"),
    "another county": (lambda _, svc: other_county(svc), "다른 시·군"),
    "another data folder": (lambda _, svc: other_folder(svc), "이 데이터 폴더에서 내보낸"),
}


@pytest.mark.parametrize("case", list(SPOILERS))
def test_a_bad_kit_is_refused_with_its_reason_and_nothing_is_merged(
    case: str, tmp_path: Path, svc: Services
):
    kit = tmp_path / "kit"
    make_kit(svc.ctx.db, kit, [HOUSE])
    with open_database(kit, purpose="test laptop") as db, db.sessions() as s:
        s.info["actor"] = "현장"
        s.scalars(select(House).where(House.code == HOUSE)).one().note = "현장 메모"
        s.commit()
    spoil, reason = SPOILERS[case]
    spoil(kit, svc)
    kit_files = {p: sha256(p) for p in kit.rglob("*") if p.is_file()}
    with svc.ctx.read() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    for attempt in (svc.field_merge.plan, svc.field_merge.apply):
        with pytest.raises(KitRefused, match=reason) as refused:
            attempt(kit)
        assert refused.value.exit_code == 8
    with svc.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events
        assert s.scalar(select(House.note).where(House.code == HOUSE)) != "현장 메모"
        assert s.scalar(select(func.count()).where(FieldKit.direction == "import")) == 0
    assert {p: sha256(p) for p in kit.rglob("*") if p.is_file()} == kit_files
    assert not [p for p in (svc.data_dir / "photos").rglob("*.part")]  # no copy left behind


def test_a_database_of_another_kit_put_in_the_folder_is_refused(tmp_path: Path, svc: Services):
    first, second = tmp_path / "first", tmp_path / "second"
    make_kit(svc.ctx.db, first, [HOUSE])
    make_kit(svc.ctx.db, second, [HOUSE])
    (first / DB_FILENAME).write_bytes((second / DB_FILENAME).read_bytes())
    with pytest.raises(KitRefused, match="섞였습니다"):
        svc.field_merge.plan(first)


def test_the_same_kit_on_a_second_office_pc_is_refused(tmp_path: Path, svc: Services):
    """A second office PC with its own database (another folder id, no export of this kit)."""
    kit = tmp_path / "kit"
    make_kit(svc.ctx.db, kit, [HOUSE])
    conn = sqlite3.connect(svc.ctx.db.folder.db_path)
    conn.execute("INSERT INTO setting (key, value) VALUES ('folder.id', 'another-pc')")
    conn.commit()
    conn.close()
    with pytest.raises(KitRefused, match="이 데이터 폴더에서 내보낸"):
        svc.field_merge.apply(kit)
