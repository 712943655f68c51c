"""Deterministic made-up photos for the demo database and for large synthetic data sets.

No real photos are shipped; these pictures of a rural house carry real-looking EXIF: the time taken
(Korean wall time, ``OffsetTimeOriginal`` "+09:00"), make ``gwinong-demo`` and a GPS position, so
that importing them exercises the same path as a camera's file.

Determinism: the same arguments give byte-identical output with the same Pillow (and libjpeg)
build. A ``label`` is drawn only if a Korean-capable font is found on the machine, so a labelled
picture may differ between machines; without a label nothing depends on the machine.

Times: an aware ``taken_at`` is converted to KST; a naive one is taken as KST wall time.
Positions are written as exact degree/minute/second rationals of the value rounded to six
decimals, so ``read_photo_info`` gives back exactly that rounding. (0°, 0°) reads back as no
position (see ``exif``).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gwinong_desktop.domain.enums import PhotoSlot
from gwinong_desktop.media.exif import KST

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont

MAKE = "gwinong-demo"
KINDS = tuple(
    slot.value for slot in PhotoSlot
)  # front 전경, distant 원경, interior 내부, surroundings 주변
_MAX_SIDE = 8000

# Korean-capable fonts, in order of preference (Linux, Windows, macOS).
FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "malgun.ttf"),
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "/Library/Fonts/AppleGothic.ttf",
)

# EXIF tag numbers.
_ORIENTATION, _MAKE, _MODEL, _DATETIME, _SOFTWARE = 0x0112, 0x010F, 0x0110, 0x0132, 0x0131
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DT_ORIGINAL, _DT_DIGITIZED = 0x9003, 0x9004
_OFFSET, _OFFSET_ORIGINAL, _OFFSET_DIGITIZED = 0x9010, 0x9011, 0x9012
_SUBSEC, _SUBSEC_ORIGINAL, _SUBSEC_DIGITIZED = 0x9290, 0x9291, 0x9292
_UNIQUE_ID = 0xA420
_GPS_VERSION, _LAT_REF, _LAT, _LON_REF, _LON, _MAP_DATUM = 0, 1, 2, 3, 4, 18


def make_demo_jpeg(
    *,
    seed: int,
    width: int = 640,
    height: int = 480,
    taken_at: datetime,
    latitude: float | Decimal,
    longitude: float | Decimal,
    label: str = "",
    kind: str = "front",
) -> bytes:
    """A JPEG of a made-up rural house scene for a photo slot, with EXIF time and GPS.

    ``kind`` is a ``PhotoSlot`` value: "front" (전경), "distant" (원경: the house small in its
    landscape), "interior" (내부: a room) or "surroundings" (주변: road, fields, trees). Colours
    vary with ``seed`` and with the season of ``taken_at``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not (16 <= width <= _MAX_SIDE and 16 <= height <= _MAX_SIDE):
        raise ValueError(f"width and height must be 16..{_MAX_SIDE}, not {width}×{height}")
    exif = demo_exif(
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
        model=f"Demo Camera {kind}",
        unique_id=_unique_id(f"demo:{kind}:{seed}"),
    )
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageFilter

    from . import _scenes

    rng = random.Random(f"gwinong-demo:{kind}:{seed}")
    palette = _scenes.pick_palette(rng, _scenes.season_of(_to_kst(taken_at).month))
    img = PILImage.new("RGB", (width, height))
    _scenes.paint(kind, img, rng, palette)
    img = img.filter(ImageFilter.GaussianBlur(max(0.5, min(width, height) / 500)))
    grain = PILImage.frombytes("L", img.size, rng.randbytes(width * height)).point(
        lambda v: v // 32
    )
    img = ImageChops.add(img, PILImage.merge("RGB", (grain, grain, grain)), offset=-4)
    if label:
        _draw_label(img, label)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def make_tiny_jpeg(
    *, seed: int, taken_at: datetime, latitude: float | Decimal, longitude: float | Decimal
) -> bytes:
    """A 48×36 JPEG (a roof, a wall and a door on a field) with the same EXIF as the demo photos.

    Fast enough for a province-scale synthetic data set; every seed gives different bytes (the
    seed is also written as the EXIF ``ImageUniqueID``).
    """
    exif = demo_exif(
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
        model="Demo Camera tiny",
        unique_id=_unique_id(f"tiny:{seed}"),
    )
    from PIL import Image as PILImage
    from PIL import ImageDraw

    rng = random.Random(seed)
    sky = (rng.randint(90, 200), rng.randint(140, 220), rng.randint(200, 255))
    img = PILImage.new("RGB", (48, 36), sky)
    draw = ImageDraw.Draw(img)
    horizon = rng.randint(14, 22)
    draw.rectangle([0, horizon, 47, 35], fill=(rng.randint(60, 190), rng.randint(110, 180), 60))
    x0, width = rng.randint(4, 18), rng.randint(18, 26)
    top = horizon - rng.randint(2, 6)
    wall = (rng.randint(180, 245), rng.randint(170, 235), rng.randint(140, 215))
    roof = (rng.randint(40, 180), rng.randint(40, 130), rng.randint(40, 170))
    draw.rectangle([x0, top, x0 + width, top + 12], fill=wall)
    draw.polygon(
        [(x0 - 2, top), (x0 + width + 2, top), (x0 + width // 2, top - rng.randint(5, 9))],
        fill=roof,
    )
    door_x = x0 + rng.randint(2, width - 6)
    draw.rectangle([door_x, top + 5, door_x + 3, top + 12], fill=(100, 72, 48))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80, exif=exif)
    return out.getvalue()


def demo_exif(
    *,
    taken_at: datetime,
    latitude: float | Decimal,
    longitude: float | Decimal,
    model: str,
    unique_id: str,
) -> bytes:
    """EXIF bytes (for ``Image.save(exif=...)``) with KST time, camera and GPS position."""
    from PIL import Image as PILImage
    from PIL.TiffImagePlugin import IFDRational

    lat_micro = _micro_degrees(latitude, 90, "latitude")
    lon_micro = _micro_degrees(longitude, 180, "longitude")
    local = _to_kst(taken_at)
    stamp = local.strftime("%Y:%m:%d %H:%M:%S")
    exif = PILImage.Exif()
    exif[_MAKE] = MAKE
    exif[_MODEL] = model
    exif[_SOFTWARE] = "gwinong-desktop demo generator"
    exif[_ORIENTATION] = 1
    exif[_DATETIME] = stamp
    sub: Any = exif.get_ifd(_EXIF_IFD)
    sub[_DT_ORIGINAL] = stamp
    sub[_DT_DIGITIZED] = stamp
    for tag in (_OFFSET, _OFFSET_ORIGINAL, _OFFSET_DIGITIZED):
        sub[tag] = "+09:00"
    if local.microsecond:
        for tag in (_SUBSEC, _SUBSEC_ORIGINAL, _SUBSEC_DIGITIZED):
            sub[tag] = f"{local.microsecond:06d}"
    sub[_UNIQUE_ID] = unique_id
    gps: Any = exif.get_ifd(_GPS_IFD)
    gps[_GPS_VERSION] = b"\x02\x03\x00\x00"
    gps[_LAT_REF] = "S" if lat_micro < 0 else "N"
    gps[_LAT] = tuple(IFDRational(f.numerator, f.denominator) for f in _dms(abs(lat_micro)))
    gps[_LON_REF] = "W" if lon_micro < 0 else "E"
    gps[_LON] = tuple(IFDRational(f.numerator, f.denominator) for f in _dms(abs(lon_micro)))
    gps[_MAP_DATUM] = "WGS-84"
    return exif.tobytes()


def korean_font(size: int) -> FreeTypeFont | None:
    """A Korean-capable TrueType font at ``size`` pixels, or None if none can be loaded."""
    path = _korean_font_path()
    if path is None:
        return None
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, size)
    except (OSError, ImportError):
        return None


