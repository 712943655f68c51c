"""No changed form is thrown away without asking: Esc, 취소, the close button, another year in the
rule values, the main window closing — driven as an officer would, answering the question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from sqlalchemy import func, select
from ui_fixtures import type_value, value_text

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.services import Services
from gwinong_desktop.storage.models import House, RuleValue
from gwinong_desktop.ui.forms.development_dialog import DevelopmentDialog
from gwinong_desktop.ui.forms.guard import closing_unasked, settle_open_forms
from gwinong_desktop.ui.forms.house_dialog import HouseDialog
from gwinong_desktop.ui.forms.lease_dialog import LeaseDialog
from gwinong_desktop.ui.forms.operator_dialog import OperatorDialog
from gwinong_desktop.ui.forms.plan_dialog import AnnualPlanDialog
from gwinong_desktop.ui.register_settings import CountyProfilePanel, RuleValuesPanel
from gwinong_desktop.ui.residents.recruitment_dialogs import RoundDialog

QUESTION = ["저장", "버리기", "계속 쓰기"]


def _houses(services: Services) -> int:
    with services.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(House))


TYPED = {
    "eupmyeon": "용담면", "ri": "옥거리", "jibun": "55", "structure": "목조", "rooms": "2",
    "build_year": "1981", "land_area": "400", "floor_area": "66.5", "deposit": "500,000",
}  # fmt: skip


def _type(dialog: HouseDialog) -> None:
    dialog.development_type.setCurrentIndex(
        dialog.development_type.findData(DevelopmentType.REPAIR)
    )
    for name, text in TYPED.items():
        getattr(dialog, name).setText(text)  # keyClicks cannot type Korean
    dialog.note.setPlainText("마당 넓음")


def _typed(dialog: HouseDialog) -> dict[str, str]:
    return {name: getattr(dialog, name).text() for name in TYPED}


def test_esc_on_a_changed_house_form_asks_and_keep_writing_keeps_everything(
    house_dialog, answers, services
):
    houses = _houses(services)
    _type(house_dialog)
    QTest.keyClick(house_dialog.rooms, Qt.Key.Key_Escape)
    assert len(answers.seen) == 1
    title, text, buttons, default, escape = answers.seen[0]
    assert title == "새 귀농인의 집" and "저장하지 않은 내용" in text
    assert sorted(buttons) == sorted(QUESTION)
    assert default == escape == "계속 쓰기"
    assert house_dialog.isVisible()
    assert _typed(house_dialog) == TYPED and house_dialog.note.toPlainText() == "마당 넓음"
    assert _houses(services) == houses


def test_esc_on_the_question_means_keep_writing(house_dialog, answers):
    _type(house_dialog)
    answers.answer = "Esc"
    house_dialog.buttons.rejected.emit()  # 취소
    assert len(answers.seen) == 1 and house_dialog.isVisible()
    assert _typed(house_dialog) == TYPED


def test_discarding_closes_without_writing(house_dialog, answers, services):
    houses = _houses(services)
    _type(house_dialog)
    answers.answer = "discardDrop"
    house_dialog.findChild(type(house_dialog.save_button), "cancelButton").click()
    assert len(answers.seen) == 1
    assert not house_dialog.isVisible()
    assert house_dialog.result() == QDialog.DialogCode.Rejected
    assert house_dialog.saved is None and _houses(services) == houses


def test_save_from_the_question_saves_and_closes(house_dialog, answers, services):
    houses = _houses(services)
    _type(house_dialog)
    answers.answer = "discardSave"
    house_dialog.close()  # the window's close button
    assert len(answers.seen) == 1
    assert not house_dialog.isVisible() and house_dialog.saved is not None
    assert house_dialog.result() == QDialog.DialogCode.Accepted
    assert _houses(services) == houses + 1


def test_save_from_the_question_that_is_refused_keeps_the_form(house_dialog, answers, services):
    houses = _houses(services)
    _type(house_dialog)
    house_dialog.build_year.setText("3020")
    answers.answer = "discardSave"
    house_dialog.reject()
    assert house_dialog.isVisible() and house_dialog.saved is None
    assert "있을 수 없는 해" in house_dialog.error_text("build_year")
    assert house_dialog.build_year.text() == "3020" and _houses(services) == houses


def test_an_unchanged_form_closes_at_once(house_dialog, answers):
    QTest.keyClick(house_dialog.code, Qt.Key.Key_Escape)
    assert answers.seen == [] and not house_dialog.isVisible()


def test_changing_back_to_what_was_there_is_no_change(house_dialog, answers):
    before = house_dialog.ri.text()
    house_dialog.ri.setText("옥거리")
    house_dialog.ri.setText(before)
    house_dialog.reject()
    assert answers.seen == [] and not house_dialog.isVisible()


def test_esc_that_closes_the_autocomplete_list_is_no_discard(house_dialog, answers, qtbot):
    house_dialog.activateWindow()
    edit = house_dialog.eupmyeon
    edit.setFocus()
    edit.setText("면")  # the fixture county's 읍면 all end in 면
    completer = edit.completer()
    completer.setCompletionPrefix("면")
    completer.complete()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    QTest.keyClick(popup, Qt.Key.Key_Escape)  # the key goes to the open list
    assert not popup.isVisible()
    assert house_dialog.isVisible() and answers.seen == []
    QTest.keyClick(edit, Qt.Key.Key_Escape)  # the second Esc asks
    assert len(answers.seen) == 1 and house_dialog.isVisible()
    assert edit.text() == "면"


def test_enter_picking_an_autocomplete_entry_does_not_save(house_dialog, answers, qtbot):
    edit = house_dialog.eupmyeon
    edit.setFocus()
    edit.setText("면")
    completer = edit.completer()
    completer.setCompletionPrefix("면")
    completer.complete()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible() and house_dialog.isVisible()
    assert edit.text().endswith("면") and len(edit.text()) > 1
    assert house_dialog.saved is None and house_dialog.summary.isHidden()


def test_enter_in_the_note_is_a_new_line(house_dialog):
    house_dialog.note.setFocus()
    house_dialog.note.setPlainText("마당")
    house_dialog.note.moveCursor(house_dialog.note.textCursor().MoveOperation.End)
    QTest.keyClick(house_dialog.note, Qt.Key.Key_Return)
    assert house_dialog.note.toPlainText() == "마당\n"
    assert house_dialog.isVisible() and house_dialog.saved is None


def test_enter_in_a_line_runs_the_whole_checked_save(house_dialog, services):
    houses = _houses(services)
    house_dialog.rooms.setText("-1")
    QTest.keyClick(house_dialog.rooms, Qt.Key.Key_Return)
    assert house_dialog.isVisible() and "음수" in house_dialog.error_text("rooms")
    assert _houses(services) == houses


def _dialog(services: Services, name: str) -> QDialog:
    house = services.houses.list_houses()[-1]
    if name == "house":
        return HouseDialog(services, house.id)
    if name == "lease":
        return LeaseDialog(services, house.id)
    if name == "development":
        return DevelopmentDialog(services, house.id, services.works.for_house(house.id)[0].id)
    if name == "operator":
        return OperatorDialog(services)
    if name == "plan":
        return AnnualPlanDialog(services, 2026)
    return RoundDialog(services, house_id=house.id)


@pytest.mark.parametrize("name", ["house", "lease", "development", "operator", "plan", "round"])
def test_every_record_dialog_asks_only_when_changed(qtbot, services, answers, name):
    dialog = _dialog(services, name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert answers.seen == [] and not dialog.isVisible()
    dialog.show()  # shown again: what it holds now is where it starts
    edit = next(e for e in dialog.findChildren(QLineEdit) if e.isVisible() and not e.isReadOnly())
    edit.setText(edit.text() + "1")
    dialog.reject()
    assert [seen[0] for seen in answers.seen] == [dialog.windowTitle()]
    assert dialog.isVisible()


def test_a_line_added_to_the_works_table_is_a_change(qtbot, services, answers):
    house = services.houses.list_houses()[-1]
    dialog = DevelopmentDialog(services, house.id, services.works.for_house(house.id)[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.payments.add_button.click()
    dialog.reject()
    assert len(answers.seen) == 1 and dialog.isVisible()


def test_a_scan_waiting_to_be_attached_is_a_change(qtbot, services, answers, tmp_path):
    from gwinong_desktop.domain.enums import AttachmentKind

    house = services.houses.list_houses()[-1]
    dialog = LeaseDialog(services, house.id)
    qtbot.addWidget(dialog)
    dialog.show()
    scan = tmp_path / "계약서.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    dialog.documents.add_pending(AttachmentKind.LEASE_CONTRACT, scan)
    dialog.reject()
    assert len(answers.seen) == 1 and dialog.isVisible()


# --- the rule values' year --------------------------------------------------------------------


@pytest.fixture
def rules(qtbot, services) -> RuleValuesPanel:
    panel = RuleValuesPanel(services)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def _switch_year(panel: RuleValuesPanel, year: int) -> None:
    """Type a year into the box and leave it (it counts once complete)."""
    panel.year.lineEdit().setText(str(year))
    QTest.keyClick(panel.year, Qt.Key.Key_Return)


def test_another_year_with_unsaved_values_asks_and_keep_writing_stays(rules, answers):
    type_value(rules, "rooms_min", "3")
    _switch_year(rules, 2024)
    assert len(answers.seen) == 1
    title, text, buttons, _default, _escape = answers.seen[0]
    assert title == "2025년 규칙 값" and sorted(buttons) == sorted(QUESTION)
    assert "다른 해로 바꾸면" in text
    assert rules.year.value() == 2025 and value_text(rules, "rooms_min") == "3"


def test_another_year_after_discarding_shows_that_year(rules, answers, services):
    type_value(rules, "rooms_min", "3")
    answers.answer = "discardDrop"
    _switch_year(rules, 2024)
    assert rules.year.value() == 2024 and value_text(rules, "rooms_min") == "2"
    assert rules.table.horizontalHeaderItem(rules.VALUE).text() == "2024년 값"
    with services.ctx.read() as s:
        assert s.scalars(select(RuleValue)).all() == []


def test_another_year_after_saving_keeps_the_value_in_its_own_year(rules, answers, services):
    type_value(rules, "rooms_min", "3")
    answers.answer = "discardSave"
    _switch_year(rules, 2024)
    assert rules.year.value() == 2024 and value_text(rules, "rooms_min") == "2"
    with services.ctx.read() as s:
        row = s.scalars(select(RuleValue)).one()
        assert (row.year, row.key, row.value) == (2025, "rooms_min", "3")
    _switch_year(rules, 2025)  # saved: nothing left to ask about
    assert len(answers.seen) == 1 and value_text(rules, "rooms_min") == "3"


def test_another_year_without_edits_does_not_ask(rules, answers):
    _switch_year(rules, 2024)
    assert answers.seen == [] and rules.year.value() == 2024


# --- the main window --------------------------------------------------------------------------


def test_closing_the_main_window_asks_for_a_changed_open_form(make_window, answers, qtbot):
    window = make_window()
    window.show()
    dialog = HouseDialog(window.services, parent=window)
    dialog.show()
    dialog.eupmyeon.setText("용담면")
    window.close()
    assert [seen[0] for seen in answers.seen] == ["새 귀농인의 집"]
    assert window.isVisible() and dialog.isVisible() and dialog.eupmyeon.text() == "용담면"
    answers.answer = "discardDrop"
    window.close()
    assert len(answers.seen) == 2
    assert not window.isVisible() and not dialog.isVisible()


def test_closing_the_main_window_asks_for_changed_settings(make_window, answers):
    window = make_window()
    window.show()
    window.set_page("settings")
    panel = window.page("settings").findChild(CountyProfilePanel)
    panel.officer_name.setText("이새봄")
    window.set_page("houses")
    window.close()
    assert [seen[0] for seen in answers.seen] == ["시·군 정보"]
    assert window.isVisible() and window.current_page() == "settings"
    answers.answer = "discardSave"
    window.close()
    assert not window.isVisible()
    assert window.services.county_profile.load().officer_name == "이새봄"


def test_an_unchanged_window_closes_without_asking(make_window, answers):
    window = make_window()
    window.show()
    dialog = HouseDialog(window.services, parent=window)
    dialog.show()
    window.close()
    assert answers.seen == [] and not window.isVisible()


def test_forms_close_unasked_at_a_sign_out(house_dialog, answers):
    _type(house_dialog)
    with closing_unasked():
        house_dialog.close()
    assert answers.seen == [] and not house_dialog.isVisible()


def test_a_backup_setting_waiting_to_be_saved_is_saved_on_close(qtbot, services, answers):
    from gwinong_desktop.ui.safety import BackupPanel

    panel = BackupPanel(services)
    qtbot.addWidget(panel)
    panel.show()
    panel.keep_daily.setValue(panel.keep_daily.value() + 3)
    wanted = panel.keep_daily.value()
    assert services.safety.settings().keep_daily != wanted  # saved only after a pause
    assert settle_open_forms(panel) is None
    assert answers.seen == [] and services.safety.settings().keep_daily == wanted


# --- accounts ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_accounts")
def test_a_new_user_typed_and_cancelled_asks_and_saves_from_the_question(qtbot, tmp_path, answers):
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.accounts.user_dialogs import UserDialog

    with open_database(tmp_path / "accounts") as db:
        admin = Services.over(db).accounts.create_first_admin("admin", "김관리", "Gwinong#2025")
        accounts = Services.over(db, admin).accounts
        dialog = UserDialog(accounts)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.display_name.setText("김담당")
        dialog.username.setText("kim")
        QTest.keyClick(dialog.username, Qt.Key.Key_Escape)
        assert [seen[0] for seen in answers.seen] == ["사용자 추가"] and dialog.isVisible()
        dialog.password.setText("Officer#2025")
        dialog.password2.setText("Officer#2026")
        answers.answer = "discardSave"
        dialog.reject()  # the passwords differ: not saved, still open
        assert dialog.isVisible() and "서로 다릅니다" in dialog.error.text()
        dialog.password2.setText("Officer#2025")
        dialog.reject()
        assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
        assert "kim" in [u.username for u in accounts.list_users()]


@pytest.mark.usefixtures("fast_accounts")
def test_the_own_password_dialog_asks_before_dropping_what_was_typed(qtbot, tmp_path, answers):
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.accounts.user_dialogs import OwnPasswordDialog

    with open_database(tmp_path / "accounts") as db:
        admin = Services.over(db).accounts.create_first_admin("admin", "김관리", "Gwinong#2025")
        dialog = OwnPasswordDialog(Services.over(db, admin).accounts, admin)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.old.setText("Gwinong#2025")
        answers.answer = "discardDrop"
        QApplication.sendEvent(
            dialog.old,
            QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        )
        assert [seen[0] for seen in answers.seen] == ["내 비밀번호 바꾸기"]
        assert not dialog.isVisible()


# --- the register import wizard -------------------------------------------------------------


@pytest.fixture
def wizard_on_mapping(qtbot, services, tmp_path):
    from gwinong_desktop.services.register import RegisterService
    from gwinong_desktop.ui.register import RegisterImportWizard

    path = tmp_path / "register.xlsx"
    RegisterService(services.ctx).export(path)
    wizard = RegisterImportWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    return wizard


def test_cancelling_the_import_with_the_proposed_mapping_does_not_ask(wizard_on_mapping, answers):
    wizard = wizard_on_mapping
    wizard.reject()  # the proposed mapping untouched: nothing to lose
    assert answers.seen == [] and not wizard.isVisible()


def test_cancelling_a_changed_mapping_asks_and_can_keep_it(wizard_on_mapping, answers):
    wizard = wizard_on_mapping
    combo = wizard.mapping_page.sheets[0].combo(0)
    combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())
    wizard.button(wizard.WizardButton.CancelButton).click()
    assert len(answers.seen) == 1
    title, text, buttons, default, _escape = answers.seen[0]
    assert title == "관리대장 가져오기" and sorted(buttons) == ["계속 쓰기", "버리기"]
    assert "열 맞춤과 미리보기에서 정한 것이 사라집니다" in text
    assert default == "계속 쓰기" and wizard.isVisible()
    answers.answer = "discardDrop"
    wizard.reject()
    assert not wizard.isVisible()


@pytest.mark.usefixtures("fast_accounts")
def test_signing_out_at_the_lock_closes_changed_forms_unasked(qtbot, tmp_path, answers):
    """Whoever stands at the lock screen may leave, but not save the officer's form."""
    from PySide6.QtWidgets import QWidget

    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.accounts import IdleLock
    from gwinong_desktop.ui.accounts.user_dialogs import UserDialog

    with open_database(tmp_path / "accounts") as db:
        admin = Services.over(db).accounts.create_first_admin("admin", "김관리", "Gwinong#2025")
        services = Services.over(db, admin)
        window = QWidget()
        qtbot.addWidget(window)
        window.show()
        dialog = UserDialog(services.accounts, window)
        dialog.show()
        dialog.display_name.setText("김담당")
        lock = IdleLock(window, services, admin, idle_ms=60_000)
        try:
            lock.lock()
            lock.dialog.switch_button.click()
            assert answers.seen == []
            assert not dialog.isVisible() and not window.isVisible()
            assert [u.username for u in services.accounts.list_users()] == ["admin"]
        finally:
            lock.uninstall()


def test_a_typed_archive_reason_is_not_thrown_away_without_asking(qtbot, answers):
    from gwinong_desktop.ui.forms.record_dialog import ReasonDialog

    dialog = ReasonDialog(None, "보관", "보관하는 사유를 적으세요.")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing typed: closes at once
    assert answers.seen == [] and not dialog.isVisible()
    dialog.show()
    dialog.line.setText("중복 입력")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # 계속 쓰기 (the default answer)
    assert len(answers.seen) == 1 and dialog.isVisible() and dialog.line.text() == "중복 입력"
    answers.answer = "discardDrop"
    dialog.reject()
    assert len(answers.seen) == 2 and not dialog.isVisible()


def test_an_archive_reason_must_not_be_blank(qtbot):
    from gwinong_desktop.ui.forms.record_dialog import ReasonDialog

    dialog = ReasonDialog(None, "보관", "보관하는 사유를 적으세요.")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.line.setText("   ")
    assert not dialog.save_changes()
    assert dialog.isVisible() and "사유를 적어야" in dialog.error.text()
    dialog.line.setText(" 중복 입력 ")
    assert dialog.save_changes() and dialog.reason == "중복 입력"
