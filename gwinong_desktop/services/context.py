"""How services reach the database: a unit of work per use case, always with an actor.

``ui/`` and ``cli.py`` never open sessions; they call services, which open one here. Rows handed
back to callers are plain dataclasses (selected columns), not ORM objects, so nothing outside
services can lazy-load or change data behind the audit trail's back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.domain.permissions import Actor, NotPermitted, Permission, allows
from gwinong_desktop.storage.database import Database
from gwinong_desktop.storage.datafolder import StorageError
from gwinong_desktop.storage.engine import begin_write


@dataclass
class ServiceContext:
    """``actor`` is the name the audit trail records; ``role`` what it may do (None: the program
    itself or a folder without accounts: everything); ``user_id`` the account's row, if any."""

    db: Database
    actor: str = "system"
    role: Role | None = None
    user_id: int | None = None

    @classmethod
    def signed_in(cls, db: Database, actor: Actor) -> ServiceContext:
        return cls(db, actor.username, actor.role, actor.user_id)

    def allows(self, permission: Permission) -> bool:
        return self.role is None or allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        """Refuse (``NotPermitted``, a Korean message) unless the role may do this."""
        if self.role is not None and not allows(self.role, permission):
            raise NotPermitted(permission, self.role)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together (or not at all) and audited."""
        session = self.db.sessions()
        session.info["actor"] = self.actor
        session.info["user_id"] = self.user_id
        session.info["role"] = self.role
        committing = False
        try:
            begin_write(session)
            yield session
            session.flush()  # a failure here or before: certainly nothing saved
            committing = True
            session.commit()
        except DBAPIError as exc:
            _rollback_quietly(session)
            raise self._lost(exc, committing) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self.db.sessions()
        session.info["actor"] = self.actor
        try:
            yield session
        except DBAPIError as exc:
            raise self._lost(exc, None) from exc
        finally:
            _rollback_quietly(session)
            session.close()

    def _lost(self, exc: DBAPIError, committing: bool | None) -> BaseException:
        """A database server that went away mid-work, in the officer's words (exit code 11);
        anything else the driver raised, as it was. Nothing was half-written: the server rolls
        back a transaction whose connection is gone — only a connection lost while the commit
        itself was on its way leaves the outcome unknown, and the message says so."""
        url = self.db.server
        if url is None or not (exc.connection_invalidated or _is_disconnect(exc)):
            return exc
        if committing:
            what = (
                "저장을 마치는 순간 연결이 끊겨, 저장되었는지 확인할 수 없습니다. 연결이 "
                "돌아오면 목록을 새로 고쳐(F5) 확인한 뒤 필요하면 다시 저장해 주세요."
            )
        elif committing is None:
            what = "자료를 읽지 못했습니다. 연결이 돌아오면 다시 열어 주세요."
        else:
            what = (
                "아무것도 저장하지 않았습니다 (저장은 전부 되거나 전혀 되지 않습니다). "
                "입력한 내용은 그대로 있으니, 연결이 돌아오면 다시 저장해 주세요."
            )
        return StorageError(
            f"데이터베이스 서버와의 연결이 끊겼습니다: {url}\n{what}",
            ExitCode.SERVER_UNREACHABLE,
        )

    def today(self) -> date:
        return date.today()


def _rollback_quietly(session: Session) -> None:
    """Roll back; a connection already gone has nothing left to roll back (the server did)."""
    with suppress(DBAPIError):
        session.rollback()


def _is_disconnect(exc: DBAPIError) -> bool:
    """The driver's own word that the connection is gone (a server restarted, a cable out)."""
    from sqlalchemy.exc import OperationalError

    return isinstance(exc, OperationalError) and any(
        w in str(exc.orig).lower() for w in ("terminat", "closed", "eof", "lost")
    )
