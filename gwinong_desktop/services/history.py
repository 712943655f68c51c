"""The change history of one house: the audit events of the house and every record under it.

"Under it" means its leases and their owners, works with their obligations and own-fund
payments, designations, stays, inspections, photos, attachments, and the warnings gone past
(``rule_override``) for any of them. Events come newest first, each with Korean names for the
record kind, the action and every changed field, with values, units and times as officers write
them (``record_labels``: the one table of field labels, shared with the access records).

Records written in bulk (the demo county, an import) carry one summary event for the whole
batch, not one per record; :func:`HistoryService.for_house` says so when it finds none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.periods import format_moment
from gwinong_desktop.storage.models import (
    Attachment,
    AuditEvent,
    Designation,
    Development,
    House,
    Inspection,
    Lease,
    Obligation,
    Operator,
    Owner,
    OwnFundPayment,
    Photo,
    RuleOverride,
    Stay,
)

from .context import ServiceContext
from .record_labels import (
    FieldChange,
    entity_label,
    field_changes,
    korean_text,
    override_summary,
)

ACCESS_ONLY = ("view", "export", "login", "login_failed", "logout", "lock", "unlock")
"""Access records that change nothing: not part of a record's change history."""

ACTION_LABELS: dict[str, str] = {
    "create": "등록",
    "update": "수정",
    "archive": "보관",
    "restore": "복원",
    "delete": "삭제",
    "import": "가져오기",
    "view": "열람",
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str  # the stored code (create, update …)
    action_label: str
    entity: str
    entity_label: str
    summary: str
    changes: list[FieldChange] = field(default_factory=list)

    def when(self) -> str:
        """ "2026.12.4. 20:35" (KST)."""
        return format_moment(self.at)

    def change_lines(self) -> list[str]:
        """Each change: "방수: 2 → 1"; for a new record only the value: "방수: 2"."""
        if self.action == "create":
            return [f"{c.label}: {c.new}" for c in self.changes if c.new]
        return [f"{c.label}: {c.old or '—'} → {c.new or '—'}" for c in self.changes]

    def text(self) -> str:
        """One line: "수정 귀농인의 집: 방수: 1 → 2, 비고: — → 마을회관 옆"."""
        head = f"{self.action_label} {self.entity_label}"
        if self.summary:
            head += f": {self.summary}"
        lines = self.change_lines()
        return f"{head} ({', '.join(lines)})" if lines else head


def house_family_uids(session: Session, house_id: int) -> list[tuple[str, str]]:
    """(uid, table) of the house and every record under it."""
    out: list[tuple[str, str]] = []

    def add(table: str, stmt) -> list[int]:  # type: ignore[no-untyped-def]
        ids = []
        for row in session.execute(stmt):
            out.append((row[1], table))
            ids.append(row[0])
        return ids

    add("house", select(House.id, House.uid).where(House.id == house_id))
    lease_ids = add("lease", select(Lease.id, Lease.uid).where(Lease.house_id == house_id))
    add(
        "owner",
        select(Owner.id, Owner.uid).where(
            Owner.id.in_(select(Lease.owner_id).where(Lease.house_id == house_id))
        ),
    )
    dev_ids = add(
        "development",
        select(Development.id, Development.uid).where(Development.house_id == house_id),
    )
    if dev_ids:
        add(
            "obligation",
            select(Obligation.id, Obligation.uid).where(Obligation.development_id.in_(dev_ids)),
        )
        add(
            "own_fund_payment",
            select(OwnFundPayment.id, OwnFundPayment.uid).where(
                OwnFundPayment.development_id.in_(dev_ids)
            ),
        )
    add(
        "designation",
        select(Designation.id, Designation.uid).where(Designation.house_id == house_id),
    )
    add("stay", select(Stay.id, Stay.uid).where(Stay.house_id == house_id))
    add("inspection", select(Inspection.id, Inspection.uid).where(Inspection.house_id == house_id))
    add("photo", select(Photo.id, Photo.uid).where(Photo.house_id == house_id))
    conditions = [Attachment.house_id == house_id]
    if lease_ids:
        conditions.append(Attachment.lease_id.in_(lease_ids))
    if dev_ids:
        conditions.append(Attachment.development_id.in_(dev_ids))
    add("attachment", select(Attachment.id, Attachment.uid).where(or_(*conditions)))
    uids = [uid for uid, _ in out]
    add(
        "rule_override",
        select(RuleOverride.id, RuleOverride.uid).where(RuleOverride.entity_uid.in_(uids)),
    )
    return out


class HistoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_house(self, house_id: int, limit: int = 500) -> list[HistoryEntry]:
        """The audit events of the house and its records, newest first (at most ``limit``)."""
        with self.ctx.read() as session:
            uids = [uid for uid, _ in house_family_uids(session, house_id)]
            events: list[AuditEvent] = []
            for start in range(0, len(uids), 500):  # stay under SQLite's variable limit
                chunk = uids[start : start + 500]
                events += session.scalars(
                    select(AuditEvent).where(
                        AuditEvent.entity_uid.in_(chunk),
                        # the change history; views and exports are in the access-log viewer
                        AuditEvent.action.not_in(ACCESS_ONLY),
                    )
                ).all()
            events.sort(key=lambda e: (e.at, e.id), reverse=True)
            names = {
                "house_id": dict(
                    session.execute(select(House.id, House.code).where(House.id == house_id)).all()
                ),
                "operator_id": dict(session.execute(select(Operator.id, Operator.name)).all()),
                "owner_id": dict(
                    session.execute(
                        select(Owner.id, Owner.name).where(
                            Owner.id.in_(select(Lease.owner_id).where(Lease.house_id == house_id))
                        )
                    ).all()
                ),
            }
            return [_entry(e, names) for e in events[:limit]]


def _entry(event: AuditEvent, names: dict[str, dict[int, str]]) -> HistoryEntry:
    if event.entity == "rule_override" and event.action == "create" and event.changes:
        return HistoryEntry(
            at=event.at,
            actor=event.actor,
            action=event.action,
            action_label="승인",
            entity=event.entity,
            entity_label=entity_label("rule_override"),
            summary=override_summary(event.changes),
        )
    changes = field_changes(event.entity, event.changes, names)
    return HistoryEntry(
        at=event.at,
        actor=event.actor,
        action=event.action,
        action_label=ACTION_LABELS.get(event.action, "기타 작업"),
        entity=event.entity,
        entity_label=entity_label(event.entity),
        summary=korean_text(event.summary or ""),
        changes=changes,
    )
