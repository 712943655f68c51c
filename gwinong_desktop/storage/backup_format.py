"""The backup file format: names, the manifest, verification, and SQLite's own checks.

A backup is a zip named ``gwinong-backup-YYYYMMDD-HHMMSS[-kind].gwbak`` holding ``manifest.json``
(format, versions, county, record counts, the SHA-256 and size of every member, the files a row
names but that were missing or damaged), ``gwinong.sqlite3`` and the photos and attachments under
their stored paths. :func:`verify_backup` refuses anything else with a Korean message before a
single byte of a data folder is touched. The hashes find damage and careless edits; they are not a
signature against someone who rewrites the manifest on purpose.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.progress import TaskState, ensure

from .datafolder import DB_FILENAME, ExitCode, StorageError
from .schema import KNOWN_REVISIONS, SchemaState, inspect_schema

FORMAT = "gwinong-backup"
FORMAT_VERSION = 1
SUFFIX = ".gwbak"
MANIFEST = "manifest.json"
KINDS = ("manual", "exit", "daily", "before-restore", "before-upgrade")
AUTOMATIC_KINDS = ("exit", "daily")
FILE_KINDS = ("photos", "attachments")
WORK_PREFIX = ".gwinong-backup-tmp-"  # a backup being written (in the destination folder)
STAGING_PREFIX = ".restore-staging-"  # a restore being prepared (in the data folder)
NAME_RE = re.compile(r"gwinong-backup-(\d{8})-(\d{6})(?:-([a-z]+(?:-[a-z]+)*))?(?:-(\d+))?\.gwbak")
_CHUNK = 1 << 20
_MAX_MANIFEST = 64 << 20


class BackupError(StorageError):
    """A backup that cannot be made, or a backup file refused; ``message`` is Korean."""

    def __init__(self, message: str, exit_code: int = ExitCode.BAD_INPUT) -> None:
        super().__init__(message, exit_code)


@dataclass(frozen=True, repr=False)
class Manifest:
    """What ``manifest.json`` says (``data`` is the whole JSON object)."""

    data: dict[str, Any]

    def __repr__(self) -> str:
        return f"Manifest({self.kind}, {self.data.get('created_at')}, {len(self.files)} files)"

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.data["created_at"])

    @property
    def kind(self) -> str:
        return str(self.data.get("kind") or "manual")

    @property
    def county(self) -> str | None:
        return self.data.get("county")

    @property
    def app_version(self) -> str:
        return str(self.data.get("app_version") or "")

    @property
    def schema_revision(self) -> str:
        return str(self.data["schema_revision"])

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.data.get("counts") or {})

    @property
    def missing(self) -> list[dict[str, Any]]:
        return list(self.data.get("missing") or [])

    @property
    def damaged(self) -> list[dict[str, Any]]:
        return list(self.data.get("damaged") or [])

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.data["members"].items() if k != DB_FILENAME}


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    created: datetime  # aware, local time (from the file name)
    kind: str
    size: int


def backup_name(kind: str, when: datetime, n: int = 1) -> str:
    tail = "" if kind == "manual" else f"-{kind}"
    tail += f"-{n}" if n > 1 else ""
    return f"gwinong-backup-{when.strftime('%Y%m%d-%H%M%S')}{tail}{SUFFIX}"


def list_backups(folder: Path) -> list[BackupEntry]:
    """Our backup files in ``folder`` (by name only, nothing opened), newest first."""
    out = []
    with contextlib.suppress(OSError):
        for path in Path(folder).iterdir():
            m = NAME_RE.fullmatch(path.name)
            if not m or not path.is_file():
                continue
            try:
                created = datetime.strptime(m[1] + m[2], "%Y%m%d%H%M%S").astimezone()
                out.append(BackupEntry(path, created, m[3] or "manual", path.stat().st_size))
            except (ValueError, OSError):
                continue
    return sorted(out, key=lambda e: (e.created, _mtime(e.path), e.path.name), reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def read_manifest(file: Path) -> Manifest:
    """The manifest of a backup file, without verifying the members (see :func:`verify_backup`)."""
    try:
        with zipfile.ZipFile(file) as zf:
            return _manifest_of(zf)
    except OSError as exc:
        if exc.errno is None:  # zipfile's own complaint about the bytes
            raise _not_whole(file) from exc
        raise _unreadable(file, exc) from exc
    except (zipfile.BadZipFile, EOFError) as exc:
        raise _not_whole(file) from exc


def _unreadable(file: Path, exc: OSError) -> BackupError:
    """The system would not let us read ``file`` (missing, no permission, a USB stick's I/O
    error): that, and not "no backup", is what the officer must read."""
    return BackupError(
        f"백업 파일을 읽을 수 없습니다: {file} ({exc.strerror or exc})\n"
        "다른 백업 파일을 골라 주세요. 현재 데이터는 그대로 두었습니다."
    )


def source_id(root: Path) -> dict[str, str]:
    """Which data folder a backup came from (a second folder may hold backups of several)."""
    return {"folder": str(Path(root).resolve()), "host": socket.gethostname()}


def safe_member(name: str) -> bool:
    """Whether ``name`` is a stored-file path we write (``photos/…`` or ``attachments/…``):
    relative, forward slashes, no empty, ``.`` or ``..`` part (plain string work: it runs for
    every file of every backup)."""
    if "\\" in name or ":" in name or name.startswith("/"):
        return False
    parts = name.split("/")
    return (
        len(parts) >= 2 and parts[0] in FILE_KINDS and not any(p in ("", ".", "..") for p in parts)
    )


def check_space(folder: Path, need: int, what: str = "백업") -> None:
    """Refuse before writing when ``folder``'s disk has not room for ``need`` bytes (and some)."""
    free = shutil.disk_usage(folder).free
    if free < need * 1.05 + (32 << 20):
        raise BackupError(
            f"디스크 공간이 부족해 {what}하지 못했습니다: {folder}\n"
            f"(필요 약 {need / 1e6:,.0f} MB, 남은 공간 {free / 1e6:,.0f} MB)",
            ExitCode.FOLDER_UNUSABLE,
        )


