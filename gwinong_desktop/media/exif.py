"""What a photo says about itself: size as displayed, orientation, time taken, GPS, camera.

Times: EXIF ``DateTimeOriginal`` is local wall time with no zone. It is read in the zone given by
``OffsetTimeOriginal`` when the camera wrote one, otherwise as Korea Standard Time (UTC+9): the
officers' cameras and phones are set to Korean time. Without ``DateTimeOriginal`` the same is done
with ``DateTimeDigitized``, then with ``DateTime`` (each with its own offset tag). ``SubSecTime*``
gives the fraction of a second when present. The result is always timezone-aware.

GPS: degrees/minutes/seconds rationals are added exactly, then rounded half away from zero to six
decimals (about 11 cm); south and west are negative. Coordinates out of range, a zero
denominator, or exactly 0°/0° (what some phones write without a fix) count as no position.

A photo whose EXIF is damaged is still a photo: the fields that cannot be read are None. Pillow is
imported only when a photo is read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ._pil import _PARSE_ERRORS, ImageSource, open_image

KST = timezone(timedelta(hours=9), "KST")
"""Korea Standard Time, the zone assumed for EXIF times that carry no offset."""

# EXIF tag numbers (kept here so that this module needs no Pillow import).
_ORIENTATION, _MAKE, _MODEL, _DATETIME = 0x0112, 0x010F, 0x0110, 0x0132
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DT_ORIGINAL, _DT_DIGITIZED = 0x9003, 0x9004
_OFFSET, _OFFSET_ORIGINAL, _OFFSET_DIGITIZED = 0x9010, 0x9011, 0x9012
_SUBSEC, _SUBSEC_ORIGINAL, _SUBSEC_DIGITIZED = 0x9290, 0x9291, 0x9292
_LAT_REF, _LAT, _LON_REF, _LON = 1, 2, 3, 4

_DT_RE = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET_RE = re.compile(r"([+-])(\d{2}):?(\d{2})")
_MICRO = 10**6


@dataclass(frozen=True)
class PhotoInfo:
    """A photo's header facts; width and height are as displayed (EXIF orientation applied)."""

    width: int
    height: int
    orientation: int | None
    taken_at: datetime | None
    latitude: Decimal | None
    longitude: Decimal | None
    camera: str | None
    format: str


def read_photo_info(source: ImageSource, *, name: str | None = None) -> PhotoInfo:
    """Read a JPEG's, PNG's or HEIC's header (no pixel decoding) into a ``PhotoInfo``.

    ``source`` is a path or the file's bytes; ``name`` is the file name used in error messages
    (default: the path's name). Raises ``MediaError`` for anything we cannot read.
    """
    with open_image(source, name) as image:
        return info_of(image)[0]


def info_of(image: Any) -> tuple[PhotoInfo, tuple[str, ...]]:
    """The ``PhotoInfo`` of an opened image, and Korean warnings about EXIF values that were
    there but impossible (kept as unknown): a date that is no date, GPS out of range."""
    fmt = "JPEG" if image.format == "MPO" else str(image.format)
    width, height = image.size
    try:
        exif = image.getexif()
        ifd0: Mapping[int, Any] = dict(exif)
        exif_ifd: Mapping[int, Any] = dict(exif.get_ifd(_EXIF_IFD))
        gps_ifd: Mapping[int, Any] = dict(exif.get_ifd(_GPS_IFD))
    except _PARSE_ERRORS:
        ifd0, exif_ifd, gps_ifd = {}, {}, {}
    orientation = orientation_from(ifd0)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    latitude, longitude = gps_from(gps_ifd)
    info = PhotoInfo(
        width=width,
        height=height,
        orientation=orientation,
        taken_at=taken_at_from(ifd0, exif_ifd),
        latitude=latitude,
        longitude=longitude,
        camera=camera_from(ifd0),
        format=fmt,
    )
    warnings = []
    written = _text(exif_ifd.get(_DT_ORIGINAL)) or _text(ifd0.get(_DATETIME))
    if info.taken_at is None and written:
        warnings.append(f"촬영 시각 '{written[:25]}'이(가) 올바르지 않아 '알 수 없음'으로 둡니다")
    if latitude is None and (gps_ifd.get(_LAT) is not None or gps_ifd.get(_LON) is not None):
        warnings.append("GPS 위치 값이 올바르지 않아 '알 수 없음'으로 둡니다")
    return info, tuple(warnings)


