"""The data check: the database, its foreign keys, houses whose leases overlap, every photo and
attachment file, leftovers of killed work, and whatever ``extra_checks`` add (the audit hash
chain). It reports every problem with the record it belongs to and changes nothing unless asked to
repair; every repair is audited."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.media.errors import SourceFileError
from gwinong_desktop.media.store import ContentStore, sha256_of_file
from gwinong_desktop.storage import backup as bk
from gwinong_desktop.storage import models as m
from gwinong_desktop.storage.datafolder import ExitCode, StorageError
from gwinong_desktop.storage.schema import SchemaState

from .access_record import record_done
from .context import ServiceContext
from .info import COUNTED
from .safety_settings import backup_settings, one_at_a_time

# --- the data check ------------------------------------------------------------------------

ERROR = "error"
NOTICE = "notice"  # worth knowing, not a fault of the data (a leftover temporary file …)


@dataclass(frozen=True)
class Problem:
    """One thing the check found, with the record it belongs to (``message`` is Korean)."""

    kind: str  # integrity, foreign_key, file_missing, file_damaged, file_path, leftover, …
    message: str
    table: str | None = None
    uid: str | None = None
    house_code: str | None = None
    path: str | None = None
    sha256: str | None = None  # what the row says the file's hash is
    severity: str = ERROR
    repaired: bool = False
    repair_note: str | None = None


@dataclass
class CheckContext:
    """What every check is given; ``extra_checks`` receive it too."""

    ctx: ServiceContext
    repair: bool
    quick: bool
    state: TaskState  # ``state.report`` for progress; a cancel stops the check there
    unaudited: list[str] = field(default_factory=list)  # repairs the audit log could not take:
    # the Korean line of ``access_record.unrecorded`` for each


ExtraCheck = Callable[[CheckContext], Iterable[Problem]]
extra_checks: list[ExtraCheck] = []
"""More checks run by :func:`check_folder` after the built-in ones (the audit hash chain appends
its check here). A check returns its problems and repairs only when ``cc.repair`` is true."""

TABLE_LABELS = {model.__tablename__: label for label, model in COUNTED}


def check_folder(
    ctx: ServiceContext,
    repair: bool = False,
    *,
    quick: bool = False,
    state: TaskState | None = None,
) -> list[Problem]:
    """Check the database, its foreign keys, and every photo and attachment file of ``ctx``'s
    folder (``SafetyService.check`` checks the permission to repair first).

    ``quick`` uses ``quick_check`` and compares file sizes instead of hashes. Nothing is changed
    unless ``repair``: then damaged or missing files are put back from an intact copy in a backup
    and leftovers of killed work are removed, and every repair is reported and audited (a repair
    the audit log could not take is a problem of its own, and its traceback is logged).
    """
    from . import audit_log  # noqa: F401 - adds the audit chain to ``extra_checks``

    db = ctx.db
    if db.schema_before.state is SchemaState.NEWER:  # open_read_only lets a newer one through
        raise cannot_check_newer(db.folder.db_path, db.schema_before.revision)
    cc = CheckContext(ctx, repair, quick, ensure(state))
    with one_at_a_time():
        problems = _database_problems(cc)
        problems += _lease_problems(cc)
        problems += _file_problems(cc)
        problems += _leftover_problems(cc)
        for check in extra_checks:
            problems += list(check(cc))
        if repair:
            problems = _repair_files(cc, problems)
    problems += [Problem("audit", text) for text in cc.unaudited]
    return problems


def cannot_check_newer(db_path: Path, revision: str | None) -> StorageError:
    """The check's refusal of data made by a newer version: this version does not know its
    tables, so "no problems" would be a guess (exit code 5, as every command refuses it)."""
    return StorageError(
        "이 데이터는 더 새로운 버전의 프로그램으로 만들어져 이 버전으로는 점검할 수 없습니다 "
        f"(스키마 {revision}): {db_path}\n"
        "아무것도 바꾸지 않았습니다. 프로그램을 최신 버전으로 업데이트한 뒤 점검해 주세요.",
        ExitCode.NEWER_SCHEMA,
    )


def _database_problems(cc: CheckContext) -> list[Problem]:
    if cc.ctx.db.server is not None:
        # A server refuses a broken foreign key at the statement that would break it and keeps
        # its own pages (their check is the server's administration: pg_amcheck). What is ours
        # to check there — the audit chain, the files — the other checks do as for a file.
        return []
    db_path = cc.ctx.db.folder.db_path
    cc.state.report(0, 0, "데이터베이스 검사")
    out = [
        Problem("integrity", f"데이터베이스 손상: {line} — 백업에서 복원해 주세요.")
        for line in bk.sqlite_problems(db_path, quick=cc.quick)
    ]
    try:
        orphans = bk.foreign_key_orphans(db_path)
    except sqlite3.DatabaseError as exc:
        return [*out, Problem("integrity", f"외래 키를 검사하지 못했습니다: {exc}")]
    for o in orphans:
        label, parent = TABLE_LABELS.get(o.table, o.table), TABLE_LABELS.get(o.parent, o.parent)
        out.append(
            Problem(
                "foreign_key",
                f"{label} 기록(id {o.rowid}, uid {o.uid or '-'})이 없는 {parent} 기록을 "
                "가리킵니다.",
                table=o.table,
                uid=o.uid,
            )
        )
    return out


def _lease_problems(cc: CheckContext) -> list[Problem]:
    """Houses with leases whose periods share days (the rule ``LeaseService`` keeps at entry)."""
    from .leases import overlapping_leases

    cc.state.report(0, 0, "임대차계약 기간 검사")
    with cc.ctx.read() as s:
        found = overlapping_leases(s)
    return [
        Problem(
            "lease_overlap",
            f"귀농인의 집 {o.house_code}: {josa(o.first.label(), '과')} "
            f"{o.second.label()}의 기간이 겹칩니다. 한 집의 계약은 기간이 겹칠 수 없습니다: "
            "어느 계약이 맞는지 확인하고, 기간을 고치거나 잘못된 계약을 보관해 주세요.",
            table="lease",
            uid=o.second_uid,
            house_code=o.house_code,
            repair_note="자동으로 고칠 수 없습니다: 그 집의 임대차 탭에서 고쳐 주세요."
            if cc.repair
            else None,
        )
        for o in found
    ]


@dataclass(frozen=True)
class _FileRow:
    table: str
    uid: str
    house_code: str | None
    path: str
    sha256: str
    size: int
    name: str | None


def _file_rows(ctx: ServiceContext) -> list[_FileRow]:
    photo = (
        select(m.Photo.uid, m.House.code, m.Photo.stored_path, m.Photo.sha256)
        .add_columns(m.Photo.size_bytes, m.Photo.original_name)
        .outerjoin(m.House, m.House.id == m.Photo.house_id)
    )
    attachment = (
        select(m.Attachment.uid, m.House.code, m.Attachment.stored_path, m.Attachment.sha256)
        .add_columns(m.Attachment.size_bytes, m.Attachment.original_name)
        .outerjoin(m.House, m.House.id == m.Attachment.house_id)
    )
    with ctx.read() as s:
        rows = [_FileRow("photo", *r) for r in s.execute(photo)]
        rows += [_FileRow("attachment", *r) for r in s.execute(attachment)]
    return rows


def _record(row: _FileRow) -> str:
    what = "사진" if row.table == "photo" else "첨부서류"
    house = f"귀농인의 집 {row.house_code}, " if row.house_code else ""
    name = f" '{row.name}'" if row.name else ""
    return f"{house}{what}{name} (uid {row.uid})"


def _file_problems(cc: CheckContext) -> list[Problem]:
    root = cc.ctx.db.folder.root
    stores = {kind: ContentStore(root, kind) for kind in bk.FILE_KINDS}
    rows = _file_rows(cc.ctx)
    left_in_office = _left_in_office(root)
    out = []
    for done, row in enumerate(rows, 1):
        cc.state.report(done, len(rows), "사진·첨부 파일 검사")
        found = _file_problem(stores, row, cc.quick)
        if found is not None and found[0] == "file_missing" and row.uid in left_in_office:
            continue  # a field copy carries the thumbnails; the original stayed in the office
        if found is not None:
            kind, text = found
            out.append(
                Problem(
                    kind,
                    f"{_record(row)}의 {text}: {row.path}",
                    table=row.table,
                    uid=row.uid,
                    house_code=row.house_code,
                    path=row.path,
                    sha256=row.sha256.lower(),
                )
            )
    out += _unreferenced(root, {r.path for r in rows})
    return out


def _left_in_office(root: Path) -> set[str]:
    """In a field copy: the photos it was exported with (their originals stay in the office,
    the kit carries their thumbnails); empty for any other folder."""
    from gwinong_desktop.storage.kit_copy import uids_in

    from .field_kit import BASE_FILENAME, KIT_FOLDER

    return uids_in(root / KIT_FOLDER / BASE_FILENAME, "photo")


def _file_problem(
    stores: dict[str, ContentStore], row: _FileRow, quick: bool
) -> tuple[str, str] | None:
    store = stores.get(row.path.split("/", 1)[0])
    try:
        if store is None:
            raise ValueError(row.path)
        path = store.path_of(row.path)
    except ValueError:
        return "file_path", "파일 경로가 잘못되었습니다"
    if not path.is_file():
        return "file_missing", "파일이 없습니다"
    try:
        if quick:
            intact = path.stat().st_size == row.size
        else:
            intact = sha256_of_file(path) == row.sha256.lower()
    except (OSError, SourceFileError) as exc:
        return "file_unreadable", f"파일을 읽을 수 없습니다 ({exc})"
    return None if intact else ("file_damaged", "파일이 손상되었거나 바뀌었습니다 (해시가 다름)")


def _unreferenced(root: Path, referenced: set[str]) -> list[Problem]:
    """Files no row names: kept (one may be the only copy of a photo), reported once."""
    extra = []
    for kind in bk.FILE_KINDS:
        for path in (root / kind).rglob("*"):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not path.name.startswith(".") and rel not in referenced:
                extra.append(rel)
    if not extra:
        return []
    shown = ", ".join(sorted(extra)[:5]) + (" …" if len(extra) > 5 else "")
    return [
        Problem(
            "unreferenced",
            f"어느 기록에도 연결되지 않은 파일이 {len(extra):,}개 있습니다 (지우지 않고 "
            f"둡니다): {shown}",
            severity=NOTICE,
        )
    ]


def _leftover_problems(cc: CheckContext) -> list[Problem]:
    root = cc.ctx.db.folder.root
    found = bk.leftovers(root)
    if not found:
        return []
    note = None
    if cc.repair:
        removed = bk.remove_leftovers(root, min_age=600)
        note = f"{len(removed)}개를 지웠습니다" + (
            " (10분이 안 된 것은 남겨 두었습니다)" if len(removed) < len(found) else ""
        )
        if removed:
            _audit(cc, "repair", "files", f"중단된 작업의 임시 파일 {len(removed)}개 삭제", None)
    names = ", ".join(p.relative_to(root).as_posix() for p in found[:5])
    return [
        Problem(
            "leftover",
            f"중단된 작업이 남긴 임시 파일·폴더가 {len(found)}개 있습니다: {names}",
            severity=NOTICE,
            repaired=bool(note and not note.startswith("0")),
            repair_note=note,
        )
    ]


def _repair_files(cc: CheckContext, problems: list[Problem]) -> list[Problem]:
    """Put back missing or damaged files from the newest backup holding an intact copy."""
    root = cc.ctx.db.folder.root
    settings = backup_settings(cc.ctx)
    sources = bk.list_backups(root / "backups")
    if settings.second_folder is not None:
        sources += bk.list_backups(settings.second_folder)
    sources.sort(key=lambda e: e.created, reverse=True)
    fixable = {"file_missing", "file_damaged"}
    todo = [p for p in problems if p.kind in fixable]
    out = []
    for p in problems:
        if p.kind not in fixable:
            out.append(p)
            continue
        cc.state.report(todo.index(p) + 1, len(todo), "백업에서 파일 되살리기")
        used = _restore_file(root, p, sources)
        if not isinstance(used, Path):
            out.append(replace(p, repair_note=used))
            continue
        note = f"백업 {used.name}에서 되살렸습니다"
        _audit(cc, "repair", p.table or "file", f"{p.path} 파일을 {note}", p.uid)
        out.append(replace(p, repaired=True, repair_note=note))
    return out


NO_INTACT_COPY = "온전한 사본이 있는 백업을 찾지 못했습니다"


def _restore_file(root: Path, p: Problem, sources: list[bk.BackupEntry]) -> Path | str:
    """Put ``p``'s file back from the newest backup with an intact copy: the backup used, or
    why not (Korean). A backup that cannot be read, or whose copy cannot be put back, is passed
    over for the next one; when none worked the reason names every file that failed and what
    the system said — an ``OSError`` is never just "no intact copy"."""
    sha = p.sha256
    if sha is None or p.path is None:
        return NO_INTACT_COPY
    target = root / p.path
    unread: list[str] = []  # backups that could not be read
    unwritten: list[str] = []  # intact copies found but not put back
    for entry in sources:
        try:
            manifest = bk.read_manifest(entry.path)
            name = next((k for k, v in manifest.files.items() if v["sha256"] == sha), None)
            if name is None:
                continue
            zf = zipfile.ZipFile(entry.path)
        except (OSError, StorageError, zipfile.BadZipFile) as exc:
            unread.append(_reason(entry.path, exc))
            continue
        with zf:
            try:
                if target.exists():
                    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
                    aside = root / "backups" / f"replaced-files-{stamp}" / p.path
                    aside.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(target, aside)
                bk.extract_member(zf, name, manifest.files[name], target)
            except OSError as exc:
                where = Path(exc.filename) if exc.filename else target
                unwritten.append(f"백업 {entry.path.name}에서 {_reason(where, exc)}")
                continue
            except (StorageError, zipfile.BadZipFile) as exc:  # this copy is damaged
                unread.append(_reason(entry.path, exc))
                continue
        return entry.path
    if unwritten:
        return "온전한 사본을 찾았지만 되살리지 못했습니다: " + "; ".join(unwritten + unread)
    if unread:
        return f"{NO_INTACT_COPY} (읽지 못한 백업: {'; '.join(unread)})"
    return NO_INTACT_COPY


def _reason(path: Path, exc: BaseException) -> str:
    """Which file failed and why, in the words of whoever said it (the system's for an
    ``OSError``), on one line."""
    if isinstance(exc, OSError):
        return f"{path} ({exc.strerror or exc.__class__.__name__})"
    text = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    line = text.splitlines()[0]
    return line if path.name in line else f"{path} ({line})"


def _audit(cc: CheckContext, action: str, entity: str, summary: str, uid: str | None) -> None:
    """Record a repair (done already) in the audit log; a database too damaged to write to is
    reported as a problem of its own and logged, the repair stays done."""
    warning = record_done(cc.ctx, action, entity, summary[:300], uid, what=f"복구: {summary}")
    if warning:
        cc.unaudited.append(warning)
