"""Field kits for the import's tests, written the way the kit format says (until the export of
``services.field_kit`` lands, this stands in for it; the lead swaps it at merge).

A kit is a copy of the office's data folder (the database by SQLite's backup API, the files as
they are), with the ``field_copy`` setting in its database, ``kit/base.sqlite3`` (a byte copy of
the kit's database as exported) and ``kit/manifest.json``; the office records the export as a
``FieldKit`` row. The copy holds every house (the import must not care); ``houses`` is what the
manifest names.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.storage.database import Database
from gwinong_desktop.storage.datafolder import DB_FILENAME, LOCK_FILENAME, LOCK_INFO_FILENAME
from gwinong_desktop.storage.fieldcrypt import folder_id
from gwinong_desktop.storage.models import FieldKit, House, Photo, Setting
from gwinong_desktop.storage.schema import SCHEMA_HEAD
from gwinong_desktop.storage.snapshot import copy_database


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_kit(office: Database, target: Path, house_codes: list[str], actor: str = "officer") -> str:
    """Export ``house_codes`` of ``office`` into ``target``; the kit's uid."""
    kit_uid = str(uuid.uuid4())
    now = datetime.now(UTC)
    with office.sessions() as s:
        s.info["actor"] = actor
        county = s.scalar(select(Setting.value).where(Setting.key == COUNTY.key))
        houses = s.execute(select(House.id, House.uid).where(House.code.in_(house_codes))).all()
        photos = s.execute(
            select(Photo.sha256, Photo.stored_path).where(
                Photo.house_id.in_([h.id for h in houses])
            )
        ).all()
        fid = folder_id(s.connection())
        s.add(
            FieldKit(
                kit_uid=kit_uid,
                direction="export",
                county=county,
                houses=[h.uid for h in houses],
                exported_at=now,
                exported_by=actor,
            )
        )
        s.commit()
    root = office.folder.root
    shutil.copytree(
        root,
        target,
        ignore=shutil.ignore_patterns(
            LOCK_FILENAME, LOCK_INFO_FILENAME, "backups", f"{DB_FILENAME}*"
        ),
    )
    (target / "backups").mkdir()
    db = target / DB_FILENAME
    copy_database(office.folder.db_path, db)
    field_copy = {"kit_uid": kit_uid, "county": county, "exported_at": now.isoformat()}
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            ("field_copy", json.dumps(field_copy, ensure_ascii=False)),
        )
    conn.close()
    (target / "kit").mkdir()
    base = target / "kit" / "base.sqlite3"
    shutil.copyfile(db, base)
    manifest = {
        "format": 1,
        "kit_uid": kit_uid,
        "county": county,
        "source_folder_id": fid,
        "schema_revision": SCHEMA_HEAD,
        "exported_at": now.isoformat(),
        "exported_by": actor,
        "houses": [h.uid for h in houses],
        "base_sha256": sha256(base),
        "photos": {sha: path for sha, path in photos},
    }
    (target / "kit" / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return kit_uid