def orientation_from(ifd0: Mapping[int, Any]) -> int | None:
    """The EXIF orientation (1–8), or None when absent or invalid."""
    value = ifd0.get(_ORIENTATION)
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def taken_at_from(ifd0: Mapping[int, Any], exif_ifd: Mapping[int, Any]) -> datetime | None:
    """The aware time the photo was taken (see the module docstring for the rules)."""
    candidates = (
        (
            exif_ifd.get(_DT_ORIGINAL),
            exif_ifd.get(_OFFSET_ORIGINAL),
            exif_ifd.get(_SUBSEC_ORIGINAL),
        ),
        (
            exif_ifd.get(_DT_DIGITIZED),
            exif_ifd.get(_OFFSET_DIGITIZED),
            exif_ifd.get(_SUBSEC_DIGITIZED),
        ),
        (ifd0.get(_DATETIME), exif_ifd.get(_OFFSET), exif_ifd.get(_SUBSEC)),
    )
    for value, offset, subsec in candidates:
        parsed = parse_exif_datetime(value, offset, subsec)
        if parsed is not None:
            return parsed
    return None


def parse_exif_datetime(value: Any, offset: Any = None, subsec: Any = None) -> datetime | None:
    """``"YYYY:MM:DD HH:MM:SS"`` (+ ``"+09:00"``, + sub-second digits) as an aware datetime."""
    match = _DT_RE.match(_text(value) or "")
    if match is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        stamp = datetime(year, month, day, hour, minute, second, tzinfo=_zone(offset))
    except ValueError:  # "0000:00:00 00:00:00" and other impossible dates
        return None
    digits = "".join(ch for ch in (_text(subsec) or "") if ch.isdigit())
    if digits:
        stamp = stamp.replace(microsecond=int(digits[:6].ljust(6, "0")))
    return stamp


def gps_from(gps_ifd: Mapping[int, Any]) -> tuple[Decimal | None, Decimal | None]:
    """(latitude, longitude) in degrees with 6 decimals, or (None, None)."""
    latitude = coordinate(gps_ifd.get(_LAT), gps_ifd.get(_LAT_REF), 90)
    longitude = coordinate(gps_ifd.get(_LON), gps_ifd.get(_LON_REF), 180)
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        return None, None
    return latitude, longitude


def coordinate(value: Any, ref: Any, limit: int) -> Decimal | None:
    """Degrees from EXIF (d, m, s) rationals and an N/S/E/W reference, rounded to 6 decimals."""
    if value is None:
        return None
    parts = value if isinstance(value, tuple | list) else (value,)
    if not 1 <= len(parts) <= 3:
        return None
    fractions = [_fraction(p) for p in parts]
    if any(f is None for f in fractions):
        return None
    total = sum((f / 60**i for i, f in enumerate(fractions) if f is not None), Fraction(0))
    negative = total < 0 or (_text(ref) or "").upper()[:1] in ("S", "W")
    magnitude = abs(total)
    if magnitude > limit:
        return None
    micro = math.floor(magnitude * _MICRO + Fraction(1, 2))
    return Decimal(-micro if negative else micro).scaleb(-6)


def camera_from(ifd0: Mapping[int, Any]) -> str | None:
    """``"Make Model"``, without repeating the maker when the model already names it."""
    make, model = _text(ifd0.get(_MAKE)), _text(ifd0.get(_MODEL))
    if make and model:
        if model.lower().startswith(make.split()[0].lower()):
            return model
        return f"{make} {model}"
    return model or make or None


def _fraction(value: Any) -> Fraction | None:
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if isinstance(numerator, int) and isinstance(denominator, int):
        return Fraction(numerator, denominator) if denominator else None
    if isinstance(value, float) and math.isfinite(value):
        return Fraction(value)
    return None


def _zone(offset: Any) -> timezone:
    match = _OFFSET_RE.fullmatch(_text(offset) or "")
    if match is None:
        return KST
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    if delta > timedelta(hours=14) or int(minutes) >= 60:
        return KST
    return timezone(-delta if sign == "-" else delta)


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return None
    return value.strip("\x00 \t\r\n") or None
