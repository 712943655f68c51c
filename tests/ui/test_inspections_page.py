"""점검·사진 in the GUI over the demo county: the lists, the inspection form (checklist, findings,
photos, refusals beside the fields), closing a finding, planning a visit and filling in a stop,
the visit list PDF, and the draft of an inspection surviving a crash."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox, QTableWidgetItem
from ui_fixtures import TODAY

from gwinong_desktop.domain.enums import FindingStatus, InspectionKind, Role
from gwinong_desktop.services import Services
from gwinong_desktop.services.inspection_forms import FindingForm
from gwinong_desktop.ui.forms.fields import date_text
from gwinong_desktop.ui.inspections.dialogs import (
    ChecklistDialog,
    CloseFindingDialog,
    VisitDialog,
)
from gwinong_desktop.ui.inspections.inspection_dialog import InspectionDialog
from gwinong_desktop.ui.inspections.page import InspectionsPage
from gwinong_desktop.ui.inspections.page_parts import CONTINUE, DISCARD, LATER
from gwinong_desktop.ui.pages.registry import page_spec


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: said.append(a[2]))
    return said


@pytest.fixture
def make_page(qtbot, demo_services: Services):
    def make(services: Services = demo_services, offered: bool = True) -> InspectionsPage:
        page = InspectionsPage.standalone(services)
        page.drafts_offered = offered
        qtbot.addWidget(page)
        page.resize(1300, 760)
        return page

    return make


def _saving(monkeypatch: pytest.MonkeyPatch, prepare=None) -> list[QDialog]:
    """The page's dialogs are filled in by ``prepare`` and saved instead of shown."""
    seen: list[QDialog] = []

    def run(self, dialog: QDialog) -> bool:
        seen.append(dialog)
        if prepare is not None:
            prepare(dialog)
        return dialog.try_save() if hasattr(dialog, "try_save") else False

    monkeypatch.setattr(InspectionsPage, "_run", run)
    return seen


def _key(view, key: Qt.Key) -> None:
    view.keyPressEvent(QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))


def test_the_registry_opens_the_page_and_it_shows_the_demo(make_page) -> None:
    assert page_spec("inspections").load() is InspectionsPage
    page = make_page()
    assert page.inspection_model.total_count > 100
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[:3] == ["점검", "지적사항", "방문 계획"]
    assert titles == ["점검", "지적사항", "방문 계획", "사진"]
    assert page.gallery is None  # built the first time its tab is shown
    page.tabs.setCurrentIndex(3)
    assert page.gallery is not None and page.photos_tab.panel is page.gallery
    rows = page.finding_model.visible_rows()
    assert rows and all(r.status is FindingStatus.OPEN for r in rows)
    assert rows[0].overdue  # the demo's overdue finding comes first
    assert "기한 지남 1건" in page.status_text()


def test_a_new_inspection_with_a_finding_is_saved(make_page, monkeypatch, demo_services) -> None:
    page = make_page()

    def fill(dialog: InspectionDialog) -> None:
        combo = dialog.checklist.cellWidget(0, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData("불량"))
        dialog.checklist.item(0, 2).setText("거실 천장 얼룩")
        dialog.add_finding_button.click()
        for column, text in enumerate(("천장 누수", "방수 보수", "2026.12.20.")):
            dialog.findings.setItem(0, column, QTableWidgetItem(text))

    seen = _saving(monkeypatch, fill)
    page.new_inspection()
    dialog = seen[0]
    assert dialog.saved is not None and dialog.inspector.text() == "test"
    form = demo_services.inspections.load(dialog.saved.id)
    assert form.checklist[0].result == "불량" and form.checklist[0].note == "거실 천장 얼룩"
    assert [(f.description, f.due_on) for f in form.findings] == [("천장 누수", date(2026, 12, 20))]
    assert "천장 누수" in {r.description for r in page.finding_model.all_rows()}
    assert not list((demo_services.data_dir / "drafts").glob("*.json"))  # saved: no draft


