"""Encrypted fields (resident registration numbers) and the key kept outside the data folder.

Each data folder has a random id (the ``setting`` row ``folder.id``) and a random 256-bit key in
the user's configuration folder, ``keys/<folder id>.key`` — never inside the data folder, so a
copied data folder or a backup file taken elsewhere does not reveal what is encrypted. On Windows
the key file is protected with DPAPI (bound to the Windows user); elsewhere it is a file only the
user may read (mode 0600). Values are AES-256-GCM with a random nonce, bound to the folder id.

``GWINONG_KEY_DIR`` names another key folder (tests, or an office that keeps keys elsewhere).
``cryptography`` is imported only when a value is encrypted or decrypted.
"""

from __future__ import annotations

import contextlib
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, insert, select, update

from .models import Setting

FOLDER_ID_KEY = "folder.id"
KEY_DIR_ENV = "GWINONG_KEY_DIR"
APP_NAME = "gwinong-desktop"
_MAGIC = b"GWK1"
_PLAIN, _DPAPI = b"P", b"D"
_VERSION = b"\x01"
_NONCE = 12


class KeyMissing(Exception):
    """This PC has no key for the data folder (a copied folder, another Windows user)."""


class KeyMismatch(Exception):
    """A value does not open with this PC's key (a different key with the same folder id)."""


def key_dir() -> Path:
    """Where folder keys live: the user's (roaming) configuration folder, ``keys/``."""
    if os.environ.get(KEY_DIR_ENV):
        return Path(os.environ[KEY_DIR_ENV])
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False, roaming=True)) / "keys"


def key_path(data_root: Path, folder_id: str) -> Path:
    """The key file of a folder; never inside ``data_root`` (where the default data folder and
    the configuration folder coincide, as on macOS, a folder beside the home folder is used)."""
    folder = key_dir()
    root = Path(data_root).resolve()
    resolved = folder.resolve()
    if resolved == root or root in resolved.parents:
        folder = Path.home() / ".gwinong-desktop-keys"
    return folder / f"{folder_id}.key"


def folder_id(conn: Connection) -> str | None:
    """The id of the data folder's current key (``setting`` ``folder.id``), if it has one."""
    return conn.execute(select(Setting.value).where(Setting.key == FOLDER_ID_KEY)).scalar()


def new_folder_id(conn: Connection) -> str:
    """A new key id for the folder: the first one, or — on a PC that lacks the key of the values
    already encrypted — a second one, so that new values can be opened here while the old ones
    still name the key that opens them (on the PC that has it)."""
    new = str(uuid.uuid4())
    table = Setting.__table__
    if folder_id(conn) is None:
        conn.execute(insert(table).values(key=FOLDER_ID_KEY, value=new))
    else:
        conn.execute(update(table).where(table.c.key == FOLDER_ID_KEY).values(value=new))
    return new


def kit_key_path(data_root: Path, folder_id: str) -> Path:
    """A field kit's own key, carried inside the kit (``kit/<id>.key``): the laptop has no other
    way to get it. The office keeps the same key in its key folder (see ``services.field_kit``)."""
    return Path(data_root) / "kit" / f"{folder_id}.key"


def write_carried_key(data_root: Path, folder_id: str, key: bytes) -> Path:
    """Put a kit's key into the kit (``kit_key_path``), unprotected: the laptop is another PC
    and another Windows user, so DPAPI cannot carry it."""
    path = kit_key_path(data_root, folder_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(_MAGIC + _PLAIN + key)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def find_key(data_root: Path, folder_id: str, *, create: bool = False) -> bytes:
    """The key ``folder_id`` from this PC's key folder, else from a field kit's ``kit/`` folder
    (``KeyMissing`` when neither has it and ``create`` is false)."""
    path = key_path(data_root, folder_id)
    if not path.exists():
        carried = kit_key_path(data_root, folder_id)
        if carried.exists():
            return _read_key(carried)
    return load_key(path, create=create)


# --- the key file ------------------------------------------------------------------------------

Protector = Callable[[bytes], bytes]


def _protectors() -> tuple[bytes, Protector, Protector]:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _DPAPI, _dpapi_protect, _dpapi_unprotect
    return _PLAIN, lambda b: b, lambda b: b


def load_key(path: Path, *, create: bool) -> bytes:
    """The key in ``path``, made (32 random bytes) when ``create`` and there is none yet."""
    if path.exists():
        return _read_key(path)
    if not create:
        raise KeyMissing(str(path))
    kind, protect, _ = _protectors()
    key = os.urandom(32)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + kind + protect(key))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # never replaces a key another program made meanwhile
        except FileExistsError:
            return _read_key(path)
        except OSError:  # a file system without hard links
            if path.exists():
                return _read_key(path)
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return key


