"""Bringing a field kit back (issue 15, point 3-6): every merge case, a kit imported twice, the
laptop's history, and the unchanged round trip that leaves the office database as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from edit_fixtures import services_for
from kit_fixtures import make_kit
from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import FindingStatus, InspectionKind, PhotoPhase
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.services import Services
from gwinong_desktop.services.safety import ERROR
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import (
    AuditEvent,
    FieldKit,
    Finding,
    House,
    Inspection,
    MergeItem,
    Photo,
    Resident,
)

pytestmark = pytest.mark.sqlite_only(
    "these tests make and check kits through the office's SQLite file itself (kit_fixtures "
    "copies it; checks read it with sqlite3); a kit out of and back into a server folder is "
    "tested end to end in tests/server/test_server_kit.py"
)


HOUSE = "진안-2015-01"
LAPTOP = "현장-김"


@pytest.fixture
def kit(tmp_path: Path, county_db: Database) -> Path:
    folder = tmp_path / "kit"
    make_kit(county_db, folder, [HOUSE])
    return folder


def change(db: Database, actor: str, work: Callable[[Session], None]) -> None:
    """One audited unit of work on ``db`` as ``actor`` (the laptop's app or the office's)."""
    with db.sessions() as s:
        s.info["actor"] = actor
        work(s)
        s.commit()


@pytest.fixture
def laptop(kit: Path) -> Iterator[Database]:
    db = open_database(kit, purpose="test laptop")
    try:
        yield db
    finally:
        db.close()


def on_laptop(kit: Path, work: Callable[[Session], None]) -> None:
    with open_database(kit, purpose="test laptop") as db:
        change(db, LAPTOP, work)


def first_resident(s: Session) -> Resident:
    return s.scalars(select(Resident).order_by(Resident.id)).first()


def house(s: Session) -> House:
    return s.scalars(select(House).where(House.code == HOUSE)).one()


def dump(db: Database) -> dict[str, list[tuple]]:
    """Every table's rows, but the import's own record (field_kit, audit, the chain's head)."""
    conn = sqlite3.connect(db.folder.db_path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for t in tables:
            if t in ("field_kit", "audit_event"):
                continue
            where = " WHERE key != 'audit.head'" if t == "setting" else ""
            out[t] = conn.execute(f"SELECT * FROM {t}{where} ORDER BY 1").fetchall()
        return out
    finally:
        conn.close()


def test_an_unchanged_round_trip_leaves_the_office_database_as_it_was(svc: Services, kit: Path):
    before = dump(svc.ctx.db)
    plan = svc.field_merge.plan(kit)
    assert plan.nothing_to_do and plan.questions == []
    result = svc.field_merge.apply(kit)
    assert result.field_kit_id is not None and result.backup is not None
    assert result.backup.is_file()
    assert dump(svc.ctx.db) == before
    with svc.ctx.read() as s:
        kits = s.execute(select(FieldKit.direction)).scalars().all()
    assert sorted(kits) == ["export", "import"]


def test_each_side_s_own_change_is_kept_and_a_different_change_on_both_is_a_conflict(
    svc: Services, kit: Path
):
    def laptop_edits(s: Session) -> None:
        r = first_resident(s)
        r.phone = "010-1111-2222"  # laptop only: taken
        r.note = "현장 메모"  # both, differently: conflict
        r.previous_address = "서울 마포구"  # both, the same: nothing
        house(s).note = "지붕 보수 필요"  # laptop only

    on_laptop(kit, laptop_edits)

    def office_edits(s: Session) -> None:
        r = first_resident(s)
        r.note = "사무실 메모"
        r.previous_address = "서울 마포구"
        r.settled_address = "진안읍"  # office only: kept

    change(svc.ctx.db, "사무실-이", office_edits)
    plan = svc.field_merge.plan(kit)
    assert {(c.entity, c.field) for c in plan.changes} == {
        ("resident", "phone"),
        ("house", "note"),
    }
    assert [(q.kind, q.field) for q in plan.questions] == [("conflict", "note")]
    q = plan.questions[0]
    assert (q.office, q.laptop) == ("사무실 메모", "현장 메모")
    assert q.office_actor == "사무실-이" and q.laptop_actor == LAPTOP

    svc.field_merge.apply(kit)
    with svc.ctx.read() as s:
        r = first_resident(s)
        assert (r.phone, r.note, r.previous_address, r.settled_address) == (
            "010-1111-2222",
            "사무실 메모",
            "서울 마포구",
            "진안읍",
        )
        assert r.revision == 3  # the office's edit, then the import
        assert house(s).note == "지붕 보수 필요"
        item = s.scalars(select(MergeItem)).one()
        assert (item.kind, item.field, item.status) == ("conflict", "note", "open")
        assert (item.office_value, item.laptop_value) == ("사무실 메모", "현장 메모")
    assert svc.merge_review.count_open() == 1


def test_an_original_the_office_holds_is_not_copied_again(
    svc: Services, kit: Path, monkeypatch: pytest.MonkeyPatch
):
    """Bytes the office's store holds already (a photo carried out and back, the same picture
    filed under another house) are neither read nor hashed again; a new one is."""
    from gwinong_desktop.media.store import FileBatch

    kept = ContentStore(svc.data_dir, "photos").put_bytes(
        b"\xff\xd8 office bytes \xff\xd9", "a.jpg"
    )
    store = ContentStore(kit, "photos")
    same = store.put_bytes(b"\xff\xd8 office bytes \xff\xd9", "a.jpg")
    new = store.put_bytes(b"\xff\xd8 new bytes \xff\xd9", "b.jpg")
    assert same.relative_path == kept.relative_path

    def photograph(s: Session) -> None:
        for f in (same, new):
            s.add(Photo(house_id=house(s).id, phase=PhotoPhase.INSPECTION, sha256=f.sha256,
                        stored_path=f.relative_path, size_bytes=f.size_bytes))  # fmt: skip

    on_laptop(kit, photograph)
    added: list[str] = []
    real_add = FileBatch.add
    monkeypatch.setattr(
        FileBatch,
        "add",
        lambda self, kind, path: (added.append(path.name), real_add(self, kind, path))[1],
    )
    result = svc.field_merge.apply(kit)
    assert result.field_kit_id is not None and result.photos_copied == 2
    assert set(added) == {Path(new.relative_path).name}
    office = ContentStore(svc.data_dir, "photos")
    assert office.verify(new.relative_path, new.sha256) and office.verify(
        kept.relative_path, kept.sha256
    )
    with svc.ctx.read() as s:
        shas = set(s.scalars(select(Photo.sha256).where(Photo.house_id == house(s).id)))
    assert {same.sha256, new.sha256} <= shas
    assert not [p for p in (svc.data_dir / "photos").rglob("*.part")]  # no copy left behind


def test_records_made_on_the_laptop_come_in_by_uid_with_their_photos(svc: Services, kit: Path):
    store = ContentStore(kit, "photos")
    stored = store.put_bytes(b"\xff\xd8 laptop photo bytes \xff\xd9", "IMG_0001.jpg")
    made: dict[str, str] = {}

    def inspect(s: Session) -> None:
        h = house(s)
        insp = Inspection(
            house_id=h.id,
            kind=InspectionKind.REGULAR,
            inspected_on=date(2026, 12, 3),
            inspector=LAPTOP,
            summary="정기 점검",
        )
        s.add(insp)
        s.flush()
        s.add(
            Finding(
                inspection_id=insp.id,
                description="난간 흔들림",
                status=FindingStatus.OPEN,
                due_on=date(2026, 12, 31),
            )
        )
        s.add(
            Photo(
                house_id=h.id,
                inspection_id=insp.id,
                phase=PhotoPhase.INSPECTION,
                sha256=stored.sha256,
                stored_path=stored.relative_path,
                size_bytes=stored.size_bytes,
                original_name="IMG_0001.jpg",
            )
        )
        s.flush()
        made["inspection"] = insp.uid

    on_laptop(kit, inspect)
    plan = svc.field_merge.plan(kit)
    assert sorted(r.entity for r in plan.new_records) == ["finding", "inspection", "photo"]
    result = svc.field_merge.apply(kit)
    assert result.photos_copied == 1
    assert ContentStore(svc.data_dir, "photos").verify(stored.relative_path, stored.sha256)
    with svc.ctx.read() as s:
        insp = s.scalars(select(Inspection).where(Inspection.uid == made["inspection"])).one()
        assert insp.house_id == house(s).id and insp.summary == "정기 점검"
        assert [f.description for f in insp.findings] == ["난간 흔들림"]
        photo = s.scalars(select(Photo).where(Photo.inspection_id == insp.id)).one()
        assert photo.sha256 == stored.sha256
        # the laptop's events came in as history: its actor, its time
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_uid == insp.uid)).all()
        assert [(e.actor, e.action) for e in events] == [(LAPTOP, "create")]
        assert events[0].at < datetime.now(UTC)
    problems = svc.safety.check()  # the audit chain holds with the laptop's events in it
    assert [p.message for p in problems if p.severity == ERROR] == []


