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
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
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


class FileBatch:
    """Many files copied into the content store at once (a field kit's photos coming back).

    ``add`` starts copying a file in a worker thread: read once, hashed while copied, written
    under a temporary name in the store and made durable there (each file synced by its worker,
    so the syncs overlap the copying and whatever the caller does meanwhile, and wait only for
    these files, not for every file of the machine as ``os.sync`` would). ``result`` waits for
    one file and says what it holds; ``place`` renames the wanted ones into place and syncs their
    folders. Leaving the batch (``with``) stops the workers and removes every temporary file not
    placed, so a refusal or a cancel leaves nothing half-written under a final name.
    """

    def __init__(self, root: Path, workers: int = 4) -> None:
        self.root = Path(root)
        self._stores = {kind: ContentStore(root, kind) for kind in KINDS}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="file-batch")
        self._stop = threading.Event()
        self._jobs: dict[tuple[str, Path], Future[tuple[Path, str, int, str]]] = {}
        self._placed: set[Path] = set()

    def __enter__(self) -> FileBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, kind: str, path: Path) -> None:
        """Start copying ``path`` into the ``kind`` store (once per path)."""
        key = (kind, Path(path))
        if key not in self._jobs:
            self._jobs[key] = self._pool.submit(self._copy, self._stores[kind], Path(path))

    def _copy(self, store: ContentStore, path: Path) -> tuple[Path, str, int, str]:
        if self._stop.is_set():
            raise MediaError("stopped", file_name=path.name)
        with _open_source(path) as src:
            return store._write_temp(_read_chunks(src, path.name), path.name, True)

    def result(self, kind: str, path: Path) -> StoredFile:
        """What the copy of ``path`` holds (waiting for it; added if it was not):
        ``SourceFileError`` when it cannot be read, ``MediaError`` when it cannot be written."""
        self.add(kind, path)
        _temp, sha, size, name = self._jobs[(kind, Path(path))].result()
        relative = f"{kind}/{sha[:2]}/{sha}.{extension_of(name)}"
        return StoredFile(sha256=sha, relative_path=relative, size_bytes=size, original_name=name)

    def place(self, wanted: Iterable[tuple[str, Path]]) -> list[StoredFile]:
        """Rename the copies of ``wanted`` (kind, source) into place (a file the store already
        holds is kept, its copy dropped), then make the renames durable. The workers rename and
        sync the folders at once: a journalling file system commits them together instead of
        once per folder in turn."""
        wanted = [(kind, Path(path)) for kind, path in wanted]
        todo = {}
        for kind, path in wanted:
            job = self._jobs[(kind, path)].result()
            if job[0] not in self._placed:
                todo[job[0]] = (kind, job)

        def move(item: tuple[str, tuple[Path, str, int, str]]) -> Path:
            kind, (temp, sha, size, name) = item
            placed = self._stores[kind]._place(temp, sha, size, name, durable=False)
            return self._stores[kind].path_of(placed.relative_path).parent

        folders = set(self._pool.map(move, todo.values()))
        self._placed.update(todo)
        list(self._pool.map(fsync_dir, sorted(folders | {f.parent for f in folders})))
        return [self.result(kind, path) for kind, path in wanted]

    def close(self) -> None:
        """Stop the workers and remove every temporary file not placed."""
        self._stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
        for job in self._jobs.values():
            if job.cancelled() or job.exception() is not None:
                continue
            temp = job.result()[0]
            if temp not in self._placed:
                temp.unlink(missing_ok=True)
