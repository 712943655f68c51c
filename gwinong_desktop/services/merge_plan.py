"""The three-way merge of a field kit, decided before anything is written (pure reading).

Three databases are read in "uid space" (a foreign key is its record's uid): the base (the kit
as exported), the laptop's (the kit as it came back) and the office's (only the records the kit
knows). Per record by uid and per field against the base:

- changed only on the laptop: taken; only in the office: kept; the same on both: nothing;
  different on both: a *conflict* (the office value stays until someone decides);
- archived (or restored) on one side and edited on the other: an *archived* question, never a
  silent revival nor a silent loss;
- a record made on the laptop comes in by its uid, unless it looks like one the office made
  meanwhile (an inspection of the same house on the same day, a resident of the same name and
  birth date): then it is a *duplicate* question and is not inserted, nor is anything made on
  the laptop under it (a finding of that inspection, its photos), which waits with it;
- a new photo whose bytes the office already holds for that house is not added twice.

Device clocks decide nothing: only values against the base.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, select

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.storage.models import AuditEvent, Base

from .kit_manifest import KitRefused

# tables a kit does not bring back: the office's own bookkeeping, accounts, rule values and
# reports kept (an export made on the laptop stays there)
NOT_MERGED = frozenset(
    {"field_kit", "merge_item", "app_user", "report", "rule_value", "due_note", "day_off"}
)
NOT_COMPARED = frozenset({"id", "uid", "created_at", "updated_at", "revision"})
ARCHIVE_FIELDS = ("archived_at", "archive_reason")
LOOKALIKES: dict[str, tuple[str, ...]] = {
    "inspection": ("house_id", "inspected_on"),
    "resident": ("name", "birth_date"),
}
FILE_TABLES = ("photo", "attachment")
_CHUNK = 500

Rows = dict[str, dict[str, Any]]  # uid → {column: value}


def merged_tables() -> list[Table]:
    """The record tables a kit brings back, parents before children."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if "revision" in t.c and "uid" in t.c and t.name not in NOT_MERGED
    ]


def compared(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in NOT_COMPARED]


@dataclass(frozen=True)
class FieldChange:
    """A field changed only on the laptop: taken."""

    entity: str
    record_uid: str
    field: str
    base: Any
    laptop: Any


@dataclass(frozen=True)
class NewRecord:
    entity: str
    uid: str
    values: dict[str, Any]


@dataclass
class Question:
    """What becomes a ``MergeItem``: ``conflict``, ``duplicate`` or ``archived``."""

    kind: str
    entity: str
    record_uid: str
    field: str | None = None
    other_uid: str | None = None
    base: Any = None
    office: Any = None
    laptop: Any = None
    children: list[NewRecord] = _field(default_factory=list)
    office_actor: str | None = None
    office_at: datetime | None = None
    laptop_actor: str | None = None
    laptop_at: datetime | None = None


@dataclass
class MergePlan:
    """What an import would do (the dry run prints it; ``apply`` does exactly it)."""

    kit_uid: str
    county: str | None
    exported_at: datetime
    exported_by: str | None
    houses: tuple[str, ...]
    imported_before: tuple[datetime | None, str | None] | None = None
    changes: list[FieldChange] = _field(default_factory=list)
    new_records: list[NewRecord] = _field(default_factory=list)
    questions: list[Question] = _field(default_factory=list)
    known_photos: int = 0  # photos made on the laptop whose bytes the office already holds
    files: list[tuple[str, str, str]] = _field(default_factory=list)  # (kind, sha256, path)
    events: list[dict[str, Any]] = _field(default_factory=list)  # the laptop's audit events
    labels: dict[str, str] = _field(default_factory=dict)  # uid → how the officer knows it

    @property
    def nothing_to_do(self) -> bool:
        return not (self.changes or self.new_records or self.questions or self.events)

    def touched_tables(self) -> frozenset[str]:
        """The tables an import of this plan writes (for ``domain.changes``)."""
        tables = {c.entity for c in self.changes} | {r.entity for r in self.new_records}
        return frozenset(tables | {"field_kit", "merge_item"})

    def count(self, kind: str) -> int:
        return sum(q.kind == kind for q in self.questions)


# --- reading in uid space ------------------------------------------------------------------------


@cache
def _uid_select(table: Table):
    columns = []
    for c in table.columns:
        if c.name == "id":
            continue
        fk = next(iter(c.foreign_keys), None)
        if fk is None:
            columns.append(c)
            continue
        target = fk.column.table.alias()
        ref = select(target.c.uid).where(target.c.id == c).scalar_subquery()
        columns.append(ref.label(c.name))
    return select(*columns)


def read_all(conn: Connection, table: Table) -> Rows:
    return {r["uid"]: dict(r) for r in conn.execute(_uid_select(table)).mappings()}


def read_uids(conn: Connection, table: Table, uids: Iterable[str]) -> Rows:
    wanted = sorted(set(uids))
    out: Rows = {}
    for i in range(0, len(wanted), _CHUNK):
        query = _uid_select(table).where(table.c.uid.in_(wanted[i : i + _CHUNK]))
        out.update({r["uid"]: dict(r) for r in conn.execute(query).mappings()})
    return out


