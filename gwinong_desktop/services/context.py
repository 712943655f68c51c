"""How services reach the database: a unit of work per use case, always with an actor.

``ui/`` and ``cli.py`` never open sessions; they call services, which open one here. Rows handed
back to callers are plain dataclasses (selected columns), not ORM objects, so nothing outside
services can lazy-load or change data behind the audit trail's back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor, NotPermitted, Permission, allows
from gwinong_desktop.storage.database import Database
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
        try:
            begin_write(session)
            yield session
            session.commit()
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
        finally:
            session.rollback()
            session.close()

    def today(self) -> date:
        return date.today()
