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

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select

from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.media.errors import SourceFileError
from gwinong_desktop.media.store import KINDS, FileBatch
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.fieldcrypt import folder_id
from gwinong_desktop.storage.kit_files import KitFileProblem, kit_databases
from gwinong_desktop.storage.models import AuditEvent, FieldKit, MergeItem, Setting
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
    inside,
    read_manifest,
)
from .merge_plan import MergePlan, Question, make_plan
from .merge_values import to_json
from .merge_write import OfficeKeys, insert_records, update_fields

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.storage.database import Database

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
        """Import ``kit_dir``: backup, then one transaction (``IMPORT`` and ``EDIT``).

        The kit's originals the office lacks are copied (hashed, made durable) by worker
        threads while the plan is decided; only those the plan takes are placed in the store."""
        self.ctx.require(Permission.IMPORT)
        self.ctx.require(Permission.EDIT)
        kit_dir = Path(kit_dir)
        manifest = self._checked(kit_dir, state)
        with FileBatch(self.ctx.db.folder.root) as batch:
            held = self._start_copying(batch, kit_dir)
            with self.ctx.read() as session:
                conn = session.connection()
                seen = _last_event(conn)
                plan = _decide(conn, kit_dir, manifest, state, verify=False)  # while copied
            if plan.imported_before is not None:
                return MergeResult(plan, None, None, 0)
            if state is not None:
                state.check()
            copied = self._take_files(batch, plan, kit_dir, held, state)
            backup = _backup(
                self.ctx.db, f"before-kit-import-{manifest.kit_uid[:8]}-{timestamp()}.sqlite3"
            )
            if state is not None:
                state.check()
                state.report(0, 0, "현장 자료를 합치는 중")
            with self.ctx.write() as session:
                conn = session.connection()
                if _last_event(conn) != seen:  # the office changed since: decide again, locked
                    plan = _decide(conn, kit_dir, manifest, None, verify=False)
                    if plan.imported_before is not None:
                        return MergeResult(plan, None, backup, copied)
                    copied = self._take_files(batch, plan, kit_dir, held, None)
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

    def _start_copying(self, batch: FileBatch, kit_dir: Path) -> dict[str, bool]:
        """Start copying every original of the kit (``photos/``, ``attachments/``, stored by
        their hash) that the office's store does not hold yet: an unchanged photo carried out
        and back is neither read nor hashed again. Whether each is held, by relative path."""
        root = self.ctx.db.folder.root
        held = {}
        for kind in KINDS:
            for path in _stored_files(kit_dir / kind):
                relative = f"{kind}/{path.parent.name}/{path.name}"
                held[relative] = _held(root / relative, path)
                if not held[relative]:
                    batch.add(kind, path)
        return held

    def _take_files(
        self,
        batch: FileBatch,
        plan: MergePlan,
        kit_dir: Path,
        held: dict[str, bool],
        state: TaskState | None,
    ) -> int:
        """The plan's new photos and attachments placed in the content store, each checked
        against its hash before anything is committed (a file the office has is kept once)."""
        root = self.ctx.db.folder.root
        wanted = []
        for kind, sha, relative in plan.files:
            path = inside(kit_dir, relative)
            named = relative == f"{kind}/{sha[:2]}/{path.name}"
            known = held.get(relative)
            if named and (_held(root / relative, path) if known is None else known):
                continue  # the office holds these bytes under their hash already
            batch.add(kind, path)  # started already, unless the kit named it oddly
            wanted.append((kind, sha, relative, path))
        for n, (kind, sha, relative, path) in enumerate(wanted):
            if state is not None:
                state.check()
                state.report(n, len(wanted), "사진·첨부 파일 복사 중")
            try:
                put = batch.result(kind, path)
            except SourceFileError as exc:
                raise KitRefused(
                    f"현장 자료가 반만 복사되었습니다: 사진·첨부 파일이 없습니다 ({relative})"
                    if not path.is_file()
                    else f"현장 자료의 파일을 읽을 수 없습니다 ({relative}): {exc.message}"
                ) from exc
            if put.sha256 != sha:  # hashed while copied, before anything is committed
                raise KitRefused(
                    f"현장 자료의 파일이 해시와 맞지 않습니다 (바뀌었거나 잘렸습니다): {relative}"
                )
        batch.place((kind, path) for kind, _sha, _relative, path in wanted)
        return len(plan.files)


def _stored_files(folder: Path) -> list[Path]:
    """The files of a content store's folder (``<kind>/<xx>/<sha>.<ext>``) in a kit."""
    found = []
    if not folder.is_dir():
        return found
    for sub in os.scandir(folder):
        if len(sub.name) != 2 or not sub.is_dir():
            continue
        for entry in os.scandir(sub.path):
            if entry.name.startswith(sub.name) and entry.is_file():
                found.append(Path(entry.path))
    return sorted(found)


def _held(office_file: Path, kit_file: Path) -> bool:
    """Whether the office's store holds ``office_file`` (named by the hash of its bytes) at the
    size of the kit's file of the same name."""
    try:
        return office_file.stat().st_size == kit_file.stat().st_size
    except OSError:
        return False


def _backup(db: Database, name: str) -> Path:
    """The database as it is, into the folder's ``backups/`` as a SQLite file: a copy of the
    folder's own file, or the records of its server (``transfer.snapshot_server``, which a
    restore reads into a PC's folder or a server alike)."""
    dest = db.folder.backups / name
    if db.server is None:
        return copy_database(db.folder.db_path, dest)
    from gwinong_desktop.storage.transfer import snapshot_server

    return snapshot_server(db.server, dest)


def _last_event(conn: Connection) -> int | None:
    """The newest audit event's id: every change of the office writes one."""
    return conn.execute(select(func.max(AuditEvent.id))).scalar()


def _decide(
    office: Connection,
    kit_dir: Path,
    manifest: KitManifest,
    state: TaskState | None,
    *,
    verify: bool = True,
) -> MergePlan:
    """The plan; ``verify``: hash every new file now (the import hashes them while copying,
    before its transaction)."""
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
    for _kind, sha, relative in plan.files if verify else ():
        if state is not None:
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


def _write(session, conn: Connection, plan: MergePlan, actor: str) -> int:
    now = datetime.now(UTC)
    ids = OfficeKeys(conn)
    insert_records(conn, plan.new_records, ids, now)
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for change in plan.changes:
        grouped.setdefault((change.entity, change.record_uid), {})[change.field] = change.laptop
    update_fields(conn, [(e, uid, values) for (e, uid), values in grouped.items()], ids, now)
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
