"""Thumbnails: size, orientation, draft mode, colour modes, refusals, and the on-disk cache."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat, JpegImagePlugin

from gwinong_desktop.media import thumbs
from gwinong_desktop.media.errors import (
    HeicNotSupportedError,
    ImageTooLargeError,
    MediaError,
    UnreadableImageError,
)
from gwinong_desktop.media.thumbs import ThumbnailCache, make_thumbnail

ORIENTATION_SAMPLES = [
    "jpg_orientation_landscape_1.jpg",
    "jpg_orientation_landscape_3.jpg",
    "jpg_orientation_landscape_6.jpg",
    "jpg_orientation_landscape_8.jpg",
    "jpg_orientation_portrait_1.jpg",
    "jpg_orientation_portrait_6.jpg",
]


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _rgb(image: Image.Image, x: int, y: int) -> tuple[int, int, int]:
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple) and len(pixel) == 3
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.parametrize("name", ORIENTATION_SAMPLES)
@pytest.mark.parametrize("max_px", [64, 256])
def test_longer_side_is_at_most_max_px(samples: Path, name: str, max_px: int) -> None:
    thumb = _open(make_thumbnail(samples / name, max_px))
    assert thumb.format == "JPEG"
    assert thumb.mode == "RGB"
    assert max(thumb.size) == max_px


def test_portrait_6_comes_out_taller_than_wide(samples: Path) -> None:
    path = samples / "jpg_orientation_portrait_6.jpg"
    with Image.open(path) as raw:
        assert raw.width > raw.height  # stored lying on its side
    thumb = _open(make_thumbnail(path))
    assert thumb.height > thumb.width
    assert thumb.size == (192, 256)
    assert not thumb.getexif().get(0x0112)  # no orientation left to apply twice


@pytest.mark.parametrize("name", ORIENTATION_SAMPLES[1:4])
def test_rotated_samples_look_like_the_upright_one(samples: Path, name: str) -> None:
    upright = _open(make_thumbnail(samples / "jpg_orientation_landscape_1.jpg", 128))
    thumb = _open(make_thumbnail(samples / name, 128))
    assert thumb.size == upright.size
    # Each sample shows its own number in the middle, so they differ a little; upside down they
    # would differ a lot.
    same = _mean_difference(upright, thumb)
    flipped = _mean_difference(upright, thumb.transpose(Image.Transpose.ROTATE_180))
    assert same < 30 < flipped


def test_jpeg_draft_mode_is_used(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, object]] = []
    real_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self: JpegImagePlugin.JpegImageFile, mode: str | None, size: Any) -> Any:
        calls.append((mode, size))
        return real_draft(self, mode, size)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    make_thumbnail(samples / "jpg_gps_DSCN0010.jpg", 100)
    assert calls[0] == ("RGB", (100, 100))


def test_small_images_are_not_enlarged(samples: Path) -> None:
    assert _open(make_thumbnail(samples / "jpg_Canon_40D.jpg", 256)).size == (100, 68)


def test_bytes_work_like_a_path(samples: Path) -> None:
    path = samples / "jpg_gps_DSCN0012.jpg"
    assert make_thumbnail(path.read_bytes()) == make_thumbnail(path)


def test_transparent_png_goes_on_white() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG")
    thumb = _open(make_thumbnail(out.getvalue(), 60))
    assert thumb.size == (60, 40)
    assert all(channel > 245 for channel in _rgb(thumb, 30, 20))


def test_palette_png_is_made_full_colour() -> None:
    out = io.BytesIO()
    Image.new("RGB", (100, 100), (200, 30, 30)).convert("P").save(out, "PNG")
    red, green, _ = _rgb(_open(make_thumbnail(out.getvalue(), 50)), 25, 25)
    assert red > 180 and green < 60


def test_sixteen_bit_grey_is_scaled_not_clipped() -> None:
    out = io.BytesIO()
    Image.new("I;16", (64, 64), 32768).save(out, "PNG")
    grey, _, _ = _rgb(_open(make_thumbnail(out.getvalue(), 32)), 16, 16)
    assert 120 <= grey <= 136


def test_heic_thumbnail_is_upright_and_small(samples: Path) -> None:
    thumb = _open(make_thumbnail(samples / "heic_IMG_5195.HEIC", 128))
    assert thumb.format == "JPEG" and thumb.size == (99, 128)  # portrait, as the phone shows it


def test_heic_without_the_decoder_is_refused(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gwinong_desktop.media import _pil

    monkeypatch.setattr(_pil, "heif_ready", lambda: False)
    with pytest.raises(HeicNotSupportedError):
        make_thumbnail(samples / "heic_IMG_5195.HEIC")


def test_a_photo_damaged_after_its_header_is_refused(samples: Path) -> None:
    data = (samples / "jpg_gps_DSCN0010.jpg").read_bytes()
    with pytest.raises(UnreadableImageError) as caught:
        make_thumbnail(data[: len(data) // 2], name="반쪽.jpg")
    assert caught.value.message == "사진 파일이 손상되어 읽을 수 없습니다: 반쪽.jpg"


def test_a_bomb_is_refused(png_claiming: Callable[[int, int], bytes]) -> None:
    with pytest.raises(ImageTooLargeError):
        make_thumbnail(png_claiming(30000, 30000))


def test_max_px_must_be_sensible(samples: Path) -> None:
    with pytest.raises(ValueError):
        make_thumbnail(samples / "jpg_Canon_40D.jpg", 0)


SHA = "ab" + "0" * 62


def test_cache_makes_a_thumbnail_once(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = thumbs.make_thumbnail

    def counting(source: Path, max_px: int = 256) -> bytes:
        made.append(max_px)
        return real(source, max_px)

    monkeypatch.setattr(thumbs, "make_thumbnail", counting)
    cache = ThumbnailCache(tmp_path / "thumbs")
    source = samples / "jpg_orientation_portrait_6.jpg"
    first = cache.get(SHA, source, 128)
    assert first == tmp_path / "thumbs" / "ab" / f"{SHA}-128.jpg"
    assert _open(first.read_bytes()).size == (96, 128)
    assert cache.get(SHA, source, 128) == first
    assert made == [128]
    assert cache.get(SHA, source, 64) != first
    assert made == [128, 64]
    assert [p.name for p in (tmp_path / "thumbs").rglob(".tmp-*")] == []


def test_cache_remakes_an_empty_file(samples: Path, tmp_path: Path) -> None:
    cache = ThumbnailCache(tmp_path)
    path = cache.path_for(SHA, 64)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")  # what a power cut can leave behind
    assert cache.get(SHA, samples / "jpg_Canon_40D.jpg", 64) == path
    assert path.stat().st_size > 0


def test_cache_refuses_a_bad_sha(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ThumbnailCache(tmp_path).path_for("../../etc/passwd")


def test_cache_passes_media_errors_on(tmp_path: Path) -> None:
    (tmp_path / "memo.jpg").write_text("not a photo")
    with pytest.raises(MediaError):
        ThumbnailCache(tmp_path).get(SHA, tmp_path / "memo.jpg")
    assert [p.name for p in tmp_path.rglob("*.jpg")] == ["memo.jpg"]
