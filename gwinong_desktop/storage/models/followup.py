"""What the dashboard and the field kit keep: reminders dismissed or snoozed (the reminders
themselves are computed from the data each time), the county's own days off, and field kits with
what their import could not decide alone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Archivable, Base, Record, UTCDateTime


class DueNote(Record, Archivable, Base):
    """An officer's answer to one reminder: dismissed (``until`` empty) or snoozed until a date.

    ``subject`` is the reminder's stable key (its kind and the uid of its record, and a period
    where one record reminds more than once). Archiving the note brings the reminder back.
    """

    __tablename__ = "due_note"

    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120), index=True)
    until: Mapped[date | None] = mapped_column(Date)  # snoozed until; None: dismissed
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))


class DayOff(Record, Archivable, Base):
    """A day the county office is closed that the holiday package does not know (임시공휴일 …)."""

    __tablename__ = "day_off"

    on: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(100))


class FieldKit(Record, Base):
    """A field data folder written for a laptop (direction ``export``, in the office database)
    or one brought back (``import``); ``kit_uid`` is the same on both, so a second import of the
    same kit is recognised."""

    __tablename__ = "field_kit"

    kit_uid: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(10))  # export | import
    county: Mapped[str | None] = mapped_column(String(100))
    houses: Mapped[list[Any]] = mapped_column(JSON, default=list)  # house uids
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    exported_by: Mapped[str | None] = mapped_column(String(100))
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    imported_by: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class MergeItem(Record, Base):
    """What a kit import could not decide alone: a field changed differently on both sides
    (``conflict``), a record created on the laptop that looks like one the office created
    (``duplicate``), or one archived on one side and edited on the other (``archived``).
    The office value stays until someone resolves it; each resolution is an audit event."""

    __tablename__ = "merge_item"

    field_kit_id: Mapped[int] = mapped_column(ForeignKey("field_kit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # conflict | duplicate | archived
    entity: Mapped[str] = mapped_column(String(40))  # table name
    record_uid: Mapped[str] = mapped_column(String(36))
    other_uid: Mapped[str | None] = mapped_column(String(36))  # duplicate: the office's record
    field: Mapped[str | None] = mapped_column(String(60))
    base_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    office_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    laptop_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    office_actor: Mapped[str | None] = mapped_column(String(100))
    office_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    laptop_actor: Mapped[str | None] = mapped_column(String(100))
    laptop_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    resolved_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    position: Mapped[int] = mapped_column(Integer, default=0)