def verify_backup(
    file: Path, *, state: TaskState | None = None, db_to: Path | None = None
) -> Manifest:
    """Check a backup file completely, or refuse it with a Korean message (:class:`BackupError`).

    Every member must be listed in the manifest with its size and SHA-256 and nothing else may be
    in the zip; the database must pass ``integrity_check`` and be of a schema this version knows.
    ``db_to`` keeps the checked database there (restore uses it); otherwise it is thrown away.
    """
    file = Path(file)
    state = ensure(state)
    if not file.is_file():
        raise BackupError(f"백업 파일이 없습니다: {file}", ExitCode.USAGE)
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _not_whole(file) from exc
    with zf, tempfile.TemporaryDirectory(prefix=WORK_PREFIX) as tmp:
        manifest = _manifest_of(zf)
        members = manifest.data["members"]
        names = [n for n in zf.namelist() if n != MANIFEST]
        if len(set(names)) != len(names) or set(names) != set(members):
            raise _tampered(file, "목록과 실제 내용이 다릅니다")
        if DB_FILENAME not in members or not all(safe_member(n) for n in names if n != DB_FILENAME):
            raise _tampered(file, "들어 있으면 안 되는 항목이 있습니다")
        db_copy = Path(db_to) if db_to is not None else Path(tmp) / DB_FILENAME
        for done, name in enumerate([DB_FILENAME, *sorted(members.keys() - {DB_FILENAME})], 1):
            state.report(done, len(members), "백업 파일 검사")
            target = db_copy if name == DB_FILENAME else None
            try:
                sha = member_sha(zf, name, members[name], target)
            except OSError as exc:
                raise BackupError(
                    f"백업 파일을 읽는 중 오류가 났습니다: {file}\n({exc.strerror or exc})",
                    ExitCode.ERROR,
                ) from exc
            if sha != members[name].get("sha256"):
                raise _tampered(file, f"'{name}'의 내용이 목록의 해시와 다릅니다")
        _check_database(file, db_copy, manifest)
    return manifest


def _manifest_of(zf: zipfile.ZipFile) -> Manifest:
    file = Path(zf.filename or "?")
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise BackupError(
            f"귀농인의 집 관리 프로그램의 백업 파일이 아닙니다: {file.name}\n"
            "(다른 프로그램이 만든 압축 파일입니다) 현재 데이터는 그대로 두었습니다."
        ) from None
    try:
        if info.file_size > _MAX_MANIFEST:
            raise ValueError("manifest too large")
        data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (ValueError, zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise _tampered(file, "백업 목록(manifest)을 읽을 수 없습니다") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(
            f"귀농인의 집 관리 프로그램의 백업 파일이 아닙니다: {file.name}\n"
            "현재 데이터는 그대로 두었습니다."
        )
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"더 새로운 버전의 프로그램으로 만든 백업입니다 (백업 형식 {version}): {file.name}\n"
            "프로그램을 최신 버전으로 업데이트한 뒤 복원해 주세요. "
            "현재 데이터는 그대로 두었습니다.",
            ExitCode.NEWER_SCHEMA,
        )
    if data.get("schema_revision") not in KNOWN_REVISIONS:
        raise BackupError(
            f"더 새로운 버전의 프로그램으로 만든 백업입니다 "
            f"(스키마 {data.get('schema_revision')}): {file.name}\n"
            "프로그램을 최신 버전으로 업데이트한 뒤 복원해 주세요. "
            "현재 데이터는 그대로 두었습니다.",
            ExitCode.NEWER_SCHEMA,
        )
    members = data.get("members")
    if not isinstance(members, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("size"), int) for v in members.values()
    ):
        raise _tampered(file, "백업 목록(manifest)의 형식이 맞지 않습니다")
    return Manifest(data)


