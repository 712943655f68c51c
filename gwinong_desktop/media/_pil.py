"""Opening untrusted image files with Pillow, safely (imported only when a photo is read).

Only JPEG, PNG and HEIC/HEIF are accepted. The file type is sniffed from its first bytes, then
``Image.open(fp, formats=[that one])`` reads the header only, so no other Pillow plugin ever sees
the bytes. Decompression bombs: Pillow warns above ``Image.MAX_IMAGE_PIXELS`` and raises above
twice that; the warning is made an error (a process-wide ``warnings`` filter, re-installed before
every open because test runners and ``catch_warnings`` reset the filters — a filter, unlike
``catch_warnings``, is safe with worker threads), and ``MAX_PIXELS`` (the same number) is checked
here as well, before any pixel is decoded. Every failure becomes a ``MediaError``. HEIF goes
through ``_heif`` (the one module that knows the decoder).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ._heif import heif_ready
from .errors import (
    HeicNotSupportedError,
    ImageTooLargeError,
    MediaError,
    SourceFileError,
    UnreadableImageError,
)

if TYPE_CHECKING:
    from PIL.ImageFile import ImageFile

MAX_PIXELS = 89_478_485
"""The largest image (width × height) we decode: Pillow's own ``MAX_IMAGE_PIXELS`` (about 8,900만
화소; a 20000 × 4000 phone panorama fits). Above it, refused as a possible bomb."""
ACCEPTED = ("JPEG", "PNG", "HEIF")

ImageSource = Path | str | bytes | bytearray | memoryview

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_HEIF_BRANDS |= {b"mif1", b"mif2", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_SUFFIXES = {".heic", ".heif", ".hif"}
_PARSE_ERRORS = (
    OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, RuntimeError, struct.error
)  # fmt: skip


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
    msg = f"사진 파일을 읽을 수 없습니다: {name} (JPEG·PNG·HEIC만 지원합니다)"
    return UnreadableImageError(msg, file_name=name)


def damaged(name: str) -> UnreadableImageError:
    """The error for a JPEG, PNG or HEIC whose data is broken (or cut short)."""
    return UnreadableImageError(f"사진 파일이 손상되어 읽을 수 없습니다: {name}", file_name=name)


def too_large(name: str, size: tuple[int, int] | str | None = None) -> ImageTooLargeError:
    """The error for an image with more pixels than ``MAX_PIXELS`` (a possible bomb); ``size``
    is (width, height), or Pillow's bomb message, which names the pixel count."""
    if isinstance(size, tuple):
        shown = f" (가로 {size[0]} × 세로 {size[1]} 픽셀)"
    else:
        found = re.search(r"\((\d+) pixels\)", size or "")
        shown = f" ({int(found.group(1)):,} 화소)" if found else ""
    msg = (
        f"사진이 너무 큽니다: {name}{shown}. "
        f"{MAX_PIXELS / 10_000:,.0f}만 화소 이하의 사진만 넣을 수 있습니다"
    )
    return ImageTooLargeError(msg, file_name=name)


def _bombs_are_errors() -> type[Warning]:
    from PIL import Image

    category = Image.DecompressionBombWarning
    if not any(f[0] == "error" and f[2] is category for f in warnings.filters):
        warnings.filterwarnings("error", category=category)
    return category


@contextmanager
def open_image(source: ImageSource, name: str | None = None) -> Iterator[ImageFile]:
    """Open a JPEG, PNG or HEIC (header only) for the ``with`` body; close it afterwards.

    Pillow errors raised in the body (decoding a damaged file, for example) become
    ``MediaError`` too, so callers need not know Pillow's exception types.
    """
    from PIL import Image

    shown = display_name(source, name)
    fp = _open_source(source, shown)
    bomb_warning = _bombs_are_errors()
    try:
        head = fp.read(64)
        kind = sniff_format(head)
        suffix = Path(shown).suffix.lower()
        if kind == "HEIF" or (kind is None and suffix in _HEIF_SUFFIXES):
            if not heif_ready():
                msg = (
                    "HEIC 사진은 지원하지 않습니다. 휴대폰에서 JPEG로 저장해 다시 넣어 주세요: "
                    f"{shown}"
                )
                raise HeicNotSupportedError(msg, file_name=shown)
            kind = "HEIF" if kind == "HEIF" else None
            if kind is None:  # named .heic but no HEIF header: broken, not another format
                raise damaged(shown)
        if kind not in ACCEPTED:
            raise unreadable(shown)
        fp.seek(0)
        image = Image.open(fp, formats=[kind])
        width, height = image.size
        if width <= 0 or height <= 0:
            raise damaged(shown)
        if width * height > MAX_PIXELS:
            raise too_large(shown, (width, height))
        try:
            yield image
        finally:
            image.close()
    except MediaError:
        raise
    except (Image.DecompressionBombError, bomb_warning) as exc:
        raise too_large(shown, str(exc)) from exc
    except MemoryError as exc:  # a header that passed the checks but still would not fit
        raise too_large(shown) from exc
    except _PARSE_ERRORS as exc:
        raise damaged(shown) from exc
    finally:
        fp.close()


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
