"""Making a backup: snapshot, zip with a manifest, fsync, verify, and only then the final name.

The database is copied with SQLite's backup API from a separate connection (a consistent snapshot
while the app runs); the photos and attachments its rows name are added as they are (stored, not
compressed: they are compressed already). The zip is written in a temporary folder beside the
destination, verified completely and renamed into place, so a file under a backup name is always
whole and verified, and a killed backup leaves only a temporary folder (cleaned up later).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.domain.progress import TaskState, ensure

from .backup_format import (
    _CHUNK,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    SUFFIX,
    WORK_PREFIX,
    BackupError,
    Manifest,
    backup_name,
    check_space,
    fsync_dir,
    read_manifest,
    safe_member,
    sha256_file,
    source_id,
    verify_backup,
)
from .datafolder import DB_FILENAME, ExitCode, StorageError
from .server import ServerUrl, remembered_url
from .snapshot import copy_database

FROM_FOLDER = object()
"""``create_backup(server=…)`` not given: read from the folder's ``server.json``."""
_STORED_EXT = frozenset(
    ("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "zip", "gz", "mp4", "mov", "hwpx")
)  # fmt: skip


@dataclass
class BackupResult:
    path: Path
    manifest: Manifest
    seconds: float = 0.0
    copies: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False  # an automatic backup with nothing new since ``path``


def create_backup(
    root: Path,
    dest: Path,
    *,
    kind: str = "manual",
    app_version: str = "",
    state: TaskState | None = None,
    unless_same_as: Path | None = None,
    password: str | None = None,
    server: ServerUrl | object | None = FROM_FOLDER,
) -> BackupResult:
    """Back up the data folder ``root`` into ``dest`` (a folder: the name is chosen; or a file).
    ``password``: the server's, for a server folder (else libpq's ``PGPASSWORD``/``.pgpass``);
    ``server``: the folder's server (None: its SQLite file) when the caller has read it already.

    With ``unless_same_as`` (an earlier backup), nothing is written when the database snapshot is
    byte-identical to the one in that backup: the result is that file, marked ``skipped``.
    """
    started = datetime.now().astimezone()
    root, dest = Path(root), Path(dest)
    db_path = root / DB_FILENAME
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    if server is FROM_FOLDER:
        server = remembered_url(root)
    if server is None and not db_path.is_file():
        raise BackupError(f"백업할 데이터베이스가 없습니다: {db_path}", ExitCode.ERROR)
    final = _free_name(dest, kind, started) if dest.is_dir() else dest
    if not final.parent.is_dir():
        raise BackupError(f"백업을 저장할 폴더가 없습니다: {final.parent}", ExitCode.USAGE)
    state = ensure(state)
    try:
        work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=final.parent))
    except OSError as exc:
        raise _write_error(final.parent, exc) from exc
    try:
        state.report(0, 0, "데이터베이스 스냅숏")
        if server is not None:  # the server's records into a SQLite file: a portable backup
            from .transfer import snapshot_server

            snap = snapshot_server(server, work / DB_FILENAME, password)
        else:
            snap = copy_database(db_path, work / DB_FILENAME)
        if unless_same_as is not None and _db_sha_of(unless_same_as) == sha256_file(snap):
            return BackupResult(unless_same_as, read_manifest(unless_same_as), skipped=True)
        meta, refs = _read_snapshot(snap)
        check_space(final.parent, snap.stat().st_size + _sizes(root, refs))
        zip_path = work / "backup.zip"
        manifest = _write_zip(zip_path, root, snap, refs, meta, kind, started, app_version, state)
        try:
            verify_backup(zip_path, state=state, db_to=work / "verify.sqlite3")
        except BackupError as exc:
            raise BackupError(
                f"백업 파일을 쓴 뒤 검사했더니 맞지 않아 지웠습니다: {final.name}\n{exc.message}",
                ExitCode.ERROR,
            ) from exc
        os.replace(zip_path, final)
        fsync_dir(final.parent)
    except OSError as exc:
        raise _write_error(final.parent, exc) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = (datetime.now().astimezone() - started).total_seconds()
    return BackupResult(final, manifest, seconds)


def _free_name(folder: Path, kind: str, when: datetime) -> Path:
    n = 1
    while (folder / backup_name(kind, when, n)).exists():
        n += 1
    return folder / backup_name(kind, when, n)


