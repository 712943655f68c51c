"""Importing photos through ``Services.photos``: plan, commit, dedupe, cancel, positions."""

from __future__ import annotations

import io
import shutil
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot, Role
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.media import workers
from gwinong_desktop.media.store import sha256_of_file
from gwinong_desktop.media.thumbs import DEFAULT_MAX_PX, ThumbnailCache
from gwinong_desktop.services import Services
from gwinong_desktop.services import photos as photo_service
from gwinong_desktop.services.photo_views import THUMBS_FOLDER
from gwinong_desktop.services.photos import Decision, Decisions, ImportCancelled, proposed_decisions
from gwinong_desktop.storage.models import AuditEvent, House, Photo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "media"))
from photo_files import write_jpeg

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "photos"


def _house(svc: Services, code: str | None = None) -> House:
    with svc.ctx.read() as s:
        stmt = select(House).where(House.latitude.is_not(None)).order_by(House.code)
        if code:
            stmt = select(House).where(House.code == code)
        house = s.scalars(stmt).first()
        assert house is not None
        s.expunge(house)
        return house


def _photo_rows(svc: Services) -> list[Photo]:
    with svc.ctx.read() as s:
        rows = list(s.scalars(select(Photo).order_by(Photo.id)))
        s.expunge_all()
        return rows


def _files_in_store(svc: Services) -> set[str]:
    root = svc.data_dir
    return {p.relative_to(root).as_posix() for p in (root / "photos").rglob("*") if p.is_file()}


def test_plan_and_commit_store_originals_and_rows(svc: Services, tmp_path: Path) -> None:
    house = _house(svc)
    assert house.latitude is not None and house.longitude is not None
    near = (str(house.latitude + Decimal("0.0005")), str(house.longitude))  # about 55 m north
    a = write_jpeg(tmp_path / "전경.jpg", (10, 20, 30), gps=near)
    b = write_jpeg(tmp_path / "내부.jpg", (40, 50, 60), taken=None)
    before = len(_photo_rows(svc))
    plan = svc.photos.plan_import([a, b], house_id=house.id)
    assert [p.house_id for p in plan.photos] == [house.id, house.id]
    assert plan.photos[0].distance_m == pytest.approx(55.6, abs=1)
    decisions = Decisions({
        0: Decision(house.id, PhotoSlot.FRONT, PhotoPhase.AFTER),
        1: Decision(house.id, PhotoSlot.INTERIOR, PhotoPhase.AFTER),
    })  # fmt: skip
    result = svc.photos.commit_import(plan, decisions)
    assert [(o.name, o.status) for o in result.outcomes] == [
        ("전경.jpg", "stored"),
        ("내부.jpg", "stored"),
    ]
    rows = _photo_rows(svc)[before:]
    assert [(r.original_name, r.slot, r.phase, r.house_id) for r in rows] == [
        ("전경.jpg", PhotoSlot.FRONT, PhotoPhase.AFTER, house.id),
        ("내부.jpg", PhotoSlot.INTERIOR, PhotoPhase.AFTER, house.id),
    ]
    first = rows[0]
    assert first.latitude == Decimal(near[0]) and first.taken_at is not None
    assert first.taken_at.isoformat().startswith("2026-11-20T01:30:00")  # 10:30 KST in UTC
    assert rows[1].taken_at is None and rows[1].latitude is None
    stored = svc.data_dir / first.stored_path
    assert stored.read_bytes() == a.read_bytes()  # byte for byte
    assert first.sha256 == sha256_of_file(a)
    assert [o.photo_id for o in result.outcomes] == [r.id for r in rows]
    with svc.ctx.read() as s:
        where = (AuditEvent.entity == "photo", AuditEvent.action == "import")
        summary = s.scalars(select(AuditEvent.summary).where(*where)).all()
    assert summary == ["사진 2장 가져오기"]
    assert not [p for p in svc.safety.check() if p.kind != "unreferenced" and p.table == "photo"]


def test_the_same_bytes_are_not_stored_twice(svc: Services, tmp_path: Path) -> None:
    house = _house(svc)
    a = write_jpeg(tmp_path / "a.jpg", (1, 2, 3))
    plan = svc.photos.plan_import([a], house_id=house.id)
    svc.photos.commit_import(plan, proposed_decisions(plan))
    copy = shutil.copy(a, tmp_path / "다른이름.jpg")
    again = svc.photos.plan_import([a, copy], house_id=house.id)
    assert [p.status for p in again.photos] == ["duplicate", "duplicate"]
    assert again.photos[0].reason == f"이미 있는 사진입니다: {house.code}의 'a.jpg'"
    # stored by someone else between plan and commit: recognised at commit, not stored twice
    b = write_jpeg(tmp_path / "b.jpg", (7, 8, 9))
    plan1 = svc.photos.plan_import([b], house_id=house.id)
    plan2 = svc.photos.plan_import([b], house_id=house.id)
    svc.photos.commit_import(plan1, proposed_decisions(plan1))
    result = svc.photos.commit_import(plan2, proposed_decisions(plan2))
    assert [o.status for o in result.outcomes] == ["duplicate"]
    with svc.ctx.read() as s:
        assert s.scalar(select(func.count()).where(Photo.sha256 == sha256_of_file(b))) == 1


