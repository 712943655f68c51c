"""Reports as sent, program rule values per year, settings, users and the audit trail."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gwinong_desktop.domain.enums import ReportKind, Role

from .base import Base, Record, UTCDateTime, code_enum, new_uid, utcnow


class Report(Record, Base):
    """A report exactly as exported (the file under reports/ is kept byte-for-byte)."""

    __tablename__ = "report"

    kind: Mapped[ReportKind] = mapped_column(code_enum(ReportKind))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(100))
    sent_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class RuleValue(Record, Base):
    """One program rule value for one year (see ``domain.rules``); absent means the default."""

    __tablename__ = "rule_value"
    __table_args__ = (UniqueConstraint("year", "key"),)

    year: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(300))  # e.g. the county notice it comes from


class Setting(Base):
    """County-wide settings (county name, province, officer …) as key → text."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Record, Base):
    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(code_enum(Role))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """Who changed or saw what, when, from which PC: old → new per field, chained by hashes."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    host: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))  # create, update, archive, restore, import …
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_uid: Mapped[str | None] = mapped_column(String(36), index=True)
    summary: Mapped[str | None] = mapped_column(String(300))
    changes: Mapped[dict | None] = mapped_column(JSON)  # {field: [old, new]}
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))