def test_refusals_show_beside_the_fields_and_keep_what_was_typed(qtbot, demo_services) -> None:
    form = demo_services.inspections.new_inspection(demo_services.houses.list_houses()[0].id)
    form.findings = [FindingForm("창문", action_taken="고침")]
    dialog = InspectionDialog(demo_services, form)
    qtbot.addWidget(dialog)
    dialog.inspected_on.setText(typed := "2026.13.1.")
    dialog.findings.setItem(0, 2, QTableWidgetItem("내일"))
    assert not dialog.try_save()
    assert "없는 날짜" in dialog.error_text("inspected_on")
    assert "지적사항 1 조치 기한" in dialog.error_text("findings")
    assert dialog.inspected_on.text() == typed
    dialog.inspected_on.setText((TODAY + timedelta(days=1)).strftime("%Y.%m.%d."))
    dialog.findings.setItem(0, 2, QTableWidgetItem(""))
    assert not dialog.try_save()
    assert "오늘 이후" in dialog.error_text("inspected_on")
    assert "조치 완료일도" in dialog.error_text("findings")
    dialog.reject()


def test_changing_the_kind_of_a_new_inspection_takes_its_checklist(qtbot, demo_services) -> None:
    form = demo_services.inspections.new_inspection(demo_services.houses.list_houses()[0].id)
    dialog = InspectionDialog(demo_services, form)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(InspectionKind.MOVE_OUT))
    items = [dialog.checklist.item(r, 0).text() for r in range(dialog.checklist.rowCount())]
    assert items == demo_services.inspections.checklist(InspectionKind.MOVE_OUT)
    dialog.reject()


def test_closing_a_finding_from_the_list(make_page, monkeypatch, demo_services) -> None:
    page = make_page()
    page.tabs.setCurrentIndex(1)
    page.finding_table.selectRow(0)
    target = page.selected_finding()

    def fill(dialog: CloseFindingDialog) -> None:
        dialog.action_taken.setPlainText("배수구 트랩 교체 완료")

    seen = _saving(monkeypatch, fill)
    _key(page.finding_table, Qt.Key.Key_F2)  # F2: 조치 완료
    assert isinstance(seen[0], CloseFindingDialog) and seen[0].saved is not None
    assert target.id not in {r.id for r in page.finding_model.all_rows()}
    page.show_closed.setChecked(True)
    done = next(r for r in page.finding_model.all_rows() if r.id == target.id)
    assert done.action_taken == "배수구 트랩 교체 완료" and done.resolved_on == TODAY


def test_closing_without_a_result_is_refused_in_the_dialog(qtbot, demo_services) -> None:
    finding = demo_services.inspections.findings(open_only=True)[0]
    dialog = CloseFindingDialog(demo_services, finding)
    qtbot.addWidget(dialog)
    assert not dialog.try_save()
    assert "조치결과: 입력해야" in dialog.error_text("action_taken")
    dialog.action_taken.setPlainText("고침")
    dialog.resolved_on.setText("2020.1.1.")
    assert not dialog.try_save()
    assert "점검일" in dialog.error_text("resolved_on")
    dialog.reject()


