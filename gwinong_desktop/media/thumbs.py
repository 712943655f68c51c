"""Small JPEG previews of photos, made cheaply and cached on disk (Pillow imported on use).

For a JPEG, ``Image.draft`` makes libjpeg decode at 1/2, 1/4 or 1/8 scale, so a 12 MP photo is
never decoded at full size; the EXIF orientation is applied after shrinking, where turning the
picture costs a fraction of a millisecond instead of tens of milliseconds.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import write_atomically
from ._pil import ImageSource, open_image
from .errors import MediaError
from .store import is_sha256

if TYPE_CHECKING:
    from PIL.Image import Image

DEFAULT_MAX_PX = 256
JPEG_QUALITY = 85
_MAX_THUMB_PX = 4096
_SIXTEEN_BIT = ("I", "I;16", "I;16B", "I;16L", "I;16N")


def make_thumbnail(
    source: ImageSource, max_px: int = DEFAULT_MAX_PX, *, name: str | None = None
) -> bytes:
    """JPEG bytes of the photo, upright, with its longer side at most ``max_px`` pixels.

    ``source`` is a path or the file's bytes; raises ``MediaError`` as ``read_photo_info`` does,
    and also when the image data turns out to be damaged while decoding.
    """
    if not 1 <= max_px <= _MAX_THUMB_PX:
        raise ValueError(f"max_px must be 1..{_MAX_THUMB_PX}, not {max_px}")
    with open_image(source, name) as opened:
        return thumbnail_of(opened, max_px)


def thumbnail_of(opened: Any, max_px: int = DEFAULT_MAX_PX) -> bytes:
    """JPEG bytes of an image opened by ``_pil.open_image`` (shrunk first, then turned upright:
    draft mode for JPEG, the embedded thumbnail for HEIC when one is big enough)."""
    return thumbnails_of(opened, (max_px,))[0]


def thumbnails_of(opened: Any, sizes: tuple[int, ...]) -> list[bytes]:
    """:func:`thumbnail_of` for each of ``sizes`` from one decode: the image is decoded (in
    draft mode) for the largest, and each smaller one is shrunk from the one before."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    largest = max(sizes)
    if opened.format in ("JPEG", "MPO"):
        opened.draft("RGB", (largest, largest))
    icc_profile = opened.info.get("icc_profile")
    image: Image = opened
    if image.mode in ("1", "P", "PA"):  # palette images resize badly: make them full colour
        image = image.convert("RGBA")
    made: dict[int, bytes] = {}
    for max_px in sorted(set(sizes), reverse=True):
        if max_px == largest:
            image.thumbnail((max_px, max_px), PILImage.Resampling.BICUBIC)
            rgb = _to_rgb(ImageOps.exif_transpose(image))
        else:
            rgb = rgb.copy()
            rgb.thumbnail((max_px, max_px), PILImage.Resampling.BICUBIC)
        out = io.BytesIO()
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=icc_profile)
        made[max_px] = out.getvalue()
    return [made[s] for s in sizes]


class ThumbnailCache:
    """Thumbnails kept as ``<cache_dir>/<sha[0:2]>/<sha>-<max_px>.jpg``, each made once.

    Files are renamed into place after writing, so a reader never sees a partial thumbnail. They
    are not fsynced (a cache can be rebuilt); an empty file left by a power cut is remade.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)

    def path_for(self, sha256: str, max_px: int = DEFAULT_MAX_PX) -> Path:
        """Where the thumbnail of the photo with this SHA-256 and size is (or would be) cached."""
        if not is_sha256(sha256):
            raise ValueError(f"not a lower-case hex SHA-256: {sha256!r}")
        return self.cache_dir / sha256[:2] / f"{sha256}-{int(max_px)}.jpg"

    def get(self, sha256: str, source_path: Path, max_px: int = DEFAULT_MAX_PX) -> Path:
        """The cached thumbnail's path, making it from ``source_path`` first if needed."""
        target = self.path_for(sha256, max_px)
        try:
            if target.stat().st_size > 0:
                return target
        except FileNotFoundError:
            pass
        return self.put(sha256, make_thumbnail(source_path, max_px), max_px,
                        name=Path(source_path).name)  # fmt: skip

    def put(self, sha256: str, data: bytes, max_px: int = DEFAULT_MAX_PX, *, name: str) -> Path:
        """Keep ``data`` (made by :func:`thumbnail_of` at ``max_px``) as the photo's thumbnail;
        written to a temporary file and renamed, so a reader never sees it half-written."""
        target = self.path_for(sha256, max_px)
        try:
            write_atomically(target, data, durable=False)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            msg = f"미리보기 사진을 저장하지 못했습니다: {name} ({reason})"
            raise MediaError(msg, file_name=name) from exc
        return target


def _to_rgb(image: Image) -> Image:
    """RGB for JPEG: transparency over white, 16-bit grey scaled down rather than clipped."""
    from PIL import Image as PILImage

    if image.mode == "RGB":
        return image
    if image.mode in _SIXTEEN_BIT:
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("RGB")
    if image.mode in ("RGBA", "LA", "RGBa"):
        rgba = image.convert("RGBA")
        background = PILImage.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
