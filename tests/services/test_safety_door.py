"""The safety use cases check their own permission and write their own records (issue #9.1), a
record that cannot be written is reported (#9.7b), and an OSError while putting a file back from a
backup says what failed instead of "no intact copy" (#9.7c)."""

from __future__ import annotations

import errno
import logging
import sqlite3
import zipfile
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from test_safety import build, houses, photo_paths, safe

from gwinong_desktop.app import main
from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.domain.permissions import Actor, NotPermitted, Permission
from gwinong_desktop.services import Services, safety
from gwinong_desktop.services.accounts import AccountService
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage.database import Database
from gwinong_desktop.storage.models import AuditEvent, Setting

# Not run on PostgreSQL (the db_kind fixture): by nature, see the reason.
pytestmark = pytest.mark.sqlite_only(
    "the safety use cases over the folder's SQLite file; on a server folder they are tested "
    "in tests/server (test_server_cli.py, test_server_upgrade.py)"
)

OFFICER = Actor("officer", "김담당", Role.OFFICER, None)
VIEWER = Actor("reader", "이열람", Role.VIEWER, None)


@pytest.fixture
def db(tmp_path: Path):
    database = build(tmp_path / "data")
    yield database
    database.close()


def as_(db: Database, actor: Actor) -> safety.SafetyService:
    return Services.over(db, actor).safety


def events(db: Database, action: str) -> list[tuple[str, str]]:
    with ServiceContext(db).read() as s:
        query = select(AuditEvent.actor, AuditEvent.summary).where(AuditEvent.action == action)
        return [tuple(row) for row in s.execute(query.order_by(AuditEvent.id))]


def refused(work, permission: Permission, role: Role) -> NotPermitted:
    with pytest.raises(NotPermitted) as err:
        work()
    assert err.value.permission is permission
    assert err.value.message == NotPermitted(permission, role).message  # as the CLI said it
    assert err.value.exit_code == ExitCode.ACCESS_DENIED == 10
    return err.value


# --- each use case refuses a role that may not, by itself ---------------------------------------


def test_a_viewer_may_not_back_up_and_no_file_is_written(db: Database, tmp_path: Path) -> None:
    err = refused(lambda: as_(db, VIEWER).backup(), Permission.BACKUP, Role.VIEWER)
    assert "백업 파일 만들기" in err.message and "열람" in err.message
    refused(lambda: as_(db, VIEWER).backup(dest=tmp_path / "out.gwbak"), Permission.BACKUP,
            Role.VIEWER)  # fmt: skip
    assert bk.list_backups(db.folder.backups) == [] and not (tmp_path / "out.gwbak").exists()


def test_an_officer_may_not_restore_and_the_data_stays(db: Database) -> None:
    file = safe(db).backup().path
    with ServiceContext(db, "test").write() as s:
        s.add(Setting(key="note", value="after the backup"))
    err = refused(lambda: as_(db, OFFICER).restore(file), Permission.RESTORE, Role.OFFICER)
    assert err.message == (
        "'백업에서 복원'은(는) 관리자 권한이 있어야 할 수 있습니다 (지금 계정의 권한: 담당자). "
        "관리자에게 요청해 주세요."
    )
    with ServiceContext(db).read() as s:
        assert s.get(Setting, "note") is not None  # nothing was put back
    assert [e.kind for e in bk.list_backups(db.folder.backups)] == ["manual"]  # no before-restore
    assert events(db, "restore") == []


def test_a_viewer_may_check_but_not_repair(db: Database) -> None:
    safe(db).backup()
    gone = db.folder.root / photo_paths(db)[0]
    gone.unlink()
    found = as_(db, VIEWER).check()  # checking changes nothing: anyone may
    assert [p.kind for p in found if p.severity == safety.ERROR] == ["file_missing"]
    refused(lambda: as_(db, VIEWER).check(repair=True), Permission.REPAIR, Role.VIEWER)
    assert not gone.exists() and events(db, "repair") == []
    problems = as_(db, OFFICER).check(repair=True)  # 담당자 may repair
    assert gone.exists() and [p.repaired for p in problems if p.kind == "file_missing"] == [True]
    assert [actor for actor, _ in events(db, "repair")] == ["officer"]


