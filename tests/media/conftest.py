"""Fixtures for the media tests: the sample photos (tests/data/photos) and small crafted images."""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("GWINONG_TEST_PHOTOS", REPO_ROOT / "tests" / "data" / "photos"))


@pytest.fixture(scope="session")
def samples() -> Path:
    """The read-only folder of real camera files, kept in the repository (CC BY-SA 4.0)."""
    assert (SAMPLES / "jpg_gps_DSCN0010.jpg").is_file(), f"sample photos not found at {SAMPLES}"
    return SAMPLES.resolve()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG that claims the given size: signature, IHDR, an empty IDAT and IEND (no pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A tiny real JPEG whose frame header (SOF0) is patched to claim the given size."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 120, 150)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.fixture(scope="session")
def png_claiming() -> Callable[[int, int], bytes]:
    """Make a pixel-less PNG that claims a size (to test limits without allocating anything)."""
    return _png_claiming


@pytest.fixture(scope="session")
def jpeg_claiming() -> Callable[[int, int], bytes]:
    """Make a small JPEG whose header claims a size."""
    return _jpeg_claiming
