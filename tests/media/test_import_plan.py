"""Planning a photo import: every kind of bad file gets its answer, duplicates, GPS and dates."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from photo_files import jpeg_bytes, write_jpeg

from gwinong_desktop.domain.enums import InspectionKind, PhotoPhase
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.media.exif import KST
from gwinong_desktop.media.import_plan import (
    DUPLICATE,
    MATCH_RADIUS_M,
    NEW,
    REFUSED,
    HouseSpot,
    InspectionSpot,
    distance_m,
    expand_paths,
    plan_photos,
    position_proposals,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=KST)
# two houses about 1.1 km apart in 진안군, and one without a position
HOUSES = [
    HouseSpot(1, "JA-001", "JA-001 마령면", Decimal("35.759000"), Decimal("127.420000")),
    HouseSpot(2, "JA-002", "JA-002 백운면", Decimal("35.769000"), Decimal("127.420000")),
    HouseSpot(3, "JA-003", "JA-003 부귀면"),
]


def _plan(paths: list[Path], **kw: object):
    return plan_photos(paths, houses=HOUSES, now=NOW, **kw)  # type: ignore[arg-type]


def test_haversine_distance_is_right() -> None:
    # one hundredth of a degree of latitude is 1,111.95 m on the mean radius
    d = distance_m(Decimal("35.759"), Decimal("127.42"), Decimal("35.769"), Decimal("127.42"))
    assert d == pytest.approx(1111.95, abs=0.05)
    assert distance_m(Decimal(1), Decimal(2), Decimal(1), Decimal(2)) == 0


def test_each_bad_file_gets_its_answer_and_the_rest_goes_on(
    tmp_path: Path, samples: Path, png_claiming: Callable[[int, int], bytes]
) -> None:
    good = write_jpeg(tmp_path / "좋음.jpg")
    (tmp_path / "메모.jpg").write_text("사진이 아닙니다")
    (tmp_path / "빈.jpg").write_bytes(b"")
    whole = (samples / "jpg_gps_DSCN0010.jpg").read_bytes()
    (tmp_path / "잘림.jpg").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "폭탄.png").write_bytes(png_claiming(30000, 30000))
    paths = [tmp_path / n for n in ("메모.jpg", "빈.jpg", "잘림.jpg", "폭탄.png")]
    plan = _plan([*paths, tmp_path / "사라짐.jpg", good])
    reasons = {p.name: (p.status, p.reason) for p in plan.photos}
    assert reasons == {
        "메모.jpg": (REFUSED, "사진 파일을 읽을 수 없습니다: 메모.jpg "
                     "(JPEG·PNG·HEIC만 지원합니다)"),
        "빈.jpg": (REFUSED, "빈 파일입니다 (0바이트): 빈.jpg"),
        "잘림.jpg": (REFUSED, "사진 파일이 손상되어 읽을 수 없습니다: 잘림.jpg"),
        "폭탄.png": (REFUSED, "사진이 너무 큽니다: 폭탄.png (900,000,000 화소). "
                     "8,948만 화소 이하의 사진만 넣을 수 있습니다"),
        "사라짐.jpg": (REFUSED, "파일이 없어졌습니다 (옮겨지거나 지워짐): 사라짐.jpg"),
        "좋음.jpg": (NEW, ""),
    }  # fmt: skip
    assert plan.counts == {NEW: 1, DUPLICATE: 0, REFUSED: 5}


def test_real_phone_and_camera_files_are_new_with_thumbnails(samples: Path) -> None:
    names = ["heic_IMG_5195.HEIC", "jpg_orientation_portrait_6.jpg", "jpg_invalid_image01551.jpg"]
    plan = _plan([samples / n for n in names])
    assert [p.status for p in plan.photos] == [NEW, NEW, NEW]
    heic, portrait, no_exif = plan.photos
    assert heic.info is not None and heic.info.format == "HEIF"
    assert heic.taken_on == date(2021, 4, 12)  # 15:47 at UTC-5 is the next morning in Korea
    assert portrait.info is not None and portrait.info.height > portrait.info.width
    assert no_exif.info is not None and no_exif.info.taken_at is None and no_exif.warnings == ()
    assert all(p.thumbnail and p.thumbnail[:2] == b"\xff\xd8" for p in plan.photos)


def test_impossible_dates_are_kept_unknown_with_a_warning(tmp_path: Path) -> None:
    old = write_jpeg(tmp_path / "a.jpg", taken="1970:01:01 09:00:00")
    future = write_jpeg(tmp_path / "b.jpg", (1, 2, 3), taken="2031:05:01 09:00:00")
    nonsense = write_jpeg(tmp_path / "c.jpg", (4, 5, 6), taken="2026:02:30 09:00:00")
    plan = _plan([old, future, nonsense])
    assert [p.status for p in plan.photos] == [NEW, NEW, NEW]
    assert all(p.info is not None and p.info.taken_at is None for p in plan.photos)
    assert plan.photos[0].warnings == (
        "촬영 시각 1970-01-01 09:00은(는) 카메라 시계가 맞지 않은 것 같아 '알 수 없음'으로 둡니다",
    )
    assert "2031-05-01" in plan.photos[1].warnings[0]
    assert plan.photos[2].warnings == (
        "촬영 시각 '2026:02:30 09:00:00'이(가) 올바르지 않아 '알 수 없음'으로 둡니다",
    )


def test_duplicates_of_stored_photos_and_within_the_batch(tmp_path: Path) -> None:
    a = write_jpeg(tmp_path / "a.jpg")
    same = tmp_path / "복사본.jpg"
    shutil.copy(a, same)
    stored = write_jpeg(tmp_path / "stored.jpg", (200, 0, 0))
    known = {_sha(stored): "JA-001의 '옛날.jpg'"}
    plan = _plan([a, same, stored], known=known.get)
    assert [(p.status, p.reason) for p in plan.photos] == [
        (NEW, ""),
        (DUPLICATE, "이미 있는 사진입니다: 이번에 고른 'a.jpg'와(과) 같은 파일"),
        (DUPLICATE, "이미 있는 사진입니다: JA-001의 '옛날.jpg'"),
    ]


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_gps_proposes_the_nearest_house_within_the_radius(tmp_path: Path) -> None:
    near1 = write_jpeg(tmp_path / "1.jpg", (1, 1, 1), gps=("35.759900", "127.420000"))  # 100 m
    near2 = write_jpeg(tmp_path / "2.jpg", (2, 2, 2), gps=("35.768000", "127.420000"))  # 111 m
    far = write_jpeg(tmp_path / "3.jpg", (3, 3, 3), gps=("35.800000", "127.420000"))  # 3.4 km
    plan = _plan([near1, near2, far])
    assert [p.house_id for p in plan.photos] == [1, 2, None]
    assert plan.photos[0].distance_m == pytest.approx(100.1, abs=0.5)
    assert MATCH_RADIUS_M == 300


def test_gps_beats_the_house_given_but_says_so(tmp_path: Path) -> None:
    photo = write_jpeg(tmp_path / "1.jpg", gps=("35.759900", "127.420000"))
    far = write_jpeg(tmp_path / "2.jpg", (9, 9, 9), gps=("35.800000", "127.420000"))
    plan = _plan([photo, far], house_id=2)
    assert plan.photos[0].house_id == 1
    assert plan.photos[0].warnings == (
        "찍은 곳이 JA-001 마령면에서 100 m입니다 (JA-002 백운면이 아니라)",
    )
    assert plan.photos[1].house_id == 2
    assert plan.photos[1].warnings == ("찍은 곳이 JA-002 백운면에서 3.4 km 떨어져 있습니다",)


def test_inspection_of_the_house_that_day_sets_the_phase(tmp_path: Path) -> None:
    inspections = [
        InspectionSpot(7, 1, date(2026, 11, 20), InspectionKind.COMPLETION, "준공 점검"),
        InspectionSpot(8, 2, date(2026, 11, 20), InspectionKind.REGULAR, "정기 점검"),
    ]
    at_1 = write_jpeg(tmp_path / "1.jpg", gps=("35.759100", "127.420000"))
    next_day = write_jpeg(tmp_path / "2.jpg", (5, 5, 5), taken="2026:11:21 09:00:00",
                          gps=("35.759100", "127.420000"))  # fmt: skip
    plan = _plan([at_1, next_day], inspections=inspections)
    assert [(p.inspection_id, p.phase) for p in plan.photos] == [
        (7, PhotoPhase.AFTER),
        (None, PhotoPhase.INSPECTION),
    ]
    given = _plan([next_day], inspections=inspections, inspection_id=8)
    assert (given.photos[0].house_id, given.photos[0].inspection_id) == (2, 8)


def test_first_geotagged_photos_propose_a_position_for_a_house_without_one(tmp_path: Path) -> None:
    spots = [("35.900000", "127.500000"), ("35.900100", "127.500200"), ("35.900300", "127.500100")]
    files = [write_jpeg(tmp_path / f"{i}.jpg", (i, i, i), gps=g) for i, g in enumerate(spots)]
    plan = _plan([*files, write_jpeg(tmp_path / "x.jpg", (9, 9, 9))], house_id=3)
    assert [p.house_id for p in plan.photos] == [3, 3, 3, 3]
    proposals = position_proposals(plan.photos, HOUSES, {i: 3 for i in range(4)})
    assert proposals == {3: (Decimal("35.900100"), Decimal("127.500100"), 3)}
    assert position_proposals(plan.photos, HOUSES, {0: 1}) == {}  # house 1 has a position


def test_a_folder_is_walked_and_other_files_are_named(tmp_path: Path) -> None:
    dcim = tmp_path / "DCIM"
    write_jpeg(dcim / "100PHONE" / "b.JPG")
    write_jpeg(dcim / "100PHONE" / "a.jpg", (1, 1, 1))
    (dcim / "100PHONE" / "clip.mp4").write_bytes(b"\0" * 10)
    write_jpeg(dcim / ".thumbnails" / "t.jpg")
    files, skipped = expand_paths([dcim])
    assert [f.name for f in files] == ["a.jpg", "b.JPG"]
    assert skipped == ["clip.mp4"]


def test_progress_and_cancel(tmp_path: Path) -> None:
    files = [write_jpeg(tmp_path / f"{i}.jpg", (i, 0, 0)) for i in range(5)]
    seen: list[tuple[int, int]] = []
    state = TaskState(lambda d, t, _: seen.append((d, t)))
    plan_photos(files, state)
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)

    def cancel_at_two(done: int, total: int, label: str) -> None:
        if done == 2:
            state.cancel()

    state = TaskState(cancel_at_two)
    with pytest.raises(Cancelled):
        plan_photos(files, state)


def test_bytes_are_read_once_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_jpeg(tmp_path / "a.jpg", size=(640, 480))
    reads: list[str] = []
    real = Path.open

    def counting(self: Path, *args: object, **kw: object):
        reads.append(self.name)
        return real(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", counting)
    plan = plan_photos([path])
    assert reads == ["a.jpg"] and plan.photos[0].status == NEW
    assert jpeg_bytes() != b""