def _db_sha_of(backup: Path) -> str | None:
    try:
        return read_manifest(backup).data["members"][DB_FILENAME]["sha256"]
    except (StorageError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class FileRef:
    """A file a row names: ``table`` (photo/attachment), the row's uid, its house's 관리번호."""

    table: str
    uid: str
    house_code: str | None
    path: str
    sha256: str
    size: int | None


def _read_snapshot(snap: Path) -> tuple[dict[str, Any], list[FileRef]]:
    conn = sqlite3.connect(f"file:{snap.as_posix()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        counts.pop("alembic_version", None)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (COUNTY.key,)).fetchone()
        refs = [FileRef(*r) for r in conn.execute(FILE_REFS_SQL)]
    finally:
        conn.close()
    county = COUNTY.parse(row[0] if row else None) or None
    return {"schema_revision": revision, "county": county, "counts": counts}, refs


FILE_REFS_SQL = """
SELECT 'photo', p.uid, h.code, p.stored_path, p.sha256, p.size_bytes
  FROM photo p LEFT JOIN house h ON h.id = p.house_id
UNION ALL
SELECT 'attachment', a.uid, h.code, a.stored_path, a.sha256, a.size_bytes
  FROM attachment a LEFT JOIN house h ON h.id = a.house_id
"""


def _sizes(root: Path, refs: list[FileRef]) -> int:
    total = 0
    for path in {r.path for r in refs if safe_member(r.path)}:
        with contextlib.suppress(OSError):
            total += (root / path).stat().st_size
    return total


def _write_zip(
    zip_path: Path,
    root: Path,
    snap: Path,
    refs: list[FileRef],
    meta: dict[str, Any],
    kind: str,
    started: datetime,
    app_version: str,
    state: TaskState,
) -> Manifest:
    members: dict[str, dict[str, Any]] = {}
    missing: list[dict[str, Any]] = []
    damaged: list[dict[str, Any]] = []
    by_path: dict[str, list[FileRef]] = {}
    for ref in refs:
        by_path.setdefault(ref.path, []).append(ref)
    total = len(by_path) + 1
    stamp = started.timetuple()[:6]
    # level 1: a quarter of the default level's time for a few percent more bytes
    with zipfile.ZipFile(zip_path, "w", allowZip64=True, compresslevel=1) as zf:
        zf.write(snap, DB_FILENAME, zipfile.ZIP_DEFLATED)
        members[DB_FILENAME] = {"sha256": sha256_file(snap), "size": snap.stat().st_size}
        for done, (path, owners) in enumerate(sorted(by_path.items()), start=1):
            state.report(done, total, "사진·첨부 파일 담기")
            source = root / path
            if not safe_member(path) or not source.is_file():
                reason = "bad_path" if not safe_member(path) else "missing"
                missing += [_ref_dict(r, reason=reason) for r in owners]
                continue
            ext = PurePosixPath(path).suffix.lower().lstrip(".")
            method = zipfile.ZIP_STORED if ext in _STORED_EXT else zipfile.ZIP_DEFLATED
            try:
                entry = _add(zf, path, source, method, stamp)
            except _Unreadable:
                missing += [_ref_dict(r, reason="unreadable") for r in owners]
                continue
            members[path] = entry
            damaged += [
                _ref_dict(r, actual_sha256=entry["sha256"])
                for r in owners
                if r.sha256.lower() != entry["sha256"]
            ]
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": app_version,
            "kind": kind,
            "created_at": started.isoformat(timespec="seconds"),
            "source": source_id(root),
            **meta,
            "members": members,
            "missing": missing,
            "damaged": damaged,
        }
        text = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        zf.writestr(zipfile.ZipInfo(MANIFEST, stamp), text, zipfile.ZIP_DEFLATED)
    with open(zip_path, "rb") as fh:
        os.fsync(fh.fileno())
    return Manifest(data)


class _Unreadable(Exception):
    """A stored file that cannot be opened (permissions, a vanished share): listed, not fatal."""


def _add(zf: zipfile.ZipFile, name: str, source: Path, method: int, stamp: Any) -> dict[str, Any]:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    try:
        src = open(source, "rb")  # noqa: SIM115 - opened before the member is started
        info.file_size = size = os.fstat(src.fileno()).st_size
    except OSError as exc:
        raise _Unreadable(str(exc)) from exc
    digest = hashlib.sha256()
    written = 0
    with src, zf.open(info, "w", force_zip64=size > (1 << 30)) as out:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            written += len(chunk)
    return {"sha256": digest.hexdigest(), "size": written}


def _ref_dict(ref: FileRef, **extra: Any) -> dict[str, Any]:
    out = {"table": ref.table, "uid": ref.uid, "house_code": ref.house_code, "path": ref.path}
    return out | {"sha256": ref.sha256} | extra


def copy_backup(file: Path, folder: Path) -> Path:
    """Copy a verified backup into ``folder`` (temp name, fsync, compare hashes, rename)."""
    final = Path(folder) / Path(file).name
    tmp = final.with_name(f"{WORK_PREFIX}{os.getpid()}{SUFFIX}")
    for old in Path(folder).glob(f"{WORK_PREFIX}*{SUFFIX}"):  # left by a pulled stick or a kill
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < time.time() - 86400:
                old.unlink()
    try:
        with open(file, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, _CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
        if sha256_file(tmp) != sha256_file(file):
            raise BackupError(f"복사한 백업 파일이 원본과 다릅니다: {final}", ExitCode.ERROR)
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(final.parent)
    return final


def _write_error(folder: Path, exc: OSError) -> BackupError:
    reason = (
        "디스크 공간이 부족합니다"
        if exc.errno == errno.ENOSPC
        else (exc.strerror or type(exc).__name__)
    )
    return BackupError(
        f"백업 파일을 쓰지 못했습니다: {folder}\n({reason})", ExitCode.FOLDER_UNUSABLE
    )