@pytest.mark.parametrize(
    "children", [False, pytest.param(True, marks=pytest.mark.process)], ids=["threads", "children"]
)
def test_cancel_mid_batch_leaves_no_half_stored_photo(
    svc: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, children: bool
) -> None:
    # (children: read and copied in child processes, as a large import is)
    monkeypatch.setattr(workers, "CHILDREN_FROM", 1 if children else 10_000)
    monkeypatch.setattr(photo_service, "BATCH_FILES", 3)
    house = _house(svc)
    files = [write_jpeg(tmp_path / f"{i}.jpg", (i, i, 200)) for i in range(8)]
    plan = svc.photos.plan_import(files, house_id=house.id)
    rows_before, files_before = len(_photo_rows(svc)), _files_in_store(svc)

    state = TaskState(lambda done, total, label: state.cancel() if done == 5 else None)
    with pytest.raises(ImportCancelled) as caught:
        svc.photos.commit_import(plan, proposed_decisions(plan), state)
    assert caught.value.stored == 3  # the first batch; the second (files 4–6) is gone
    assert "먼저 저장한 사진 3장은 남아 있고" in caught.value.message
    rows = _photo_rows(svc)[rows_before:]
    assert [r.original_name for r in rows] == ["0.jpg", "1.jpg", "2.jpg"]
    assert _files_in_store(svc) == files_before | {r.stored_path for r in rows}
    problems = svc.safety.check()
    assert [p for p in problems if p.table == "photo" or p.kind == "unreferenced"] == []
    # the gallery's thumbnails are cached for the stored photos only, whole
    cache = ThumbnailCache(svc.data_dir / THUMBS_FOLDER)
    cached = [p for p in plan.photos if cache.path_for(p.sha256 or "", DEFAULT_MAX_PX).is_file()]
    assert [p.name for p in cached] == ["0.jpg", "1.jpg", "2.jpg"]
    assert cache.path_for(rows[0].sha256).read_bytes() == plan.photos[0].gallery_thumbnail


def test_the_import_fills_the_gallerys_thumbnail_cache(svc: Services, tmp_path: Path) -> None:
    from PIL import Image

    house = _house(svc)
    portrait = tmp_path / "세로.jpg"
    shutil.copy(SAMPLES / "jpg_orientation_portrait_6.jpg", portrait)
    plan = svc.photos.plan_import([portrait], house_id=house.id)
    svc.photos.commit_import(plan, proposed_decisions(plan))
    row = next(r for r in svc.photo_views.for_house(house.id) if r.original_name == "세로.jpg")
    cached = ThumbnailCache(svc.data_dir / THUMBS_FOLDER).path_for(row.sha256, DEFAULT_MAX_PX)
    assert cached.is_file()
    assert svc.photo_views.thumbnail(row) == cached  # the gallery takes it as it is
    with Image.open(cached) as thumb:  # upright and at the gallery's size, as it would make it
        assert thumb.height == DEFAULT_MAX_PX and thumb.width < thumb.height
    with (
        Image.open(tmp_path / "세로.jpg") as original,
        Image.open(io.BytesIO(plan.photos[0].thumbnail or b"")) as small,
    ):  # the confirmation screen's is made from the same decode, upright too
        assert max(small.size) == 96 and small.width < small.height
        assert original.getexif().get(0x0112) == 6


def test_a_file_that_vanishes_or_changes_after_the_plan_is_refused_alone(
    svc: Services, tmp_path: Path
) -> None:
    house = _house(svc)
    gone, changed, fine = (write_jpeg(tmp_path / f"{n}.jpg", (i * 80, 9, 9))
                           for i, n in enumerate(("gone", "changed", "fine")))  # fmt: skip
    plan = svc.photos.plan_import([gone, changed, fine], house_id=house.id)
    files_before = _files_in_store(svc)
    gone.unlink()
    write_jpeg(changed, (255, 0, 0))
    result = svc.photos.commit_import(plan, proposed_decisions(plan))
    assert [(o.name, o.status, o.reason) for o in result.outcomes] == [
        ("gone.jpg", "refused", "파일을 찾을 수 없습니다: gone.jpg"),
        (
            "changed.jpg",
            "refused",
            "확인한 뒤에 파일이 바뀌었습니다. 다시 가져와 주세요: changed.jpg",
        ),
        ("fine.jpg", "stored", ""),
    ]
    assert len(_files_in_store(svc) - files_before) == 1


def test_left_out_and_houseless_photos_are_not_stored(svc: Services, tmp_path: Path) -> None:
    a = write_jpeg(tmp_path / "a.jpg", (1, 1, 1))
    b = write_jpeg(tmp_path / "b.jpg", (2, 2, 2))
    plan = svc.photos.plan_import([a, b])
    assert [p.house_id for p in plan.photos] == [None, None]  # no GPS, no house given
    house = _house(svc)
    decisions = Decisions({0: Decision(house.id, include=False), 1: Decision(None)})
    result = svc.photos.commit_import(plan, decisions)
    assert [(o.status, o.reason) for o in result.outcomes] == [
        ("left_out", "빼고 가져옴"),
        ("left_out", "귀농인의 집을 정하지 않아 빼고 가져옴"),
    ]


