"""The photo gallery: tiles at once with placeholders, thumbnails from the background, empty
album slots, a new house cancelling the old load, placing and archiving, opening the viewer,
and the house page's 점검·사진 tab."""

from __future__ import annotations

from pathlib import Path

from photo_fixtures import repair_house, shown
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.services import Services
from gwinong_desktop.services.photo_views import THUMBS_FOLDER
from gwinong_desktop.ui.photos.gallery import PhotoGallery
from gwinong_desktop.ui.photos.placement import PhotoPlacementDialog
from gwinong_desktop.ui.photos.tiles import PHOTO_ROLE

B, A = PhotoPhase.BEFORE, PhotoPhase.AFTER


def make_gallery(qtbot, services: Services) -> PhotoGallery:  # type: ignore[no-untyped-def]
    return shown(qtbot, PhotoGallery(services))


def loaded(gallery: PhotoGallery) -> bool:
    done = gallery.store.pixmaps.keys() | gallery.store.errors.keys()
    return {r.id for r in gallery.viewer_rows()} <= done


def test_tiles_come_at_once_and_thumbnails_follow_from_the_cache(qtbot, demo_services) -> None:
    gallery = make_gallery(qtbot, demo_services)
    house = repair_house(demo_services)
    gallery.show_house(house.id)
    rows = demo_services.photo_views.for_house(house.id)
    assert [r.id for r in gallery.viewer_rows()] == [r.id for r in rows]
    assert not gallery.store.pixmaps  # placeholders first: nothing decoded on the GUI thread
    qtbot.waitUntil(lambda: loaded(gallery), timeout=10_000)
    assert set(gallery.store.pixmaps) == {r.id for r in rows} and not gallery.store.errors
    assert max(p.width() for p in gallery.store.pixmaps.values()) <= 168
    cache = demo_services.data_dir / THUMBS_FOLDER
    assert len(list(cache.rglob("*.jpg"))) == len({r.sha256 for r in rows})
    before = gallery.models[B].tiles
    assert [t.slot for t in before[:2]] == [PhotoSlot.FRONT, PhotoSlot.DISTANT]
    assert "착공 전 · 사진 5장" in gallery.headings[B].text()
    assert "모두 채워져" in gallery.empty_slots.text()


def test_empty_slots_show_as_tiles_and_in_the_banner(qtbot, demo_services) -> None:
    house = repair_house(demo_services)
    views = demo_services.photo_views
    distant = next(
        r for r in views.for_house(house.id) if (r.phase, r.slot) == (A, PhotoSlot.DISTANT)
    )
    views.archive(distant.id, "다른 집 사진")
    gallery = make_gallery(qtbot, demo_services)
    gallery.show_house(house.id)
    empty = [t for t in gallery.models[A].tiles if t.photo is None]
    assert [t.slot for t in empty] == [PhotoSlot.DISTANT]
    index = gallery.models[A].index(gallery.models[A].tiles.index(empty[0]))
    assert index.data() == "원경\n비어 있음"
    assert "준공 후: 원경" in gallery.empty_slots.text()
    assert "비어 있는 칸 1" in gallery.headings[A].text()
    gallery.show_archived.setChecked(True)  # the archived photo shows, the slot stays empty
    tiles = gallery.models[A].tiles
    assert any(t.photo is not None and t.photo.id == distant.id for t in tiles)
    assert any(t.photo is None and t.slot is PhotoSlot.DISTANT for t in tiles)


def test_showing_another_house_cancels_the_first_load(qtbot, demo_services) -> None:
    houses = demo_services.houses.list_houses()
    gallery = make_gallery(qtbot, demo_services)
    gallery.show_house(houses[0].id)
    gallery.show_house(houses[1].id)
    qtbot.waitUntil(lambda: loaded(gallery) and not gallery.loader.running, timeout=10_000)
    QApplication.processEvents()
    second = {r.id for r in demo_services.photo_views.for_house(houses[1].id)}
    assert set(gallery.store.pixmaps) == second  # nothing of the first house arrived late


def test_a_missing_file_shows_as_such_and_the_rest_load(qtbot, demo_services) -> None:
    house = repair_house(demo_services)
    rows = demo_services.photo_views.for_house(house.id)
    demo_services.photo_views.original_path(rows[1]).unlink()
    gallery = make_gallery(qtbot, demo_services)
    gallery.show_house(house.id)
    qtbot.waitUntil(lambda: loaded(gallery), timeout=10_000)
    assert set(gallery.store.errors) == {rows[1].id}
    assert "찾을 수 없습니다" in gallery.store.errors[rows[1].id]
    assert len(gallery.store.pixmaps) == len(rows) - 1
    tip = gallery.models[B].index(1).data(Qt.ItemDataRole.ToolTipRole)
    assert "찾을 수 없습니다" in tip


