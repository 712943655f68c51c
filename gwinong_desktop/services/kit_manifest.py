"""A field kit as it comes back: its manifest, read and checked before anything is merged.

The kit format (shared with the export, ``services.field_kit``): a normal data folder holding
the subset (``gwinong.sqlite3`` and ``photos/`` …) plus ``kit/manifest.json`` and
``kit/base.sqlite3``, the byte copy of the kit's database as exported — the base of the
three-way merge. Every refusal here is a :class:`KitRefused` with the reason in Korean; nothing
is written anywhere (the kit included) before the checks pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.storage.backup_format import sha256_file
from gwinong_desktop.storage.datafolder import DB_FILENAME

FORMAT = 1
MANIFEST = "kit/manifest.json"
BASE = "kit/base.sqlite3"
FIELD_COPY_KEY = "field_copy"  # the kit database's setting: {kit_uid, county, exported_at}


class KitRefused(Refusal):
    """A kit that is not merged: ``message`` says why, in Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


@dataclass(frozen=True)
class KitManifest:
    kit_uid: str
    county: str | None
    source_folder_id: str | None
    schema_revision: str
    exported_at: datetime
    exported_by: str | None
    houses: tuple[str, ...]
    base_sha256: str
    photos: dict[str, str]  # sha256 → path relative to the kit folder

    def exported_label(self) -> str:
        local = self.exported_at.astimezone()
        return f"{local.year}.{local.month}.{local.day}."


def read_manifest(kit_dir: Path) -> KitManifest:
    """The manifest of ``kit_dir``, refused when missing, unreadable or of another format."""
    kit_dir = Path(kit_dir)
    if not kit_dir.is_dir():
        raise KitRefused(f"현장 자료 폴더가 없습니다: {kit_dir}")
    path = kit_dir / MANIFEST
    if not path.is_file():
        raise KitRefused(
            f"현장 자료가 아닙니다: {kit_dir}\n{MANIFEST} 파일이 없습니다 "
            "(현장 자료 내보내기로 만든 폴더를 통째로 골라 주세요)."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KitRefused(
            f"{MANIFEST}을(를) 읽을 수 없습니다 (잘렸거나 바뀌었습니다): {exc}"
        ) from exc
    if not isinstance(data, dict):
        raise KitRefused(f"{MANIFEST}의 내용이 현장 자료의 것이 아닙니다")
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > FORMAT:
        raise KitRefused(
            f"더 새 버전의 프로그램에서 만든 현장 자료입니다 (형식 {fmt}). "
            "이 PC의 프로그램을 새 버전으로 바꾼 뒤 가져와 주세요."
        )
    if fmt != FORMAT:
        raise KitRefused(f"{MANIFEST}의 형식({fmt!r})을 알 수 없습니다")
    try:
        return _manifest_of(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise KitRefused(f"{MANIFEST}에 빠지거나 잘못된 항목이 있습니다: {exc}") from exc


def _manifest_of(data: dict[str, Any]) -> KitManifest:
    exported_at = datetime.fromisoformat(str(data["exported_at"]))
    if exported_at.tzinfo is None:
        raise ValueError("exported_at without a time zone")
    photos = data.get("photos") or {}
    if not isinstance(photos, dict):
        raise TypeError("photos")
    houses = data.get("houses") or []
    if not isinstance(houses, list):
        raise TypeError("houses")
    return KitManifest(
        kit_uid=str(data["kit_uid"]),
        county=data.get("county"),
        source_folder_id=data.get("source_folder_id"),
        schema_revision=str(data["schema_revision"]),
        exported_at=exported_at,
        exported_by=data.get("exported_by"),
        houses=tuple(str(h) for h in houses),
        base_sha256=str(data["base_sha256"]),
        photos={str(k): str(v) for k, v in photos.items()},
    )


def inside(kit_dir: Path, relative: str) -> Path:
    """``relative`` (POSIX, from a manifest or a row) under ``kit_dir``; refused if it leaves it."""
    rel = PurePosixPath(relative)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise KitRefused(f"현장 자료에 폴더 밖을 가리키는 파일 이름이 있습니다: {relative}")
    return kit_dir.joinpath(*rel.parts)


def check_files(kit_dir: Path, manifest: KitManifest) -> None:
    """The base matches its hash, the laptop's database is there, every listed photo matches."""
    base = kit_dir / BASE
    if not base.is_file():
        raise KitRefused(f"현장 자료가 반만 복사되었습니다: {BASE}이(가) 없습니다")
    if sha256_file(base) != manifest.base_sha256:
        raise KitRefused(
            f"현장 자료가 내보낸 뒤 다른 프로그램으로 바뀌었습니다: {BASE}의 해시가 "
            "manifest와 다릅니다. 가져오지 않았습니다."
        )
    if not (kit_dir / DB_FILENAME).is_file():
        raise KitRefused(f"현장 자료가 반만 복사되었습니다: {DB_FILENAME}이(가) 없습니다")
    for sha, relative in manifest.photos.items():
        check_file(kit_dir, relative, sha)


def check_file(kit_dir: Path, relative: str, sha256: str) -> Path:
    """The file ``relative`` of the kit, refused when missing or not matching ``sha256``."""
    path = inside(kit_dir, relative)
    if not path.is_file():
        raise KitRefused(f"현장 자료가 반만 복사되었습니다: 사진·첨부 파일이 없습니다 ({relative})")
    if sha256_file(path) != sha256:
        raise KitRefused(
            f"현장 자료의 파일이 해시와 맞지 않습니다 (바뀌었거나 잘렸습니다): {relative}"
        )
    return path
