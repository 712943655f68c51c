"""The photo viewer: upright pictures (EXIF orientation), zoom, next/previous, the facts, and
before/after of a slot side by side."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from photo_fixtures import repair_house, shown
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.services import Services
from gwinong_desktop.services.photo_views import PhotoUnavailable
from gwinong_desktop.ui.photos.panes import read_full
from gwinong_desktop.ui.photos.viewer import PhotoViewer

B, A = PhotoPhase.BEFORE, PhotoPhase.AFTER


class FileViews:
    """Stands in for ``PhotoViewService``: the original is a file of the test's own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rendered_for: list[int] = []

    def original_path(self, row) -> Path:  # type: ignore[no-untyped-def]
        return self.path

    def rendered(self, row, max_px: int) -> bytes:  # type: ignore[no-untyped-def]
        self.rendered_for.append(max_px)
        raise PhotoUnavailable("사진 파일이 손상되어 읽을 수 없습니다: x.jpg")


def oriented_jpeg(path: Path, orientation: int) -> Path:
    """60×30 stored pixels, red in the stored top-left corner, EXIF orientation set."""
    image = Image.new("RGB", (60, 30), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize(
    ("orientation", "size", "red_at"),
    [(1, (60, 30), (2, 2)), (3, (60, 30), (57, 27)), (6, (30, 60), (27, 2)),
     (8, (30, 60), (2, 57))],
)  # fmt: skip
def test_the_full_picture_is_upright(qtbot, tmp_path, orientation, size, red_at) -> None:
    views = FileViews(oriented_jpeg(tmp_path / "p.jpg", orientation))
    picture = read_full(TaskState(), views, None)  # type: ignore[arg-type]
    image = picture.image
    assert picture.note == "" and (image.width(), image.height()) == size
    colour = image.pixelColor(*red_at)
    assert colour.red() > 200 and colour.blue() < 80


def test_unreadable_and_missing_originals_say_why(qtbot, tmp_path) -> None:
    broken = tmp_path / "x.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really")
    views = FileViews(broken)
    with pytest.raises(PhotoUnavailable, match="손상"):
        read_full(TaskState(), views, None)  # type: ignore[arg-type]
    assert views.rendered_for == [4096]  # Qt could not: the media layer was asked


def house_photos(services: Services):  # type: ignore[no-untyped-def]
    return services.photo_views.for_house(repair_house(services).id)


def make_viewer(qtbot, services: Services) -> PhotoViewer:  # type: ignore[no-untyped-def]
    return shown(qtbot, PhotoViewer(services), 1000, 700)


def settled(viewer: PhotoViewer) -> bool:
    return not any(loader.running for loader in viewer.loaders.values())


