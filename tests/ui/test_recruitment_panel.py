"""모집·선정 in the GUI: the panel over the demo county, its dialogs, the evidence and move-in."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QVBoxLayout
from sqlalchemy import func, select

from gwinong_desktop.domain.changes import Kind
from gwinong_desktop.domain.enums import ApplicantDecision, AttachmentKind, Role
from gwinong_desktop.storage.models import Applicant, Attachment, Recruitment
from gwinong_desktop.ui.pages.base import Page
from gwinong_desktop.ui.residents.evidence_view import EvidenceDialog
from gwinong_desktop.ui.residents.recruitment import RecruitmentPanel
from gwinong_desktop.ui.residents.recruitment_dialogs import (
    ApplicantDialog,
    DecisionDialog,
    RoundDialog,
)


class HostPage(Page):
    """The smallest page hosting the panel, as the 입주자 page's tab does."""

    shows = frozenset({Kind.RESIDENTS})

    def __init__(self, host, parent=None) -> None:
        super().__init__(host, parent)
        self.panel = RecruitmentPanel(self)
        QVBoxLayout(self).addWidget(self.panel)
        self.reloads = 0

    def attach(self, services) -> None:
        super().attach(services)
        self.panel.reload()

    def refresh(self, changes) -> None:
        self.reloads += 1
        self.panel.reload()


@pytest.fixture
def panel(qtbot, demo_services) -> RecruitmentPanel:
    page = HostPage.standalone(demo_services)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    return page.panel


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    messages: list[str] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: messages.append(a[2]))
    return messages


def _decided_round(panel: RecruitmentPanel):
    return next(r for r in panel.rounds.all_rows() if r.decided_on and r.applicants >= 2)


def test_the_panel_lists_rounds_and_the_selected_round_applicants(panel):
    assert panel.rounds.visible_count > 5
    first = panel.selected_round()
    assert first is not None and panel.applicants.visible_count == first.applicants
    chosen = _decided_round(panel)
    assert panel.select_round(chosen.id)
    rows = panel.applicants.visible_rows()
    assert [r.rank for r in rows if r.rank] == sorted(r.rank for r in rows if r.rank)
    assert "선정 기준" in panel.round_summary.text() and "10점" in panel.round_summary.text()
    name_column = panel.applicants.column_index("name")
    assert "*" not in panel.applicants.text(rows[0], name_column)  # the test actor may see
    assert panel.score_button.isEnabled() and panel.new_round_button.isEnabled()


def test_a_viewer_sees_names_masked_and_no_edit_buttons(qtbot, demo_services):
    demo_services.ctx.role = Role.VIEWER
    page = HostPage.standalone(demo_services)
    qtbot.addWidget(page)
    panel = page.panel
    rows = panel.applicants.visible_rows()
    assert rows and all("*" in panel.applicants.text(r, 1) for r in rows)
    assert not panel.new_round_button.isEnabled()
    assert not panel.select_button.isEnabled() and not panel.score_button.isEnabled()
    assert panel.evidence_button.isEnabled()


def test_a_round_ending_before_it_starts_is_refused_under_the_field(qtbot, demo_services):
    house = next(
        h
        for h in demo_services.houses.list_houses()
        if demo_services.house_edit.load(h.id).deposit == 1_000_000
    )
    standard = demo_services.house_edit.load(house.id)
    dialog = RoundDialog(demo_services, house_id=house.id)
    qtbot.addWidget(dialog)
    assert dialog.monthly_rent.text() == f"{standard.monthly_rent:,}"
    assert dialog.deposit.text() == "1,000,000"
    with demo_services.ctx.read() as s:
        before = s.scalar(select(func.count()).select_from(Recruitment))
    dialog.notice_from.setText("2026.12.10.")
    dialog.notice_to.setText("2026.12.1.")
    assert not dialog.try_save()
    assert "공고 마감일(2026.12.1.)이 공고 시작일(2026.12.10.)보다 빠릅니다" in dialog.error_text(
        "notice_to"
    )
    assert dialog.notice_to.text() == "2026.12.1."
    with demo_services.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Recruitment)) == before
    dialog.notice_to.setText("2026.12.24.")
    assert dialog.try_save()


