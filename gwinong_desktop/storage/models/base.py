"""Declarative base, shared column types and mixins.

Portable to PostgreSQL: no SQLite-only types; enums are stored as their string codes; money is
BigInteger 원 (a county's yearly plan passes 2^31 원); timestamps are timezone-aware UTC.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, TypeDecorator, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite keeps no zone; PostgreSQL's ``timestamptz`` does. Naive values are refused so that a
    local wall-clock time can never slip in unnoticed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: audit and record timestamps must carry a zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Money(TypeDecorator[int]):
    """Integer 원. Sums come back as ``int`` on every database: PostgreSQL's ``sum(bigint)``
    is ``numeric`` (a ``Decimal`` in Python), which the reports' 원 → 천원 refuses; SQLite's is
    already an integer, so nothing is converted there (the lists stay as fast)."""

    impl = BigInteger
    cache_ok = True

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        if dialect.name == "sqlite":
            return None
        return lambda value: None if value is None else int(value)


def code_enum(enum_cls: type[PyEnum], length: int = 32) -> SAEnum:
    """Store an enum as its stable string code (not its member name), without a native type."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record:
    """Every record: an integer key for joins, a UUID for identity across databases, and a
    revision raised by every ORM update in the same flush (and so the same transaction) as its
    audit event.

    The revision is SQLAlchemy's ``version_id_col``: an UPDATE says ``WHERE revision = <as
    read>`` and a record someone else saved meanwhile raises ``StaleDataError`` instead of being
    overwritten. Field kits keep it as their base version and a shared server database decides
    lost updates by it, never by a clock. A Core ``update()`` does not raise it: set
    ``revision=Model.revision + 1`` in such a statement.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.revision}


class Archivable:
    """Core records are archived, never deleted: ``archived_at`` set means hidden from lists."""

    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    archive_reason: Mapped[str | None] = mapped_column(String(500), default=None)
