"""What a field-kit import left for a person to decide (``Services.merge_review``).

Each open ``MergeItem`` is shown with the base, the office value (who, when) and the laptop value
(who, when), and resolved by ``keep`` (the office's stays), ``take`` (the laptop's) or ``other``
(a value typed, for a conflict), always with a note. A resolution changes the record through the
ORM (so its audit event and revision are written as for any edit), marks the item resolved and
writes a ``resolve`` event carrying the note — in one transaction.

A possible duplicate: ``take`` inserts the laptop's record (and what was made under it) as a
record of its own; ``keep`` keeps the office's record and puts what was made under the laptop's
(findings, photos) under the office's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.periods import format_moment
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.models import Base, FieldKit, MergeItem

from .merge_plan import NewRecord
from .merge_values import from_json, from_text
from .merge_write import OfficeKeys, insert_records
from .record_labels import entity_label, field_label, shown_value

if TYPE_CHECKING:
    from .context import ServiceContext

KIND_LABELS = {"conflict": "충돌", "duplicate": "중복 의심", "archived": "보관·수정"}
CHOICES = ("keep", "take", "other")


@dataclass(frozen=True)
class OpenItem:
    id: int
    kind: str
    kind_label: str
    entity_label: str
    record: str  # the house's 관리번호 and what the record is
    field_label: str
    base: str
    office: str
    office_by: str
    laptop: str
    laptop_by: str
    kit: str
    can_type: bool  # a conflict of one plain field: another value may be typed


def _by(actor: str | None, at: datetime | None) -> str:
    parts = [actor or "", format_moment(at) if at else ""]
    return " · ".join(p for p in parts if p) or "(기록 없음)"


class MergeReviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def count_open(self) -> int:
        with self.ctx.read() as s:
            return s.scalar(select(func.count()).where(MergeItem.status == "open")) or 0

    def open_items(self) -> list[OpenItem]:
        with self.ctx.read() as s:
            rows = s.execute(
                select(MergeItem, FieldKit.exported_at, FieldKit.exported_by)
                .join(FieldKit, FieldKit.id == MergeItem.field_kit_id)
                .where(MergeItem.status == "open")
                .order_by(MergeItem.field_kit_id, MergeItem.position)
            ).all()
            return [_open_item(s, item, at, by) for item, at, by in rows]

    def resolve(
        self, item_id: int, choice: str, note: str, typed: str | None = None
    ) -> frozenset[str]:
        """Decide one item (``EDIT``); ``note`` is required, ``typed`` for ``other``. The
        tables written (for ``domain.changes``)."""
        self.ctx.require(Permission.EDIT)
        if choice not in CHOICES:
            raise ValueError(choice)
        note = note.strip()
        if not note:
            raise Refusal(
                "메모를 적어 주세요: 무엇을 왜 골랐는지 남겨야 합니다.", ExitCode.BAD_INPUT
            )
        with self.ctx.write() as session:
            item = session.get(MergeItem, item_id)
            if item is None or item.status != "open":
                raise Refusal("이미 정했거나 없는 검토 항목입니다.", ExitCode.BAD_INPUT)
            value = _decide(session, item, choice, typed)
            item.status = "resolved"
            item.resolved_value = {"choice": choice, "value": value}
            item.note = note
            item.resolved_by = self.ctx.actor
            item.resolved_at = datetime.now(UTC)
            log_event(
                session, "resolve", item.entity,
                f"현장 자료 검토: {KIND_LABELS[item.kind]} {_CHOICE_WORDS[choice]} — {note}",
                item.record_uid,
            )  # fmt: skip
            tables = {item.entity, "merge_item"}
            if isinstance(value, dict) and "inserted" in value:
                tables |= {c["entity"] for c in (item.laptop_value or {}).get("children", [])}
        return frozenset(tables)


_CHOICE_WORDS = {"keep": "사무실 값 유지", "take": "현장 값 반영", "other": "다른 값 입력"}


def _decide(session, item: MergeItem, choice: str, typed: str | None) -> Any:
    table = Base.metadata.tables[item.entity]
    model = _model(item.entity)
    now = datetime.now(UTC)
    if item.kind == "duplicate":
        return _duplicate(session, item, choice, now)
    if choice == "keep":
        return item.office_value
    record = session.scalar(select(model).where(model.uid == item.record_uid))
    if record is None:
        raise Refusal("이 항목의 기록을 찾지 못했습니다.", ExitCode.BAD_INPUT)
    if item.kind == "archived":
        if choice == "other":
            raise Refusal(
                "보관·수정 항목은 유지나 현장 값 반영만 고를 수 있습니다.", ExitCode.BAD_INPUT
            )
        values = {k: from_json(table.c[k], v) for k, v in (item.laptop_value or {}).items()}
    elif choice == "take":
        values = {item.field: from_json(table.c[item.field], item.laptop_value)}
    else:
        what = f"{entity_label(item.entity)} {field_label(item.entity, item.field)}"
        values = {item.field: from_text(table.c[item.field], typed or "", what)}
    ids = OfficeKeys(session.connection())
    for name, value in ids.row(item.entity, values).items():
        setattr(record, name, value)
    return (
        {k: _json(v) for k, v in values.items()}
        if item.kind == "archived"
        else _json(values[item.field])
    )


def _json(value: Any) -> Any:
    from .merge_values import to_json

    return to_json(value)


def _duplicate(session, item: MergeItem, choice: str, now: datetime) -> Any:
    """Take: the laptop's record and its children as records of their own. Keep: the children
    under the office's record (a photo whose bytes that house already has is left out)."""
    if choice == "other":
        raise Refusal(
            "중복 의심 항목은 유지나 현장 값 반영만 고를 수 있습니다.", ExitCode.BAD_INPUT
        )
    held = item.laptop_value or {}
    children = [_record(c["entity"], c["uid"], c["values"]) for c in held.get("children", [])]
    records = children
    if choice == "take":
        records = [_record(item.entity, item.record_uid, held.get("record", {})), *children]
    else:
        records = [_repointed(r, item.record_uid, item.other_uid) for r in children]
    conn = session.connection()
    insert_records(conn, records, OfficeKeys(conn), now)
    for r in records:
        log_event(session, "create", r.entity, "현장 자료 검토로 추가", r.uid)
    return {"inserted": [r.uid for r in records]}