@lru_cache(maxsize=1)
def _korean_font_path() -> str | None:
    try:
        from PIL import features

        if not features.check("freetype2"):
            return None
    except ImportError:
        return None
    return next((p for p in FONT_CANDIDATES if Path(p).is_file()), None)


def _draw_label(img: Image, label: str) -> None:
    """The label in small white text on a dark strip at the bottom-left corner, if a font exists."""
    font = korean_font(max(10, img.height // 28))
    if font is None:
        return
    from PIL import ImageDraw

    draw = ImageDraw.Draw(img)
    pad = max(2, img.height // 120)
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
    x, y = pad * 2, img.height - (bottom - top) - pad * 4
    draw.rectangle(
        [x - pad, y - pad, x + right - left + pad, y + bottom - top + pad], fill=(30, 30, 30)
    )
    draw.text((x - left, y - top), label, font=font, fill=(250, 250, 250))


def _to_kst(moment: datetime) -> datetime:
    """KST wall time of an aware datetime; a naive one is already KST wall time."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=KST)
    return moment.astimezone(KST)


def _micro_degrees(value: float | Decimal, limit: int, what: str) -> int:
    """Degrees as a whole number of millionths, rounded half away from zero."""
    degrees = Decimal(str(value))
    if not degrees.is_finite() or abs(degrees) > limit:
        raise ValueError(f"{what} must be within ±{limit}°, not {value}")
    return int((degrees * 10**6).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _dms(micro: int) -> tuple[Fraction, Fraction, Fraction]:
    """Whole degrees, whole minutes and exact fractional seconds summing to ``micro`` / 10⁶."""
    degrees, rest = divmod(micro, 10**6)
    minutes, rest_minutes = divmod(rest * 60, 10**6)
    return Fraction(degrees), Fraction(minutes), Fraction(rest_minutes * 60, 10**6)


def _unique_id(text: str) -> str:
    """32 hex digits, as EXIF ImageUniqueID expects."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]
