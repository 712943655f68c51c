"""The data folder: where it is, whether it is usable, and the one-instance lock.

Layout (ARCHITECTURE.md): ``gwinong.sqlite3``, ``photos/``, ``attachments/``, ``backups/``,
``reports/``. Every refusal raises :class:`StorageError` with a Korean message and an exit code;
nothing here writes into a folder before it has been found usable.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from gwinong_desktop.domain.errors import ExitCode, Refusal

__all__ = ["ExitCode", "StorageError"]  # ExitCode re-exported for storage callers

DB_FILENAME = "gwinong.sqlite3"
LOCK_FILENAME = ".gwinong.lock"
LOCK_INFO_FILENAME = ".gwinong.lock.json"
SUBFOLDERS = ("photos", "attachments", "backups", "reports")
SQLITE_HEADER = b"SQLite format 3\x00"


class StorageError(Refusal):
    """A data folder or database that cannot be used; ``message`` is Korean, for the officer."""


@dataclass
class DataFolder:
    root: Path
    on_network: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        return self.root / DB_FILENAME

    def sub(self, name: str) -> Path:
        return self.root / name

    @property
    def backups(self) -> Path:
        return self.root / "backups"


def prepare_folder(root: Path, *, create: bool = True) -> DataFolder:
    """Check that ``root`` is a usable data folder, creating it (and its subfolders) if needed."""
    root = Path(root).expanduser()
    if root.exists() and not root.is_dir():
        raise StorageError(
            f"데이터 폴더로 지정한 경로가 폴더가 아니라 파일입니다: {root}\n"
            "다른 폴더를 지정해 주세요 (--data-dir).",
            ExitCode.FOLDER_UNUSABLE,
        )
    if not root.exists():
        if not create:
            raise StorageError(f"데이터 폴더가 없습니다: {root}", ExitCode.FOLDER_UNUSABLE)
        try:
            root.mkdir(parents=True)
        except OSError as exc:
            raise StorageError(
                f"데이터 폴더를 만들 수 없습니다: {root}\n({_os_reason(exc)})\n"
                "쓰기 권한이 있는 다른 폴더를 지정해 주세요 (--data-dir).",
                ExitCode.FOLDER_UNUSABLE,
            ) from exc
    if create:
        _check_writable(root)
        for name in SUBFOLDERS:
            try:
                (root / name).mkdir(exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"데이터 폴더 안에 '{name}' 폴더를 만들 수 없습니다: {root}\n"
                    f"({_os_reason(exc)})",
                    ExitCode.FOLDER_UNUSABLE,
                ) from exc
    folder = DataFolder(root=root.resolve())
    folder.on_network = is_network_path(folder.root)
    if folder.on_network:
        folder.warnings.append(
            f"데이터 폴더가 네트워크 드라이브에 있습니다: {folder.root}\n"
            "네트워크 폴더에서는 동시 사용과 정전에 약하므로 안전한 저널 방식으로 엽니다. "
            "가능하면 이 PC의 로컬 디스크에 두고, 백업을 네트워크 폴더로 보내 주세요."
        )
    synced = synced_folder_kind(folder.root)
    if synced:
        folder.warnings.append(
            f"데이터 폴더가 {synced} 동기화 폴더 안에 있습니다: {folder.root}\n"
            "동기화 프로그램이 사용 중인 데이터베이스를 옮기거나 덮어써 자료가 깨질 수 있고, "
            "입주자의 개인정보가 외부 서버로 복사됩니다. 동기화되지 않는 이 PC의 로컬 폴더로 "
            "옮기고, 백업 파일만 따로 보관해 주세요."
        )
    return folder


def _check_writable(root: Path) -> None:
    probe = root / f".write-test-{os.getpid()}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"ok")
        probe.unlink()
    except OSError as exc:
        raise StorageError(
            f"데이터 폴더에 쓸 수 없습니다: {root}\n({_os_reason(exc)})\n"
            "폴더의 쓰기 권한을 확인하거나 다른 폴더를 지정해 주세요 (--data-dir).",
            ExitCode.FOLDER_UNUSABLE,
        ) from exc


def _os_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


# --- network paths --------------------------------------------------------------------------

NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p",
        "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "ceph", "glusterfs", "fuse.glusterfs",
        "fuse.rclone", "lustre", "gpfs",
    }
)  # fmt: skip


def is_network_path(path: Path, mountinfo: str | None = None) -> bool:
    """Whether ``path`` lives on a network file system (where SQLite's WAL must not be used).

    Windows: UNC paths and mapped network drives. Elsewhere: the file system type of the longest
    mount point containing the path, from ``/proc/self/mountinfo`` (or the text given, for tests).
    """
    if sys.platform == "win32":
        return _is_network_path_windows(path)
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return mount_fstype(path, mountinfo) in NETWORK_FS_TYPES


# folder names that cloud sync clients create (compared without case), and what they are
SYNCED_FOLDER_NAMES: tuple[tuple[str, str], ...] = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("내 드라이브", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("iclouddrive", "iCloud Drive"),
    ("com~apple~clouddocs", "iCloud Drive"),
    ("mybox", "네이버 MYBOX"),
    ("synologydrive", "Synology Drive"),
    ("synology drive", "Synology Drive"),
)
SYNC_ENV_VARS = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


def synced_folder_kind(path: Path, env: dict[str, str] | None = None) -> str | None:
    """The cloud sync service whose folder holds ``path`` (OneDrive, Dropbox, …), or None.

    Found by the folder names the sync clients use (a part equal to or starting with the name,
    such as "OneDrive - 진안군청" or "네이버 MYBOX") and, on Windows, by OneDrive's own
    environment variables, which name its folder wherever it was moved.
    """
    env = dict(os.environ) if env is None else env
    text = str(path)
    for var in SYNC_ENV_VARS:
        root = env.get(var)
        if root and _inside(text, root):
            return "OneDrive"
    for part in Path(text).parts:
        name = part.strip().lower()
        for prefix, kind in SYNCED_FOLDER_NAMES:
            if name == prefix or name.startswith(prefix + " ") or name.startswith(prefix + "-"):
                return kind
            if prefix == "mybox" and name.endswith(" mybox"):
                return kind
    return None


def _inside(path: str, root: str) -> bool:
    a = os.path.normcase(os.path.normpath(path))
    b = os.path.normcase(os.path.normpath(root))
    return a == b or a.startswith(b.rstrip("\\/") + os.sep)


def mount_fstype(path: Path, mountinfo: str) -> str | None:
    """The file system type of the mount that holds ``path`` (mountinfo format, see proc(5))."""
    target = str(path)
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields = left.split()
        if len(fields) < 5:
            continue
        mount_point = fields[4].replace("\\040", " ")
        fstype = right.split()[0] if right.split() else ""
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fstype)
    return best[1] if best else None


def _is_network_path_windows(path: Path) -> bool:  # pragma: no cover - Windows only
    text = str(path)
    if text.startswith("\\\\"):
        return True
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


# --- one instance per data folder --------------------------------------------------------


class FolderLock:
    """An OS lock on ``.gwinong.lock``, held while the app or a writing command runs.

    The OS releases it when the process dies, so a crash never leaves the folder locked. Who holds
    it (PC name, process, what) is written beside it for the message the second instance shows.
    """

    def __init__(self, folder: DataFolder, purpose: str) -> None:
        self.folder = folder
        self.purpose = purpose
        self._fh: IO[bytes] | None = None

    def acquire(self) -> FolderLock:
        path = self.folder.root / LOCK_FILENAME
        try:
            fh = open(path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        except OSError as exc:
            raise StorageError(
                f"데이터 폴더의 잠금 파일을 열 수 없습니다: {path}\n({_os_reason(exc)})",
                ExitCode.FOLDER_UNUSABLE,
            ) from exc
        if not _try_lock(fh):
            fh.close()
            raise StorageError(self._held_message(), ExitCode.IN_USE)
        self._fh = fh
        info = {"host": socket.gethostname(), "pid": os.getpid(), "purpose": self.purpose}
        # the lock itself is what counts; the note is only for the second instance's message
        with contextlib.suppress(OSError):
            (self.folder.root / LOCK_INFO_FILENAME).write_text(
                json.dumps(info, ensure_ascii=False), encoding="utf-8"
            )
        return self

    def _held_message(self) -> str:
        who = ""
        try:
            info = json.loads((self.folder.root / LOCK_INFO_FILENAME).read_text(encoding="utf-8"))
            who = f"\n(사용 중: PC '{info.get('host')}', 프로세스 {info.get('pid')}, " + (
                f"{info.get('purpose')})"
            )
        except (OSError, ValueError):
            pass
        return (
            f"이 데이터 폴더는 다른 프로그램이 사용 중입니다: {self.folder.root}{who}\n"
            "먼저 열려 있는 귀농인의 집 관리 프로그램을 닫은 뒤 다시 시도해 주세요."
        )

    def release(self) -> None:
        if self._fh is None:
            return
        _unlock(self._fh)
        self._fh.close()
        self._fh = None
        with contextlib.suppress(OSError):
            (self.folder.root / LOCK_INFO_FILENAME).unlink()

    @property
    def held(self) -> bool:
        return self._fh is not None


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fh: IO[bytes]) -> None:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def looks_like_sqlite(path: Path) -> bool:
    """True for an SQLite file or an empty file (SQLite treats 0 bytes as a new database)."""
    with open(path, "rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    return head == SQLITE_HEADER or head == b""
