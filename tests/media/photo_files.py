"""Small JPEGs with chosen EXIF (time, GPS) for the import tests."""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from PIL import Image
from PIL.TiffImagePlugin import IFDRational


def _dms(value: Decimal) -> tuple[IFDRational, IFDRational, IFDRational]:
    v = Fraction(abs(value))
    d = int(v)
    m = int((v - d) * 60)
    s = (v - d - Fraction(m, 60)) * 3600
    return IFDRational(d, 1), IFDRational(m, 1), IFDRational(int(s * 10**6), 10**6)


def jpeg_bytes(
    colour: tuple[int, int, int] = (90, 120, 150),
    *,
    taken: str | None = "2026:11:20 10:30:00",
    gps: tuple[str, str] | None = None,
    size: tuple[int, int] = (64, 48),
) -> bytes:
    """A JPEG with ``DateTimeOriginal`` = ``taken`` and, if given, GPS (decimal degrees)."""
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = taken
    if gps is not None:
        lat, lon = Decimal(gps[0]), Decimal(gps[1])
        g = exif.get_ifd(0x8825)
        g.update({1: "N" if lat >= 0 else "S", 2: _dms(lat), 3: "E" if lon >= 0 else "W",
                  4: _dms(lon)})  # fmt: skip
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def write_jpeg(path: Path, colour: tuple[int, int, int] = (90, 120, 150), **kw: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(jpeg_bytes(colour, **kw))  # type: ignore[arg-type]
    return path
