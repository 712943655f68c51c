"""Generated demo photos: EXIF round trip through read_photo_info, determinism, uniqueness."""

from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image

from gwinong_desktop.demo import pictures
from gwinong_desktop.demo.pictures import make_demo_jpeg, make_tiny_jpeg
from gwinong_desktop.domain.enums import PhotoSlot
from gwinong_desktop.media.exif import KST, read_photo_info

WHEN = datetime(2024, 5, 17, 14, 3, 9, tzinfo=KST)
WANJU = (35.904518, 127.162102)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("kind", [slot.value for slot in PhotoSlot])
def test_demo_photo_round_trips_time_and_gps(kind: str) -> None:
    data = make_demo_jpeg(seed=7, taken_at=WHEN, latitude=WANJU[0], longitude=WANJU[1], kind=kind)
    info = read_photo_info(data)
    assert info.taken_at == WHEN
    assert info.taken_at is not None and info.taken_at.utcoffset() == timedelta(hours=9)
    assert (info.latitude, info.longitude) == (Decimal("35.904518"), Decimal("127.162102"))
    assert (info.width, info.height, info.orientation, info.format) == (640, 480, 1, "JPEG")
    assert info.camera == f"gwinong-demo Demo Camera {kind}"


def test_demo_exif_tags_are_what_a_camera_writes() -> None:
    data = make_demo_jpeg(seed=1, taken_at=WHEN, latitude=WANJU[0], longitude=WANJU[1])
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        sub, gps = exif.get_ifd(0x8769), exif.get_ifd(0x8825)
    assert exif[0x010F] == "gwinong-demo"
    assert exif[0x0132] == sub[0x9003] == "2024:05:17 14:03:09"
    assert sub[0x9011] == "+09:00"
    assert (gps[1], gps[3]) == ("N", "E")
    assert [(r.numerator, r.denominator) for r in gps[2]][:2] == [(35, 1), (54, 1)]


def test_utc_input_is_written_as_korean_wall_time() -> None:
    utc = datetime(2024, 12, 31, 20, 0, 0, tzinfo=UTC)
    info = read_photo_info(make_tiny_jpeg(seed=1, taken_at=utc, latitude=36.0, longitude=128.0))
    assert info.taken_at == utc
    assert info.taken_at is not None and (info.taken_at.year, info.taken_at.hour) == (2025, 5)


def test_naive_input_is_korean_wall_time() -> None:
    naive = datetime(2024, 7, 1, 9, 30)
    info = read_photo_info(make_tiny_jpeg(seed=1, taken_at=naive, latitude=36.0, longitude=128.0))
    assert info.taken_at == naive.replace(tzinfo=KST)


def test_fractions_of_a_second_survive() -> None:
    moment = WHEN.replace(microsecond=123456)
    info = read_photo_info(make_tiny_jpeg(seed=1, taken_at=moment, latitude=36.0, longitude=128.0))
    assert info.taken_at == moment


@pytest.mark.parametrize(
    ("lat", "lon"), [(-33.865143, 151.2099), (40.689247, -74.044502), (-0.000001, -179.999999)]
)
def test_south_and_west_round_trip(lat: float, lon: float) -> None:
    info = read_photo_info(make_tiny_jpeg(seed=3, taken_at=WHEN, latitude=lat, longitude=lon))
    assert (info.latitude, info.longitude) == (Decimal(str(lat)), Decimal(str(lon)))


def test_many_random_positions_round_trip_exactly() -> None:
    rng = random.Random(2024)
    for seed in range(300):
        lat = round(rng.uniform(33.0, 38.6), 6)
        lon = round(rng.uniform(124.5, 131.9), 6)
        info = read_photo_info(
            make_tiny_jpeg(seed=seed, taken_at=WHEN, latitude=lat, longitude=lon)
        )
        assert (info.latitude, info.longitude) == (Decimal(str(lat)), Decimal(str(lon))), seed


