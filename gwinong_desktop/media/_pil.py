"""Opening untrusted image files with Pillow, safely (imported only when a photo is read).

Only JPEG and PNG are accepted. The file type is sniffed from its first bytes, then the matching
Pillow plugin reads the header only. Pillow's own decompression-bomb check lives in
``Image.open`` and warns through the process-wide ``warnings`` machinery, which cannot be caught
safely from worker threads; calling the plugin directly skips it, and ``MAX_PIXELS`` is checked
here instead, before any pixel is decoded. Every failure becomes a ``MediaError``.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import (
    HeicNotSupportedError,
    ImageTooLargeError,
    MediaError,
    SourceFileError,
    UnreadableImageError,
)

if TYPE_CHECKING:
    from PIL.ImageFile import ImageFile

MAX_PIXELS = 100_000_000
"""The largest image (width × height) we decode: 1억 화소. Above it, refused as a possible bomb."""

ImageSource = Path | str | bytes | bytearray | memoryview

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_HEIF_BRANDS |= {b"mif1", b"mif2", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_SUFFIXES = {".heic", ".heif", ".hif"}
_PARSE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error)


def sniff_format(head: bytes) -> str | None:
    """``"JPEG"``, ``"PNG"``, ``"HEIF"`` or ``"AVIF"`` from a file's first 64 bytes, else None."""
    if head.startswith(_JPEG_MAGIC):
        return "JPEG"
    if head.startswith(_PNG_MAGIC):
        return "PNG"
    if head[4:8] == b"ftyp":
        box_size = int.from_bytes(head[0:4], "big")
        major = head[8:12]
        brands = {major} | {head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
        if major in _AVIF_BRANDS:
            return "AVIF"
        if brands & _HEIF_BRANDS:
            return "HEIF"
    return None


def display_name(source: ImageSource, name: str | None) -> str:
    """The file name to show in messages."""
    if name:
        return name
    if isinstance(source, str | Path):
        return Path(source).name or str(source)
    return "(이름 없는 사진)"


def unreadable(name: str) -> UnreadableImageError:
    """The error for bytes that are not an image we read."""
    msg = f"사진 파일을 읽을 수 없습니다: {name} (JPEG·PNG만 지원합니다)"
    return UnreadableImageError(msg, file_name=name)


def damaged(name: str) -> UnreadableImageError:
    """The error for a JPEG or PNG whose data is broken."""
    return UnreadableImageError(f"사진 파일이 손상되어 읽을 수 없습니다: {name}", file_name=name)


@contextmanager
def open_image(source: ImageSource, name: str | None = None) -> Iterator[ImageFile]:
    """Open a JPEG or PNG (header only) for the ``with`` body; close it afterwards.

    Pillow errors raised in the body (decoding a damaged file, for example) become
    ``MediaError`` too, so callers need not know Pillow's exception types.
    """
    from PIL import Image

    shown = display_name(source, name)
    fp = _open_source(source, shown)
    try:
        head = fp.read(64)
        kind = sniff_format(head)
        suffix = Path(shown).suffix.lower()
        if kind == "HEIF" or (kind is None and suffix in _HEIF_SUFFIXES):
            msg = (
                f"HEIC 사진은 지원하지 않습니다. 휴대폰에서 JPEG로 저장해 다시 넣어 주세요: {shown}"
            )
            raise HeicNotSupportedError(msg, file_name=shown)
        if kind not in ("JPEG", "PNG"):
            raise unreadable(shown)
        fp.seek(0)
        image = _plugin_open(kind, fp)
        width, height = image.size
        if width <= 0 or height <= 0:
            raise damaged(shown)
        if width * height > MAX_PIXELS:
            msg = (
                f"사진이 너무 큽니다: {shown} (가로 {width} × 세로 {height} 픽셀). "
                "1억 화소 이하의 사진만 넣을 수 있습니다"
            )
            raise ImageTooLargeError(msg, file_name=shown)
        try:
            yield image
        finally:
            image.close()
    except MediaError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"사진이 너무 큽니다: {shown}", file_name=shown) from exc
    except _PARSE_ERRORS as exc:
        raise damaged(shown) from exc
    finally:
        fp.close()


def _plugin_open(kind: str, fp: BinaryIO) -> ImageFile:
    if kind == "JPEG":
        from PIL import JpegImagePlugin

        return JpegImagePlugin.jpeg_factory(fp)
    from PIL import PngImagePlugin

    return PngImagePlugin.PngImageFile(fp)


def _open_source(source: ImageSource, shown: str) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(source))
    path = Path(source)
    if path.is_dir():
        raise SourceFileError(f"파일이 아니라 폴더입니다: {shown}", file_name=shown)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise SourceFileError(f"사진 파일을 찾을 수 없습니다: {shown}", file_name=shown) from None
    except OSError as exc:
        reason = "권한 없음" if isinstance(exc, PermissionError) else exc.strerror or "입출력 오류"
        msg = f"사진 파일을 열 수 없습니다: {shown} ({reason})"
        raise SourceFileError(msg, file_name=shown) from exc
