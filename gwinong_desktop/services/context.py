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

from gwinong_desktop.storage.database import Database


@dataclass
class ServiceContext:
    db: Database
    actor: str = "system"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose changes are committed together (or not at all) and audited."""
        session = self.db.sessions()
        session.info["actor"] = self.actor
        try:
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
