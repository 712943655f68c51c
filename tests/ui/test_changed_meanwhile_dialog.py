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


def _first(services: Services, model: type, *where) -> int:
    from sqlalchemy import select

    live = [model.archived_at.is_(None)] if hasattr(model, "archived_at") else []
    with services.ctx.read() as s:
        return s.scalar(select(model.id).where(*live, *where).order_by(model.id).limit(1))


def _dialogs():
    """Each dialog over an existing record, built from the demo county's first such record."""
    from gwinong_desktop.storage import models as m
    from gwinong_desktop.ui.forms.development_dialog import DevelopmentDialog
    from gwinong_desktop.ui.forms.lease_dialog import LeaseDialog
    from gwinong_desktop.ui.forms.plan_dialog import AnnualPlanDialog
    from gwinong_desktop.ui.inspections.dialogs import VisitDialog
    from gwinong_desktop.ui.inspections.inspection_dialog import InspectionDialog
    from gwinong_desktop.ui.rent.dialogs import DepositReturnDialog, PaymentDialog
    from gwinong_desktop.ui.residents.person import ResidentEditDialog
    from gwinong_desktop.ui.residents.recruitment_dialogs import (
        ApplicantDialog,
        DecisionDialog,
        RoundDialog,
    )
    from gwinong_desktop.ui.residents.stay_dialogs import (
        ExtensionDialog,
        MoveInDialog,
        SettlementDialog,
    )

    def house_of(s, model, i):
        with s.ctx.read() as session:
            return session.get(model, i).house_id

    def lease(s):
        i = _first(s, m.Lease)
        return LeaseDialog(s, house_of(s, m.Lease, i), i), m.Lease, i

    def development(s):
        i = _first(s, m.Development)
        return DevelopmentDialog(s, house_of(s, m.Development, i), i), m.Development, i

    def plan(s):
        i = _first(s, m.AnnualPlan)
        with s.ctx.read() as session:
            year = session.get(m.AnnualPlan, i).year
        return AnnualPlanDialog(s, year), m.AnnualPlan, i

    def one(dialog, model, *where):
        def make(s):
            i = _first(s, model, *where)
            return dialog(s, i), model, i

        return make

    def applicant(s):
        i = _first(s, m.Applicant)
        with s.ctx.read() as session:
            round_id = session.get(m.Applicant, i).recruitment_id
        return ApplicantDialog(s, round_id, applicant_id=i), m.Applicant, i

    def payment(s):
        i = _first(s, m.Payment)
        with s.ctx.read() as session:
            stay_id = session.get(m.Payment, i).stay_id
        return PaymentDialog(s, stay_id, i), m.Payment, i

    def deposit(s):
        i = _first(s, m.Deposit, m.Deposit.returned_on.is_(None))
        return DepositReturnDialog(s, i, 1), m.Deposit, i

    def inspection(s):
        i = _first(s, m.Inspection)
        return InspectionDialog(s, s.inspections.load(i)), m.Inspection, i

    def settlement(s):
        i = _first(s, m.Stay, m.Stay.moved_out_on.is_not(None))
        with s.ctx.read() as session:
            resident = session.get(m.Stay, i).resident_id
        return SettlementDialog(s, i), m.Resident, resident

    open_stay = m.Stay.moved_out_on.is_(None)
    return {
        "operator": one(OperatorDialog, m.Operator),
        "lease": lease,
        "development": development,
        "plan": plan,
        "round": one(lambda s, i: RoundDialog(s, round_id=i), m.Recruitment),
        "applicant": applicant,
        "decision": one(lambda s, i: DecisionDialog(s, i, who="김영수"), m.Applicant),
        "resident": one(ResidentEditDialog, m.Resident),
        "stay terms": one(lambda s, i: MoveInDialog(s, stay_id=i), m.Stay),
        "extension": one(ExtensionDialog, m.Stay, open_stay),
        "move-out": one(MoveOutDialog, m.Stay, open_stay),
        "settlement": settlement,
        "payment": payment,
        "deposit return": deposit,
        "visit": one(lambda s, i: VisitDialog(s, visit_id=i), m.Visit),
        "inspection": inspection,
    }


def test_every_dialog_over_a_record_remembers_its_revision(qtbot, demo_services: Services):
    for name, make in _dialogs().items():
        dialog, model, record = make(demo_services)
        qtbot.addWidget(dialog)
        with demo_services.ctx.read() as s:
            revision = s.get(model, record).revision
        assert dialog.loaded.get("revision") == revision, name
        form, _ = dialog.collect()
        assert getattr(form, "revision", None) in (None, revision), name  # stamped on save
