"""Content-addressed store for photos and attachments (standard library only).

Layout under the data folder ``root``: ``<kind>/<sha[0:2]>/<sha>.<ext>``, where ``sha`` is the
SHA-256 of the file's bytes and ``ext`` the lower-cased extension of the name it came with. The
bytes are kept exactly as given. Writes go to a temporary file in ``<kind>/``, are fsynced, then
renamed into place, so a crash never leaves a partial file under a final name. The same bytes with
the same extension are kept once.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ._files import fsync_dir, move_into_place, open_temp
from .errors import MediaError, SourceFileError

KINDS = ("photos", "attachments")
CHUNK_BYTES = 1024 * 1024
_EXT_RE = re.compile(r"[a-z0-9]{1,10}")
_SHA_RE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class StoredFile:
    """Where a stored file lives and what it is; ``relative_path`` is POSIX, relative to root."""

    sha256: str
    relative_path: str
    size_bytes: int
    original_name: str


def extension_of(name: str) -> str:
    """The stored extension for an original file name: lower-case, or ``"bin"`` if none/odd."""
    ext = PurePosixPath(name.replace("\\", "/")).suffix.lower().lstrip(".").strip()
    return ext if _EXT_RE.fullmatch(ext) else "bin"


def sha256_of_file(path: Path) -> str:
    """The SHA-256 (hex) of a file, read in chunks; raises ``SourceFileError`` if unreadable."""
    digest = hashlib.sha256()
    with _open_source(Path(path)) as src:
        for chunk in _read_chunks(src, Path(path).name):
            digest.update(chunk)
    return digest.hexdigest()


class ContentStore:
    """Files of one kind (``"photos"`` or ``"attachments"``) under a data folder."""

    def __init__(self, root: Path, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.root = Path(root)
        self.kind = kind
        self.folder = self.root / kind

    def put_file(self, path: Path) -> StoredFile:
        """Copy a file into the store (hashing while copying) and say where it went."""
        path = Path(path)
        with _open_source(path) as src:
            return self._store(_read_chunks(src, path.name), path.name)

    def put_bytes(self, data: bytes, original_name: str) -> StoredFile:
        """Store ``data`` as if it were a file called ``original_name``."""
        name = PurePosixPath(original_name.replace("\\", "/")).name or original_name
        view = memoryview(data)
        chunks = (view[i : i + CHUNK_BYTES] for i in range(0, len(view), CHUNK_BYTES))
        return self._store(chunks, name)

    def path_of(self, relative_path: str) -> Path:
        """The absolute path of a stored file; ``ValueError`` for a path outside this store."""
        pure = PurePosixPath(relative_path)
        parts = pure.parts
        if (
            "\\" in relative_path
            or pure.is_absolute()
            or len(parts) < 2
            or parts[0] != self.kind
            or any(p in ("..", ".", "") for p in parts)
        ):
            raise ValueError(f"not a path in the {self.kind} store: {relative_path!r}")
        return self.root.joinpath(*parts)

    def exists(self, relative_path: str) -> bool:
        """Whether the stored file is there."""
        return self.path_of(relative_path).is_file()

    def verify(self, relative_path: str, sha256: str) -> bool:
        """Whether the stored file exists and its bytes still hash to ``sha256``."""
        path = self.path_of(relative_path)
        if not path.is_file():
            return False
        return sha256_of_file(path) == sha256.lower()

    def put_files(self, paths: Iterable[Path]) -> list[StoredFile]:
        """Copy many files into the store, made durable together: every file is written to a
        temporary name first, then all are synced at once (``os.sync`` where the system has
        it, else each file), and only then renamed into place and the folders synced — so a
        crash never leaves a half-written file under a final name, and a batch pays for one
        sync instead of two per file."""
        temps: list[tuple[Path, str, int, str]] = []
        try:
            for path in paths:
                path = Path(path)
                with _open_source(path) as src:
                    temps.append(self._write_temp(_read_chunks(src, path.name), path.name, False))
            if not temps:
                return []
            _sync([t[0] for t in temps])
            stored = [self._place(*t, durable=False) for t in temps]
            _sync([self.path_of(f.relative_path).parent for f in stored])
        except BaseException:
            for temp, *_ in temps:
                temp.unlink(missing_ok=True)
            raise
        return stored

    def _store(self, chunks: Iterable[bytes | memoryview], name: str) -> StoredFile:
        temp, sha, size, name = self._write_temp(chunks, name, True)
        try:
            return self._place(temp, sha, size, name, durable=True)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def _write_temp(
        self, chunks: Iterable[bytes | memoryview], name: str, durable: bool
    ) -> tuple[Path, str, int, str]:
        """The bytes in a temporary file of the store; (its path, their sha256, size, name)."""
        digest = hashlib.sha256()
        size = 0
        try:
            handle, temp = open_temp(self.folder)
        except OSError as exc:
            raise _write_error(name, exc) from exc
        try:
            with handle:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    handle.write(chunk)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        except MediaError:
            temp.unlink(missing_ok=True)
            raise
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise _write_error(name, exc) from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return temp, digest.hexdigest(), size, name

    def _place(self, temp: Path, sha: str, size: int, name: str, *, durable: bool) -> StoredFile:
        relative = f"{self.kind}/{sha[:2]}/{sha}.{extension_of(name)}"
        final = self.path_of(relative)
        try:
            if _same_size(final, size):
                temp.unlink()
            else:  # new, or a damaged copy (wrong size) that the good bytes now replace
                move_into_place(temp, final)
                if durable:
                    fsync_dir(final.parent)
        except OSError as exc:
            raise _write_error(name, exc) from exc
        return StoredFile(sha256=sha, relative_path=relative, size_bytes=size, original_name=name)


def _sync(paths: Iterable[Path]) -> None:
    """Make the data of ``paths`` (files or folders) durable: one ``os.sync`` on POSIX, else
    each file flushed (Windows cannot open folders; its renames are durable with the file)."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in dict.fromkeys(paths):
        if path.is_file():
            with open(path, "r+b") as fh:
                os.fsync(fh.fileno())