def test_a_viewer_may_not_change_the_backup_settings(db: Database) -> None:
    before = safe(db).settings()
    new = safety.BackupSettings(3, 1, None)
    refused(lambda: as_(db, VIEWER).save_settings(new), Permission.EDIT, Role.VIEWER)
    assert as_(db, VIEWER).settings() == before  # reading them is allowed
    assert as_(db, OFFICER).save_settings(new) == new and safe(db).settings() == new


def test_automatic_backups_run_in_every_session(db: Database) -> None:
    """The program's own backups need no permission: a 열람 account's session is backed up too,
    and only into the data folder (an automatic kind cannot be sent elsewhere)."""
    result = as_(db, VIEWER).automatic_backup("daily")
    assert result.path.parent == db.folder.backups and not result.skipped
    assert as_(db, VIEWER).automatic_backup("exit").skipped  # nothing changed since
    with pytest.raises(ValueError, match="automatic"):
        as_(db, VIEWER).automatic_backup("manual")
    assert events(db, "export") == []  # the program's work is not an officer's export


def test_the_officers_backup_is_recorded_like_an_export(db: Database, tmp_path: Path) -> None:
    inside = as_(db, OFFICER).backup()
    outside = as_(db, OFFICER).backup(dest=tmp_path / "usb.gwbak")
    [(who, first), (_, second)] = events(db, "export")
    assert who == "officer" and inside.path.name in first and "백업 파일 만들기" in first
    assert "usb.gwbak" in second and str(tmp_path) in second  # where the data went
    assert inside.warnings == [] and outside.warnings == []


def test_restore_records_itself_as_the_signed_in_account(db: Database) -> None:
    admin = Actor("admin", "김관리", Role.ADMIN, None)
    file = safe(db).backup().path
    as_(db, admin).restore(file)
    [(who, summary)] = events(db, "restore")
    assert who == "admin" and file.name in summary


# --- a record that cannot be written is reported, not swallowed ---------------------------------


@pytest.fixture
def no_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """The database refuses every explicit access record (a full disk, a read-only share)."""

    def refuse(*args, **kwargs) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("gwinong_desktop.storage.audit.log_event", refuse)


def logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("gwinong_desktop") and r.exc_info]


def test_a_restore_whose_record_fails_is_done_and_says_so(
    db: Database, no_records, caplog: pytest.LogCaptureFixture
) -> None:
    """The restore has replaced the data when its record fails: undoing it would be worse, so it
    stands, and the officer reads (with the result) that it is not in the records."""
    file = safe(db).backup().path
    with ServiceContext(db, "test").write() as s:
        s.add(Setting(key="note", value="after the backup"))
    result = safe(db).restore(file)
    with ServiceContext(db).read() as s:
        assert s.get(Setting, "note") is None  # restored
    [warning] = result.warnings
    assert "'백업에서 복원'" in warning and "남기지 못했습니다" in warning
    assert "database or disk is full" in warning and "기록 파일" in warning
    record = logged(caplog)[-1]  # the backup's record before it failed too
    assert "백업에서 복원" in record.getMessage() and record.exc_info[0] is sqlite3.OperationalError


def test_a_repair_whose_record_fails_is_a_problem_of_its_own(
    db: Database, no_records, caplog: pytest.LogCaptureFixture
) -> None:
    safe(db).backup()
    gone = db.folder.root / photo_paths(db)[0]
    gone.unlink()
    problems = safe(db).check(repair=True)
    assert gone.exists()  # repaired
    [audit] = [p for p in problems if p.kind == "audit"]
    assert audit.severity == safety.ERROR and "남기지 못했습니다" in audit.message
    assert gone.name in audit.message and "database or disk is full" in audit.message
    assert [r for r in logged(caplog) if "복구" in r.getMessage()]


def test_a_backup_whose_record_fails_is_kept_with_a_warning(
    db: Database, no_records, caplog: pytest.LogCaptureFixture
) -> None:
    result = safe(db).backup()
    bk.verify_backup(result.path)
    assert any("'백업 파일 만들기'" in w for w in result.warnings) and logged(caplog)


# --- an OSError is not "no intact copy" ----------------------------------------------------------


def test_a_copy_that_cannot_be_written_says_where_and_why(db: Database) -> None:
    backup = safe(db).backup().path
    rel = photo_paths(db)[0]
    target = db.folder.root / rel
    shard = target.parent
    for f in shard.iterdir():
        f.unlink()
    shard.rmdir()
    shard.write_bytes(b"a file where the photo's folder belongs")
    [problem] = [p for p in safe(db).check(repair=True) if p.kind == "file_missing"]
    note = problem.repair_note or ""
    assert not problem.repaired and safety_check_says_no_copy(note) is False
    assert "되살리지 못했습니다" in note and backup.name in note
    assert str(shard) in note and ("Not a directory" in note or "File exists" in note), note


