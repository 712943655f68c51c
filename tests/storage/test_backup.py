"""Backups as one verified file; bad backup files refused before anything is replaced; restore."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from gwinong_desktop.domain.enums import AttachmentKind, DevelopmentType, PhotoPhase
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage import backup_create
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode, FolderLock, StorageError
from gwinong_desktop.storage.engine import foreign_keys_off
from gwinong_desktop.storage.models import Attachment, House, Photo, Setting

# Not run on PostgreSQL (the db_kind fixture): by nature, see the reason.
pytestmark = pytest.mark.sqlite_only(
    "the backup format's copy of the SQLite file itself; a server's portable backup is tested "
    "in tests/server/test_server_cli.py"
)

PHOTOS = 4


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(root: Path, *, houses: int = 2, photos: int = PHOTOS) -> Database:
    """An open folder with houses, photos and one attachment, all files really stored."""
    rng = random.Random(1)
    db = open_database(root, purpose="test")
    with db.sessions() as s:
        s.info["actor"] = "test"
        s.add(Setting(key="county", value="진안군"))
        for h in range(houses):
            s.add(House(code=f"진안-2024-{h + 1:02d}", sido="전북특별자치도", sigun="진안군",
                        eupmyeon="부귀면", development_type=DevelopmentType.REPAIR,
                        program_year=2024))  # fmt: skip
        s.flush()
        house = s.scalars(select(House).order_by(House.id)).first()
        store = ContentStore(root, "photos")
        for i in range(photos):
            f = store.put_bytes(rng.randbytes(20_000 + i), f"p{i}.jpg")
            s.add(Photo(house_id=house.id, phase=PhotoPhase.BEFORE, sha256=f.sha256,
                        stored_path=f.relative_path, size_bytes=f.size_bytes))  # fmt: skip
        f = ContentStore(root, "attachments").put_bytes(b"%PDF-1.4 lease" * 100, "계약서.pdf")
        s.add(Attachment(kind=AttachmentKind.LEASE_CONTRACT, house_id=house.id, sha256=f.sha256,
                         stored_path=f.relative_path, original_name="계약서.pdf",
                         size_bytes=f.size_bytes))  # fmt: skip
        s.commit()
    return db


def house_count(db: Database) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(House)) or 0


def photo_paths(db: Database) -> list[str]:
    with db.sessions() as s:
        return list(s.scalars(select(Photo.stored_path).order_by(Photo.id)))


@pytest.fixture
def folder(tmp_path: Path):
    db = build(tmp_path / "data")
    yield db
    db.close()


@pytest.fixture
def backup_file(folder: Database) -> Path:
    return bk.create_backup(folder.folder.root, folder.folder.backups, app_version="9.9").path


# --- making one ------------------------------------------------------------------------------


def test_backup_holds_database_and_every_referenced_file(folder: Database) -> None:
    root = folder.folder.root
    (root / "photos" / "stray.jpg").write_bytes(b"not referenced")
    result = bk.create_backup(root, folder.folder.backups, kind="exit", app_version="9.9")
    assert bk.NAME_RE.fullmatch(result.path.name) and result.path.name.endswith("-exit.gwbak")
    assert result.path.parent == folder.folder.backups
    m = result.manifest
    assert (m.data["format"], m.data["format_version"], m.app_version) == (bk.FORMAT, 1, "9.9")
    assert m.created.tzinfo is not None and m.kind == "exit" and m.county == "진안군"
    assert m.counts["house"] == 2 and m.counts["photo"] == PHOTOS
    assert set(m.files) == {*photo_paths(folder), *_attachment_paths(folder)}
    with zipfile.ZipFile(result.path) as zf:
        for name, entry in m.data["members"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == entry["sha256"]
        assert zf.getinfo(DB_FILENAME).compress_type == zipfile.ZIP_DEFLATED
        assert zf.getinfo(photo_paths(folder)[0]).compress_type == zipfile.ZIP_STORED
    assert not list(folder.folder.backups.glob(".*")), "no temporary files left"
    assert bk.verify_backup(result.path).data == m.data


def _attachment_paths(db: Database) -> list[str]:
    with db.sessions() as s:
        return list(s.scalars(select(Attachment.stored_path)))


def test_missing_and_damaged_files_are_listed_not_fatal(folder: Database) -> None:
    root = folder.folder.root
    gone, bad = photo_paths(folder)[:2]
    (root / gone).unlink()
    (root / bad).write_bytes(b"edited outside the app")
    m = bk.create_backup(root, folder.folder.backups).manifest
    assert [(x["path"], x["reason"], x["house_code"]) for x in m.missing] == [
        (gone, "missing", "진안-2024-01")
    ]
    assert [x["path"] for x in m.damaged] == [bad] and m.damaged[0]["uid"]
    assert gone not in m.files and bad in m.files  # damaged bytes are kept as they are


def test_snapshot_is_consistent_while_a_writer_is_busy(folder: Database) -> None:
    with folder.engine.connect() as conn:
        conn.exec_driver_sql("UPDATE house SET note='uncommitted'")  # holds a write transaction
        m = bk.create_backup(folder.folder.root, folder.folder.backups).manifest
        conn.rollback()
    assert m.counts["house"] == 2
    with zipfile.ZipFile(bk.list_backups(folder.folder.backups)[0].path) as zf:
        db_bytes = zf.read(DB_FILENAME)
    copy = folder.folder.root / "copy.sqlite3"
    copy.write_bytes(db_bytes)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM house WHERE note IS NOT NULL").fetchone() == (0,)
    conn.close()


def test_unchanged_database_is_not_backed_up_again(folder: Database) -> None:
    root, backups = folder.folder.root, folder.folder.backups
    first = bk.create_backup(root, backups, kind="daily")
    again = bk.create_backup(root, backups, kind="exit", unless_same_as=first.path)
    assert again.skipped and again.path == first.path
    with folder.sessions() as s:
        s.info["actor"] = "test"
        s.add(Setting(key="x", value="y"))
        s.commit()
    changed = bk.create_backup(root, backups, kind="exit", unless_same_as=first.path)
    assert not changed.skipped and changed.path != first.path


def test_backup_that_fails_verification_is_deleted(
    folder: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path, **kw):
        raise bk.BackupError("검사 실패")

    monkeypatch.setattr(backup_create, "verify_backup", broken)
    with pytest.raises(bk.BackupError, match="검사했더니 맞지 않아 지웠습니다"):
        bk.create_backup(folder.folder.root, folder.folder.backups)
    assert list(folder.folder.backups.iterdir()) == []


def test_cancel_leaves_nothing(folder: Database) -> None:
    def cancel_at_two(done: int, total: int, label: str) -> None:
        if done >= 2:
            state.cancel()

    state = TaskState(cancel_at_two)
    with pytest.raises(Cancelled):
        bk.create_backup(folder.folder.root, folder.folder.backups, state=state)
    assert list(folder.folder.backups.iterdir()) == []


def test_backup_to_a_named_file_and_refusals(folder: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb" / "mine.gwbak"
    with pytest.raises(bk.BackupError, match="폴더가 없습니다"):
        bk.create_backup(folder.folder.root, out)
    out.parent.mkdir()
    assert bk.create_backup(folder.folder.root, out).path == out
    bk.verify_backup(out)


def test_copy_backup_is_verified(backup_file: Path, tmp_path: Path) -> None:
    copy = bk.copy_backup(backup_file, tmp_path)
    assert digest(copy) == digest(backup_file) and not list(tmp_path.glob(".*"))


# --- listing and rotation -------------------------------------------------------------------


def _fake(folder: Path, when: datetime, kind: str = "daily") -> Path:
    path = folder / bk.backup_name(kind, when)
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_newest_per_day_and_per_month(tmp_path: Path) -> None:
    now = datetime(2025, 6, 30, 18, 0).astimezone()
    made = []
    for day in range(400):  # two automatic backups a day for 400 days
        made.append(_fake(tmp_path, now - timedelta(days=day), "exit"))
        made.append(_fake(tmp_path, now - timedelta(days=day, hours=8), "daily"))
    manual = _fake(tmp_path, now - timedelta(days=300), "manual")
    before = _fake(tmp_path, now - timedelta(days=200), "before-restore")
    other = tmp_path / "gwinong-backup-notes.txt"
    other.write_text("keep")
    removed = bk.rotate(tmp_path, keep_daily=14, keep_monthly=12)
    kept = {e.path for e in bk.list_backups(tmp_path) if e.kind in bk.AUTOMATIC_KINDS}
    days = {e.created.date() for e in bk.list_backups(tmp_path) if e.path in kept}
    assert len(kept) == 14 + 11  # the newest month is already kept by the daily ones
    assert {now.date() - timedelta(days=d) for d in range(14)} <= days
    assert made[0] in kept and made[1] not in kept  # the newest of the day, not the morning one
    assert manual.exists() and before.exists() and other.exists()
    assert len(removed) == len(made) - len(kept)


def test_rotation_in_a_shared_folder_touches_only_our_folder(folder: Database, tmp_path: Path):
    shared = tmp_path / "usb"
    shared.mkdir()
    root = folder.folder.root
    mine = bk.create_backup(root, shared, kind="exit").path
    theirs = shared / bk.backup_name("exit", datetime.now().astimezone() - timedelta(days=3))
    shutil.copy(mine, theirs)
    data = json.loads(zipfile.ZipFile(theirs).read(bk.MANIFEST))  # another folder's backup
    assert data["source"] == bk.source_id(root)
    assert bk.rotate(shared, 1, 0, source={"folder": "/elsewhere", "host": "pc"}) == []
    assert bk.rotate(shared, 1, 0, source=bk.source_id(root)) == [theirs]


def test_list_backups_newest_first(tmp_path: Path) -> None:
    a = _fake(tmp_path, datetime(2025, 1, 1, 9).astimezone(), "manual")
    b = _fake(tmp_path, datetime(2025, 1, 2, 9).astimezone(), "exit")
    assert [e.path for e in bk.list_backups(tmp_path)] == [b, a]
    assert [e.kind for e in bk.list_backups(tmp_path)] == ["exit", "manual"]


# --- bad backup files ----------------------------------------------------------------------


def _rewrite(src: Path, dest: Path, change) -> Path:
    """Copy a backup zip member by member, letting ``change(name, data, manifest)`` edit it."""
    with zipfile.ZipFile(src) as zin:
        manifest = json.loads(zin.read(bk.MANIFEST))
        members = {n: zin.read(n) for n in zin.namelist() if n != bk.MANIFEST}
    members = change(members, manifest) or members
    with zipfile.ZipFile(dest, "w") as zout:
        for name, data in members.items():
            zout.writestr(name, data)
        zout.writestr(bk.MANIFEST, json.dumps(manifest))
    return dest


def _flip_byte_of_photo(src: Path, dest: Path) -> Path:
    """Change one byte of a stored photo in the zip itself (its CRC no longer matches)."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = next(i for i in zf.infolist() if i.filename.startswith("photos/"))
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[offset] ^= 0xFF
    dest.write_bytes(bytes(data))
    return dest