def test_assigning_a_slot_moves_the_photo_in_the_gallery(qtbot, demo_services) -> None:
    house = repair_house(demo_services)
    gallery = make_gallery(qtbot, demo_services)
    gallery.show_house(house.id)
    photo = gallery.models[B].tiles[0].photo
    assert gallery.select_photo(photo.id) and gallery.selected_photo() == photo
    assert gallery.place_button.isEnabled()
    dialog = PhotoPlacementDialog(demo_services, photo, gallery)
    qtbot.addWidget(dialog)
    dialog.phase.setCurrentIndex(dialog.phase.findData(A))
    dialog.slot.setCurrentIndex(dialog.slot.findData(None))
    dialog.caption.setText("가" * 301)
    assert not dialog.try_save()
    assert "300자까지" in dialog.error_text("caption")
    assert dialog.caption.text() == "가" * 301  # kept as typed
    dialog.caption.setText("준공 후 마당")
    assert dialog.try_save()
    gallery.reload()
    moved = [t.photo for t in gallery.models[A].tiles if t.photo and t.photo.id == photo.id]
    assert moved and moved[0].slot is None and moved[0].caption == "준공 후 마당"
    empty = [t.slot for t in gallery.models[B].tiles if t.photo is None]
    assert empty == [PhotoSlot.FRONT]  # the 전경 it left is empty now


def test_archiving_and_restoring_announce_photos(qtbot, demo_services, monkeypatch) -> None:
    house = repair_house(demo_services)
    gallery = make_gallery(qtbot, demo_services)
    gallery.show_house(house.id)
    photo = gallery.models[B].tiles[1].photo
    gallery.select_photo(photo.id)
    monkeypatch.setattr("gwinong_desktop.ui.forms.record_dialog.ask_reason",
                        lambda *_a: "흔들린 사진")  # fmt: skip
    with qtbot.waitSignal(gallery.sig_changed) as changed:
        assert gallery.archive_selected()
    assert "photos" in {k.value for k in changed.args[0].kinds}
    assert photo.id not in {r.id for r in gallery.viewer_rows()}
    gallery.show_archived.setChecked(True)
    gallery.select_photo(photo.id)
    assert gallery.selected_photo().archived and gallery.restore_button.isEnabled()
    assert gallery.restore_selected()
    assert not gallery.selected_photo().archived


def test_a_viewer_role_sees_no_editing_buttons(qtbot, demo_services) -> None:
    from dataclasses import replace

    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.services.context import ServiceContext

    reader = replace(demo_services, ctx=ServiceContext(demo_services.ctx.db, "열람자", Role.VIEWER))
    gallery = make_gallery(qtbot, reader)
    gallery.show_house(repair_house(reader).id)
    assert not gallery.place_button.isVisible() and not gallery.archive_button.isVisible()
    assert not gallery.place_selected()


def test_enter_and_double_click_open_the_viewer_on_the_photo(qtbot, demo_services) -> None:
    house = repair_house(demo_services)
    gallery = make_gallery(qtbot, demo_services)
    gallery.show_house(house.id)
    view = gallery.views[A]
    view.setCurrentIndex(gallery.models[A].index(2))
    photo = gallery.models[A].index(2).data(PHOTO_ROLE)
    view.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                 Qt.KeyboardModifier.NoModifier))  # fmt: skip
    assert gallery.viewer is not None and gallery.viewer.isVisible()
    assert gallery.viewer.current_photo() == photo
    assert len(gallery.viewer.rows) == len(gallery.viewer_rows())
    gallery.viewer.close()
    gallery.select_photo(gallery.models[B].tiles[0].photo.id)
    viewer = gallery.open_compare()
    assert viewer is not None and viewer.current_pair().slot is PhotoSlot.FRONT


def test_the_house_pages_photo_tab_shows_the_gallery(qtbot, demo_services) -> None:
    from gwinong_desktop.ui.houses.list_page import HousesPage

    page = shown(qtbot, HousesPage.standalone(demo_services), 1100, 900)
    page.set_rows(demo_services.houses.list_houses())
    house = repair_house(demo_services)
    views = demo_services.photo_views
    inside = [r for r in views.for_house(house.id) if (r.phase, r.slot) == (B, PhotoSlot.INTERIOR)]
    for row in inside:
        views.archive(row.id, "초점이 맞지 않음")
    assert page.select_house(house.id)
    page.detail.set_tab("visits")
    gallery = page.detail.visits_tab.gallery
    assert isinstance(gallery, PhotoGallery) and gallery.house_id == house.id
    assert "착공 전: 내부" in gallery.empty_slots.text()
    qtbot.waitUntil(lambda: loaded(gallery), timeout=10_000)
    other = next(h for h in demo_services.houses.list_houses() if h.id != house.id)
    page.select_house(other.id)  # the open tab follows the selection
    assert gallery.house_id == other.id


def test_photos_chosen_or_dropped_go_to_the_import_for_the_house_shown(
    qtbot, demo_services, monkeypatch
) -> None:
    from gwinong_desktop.ui.photos import drop, import_dialog

    handed: list[tuple] = []
    monkeypatch.setattr(
        import_dialog, "start_photo_import",
        lambda parent, services, paths, house_id=None, inspection_id=None: handed.append(
            (list(paths), house_id)
        ),
    )  # fmt: skip
    monkeypatch.setattr(drop, "choose_photo_files", lambda parent: [Path("/dcim/IMG_1.JPG")])
    gallery = make_gallery(qtbot, demo_services)
    assert not gallery.add_button.isEnabled()  # no house shown yet
    house = repair_house(demo_services)
    gallery.show_house(house.id)
    assert gallery.add_button.isEnabled()
    gallery.add_files()
    gallery.import_paths([Path("/dcim")])  # a folder dropped on the gallery
    assert handed == [([Path("/dcim/IMG_1.JPG")], house.id), ([Path("/dcim")], house.id)]
