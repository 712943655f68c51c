"""One write, performed by a real process that the crash tests kill part-way (SIGKILL).

    python crash_worker.py OP ROOT [ARG]

prints ``started`` just before the write begins and ``done <seconds>`` when it has finished.
OP is one of ``import`` (thousands of rows in one transaction; ``import-network``: the same in
a folder on a network share, with the rollback journal), ``photos`` (files, then their rows in one
transaction), ``schema`` (a new database: the Alembic baseline), ``upgrade`` (ARG: an Alembic
folder with a slow migration script on top of the app's, run through the real upgrade path),
``backup`` and ``restore`` (ARG: the backup file), ``kit-import`` (ARG: a field kit folder).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

IMPORT_ROWS = 60_000
PHOTOS = 30
PHOTO_BYTES = 200_000
MARKER = "crash-test"


def started() -> float:
    print("started", flush=True)
    return time.perf_counter()


def op_import(root: Path) -> float:
    from sqlalchemy import insert

    from gwinong_desktop.storage.audit import log_event
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import Operator

    rows = [{"uid": f"imp-{i:06d}", "name": f"{MARKER} {i:06d}", "kind": "council"}
            for i in range(IMPORT_ROWS)]  # fmt: skip
    with open_database(root, purpose=MARKER) as db:
        t = started()
        with db.sessions() as s:
            s.info["actor"] = MARKER
            for i in range(0, IMPORT_ROWS, 5_000):  # chunks, but one transaction
                s.execute(insert(Operator), rows[i : i + 5_000])
            log_event(s, "import", "operator", f"{MARKER} {IMPORT_ROWS}")
            s.commit()
    return t


def op_import_network(root: Path) -> float:
    """The same import in a folder on a network share: rollback journal instead of WAL."""
    from gwinong_desktop.storage import datafolder

    datafolder.is_network_path = lambda path, mountinfo=None: True
    return op_import(root)


def op_photos(root: Path) -> float:
    import random

    from sqlalchemy import select

    from gwinong_desktop.domain.enums import PhotoPhase
    from gwinong_desktop.media.store import ContentStore
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import House, Photo

    rng = random.Random()
    store = ContentStore(root, "photos")
    with open_database(root, purpose=MARKER) as db:
        t = started()
        stored = [
            store.put_bytes(rng.randbytes(PHOTO_BYTES), f"{MARKER}-{i}.jpg") for i in range(PHOTOS)
        ]
        with db.sessions() as s:
            s.info["actor"] = MARKER
            house_id = s.scalar(select(House.id))
            for f in stored:
                s.add(Photo(house_id=house_id, phase=PhotoPhase.BEFORE, sha256=f.sha256,
                            stored_path=f.relative_path, size_bytes=f.size_bytes,
                            original_name=f.original_name, caption=MARKER))  # fmt: skip
            s.commit()
    return t


def op_schema(root: Path) -> float:
    from gwinong_desktop.storage.database import open_database

    t = started()
    open_database(root, purpose=MARKER).close()
    return t


CRASH_REVISION = "9999"
SLOW_MIGRATION = '''"""A slow migration for the crash tests: two tables rebuilt in one script."""
import time

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("house", "payment"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("crash_note", sa.String(50)))
        time.sleep(0.25)


def downgrade() -> None:
    pass
'''


def use_scripts(scripts: Path) -> None:
    """Make the app see ``scripts`` (its own db/ plus the slow revision) as its migrations."""
    from gwinong_desktop.storage import migrate, schema

    migrate.migrations_dir = lambda: scripts
    if CRASH_REVISION not in schema.KNOWN_REVISIONS:
        schema.KNOWN_REVISIONS = (*schema.KNOWN_REVISIONS, CRASH_REVISION)
    schema.SCHEMA_HEAD = CRASH_REVISION


def op_upgrade(root: Path, scripts: Path) -> float:
    """The app's real upgrade path (snapshot, foreign keys off, Alembic with the app's env.py,
    foreign key check, commit) over a real migration script that is slow enough to be killed."""
    from gwinong_desktop.storage.database import open_database

    use_scripts(scripts)
    t = started()
    open_database(root, purpose=MARKER).close()
    return t


def op_backup(root: Path) -> float:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    with open_database(root, purpose=MARKER) as db:
        t = started()
        Services.over(db).safety.backup()
    return t


def op_restore(root: Path, file: Path) -> float:
    from gwinong_desktop.storage.backup import restore_backup

    t = started()
    restore_backup(root, file)
    return t


def op_kit_import(root: Path, kit: Path) -> float:
    """A field kit merged back (files copied, a snapshot, then one transaction)."""
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    with open_database(root, purpose=MARKER) as db:
        t = started()
        Services.over(db, MARKER).field_merge.apply(kit)
    return t


def main(argv: list[str]) -> None:
    op, root = argv[0], Path(argv[1])
    work = {
        "import": lambda: op_import(root),
        "import-network": lambda: op_import_network(root),
        "photos": lambda: op_photos(root),
        "schema": lambda: op_schema(root),
        "upgrade": lambda: op_upgrade(root, Path(argv[2])),
        "backup": lambda: op_backup(root),
        "restore": lambda: op_restore(root, Path(argv[2])),
        "kit-import": lambda: op_kit_import(root, Path(argv[2])),
    }[op]
    t = work()
    print(f"done {time.perf_counter() - t:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
