"""Applicants, residents and their households, stays, rent, deposits and expenses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwinong_desktop.domain.enums import ApplicantDecision, ExpenseCategory, SettlementOutcome

from .base import Archivable, Base, Money, Record, code_enum


class Recruitment(Record, Archivable, Base):
    """입주자 모집: one recruitment round for a house — its notice period and terms."""

    __tablename__ = "recruitment"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    notice_from: Mapped[date] = mapped_column(Date)  # 공고기간
    notice_to: Mapped[date] = mapped_column(Date)
    monthly_rent: Mapped[int] = mapped_column(Money, default=0)
    deposit: Mapped[int] = mapped_column(Money, default=0)
    conditions: Mapped[str | None] = mapped_column(Text)  # 자격·조건
    decided_on: Mapped[date | None] = mapped_column(Date)  # 선정일
    note: Mapped[str | None] = mapped_column(Text)


class Applicant(Record, Archivable, Base):
    """입주신청자: an application, its score and ranking, and the decision."""

    __tablename__ = "applicant"

    name: Mapped[str] = mapped_column(String(100), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(300))
    household_size: Mapped[int] = mapped_column(Integer, default=1)
    education_hours: Mapped[int] = mapped_column(Integer, default=0)  # 귀농교육 이수 시간
    with_family: Mapped[bool] = mapped_column(Boolean, default=False)
    applied_on: Mapped[date] = mapped_column(Date)
    wanted_house_id: Mapped[int | None] = mapped_column(ForeignKey("house.id"), index=True)
    score: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[ApplicantDecision] = mapped_column(
        code_enum(ApplicantDecision), default=ApplicantDecision.PENDING
    )
    decided_on: Mapped[date | None] = mapped_column(Date)
    # A resident registration number only where a form demands it: encrypted, never listed.
    rrn_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    note: Mapped[str | None] = mapped_column(Text)
    recruitment_id: Mapped[int | None] = mapped_column(ForeignKey("recruitment.id"), index=True)
    decision_reason: Mapped[str | None] = mapped_column(Text)  # 선정·탈락 사유 (evidence)
    # The score per criterion as computed when scored: {criterion code: points}, kept as evidence
    # because the county's criteria and weights may change later.
    score_detail: Mapped[dict | None] = mapped_column(JSON)


class Resident(Record, Archivable, Base):
    """입주자: the person who signs the stay contract (personal data)."""

    __tablename__ = "resident"

    name: Mapped[str] = mapped_column(String(100), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(50))
    previous_address: Mapped[str | None] = mapped_column(String(300))  # 전거주지
    education_hours: Mapped[int] = mapped_column(Integer, default=0)
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicant.id"))
    settlement: Mapped[SettlementOutcome] = mapped_column(
        code_enum(SettlementOutcome), default=SettlementOutcome.UNKNOWN
    )
    settled_on: Mapped[date | None] = mapped_column(Date)
    moved_in_registered: Mapped[bool] = mapped_column(Boolean, default=False)  # 전입
    farm_registered: Mapped[bool] = mapped_column(Boolean, default=False)  # 농업경영체 등록
    settled_address: Mapped[str | None] = mapped_column(String(300))
    rrn_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    note: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[HouseholdMember]] = relationship(back_populates="resident")
    stays: Mapped[list[Stay]] = relationship(back_populates="resident")


class HouseholdMember(Record, Archivable, Base):
    """세대원: a family member living with the resident."""

    __tablename__ = "household_member"

    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    relation: Mapped[str | None] = mapped_column(String(30))  # 배우자, 자녀 …
    birth_date: Mapped[date | None] = mapped_column(Date)

    resident: Mapped[Resident] = relationship(back_populates="members")


class Stay(Record, Archivable, Base):
    """One residence period in one house (입주계약): move-in, planned end, extension, move-out."""

    __tablename__ = "stay"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("resident.id"), index=True)
    contract_on: Mapped[date | None] = mapped_column(Date)
    move_in_on: Mapped[date] = mapped_column(Date, index=True)
    planned_end_on: Mapped[date] = mapped_column(Date)
    extended_to: Mapped[date | None] = mapped_column(Date)  # 연장 (≤ 3 months)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    extension_requested: Mapped[bool] = mapped_column(Boolean, default=False)  # 입주자 연장 희망
    prepaid_months: Mapped[int] = mapped_column(Integer, default=0)  # 선납 개월 (due at move-in)
    moved_out_on: Mapped[date | None] = mapped_column(Date, index=True)
    household_size: Mapped[int] = mapped_column(Integer, default=1)
    monthly_rent: Mapped[int] = mapped_column(Money, default=0)
    deposit_amount: Mapped[int] = mapped_column(Money, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    resident: Mapped[Resident] = relationship(back_populates="stays")
    charges: Mapped[list[RentCharge]] = relationship(back_populates="stay")
    payments: Mapped[list[Payment]] = relationship(back_populates="stay")
    deposits: Mapped[list[Deposit]] = relationship(back_populates="stay")


class RentCharge(Record, Base):
    """Rent due for one month of a stay."""

    __tablename__ = "rent_charge"
    # Covering: the rent page's arrears sums read the index alone (measured ~30% faster).
    __table_args__ = (
        Index("ix_rent_charge_cover", "stay_id", "waived_reason", "due_on", "amount"),
        # the dashboard's rent due per month (by 납부기한) reads the index alone
        Index("ix_rent_charge_due_cover", "due_on", "waived_reason", "stay_id", "amount"),
    )

    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month charged
    amount: Mapped[int] = mapped_column(Money)
    due_on: Mapped[date] = mapped_column(Date)
    waived_reason: Mapped[str | None] = mapped_column(Text)

    stay: Mapped[Stay] = relationship(back_populates="charges")


class Payment(Record, Base):
    """Money received from a resident, for a month (대상월); prepaid months have later months."""

    __tablename__ = "payment"
    __table_args__ = (
        Index("ix_payment_cover", "stay_id", "amount"),
        # the dashboard's rent collected per month (by 납부일) reads the index alone
        Index("ix_payment_paid_cover", "paid_on", "stay_id", "amount"),
    )

    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    month: Mapped[date] = mapped_column(Date)  # 대상월, first day
    amount: Mapped[int] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(Date, index=True)
    method: Mapped[str | None] = mapped_column(String(30))  # 계좌이체, 현금 …
    note: Mapped[str | None] = mapped_column(Text)

    stay: Mapped[Stay] = relationship(back_populates="payments")


class Deposit(Record, Base):
    """보증금 held for a stay and its return."""

    __tablename__ = "deposit"

    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)
    received_on: Mapped[date] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    returned_amount: Mapped[int | None] = mapped_column(Money)
    deduction_reason: Mapped[str | None] = mapped_column(Text)

    stay: Mapped[Stay] = relationship(back_populates="deposits")


class RentSupport(Record, Archivable, Base):
    """임대료 지원: the county's rent support paid to the owner of a rental-type (지정형) house,
    one row per month, within the designation and its monthly limit."""

    __tablename__ = "rent_support"

    designation_id: Mapped[int] = mapped_column(ForeignKey("designation.id"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month supported
    amount: Mapped[int] = mapped_column(Money)
    paid_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Expense(Record, Archivable, Base):
    """What collected rent was spent on (운영·유지·보수, 화합행사)."""

    __tablename__ = "expense"

    house_id: Mapped[int | None] = mapped_column(ForeignKey("house.id"), index=True)
    spent_on: Mapped[date] = mapped_column(Date)
    category: Mapped[ExpenseCategory] = mapped_column(code_enum(ExpenseCategory))
    amount: Mapped[int] = mapped_column(Money)
    description: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