def test_a_visit_planned_printed_and_filled_in(make_page, monkeypatch, demo_services, tmp_path):
    page = make_page()
    houses = demo_services.houses.list_houses()

    def plan(dialog: VisitDialog) -> None:
        for code in (houses[3].code, houses[1].code):
            for i in range(dialog.houses.count()):
                item = dialog.houses.item(i)
                if item.text().startswith(code):
                    item.setCheckState(Qt.CheckState.Checked)
        dialog.houses.setCurrentRow(1)
        dialog.move(-1)  # the route: houses[1] after houses[0]'s place, moved up

    _saving(monkeypatch, plan)
    page.new_visit()
    visit = page.selected_visit()
    assert visit is not None and len(visit.stops) == 2
    assert [s.house_id for s in page.stop_model.visible_rows()] == [houses[1].id, houses[3].id]
    dialog = page.print_visit_list()
    qtbot_dialog = dialog
    assert dialog is not None and houses[1].code in dialog.document.html
    saved = dialog.save_pdf(tmp_path / "방문목록.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    qtbot_dialog.close()
    page.stop_table.selectRow(0)
    _saving(monkeypatch)
    _key(page.stop_table, Qt.Key.Key_Return)  # Enter: fill in this stop
    visit = page.selected_visit()
    assert visit.done == 1 and visit.stops[0].inspection_id is not None
    assert page.record_stop_button.text() == "점검 기록 열기…"


def test_the_checklist_is_edited_by_the_county(qtbot, demo_services) -> None:
    dialog = ChecklistDialog(demo_services, InspectionKind.AD_HOC)
    qtbot.addWidget(dialog)
    dialog.items.setPlainText("")
    assert not dialog.save()
    assert "한 개 이상" in dialog.message.text()
    dialog.items.setPlainText("보일러 작동\n\n지붕 누수\n")
    assert dialog.save()
    assert demo_services.inspections.checklist(InspectionKind.AD_HOC) == [
        "보일러 작동",
        "지붕 누수",
    ]
    dialog.reset_button.click()
    assert len(demo_services.inspections.checklist(InspectionKind.AD_HOC)) > 2
    dialog.reject()


def test_a_reading_role_sees_but_cannot_change(make_page, demo_services) -> None:
    demo_services.ctx.role = Role.VIEWER
    page = make_page()
    assert page.inspection_model.total_count > 0
    for button in (page.new_button, page.close_button, page.new_visit_button,
                   page.checklist_button):  # fmt: skip
        assert not button.isEnabled()


def test_the_draft_is_written_as_typed_and_removed_when_cancelled(qtbot, demo_services) -> None:
    form = demo_services.inspections.new_inspection(demo_services.houses.list_houses()[0].id)
    dialog = InspectionDialog(demo_services, form)
    qtbot.addWidget(dialog)
    dialog.summary_box.setPlainText("보일러 점검 중")
    dialog.photos.add_paths(["/media/usb/DCIM/IMG_0001.HEIC"])
    path = dialog.drafts.path(dialog.draft_key)
    qtbot.waitUntil(path.exists, timeout=3000)  # about a second after the last change
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["form"]["summary"] == "보일러 점검 중"
    assert data["photos"] == ["/media/usb/DCIM/IMG_0001.HEIC"]
    dialog.reject()
    assert not path.exists()


def _crashed_draft(services: Services) -> tuple[str, Path]:
    """What a dead battery leaves: a draft file and no dialog."""
    form = services.inspections.new_inspection(services.houses.list_houses()[2].id)
    form.summary = "배터리가 꺼지기 전까지 쓴 내용"
    form.findings = [FindingForm("현관 타일 깨짐", "타일 교체", TODAY + timedelta(days=14))]
    store = services.inspections.drafts
    key = store.new_key(form)
    return key, store.write(key, form, ["/media/usb/DCIM/IMG_0002.JPG"], "진안-2017-01")


def test_a_draft_left_by_a_crash_is_continued_with_everything(make_page, monkeypatch, messages,
                                                              demo_services) -> None:  # fmt: skip
    key, path = _crashed_draft(demo_services)
    asked: list[str] = []
    monkeypatch.setattr(InspectionsPage, "ask_draft", lambda self, d: asked.append(d.key) or
                        CONTINUE)  # fmt: skip
    opened: list[InspectionDialog] = []

    def keep(self, dialog):
        opened.append(dialog)
        assert dialog.summary_box.toPlainText() == "배터리가 꺼지기 전까지 쓴 내용"
        assert dialog.findings.item(0, 0).text() == "현관 타일 깨짐"
        assert dialog.findings.item(0, 2).text() == date_text(TODAY + timedelta(days=14))
        assert dialog.photo_paths() == ["/media/usb/DCIM/IMG_0002.JPG"]
        assert dialog.draft_key == key
        return dialog.try_save()

    monkeypatch.setattr(InspectionsPage, "_run", keep)
    page = make_page(offered=False)
    page.offer_drafts()
    assert asked == [key] and opened and opened[0].saved is not None
    assert not path.exists()  # saved: the draft is gone
    assert "현관 타일 깨짐" in {r.description for r in page.finding_model.all_rows()}


@pytest.mark.parametrize(("answer", "kept"), [(DISCARD, False), (LATER, True)])
def test_a_draft_thrown_away_or_kept_for_later(make_page, monkeypatch, demo_services, answer,
                                               kept) -> None:  # fmt: skip
    _key_name, path = _crashed_draft(demo_services)
    monkeypatch.setattr(InspectionsPage, "ask_draft", lambda self, d: answer)
    page = make_page(offered=False)
    page.offer_drafts()
    assert path.exists() == kept
    page.offer_drafts()  # asked once per start


def test_a_draft_is_offered_when_the_page_is_attached(qtbot, monkeypatch, demo_services) -> None:
    _crashed_draft(demo_services)
    asked: list[str] = []
    monkeypatch.setattr(InspectionsPage, "ask_draft", lambda self, d: asked.append(d.key) or LATER)
    page = InspectionsPage.standalone(demo_services)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    assert page.drafts_offered


def test_chosen_photos_are_handed_on_after_saving(make_page, monkeypatch) -> None:
    """The photos chosen in the form go to the photo import's one confirmation screen, as 점검
    photos of the inspection just saved."""
    from gwinong_desktop.ui.photos import import_dialog

    handed: list[tuple] = []
    monkeypatch.setattr(
        import_dialog, "start_photo_import",
        lambda parent, services, paths, house_id=None, inspection_id=None: handed.append(
            (list(paths), house_id, inspection_id)
        ),
    )  # fmt: skip
    page = make_page()
    seen = _saving(monkeypatch, lambda d: d.photos.add_paths(["/media/usb/DCIM/IMG_0003.JPG"]))
    page.new_inspection()
    saved = seen[0].saved
    assert handed == [(["/media/usb/DCIM/IMG_0003.JPG"], seen[0].original.house_id, saved.id)]


def test_the_residents_page_can_ask_for_a_stays_move_out_inspection(
    make_page, monkeypatch, demo_services
) -> None:
    page = make_page()
    move_out = next(r for r in page.inspection_model.all_rows() if r.stay_id is not None)
    seen = _saving(monkeypatch)
    page.show_records(stay_id=move_out.stay_id)
    assert seen[0].original.id == move_out.id  # the recorded one opens
    assert not seen[0].kind.isEnabled() and not seen[0].house.isEnabled()
    demo_services.inspections.archive(move_out.id, "다시 기록")
    page.show_records(stay_id=move_out.stay_id)
    assert seen[1].original.id is None and seen[1].original.stay_id == move_out.stay_id
    assert demo_services.inspections.move_out_inspection(move_out.stay_id) == seen[1].saved.id


def test_photos_are_chosen_in_the_file_dialog(qtbot, monkeypatch, demo_services, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    shots = [str(tmp_path / "IMG_0101.JPG"), str(tmp_path / "IMG_0102.HEIC")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (shots, ""))
    form = demo_services.inspections.new_inspection(demo_services.houses.list_houses()[0].id)
    dialog = InspectionDialog(demo_services, form)
    qtbot.addWidget(dialog)
    dialog.choose_button.click()
    dialog.choose_button.click()  # the same files twice are listed once
    assert dialog.photo_paths() == shots
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    dialog.choose_button.click()  # cancelled
    assert dialog.photo_paths() == shots
    dialog.reject()
