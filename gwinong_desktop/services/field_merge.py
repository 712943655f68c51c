"""Bringing a field kit back into the office database (``Services.field_merge``).

``plan(kit_dir)`` is the dry run: the kit is checked (manifest, the base's hash, every photo's
hash, the county and the data folder it was exported from, the schema) and the three-way merge
decided (``merge_plan``) without writing anything. ``apply(kit_dir, state)`` does the same
checks, copies the new photos into the content store (named by their hash: a file the office
has is not stored twice), snapshots the database into ``backups/``, then writes everything in
ONE transaction: the fields taken, the records made on the laptop, the questions left for a
person (``MergeItem``), the laptop's audit events as history, and the ``FieldKit`` import row.
A kit already imported (a ``FieldKit`` import row with its uid) adds nothing and says so.

The kit folder is never written to (its databases are read from private copies).
The review of what is left to decide is ``merge_review``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.fieldcrypt import folder_id
from gwinong_desktop.storage.kit_files import KitFileProblem, kit_databases
from gwinong_desktop.storage.models import AuditEvent, Base, FieldKit, MergeItem, Setting
from gwinong_desktop.storage.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from gwinong_desktop.storage.snapshot import copy_database, timestamp

from .house_queries import county_name
from .kit_manifest import (
    BASE,
    FIELD_COPY_KEY,
    KitManifest,
    KitRefused,
    check_file,
    check_files,
    read_manifest,
)
from .merge_plan import MergePlan, NewRecord, Question, make_plan
from .merge_values import to_json

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState

    from .context import ServiceContext


@dataclass(frozen=True)
class MergeResult:
    plan: MergePlan
    field_kit_id: int | None  # None: the kit had been imported before, nothing was added
    backup: Path | None
    photos_copied: int


class FieldMergeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the dry run ----------------------------------------------------------------------------

    def plan(self, kit_dir: Path, state: TaskState | None = None) -> MergePlan:
        """What importing ``kit_dir`` would do; nothing is written (``IMPORT``)."""
        self.ctx.require(Permission.IMPORT)
        kit_dir = Path(kit_dir)
        manifest = self._checked(kit_dir, state)
        with self.ctx.read() as session:
            return _decide(session.connection(), kit_dir, manifest, state)

    # --- the import -----------------------------------------------------------------------------

    def apply(self, kit_dir: Path, state: TaskState | None = None) -> MergeResult:
        """Import ``kit_dir``: backup, then one transaction (``IMPORT`` and ``EDIT``)."""
        self.ctx.require(Permission.IMPORT)
        self.ctx.require(Permission.EDIT)
        kit_dir = Path(kit_dir)
        manifest = self._checked(kit_dir, state)
        with self.ctx.read() as session:
            first = _decide(session.connection(), kit_dir, manifest, state)
        if first.imported_before is not None:
            return MergeResult(first, None, None, 0)
        if state is not None:
            state.check()
        copied = self._copy_files(kit_dir, first, state)
        db = self.ctx.db
        backup = copy_database(
            db.folder.db_path,
            db.folder.backups / f"before-kit-import-{manifest.kit_uid[:8]}-{timestamp()}.sqlite3",
        )
        if state is not None:
            state.check()
            state.report(0, 0, "현장 자료를 합치는 중")
        with self.ctx.write() as session:
            conn = session.connection()
            plan = _decide(conn, kit_dir, manifest, None)  # again, inside the transaction
            if plan.imported_before is not None:
                return MergeResult(plan, None, backup, copied)
            kit_id = _write(session, conn, plan, self.ctx.actor)
        return MergeResult(plan, kit_id, backup, copied)

    # --- checks -------------------------------------------------------------------------------

    def _checked(self, kit_dir: Path, state: TaskState | None) -> KitManifest:
        manifest = read_manifest(kit_dir)
        if manifest.schema_revision != SCHEMA_HEAD:
            if manifest.schema_revision not in KNOWN_REVISIONS:
                raise KitRefused(
                    "더 새 버전의 프로그램에서 만든 현장 자료입니다 "
                    f"(스키마 {manifest.schema_revision}). 이 PC의 프로그램을 새 버전으로 "
                    "바꾼 뒤 가져와 주세요."
                )
            raise KitRefused(
                f"이전 버전의 프로그램에서 내보낸 현장 자료입니다 (스키마 "
                f"{manifest.schema_revision}, 지금 {SCHEMA_HEAD}). 내보낸 뒤 이 PC의 프로그램이 "
                "바뀌었으므로 합칠 기준이 맞지 않습니다."
            )
        if state is not None:
            state.report(0, 0, "현장 자료 확인 중")
        check_files(kit_dir, manifest)
        ours = county_name(self.ctx)
        if manifest.county and ours and manifest.county != ours:
            raise KitRefused(
                f"다른 시·군({manifest.county})의 현장 자료입니다. 이 데이터 폴더는 {ours}의 "
                "것이므로 가져오지 않았습니다."
            )
        with self.ctx.read() as session:
            conn = session.connection()
            ours_id = folder_id(conn)
            exported = conn.execute(
                select(FieldKit.id).where(
                    FieldKit.kit_uid == manifest.kit_uid, FieldKit.direction == "export"
                )
            ).first()
        if manifest.source_folder_id != ours_id or exported is None:
            raise KitRefused(
                "이 데이터 폴더에서 내보낸 현장 자료가 아닙니다 (다른 PC나 다른 데이터 폴더에서 "
                f"내보냈습니다: {manifest.exported_label()} {manifest.exported_by or ''}). "
                "내보낸 PC의 데이터 폴더에서 가져와 주세요."
            )
        return manifest

    def _copy_files(self, kit_dir: Path, plan: MergePlan, state: TaskState | None) -> int:
        """The new photos and attachments into the content store, checked against their hash."""
        copied = 0
        root = self.ctx.db.folder.root
        for i, (kind, sha, relative) in enumerate(plan.files):
            if state is not None:
                state.check()
                state.report(i, len(plan.files), "사진·첨부 파일 복사 중")
            source = check_file(kit_dir, relative, sha)
            stored = ContentStore(root, kind).put_file(source)
            if stored.sha256 != sha:  # changed while it was being copied
                raise KitRefused(f"현장 자료의 파일이 복사 중에 바뀌었습니다: {relative}")
            copied += 1
        return copied


def _decide(
    office: Connection, kit_dir: Path, manifest: KitManifest, state: TaskState | None
) -> MergePlan:
    plan = MergePlan(
        manifest.kit_uid, manifest.county, manifest.exported_at, manifest.exported_by,
        manifest.houses,
    )  # fmt: skip
    before = office.execute(
        select(FieldKit.imported_at, FieldKit.imported_by).where(
            FieldKit.kit_uid == manifest.kit_uid, FieldKit.direction == "import"
        )
    ).first()
    if before is not None:
        plan.imported_before = (before[0], before[1])
        return plan
    try:
        with kit_databases(kit_dir / DB_FILENAME, kit_dir / BASE) as (laptop, base):
            for copy, what in ((laptop, "현장 데이터베이스"), (base, BASE)):
                if copy.revision != manifest.schema_revision:
                    raise KitRefused(
                        f"{what}의 스키마({copy.revision})가 manifest({manifest.schema_revision})"
                        "와 다릅니다: 다른 버전의 프로그램이 현장 자료를 바꾸었습니다."
                    )
            with laptop.engine.connect() as lc, base.engine.connect() as bc:
                _check_field_copy(lc, manifest)
                if state is not None:
                    state.report(0, 0, "바뀐 것을 비교하는 중")
                make_plan(plan, office, lc, bc)
    except KitFileProblem as exc:
        raise KitRefused(f"현장 자료를 읽을 수 없습니다: {exc.reason}") from exc
    for kind, sha, relative in plan.files:  # verified before anything is written
        if kind == "photos" and state is not None:
            state.check()
        check_file(kit_dir, relative, sha)
    return plan


def _check_field_copy(laptop: Connection, manifest: KitManifest) -> None:
    import json

    text = laptop.execute(select(Setting.value).where(Setting.key == FIELD_COPY_KEY)).scalar()
    try:
        kit_uid = json.loads(text or "{}").get("kit_uid")
    except (ValueError, AttributeError):
        kit_uid = None
    if kit_uid != manifest.kit_uid:
        raise KitRefused(
            "현장 데이터베이스가 manifest의 현장 자료와 다릅니다 "
            "(다른 현장 자료의 파일이 섞였습니다)."
        )


# --- writing -------------------------------------------------------------------------------


class OfficeKeys:
    """Office ids of records by uid (looked up once each; new ones found after their insert)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.cache: dict[tuple[str, str], int] = {}

    def of(self, table: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        key = (table, uid)
        if key not in self.cache:
            t = Base.metadata.tables[table]
            found = self.conn.execute(select(t.c.id).where(t.c.uid == uid)).scalar()
            if found is None:
                raise KitRefused(f"합칠 기록을 사무실 데이터에서 찾지 못했습니다: {table} {uid}")
            self.cache[key] = found
        return self.cache[key]

    def row(self, table: str, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` (uid space) as the office's columns (keys as office ids)."""
        t = Base.metadata.tables[table]
        out = {}
        for name, value in values.items():
            fk = next(iter(t.c[name].foreign_keys), None)
            out[name] = self.of(fk.column.table.name, value) if fk is not None else value
        return out


def insert_records(
    conn: Connection, records: list[NewRecord], ids: OfficeKeys, now: datetime
) -> None:
    """Records made on the laptop, with their own uids (parents come first in ``records``)."""
    for record in records:
        t = Base.metadata.tables[record.entity]
        row = ids.row(record.entity, record.values)
        row.setdefault("created_at", now)
        row.update(uid=record.uid, updated_at=now, revision=1)
        new_id = conn.execute(insert(t).values(**row)).inserted_primary_key[0]
        ids.cache[(record.entity, record.uid)] = new_id


def update_fields(
    conn: Connection, entity: str, uid: str, values: dict[str, Any], ids: OfficeKeys, now: datetime
) -> None:
    """Set ``values`` (uid space) on one office record, raising its revision."""
    t = Base.metadata.tables[entity]
    row = ids.row(entity, values)
    conn.execute(
        update(t).where(t.c.uid == uid).values(**row, revision=t.c.revision + 1, updated_at=now)
    )


def _write(session, conn: Connection, plan: MergePlan, actor: str) -> int:
    now = datetime.now(UTC)
    ids = OfficeKeys(conn)
    insert_records(conn, plan.new_records, ids, now)
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for change in plan.changes:
        grouped.setdefault((change.entity, change.record_uid), {})[change.field] = change.laptop
    for (entity, uid), values in grouped.items():
        update_fields(conn, entity, uid, values, ids, now)
    if plan.events:
        conn.execute(insert(AuditEvent.__table__), [dict(e, user_id=None) for e in plan.events])
    kit = FieldKit(
        kit_uid=plan.kit_uid, direction="import", county=plan.county, houses=list(plan.houses),
        exported_at=plan.exported_at, exported_by=plan.exported_by, imported_at=now,
        imported_by=actor, summary=summary_of(plan),
    )  # fmt: skip
    session.add(kit)
    session.flush()
    for position, q in enumerate(plan.questions):
        session.add(_item(kit.id, position, q))
    log_event(session, "import", "field_kit", import_summary(plan), plan.kit_uid)
    return kit.id


def _item(kit_id: int, position: int, q: Question) -> MergeItem:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: to_json(v) for k, v in value.items()}
        return to_json(value)

    laptop = plain(q.laptop)
    if q.kind == "duplicate":
        laptop = {
            "record": plain(q.laptop),
            "children": [
                {"entity": c.entity, "uid": c.uid, "values": plain(c.values)} for c in q.children
            ],
        }
    return MergeItem(
        field_kit_id=kit_id, kind=q.kind, entity=q.entity, record_uid=q.record_uid,
        other_uid=q.other_uid, field=q.field, base_value=plain(q.base),
        office_value=plain(q.office), laptop_value=laptop, office_actor=q.office_actor,
        office_at=q.office_at, laptop_actor=q.laptop_actor, laptop_at=q.laptop_at,
        status="open", position=position,
        resolved_value=None,  # stored as JSON null: the column is NOT NULL in schema 0005
    )  # fmt: skip


def summary_of(plan: MergePlan) -> dict[str, int]:
    return {
        "taken": len(plan.changes),
        "new": len(plan.new_records),
        "conflict": plan.count("conflict"),
        "duplicate": plan.count("duplicate"),
        "archived": plan.count("archived"),
        "known_photos": plan.known_photos,
        "events": len(plan.events),
    }


def import_summary(plan: MergePlan) -> str:
    s = summary_of(plan)
    return (
        f"현장 자료 가져오기 ({plan.county or ''} {plan.kit_uid[:8]}): 바뀐 항목 {s['taken']}개, "
        f"새 기록 {s['new']}개, 충돌 {s['conflict']}개, 중복 의심 {s['duplicate']}개, "
        f"보관·수정 {s['archived']}개, 현장 기록 {s['events']}건"
    )