def test_next_previous_zoom_and_facts(qtbot, demo_services) -> None:
    rows = house_photos(demo_services)
    viewer = make_viewer(qtbot, demo_services)
    viewer.show_photos(rows, 1)
    qtbot.waitUntil(lambda: settled(viewer) and viewer.single.pixmap is not None)
    assert viewer.current_photo() == rows[1]
    assert viewer.position.text() == f"2 / {len(rows)}"
    facts = viewer.facts.text()
    assert rows[1].original_name in facts and "위치(GPS)" in facts
    assert f"{rows[1].latitude}, {rows[1].longitude}" in facts
    assert viewer.single.fitting and viewer.single.shown_factor() <= 1.0
    viewer.zoom_to(1.0)
    shown = viewer.single.label.pixmap().size()
    assert (shown.width(), shown.height()) == (rows[1].width, rows[1].height)
    assert viewer.zoom_label.text() == "100%"
    viewer.zoom_by(1)
    assert viewer.single.shown_factor() == pytest.approx(1.25)
    bar = viewer.single.horizontalScrollBar()  # 800 px wide now: wider than the pane
    assert bar.maximum() > 0 and abs(bar.value() - bar.maximum() / 2) <= 2  # still the middle
    wheel = QWheelEvent(QPointF(10, 10), QPointF(10, 10), QPoint(0, 0), QPoint(0, -240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    viewer.single.wheelEvent(wheel)
    assert viewer.single.shown_factor() == pytest.approx(1.25 / 1.25**2)
    qtbot.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.single.fitting
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.current_photo() == rows[2]
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.current_photo() == rows[0] and not viewer.prev_button.isEnabled()
    viewer.previous()  # stays on the first
    assert viewer.current_photo() == rows[0]
    viewer.show_photos(rows, len(rows) - 1)
    assert not viewer.next_button.isEnabled()


def test_before_and_after_side_by_side_and_back(qtbot, demo_services) -> None:
    rows = house_photos(demo_services)
    viewer = make_viewer(qtbot, demo_services)
    front_before = next(r for r in rows if (r.phase, r.slot) == (B, PhotoSlot.DISTANT))
    viewer.show_photos(rows, rows.index(front_before))
    viewer.toggle_compare()
    pair = viewer.current_pair()
    assert viewer.comparing and pair is not None and pair.slot is PhotoSlot.DISTANT
    assert pair.before == front_before and pair.after.phase is A  # type: ignore[union-attr]
    assert viewer.stack.currentIndex() == 1 and viewer.compare_button.isChecked()
    qtbot.waitUntil(lambda: settled(viewer))
    assert viewer.before.pixmap is not None and viewer.after.pixmap is not None
    assert viewer.side_labels[viewer.before].text().startswith("착공 전 · 원경")
    assert viewer.side_labels[viewer.after].text().startswith("준공 후 · 원경")
    viewer.next()
    assert viewer.current_pair().slot is PhotoSlot.INTERIOR  # type: ignore[union-attr]
    viewer.toggle_compare()
    assert not viewer.comparing and viewer.current_photo().slot is PhotoSlot.INTERIOR  # type: ignore[union-attr]
    assert viewer.current_photo().phase is B  # type: ignore[union-attr]


def test_a_pair_without_its_after_photo_says_so(qtbot, demo_services) -> None:
    rows = house_photos(demo_services)
    after = next(r for r in rows if (r.phase, r.slot) == (A, PhotoSlot.FRONT))
    demo_services.photo_views.archive(after.id, "다른 집 사진")
    pairs = demo_services.photo_views.before_after(rows[0].house_id)
    viewer = make_viewer(qtbot, demo_services)
    viewer.show_pairs(pairs, 0)
    assert viewer.current_pair().after is None  # type: ignore[union-attr]
    assert viewer.after.pixmap is None
    assert viewer.after.label.text() == "준공 후 전경 사진이 없습니다."


def test_the_facts_are_in_korean_time_and_name_the_planned_visit(qtbot, demo_services) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    row = replace(house_photos(demo_services)[0],
                  taken_at=datetime(2026, 11, 19, 16, 30, tzinfo=UTC),
                  visit="2026.11.20. 11월 20일 현장 방문")  # fmt: skip
    viewer = make_viewer(qtbot, demo_services)
    facts = viewer.facts_html(row)
    assert "2026.11.20. 01:30" in facts  # 16:30 UTC is 01:30 the next day in Korea
    assert "방문 계획" in facts and "11월 20일 현장 방문" in facts
    assert row.day == datetime(2026, 11, 20).date()


def test_a_field_copy_shows_the_thumbnail_and_says_the_original_is_in_the_office(
    qtbot, demo_services, tmp_path, monkeypatch
) -> None:
    """A laptop's kit carries the thumbnails, not the originals (issue #15): the viewer shows the
    thumbnail with a note, never "missing: restore a backup"."""
    from ui_fixtures import services_over

    from gwinong_desktop.storage import fieldcrypt
    from gwinong_desktop.storage.database import open_database

    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "office-keys"))
    rows = house_photos(demo_services)
    code = repair_house(demo_services).code
    kit = demo_services.field_kit.export([code], tmp_path / "kit")
    with open_database(kit.folder, purpose="test") as db:
        laptop = services_over(db)
        views = laptop.photo_views
        row = next(r for r in views.for_house(rows[0].house_id) if r.id == rows[1].id)
        assert not views.original_path(row).exists()  # the original stayed in the office
        picture = read_full(TaskState(), views, row, True)
        assert "군청 PC" in picture.note and not picture.image.isNull()
        assert max(picture.image.width(), picture.image.height()) < max(row.width, row.height)
        with pytest.raises(PhotoUnavailable, match="백업"):  # an office folder: really missing
            read_full(TaskState(), views, row, False)
        viewer = make_viewer(qtbot, laptop)
        viewer.show_photos([row], 0)
        qtbot.waitUntil(lambda: settled(viewer) and viewer.single.note.isVisible())
        pane = viewer.single
        assert pane.pixmap is not None and "군청 PC" in pane.note.text()
        assert "백업" not in pane.note.text() + pane.label.text()
        assert pane.provisional  # drawn at the original's size, as the thumbnail is before
        viewer.grab().save("/tmp/kit-field-copy-viewer.png")
        # a photo whose thumbnail did not travel either: still the office, not a backup
        for thumb in (kit.folder / "thumbs").rglob(f"{row.sha256}-*"):
            thumb.unlink()
        with pytest.raises(PhotoUnavailable, match="군청 PC") as refused:
            read_full(TaskState(), views, row, True)
        assert "백업" not in refused.value.message
        viewer.close()