def member_sha(
    zf: zipfile.ZipFile, name: str, entry: dict[str, Any], target: Path | None
) -> str | None:
    """The SHA-256 of a member (``None`` if it is damaged, cut off or longer than declared),
    read to at most its declared size + 1 byte; ``target`` receives a copy of the bytes.

    An ``OSError`` (the file cannot be read, the copy cannot be written) is raised as it is."""
    digest = hashlib.sha256()
    size = 0
    with contextlib.ExitStack() as stack:
        try:
            src = stack.enter_context(zf.open(name))
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, KeyError):
            return None  # a broken header, an unknown compression, encryption
        out = stack.enter_context(open(target, "wb")) if target is not None else None
        while True:
            try:
                chunk = src.read(min(_CHUNK, entry["size"] - size + 1))
            except (zipfile.BadZipFile, EOFError, zlib.error, ValueError):
                return None  # a CRC mismatch, a cut-off member
            if not chunk:
                break
            size += len(chunk)
            if size > entry["size"]:
                return None
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
    return digest.hexdigest() if size == entry["size"] else None


def extract_member(zf: zipfile.ZipFile, name: str, entry: dict[str, Any], target: Path) -> None:
    """Write a member under ``target`` atomically, checking its hash before the rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if member_sha(zf, name, entry, tmp) != entry["sha256"]:
            raise BackupError(f"백업 안의 파일이 손상되었습니다: {name}")
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(target.parent)


def _check_database(file: Path, db_copy: Path, manifest: Manifest) -> None:
    problems = sqlite_problems(db_copy, quick=False)
    if problems:
        raise _tampered(file, f"데이터베이스가 손상되었습니다 ({problems[0]})")
    try:
        info = inspect_schema(db_copy)
    except StorageError as exc:
        raise _tampered(file, "데이터베이스를 읽을 수 없습니다") from exc
    if info.state is SchemaState.NEWER or info.revision != manifest.data["schema_revision"]:
        raise _tampered(file, "데이터베이스의 스키마가 목록과 다릅니다")


def _not_whole(file: Path) -> BackupError:
    return BackupError(
        f"백업 파일이 아니거나, 끝까지 저장되지 않았거나, 손상된 파일입니다: {Path(file).name}\n"
        "다른 백업 파일을 골라 주세요. 현재 데이터는 그대로 두었습니다."
    )


def _tampered(file: Path, detail: str) -> BackupError:
    return BackupError(
        f"백업 파일이 손상되었거나 누군가 내용을 바꾸었습니다: {Path(file).name}\n({detail})\n"
        "이 파일로는 복원하지 않습니다. 현재 데이터는 그대로 두었습니다."
    )


def connect_for_reading(db_path: Path) -> sqlite3.Connection:
    """A connection that changes nothing — read-only, unless a killed transaction left a hot
    rollback journal, which only a writable connection can roll back (a read-only one fails with
    "attempt to write a readonly database"). A journal of a transaction still running is not hot:
    SQLite leaves it alone."""
    journal = Path(str(db_path) + "-journal")
    hot = journal.is_file() and journal.stat().st_size > 0
    return sqlite3.connect(f"file:{db_path.as_posix()}?mode={'rw' if hot else 'ro'}", uri=True)


def sqlite_problems(db_path: Path, *, quick: bool = False) -> list[str]:
    """What ``PRAGMA integrity_check`` (or ``quick_check``) finds; empty when the file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = connect_for_reading(Path(db_path))
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


@dataclass(frozen=True)
class Orphan:
    """A row whose foreign key points nowhere (``PRAGMA foreign_key_check``)."""

    table: str
    rowid: int
    uid: str | None
    parent: str


def foreign_key_orphans(db_path: Path) -> list[Orphan]:
    conn = connect_for_reading(Path(db_path))
    try:
        out = []
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
            quoted = '"' + table.replace('"', '""') + '"'
            try:
                row = conn.execute(f"SELECT uid FROM {quoted} WHERE rowid=?", (rowid,)).fetchone()
            except sqlite3.OperationalError:  # a table without a uid column
                row = None
            out.append(Orphan(table, rowid, row[0] if row else None, parent))
        return out
    finally:
        conn.close()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
