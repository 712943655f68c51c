"""Field kit export (issue #15, the export half of its row): 20 houses and their ~300 photos of
the 2,000-house province data written as a kit, against plain ``sqlite3`` and ``shutil`` copying
the same rows and files.

The data: the province data folder copied once into the work folder; the 20 houses with the most
photos are taken (about 300 photos), and each of their photos gets a cached thumbnail (a small
JPEG under ``thumbs/``), as the gallery or the photo import leaves them in an office.

Each measurement runs in its own process, in turns:
- ours: ``Services.field_kit.export`` of the 20 houses into a new folder (the choice of rows,
  the new database, the kit's audit trail chained again, re-encrypted numbers, thumbnails,
  ``kit/base.sqlite3`` and the manifest, the ``FieldKit`` row); the database opened before;
- floor: a new SQLite file made from the office's ``sqlite_master``, the same rows of the same
  tables copied with ``INSERT … SELECT`` from the attached office database (their ids read from
  the kit that ours wrote, before the clock starts), the same thumbnails copied with
  ``shutil.copyfile`` and the file copied once more as the base.
Target 3× (the issue's row).

Run one measurement by hand:
``python tests/benchmarks/bench_field_kit.py ours|floor DATA_DIR OUT_DIR [KIT_DIR]``.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path

HOUSES = 20
TARGET = 3.0


def rows(bench) -> list:
    from run import Row

    data = _data_folder(bench)
    work = bench.scratch("field_kit")
    repeat = max(1, min(bench.repeat, 5))
    pairs = []
    for n in range(repeat):
        ours = _child("ours", data, work / f"ours-{n}")
        floor = _child("floor", data, work / f"floor-{n}", work / f"ours-{n}")
        pairs.append((ours, floor))
    mine = sorted(p[0]["seconds"] for p in pairs)[repeat // 2]
    base = sorted(p[1]["seconds"] for p in pairs)[repeat // 2]
    rss = max(p[0]["rss_mb"] for p in pairs)
    photos = pairs[0][0]["photos"]
    return [Row(f"field kit export ({HOUSES} houses, {photos} photos)", mine, base, mine / base,
                TARGET, rss)]  # fmt: skip


def _child(*args: object) -> dict:
    from run import child_json

    return child_json(__file__, *args)


def _data_folder(bench) -> Path:
    """The province data with cached thumbnails for the photos of the 20 houses, made once."""
    target = bench.work_dir / "field_kit"
    if (target / "ready").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    source = bench.data("province")
    target.mkdir(parents=True)
    for name in ("photos", "attachments", "backups", "reports"):
        (target / name).mkdir()
    src = sqlite3.connect(f"{(source / 'gwinong.sqlite3').resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target / "gwinong.sqlite3")
    src.backup(dst)
    src.close()
    thumb = _thumbnail_bytes()
    for (sha,) in dst.execute(f"SELECT sha256 FROM photo WHERE house_id IN ({_CHOSEN})"):
        path = target / "thumbs" / sha[:2] / f"{sha}-256.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(thumb)
    dst.close()
    (target / "ready").write_text("ok")
    return target


_CHOSEN = (
    f"SELECT house_id FROM photo GROUP BY house_id ORDER BY count(*) DESC, house_id LIMIT {HOUSES}"
)


def _thumbnail_bytes() -> bytes:
    import io

    from PIL import Image

    image = Image.effect_noise((256, 192), 40).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


# --- the measurements, each run in its own process ----------------------------------------------


def _ours(data: Path, out: Path) -> dict:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    with sqlite3.connect(data / "gwinong.sqlite3") as conn:
        codes = [r[0] for r in conn.execute(f"SELECT code FROM house WHERE id IN ({_CHOSEN})")]
        count = f"SELECT count(*) FROM photo WHERE house_id IN ({_CHOSEN})"
        photos = conn.execute(count).fetchone()
    with open_database(data, purpose="bench") as db:
        services = Services.over(db, actor="bench")
        services.county()  # the first query (imports, connection) before the clock
        start = time.perf_counter()
        kit = services.field_kit.export(codes, out)
        seconds = time.perf_counter() - start
    assert len(kit.house_codes) == HOUSES
    return {"seconds": seconds, "photos": photos[0]}


def _floor(data: Path, out: Path, kit: Path) -> dict:
    with sqlite3.connect(kit / "gwinong.sqlite3") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        ids = {
            t: json.dumps([r[0] for r in conn.execute(f'SELECT id FROM "{t}"')])
            for t in tables
            if t not in ("alembic_version", "setting")
        }
    thumbs = sorted(p.relative_to(kit) for p in (kit / "thumbs").rglob("*.jpg"))
    start = time.perf_counter()
    out.mkdir()
    db = out / "gwinong.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS src", (str(data / "gwinong.sqlite3"),))
    conn.execute("BEGIN")
    schema = conn.execute(
        "SELECT sql FROM src.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid"
    ).fetchall()
    for (sql,) in schema:
        conn.execute(sql)
    for table in ("alembic_version", "setting"):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
    for table, wanted in ids.items():
        conn.execute(
            f'INSERT INTO main."{table}" SELECT * FROM src."{table}" '
            "WHERE id IN (SELECT value FROM json_each(?))",
            (wanted,),
        )
    conn.execute("COMMIT")
    conn.close()
    for rel in thumbs:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data / rel, out / rel)
    (out / "kit").mkdir()
    shutil.copyfile(db, out / "kit" / "base.sqlite3")
    return {"seconds": time.perf_counter() - start, "photos": len(thumbs)}


def main(argv: list[str]) -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    kind, data, out, *rest = argv
    if kind == "ours":
        result = _ours(Path(data), Path(out))
    else:
        result = _floor(Path(data), Path(out), Path(rest[0]))
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
