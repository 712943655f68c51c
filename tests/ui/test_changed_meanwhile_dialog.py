"""A dialog whose record someone else saved after it opened refuses the save, says so with
both values above the form, and keeps what was typed (issue #16, point 3)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog

from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import WarningsPending
from gwinong_desktop.ui.forms.operator_dialog import OperatorDialog
from gwinong_desktop.ui.residents.stay_dialogs import MoveOutDialog


def test_the_dialog_shows_the_refusal_and_keeps_the_text(qtbot, services: Services):
    operator = services.operators.list_operators()[0]
    dialog = OperatorDialog(services, operator.id)
    qtbot.addWidget(dialog)
    other = Services.over(services.ctx.db, actor="이주무관")  # another officer, same database
    other.operators.save(replace(other.operators.load(operator.id), note="이주무관 메모"))
    dialog.note.setPlainText("김담당 메모")
    dialog.phone.setText("063-430-9999")
    assert not dialog.try_save()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved is None
    shown = dialog.summary.text()
    assert not dialog.summary.isHidden()
    assert shown.startswith("저장하지 않았습니다.\n")  # not "a place to fix": nothing to fix here
    assert "이주무관님이" in shown and "덮어쓰지 않았습니다" in shown
    assert "비고: 저장된 값 이주무관 메모 / 입력한 값 김담당 메모" in shown
    assert "연락처:" in shown and "입력한 값 063-430-9999" in shown
    # What was typed is still there, and nothing was written over the other save.
    assert dialog.note.toPlainText() == "김담당 메모"
    assert dialog.phone.text() == "063-430-9999"
    assert services.operators.load(operator.id).note == "이주무관 메모"
    dialog.grab().save("/tmp/forms_changed_meanwhile.png")


def test_a_dialog_over_an_unchanged_record_saves(qtbot, services: Services):
    operator = services.operators.list_operators()[0]
    dialog = OperatorDialog(services, operator.id)
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("고친 메모")
    assert dialog.try_save()
    assert services.operators.load(operator.id).note == "고친 메모"


def test_a_stay_dialog_carries_the_revision_it_opened_with(qtbot, services: Services):
    stay = next(s for s in services.stays.list_stays() if s.moved_out_on is None)
    dialog = MoveOutDialog(services, stay.id)
    qtbot.addWidget(dialog)
    other = Services.over(services.ctx.db, actor="이주무관")
    form = replace(other.stays.move_out_form(stay.id), note="이주무관이 먼저")
    try:
        other.stays.move_out(form)
    except WarningsPending as pending:  # the rule warnings are not what is tested here
        other.stays.move_out(form, accepted_warnings={w.rule: "확인" for w in pending.results})
    assert not dialog.try_save()
    assert "이주무관님이" in dialog.summary.text()
    assert "이주무관이 먼저" in dialog.summary.text()