def test_the_same_inspection_made_on_both_sides_is_a_possible_duplicate(svc: Services, kit: Path):
    def inspect(actor: str, what: str) -> Callable[[Session], None]:
        def work(s: Session) -> None:
            insp = Inspection(
                house_id=house(s).id,
                kind=InspectionKind.REGULAR,
                inspected_on=date(2026, 12, 3),
                inspector=actor,
                summary=what,
            )
            s.add(insp)
            s.flush()
            s.add(
                Finding(
                    inspection_id=insp.id, description=f"{what} 지적", status=FindingStatus.OPEN
                )
            )

        return work

    on_laptop(kit, inspect(LAPTOP, "현장"))
    change(svc.ctx.db, "사무실-이", inspect("사무실-이", "사무실"))
    plan = svc.field_merge.plan(kit)
    assert [q.kind for q in plan.questions] == ["duplicate"]
    assert plan.new_records == []  # neither the inspection nor its finding inserted blindly
    assert [c.entity for c in plan.questions[0].children] == ["finding"]
    svc.field_merge.apply(kit)
    with svc.ctx.read() as s:
        assert s.scalars(select(Inspection).where(Inspection.summary == "현장")).first() is None
    [item] = svc.merge_review.open_items()
    assert item.kind_label == "중복 의심" and "현장" in item.laptop and "사무실" in item.office
    svc.merge_review.resolve(item.id, "keep", "같은 날 같은 점검: 사무실 것에 합침")
    with svc.ctx.read() as s:
        office = s.scalars(select(Inspection).where(Inspection.summary == "사무실")).one()
        assert sorted(f.description for f in office.findings) == ["사무실 지적", "현장 지적"]
        assert s.scalars(select(Inspection).where(Inspection.summary == "현장")).first() is None
        note = s.scalars(select(AuditEvent).where(AuditEvent.action == "resolve")).one()
        assert "사무실 것에 합침" in note.summary
    assert svc.merge_review.count_open() == 0