def test_an_unreadable_backup_is_named_with_the_system_reason(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = safe(db).backup().path
    (db.folder.root / photo_paths(db)[0]).unlink()
    real = zipfile.ZipFile

    def flaky(file, *args, **kwargs):  # a USB stick going bad under the backup
        if Path(file) == backup:
            raise OSError(errno.EIO, "Input/output error", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", flaky)
    [problem] = [p for p in safe(db).check(repair=True) if p.kind == "file_missing"]
    note = problem.repair_note or ""
    assert not problem.repaired and "읽지 못한 백업" in note
    assert str(backup) in note and "Input/output error" in note, note


def safety_check_says_no_copy(note: str) -> bool:
    """Whether a repair note claims no backup holds the file, and nothing more."""
    from gwinong_desktop.services.safety_check import NO_INTACT_COPY

    return note == NO_INTACT_COPY


def test_a_backup_file_that_cannot_be_read_is_not_called_damaged(tmp_path: Path) -> None:
    missing = tmp_path / "gone.gwbak"
    with pytest.raises(bk.BackupError) as err:
        safety.read_backup(missing)
    assert "읽을 수 없습니다" in err.value.message and str(missing) in err.value.message
    assert "No such file" in err.value.message and "백업 파일이 아니거나" not in err.value.message


# --- the command line gets the services' refusals ------------------------------------------------

PASSWORD = "Gwinong#2025"


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GWINONG_USER", raising=False)
    monkeypatch.setattr("gwinong_desktop.services.accounts.FAILURE_DELAY", 0.0)
    monkeypatch.setattr(
        "gwinong_desktop.services.accounts._hasher",
        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )
    root = tmp_path / "data"
    db = build(root)
    with db:
        admin = AccountService(ServiceContext(db), failure_delay=0).create_first_admin(
            "admin", "김관리", PASSWORD
        )
        users = AccountService(ServiceContext.signed_in(db, admin))
        users.add_user("officer", "김담당", Role.OFFICER, PASSWORD)
        users.add_user("reader", "이열람", Role.VIEWER, PASSWORD)
        Services.over(db, admin).safety.backup()
    monkeypatch.setenv("GWINONG_PASSWORD", PASSWORD)
    return root


@pytest.mark.parametrize(
    ("user", "argv", "permission"),
    [
        ("reader", ["backup"], Permission.BACKUP),
        ("reader", ["check", "--repair"], Permission.REPAIR),
        ("officer", ["restore", "--yes", "FILE"], Permission.RESTORE),
    ],
)
def test_the_cli_refusal_is_the_services(
    accounts: Path, capsys, user: str, argv: list[str], permission: Permission
) -> None:
    [file] = bk.list_backups(accounts / "backups")
    argv = [str(file.path) if a == "FILE" else a for a in argv]
    code = main([*argv, "--data-dir", str(accounts), "--user", user])
    role = Role.VIEWER if user == "reader" else Role.OFFICER
    assert code == ExitCode.ACCESS_DENIED
    assert capsys.readouterr().err.strip().endswith(NotPermitted(permission, role).message)
    assert [e.path for e in bk.list_backups(accounts / "backups")] == [file.path]


def test_the_cli_restores_a_database_that_does_not_open(tmp_path: Path, capsys) -> None:
    """Nobody can sign in to a damaged database: the folder's files are the gate, and the
    restore is recorded in the restored database under the OS user."""
    root = tmp_path / "data"
    with build(root) as db:
        file = safe(db).backup().path
    (root / "gwinong.sqlite3").write_bytes(b"not a database at all" * 100)
    for extra in ("gwinong.sqlite3-wal", "gwinong.sqlite3-shm"):
        (root / extra).unlink(missing_ok=True)
    assert main(["restore", "--yes", "--data-dir", str(root), str(file)]) == ExitCode.OK
    assert "복원했습니다" in capsys.readouterr().out
    from gwinong_desktop.cli import os_user
    from gwinong_desktop.storage.database import open_database

    with open_database(root) as db:
        assert houses(db) == 1
        [(who, summary)] = events(db, "restore")
    assert who == os_user() and file.name in summary
