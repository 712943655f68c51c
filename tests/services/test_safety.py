"""Scheduled backups, the second folder, restore into an open folder, the data check, the CLI."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gwinong_desktop.app import main
from gwinong_desktop.domain.enums import DevelopmentType, PhotoPhase
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.services import Services, safety
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.safety import BackupSettings, Problem
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import ExitCode
from gwinong_desktop.storage.engine import foreign_keys_off
from gwinong_desktop.storage.models import AuditEvent, House, Photo, Setting

# Not run on PostgreSQL (the db_kind fixture): by nature, see the reason.
pytestmark = pytest.mark.sqlite_only(
    "backups, restores and checks of the folder's SQLite file (copies of the file, its pages "
    "and WAL); a server folder's backup, restore and check are tested in "
    "tests/server/test_server_cli.py"
)


def build(root: Path, photos: int = 3) -> Database:
    rng = random.Random(2)
    db = open_database(root, purpose="test")
    with ServiceContext(db, "test").write() as s:
        s.add(Setting(key="county", value="진안군"))
        s.add(House(code="진안-2024-01", sido="전북특별자치도", sigun="진안군", eupmyeon="부귀면",
                    development_type=DevelopmentType.REPAIR, program_year=2024))  # fmt: skip
        s.flush()
        house_id = s.scalar(select(House.id))
        for i in range(photos):
            f = ContentStore(root, "photos").put_bytes(rng.randbytes(10_000 + i), f"p{i}.jpg")
            s.add(Photo(house_id=house_id, phase=PhotoPhase.AFTER, sha256=f.sha256,
                        stored_path=f.relative_path, size_bytes=f.size_bytes,
                        original_name=f"p{i}.jpg"))  # fmt: skip
    return db


@pytest.fixture
def db(tmp_path: Path):
    database = build(tmp_path / "data")
    yield database
    database.close()


def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, "test")


def safe(db: Database, actor: str = "test") -> safety.SafetyService:
    """The safety use cases as the program (or a folder without accounts): no limits."""
    return Services.over(db, actor).safety


def photo_paths(db: Database) -> list[str]:
    with ctx(db).read() as s:
        return list(s.scalars(select(Photo.stored_path).order_by(Photo.id)))


def houses(db: Database) -> int:
    with ctx(db).read() as s:
        return s.scalar(select(func.count()).select_from(House)) or 0


def add_house(db: Database, code: str) -> None:
    with ctx(db).write() as s:
        s.add(House(code=code, sido="전북", sigun="진안군", eupmyeon="주천면",
                    development_type=DevelopmentType.MODULAR, program_year=2025))  # fmt: skip


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == safety.ERROR and not p.repaired]


# --- settings and automatic backups ----------------------------------------------------------


def test_settings_defaults_save_and_audit(db: Database, tmp_path: Path) -> None:
    assert safe(db).settings() == BackupSettings(14, 12, None)

    def setting_events() -> int:
        with ctx(db).read() as s:
            return s.scalar(select(func.count()).where(AuditEvent.entity == "setting")) or 0

    before = setting_events()
    safe(db).save_settings(BackupSettings(7, 24, tmp_path / "usb"))
    assert safe(db).settings() == BackupSettings(7, 24, tmp_path / "usb")
    assert setting_events() == before + 3
    safe(db).save_settings(BackupSettings(7, 24, tmp_path / "usb"))
    assert setting_events() == before + 3  # nothing changed, nothing logged
    with pytest.raises(ValueError, match="일별"):
        safe(db).save_settings(BackupSettings(0, 12, None))


def test_backup_copies_to_second_folder_and_rotates(db: Database, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    safe(db).save_settings(BackupSettings(1, 0, usb))
    for name in ("old-1", "old-2"):  # two automatic backups of earlier days
        when = datetime.now().astimezone() - timedelta(days=3 if name == "old-1" else 2)
        (db.folder.backups / bk.backup_name("exit", when)).write_bytes(b"x")
    result = safe(db).automatic_backup("exit")
    assert not result.skipped and result.copies == [usb / result.path.name]
    bk.verify_backup(result.copies[0])
    assert [e.path for e in bk.list_backups(db.folder.backups)] == [result.path]


def test_absent_second_folder_is_a_warning(db: Database, tmp_path: Path) -> None:
    safe(db).save_settings(BackupSettings(14, 12, tmp_path / "E-drive"))
    result = safe(db).backup()
    assert result.path.exists() and result.copies == []
    assert "USB" in result.warnings[0]


def test_automatic_backup_skips_when_nothing_changed(db: Database) -> None:
    first = safe(db).automatic_backup("daily")
    again = safe(db).automatic_backup("exit")
    assert again.skipped and again.path == first.path
    manual = safe(db).backup()  # the officer asked: always written
    assert not manual.skipped and manual.path != first.path
    add_house(db, "진안-2025-01")
    assert not safe(db).automatic_backup("exit").skipped


def test_backup_to_a_file(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "copy.gwbak"
    assert safe(db).backup(dest=out).path == out
    assert bk.list_backups(db.folder.backups) == []


def test_daily_backup_is_due_after_a_day(db: Database) -> None:
    assert safe(db).due_daily_backup()
    made = safe(db).automatic_backup("daily")
    assert not safe(db).due_daily_backup()
    later = datetime.now().astimezone() + timedelta(hours=25)
    assert safe(db).due_daily_backup(now=later)
    assert safe(db).last_backup().path == made.path


def test_one_safety_operation_at_a_time(db: Database) -> None:
    with safety.one_at_a_time(), pytest.raises(bk.BackupError) as err:
        safe(db).backup()
    assert err.value.exit_code == ExitCode.IN_USE


# --- restore into the open folder ------------------------------------------------------------


def test_restore_keeps_services_working(db: Database) -> None:
    file = safe(db).backup().path
    add_house(db, "진안-2025-01")
    old_engine = db.engine
    result = safe(db, "담당자").restore(file)
    assert db.engine is not old_engine and houses(db) == 1
    assert result.before_backup and bk.verify_backup(result.before_backup).counts["house"] == 2
    with ctx(db).read() as s:
        actor, summary = s.execute(
            select(AuditEvent.actor, AuditEvent.summary).where(AuditEvent.action == "restore")
        ).one()
    assert actor == "담당자" and file.name in summary
    add_house(db, "진안-2025-02")  # writing works on the restored database
    assert houses(db) == 2


def test_restore_refuses_bad_file_and_keeps_the_folder_open(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "bad.gwbak"
    bad.write_bytes(b"PK\x03\x04 not really")
    engine = db.engine
    with pytest.raises(bk.BackupError, match="그대로 두었습니다"):
        safe(db).restore(bad)
    assert db.engine is engine and houses(db) == 1


# --- the data check --------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def test_clean_folder_passes(db: Database) -> None:
    assert safe(db).check() == []
    assert safe(db).check(quick=True) == []


def test_check_reports_every_problem_with_its_record_and_changes_nothing(db: Database) -> None:
    root = db.folder.root
    gone, bad, odd = photo_paths(db)
    (root / gone).unlink()
    (root / bad).write_bytes(b"edited")
    with foreign_keys_off(db.engine) as conn:
        conn.exec_driver_sql(f"UPDATE photo SET stored_path='../x.jpg' WHERE stored_path='{odd}'")
        conn.exec_driver_sql("UPDATE photo SET house_id=99 WHERE stored_path='../x.jpg'")
        conn.commit()
    stale = root / ".restore-staging-old"
    stale.mkdir()
    db.engine.dispose()
    before = _tree(root)
    problems = safe(db).check()
    assert _tree(root) == before
    by_kind = {p.kind: p for p in problems}
    assert set(by_kind) == {"file_missing", "file_damaged", "file_path", "foreign_key",
                            "leftover", "unreferenced"}  # fmt: skip
    missing = by_kind["file_missing"]
    assert missing.house_code == "진안-2024-01" and missing.uid and missing.uid in missing.message
    assert "진안-2024-01" in missing.message and gone in missing.message
    assert by_kind["foreign_key"].table == "photo" and "사진" in by_kind["foreign_key"].message
    assert by_kind["leftover"].severity == safety.NOTICE
    assert by_kind["unreferenced"].severity == safety.NOTICE  # the file ../x.jpg no longer names
    quick = {p.kind for p in safe(db).check(quick=True)}
    assert "file_damaged" in quick  # a different size shows without hashing


def test_repair_puts_files_back_from_a_backup_and_audits_it(db: Database) -> None:
    root = db.folder.root
    safe(db).backup()
    gone, bad, _ = photo_paths(db)
    good = (root / bad).read_bytes()
    (root / gone).unlink()
    (root / bad).write_bytes(b"edited")
    stale = root / "photos" / ".tmp-crashed.part"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    problems = safe(db, "담당자").check(repair=True)
    assert errors(problems) == []
    repaired = [p for p in problems if p.repaired]
    assert {p.kind for p in repaired} == {"file_missing", "file_damaged", "leftover"}
    assert (root / gone).is_file() and (root / bad).read_bytes() == good
    assert list((root / "backups").glob(f"replaced-files-*/{bad}"))  # the edited copy is kept
    assert not stale.exists()
    with ctx(db).read() as s:
        actions = s.scalars(select(AuditEvent.actor).where(AuditEvent.action == "repair")).all()
    assert actions == ["담당자"] * 3
    assert errors(safe(db).check()) == []


def test_repair_without_a_backup_says_so(db: Database) -> None:
    (db.folder.root / photo_paths(db)[0]).unlink()
    [problem] = errors(safe(db).check(repair=True))
    assert problem.kind == "file_missing" and "찾지 못했습니다" in (problem.repair_note or "")


def test_damaged_database_is_reported(tmp_path: Path) -> None:
    db = build(tmp_path / "d")
    db.engine.dispose()
    conn = sqlite3.connect(db.folder.db_path)
    root_page = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name='ix_photo_sha256'"
    ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(db.folder.db_path, "r+b") as fh:  # scramble one index page
        fh.seek((root_page - 1) * page_size + 8)
        fh.write(b"\x00\xff" * 200)
    problems = safe(db).check()
    assert any(p.kind == "integrity" and "복원" in p.message for p in problems)
    db.close()


def test_extra_checks_hook(db: Database) -> None:
    seen = []

    def chain(cc: safety.CheckContext) -> list[Problem]:
        seen.append((cc.repair, cc.quick))
        return [Problem("audit_chain", "변경 기록의 해시 사슬이 끊겼습니다 (id 5)")]

    safety.extra_checks.append(chain)
    try:
        problems = safe(db).check(quick=True)
    finally:
        safety.extra_checks.remove(chain)
    assert seen == [(False, True)] and [p.kind for p in problems] == ["audit_chain"]


# --- the command line ------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_backup_check_restore(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    build(root).close()
    code, out, _ = run(capsys, "backup", "--data-dir", str(root))
    assert code == 0 and "백업했습니다" in out and "사진 3장" in out
    [file] = bk.list_backups(root / "backups")
    code, out, _ = run(capsys, "backup", "--data-dir", str(root), "-o", str(tmp_path / "x.gwbak"))
    assert code == 0 and (tmp_path / "x.gwbak").exists()

    assert run(capsys, "check", "--data-dir", str(root))[:2] == (0, "점검 결과: 문제가 없습니다.\n")
    photo = next((root / "photos").rglob("*.jpg"))
    photo.write_bytes(b"broken")
    code, out, _ = run(capsys, "check", "--data-dir", str(root))
    assert code == ExitCode.CHECK_FAILED == 9
    assert "[문제]" in out and "진안-2024-01" in out and "--repair" in out
    code, out, _ = run(capsys, "check", "--data-dir", str(root), "--repair")
    assert code == 0 and "복구함" in out
    assert run(capsys, "check", "--data-dir", str(root), "--quick")[0] == 0

    code, _, err = run(capsys, "restore", "--data-dir", str(root), str(file.path))
    assert code == ExitCode.USAGE and "--yes" in err  # not a terminal: no silent replace
    code, out, _ = run(capsys, "restore", "--yes", "--data-dir", str(root), str(file.path))
    assert code == 0 and "복원했습니다" in out and "before-restore" in out


def test_cli_restore_refuses_bad_file(tmp_path: Path, capsys) -> None:
    root = tmp_path / "data"
    build(root).close()
    db_file = root / "gwinong.sqlite3"
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    bad = tmp_path / "bad.gwbak"
    bad.write_bytes(b"\x00" * 100)
    code, _, err = run(capsys, "restore", "--yes", "--data-dir", str(root), str(bad))
    assert code == ExitCode.BAD_INPUT and "백업 파일이 아니거나" in err and "Traceback" not in err
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before


def test_cli_restore_refuses_a_folder_in_use(db: Database, capsys) -> None:
    file = safe(db).backup().path
    code, _, err = run(capsys, "restore", "--yes", "--data-dir", str(db.folder.root), str(file))
    assert code == ExitCode.IN_USE and "사용 중" in err
