"""The change history of one house: the audit events of the house and every record under it.

"Under it" means its leases and their owners, works with their obligations and own-fund
payments, designations, stays, inspections, photos, attachments, and the warnings gone past
(``rule_override``) for any of them. Events come newest first, each with Korean names for the
record kind, the action and every changed field; enum codes are shown by their Korean labels.

Records written in bulk (the demo county, an import) carry one summary event for the whole
batch, not one per record; :func:`HistoryService.for_house` says so when it finds none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain import enums
from gwinong_desktop.domain.rules import FIELD_LABELS
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
from .rule_gate import rule_label

ENTITY_LABELS: dict[str, str] = {
    "house": "귀농인의 집",
    "lease": "임대차계약",
    "owner": "소유주",
    "operator": "운영자",
    "development": "조성사업",
    "obligation": "원인행위",
    "own_fund_payment": "자부담 집행",
    "designation": "지정(임대운영)",
    "stay": "입주",
    "inspection": "점검",
    "photo": "사진",
    "attachment": "첨부서류",
    "rule_override": "규칙 예외",
    "annual_plan": "연간계획",
    "rule_value": "규칙 값",
    "setting": "설정",
}

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

_LABELS: dict[str, str] = {
    **FIELD_LABELS,
    "uid": "고유번호",
    "code": "관리번호",
    "sido": "시도",
    "sigun": "시군",
    "eupmyeon": "읍면",
    "ri": "리",
    "jibun": "지번",
    "road_address": "도로명주소",
    "latitude": "위도",
    "longitude": "경도",
    "development_type": "조성유형",
    "program_year": "조성연도",
    "structure": "구조",
    "build_year": "건축년도",
    "operator_id": "운영자",
    "cancelled_on": "사업 취소일",
    "note": "비고",
    "archived_at": "보관일시",
    "archive_reason": "보관 사유",
    "house_id": "귀농인의 집",
    "owner_id": "소유주",
    "kind": "구분",
    "start_on": "시작일",
    "end_on": "종료일",
    "renews_lease_id": "갱신 전 계약",
    "name": "이름",
    "address": "주소",
    "phone": "연락처",
    "representative": "대표자",
    "year": "연도",
    "title": "사업명",
    "contractor": "시공업체",
    "started_on": "착공일",
    "planned_completion_on": "준공예정일",
    "completed_on": "준공일",
    "progress_pct": "공정(%)",
    "delay_reason": "부진원인",
    "completion_reported_on": "사업완료 보고일",
    "development_id": "조성사업",
    "obligated_on": "원인행위일",
    "source": "재원",
    "paid_on": "집행일",
    "lease_id": "임대차계약",
    "sha256": "파일 지문(SHA-256)",
    "stored_path": "저장 위치",
    "original_name": "파일 이름",
    "size_bytes": "크기(바이트)",
    "entity": "대상",
    "entity_uid": "대상 고유번호",
    "rule": "규칙",
    "value": "값",
    "limit": "기준",
    "message": "경고 내용",
    "reason": "사유",
    "actor": "입력한 사람",
    "move_in_on": "입주일",
    "planned_end_on": "퇴거예정일",
    "extended_to": "연장 종료일",
    "moved_out_on": "퇴거일",
    "household_size": "세대원수",
    "inspected_on": "점검일",
    "slot": "사진 구분",
    "phase": "촬영 시기",
    "caption": "설명",
}

_ENUM_FIELDS: dict[tuple[str, str], type[Enum]] = {
    ("house", "development_type"): enums.DevelopmentType,
    ("lease", "kind"): enums.LeaseKind,
    ("operator", "kind"): enums.OperatorKind,
    ("obligation", "source"): enums.FundingSource,
    ("attachment", "kind"): enums.AttachmentKind,
    ("inspection", "kind"): enums.InspectionKind,
    ("photo", "slot"): enums.PhotoSlot,
    ("photo", "phase"): enums.PhotoPhase,
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


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


def field_label(name: str) -> str:
    return _LABELS.get(name, name)


def _shown(entity: str, name: str, value: object) -> str:
    if value is None or value == "":
        return ""
    enum_cls = _ENUM_FIELDS.get((entity, name))
    if enum_cls is not None:
        try:
            return str(enum_cls(value).label)  # type: ignore[attr-defined]
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return "예" if value else "아니요"
    if isinstance(value, int) and name not in ("program_year", "build_year", "year"):
        return f"{value:,}"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        y, m, d = value.split("-")
        if y.isdigit() and m.isdigit() and d.isdigit():
            return f"{int(y)}.{int(m)}.{int(d)}."
    return str(value)


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


def _override_summary(changes: dict) -> str:
    def new(name: str) -> str:
        pair = changes.get(name)
        return str(pair[1]) if isinstance(pair, list | tuple) and len(pair) == 2 else ""

    text = rule_label(new("rule"))
    if new("value") or new("limit"):
        text += f" (값 {new('value') or '—'}, 기준 {new('limit') or '—'})"
    return f"{text} · 사유: {new('reason')}"


def _entry(event: AuditEvent, names: dict[str, dict[int, str]]) -> HistoryEntry:
    if event.entity == "rule_override" and event.action == "create" and event.changes:
        return HistoryEntry(
            at=event.at,
            actor=event.actor,
            action=event.action,
            action_label="승인",
            entity=event.entity,
            entity_label=ENTITY_LABELS["rule_override"],
            summary=_override_summary(event.changes),
        )
    changes = []
    skip = {"uid", "sha256", "stored_path", "entity_uid"}
    for name, pair in (event.changes or {}).items():
        if name in skip or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        old, new = pair
        if name in names:
            old, new = names[name].get(old, old), names[name].get(new, new)
        changes.append(
            FieldChange(
                name,
                field_label(name),
                _shown(event.entity, name, old),
                _shown(event.entity, name, new),
            )
        )
    return HistoryEntry(
        at=event.at,
        actor=event.actor,
        action=event.action,
        action_label=ACTION_LABELS.get(event.action, event.action),
        entity=event.entity,
        entity_label=ENTITY_LABELS.get(event.entity, event.entity),
        summary=event.summary or "",
        changes=changes,
    )