def test_more_than_six_decimals_are_rounded() -> None:
    info = read_photo_info(
        make_tiny_jpeg(
            seed=1, taken_at=WHEN, latitude=35.12345649, longitude=Decimal("127.0000005")
        )
    )
    assert (info.latitude, info.longitude) == (Decimal("35.123456"), Decimal("127.000001"))


def test_same_arguments_give_the_same_bytes() -> None:
    args: dict[str, Any] = {
        "seed": 42,
        "taken_at": WHEN,
        "latitude": 35.1,
        "longitude": 127.1,
        "kind": "distant",
    }
    assert make_demo_jpeg(**args) == make_demo_jpeg(**args)
    tiny: dict[str, Any] = {"seed": 42, "taken_at": WHEN, "latitude": 35.1, "longitude": 127.1}
    assert make_tiny_jpeg(**tiny) == make_tiny_jpeg(**tiny)


@pytest.mark.process
def test_output_does_not_depend_on_the_process() -> None:
    code = (
        "import hashlib, datetime as d\n"
        "from gwinong_desktop.demo.pictures import make_demo_jpeg\n"
        "t = d.datetime(2024, 5, 17, 14, 3, 9, tzinfo=d.timezone(d.timedelta(hours=9)))\n"
        "b = make_demo_jpeg(seed=9, taken_at=t, latitude=35.5, longitude=127.5, kind='interior')\n"
        "print(hashlib.sha256(b).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    here = make_demo_jpeg(seed=9, taken_at=WHEN, latitude=35.5, longitude=127.5, kind="interior")
    assert result.stdout.strip() == _sha(here)


def test_different_seeds_and_kinds_give_different_pictures() -> None:
    hashes = {
        _sha(
            make_demo_jpeg(
                seed=seed,
                width=160,
                height=120,
                taken_at=WHEN,
                latitude=35.0,
                longitude=127.0,
                kind=kind,
            )
        )
        for seed in range(5)
        for kind in ("front", "distant", "interior", "surroundings")
    }
    assert len(hashes) == 20


def test_every_tiny_seed_gives_a_different_file() -> None:
    hashes = {
        _sha(make_tiny_jpeg(seed=s, taken_at=WHEN, latitude=35.0, longitude=127.0))
        for s in range(2000)
    }
    assert len(hashes) == 2000


def test_tiny_photo_is_tiny_and_readable() -> None:
    data = make_tiny_jpeg(seed=5, taken_at=WHEN, latitude=35.0, longitude=127.0)
    info = read_photo_info(data)
    assert (info.width, info.height) == (48, 36)
    assert len(data) < 4000


def test_custom_size() -> None:
    info = read_photo_info(
        make_demo_jpeg(seed=1, width=320, height=427, taken_at=WHEN, latitude=35.0, longitude=127.0)
    )
    assert (info.width, info.height) == (320, 427)


def test_label_without_a_font_is_simply_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    args: dict[str, Any] = {"seed": 3, "taken_at": WHEN, "latitude": 35.0, "longitude": 127.0}
    plain = make_demo_jpeg(**args)
    monkeypatch.setattr(pictures, "korean_font", lambda size: None)
    assert make_demo_jpeg(**args, label="전경 · 완주군") == plain


def test_label_is_drawn_when_a_korean_font_exists() -> None:
    if pictures.korean_font(12) is None:
        pytest.skip("no Korean-capable font on this machine")
    args: dict[str, Any] = {"seed": 3, "taken_at": WHEN, "latitude": 35.0, "longitude": 127.0}
    plain = make_demo_jpeg(**args)
    labelled = make_demo_jpeg(**args, label="전경 · 완주군")
    assert labelled != plain
    assert read_photo_info(labelled).taken_at == WHEN


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "aerial"},
        {"latitude": 91.0},
        {"longitude": -180.5},
        {"latitude": float("nan")},
        {"width": 4},
    ],
)
def test_bad_arguments_are_refused(bad: dict[str, object]) -> None:
    args: dict[str, Any] = {"seed": 1, "taken_at": WHEN, "latitude": 35.0, "longitude": 127.0}
    with pytest.raises(ValueError):
        make_demo_jpeg(**{**args, **bad})