def is_sha256(text: str) -> bool:
    """Whether ``text`` is a lower-case hex SHA-256 (64 characters)."""
    return bool(_SHA_RE.fullmatch(text))


def _same_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except FileNotFoundError:
        return False


def _open_source(path: Path) -> BinaryIO:
    name = path.name or str(path)
    if path.is_dir():
        raise SourceFileError(f"파일이 아니라 폴더입니다: {name}", file_name=name)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise SourceFileError(f"파일을 찾을 수 없습니다: {name}", file_name=name) from None
    except PermissionError:
        raise SourceFileError(f"파일을 열 권한이 없습니다: {name}", file_name=name) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SourceFileError(
            f"파일을 읽을 수 없습니다: {name} ({reason})", file_name=name
        ) from exc


def _read_chunks(src: BinaryIO, name: str) -> Iterable[bytes]:
    while True:
        try:
            chunk = src.read(CHUNK_BYTES)
        except OSError as exc:  # a USB stick pulled out, a network share gone
            msg = f"파일을 읽는 중 오류가 났습니다: {name} ({exc.strerror or type(exc).__name__})"
            raise SourceFileError(msg, file_name=name) from exc
        if not chunk:
            return
        yield chunk


def _write_error(name: str, exc: OSError) -> MediaError:
    if exc.errno == errno.ENOSPC:
        reason = "디스크 공간이 부족합니다"
    elif isinstance(exc, PermissionError):
        reason = "자료 폴더에 쓸 권한이 없습니다"
    else:
        reason = exc.strerror or type(exc).__name__
    return MediaError(f"파일을 자료 폴더에 저장하지 못했습니다: {name} ({reason})", file_name=name)
