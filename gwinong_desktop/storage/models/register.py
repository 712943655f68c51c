"""The house register: operators, owners, houses, leases, works and funding, plans, designations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwinong_desktop.domain.enums import DevelopmentType, FundingSource, LeaseKind, OperatorKind

from .base import Archivable, Base, Money, Record, code_enum


class Operator(Record, Archivable, Base):
    __tablename__ = "operator"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OperatorKind] = mapped_column(code_enum(OperatorKind))
    representative: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)

    houses: Mapped[list[House]] = relationship(back_populates="operator")


class Owner(Record, Archivable, Base):
    """The owner of a vacant house (personal data)."""

    __tablename__ = "owner"

    name: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)

    leases: Mapped[list[Lease]] = relationship(back_populates="owner")


class House(Record, Archivable, Base):
    __tablename__ = "house"

    code: Mapped[str] = mapped_column(String(50), unique=True)  # 관리번호
    sido: Mapped[str] = mapped_column(String(50))
    sigun: Mapped[str] = mapped_column(String(50))
    eupmyeon: Mapped[str] = mapped_column(String(50), index=True)
    ri: Mapped[str | None] = mapped_column(String(50))
    jibun: Mapped[str | None] = mapped_column(String(50))
    road_address: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    development_type: Mapped[DevelopmentType] = mapped_column(code_enum(DevelopmentType))
    program_year: Mapped[int] = mapped_column(Integer, index=True)  # 조성연도
    structure: Mapped[str | None] = mapped_column(String(100))  # 구조 (목조, 조적조 …)
    rooms: Mapped[int | None] = mapped_column(Integer)
    build_year: Mapped[int | None] = mapped_column(Integer)  # 건축년도
    land_area_m2: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    floor_area_m2: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    monthly_rent: Mapped[int | None] = mapped_column(Money)  # the house's standard rent, 원
    deposit: Mapped[int | None] = mapped_column(Money)  # the house's standard deposit, 원
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operator.id"), index=True)
    cancelled_on: Mapped[date | None] = mapped_column(Date)  # 취소: the only status set by hand
    note: Mapped[str | None] = mapped_column(Text)

    operator: Mapped[Operator | None] = relationship(back_populates="houses")
    leases: Mapped[list[Lease]] = relationship(back_populates="house", order_by="Lease.start_on")
    developments: Mapped[list[Development]] = relationship(back_populates="house")
    designations: Mapped[list[Designation]] = relationship(back_populates="house")


class Lease(Record, Archivable, Base):
    """An owner ↔ county/operator lease or a free provision. Renewals are further rows."""

    __tablename__ = "lease"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("owner.id"), index=True)
    kind: Mapped[LeaseKind] = mapped_column(code_enum(LeaseKind))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)  # None only for an open-ended free provision
    annual_rent: Mapped[int | None] = mapped_column(Money)  # paid to the owner, 원/year
    renews_lease_id: Mapped[int | None] = mapped_column(ForeignKey("lease.id"))
    note: Mapped[str | None] = mapped_column(Text)

    house: Mapped[House] = relationship(back_populates="leases")
    owner: Mapped[Owner | None] = relationship(back_populates="leases")


class Development(Record, Archivable, Base):
    """The funded works on one house (조성사업): budget by source and schedule."""

    __tablename__ = "development"

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)  # budget year
    title: Mapped[str | None] = mapped_column(String(200))
    budget_national: Mapped[int] = mapped_column(Money, default=0)
    budget_province: Mapped[int] = mapped_column(Money, default=0)
    budget_county: Mapped[int] = mapped_column(Money, default=0)
    budget_own: Mapped[int] = mapped_column(Money, default=0)
    contractor: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)  # 착공일
    planned_completion_on: Mapped[date | None] = mapped_column(Date)  # 준공예정일
    completed_on: Mapped[date | None] = mapped_column(Date)  # 준공일
    progress_pct: Mapped[int] = mapped_column(Integer, default=0)
    delay_reason: Mapped[str | None] = mapped_column(Text)  # 부진원인
    completion_reported_on: Mapped[date | None] = mapped_column(Date)  # 사업완료 보고 (7일 이내)

    house: Mapped[House] = relationship(back_populates="developments")
    obligations: Mapped[list[Obligation]] = relationship(back_populates="development")
    own_fund_payments: Mapped[list[OwnFundPayment]] = relationship(back_populates="development")


class Obligation(Record, Archivable, Base):
    """원인행위: a commitment of subsidy money; budget execution counts these (작성요령 1)."""

    __tablename__ = "obligation"

    development_id: Mapped[int] = mapped_column(ForeignKey("development.id"), index=True)
    obligated_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)
    source: Mapped[FundingSource] = mapped_column(code_enum(FundingSource))
    contractor: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)

    development: Mapped[Development] = relationship(back_populates="obligations")


class OwnFundPayment(Record, Archivable, Base):
    """자부담 actually paid; own funds count real payments, not commitments (작성요령 1)."""

    __tablename__ = "own_fund_payment"

    development_id: Mapped[int] = mapped_column(ForeignKey("development.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(Text)

    development: Mapped[Development] = relationship(back_populates="own_fund_payments")


class AnnualPlan(Record, Archivable, Base):
    """The county's plan for one year (연간계획). Stored in 원; reports show 천원."""

    __tablename__ = "annual_plan"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    project_name: Mapped[str] = mapped_column(String(200), default="귀농인의 집 조성사업")
    account_name: Mapped[str | None] = mapped_column(String(200))  # 회계명
    workload: Mapped[int] = mapped_column(Integer, default=0)  # 사업량 (개소)
    national: Mapped[int] = mapped_column(Money, default=0)  # 국고보조
    loan: Mapped[int] = mapped_column(Money, default=0)  # 융자
    local: Mapped[int] = mapped_column(Money, default=0)  # 지방비
    own: Mapped[int] = mapped_column(Money, default=0)  # 자담
    planned_progress_pct: Mapped[int | None] = mapped_column(Integer)  # 년간진도 계획
    note: Mapped[str | None] = mapped_column(Text)


class Designation(Record, Archivable, Base):
    """A rental-type designation: 2 years, county rent support ≤ 15만원/month."""

    __tablename__ = "designation"
    __table_args__ = (UniqueConstraint("house_id", "start_on"),)

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"), index=True)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    monthly_support: Mapped[int] = mapped_column(Money, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    house: Mapped[House] = relationship(back_populates="designations")
