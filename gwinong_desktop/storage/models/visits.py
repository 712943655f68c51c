"""Inspections and their findings, photos and scanned attachments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwinong_desktop.domain.enums import (
    AttachmentKind,
    FindingStatus,
    InspectionKind,
    PhotoPhase,
    PhotoSlot,
)

from .base import Archivable, Base, Record, UTCDateTime, code_enum


class Inspection(Record, Archivable, Base):
    __tablename__ = "inspection"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    kind: Mapped[InspectionKind] = mapped_column(code_enum(InspectionKind))
    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    inspector: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[str | None] = mapped_column(Text)

    findings: Mapped[list[Finding]] = relationship(back_populates="inspection")


class Finding(Record, Archivable, Base):
    """지적사항 and its 조치결과."""

    __tablename__ = "finding"

    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[FindingStatus] = mapped_column(
        code_enum(FindingStatus), default=FindingStatus.OPEN
    )
    action_taken: Mapped[str | None] = mapped_column(Text)  # 조치결과
    resolved_on: Mapped[date | None] = mapped_column(Date)

    inspection: Mapped[Inspection] = relationship(back_populates="findings")


class Photo(Record, Archivable, Base):
    """A photo file kept byte-for-byte under photos/, named by its SHA-256."""

    __tablename__ = "photo"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id"), index=True)
    slot: Mapped[PhotoSlot | None] = mapped_column(code_enum(PhotoSlot))
    phase: Mapped[PhotoPhase] = mapped_column(code_enum(PhotoPhase))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    stored_path: Mapped[str] = mapped_column(String(300))  # relative to the data folder
    original_name: Mapped[str | None] = mapped_column(String(300))
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    caption: Mapped[str | None] = mapped_column(String(300))


class Attachment(Record, Archivable, Base):
    """A scanned document (PDF/JPG) tied to the record it belongs to."""

    __tablename__ = "attachment"

    kind: Mapped[AttachmentKind] = mapped_column(code_enum(AttachmentKind))
    house_id: Mapped[int | None] = mapped_column(ForeignKey("house.id"), index=True)
    lease_id: Mapped[int | None] = mapped_column(ForeignKey("lease.id"), index=True)
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("resident.id"), index=True)
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicant.id"), index=True)
    development_id: Mapped[int | None] = mapped_column(ForeignKey("development.id"))
    recruitment_id: Mapped[int | None] = mapped_column(ForeignKey("recruitment.id"), index=True)
    expense_id: Mapped[int | None] = mapped_column(ForeignKey("expense.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    stored_path: Mapped[str] = mapped_column(String(300))
    original_name: Mapped[str] = mapped_column(String(300))
    size_bytes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