def test_a_duplicate_taken_comes_in_as_a_record_of_its_own(svc: Services, kit: Path):
    def resident(actor: str) -> Callable[[Session], None]:
        def work(s: Session) -> None:
            s.add(Resident(name="홍길동", birth_date=date(1970, 5, 5), phone=actor))

        return work

    on_laptop(kit, resident(LAPTOP))
    change(svc.ctx.db, "사무실-이", resident("사무실"))
    svc.field_merge.apply(kit)
    [item] = svc.merge_review.open_items()
    assert item.kind == "duplicate"
    svc.merge_review.resolve(item.id, "take", "동명이인 확인")
    with svc.ctx.read() as s:
        phones = s.scalars(select(Resident.phone).where(Resident.name == "홍길동")).all()
    assert sorted(phones) == ["사무실", LAPTOP]


def test_archived_on_one_side_and_edited_on_the_other_is_never_a_silent_revival(
    svc: Services, kit: Path
):
    def archive(s: Session) -> None:
        r = first_resident(s)
        r.archived_at = datetime.now(UTC)
        r.archive_reason = "잘못 입력"

    on_laptop(kit, lambda s: setattr(first_resident(s), "phone", "010-9999-0000"))
    change(svc.ctx.db, "사무실-이", archive)
    plan = svc.field_merge.plan(kit)
    assert [q.kind for q in plan.questions] == ["archived"] and plan.changes == []
    svc.field_merge.apply(kit)
    with svc.ctx.read() as s:
        r = first_resident(s)
        assert r.archived_at is not None and r.phone != "010-9999-0000"
    [item] = svc.merge_review.open_items()
    svc.merge_review.resolve(item.id, "take", "현장 확인: 계속 거주 중")
    with svc.ctx.read() as s:
        assert first_resident(s).phone == "010-9999-0000"