def _record(entity: str, uid: str, values: dict[str, Any]) -> NewRecord:
    table = Base.metadata.tables[entity]
    return NewRecord(entity, uid, {k: from_json(table.c[k], v) for k, v in values.items()})


def _repointed(record: NewRecord, old: str, new: str | None) -> NewRecord:
    values = {k: (new if v == old else v) for k, v in record.values.items()}
    return NewRecord(record.entity, record.uid, values)


def _model(entity: str) -> type:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == entity:
            return mapper.class_
    raise KeyError(entity)


def _open_item(session, item: MergeItem, exported_at: datetime, exported_by: str | None):
    def show(value: Any, name: str | None) -> str:
        if item.kind == "duplicate":
            return _record_summary(item.entity, (value or {}).get("record", value) or {})
        if isinstance(value, dict) and name is None:
            return (
                ", ".join(
                    f"{field_label(item.entity, k)}: {shown_value(item.entity, k, v) or '(없음)'}"
                    for k, v in value.items()
                )
                or "(바뀐 것 없음)"
            )
        return shown_value(item.entity, name or "", value) or "(없음)"

    table = Base.metadata.tables[item.entity]
    plain = item.field is not None and not table.c[item.field].foreign_keys
    office = item.office_value
    if item.kind == "duplicate":
        office = _office_summary(session, item)
    return OpenItem(
        id=item.id, kind=item.kind, kind_label=KIND_LABELS.get(item.kind, item.kind),
        entity_label=entity_label(item.entity),
        record=_house_of(session, item.entity, item.other_uid or item.record_uid),
        field_label=field_label(item.entity, item.field) if item.field else "",
        base=show(item.base_value, item.field) if item.kind != "duplicate" else "(없음: 새 기록)",
        office=office if item.kind == "duplicate" else show(office, item.field),
        office_by=_by(item.office_actor, item.office_at),
        laptop=show(item.laptop_value, item.field),
        laptop_by=_by(item.laptop_actor, item.laptop_at),
        kit=f"{format_moment(exported_at)} {exported_by or ''}".strip(),
        can_type=item.kind == "conflict" and plain,
    )  # fmt: skip


_SUMMARY_FIELDS = ("inspected_on", "kind", "inspector", "name", "birth_date", "phone", "summary")


def _record_summary(entity: str, values: dict[str, Any]) -> str:
    parts = [
        f"{field_label(entity, k)} {shown_value(entity, k, values[k])}"
        for k in _SUMMARY_FIELDS
        if values.get(k) not in (None, "")
    ]
    return ", ".join(parts) or entity_label(entity)


def _office_summary(session, item: MergeItem) -> str:
    table = Base.metadata.tables[item.entity]
    row = session.execute(select(table).where(table.c.uid == item.other_uid)).mappings().first()
    if row is None:
        return "(없음)"
    from .merge_values import to_json

    return _record_summary(item.entity, {k: to_json(v) for k, v in row.items()})


def _house_of(session, entity: str, uid: str) -> str:
    """The 관리번호 of the house a record belongs to, when it has one directly or via its
    inspection or stay (enough to find it on the house's page)."""
    house = Base.metadata.tables["house"]
    table = Base.metadata.tables[entity]
    if entity == "house":
        query = select(house.c.code).where(house.c.uid == uid)
    elif "house_id" in table.c:
        query = select(house.c.code).join(table, table.c.house_id == house.c.id)
        query = query.where(table.c.uid == uid)
    elif "inspection_id" in table.c:
        insp = Base.metadata.tables["inspection"]
        query = (
            select(house.c.code)
            .join(insp, insp.c.house_id == house.c.id)
            .join(table, table.c.inspection_id == insp.c.id)
            .where(table.c.uid == uid)
        )
    else:
        return entity_label(entity)
    code = session.execute(query).scalar()
    return f"{code} {entity_label(entity)}" if code else entity_label(entity)
