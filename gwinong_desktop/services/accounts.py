"""Accounts: the first administrator, signing in, failed-login limits, managing users.

Passwords are stored as argon2id hashes (argon2-cffi's ``PasswordHasher`` with OWASP's
recommended argon2id parameters: 19 MiB, 2 passes, 1 lane — about 40 ms a check here, against
130–310 ms for the library's defaults, which the start-up benchmark could not afford; hashes made
with other parameters are re-hashed on the next sign-in). A wrong user name and a wrong
password get the same message, after the same work (an unknown name is checked against a dummy
hash) and the same short delay. Five failures in a row lock the account for ten minutes; an
administrator may lift the lock. Every sign-in, failed or not, is in the audit trail with the PC's
name. ``argon2`` is imported only when a password is hashed or checked.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import IDLE_MINUTES
from gwinong_desktop.domain.password_rules import password_problem
from gwinong_desktop.domain.permissions import Actor, Permission
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.folder_settings import read_setting, write_setting
from gwinong_desktop.storage.models import User
from gwinong_desktop.storage.models.base import utcnow

from .context import ServiceContext
from .passwords import password_matches

LOGIN_REFUSED = "아이디 또는 비밀번호가 맞지 않습니다."
PASSWORD_REFUSED = "비밀번호가 맞지 않습니다."
"""When only the password was asked (the idle lock, changing one's own): the id is known."""
MAX_FAILURES = 5
LOCK_MINUTES = 10
FAILURE_DELAY = 0.6  # seconds added to every failed sign-in
IDLE_RANGE = IDLE_MINUTES.bounds
USERNAME_RE = re.compile(r"[A-Za-z0-9._-]{3,30}")

_hasher: Any = None
_dummy_hash: str | None = None


def password_hasher() -> Any:
    """The process's argon2id hasher (created, and argon2 imported, on first use)."""
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    return _hasher


def hash_password(password: str, hasher: Any = None) -> str:
    return (hasher or password_hasher()).hash(password)


class LoginRefused(Refusal):
    """Signing in failed; the message never says whether the name or the password was wrong."""

    def __init__(self, message: str = LOGIN_REFUSED) -> None:
        super().__init__(message, ExitCode.ACCESS_DENIED)


class AccountLocked(LoginRefused):
    """Too many failures: the account waits ``minutes`` more."""

    def __init__(self, minutes: int) -> None:
        super().__init__(
            f"비밀번호를 {MAX_FAILURES}번 잘못 입력하여 계정이 잠겨 있습니다. "
            f"{minutes}분 뒤에 다시 시도하거나 관리자에게 잠금 해제를 요청해 주세요."
        )
        self.minutes = minutes


class AccountError(Refusal):
    """A user-management request that cannot be done (message in Korean)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


def username_problem(username: str) -> str | None:
    if not USERNAME_RE.fullmatch(username):
        return "아이디는 영문·숫자·점·밑줄·빼기표로 3~30자여야 합니다."
    return None


@dataclass(frozen=True)
class UserRow:
    uid: str
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    has_password: bool

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > utcnow()


def _actor(user: Any) -> Actor:
    return Actor(user.username, user.display_name, user.role, user.id)


class AccountService:
    """Accounts of the data folder ``ctx`` has open; user management needs ``MANAGE_USERS``."""

    def __init__(
        self, ctx: ServiceContext, *, failure_delay: float | None = None, hasher: Any = None
    ) -> None:
        self.ctx = ctx
        self.failure_delay = FAILURE_DELAY if failure_delay is None else failure_delay
        self._hasher = hasher
        self._dummy: str | None = None

    @property
    def hasher(self) -> Any:
        return self._hasher or password_hasher()

    def _as(self, actor: str, user_id: int | None = None) -> ServiceContext:
        return ServiceContext(self.ctx.db, actor, self.ctx.role, user_id)

    # --- signing in -------------------------------------------------------------------------

    def has_accounts(self) -> bool:
        """Whether anyone can sign in here (an active account with a password)."""
        with self.ctx.read() as s:
            found = s.scalar(
                select(User.id).where(User.active.is_(True), User.password_hash.is_not(None))
            )
        return found is not None

    def create_first_admin(self, username: str, display_name: str, password: str) -> Actor:
        """The first administrator of a folder without accounts (then signed in)."""
        username, display_name = username.strip(), display_name.strip()
        problem = username_problem(username) or password_problem(password, username)
        if problem:
            raise AccountError(problem)
        if self.has_accounts():
            raise AccountError("이 데이터 폴더에는 이미 관리자 계정이 있습니다.")
        digest = hash_password(password, self._hasher)
        with self._as(username).write() as s:
            user = s.scalars(select(User).where(User.username == username)).first()
            if user is None:  # (a folder made before accounts may hold an "admin" without one)
                user = User(username=username, failed_logins=0)
                s.add(user)
            user.display_name = display_name or username
            user.role = Role.ADMIN
            user.password_hash = digest
            user.active = True
            s.flush()
            s.info["user_id"] = user.id
            log_event(s, "login", "app_user", "첫 관리자 계정을 만들고 로그인", user.uid)
            return _actor(user)

    def authenticate(
        self, username: str, password: str, where: str = "화면", *, action: str = "login"
    ) -> Actor:
        """The account for ``username`` if ``password`` is right; else ``LoginRefused``
        (``AccountLocked`` while locked). ``where`` ("화면", "명령줄 …") goes into the record,
        under ``action`` ("login"; "unlock" for the idle lock)."""
        name = username.strip()
        now = utcnow()
        with self.ctx.read() as s:
            user = s.execute(
                select(
                    User.id, User.uid, User.username, User.display_name, User.role, User.active,
                    User.password_hash, User.failed_logins, User.locked_until,
                ).where(func.lower(User.username) == name.lower())
            ).first()  # fmt: skip
        if user is None or not user.active or not user.password_hash:
            self._verify_dummy(password)
            why = "없는 아이디" if user is None else "사용할 수 없는 계정"
            self._failed(name[:60] or "(빈 아이디)", None, None, f"로그인 실패 ({where}): {why}")
            raise LoginRefused
        if user.locked_until is not None and user.locked_until > now:
            minutes = math.ceil((user.locked_until - now).total_seconds() / 60)
            self._failed(user.username, user.id, user.uid, f"로그인 실패 ({where}): 잠긴 계정")
            raise AccountLocked(minutes)
        if not self._verify(user.password_hash, password):
            self._count_failure(user, where)  # raises
        self._succeeded(user, password, action, f"로그인 ({where})")
        return _actor(user)

    def confirm(self, actor: Actor, password: str) -> Actor:
        """The signed-in officer's password again (the idle lock); failures count as above."""
        if actor.user_id is None:  # a folder without accounts has nothing to lock with
            return actor
        return self._password_again(actor, password, "잠금 해제", "unlock")

    def _password_again(self, actor: Actor, password: str, where: str, action: str) -> Actor:
        """``authenticate`` for the officer signed in; a wrong password is said as such."""
        try:
            return self.authenticate(actor.username, password, where, action=action)
        except AccountLocked:
            raise
        except LoginRefused:
            raise LoginRefused(PASSWORD_REFUSED) from None

    def _verify(self, digest: str, password: str) -> bool:
        return password_matches(digest, password, self.hasher)

    def _verify_dummy(self, password: str) -> None:
        """The same work as a real check, so that the time does not tell unknown names apart."""
        global _dummy_hash
        if self._hasher is None:
            if _dummy_hash is None:
                _dummy_hash = self.hasher.hash("not a password of anyone")
            self._dummy = _dummy_hash
        elif self._dummy is None:
            self._dummy = self.hasher.hash("not a password of anyone")
        self._verify(self._dummy, password)

    def _failed(self, actor: str, user_id: int | None, uid: str | None, summary: str) -> None:
        with self._as(actor, user_id).write() as s:
            log_event(s, "login_failed", "app_user", summary, uid)
        if self.failure_delay:
            time.sleep(self.failure_delay)

    def _count_failure(self, user: Any, where: str) -> None:
        failures = (user.failed_logins or 0) + 1
        locked_until = None
        if failures >= MAX_FAILURES:
            locked_until, failures = utcnow() + timedelta(minutes=LOCK_MINUTES), 0
        with self._as(user.username, user.id).write() as s:
            s.execute(
                update(User)
                .where(User.id == user.id)
                .values(failed_logins=failures, locked_until=locked_until)
            )
            text = f"로그인 실패 ({where}): 비밀번호 틀림"
            if locked_until is not None:
                text += f" — {MAX_FAILURES}번째, {LOCK_MINUTES}분 동안 잠금"
            log_event(s, "login_failed", "app_user", text, user.uid)
        if self.failure_delay:
            time.sleep(self.failure_delay)
        if locked_until is not None:
            raise AccountLocked(LOCK_MINUTES)
        raise LoginRefused

    def _succeeded(self, user: Any, password: str, action: str, summary: str) -> None:
        values: dict[str, Any] = {"failed_logins": 0, "locked_until": None}
        if self.hasher.check_needs_rehash(user.password_hash):
            values["password_hash"] = self.hasher.hash(password)
        with self._as(user.username, user.id).write() as s:
            s.execute(update(User).where(User.id == user.id).values(**values))
            log_event(s, action, "app_user", summary, user.uid)

    def record(self, actor: Actor, action: str, summary: str) -> None:
        """A session event of ``actor``: "lock" (idle lock), "logout"."""
        with self._as(actor.username, actor.user_id).write() as s:
            log_event(s, action, "app_user", summary)

    # --- managing users ----------------------------------------------------------------------

    def list_users(self) -> list[UserRow]:
        with self.ctx.read() as s:
            rows = s.execute(
                select(
                    User.uid, User.username, User.display_name, User.role, User.active,
                    User.locked_until, User.password_hash.is_not(None),
                ).order_by(User.active.desc(), User.username)
            ).all()  # fmt: skip
        return [UserRow(*row) for row in rows]

    def add_user(self, username: str, display_name: str, role: Role, password: str) -> UserRow:
        self.ctx.require(Permission.MANAGE_USERS)
        username, display_name = username.strip(), display_name.strip()
        problem = username_problem(username) or password_problem(password, username)
        if problem:
            raise AccountError(problem)
        if not display_name:
            raise AccountError("이름을 입력해 주세요.")
        digest = hash_password(password, self._hasher)
        with self.ctx.write() as s:
            taken = s.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
            if taken is not None:
                raise AccountError(f"'{username}'은(는) 이미 있는 아이디입니다.")
            user = User(
                username=username, display_name=display_name, role=role,
                password_hash=digest, active=True, failed_logins=0,
            )  # fmt: skip
            s.add(user)
        return self._row(user.uid)

    def set_active(self, uid: str, active: bool) -> UserRow:
        with self._managing(uid) as (s, user):
            if not active:
                self._keep_an_admin(s, user, "비활성화할")
                if user.id == self.ctx.user_id:
                    raise AccountError("지금 로그인한 계정은 비활성화할 수 없습니다.")
            user.active = active
        return self._row(uid)

    def change_role(self, uid: str, role: Role) -> UserRow:
        with self._managing(uid) as (s, user):
            if role is not Role.ADMIN:
                self._keep_an_admin(s, user, "권한을 바꿀")
            user.role = role
        return self._row(uid)

    def reset_password(self, uid: str, password: str) -> UserRow:
        """A new password set by an administrator (also lifts a lock)."""
        with self._managing(uid) as (_s, user):
            problem = password_problem(password, user.username)
            if problem:
                raise AccountError(problem)
            user.password_hash = hash_password(password, self._hasher)
            user.failed_logins, user.locked_until = 0, None
        return self._row(uid)

    def unlock(self, uid: str) -> UserRow:
        with self._managing(uid) as (_s, user):
            user.failed_logins, user.locked_until = 0, None
        return self._row(uid)

    def change_own_password(self, actor: Actor, old: str, new: str) -> None:
        if actor.user_id is None:
            raise AccountError("계정이 없는 데이터 폴더입니다.")
        self._password_again(actor, old, "비밀번호 변경", "confirm")
        problem = password_problem(new, actor.username)
        if problem:
            raise AccountError(problem)
        digest = hash_password(new, self._hasher)
        with self._as(actor.username, actor.user_id).write() as s:  # (열람 accounts too)
            s.execute(update(User).where(User.id == actor.user_id).values(password_hash=digest))
            log_event(s, "update", "app_user", "자기 비밀번호 변경")

    @contextmanager
    def _managing(self, uid: str) -> Iterator[tuple[Session, User]]:
        self.ctx.require(Permission.MANAGE_USERS)
        with self.ctx.write() as s:
            user = s.scalars(select(User).where(User.uid == uid)).first()
            if user is None:
                raise AccountError("그 사용자를 찾을 수 없습니다.")
            yield s, user

    @staticmethod
    def _keep_an_admin(s: Session, user: Any, what: str) -> None:
        if user.role is not Role.ADMIN or not user.active:
            return
        others = s.scalar(
            select(func.count()).where(
                User.role == Role.ADMIN, User.active.is_(True), User.id != user.id
            )
        )
        if not others:
            raise AccountError(
                f"마지막 관리자 계정은 {what} 수 없습니다. 다른 관리자 계정을 먼저 만들어 주세요."
            )

    def _row(self, uid: str) -> UserRow:
        return next(r for r in self.list_users() if r.uid == uid)

    # --- the idle lock's setting ---------------------------------------------------------------

    def idle_minutes(self) -> int:
        with self.ctx.read() as s:
            return read_setting(s, IDLE_MINUTES)

    def set_idle_minutes(self, minutes: int) -> int:
        self.ctx.require(Permission.SECURITY_SETTINGS)
        low, high = IDLE_RANGE
        if not low <= minutes <= high:
            raise AccountError(f"자동 잠금 시간은 {low}~{high}분이어야 합니다: {minutes}")
        with self.ctx.write() as s:
            write_setting(s, IDLE_MINUTES, minutes)
        return minutes
