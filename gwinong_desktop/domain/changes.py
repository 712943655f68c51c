"""What a change touched, announced once so every page can refresh what it shows.

The model is Anki's ``OpChanges``: an operation does its work, then says which kinds of records
it touched; each screen looks at that one value and decides for itself whether to load again.
Nobody wires "after an edit here, reload there" by hand.

A :class:`Changes` is a plain value (no Qt): a service's save returns the one its unit of work
wrote (``SavedRecord.changes``, from the tables the audit hook saw written), the GUI announces it
on the main window's ``sig_changed`` (``ui.main_window``), and every page's ``on_changes``
receives it. ``Changes.everything()`` is for a restore, an import, or 새로 고침:
whatever a page shows may be different now.

The kinds follow the storage tables (:data:`KIND_OF_TABLE`, kept complete by a test), so a
service can say what it wrote with :meth:`Changes.of_tables`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """A kind of record a change can touch."""

    HOUSES = "houses"
    LEASES = "leases"
    """Owner leases and the owners."""
    OPERATORS = "operators"
    WORKS = "works"
    """Developments (조성사업), their obligations and own-fund payments, designations."""
    PLANS = "plans"
    """Annual plans (연간계획)."""
    RESIDENTS = "residents"
    """Recruitment rounds, applicants, residents, household members and stays."""
    RENT = "rent"
    """Rent charges, payments, deposits, what the rent paid for, and the county's rent support."""
    INSPECTIONS = "inspections"
    """Planned visits, inspections and their findings."""
    PHOTOS = "photos"
    DOCUMENTS = "documents"
    """Attachments (계약서, 신청서 …)."""
    REPORTS = "reports"
    """The archive of exported reports."""
    RULES = "rules"
    """Program rule values per year and per-house overrides (derived statuses follow them)."""
    SETTINGS = "settings"
    """Settings kept in the data folder: the county profile, the idle lock, …"""
    ACCOUNTS = "accounts"
    REMINDERS = "reminders"
    """Reminders dismissed or snoozed, and the county's own days off."""
    FIELD_KITS = "field_kits"
    """Field kits written and brought back, and what their import left to decide."""


KIND_OF_TABLE: dict[str, Kind | None] = {
    "house": Kind.HOUSES,
    "lease": Kind.LEASES,
    "owner": Kind.LEASES,
    "operator": Kind.OPERATORS,
    "development": Kind.WORKS,
    "obligation": Kind.WORKS,
    "own_fund_payment": Kind.WORKS,
    "designation": Kind.WORKS,
    "annual_plan": Kind.PLANS,
    "recruitment": Kind.RESIDENTS,
    "applicant": Kind.RESIDENTS,
    "resident": Kind.RESIDENTS,
    "household_member": Kind.RESIDENTS,
    "stay": Kind.RESIDENTS,
    "rent_charge": Kind.RENT,
    "payment": Kind.RENT,
    "deposit": Kind.RENT,
    "expense": Kind.RENT,
    "rent_support": Kind.RENT,
    "inspection": Kind.INSPECTIONS,
    "finding": Kind.INSPECTIONS,
    "visit": Kind.INSPECTIONS,
    "visit_stop": Kind.INSPECTIONS,
    "photo": Kind.PHOTOS,
    "attachment": Kind.DOCUMENTS,
    "report": Kind.REPORTS,
    "rule_value": Kind.RULES,
    "rule_override": Kind.RULES,
    "setting": Kind.SETTINGS,
    "app_user": Kind.ACCOUNTS,
    "due_note": Kind.REMINDERS,
    "day_off": Kind.REMINDERS,
    "field_kit": Kind.FIELD_KITS,
    "merge_item": Kind.FIELD_KITS,
    "audit_event": None,  # every change writes one; no page shows them as records
}
"""The kind of record each storage table holds (None: not shown as records)."""


@dataclass(frozen=True)
class Changes:
    """The kinds of records one operation touched; ``all`` when it may be any of them."""

    kinds: frozenset[Kind] = field(default_factory=frozenset)
    all: bool = False
    """A restore, an import or a reload: every page loads again."""

    @classmethod
    def of(cls, *kinds: Kind) -> Changes:
        return cls(frozenset(kinds))

    @classmethod
    def everything(cls) -> Changes:
        return cls(frozenset(), all=True)

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        """What writing to these storage tables touched (an unknown table raises KeyError)."""
        kinds = {KIND_OF_TABLE[name] for name in tables}
        kinds.discard(None)
        return cls(frozenset(k for k in kinds if k is not None))

    def touches(self, *kinds: Kind) -> bool:
        """Whether any of ``kinds`` may have changed (always, after ``everything``)."""
        return self.all or not self.kinds.isdisjoint(kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, all=self.all or other.all)

    def __bool__(self) -> bool:
        return self.all or bool(self.kinds)

    def __str__(self) -> str:
        return "everything" if self.all else ", ".join(sorted(self.kinds)) or "nothing"
