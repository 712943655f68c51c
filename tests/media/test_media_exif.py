"""Reading photo headers: real camera files, orientation, time zones, GPS, refusals."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from gwinong_desktop.media import _pil
from gwinong_desktop.media.errors import (
    HeicNotSupportedError,
    ImageTooLargeError,
    MediaError,
    SourceFileError,
    UnreadableImageError,
)
from gwinong_desktop.media.exif import (
    KST,
    PhotoInfo,
    coordinate,
    gps_from,
    parse_exif_datetime,
    read_photo_info,
)

# Expected values worked out by hand from each file's GPS rationals (d/1, m/1, s/10⁸), rounded to
# six decimals; Nikon wrote local time with no offset, so KST is assumed.
GPS_SAMPLES = [
    (
        "jpg_gps_DSCN0010.jpg",
        "43.467448",
        "11.885127",
        datetime(2008, 10, 22, 16, 28, 39, tzinfo=KST),
    ),
    (
        "jpg_gps_DSCN0012.jpg",
        "43.467157",
        "11.885395",
        datetime(2008, 10, 22, 16, 29, 49, tzinfo=KST),
    ),
    (
        "jpg_gps_DSCN0021.jpg",
        "43.467082",
        "11.884538",
        datetime(2008, 10, 22, 16, 38, 20, tzinfo=KST),
    ),
    (
        "jpg_gps_DSCN0025.jpg",
        "43.468365",
        "11.881635",
        datetime(2008, 10, 22, 16, 43, 21, tzinfo=KST),
    ),
]


@pytest.mark.parametrize(("name", "lat", "lon", "taken"), GPS_SAMPLES)
def test_real_gps_photos_give_their_position_and_time(
    samples: Path, name: str, lat: str, lon: str, taken: datetime
) -> None:
    info = read_photo_info(samples / name)
    assert info == PhotoInfo(
        width=640,
        height=480,
        orientation=1,
        taken_at=taken,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        camera="NIKON COOLPIX P6000",
        format="JPEG",
    )
    assert info.taken_at is not None and info.taken_at.utcoffset() == timedelta(hours=9)
    assert info.latitude is not None and info.latitude.as_tuple().exponent == -6


def test_bytes_read_the_same_as_the_path(samples: Path) -> None:
    path = samples / "jpg_gps_DSCN0010.jpg"
    assert read_photo_info(path.read_bytes()) == read_photo_info(path)
    assert read_photo_info(str(path)) == read_photo_info(path)


def test_canon_file_gives_camera_and_no_position(samples: Path) -> None:
    info = read_photo_info(samples / "jpg_Canon_40D.jpg")
    # Its GPS IFD holds only a version number: no position.
    assert (info.latitude, info.longitude) == (None, None)
    assert info.camera == "Canon EOS 40D"  # the model already names the maker
    assert info.taken_at == datetime(2008, 5, 30, 15, 56, 1, tzinfo=KST)
    assert (info.width, info.height, info.orientation) == (100, 68, 1)


@pytest.mark.parametrize(
    ("name", "size", "orientation"),
    [
        ("jpg_orientation_landscape_1.jpg", (600, 450), 1),
        ("jpg_orientation_landscape_3.jpg", (600, 450), 3),
        ("jpg_orientation_landscape_6.jpg", (600, 450), 6),  # stored 450×600
        ("jpg_orientation_landscape_8.jpg", (600, 450), 8),  # stored 450×600
        ("jpg_orientation_portrait_1.jpg", (450, 600), 1),
        ("jpg_orientation_portrait_6.jpg", (450, 600), 6),  # stored 600×450
    ],
)
def test_size_is_as_displayed_after_orientation(
    samples: Path, name: str, size: tuple[int, int], orientation: int
) -> None:
    info = read_photo_info(samples / name)
    assert (info.width, info.height) == size
    assert info.orientation == orientation
    with Image.open(samples / name) as raw:
        swapped = orientation in (5, 6, 7, 8)
        assert raw.size == (size[::-1] if swapped else size)


@pytest.mark.parametrize("name", ["jpg_invalid_image01551.jpg", "jpg_invalid_image02206.jpg"])
def test_the_invalid_exif_samples_are_valid_images_read_without_metadata(
    samples: Path, name: str
) -> None:
    # These files are "invalid" for EXIF parsers (their APP1 segment is Adobe XMP, not EXIF);
    # the image itself is a sound JPEG, so it is accepted, with no EXIF facts.
    info = read_photo_info(samples / name)
    assert info.format == "JPEG"
    assert (info.orientation, info.taken_at, info.latitude, info.camera) == (None,) * 4
    assert info.width > 0 and info.height > 0


def test_iphone_heic_gives_size_time_zone_and_gps(samples: Path) -> None:
    info = read_photo_info(samples / "heic_IMG_5195.HEIC")
    # the HEIF plugin applies the rotation itself and hands back no orientation to apply again
    assert (info.format, info.width, info.height, info.orientation) == ("HEIF", 2566, 3313, None)
    eastern = timezone(-timedelta(hours=5))
    assert info.taken_at == datetime(2021, 4, 11, 15, 47, 53, 54000, tzinfo=eastern)
    assert info.camera == "Apple iPhone 11 Pro Max"
    # 39° 3' 4.84" N, 94° 17' 19.58" W
    assert (info.latitude, info.longitude) == (Decimal("39.051344"), Decimal("-94.288772"))


def test_heif_without_exif_is_a_photo_without_facts(samples: Path) -> None:
    info = read_photo_info(samples / "heic_samplefilehub.heif")
    assert (info.format, info.width, info.height) == ("HEIF", 640, 426)
    assert (info.taken_at, info.latitude, info.camera) == (None, None, None)


def test_heic_is_recognised_by_content_whatever_its_name(samples: Path) -> None:
    data = (samples / "heic_IMG_5195.HEIC").read_bytes()
    assert read_photo_info(data, name="사진.jpg").format == "HEIF"


def test_heic_without_the_decoder_is_refused_with_a_korean_message(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_pil, "heif_ready", lambda: False)
    name = "heic_IMG_5195.HEIC"
    with pytest.raises(HeicNotSupportedError) as caught:
        read_photo_info(samples / name)
    assert caught.value.message == (
        f"HEIC 사진은 지원하지 않습니다. 휴대폰에서 JPEG로 저장해 다시 넣어 주세요: {name}"
    )
    assert str(caught.value) == caught.value.message
    assert isinstance(caught.value, MediaError)


def test_a_truncated_heic_is_refused_as_damaged(samples: Path) -> None:
    data = (samples / "heic_samplefilehub.heif").read_bytes()
    with pytest.raises(UnreadableImageError, match="손상"):
        read_photo_info(data[:300], name="잘린.heic")


def test_text_is_not_a_photo() -> None:
    with pytest.raises(UnreadableImageError) as caught:
        read_photo_info(b"hello, this is not a photo", name="메모.jpg")
    expected = "사진 파일을 읽을 수 없습니다: 메모.jpg (JPEG·PNG·HEIC만 지원합니다)"
    assert str(caught.value) == expected


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "WEBP"])
def test_other_image_formats_are_refused(fmt: str) -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, fmt)
    with pytest.raises(UnreadableImageError, match="JPEG·PNG·HEIC만 지원합니다"):
        read_photo_info(out.getvalue(), name=f"x.{fmt.lower()}")


def test_a_truncated_header_is_refused_as_damaged(samples: Path) -> None:
    head = (samples / "jpg_gps_DSCN0010.jpg").read_bytes()[:100]
    with pytest.raises(UnreadableImageError) as caught:
        read_photo_info(head, name="잘림.jpg")
    assert caught.value.message == "사진 파일이 손상되어 읽을 수 없습니다: 잘림.jpg"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match=r"사진 파일을 찾을 수 없습니다: 없음\.jpg"):
        read_photo_info(tmp_path / "없음.jpg")


def test_a_png_bomb_header_is_refused_before_decoding(
    png_claiming: Callable[[int, int], bytes],
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and Pillow does not even warn
        with pytest.raises(ImageTooLargeError) as caught:
            read_photo_info(png_claiming(20000, 20000), name="bomb.png")
    assert "사진이 너무 큽니다: bomb.png" in caught.value.message
    assert "400,000,000 화소" in caught.value.message


def test_a_jpeg_between_pillows_warning_and_error_limits_is_refused(
    jpeg_claiming: Callable[[int, int], bytes],
) -> None:
    # 144 megapixels: Pillow's Image.open would only warn here; we refuse, without a warning.
    assert Image.MAX_IMAGE_PIXELS is not None
    assert Image.MAX_IMAGE_PIXELS < 12000 * 12000 < 2 * Image.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ImageTooLargeError):
            read_photo_info(jpeg_claiming(12000, 12000), name="big.jpg")


def test_the_pixel_limit_is_pillows_and_itself_allowed(
    png_claiming: Callable[[int, int], bytes],
) -> None:
    assert _pil.MAX_PIXELS == Image.MAX_IMAGE_PIXELS == 89_478_485
    info = read_photo_info(png_claiming(9459, 9459))  # 89,472,681
    assert (info.width, info.height, info.format) == (9459, 9459, "PNG")
    with pytest.raises(ImageTooLargeError, match="8,948만 화소 이하"):
        read_photo_info(png_claiming(9460, 9460))  # 89,491,600


def test_a_huge_panorama_within_the_limit_is_read(
    png_claiming: Callable[[int, int], bytes],
) -> None:
    info = read_photo_info(png_claiming(20000, 4000), name="파노라마.png")
    assert (info.width, info.height) == (20000, 4000)


def test_impossible_exif_values_are_kept_unknown_with_warnings() -> None:
    from gwinong_desktop.media._pil import open_image
    from gwinong_desktop.media.exif import info_of

    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2024:13:45 99:00:00"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (_r(97), _r(0), _r(0)), 3: "E", 4: (_r(127), _r(0), _r(0))})
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif.tobytes())
    with open_image(out.getvalue(), "x.jpg") as image:
        info, warned = info_of(image)
    assert (info.taken_at, info.latitude, info.longitude) == (None, None, None)
    assert warned == (
        "촬영 시각 '2024:13:45 99:00:00'이(가) 올바르지 않아 '알 수 없음'으로 둡니다",
        "GPS 위치 값이 올바르지 않아 '알 수 없음'으로 둡니다",
    )


def test_png_with_exif_orientation() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    Image.new("RGBA", (40, 20)).save(out, "PNG", exif=exif.tobytes())
    info = read_photo_info(out.getvalue())
    assert (info.format, info.width, info.height, info.orientation) == ("PNG", 20, 40, 6)


def test_offset_time_original_sets_the_zone() -> None:
    exif = Image.Exif()
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:03:01 08:30:00"
    sub[0x9011] = "-05:00"
    sub[0x9291] = "25"
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif.tobytes())
    taken = read_photo_info(out.getvalue()).taken_at
    assert taken == datetime(2024, 3, 1, 8, 30, 0, 250000, tzinfo=timezone(timedelta(hours=-5)))
    assert taken is not None and taken.utcoffset() == timedelta(hours=-5)


def test_datetime_without_offset_is_korean_time() -> None:
    parsed = parse_exif_datetime("2024:03:01 08:30:00\x00")
    assert parsed == datetime(2024, 3, 1, 8, 30, tzinfo=KST)
    assert parsed is not None and parsed.astimezone(UTC).hour == 23


@pytest.mark.parametrize(
    "value", ["0000:00:00 00:00:00", "", "    :  :     :  :  ", "2024:13:01 00:00:00", None, 5]
)
def test_impossible_datetimes_are_no_time(value: object) -> None:
    assert parse_exif_datetime(value) is None


def test_a_nonsense_offset_falls_back_to_korean_time() -> None:
    assert parse_exif_datetime("2024:03:01 08:30:00", "+99:00") == datetime(
        2024, 3, 1, 8, 30, tzinfo=KST
    )


def _r(n: int, d: int = 1) -> IFDRational:
    return IFDRational(n, d)


def test_south_and_west_are_negative() -> None:
    gps = {1: "S", 2: (_r(33), _r(51), _r(5432, 100)), 3: "W", 4: (_r(70), _r(40), _r(0))}
    # 33 + 51/60 + 54.32/3600 = 33.8650888…; 70 + 40/60 = 70.666666…
    assert gps_from(gps) == (Decimal("-33.865089"), Decimal("-70.666667"))


def test_rounding_is_half_away_from_zero() -> None:
    half = (Fraction(1234565, 10**7),)  # 0.1234565 exactly
    assert coordinate(half, "N", 90) == Decimal("0.123457")
    assert coordinate(half, "S", 90) == Decimal("-0.123457")


@pytest.mark.parametrize(
    "gps",
    [
        {},
        {1: "N", 2: (_r(37), _r(30), _r(0))},  # latitude only
        {1: "N", 2: (_r(37), _r(0, 0), _r(0)), 3: "E", 4: (_r(127), _r(0), _r(0))},  # 0/0
        {1: "N", 2: (_r(97), _r(0), _r(0)), 3: "E", 4: (_r(127), _r(0), _r(0))},  # out of range
        {1: "N", 2: (_r(0), _r(0), _r(0)), 3: "E", 4: (_r(0), _r(0), _r(0))},  # no fix
    ],
)
def test_unusable_gps_is_no_position(gps: dict[int, object]) -> None:
    assert gps_from(gps) == (None, None)


def test_decimal_degrees_in_one_rational_are_read() -> None:
    assert coordinate((_r(37566535, 10**6),), b"N\x00", 90) == Decimal("37.566535")