def test_an_applicant_with_documents_and_a_family_of_one_is_refused_then_saved(
    qtbot, demo_services, tmp_path
):
    round_id = demo_services.recruitment.rounds()[0].id
    dialog = ApplicantDialog(demo_services, round_id)
    qtbot.addWidget(dialog)
    scan = tmp_path / "귀농정착계획서.pdf"
    scan.write_bytes(b"%PDF-1.4 plan")
    dialog.documents.add_pending(AttachmentKind.SETTLEMENT_PLAN, scan)
    dialog.name.setText("한지민")
    dialog.birth_date.setText("1986.7.2.")
    dialog.education_hours.setText("80시간")
    dialog.household_size.setText("1")
    dialog.with_family.setChecked(True)
    assert not dialog.try_save()
    assert "2명 이상" in dialog.error_text("household_size")
    assert dialog.name.text() == "한지민" and dialog.education_hours.text() == "80시간"
    dialog.household_size.setText("3명")
    assert dialog.try_save()
    with demo_services.ctx.read() as s:
        applicant = s.get(Applicant, dialog.saved.id)
        assert (applicant.education_hours, applicant.household_size) == (80, 3)
        kinds = s.scalars(
            select(Attachment.kind).where(Attachment.applicant_id == dialog.saved.id)
        ).all()
    assert kinds == [AttachmentKind.SETTLEMENT_PLAN]


def test_scoring_and_selecting_below_the_first_rank_needs_a_reason(qtbot, panel, shown):
    open_round = next(r for r in panel.rounds.all_rows() if r.decided_on is None)
    assert panel.select_round(open_round.id)
    panel.score_round()
    assert shown and "선정 기준으로" in shown[-1]
    rows = panel.applicants.visible_rows()
    second = next(r for r in rows if r.rank == 2)
    dialog = DecisionDialog(panel.services, second.id, who=second.name)
    qtbot.addWidget(dialog)
    assert dialog.decision.currentData() == ApplicantDecision.SELECTED
    assert not dialog.try_save()
    assert "1순위" in dialog.error_text("reason")
    dialog.reason.setPlainText("1순위 신청자 입주 포기 의사 전화 확인")
    assert dialog.try_save()
    panel.reload()
    assert panel.select_applicant(second.id)
    assert panel.selected_applicant().decision is ApplicantDecision.SELECTED
    assert panel.move_in_button.isEnabled()


def test_the_evidence_is_readable_and_exported(qtbot, panel, tmp_path):
    chosen = _decided_round(panel)
    dialog = EvidenceDialog(panel.services, chosen.id)
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    for words in ("입주자 선정 증빙", "선정 기준과 배점", "동점", "신청자별 점수와 결정", "선정"):
        assert words in text
    target = dialog.export(tmp_path / "증빙")
    assert target == tmp_path / "증빙.xlsx" and target.is_file()


def test_a_reload_loads_the_round_applicants_once(panel, monkeypatch):
    calls = []
    real = type(panel.services.recruitment).applicants

    def counted(self, recruitment_id, **kw):
        calls.append(recruitment_id)
        return real(self, recruitment_id, **kw)

    monkeypatch.setattr(type(panel.services.recruitment), "applicants", counted)
    chosen = _decided_round(panel)
    panel.select_round(chosen.id)
    calls.clear()
    panel.reload()
    assert calls == [chosen.id]
    assert panel.selected_round().id == chosen.id


def test_selecting_the_first_offers_to_put_the_others_on_the_waiting_list(
    panel, shown, monkeypatch
):
    monkeypatch.setattr(RecruitmentPanel, "_run", lambda self, dialog: dialog.try_save())
    asked = []

    def yes(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    open_round = next(r for r in panel.rounds.all_rows() if r.decided_on is None)
    panel.select_round(open_round.id)
    panel.score_round()
    first = next(r for r in panel.applicants.visible_rows() if r.rank == 1)
    panel.select_applicant(first.id)
    panel.select()
    assert asked and "나머지" in asked[0]
    decisions = {r.rank: r.decision for r in panel.applicants.visible_rows()}
    assert decisions[1] is ApplicantDecision.SELECTED
    assert {d for rank, d in decisions.items() if rank and rank > 1} == {ApplicantDecision.WAITING}
    assert panel.selected_round().decided_on is not None


def test_an_application_entered_by_mistake_is_archived_with_its_reason(panel, monkeypatch):
    monkeypatch.setattr(
        "gwinong_desktop.ui.residents.recruitment.ask_reason", lambda *a: "중복 입력"
    )
    chosen = _decided_round(panel)
    panel.select_round(chosen.id)
    last = panel.applicants.visible_rows()[-1]
    panel.select_applicant(last.id)
    panel.archive_applicant()
    assert last.id not in {r.id for r in panel.applicants.visible_rows()}
    with panel.services.ctx.read() as s:
        assert s.get(Applicant, last.id).archive_reason == "중복 입력"