def test_a_conflict_is_resolved_by_keep_take_or_another_value_with_a_note(svc: Services, kit: Path):
    on_laptop(kit, lambda s: setattr(house(s), "note", "현장"))
    change(svc.ctx.db, "사무실-이", lambda s: setattr(house(s), "note", "사무실"))
    svc.field_merge.apply(kit)
    [item] = svc.merge_review.open_items()
    assert (item.base, item.office, item.laptop) == ("(없음)", "사무실", "현장")
    assert item.can_type and "사무실-이" in item.office_by and LAPTOP in item.laptop_by
    with pytest.raises(Exception, match="메모"):
        svc.merge_review.resolve(item.id, "other", "  ", typed="둘 다")
    svc.merge_review.resolve(item.id, "other", "둘을 합쳐 적음", typed="사무실·현장")
    with svc.ctx.read() as s:
        assert house(s).note == "사무실·현장"
        event = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "house", AuditEvent.action == "update")
            .order_by(AuditEvent.id.desc())
        ).first()
        assert event.changes["note"] == ["사무실", "사무실·현장"]


def test_a_kit_imported_twice_adds_nothing_the_second_time_and_says_so(svc: Services, kit: Path):
    on_laptop(kit, lambda s: setattr(house(s), "note", "현장"))
    svc.field_merge.apply(kit)
    after_first = dump(svc.ctx.db)
    with svc.ctx.read() as s:
        events = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    plan = svc.field_merge.plan(kit)
    assert plan.imported_before is not None and plan.imported_before[1] == "officer"
    again = svc.field_merge.apply(kit)
    assert again.field_kit_id is None
    assert dump(svc.ctx.db) == after_first
    with svc.ctx.read() as s:
        assert s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == events


def test_the_kit_folder_is_left_exactly_as_it_came(svc: Services, kit: Path):
    on_laptop(kit, lambda s: setattr(house(s), "note", "현장"))
    files = {p: p.read_bytes() for p in kit.rglob("*") if p.is_file()}
    svc.field_merge.apply(kit)
    assert {p: p.read_bytes() for p in kit.rglob("*") if p.is_file()} == files


def test_the_import_needs_the_right_to_import(county_db: Database, kit: Path):
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.permissions import NotPermitted

    viewer = services_for(county_db)
    viewer.ctx.role = Role.VIEWER
    with pytest.raises(NotPermitted):
        viewer.field_merge.plan(kit)
    assert (kit / DB_FILENAME).is_file()


def test_a_cancelled_import_writes_nothing(svc: Services, kit: Path):
    from gwinong_desktop.domain.progress import Cancelled, TaskState

    on_laptop(kit, lambda s: setattr(house(s), "note", "현장"))
    state = TaskState(lambda *_: None)
    state.cancel()
    with pytest.raises(Cancelled):
        svc.field_merge.apply(kit, state)
    with svc.ctx.read() as s:
        assert house(s).note != "현장"
        assert s.scalars(select(FieldKit).where(FieldKit.direction == "import")).first() is None


def test_a_kit_written_by_the_export_comes_back(svc: Services, tmp_path: Path):
    """The export's own kit (``Services.field_kit``): unchanged, the office stays as it was;
    changed on the laptop, the changes come in."""
    kit = tmp_path / "exported"
    svc.field_kit.export([HOUSE], kit)
    before = dump(svc.ctx.db)
    assert svc.field_merge.plan(kit).nothing_to_do
    on_laptop(kit, lambda s: setattr(first_resident_of_house(s), "phone", "010-3333-4444"))
    plan = svc.field_merge.plan(kit)
    assert [(c.entity, c.field) for c in plan.changes] == [("resident", "phone")]
    svc.field_merge.apply(kit)
    after = dump(svc.ctx.db)
    changed = [t for t in before if before[t] != after[t]]
    assert changed == ["resident"]


def first_resident_of_house(s: Session) -> Resident:
    from gwinong_desktop.storage.models import Stay

    query = select(Resident).join(Stay).where(Stay.house_id == house(s).id).order_by(Resident.id)
    return s.scalars(query).first()