def _present(conn: Connection, column: Any, values: Iterable[str]) -> set[str]:
    wanted = sorted(set(values))
    found: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        part = wanted[i : i + _CHUNK]
        found.update(conn.execute(select(column).where(column.in_(part))).scalars())
    return found


# --- the plan ------------------------------------------------------------------------------------


def make_plan(plan: MergePlan, office: Connection, laptop: Connection, base: Connection) -> None:
    """Fill ``plan`` with what merging ``laptop`` (against ``base``) into ``office`` does."""
    tables = merged_tables()
    kit = {t.name: read_all(laptop, t) for t in tables}
    before = {t.name: read_all(base, t) for t in tables}
    now = {t.name: read_uids(office, t, set(kit[t.name]) | set(before[t.name])) for t in tables}
    merger = _Merger(plan, office, kit, before, now)
    for table in tables:
        merger.table(table)
    _name_records(plan, kit)
    _laptop_events(plan, office, laptop, base)
    _who_and_when(plan, office)


class _Merger:
    def __init__(self, plan: MergePlan, office: Connection, kit: dict, base: dict, now: dict):
        self.plan, self.office = plan, office
        self.kit, self.base, self.now = kit, base, now
        self.new_uids: set[str] = set()
        self.held: dict[str, Question] = {}  # uid of a record not inserted → its question
        self.office_photos: set[tuple[str, str]] | None = None  # (sha256, house uid)

    def table(self, table: Table) -> None:
        fields = compared(table)
        for uid, lap in self.kit[table.name].items():
            base = self.base[table.name].get(uid)
            office = self.now[table.name].get(uid)
            if base is None:
                if office is None:
                    self._new(table, fields, uid, lap)
            elif office is not None:
                self._existing(table, fields, uid, base, office, lap)

    # a record made on the laptop
    def _new(self, table: Table, fields: list[str], uid: str, lap: dict[str, Any]) -> None:
        values = {f: lap[f] for f in fields}
        values["created_at"] = lap["created_at"]  # made when the laptop made it
        record = NewRecord(table.name, uid, values)
        refs = [(c.name, lap[c.name]) for c in table.columns if c.foreign_keys and lap[c.name]]
        parent = next((self.held[ref] for _, ref in refs if ref in self.held), None)
        if parent is not None:
            parent.children.append(record)
            self.held[uid] = parent
            return
        for name, ref in refs:
            target = next(iter(table.c[name].foreign_keys)).column.table.name
            if ref not in self.new_uids and ref not in self.now.get(target, {}):
                raise KitRefused(
                    f"현장 자료가 맞지 않습니다: {table.name}의 기록({uid})이 사무실에 없는 "
                    f"기록({target} {ref})을 가리킵니다. 가져오지 않았습니다."
                )
        twin = self._lookalike(table, uid, lap)
        if twin is not None:
            question = Question("duplicate", table.name, uid, other_uid=twin, laptop=record.values)
            self.plan.questions.append(question)
            self.held[uid] = question
            return
        if table.name == "photo":
            if self._office_has_photo(lap):
                self.plan.known_photos += 1
                return
            assert self.office_photos is not None
            self.office_photos.add((lap["sha256"], lap["house_id"]))  # the same photo twice
        self.plan.new_records.append(record)
        self.new_uids.add(uid)
        if table.name in FILE_TABLES:
            self.plan.files.append((table.name + "s", lap["sha256"], lap["stored_path"]))

    def _lookalike(self, table: Table, uid: str, lap: dict[str, Any]) -> str | None:
        keys = LOOKALIKES.get(table.name)
        if not keys or any(lap[k] is None for k in keys):
            return None
        conditions = [table.c.archived_at.is_(None), table.c.uid != uid]
        for key in keys:
            column = table.c[key]
            fk = next(iter(column.foreign_keys), None)
            if fk is None:
                conditions.append(column == lap[key])
            else:
                target = fk.column.table
                ref = select(target.c.id).where(target.c.uid == lap[key]).scalar_subquery()
                conditions.append(column == ref)
        base = self.base[table.name]
        for other in self.office.execute(select(table.c.uid).where(*conditions)).scalars():
            if other not in base:  # made in the office since the export
                return other
        return None

    def _office_has_photo(self, lap: dict[str, Any]) -> bool:
        if self.office_photos is None:  # one query for every photo the laptop took
            t = Base.metadata.tables["photo"]
            house = Base.metadata.tables["house"]
            base = self.base["photo"]
            shas = {p["sha256"] for uid, p in self.kit["photo"].items() if uid not in base}
            self.office_photos = set()
            wanted = sorted(shas)
            for i in range(0, len(wanted), _CHUNK):
                query = (
                    select(t.c.sha256, house.c.uid)
                    .join(house, house.c.id == t.c.house_id)
                    .where(t.c.sha256.in_(wanted[i : i + _CHUNK]))
                )
                self.office_photos.update((sha, h) for sha, h in self.office.execute(query))
        return (lap["sha256"], lap["house_id"]) in self.office_photos

    # a record both sides had at the export
    def _existing(self, table: Table, fields: list[str], uid: str, base, office, lap) -> None:
        lap_changed = [f for f in fields if lap[f] != base[f]]
        if not lap_changed:
            return
        off_changed = {f for f in fields if office[f] != base[f]}
        if "archived_at" in table.c:
            was = base["archived_at"] is not None
            lap_moved = (lap["archived_at"] is not None) != was
            off_moved = (office["archived_at"] is not None) != was
            lap_edits = [f for f in lap_changed if f not in ARCHIVE_FIELDS]
            off_edits = [f for f in off_changed if f not in ARCHIVE_FIELDS]
            if (lap_moved and not off_moved and off_edits) or (
                off_moved and not lap_moved and lap_edits
            ):
                keys = sorted(set(lap_changed) | off_changed)
                self.plan.questions.append(
                    Question(
                        "archived", table.name, uid,
                        base={k: base[k] for k in keys},
                        office={k: office[k] for k in sorted(off_changed)},
                        laptop={k: lap[k] for k in lap_changed},
                    )
                )  # fmt: skip
                return
            if lap_moved and off_moved:  # archived (or restored) on both: the office's stays
                lap_changed = lap_edits
        for name in lap_changed:
            value = lap[name]
            if name not in off_changed:
                if value is not None and value in self.held and table.c[name].foreign_keys:
                    self._conflict(table, uid, name, base, office, lap)
                else:
                    self.plan.changes.append(FieldChange(table.name, uid, name, base[name], value))
            elif value != office[name]:
                self._conflict(table, uid, name, base, office, lap)

    def _conflict(self, table: Table, uid: str, name: str, base, office, lap) -> None:
        self.plan.questions.append(
            Question(
                "conflict", table.name, uid, field=name,
                base=base[name], office=office[name], laptop=lap[name],
            )
        )  # fmt: skip