def test_confirmed_position_is_set_on_a_house_without_one(svc: Services, tmp_path: Path) -> None:
    house = _house(svc)
    with svc.ctx.write() as s:
        row = s.get(House, house.id)
        assert row is not None
        row.latitude = row.longitude = None
    a = write_jpeg(tmp_path / "a.jpg", gps=("35.800000", "127.400000"))
    plan = svc.photos.plan_import([a], house_id=house.id)
    spot = (Decimal("35.800000"), Decimal("127.400000"))
    decisions = replace(proposed_decisions(plan), positions={house.id: spot})
    result = svc.photos.commit_import(plan, decisions)
    assert result.positions_set == [house.code]
    again = _house(svc, house.code)
    assert (again.latitude, again.longitude) == (Decimal("35.800000"), Decimal("127.400000"))


def test_a_viewer_may_not_import(county_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gwinong_desktop.services.context import ServiceContext
    from gwinong_desktop.services.houses import HouseService

    ctx = ServiceContext(county_db, "viewer", Role.VIEWER)
    viewer = Services(ctx=ctx, houses=HouseService(ctx))
    with pytest.raises(NotPermitted):
        viewer.photos.plan_import([write_jpeg(tmp_path / "a.jpg")])


def test_photos_of_a_planned_visit_day_are_offered_for_the_visit_and_its_inspection(
    svc: Services, tmp_path: Path
) -> None:
    from datetime import date

    from gwinong_desktop.domain.enums import InspectionKind
    from gwinong_desktop.services.inspection_forms import VisitForm

    house = _house(svc)
    assert house.latitude is not None and house.longitude is not None
    near = (str(house.latitude), str(house.longitude))
    day = date(2026, 11, 20)  # write_jpeg's photos are taken on 2026-11-20 10:30 KST
    form = VisitForm(day, "착공 전 방문", InspectionKind.BEFORE_WORKS, house_ids=[house.id])
    visit_id = svc.inspections.save_visit(form).id
    on_day = write_jpeg(tmp_path / "방문날.jpg", (1, 2, 3), gps=near)
    other_day = write_jpeg(tmp_path / "다른날.jpg", (4, 5, 6), gps=near,
                           taken="2026:11:19 10:30:00")  # fmt: skip
    plan = svc.photos.plan_import([on_day, other_day])
    assert [p.visit_id for p in plan.photos] == [visit_id, None]
    assert plan.photos[0].phase is PhotoPhase.BEFORE  # the visit's kind gives the phase
    assert [v.label for v in plan.visits if v.id == visit_id] == ["2026.11.20. 착공 전 방문"]
    svc.photos.commit_import(plan, proposed_decisions(plan))
    stored = {r.original_name: r for r in _photo_rows(svc)}
    assert stored["방문날.jpg"].visit_id == visit_id and stored["다른날.jpg"].visit_id is None
    assert stored["방문날.jpg"].inspection_id is None  # no inspection recorded yet

    # the visit shows its photos per stop; the gallery names the visit
    stop = next(v for v in svc.inspections.list_visits() if v.id == visit_id).stops[0]
    assert stop.photos == 1
    row = next(r for r in svc.photo_views.for_house(house.id) if r.original_name == "방문날.jpg")
    assert row.visit == "2026.11.20. 착공 전 방문" and row.visit_id == visit_id

    # recording the stop's inspection takes the visit's photos of that house along
    inspection = svc.inspections.new_for_stop(stop.id)
    inspection.inspected_on = day
    inspection_id = svc.inspections.save(inspection).id
    stored = {r.original_name: r for r in _photo_rows(svc)}
    assert stored["방문날.jpg"].inspection_id == inspection_id
    assert stored["다른날.jpg"].inspection_id is None

    # a later import of that day is offered the visit and the inspection of its stop
    late = write_jpeg(tmp_path / "나중.jpg", (7, 8, 9), gps=near)
    again = svc.photos.plan_import([late])
    assert (again.photos[0].visit_id, again.photos[0].inspection_id) == (visit_id, inspection_id)


def test_the_stops_inspection_is_offered_even_when_recorded_on_another_day() -> None:
    from datetime import date

    from gwinong_desktop.domain.enums import InspectionKind
    from gwinong_desktop.services.photos import InspectionSpot, VisitSpot, visit_and_inspection

    day = date(2026, 11, 20)
    visit = VisitSpot(7, day, InspectionKind.REGULAR, "방문", {1: 30, 2: None})
    spots = [InspectionSpot(30, 1, date(2026, 11, 21), InspectionKind.REGULAR, "점검")]
    assert visit_and_inspection(1, day, spots, [visit]) == (visit, spots[0])
    assert visit_and_inspection(2, day, spots, [visit]) == (visit, None)
    assert visit_and_inspection(3, day, spots, [visit]) == (None, None)  # not a stop
    assert visit_and_inspection(1, date(2026, 11, 19), spots, [visit]) == (None, None)
