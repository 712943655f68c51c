"""Opening a house's photos: 300 photos of one house, from ``PhotoGallery.show_house`` to the
first thumbnails painted.

The data: the demo county (``bench.data("county")``) copied once into the work folder, with 300
photos of 12 megapixels (4000×3000 JPEG, made deterministically from the demo's pictures: four
scenes, each copy marked and stamped with its own EXIF id, so every file has its own bytes) added
to one house: 100 착공 전, 100 준공 후 and 100 점검, spread over the four slots.

Each measurement runs in its own process (Qt offscreen): a warm-up opens another house first
(imports, the first query), then the big house is opened ``REPEAT`` times, each time after
another house was shown (a switch, as an officer clicks from house to house). "Painted" is the
moment the tile delegate has drawn the first thumbnail (a paint event, not a signal).

- **cached** (the normal case: thumbnails made at import or on a first look are on disk):
  target 150 ms (the issue's row), as a ratio to the floor;
- **cold** (no thumbnail cached: made from the 12-MP originals with JPEG draft mode), for the
  record;
- the floor: reading the same first batch of cached thumbnails as ``QPixmap`` directly, nothing
  else.

Run one measurement by hand: ``python tests/benchmarks/bench_gallery.py cached|cold DATA_DIR``.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PHOTOS = 300
SIZE = (4000, 3000)
TARGET_SECONDS = 0.150
REPEAT = 5
HOUSE_CODE = "진안-2019-01"


def rows(bench) -> list:
    from run import Row

    data = _data_folder(bench)
    cached = _child("cached", data)
    cold = _child("cold", data)
    floor = cached["floor"]
    ours = cached["seconds"]
    return [
        Row(f"house photos ({PHOTOS}) → first thumbnails (≤ 150 ms)", ours, floor,
            ours / floor, TARGET_SECONDS / floor, cached["rss_mb"]),
        Row(f"… no thumbnail cached ({PHOTOS} × 12 MP, record)", cold["seconds"], floor,
            cold["seconds"] / floor, None, cold["rss_mb"]),
    ]  # fmt: skip


def _child(mode: str, data: Path) -> dict:
    # as the app runs: with its byte code cached, offscreen (``run.child_env``)
    from run import child_json

    return child_json(__file__, mode, data)


def _data_folder(bench) -> Path:
    """The demo county with 300 big photos on one house, made once and kept."""
    target = bench.work_dir / "gallery"
    if (target / "ready").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bench.data("county"), target,
                    ignore=shutil.ignore_patterns(".gwinong.lock*"))  # fmt: skip
    print(f"adding {PHOTOS} photos to {target} …", file=sys.stderr, flush=True)
    _add_photos(target)
    (target / "ready").write_text("ok")
    return target


def _add_photos(root: Path) -> None:
    from PIL import Image, ImageDraw
    from sqlalchemy import select

    from gwinong_desktop.demo.pictures import demo_exif, make_demo_jpeg
    from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
    from gwinong_desktop.media.store import ContentStore
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.models import House, Photo

    rng = random.Random(12)
    start = datetime(2019, 3, 4, 1, 0, tzinfo=UTC)
    scenes = {}
    for slot in PhotoSlot:
        data = make_demo_jpeg(seed=7, width=SIZE[0], height=SIZE[1], taken_at=start,
                              latitude=35.8, longitude=127.4, kind=slot.value)  # fmt: skip
        scenes[slot] = Image.open(io.BytesIO(data)).convert("RGB")
    store = ContentStore(root, "photos")
    phases = (PhotoPhase.BEFORE, PhotoPhase.AFTER, PhotoPhase.INSPECTION)
    with open_database(root, purpose="bench") as db:
        session = db.sessions()
        session.info["actor"] = "bench"
        house = session.scalars(select(House).where(House.code == HOUSE_CODE)).one()
        for i in range(PHOTOS):
            slot = list(PhotoSlot)[i % 4]
            phase = phases[i * len(phases) // PHOTOS]
            taken = start + timedelta(days=200 * phases.index(phase), minutes=3 * i)
            image = scenes[slot].copy()
            draw = ImageDraw.Draw(image)
            x, y = rng.randrange(SIZE[0] - 300), rng.randrange(SIZE[1] - 300)
            draw.rectangle([x, y, x + 299, y + 299], fill=(rng.randrange(256), 90, 40))
            out = io.BytesIO()
            exif = demo_exif(taken_at=taken, latitude=35.8, longitude=127.4,
                             model="bench", unique_id=f"{i:032x}")  # fmt: skip
            image.save(out, "JPEG", quality=88, exif=exif)
            stored = store.put_bytes(out.getvalue(), f"IMG_{i:04d}.jpg")
            session.add(Photo(
                house_id=house.id, slot=slot if phase is not PhotoPhase.INSPECTION else None,
                phase=phase, sha256=stored.sha256, stored_path=stored.relative_path,
                original_name=stored.original_name, size_bytes=stored.size_bytes,
                width=SIZE[0], height=SIZE[1], taken_at=taken, caption=f"bench {i}",
            ))  # fmt: skip
        session.commit()
        session.close()


# --- one measurement, in its own process ------------------------------------------------------


def _measure(mode: str, root: Path) -> dict:
    import resource

    from PySide6.QtCore import QEventLoop, QThreadPool
    from PySide6.QtGui import QPixmap, QPixmapCache
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.photo_views import THUMBS_FOLDER
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.photos import loader, tiles
    from gwinong_desktop.ui.photos.gallery import PhotoGallery

    painted: list[float] = []
    original_paint = tiles.TileDelegate.paint

    def paint(self, painter, option, index):  # type: ignore[no-untyped-def]
        original_paint(self, painter, option, index)
        photo = index.data(tiles.PHOTO_ROLE)
        if photo is not None and photo.id in self.store.pixmaps and not painted:
            painted.append(time.perf_counter())

    tiles.TileDelegate.paint = paint  # type: ignore[method-assign]

    def spin_until(done, limit: float = 30.0) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + limit
        while not done() and time.perf_counter() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    db = open_database(root, purpose="bench")
    services = Services.over(db, "bench")
    houses = services.houses.list_houses()
    big = next(h for h in houses if h.code == HOUSE_CODE)
    others = [h for h in houses if h.id != big.id]
    gallery = PhotoGallery(services)
    gallery.resize(1200, 800)
    gallery.show()
    thumbs = root / THUMBS_FOLDER

    def open_big() -> float:
        if mode == "cold":
            shutil.rmtree(thumbs, ignore_errors=True)
        painted.clear()
        start = time.perf_counter()
        gallery.show_house(big.id)
        spin_until(lambda: bool(painted))
        return painted[0] - start

    gallery.show_house(others[0].id)  # warm-up: imports, first queries, first thumbnails
    spin_until(lambda: not gallery.loader.running)
    open_big()
    times = []
    for i in range(REPEAT):
        gallery.show_house(others[(i + 1) % len(others)].id)
        spin_until(lambda: not gallery.loader.running)
        times.append(open_big())
    spin_until(lambda: not gallery.loader.running, 120)
    first = gallery.viewer_rows()[: loader.FIRST_BATCH]
    paths = [services.photo_views.thumbnail(r) for r in first]
    floors = []
    for _ in range(REPEAT):
        QPixmapCache.clear()  # QPixmap(path) is cached by file name: read the files each time
        start = time.perf_counter()
        pixmaps = [QPixmap(str(p)) for p in paths]
        floors.append(time.perf_counter() - start)
        assert all(not p.isNull() for p in pixmaps)
    gallery.loader.cancel()
    QThreadPool.globalInstance().waitForDone()
    db.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": sorted(times)[len(times) // 2],
        "all": times,
        "floor": sorted(floors)[len(floors) // 2],
        "rss_mb": rss,
    }


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = _measure(sys.argv[1], Path(sys.argv[2]))
    print(json.dumps(result))
