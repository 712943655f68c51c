"""``Services.photo_views``: a house's photos, the empty album slots, before/after pairs, the
thumbnail cache, and placing, captioning, archiving and restoring a photo (demo county)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from gwinong_desktop.domain.enums import DevelopmentType, PhotoPhase, PhotoSlot, Role
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.domain.results import Severity
from gwinong_desktop.services import Services
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.photo_views import (
    THUMBS_FOLDER,
    PhotoPlacement,
    PhotoRow,
    PhotoUnavailable,
    pair_before_after,
)
from gwinong_desktop.services.rule_gate import FormRefused
from gwinong_desktop.storage.models import AuditEvent

B, A, I = PhotoPhase.BEFORE, PhotoPhase.AFTER, PhotoPhase.INSPECTION  # noqa: E741


def house(svc: Services, kind: DevelopmentType, *, completed: bool = True):  # type: ignore[no-untyped-def]
    return next(
        h for h in svc.houses.list_houses()
        if h.development_type is kind and (h.completed_on is not None) == completed
    )  # fmt: skip


def test_photos_of_a_house_come_in_album_order_with_their_inspection(svc: Services) -> None:
    h = house(svc, DevelopmentType.REPAIR)
    rows = svc.photo_views.for_house(h.id)
    assert rows and all(r.house_id == h.id for r in rows)
    phases = [list(PhotoPhase).index(r.phase) for r in rows]
    assert phases == sorted(phases)
    before = [r for r in rows if r.phase is B]
    assert [r.slot for r in before] == sorted((r.slot for r in before),
                                              key=list(PhotoSlot).index)  # fmt: skip
    first = rows[0]
    assert first.sha256 and first.stored_path.startswith("photos/")
    assert first.inspection.endswith("착공 전 점검") and first.taken_at is not None
    assert first.place == "착공 전 · 전경"


def test_a_full_album_has_no_empty_slot_and_archiving_opens_one(svc: Services) -> None:
    h = house(svc, DevelopmentType.REPAIR)
    views = svc.photo_views
    coverage = views.coverage(h.id)
    assert coverage.empty() == [] and coverage.empty_text() == ""
    assert coverage.count(B, PhotoSlot.DISTANT) == 1
    distant = next(r for r in views.for_house(h.id) if (r.phase, r.slot) == (B, PhotoSlot.DISTANT))
    views.archive(distant.id, "흔들린 사진")
    coverage = views.coverage(h.id)
    assert coverage.empty() == [(B, PhotoSlot.DISTANT)]
    assert coverage.empty_text() == "착공 전: 원경"
    # the vacant house's photos are now four: the 5-photo rule of 운영계획서 3-나 warns
    assert {w.severity for w in coverage.warnings} == {Severity.WARN}
    assert any("5장보다 적습니다 (4장)" in w.message for w in coverage.warnings)
    assert all(w.source == "운영계획서 3-나" for w in coverage.warnings)
    assert distant.id not in {r.id for r in views.for_house(h.id)}
    archived = {r.id: r for r in views.for_house(h.id, include_archived=True)}
    assert archived[distant.id].archived and archived[distant.id].archive_reason == "흔들린 사진"
    views.restore(distant.id)
    assert views.coverage(h.id).empty() == []


def test_expected_slots_follow_the_kind_of_works_and_completion(svc: Services) -> None:
    modular = house(svc, DevelopmentType.MODULAR)
    expected = svc.photo_views.coverage(modular.id).expected
    assert PhotoSlot.INTERIOR not in expected[B]  # bare land: nothing inside yet
    assert expected[A] == tuple(PhotoSlot) and expected[I] == ()
    assert svc.photo_views.coverage(modular.id).warnings == []  # the rule is for vacant houses
    building = house(svc, DevelopmentType.REPAIR, completed=False)
    assert svc.photo_views.coverage(building.id).expected[A] == ()


def test_placing_a_photo_moves_it_captions_it_and_is_audited(svc: Services) -> None:
    views = svc.photo_views
    photo = next(r for h in svc.houses.list_houses() for r in views.for_house(h.id)
                 if r.phase is I and r.slot is None)  # fmt: skip
    h = next(h for h in svc.houses.list_houses() if h.id == photo.house_id)
    saved = views.place(PhotoPlacement(photo.id, A, PhotoSlot.INTERIOR, "  주방 싱크대 교체  "))
    assert saved.id == photo.id and "photos" in {k.value for k in saved.changes.kinds}
    moved = next(r for r in views.for_house(h.id) if r.id == photo.id)
    assert (moved.phase, moved.slot, moved.caption) == (A, PhotoSlot.INTERIOR, "주방 싱크대 교체")
    assert views.coverage(h.id).count(A, PhotoSlot.INTERIOR) >= 1
    with svc.ctx.read() as session:
        actor, changes = session.execute(
            select(AuditEvent.actor, AuditEvent.changes)
            .where(AuditEvent.entity == "photo", AuditEvent.action == "update")
            .order_by(AuditEvent.id.desc())
        ).first()  # fmt: skip
    assert actor == "officer"
    assert changes["slot"] == [None, "interior"]
    assert changes["phase"] == ["inspection", "after"]


def test_impossible_placements_are_refused_and_nothing_changes(svc: Services) -> None:
    h = house(svc, DevelopmentType.REPAIR)
    views = svc.photo_views
    photo = views.for_house(h.id)[0]
    with pytest.raises(FormRefused) as refused:
        views.place(PhotoPlacement(photo.id, B, PhotoSlot.FRONT, "가" * 301))
    assert refused.value.results[0].field == "caption"
    assert "300자까지" in refused.value.results[0].message
    with pytest.raises(FormRefused, match="사진을 찾을 수 없습니다"):
        views.place(PhotoPlacement(999_999, B, None))
    with pytest.raises(FormRefused, match="보관 사유"):
        views.archive(photo.id, "  ")
    assert views.for_house(h.id)[0] == photo


def test_a_viewer_sees_photos_but_may_not_change_them(svc: Services) -> None:
    viewer = replace(svc, ctx=ServiceContext(svc.ctx.db, "열람자", Role.VIEWER))
    h = house(svc, DevelopmentType.REPAIR)
    photo = viewer.photo_views.for_house(h.id)[0]
    assert viewer.photo_views.coverage(h.id).empty() == []
    with pytest.raises(NotPermitted):
        viewer.photo_views.place(PhotoPlacement(photo.id, A, None))
    with pytest.raises(NotPermitted):
        viewer.photo_views.archive(photo.id, "이유")


def test_thumbnails_are_made_once_into_the_data_folder_cache(svc: Services) -> None:
    h = house(svc, DevelopmentType.REPAIR)
    views = svc.photo_views
    photo = views.for_house(h.id)[0]
    assert not (views.root / THUMBS_FOLDER).exists()
    path = views.thumbnail(photo)
    assert path.is_relative_to(views.root / THUMBS_FOLDER) and path.stat().st_size > 0
    stamp = path.stat().st_mtime_ns
    assert views.thumbnail(photo) == path and path.stat().st_mtime_ns == stamp
    views.original_path(photo).unlink()
    other = views.for_house(h.id)[1]
    views.original_path(other).unlink()
    with pytest.raises(PhotoUnavailable, match="찾을 수 없습니다"):
        views.thumbnail(other)
    assert views.thumbnail(photo) == path  # cached: the original is not needed again


def _row(pid: int, phase: PhotoPhase, slot: PhotoSlot | None, minute: int,
         archived: bool = False) -> PhotoRow:  # fmt: skip
    return PhotoRow(
        id=pid, house_id=1, slot=slot, phase=phase,
        taken_at=datetime(2024, 3, 1, 9, minute, tzinfo=UTC), caption="", original_name="",
        sha256="0" * 64, stored_path="photos/00/x.jpg", size_bytes=1, width=4, height=3,
        latitude=None, longitude=None, inspection_id=None, inspection="",
        added_at=datetime(2024, 3, 1, tzinfo=UTC), archived=archived,
    )  # fmt: skip


def test_before_and_after_pair_slot_by_slot_in_the_order_taken() -> None:
    rows = [
        _row(1, A, PhotoSlot.INTERIOR, 30), _row(2, B, PhotoSlot.INTERIOR, 20),
        _row(3, B, PhotoSlot.INTERIOR, 10), _row(4, B, PhotoSlot.FRONT, 1),
        _row(5, A, PhotoSlot.SURROUNDINGS, 5), _row(6, I, PhotoSlot.FRONT, 2),
        _row(7, B, None, 3), _row(8, A, PhotoSlot.FRONT, 4, archived=True),
    ]  # fmt: skip
    pairs = [(p.slot, p.before and p.before.id, p.after and p.after.id)
             for p in pair_before_after(rows)]  # fmt: skip
    assert pairs == [
        (PhotoSlot.FRONT, 4, None),
        (PhotoSlot.INTERIOR, 3, 1),  # the first interior before beside the first after
        (PhotoSlot.INTERIOR, 2, None),
        (PhotoSlot.SURROUNDINGS, None, 5),
    ]


def test_before_after_of_a_demo_house_pairs_every_slot(svc: Services) -> None:
    h = house(svc, DevelopmentType.REPAIR)
    pairs = svc.photo_views.before_after(h.id)
    assert [p.slot for p in pairs][:2] == [PhotoSlot.FRONT, PhotoSlot.DISTANT]
    assert all(p.before is not None and p.after is not None for p in pairs)
    assert all(p.before.phase is B and p.after.phase is A for p in pairs)  # type: ignore[union-attr]