def _photo_changed_consistently(members, manifest):
    name = next(n for n in members if n.startswith("photos/"))
    members[name] = members[name][:-1] + b"\x00"  # a valid zip, but not the photo listed


def _newer_format(members, manifest):
    manifest["format_version"] = 2


def _newer_schema(members, manifest):
    manifest["schema_revision"] = "0099"


def _extra_member(members, manifest):
    members["photos/zz/evil.jpg"] = b"x"


def _escape(members, manifest):
    members["../outside.txt"] = b"x"
    manifest["members"]["../outside.txt"] = {"sha256": hashlib.sha256(b"x").hexdigest(), "size": 1}


def _dropped_member(members, manifest):
    del members[next(n for n in members if n.startswith("photos/"))]


def _foreign_database(members, manifest):
    buf = Path(manifest["source"]["folder"]).parent / "foreign.sqlite3"
    conn = sqlite3.connect(buf)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    members[DB_FILENAME] = buf.read_bytes()
    manifest["members"][DB_FILENAME] = {
        "sha256": hashlib.sha256(members[DB_FILENAME]).hexdigest(),
        "size": len(members[DB_FILENAME]),
    }


def _write(dest: Path, data: bytes) -> Path:
    dest.write_bytes(data)
    return dest


def _other_program_zip(dest: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
        zf.writestr("gwinong.sqlite3", b"SQLite format 3\x00")
    dest.write_bytes(buf.getvalue())
    return dest


BAD = {
    "truncated": (lambda src, d: _write(d, src.read_bytes()[: src.stat().st_size // 2]),
                  "끝까지 저장되지 않았거나", ExitCode.BAD_INPUT),
    "random bytes": (lambda src, d: _write(d, random.Random(3).randbytes(5000)),
                     "백업 파일이 아니거나", ExitCode.BAD_INPUT),
    "empty file": (lambda src, d: _write(d, b""), "백업 파일이 아니거나",
                   ExitCode.BAD_INPUT),
    "another program's zip": (lambda src, d: _other_program_zip(d), "다른 프로그램이 만든",
                              ExitCode.BAD_INPUT),
    "newer format": (lambda src, d: _rewrite(src, d, _newer_format), "더 새로운 버전",
                     ExitCode.NEWER_SCHEMA),
    "newer schema": (lambda src, d: _rewrite(src, d, _newer_schema), "더 새로운 버전",
                     ExitCode.NEWER_SCHEMA),
    "a byte of a photo changed": (_flip_byte_of_photo, "누군가 내용을 바꾸었습니다",
                                  ExitCode.BAD_INPUT),
    "a photo replaced": (lambda src, d: _rewrite(src, d, _photo_changed_consistently),
                         "해시와 다릅니다", ExitCode.BAD_INPUT),
    "an extra member": (lambda src, d: _rewrite(src, d, _extra_member), "목록과 실제 내용이",
                        ExitCode.BAD_INPUT),
    "a path outside": (lambda src, d: _rewrite(src, d, _escape), "들어 있으면 안 되는",
                       ExitCode.BAD_INPUT),
    "a member dropped": (lambda src, d: _rewrite(src, d, _dropped_member), "목록과 실제 내용이",
                         ExitCode.BAD_INPUT),
    "another database": (lambda src, d: _rewrite(src, d, _foreign_database), "데이터베이스",
                         ExitCode.BAD_INPUT),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD))
def test_bad_backup_is_refused_and_nothing_changes(
    case: str, folder: Database, backup_file: Path, tmp_path: Path
) -> None:
    make, words, code = BAD[case]
    bad = make(backup_file, tmp_path / "bad.gwbak")
    root = folder.folder.root
    folder.engine.dispose()
    before = {p.relative_to(root): digest(p) for p in root.rglob("*") if p.is_file()}
    with pytest.raises(bk.BackupError) as err:
        bk.verify_backup(bad)
    assert words in err.value.message and err.value.exit_code == code
    assert "그대로" in err.value.message  # the officer is told nothing was touched
    with pytest.raises(bk.BackupError) as again:
        bk.restore_backup(root, bad, lock=folder.lock)
    assert again.value.message == err.value.message
    after = {p.relative_to(root): digest(p) for p in root.rglob("*") if p.is_file()}
    assert after == before  # the database, photos and backups: byte for byte


def test_missing_backup_file(tmp_path: Path) -> None:
    with pytest.raises(bk.BackupError, match="백업 파일이 없습니다"):
        bk.verify_backup(tmp_path / "nope.gwbak")


# --- restoring -------------------------------------------------------------------------------


def test_restore_round_trip(folder: Database, backup_file: Path) -> None:
    root = folder.folder.root
    first, second = photo_paths(folder)[:2]
    (root / first).unlink()
    (root / second).write_bytes(b"damaged")
    with folder.sessions() as s:
        s.info["actor"] = "test"
        s.add(House(code="진안-2025-09", sido="전북", sigun="진안군", eupmyeon="주천면",
                    development_type=DevelopmentType.MODULAR, program_year=2025))  # fmt: skip
        s.commit()
    assert house_count(folder) == 3
    closed: list[bool] = []

    def close() -> None:  # the app closes its connections here
        closed.append(True)
        folder.engine.dispose()

    result = bk.restore_backup(root, backup_file, lock=folder.lock, before_swap=close)
    assert closed == [True]
    assert house_count(folder) == 2
    for path in photo_paths(folder):
        assert hashlib.sha256((root / path).read_bytes()).hexdigest() in path
    assert (result.files_added, result.files_replaced) == (1, 1)
    aside = list((root / "backups").glob(f"replaced-files-*/{second}"))
    assert [p.read_bytes() for p in aside] == [b"damaged"]  # kept, never thrown away
    assert result.before_backup is not None and result.before_backup.name.endswith(
        "-before-restore.gwbak"
    )
    assert bk.verify_backup(result.before_backup).counts["house"] == 3
    assert not list(root.glob(".restore-staging-*"))


def test_restore_refuses_to_swap_under_an_open_connection(
    folder: Database, backup_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sound database still in use is never swapped (its WAL would meet the new file)."""
    monkeypatch.setattr(bk.sqlite3, "connect", _quick_timeout(bk.sqlite3.connect))
    db_path = folder.folder.db_path
    with folder.engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM house").scalar()
        before = dump(db_path)
        with pytest.raises(bk.BackupError) as err:
            bk.restore_backup(folder.folder.root, backup_file, lock=folder.lock)
    assert err.value.exit_code == ExitCode.IN_USE and "복원하지 않았습니다" in err.value.message
    assert dump(db_path) == before and house_count(folder) == 2  # (a checkpoint may have run)


def dump(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _quick_timeout(connect):
    return lambda *a, **kw: connect(*a, **{**kw, "timeout": 0.2})


def test_restore_refuses_a_folder_in_use(folder: Database, backup_file: Path) -> None:
    with pytest.raises(StorageError) as err:
        bk.restore_backup(folder.folder.root, backup_file)  # the open app holds the lock
    assert err.value.exit_code == ExitCode.IN_USE


def test_restore_into_a_new_folder(backup_file: Path, tmp_path: Path) -> None:
    root = tmp_path / "new-pc"
    result = bk.restore_backup(root, backup_file)
    assert result.before_backup is None
    with open_database(root) as db:
        assert house_count(db) == 2
        assert all((root / p).is_file() for p in photo_paths(db))


def test_restore_over_a_damaged_database_keeps_a_raw_copy(
    folder: Database, backup_file: Path
) -> None:
    root = folder.folder.root
    folder.close()
    db_path = root / DB_FILENAME
    data = bytearray(db_path.read_bytes())
    data[4096:12288] = b"\xa5" * 8192  # pages 2–3 overwritten
    db_path.write_bytes(bytes(data))
    assert bk.sqlite_problems(db_path)
    result = bk.restore_backup(root, backup_file)
    assert result.raw_copy is not None and result.warnings
    assert (result.raw_copy / DB_FILENAME).read_bytes() == bytes(data)
    with open_database(root) as db:
        assert house_count(db) == 2


def test_foreign_key_orphans_are_named(folder: Database) -> None:
    db_path = folder.folder.db_path
    assert bk.foreign_key_orphans(db_path) == []
    with foreign_keys_off(folder.engine) as conn:
        uid = conn.execute(text("SELECT uid FROM photo LIMIT 1")).scalar()
        conn.exec_driver_sql(f"UPDATE photo SET house_id = 999 WHERE uid = '{uid}'")
        conn.commit()
    [orphan] = bk.foreign_key_orphans(db_path)
    assert (orphan.table, orphan.uid, orphan.parent) == ("photo", uid, "house")


def test_close_and_reopen_an_open_folder(folder: Database) -> None:
    old_engine = folder.engine
    bk.close_for_restore(folder)
    with pytest.raises(StorageError, match="복원하는 중"), old_engine.connect():
        pass
    bk.reopen_database(folder)
    assert folder.engine is not old_engine and house_count(folder) == 2
    assert folder.lock is not None and folder.lock.held


def test_reopen_needs_the_lock(folder: Database) -> None:
    other = FolderLock(folder.folder, "x")
    folder.lock.release()
    folder.lock = None
    with pytest.raises(ValueError):
        bk.reopen_database(folder)
    del other
