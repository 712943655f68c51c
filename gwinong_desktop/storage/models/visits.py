"""Inspections and their findings, photos and scanned attachments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwinong_desktop.domain.enums import (
    AttachmentKind,
    FindingStatus,
    InspectionKind,
    PhotoPhase,
    PhotoSlot,
)

from .base import Archivable, Base, Record, UTCDateTime, code_enum


class Visit(Record, Archivable, Base):
    """현장 방문 계획: a planned visit to several houses (printed as a visit list, filled in on the
    spot; each stop becomes an inspection)."""

    __tablename__ = "visit"

    planned_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[InspectionKind] = mapped_column(code_enum(InspectionKind))
    inspector: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    stops: Mapped[list[VisitStop]] = relationship(
        back_populates="visit", order_by="VisitStop.position"
    )


class VisitStop(Record, Base):
    """One house of a planned visit, in the order of the route; its inspection once recorded."""

    __tablename__ = "visit_stop"

    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspection.id"), index=True)

    visit: Mapped[Visit] = relationship(back_populates="stops")


class Inspection(Record, Archivable, Base):
    __tablename__ = "inspection"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    kind: Mapped[InspectionKind] = mapped_column(code_enum(InspectionKind))
    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    inspector: Mapped[str | None] = mapped_column(String(100))
    summary: Mapped[str | None] = mapped_column(Text)
    # The checklist as answered on the day: [{"item": "지붕 누수", "result": "양호", "note": ""}],
    # kept with its item texts because the county may edit the checklist later.
    checklist: Mapped[list | None] = mapped_column(JSON)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stay.id"), index=True)  # 퇴거 점검
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)

    findings: Mapped[list[Finding]] = relationship(back_populates="inspection")


class Finding(Record, Archivable, Base):
    """지적사항 and its 조치결과."""

    __tablename__ = "finding"

    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    action_required: Mapped[str | None] = mapped_column(Text)  # 조치할 사항
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
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
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)  # 방문 계획
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