def _name_records(plan: MergePlan, kit: dict[str, Rows]) -> None:
    """Name the records the plan mentions: the house's 관리번호, a person's name, a day."""
    codes = {uid: row["code"] for uid, row in kit.get("house", {}).items()}
    inspections = kit.get("inspection", {})
    wanted = [(c.entity, c.record_uid) for c in plan.changes]
    wanted += [(q.entity, q.record_uid) for q in plan.questions]
    for entity, uid in wanted:
        row = kit.get(entity, {}).get(uid) or {}
        parts = [codes.get(uid) or codes.get(row.get("house_id")) or ""]
        if entity == "finding":
            parts.append(
                codes.get((inspections.get(row.get("inspection_id")) or {}).get("house_id")) or ""
            )
        for key in ("name", "inspected_on", "planned_on", "move_in_on"):
            value = row.get(key)
            if value:
                parts.append(format_date_ko(value) if isinstance(value, date) else str(value))
        plan.labels[uid] = " ".join(p for p in parts if p)


_EVENT_COLUMNS = ("uid", "at", "actor", "host", "action", "entity", "entity_uid", "summary",
                  "changes")  # fmt: skip


def _laptop_events(plan: MergePlan, office: Connection, laptop: Connection, base: Connection):
    """The audit events made on the laptop, oldest first (as history: actor and time as made)."""
    t = AuditEvent.__table__
    known = set(base.execute(select(t.c.uid)).scalars())
    rows = laptop.execute(select(*(t.c[n] for n in _EVENT_COLUMNS)).order_by(t.c.id)).mappings()
    events = [dict(r) for r in rows if r["uid"] not in known]
    there = _present(office, t.c.uid, (e["uid"] for e in events))
    plan.events = [e for e in events if e["uid"] not in there]


def _who_and_when(plan: MergePlan, office: Connection) -> None:
    """Who made each side's value of a question, and when (from both audit trails)."""
    t = AuditEvent.__table__
    laptop_last: dict[tuple[str, str], dict[str, Any]] = {}
    for event in plan.events:
        for name in event["changes"] or {}:
            laptop_last[(event["entity_uid"], name)] = event
    for q in plan.questions:
        names = [q.field] if q.field else list((q.laptop or {}).keys())
        if q.kind == "duplicate":
            names = []
            hit = next((e for e in reversed(plan.events) if e["entity_uid"] == q.record_uid), None)
            if hit:
                q.laptop_actor, q.laptop_at = hit["actor"], hit["at"]
        for name in names:
            hit = laptop_last.get((q.record_uid, name))
            if hit:
                q.laptop_actor, q.laptop_at = hit["actor"], hit["at"]
        office_uid = q.other_uid or q.record_uid
        query = (
            select(t.c.actor, t.c.at, t.c.changes)
            .where(t.c.entity_uid == office_uid)
            .order_by(t.c.id.desc())
        )
        wanted = set(q.office.keys()) if isinstance(q.office, dict) else {q.field}
        for actor, at, changes in office.execute(query):
            if q.kind == "duplicate" or wanted & set(changes or {}):
                q.office_actor, q.office_at = actor, at
                break
