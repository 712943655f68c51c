"""Typed SQLAlchemy 2 models for the whole domain (DOMAIN.md)."""

from .admin import AuditEvent, Report, RuleValue, Setting, User
from .base import Base, new_uid, utcnow
from .followup import DayOff, DueNote, FieldKit, MergeItem
from .overrides import RuleOverride
from .register import (
    AnnualPlan,
    Designation,
    Development,
    House,
    Lease,
    Obligation,
    Operator,
    Owner,
    OwnFundPayment,
)
from .residents import (
    Applicant,
    Deposit,
    Expense,
    HouseholdMember,
    Payment,
    Recruitment,
    RentCharge,
    RentSupport,
    Resident,
    Stay,
)
from .visits import Attachment, Finding, Inspection, Photo, Visit, VisitStop

__all__ = [
    "AnnualPlan",
    "Applicant",
    "Attachment",
    "AuditEvent",
    "Base",
    "DayOff",
    "Deposit",
    "Designation",
    "Development",
    "DueNote",
    "Expense",
    "FieldKit",
    "Finding",
    "House",
    "HouseholdMember",
    "Inspection",
    "Lease",
    "MergeItem",
    "Obligation",
    "Operator",
    "OwnFundPayment",
    "Owner",
    "Payment",
    "Photo",
    "Recruitment",
    "RentCharge",
    "RentSupport",
    "Report",
    "Resident",
    "RuleOverride",
    "RuleValue",
    "Setting",
    "Stay",
    "User",
    "Visit",
    "VisitStop",
    "new_uid",
    "utcnow",
]
