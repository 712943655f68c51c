"""A field kit's import (issue #15): 20 houses, 300 photos and 500 fields changed on the laptop,
against plain ``shutil`` and ``sqlite3`` copying the same files and rows.

Made once, in a child process: an office folder of 20 houses with 100 residents, a kit of its
20 houses (``tests/services/kit_fixtures.py``, the kit format) in which the laptop changed 5 fields
of every resident (500 fields, each resident's change audited) and took 300 photos (300 KB each).
Then each measurement runs in its own process (``run.child_json``: byte code cached, as the app
runs), in turns, on a fresh copy of the office folder each time:
- ours: ``Services.field_merge.apply`` (the kit's checks and photo hashes, the three-way plan,
  the photos into the content store, a snapshot of the database, one transaction);
- floor: ``shutil.copyfile`` of the 300 photos and, with ``sqlite3`` in one transaction, the 100
  residents' 500 fields updated, the 300 photo rows and the laptop's audit rows inserted;
- floor synced (for the record): the same, the copied photos made durable with one ``os.sync``.
Medians of ``RUNS`` turns; target 3× (issue #15). The export half is ``bench_field_kit.py``.

Run by hand: ``python tests/benchmarks/bench_kit_import.py build WORK`` once, then
``python tests/benchmarks/bench_kit_import.py ours|floor|synced OFFICE_COPY KIT``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

TARGET = 3.0
RUNS = 3
HOUSES = 20
RESIDENTS = 100
PHOTOS = 300
PHOTO_BYTES = 300_000
FIELDS = ("phone", "note", "previous_address", "settled_address", "education_hours")


def rows(bench) -> list:
    from run import Row, child_json

    work = bench.scratch("kit_import")
    child_json(__file__, "build", work)
    office, kit = work / "office", work / "kit"
    times: dict[str, list[float]] = {"ours": [], "floor": [], "synced": []}
    rss = 0.0
    for n in range(max(RUNS, min(bench.repeat, 5))):
        for kind, seconds in times.items():
            copy = work / f"{kind}-{n}"
            shutil.copytree(office, copy, ignore=shutil.ignore_patterns(".gwinong.lock*"))
            r = child_json(__file__, kind, copy, kit)
            shutil.rmtree(copy)
            seconds.append(r["seconds"])
            if kind == "ours":
                rss = max(rss, r["rss_mb"])
    shutil.rmtree(work, ignore_errors=True)
    ours, floor, synced = (statistics.median(times[k]) for k in ("ours", "floor", "synced"))
    name = f"field kit import ({HOUSES} houses, {PHOTOS} photos, {len(FIELDS) * RESIDENTS} fields)"
    return [
        Row(name, ours, floor, ours / floor, TARGET, rss),
        # the same floor made as durable as ours (the copied photos synced once): for the record
        Row(f"{name}, floor synced", ours, synced, ours / synced, None, rss),
    ]


def _build(work: Path) -> tuple[Path, Path]:
    from datetime import date

    from sqlalchemy import select

    from gwinong_desktop.domain.enums import DevelopmentType, PhotoPhase
    from gwinong_desktop.media.store import ContentStore
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import House, Photo, Resident, Setting, Stay

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "services"))
    from kit_fixtures import make_kit

    office, kit = work / "office", work / "kit"
    with open_database(office, purpose="bench") as db, db.sessions() as s:
        s.info["actor"] = "bench"
        s.add(Setting(key="county", value="진안군"))
        houses = [
            House(code=f"진안-2024-{h + 1:02d}", sido="전북특별자치도", sigun="진안군",
                  eupmyeon="부귀면", development_type=DevelopmentType.REPAIR, program_year=2024)
            for h in range(HOUSES)
        ]  # fmt: skip
        s.add_all(houses)
        s.flush()
        for i in range(RESIDENTS):
            r = Resident(name=f"입주자{i:03d}", birth_date=date(1970, 1, 1 + i % 28))
            s.add(r)
            s.flush()
            s.add(Stay(house_id=houses[i % HOUSES].id, resident_id=r.id,
                       move_in_on=date(2020 + i // HOUSES, 1, 1),
                       planned_end_on=date(2020 + i // HOUSES, 12, 31)))  # fmt: skip
        s.commit()
        make_kit(db, kit, [h.code for h in houses])
    rng = random.Random(5)
    store = ContentStore(kit, "photos")
    with open_database(kit, purpose="bench laptop") as db, db.sessions() as s:
        s.info["actor"] = "현장"
        for i, r in enumerate(s.scalars(select(Resident))):
            r.phone, r.note = f"010-0000-{i:04d}", f"현장 메모 {i}"
            r.previous_address, r.settled_address = f"서울 {i}", f"진안 {i}"
            r.education_hours = 40 + i
        house_ids = list(s.scalars(select(House.id)))
        for i in range(PHOTOS):
            f = store.put_bytes(rng.randbytes(PHOTO_BYTES), f"IMG_{i:04d}.jpg")
            s.add(Photo(house_id=house_ids[i % HOUSES], phase=PhotoPhase.INSPECTION,
                        sha256=f.sha256, stored_path=f.relative_path, size_bytes=f.size_bytes,
                        original_name=f"IMG_{i:04d}.jpg"))  # fmt: skip
        s.commit()
    return office, kit


def _ours(office: Path, kit: Path) -> float:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    with open_database(office, purpose="bench") as db:
        services = Services.over(db, "bench")
        services.county()  # the first query (imports, connection) before the clock, as the export
        start = time.perf_counter()
        result = services.field_merge.apply(kit)
        took = time.perf_counter() - start
    assert result.field_kit_id is not None and len(result.plan.changes) == len(FIELDS) * RESIDENTS
    assert result.photos_copied == PHOTOS
    return took


def _floor_synced(office: Path, kit: Path) -> float:
    return _floor(office, kit, synced=True)


def _floor(office: Path, kit: Path, *, synced: bool = False) -> float:
    laptop = sqlite3.connect(kit / "gwinong.sqlite3")
    residents = laptop.execute(f"SELECT uid, {', '.join(FIELDS)} FROM resident").fetchall()
    photos = laptop.execute(
        "SELECT uid, house_id, phase, sha256, stored_path, size_bytes, original_name FROM photo "
        "WHERE phase = 'inspection'"
    ).fetchall()
    events = laptop.execute(
        "SELECT uid, at, actor, host, action, entity, entity_uid, summary, changes "
        "FROM audit_event WHERE actor = '현장'"
    ).fetchall()
    laptop.close()
    start = time.perf_counter()
    for _uid, _house, _phase, _sha, path, _size, _name in photos:
        target = office / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kit / path, target)
    if synced:
        os.sync()
    conn = sqlite3.connect(office / "gwinong.sqlite3", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    sets = ", ".join(f"{f} = ?" for f in FIELDS)
    conn.executemany(
        f"UPDATE resident SET {sets} WHERE uid = ?", [(*r[1:], r[0]) for r in residents]
    )
    conn.executemany(
        "INSERT INTO photo (uid, created_at, updated_at, revision, house_id, phase, sha256, "
        "stored_path, size_bytes, original_name) VALUES (?, '2026-01-01', '2026-01-01', 1, ?, ?, "
        "?, ?, ?, ?)",
        photos,
    )
    conn.executemany(
        "INSERT INTO audit_event (uid, at, actor, host, action, entity, entity_uid, summary, "
        "changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    kind, *paths = argv
    if kind == "build":
        _build(Path(paths[0]))
        print(json.dumps({"built": True}))
        return
    office, kit = Path(paths[0]), Path(paths[1])
    measure = {"ours": _ours, "floor": _floor, "synced": _floor_synced}[kind]
    seconds = measure(office, kit)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss}))


if __name__ == "__main__":
    main(sys.argv[1:])