def _read_key(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 1:
        raise KeyMismatch(f"not a key file: {path}")
    kind = data[len(_MAGIC) : len(_MAGIC) + 1]
    body = data[len(_MAGIC) + 1 :]
    if kind == _PLAIN:
        key = body
    elif kind == _DPAPI:
        if sys.platform != "win32":
            raise KeyMissing(str(path))
        try:
            key = _dpapi_unprotect(body)
        except OSError as exc:  # another Windows user's key
            raise KeyMissing(str(path)) from exc
    else:
        raise KeyMismatch(f"unknown key kind in {path}")
    if len(key) != 32:
        raise KeyMismatch(f"damaged key file: {path}")
    return key


# --- values ------------------------------------------------------------------------------------


def _aad(fid: str) -> bytes:
    return b"gwinong-field:" + fid.encode("ascii")


def encrypt_text(key: bytes, fid: str, text: str) -> bytes:
    """``text`` encrypted with ``key``; the value names its key (``fid``) so that values made
    with another PC's key stay apart from this PC's (see ``blob_key_id``)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(_NONCE)
    sealed = AESGCM(key).encrypt(nonce, text.encode("utf-8"), _aad(fid))
    return _VERSION + uuid.UUID(fid).bytes + nonce + sealed


def blob_key_id(blob: bytes) -> str:
    """The id of the key a value was encrypted with."""
    if not blob or blob[:1] != _VERSION or len(blob) < 1 + 16 + _NONCE + 16:
        raise KeyMismatch("not an encrypted value of this program")
    return str(uuid.UUID(bytes=bytes(blob[1:17])))


def decrypt_text(key: bytes, blob: bytes) -> str:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    fid = blob_key_id(blob)
    nonce, body = blob[17 : 17 + _NONCE], blob[17 + _NONCE :]
    try:
        return AESGCM(key).decrypt(nonce, body, _aad(fid)).decode("utf-8")
    except InvalidTag as exc:
        raise KeyMismatch("the value does not open with this PC's key") from exc


# --- DPAPI (Windows) -----------------------------------------------------------------------------

_ENTROPY = b"gwinong-desktop folder key"


def _dpapi_protect(data: bytes) -> bytes:  # pragma: no cover - Windows only
    return _dpapi(data, protect=True)


def _dpapi_unprotect(data: bytes) -> bytes:  # pragma: no cover - Windows only
    return _dpapi(data, protect=False)


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def blob(raw: bytes) -> tuple[Blob, ctypes.Array]:
        buf = ctypes.create_string_buffer(raw, len(raw))
        return Blob(len(raw), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char))), buf

    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    fn.argtypes = [
        ctypes.POINTER(Blob),
        ctypes.c_void_p,  # description (in: LPCWSTR; out: LPWSTR*) — not used
        ctypes.POINTER(Blob),
        ctypes.c_void_p,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.POINTER(Blob),
    ]
    fn.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    kernel32.LocalFree.restype = ctypes.c_void_p
    source, _keep_source = blob(data)
    entropy, _keep_entropy = blob(_ENTROPY)
    out = Blob()
    ui_forbidden = 0x1
    ok = fn(
        ctypes.byref(source), None, ctypes.byref(entropy), None, None, ui_forbidden,
        ctypes.byref(out),
    )  # fmt: skip
    if not ok:
        raise OSError(ctypes.get_last_error(), "DPAPI")
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(ctypes.cast(out.pbData, ctypes.c_void_p))
