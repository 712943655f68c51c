"""Accounts: first administrator, signing in, failure limit, user management, the audit trail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.password_rules import password_problem
from gwinong_desktop.domain.permissions import Actor, NotPermitted, Permission, allows
from gwinong_desktop.services.accounts import (
    LOCK_MINUTES,
    LOGIN_REFUSED,
    MAX_FAILURES,
    PASSWORD_REFUSED,
    AccountError,
    AccountLocked,
    AccountService,
    LoginRefused,
)
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.audit import verify_chain
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.models import AuditEvent, User
from gwinong_desktop.storage.models.base import utcnow

FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "Gwinong#2025"


@pytest.fixture
def db(tmp_path: Path, new_folder: Callable[[Path], Path]) -> Iterator[Database]:
    with open_database(new_folder(tmp_path)) as database:
        yield database


def accounts(db: Database, actor: Actor | None = None) -> AccountService:
    ctx = ServiceContext.signed_in(db, actor) if actor else ServiceContext(db)
    return AccountService(ctx, failure_delay=0, hasher=FAST)


@pytest.fixture
def admin(db: Database) -> Actor:
    return accounts(db).create_first_admin("admin", "김관리", PASSWORD)


def events(db: Database, action: str | None = None) -> list[AuditEvent]:
    with db.sessions() as s:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(s.scalars(query))


def test_a_new_folder_has_no_accounts_until_the_first_admin(db: Database) -> None:
    service = accounts(db)
    assert not service.has_accounts()
    actor = service.create_first_admin("admin", "김관리", PASSWORD)
    assert (actor.username, actor.display_name, actor.role) == ("admin", "김관리", Role.ADMIN)
    assert actor.user_id is not None
    assert service.has_accounts()
    with pytest.raises(AccountError, match="이미 관리자"):
        service.create_first_admin("other", "다른", PASSWORD)


def test_passwords_are_argon2id_hashes(db: Database, admin: Actor) -> None:
    with db.sessions() as s:
        digest = s.scalars(select(User.password_hash)).one()
    assert digest.startswith("$argon2id$") and PASSWORD not in digest


def test_sign_in_and_the_login_record(db: Database, admin: Actor) -> None:
    actor = accounts(db).authenticate("ADMIN", PASSWORD, "명령줄 info")
    assert actor == admin
    login = events(db, "login")[-1]
    assert login.actor == "admin" and login.user_id == admin.user_id
    assert login.summary == "로그인 (명령줄 info)" and login.host


@pytest.mark.parametrize("name, password", [("admin", "wrong-Pass1"), ("nobody", PASSWORD)])
def test_wrong_name_or_password_get_one_message(
    db: Database, admin: Actor, name: str, password: str
) -> None:
    with pytest.raises(LoginRefused) as err:
        accounts(db).authenticate(name, password)
    assert err.value.message == LOGIN_REFUSED == "아이디 또는 비밀번호가 맞지 않습니다."
    assert type(err.value) is LoginRefused
    failed = events(db, "login_failed")
    assert len(failed) == 1 and failed[0].actor == name


def test_the_password_of_the_audit_trail_is_never_written(db: Database, admin: Actor) -> None:
    with pytest.raises(LoginRefused):
        accounts(db).authenticate("admin", "Secret-Typo9")
    text = " ".join(f"{e.summary} {e.changes}" for e in events(db))
    assert "Secret-Typo9" not in text and PASSWORD not in text and "$argon2" not in text


def test_five_failures_lock_the_account_for_ten_minutes(db: Database, admin: Actor) -> None:
    service = accounts(db)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginRefused) as err:
            service.authenticate("admin", "nope-Nope1")
        assert type(err.value) is LoginRefused
    with pytest.raises(AccountLocked) as err:
        service.authenticate("admin", "nope-Nope1")
    assert err.value.minutes == LOCK_MINUTES and "10분 뒤에" in err.value.message
    with pytest.raises(AccountLocked):  # even the right password waits
        service.authenticate("admin", PASSWORD)
    with db.sessions() as s:  # ten minutes later
        s.execute(update(User).values(locked_until=utcnow() - timedelta(seconds=1)))
        s.commit()
    assert service.authenticate("admin", PASSWORD) == admin
    with db.sessions() as s:
        user = s.scalars(select(User)).one()
        assert (user.failed_logins, user.locked_until) == (0, None)


def test_a_success_resets_the_failure_count(db: Database, admin: Actor) -> None:
    service = accounts(db)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(LoginRefused):
            service.authenticate("admin", "nope-Nope1")
    service.authenticate("admin", PASSWORD)
    with pytest.raises(LoginRefused) as err:
        service.authenticate("admin", "nope-Nope1")
    assert type(err.value) is LoginRefused  # counting starts again


def test_failures_add_a_delay(db: Database, admin: Actor) -> None:
    import time

    service = AccountService(ServiceContext(db), failure_delay=0.2, hasher=FAST)
    started = time.perf_counter()
    with pytest.raises(LoginRefused):
        service.authenticate("nobody", "x")
    assert time.perf_counter() - started >= 0.2


def test_an_old_hash_is_upgraded_at_sign_in(db: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1)
    AccountService(ServiceContext(db), hasher=weak).create_first_admin("admin", "관리", PASSWORD)
    accounts(db).authenticate("admin", PASSWORD)
    with db.sessions() as s:
        digest = s.scalars(select(User.password_hash)).one()
    assert "m=1024" in digest


def test_every_way_to_set_a_password_keeps_the_rule(db: Database, admin: Actor) -> None:
    """The rule itself: tests/domain/test_password_rules.py; here, that every door uses it."""
    service = accounts(db, admin)
    with pytest.raises(AccountError, match="같은 글자를 4번 이상"):
        service.add_user("lee", "이담당", Role.OFFICER, "aaaaaaaaa1")
    kim = service.add_user("kim", "김담당", Role.OFFICER, "Officer#2025")
    with pytest.raises(AccountError, match="이어지는 글자"):
        service.reset_password(kim.uid, "Tide#123456")
    with pytest.raises(AccountError, match="흔한 비밀번호"):
        service.change_own_password(admin, PASSWORD, "qwer1234!")
    assert password_problem("Gwinong#2025") is None


def test_a_wrong_password_where_only_the_password_is_asked(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    for ask in (lambda p: service.confirm(admin, p),
                lambda p: service.change_own_password(admin, p, "Newer#2025x")):  # fmt: skip
        with pytest.raises(LoginRefused) as err:
            ask("wrong-Pass1")
        assert err.value.message == PASSWORD_REFUSED == "비밀번호가 맞지 않습니다."


def test_the_admin_manages_users(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    kim = service.add_user("kim", "김담당", Role.OFFICER, "Officer#2025")
    assert (kim.role, kim.active, kim.has_password) == (Role.OFFICER, True, True)
    with pytest.raises(AccountError, match="이미 있는 아이디"):
        service.add_user("KIM", "다른 김", Role.VIEWER, "Officer#2025")
    assert service.change_role(kim.uid, Role.VIEWER).role is Role.VIEWER
    service.reset_password(kim.uid, "Another#2025")
    assert accounts(db).authenticate("kim", "Another#2025").role is Role.VIEWER
    assert service.set_active(kim.uid, False).active is False
    with pytest.raises(LoginRefused) as err:
        accounts(db).authenticate("kim", "Another#2025")
    assert err.value.message == LOGIN_REFUSED
    created = [e for e in events(db, "create") if e.entity == "app_user"]
    assert created and created[-1].changes["password_hash"] == [None, "(비공개)"]


def test_the_last_admin_stays(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    uid = service.list_users()[0].uid
    with pytest.raises(AccountError, match="마지막 관리자"):
        service.change_role(uid, Role.OFFICER)
    with pytest.raises(AccountError, match="마지막 관리자"):
        service.set_active(uid, False)
    other = service.add_user("second", "두번째", Role.ADMIN, "Zweite#2025x")
    with pytest.raises(AccountError, match="지금 로그인한 계정"):
        service.set_active(uid, False)
    assert service.change_role(uid, Role.OFFICER).role is Role.OFFICER
    with pytest.raises(AccountError, match="마지막 관리자"):
        service.set_active(other.uid, False)


def test_only_admins_manage_users(db: Database, admin: Actor) -> None:
    accounts(db, admin).add_user("kim", "김담당", Role.OFFICER, "Officer#2025")
    officer = accounts(db).authenticate("kim", "Officer#2025")
    with pytest.raises(NotPermitted) as err:
        accounts(db, officer).add_user("lee", "이", Role.VIEWER, "Viewer#2025x")
    assert err.value.exit_code == 10 and "관리자" in err.value.message


def test_an_admin_lifts_a_lock(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    kim = service.add_user("kim", "김담당", Role.OFFICER, "Officer#2025")
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefused):
            accounts(db).authenticate("kim", "nope-Nope1")
    assert next(u for u in service.list_users() if u.uid == kim.uid).locked
    assert not service.unlock(kim.uid).locked
    assert accounts(db).authenticate("kim", "Officer#2025").username == "kim"


def test_own_password_change_needs_the_old_one(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    with pytest.raises(LoginRefused):
        service.change_own_password(admin, "wrong-Pass1", "Newer#2025x")
    service.change_own_password(admin, PASSWORD, "Newer#2025x")
    assert accounts(db).authenticate("admin", "Newer#2025x") == admin


def test_the_idle_minutes_setting(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    assert service.idle_minutes() == 10
    assert service.set_idle_minutes(5) == 5 and service.idle_minutes() == 5
    with pytest.raises(AccountError):
        service.set_idle_minutes(0)


def test_the_confirmation_of_the_idle_lock(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    assert service.confirm(admin, PASSWORD) == admin
    assert events(db)[-1].action == "unlock"
    with pytest.raises(LoginRefused):
        service.confirm(admin, "nope-Nope1")


def test_the_trail_of_all_this_is_an_intact_chain(db: Database, admin: Actor) -> None:
    service = accounts(db, admin)
    service.add_user("kim", "김담당", Role.OFFICER, "Officer#2025")
    with pytest.raises(LoginRefused):
        accounts(db).authenticate("kim", "nope-Nope1")
    with db.sessions() as s:
        assert verify_chain(s) == []


def test_role_permissions() -> None:
    assert all(allows(Role.ADMIN, p) for p in Permission)
    assert allows(Role.OFFICER, Permission.EXPORT_REGISTER)
    assert allows(Role.OFFICER, Permission.SEE_PERSONAL)
    assert not allows(Role.OFFICER, Permission.MANAGE_USERS)
    assert not allows(Role.OFFICER, Permission.RESTORE)
    # 열람 looks only: the one thing it may is export a list as shown, personal data masked
    assert [p for p in Permission if allows(Role.VIEWER, p)] == [Permission.EXPORT_LIST]


def test_a_viewer_changes_no_record_but_may_change_the_own_password(
    db: Database, admin: Actor
) -> None:
    from gwinong_desktop.storage.models import Setting

    accounts(db, admin).add_user("lee", "이열람", Role.VIEWER, "Viewer#2025x")
    viewer = accounts(db).authenticate("lee", "Viewer#2025x")
    with pytest.raises(NotPermitted), ServiceContext.signed_in(db, viewer).write() as s:
        s.add(Setting(key="county", value="진안군"))
    accounts(db, viewer).change_own_password(viewer, "Viewer#2025x", "Viewer#2026x")
    assert accounts(db).authenticate("lee", "Viewer#2026x") == viewer
