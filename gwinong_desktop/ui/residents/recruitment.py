"""모집·선정: recruitment rounds above, the selected round's applicants below.

``RecruitmentPanel(page)`` is a tab of the 입주자 page: ``page.services`` does the work and
``page.announce`` tells the other pages what changed; ``reload()`` loads again (the page calls it
when it is shown and after changes). Rounds are added, edited and archived; applicants are added
and edited with the documents they handed in; "점수 계산·순위" scores the round on the criteria of
its notice year and ranks it; "선정…"/"결정…" record a decision with its date and reason;
"증빙 보기" shows the round's evidence for an auditor; "입주 등록…" registers the selected
applicant's move-in through ``services.stays`` (the stays service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import ApplicantDecision
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.selection import criteria_in_use
from gwinong_desktop.services.recruitment_forms import ApplicantRow, RoundRow

from ..forms.record_dialog import ask_reason
from ..records import RecordTableModel
from ..records.view import RecordTableView
from .recruitment_columns import APPLICANT_COLUMNS, CONTEXT, ROUND_COLUMNS

if TYPE_CHECKING:
    from gwinong_desktop.services import Services


class RecruitmentPanel(QWidget):
    """Rounds and their applicants; see the module's docstring."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.setObjectName("recruitmentPanel")
        self.page = page
        self.rounds = RecordTableModel(
            ROUND_COLUMNS, context=CONTEXT, archived=lambda r: r.archived, parent=self
        )
        self.applicants = RecordTableModel(
            APPLICANT_COLUMNS, context=CONTEXT, archived=lambda r: r.archived, parent=self
        )
        self.round_view = RecordTableView(self.rounds, self)
        self.round_view.setObjectName("roundTable")
        self.applicant_view = RecordTableView(self.applicants, self)
        self.applicant_view.setObjectName("applicantTable")
        self._round_id: int | None = None
        self._loads = 0  # applicant loads so far (one per round shown, not two)

        self.new_round_button = self._button(self.tr("새 모집…"), "newRound", self.new_round)
        self.edit_round_button = self._button(self.tr("수정…"), "editRound", self.edit_round)
        self.archive_round_button = self._button(
            self.tr("보관…"), "archiveRound", self.archive_round
        )
        self.show_archived = QCheckBox(self.tr("보관된 모집도 보기"), self)
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.add_button = self._button(self.tr("신청자 추가…"), "addApplicant", self.add_applicant)
        self.edit_button = self._button(self.tr("수정…"), "editApplicant", self.edit_applicant)
        self.archive_button = self._button(
            self.tr("보관…"), "archiveApplicant", self.archive_applicant
        )
        self.score_button = self._button(self.tr("점수 계산·순위"), "scoreRound", self.score_round)
        self.select_button = self._button(self.tr("선정…"), "selectApplicant", self.select)
        self.decide_button = self._button(self.tr("결정…"), "decideApplicant", self.decide)
        self.evidence_button = self._button(self.tr("증빙 보기"), "showEvidence", self.evidence)
        self.move_in_button = self._button(self.tr("입주 등록…"), "moveIn", self.move_in)
        self.select_button.setToolTip(self.tr("고른 신청자를 선정합니다 (결정일·사유 기록)."))
        self.move_in_button.setToolTip(self.tr("선정된 신청자의 입주를 등록합니다."))

        self.round_summary = QLabel(self)
        self.round_summary.setObjectName("roundSummary")
        self.round_summary.setWordWrap(True)
        self.round_summary.setTextFormat(Qt.TextFormat.PlainText)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        title = QLabel(self.tr("입주자 모집"), top)
        title.setObjectName("sectionTitle")
        title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.show_archived)
        for button in (self.new_round_button, self.edit_round_button, self.archive_round_button):
            bar.addWidget(button)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.round_view, 1)

        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.round_summary)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.archive_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.score_button)
        actions.addSpacing(12)
        for button in (self.select_button, self.decide_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.evidence_button)
        actions.addWidget(self.move_in_button)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.applicant_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("recruitmentSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.splitter)

        self.round_view.selectionModel().currentRowChanged.connect(self._round_changed)
        self.applicant_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.round_view.sig_edit.connect(lambda _row: self.edit_round())
        self.applicant_view.sig_edit.connect(lambda _row: self.edit_applicant())
        self._update_buttons()

    # --- loading ----------------------------------------------------------------------------

    @property
    def services(self) -> Services | None:
        return getattr(self.page, "services", None)

    def reload(self) -> None:
        """Load the rounds (keeping the selected one) and its applicants."""
        services = self.services
        if services is None:
            return
        keep = self._round_id
        self.rounds.set_personal_visible(services.ctx.allows(Permission.SEE_PERSONAL))
        self.applicants.set_personal_visible(services.ctx.allows(Permission.SEE_PERSONAL))
        self.rounds.set_rows(
            services.recruitment.rounds(include_archived=self.show_archived.isChecked())
        )
        loads = self._loads
        if (keep is None or not self.select_round(keep)) and self.rounds.visible_count:
            self.round_view.setCurrentIndex(self.rounds.index(0, 0))
        if self._loads == loads:  # the current round did not change: its applicants may have
            self._load_applicants()

    def select_round(self, round_id: int) -> bool:
        """Show the round ``round_id`` (True when it is in the list; the page may call it to
        show a round another page asked for)."""
        row = self.rounds.row_of(round_id)
        if row is None:
            return False
        self.round_view.setCurrentIndex(self.rounds.index(row, 0))
        return True

    def select_applicant(self, applicant_id: int) -> bool:
        row = self.applicants.row_of(applicant_id)
        if row is None:
            return False
        self.applicant_view.setCurrentIndex(self.applicants.index(row, 0))
        return True

    def _round_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._round_id = self.rounds.row_at(current.row()).id if current.isValid() else None
        self._load_applicants()

    def _load_applicants(self) -> None:
        self._loads += 1
        services = self.services
        round_row = self.selected_round()
        self._round_id = round_row.id if round_row else None
        if services is None or round_row is None:
            self.applicants.set_rows([])
            self.round_summary.setText(self.tr("모집 회차를 고르세요."))
            self._update_buttons()
            return
        try:
            rows = services.recruitment.applicants(round_row.id, include_archived=False)
        except Refusal as refusal:
            rows = []
            QMessageBox.warning(self, self.tr("입주신청자"), refusal.message)
        self.applicants.set_rows(rows)
        if rows:
            self.applicant_view.setCurrentIndex(self.applicants.index(0, 0))
        self.round_summary.setText(self._summary(services, round_row, rows))
        self._update_buttons()

    def _summary(self, services: Services, round_row: RoundRow, rows: list[ApplicantRow]) -> str:
        rules = services.recruitment.rules_of(round_row.id)
        weights = " · ".join(
            f"{c.label}({c.condition(rules)}) {c.weight(rules)}점" for c in criteria_in_use(rules)
        )
        counts: dict[ApplicantDecision, int] = {}
        for row in rows:
            counts[row.decision] = counts.get(row.decision, 0) + 1
        tally = ", ".join(f"{d.label} {n}명" for d, n in counts.items())
        return self.tr("{title} — 신청 {n}명 ({tally})\n{year}년 선정 기준: {weights}").format(
            title=round_row.title,
            n=len(rows),
            tally=tally or self.tr("없음"),
            year=round_row.year,
            weights=weights or self.tr("배점이 있는 기준이 없습니다"),
        )

    def selected_round(self) -> RoundRow | None:
        index = self.round_view.currentIndex()
        return self.rounds.row_at(index.row()) if index.isValid() else None

    def selected_applicant(self) -> ApplicantRow | None:
        index = self.applicant_view.currentIndex()
        return self.applicants.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        services = self.services
        can_edit = services is not None and services.ctx.allows(Permission.EDIT)
        round_row = self.selected_round()
        applicant = self.selected_applicant()
        has_round = round_row is not None and not round_row.archived
        has_applicant = applicant is not None and has_round
        self.new_round_button.setEnabled(can_edit)
        self.edit_round_button.setEnabled(can_edit and has_round)
        self.archive_round_button.setEnabled(can_edit and round_row is not None)
        self.archive_round_button.setText(
            self.tr("복원") if round_row is not None and round_row.archived else self.tr("보관…")
        )
        self.add_button.setEnabled(can_edit and has_round)
        self.edit_button.setEnabled(can_edit and has_applicant)
        self.archive_button.setEnabled(can_edit and has_applicant)
        self.score_button.setEnabled(can_edit and has_round and self.applicants.visible_count > 0)
        self.select_button.setEnabled(can_edit and has_applicant)
        self.decide_button.setEnabled(can_edit and has_applicant)
        self.evidence_button.setEnabled(round_row is not None)
        self.move_in_button.setEnabled(
            can_edit
            and has_applicant
            and applicant is not None
            and applicant.decision is ApplicantDecision.SELECTED
        )

    # --- actions ----------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    def _changed(self) -> None:
        """Something was saved here: say so (the page reloads this panel) and show it now."""
        self.page.announce(Changes.of(Kind.RESIDENTS))
        self.reload()

    def _run(self, dialog: QDialog) -> bool:
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _open(self, make: Any) -> QDialog | None:
        """Build a dialog; a refusal (a record gone, a role that may not) is told, not raised."""
        try:
            return make()
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("모집·선정"), refusal.message)
            return None

    def new_round(self) -> None:
        from .recruitment_dialogs import RoundDialog

        current = self.selected_round()
        house_id = current.house_id if current else None
        dialog = self._open(lambda: RoundDialog(self.services, house_id=house_id, parent=self))
        if dialog is not None and self._run(dialog):
            self._round_id = dialog.saved.id  # type: ignore[attr-defined]
            self._changed()

    def edit_round(self) -> None:
        from .recruitment_dialogs import RoundDialog

        current = self.selected_round()
        if current is None:
            return
        dialog = self._open(lambda: RoundDialog(self.services, round_id=current.id, parent=self))
        if dialog is not None and self._run(dialog):
            self._changed()

    def archive_round(self) -> None:
        current = self.selected_round()
        services = self.services
        if current is None or services is None:
            return
        try:
            if current.archived:
                services.recruitment.restore_round(current.id)
            else:
                reason = ask_reason(
                    self,
                    self.tr("모집 보관"),
                    self.tr("'{title}'을(를) 목록에서 보관하는 사유").format(title=current.title),
                )
                if reason is None:
                    return
                services.recruitment.archive_round(current.id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("모집 보관"), refusal.message)
            return
        self._changed()

    def add_applicant(self) -> None:
        from .recruitment_dialogs import ApplicantDialog

        current = self.selected_round()
        if current is None:
            return
        dialog = self._open(lambda: ApplicantDialog(self.services, current.id, parent=self))
        if dialog is not None and self._run(dialog):
            self._changed()
            self.select_applicant(dialog.saved.id)  # type: ignore[attr-defined]

    def edit_applicant(self) -> None:
        from .recruitment_dialogs import ApplicantDialog

        current, applicant = self.selected_round(), self.selected_applicant()
        if current is None or applicant is None:
            return
        dialog = self._open(
            lambda: ApplicantDialog(
                self.services, current.id, applicant_id=applicant.id, parent=self
            )
        )
        if dialog is not None and self._run(dialog):
            self._changed()
            self.select_applicant(applicant.id)

    def archive_applicant(self) -> None:
        """보관…: an application entered by mistake leaves the round (kept, with the reason)."""
        applicant, services = self.selected_applicant(), self.services
        if applicant is None or services is None:
            return
        title = self.tr("신청자 보관")
        reason = ask_reason(
            self,
            title,
            self.tr("{name}의 신청을 목록에서 보관하는 사유").format(name=applicant.name),
        )
        if reason is None:
            return
        try:
            services.recruitment.archive_applicant(applicant.id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self, title, refusal.message)
            return
        self._changed()

    def score_round(self) -> None:
        current = self.selected_round()
        services = self.services
        if current is None or services is None:
            return
        try:
            outcome = services.recruitment.score_round(current.id)
        except Refusal as refusal:
            QMessageBox.warning(self, self.tr("점수 계산·순위"), refusal.message)
            return
        self._changed()
        kept = (
            self.tr(" 이미 결정된 {n}명은 결정 당시의 점수를 그대로 둡니다.").format(n=outcome.kept)
            if outcome.kept
            else ""
        )
        QMessageBox.information(
            self,
            self.tr("점수 계산·순위"),
            self.tr(
                "{year}년 선정 기준으로 {n}명의 점수를 계산하고 {r}명의 순위를 정했습니다."
            ).format(year=outcome.year, n=outcome.scored, r=outcome.ranked)
            + kept,
        )

    def select(self) -> None:
        """선정…: the decision dialog with 선정 chosen; then, if ranked applicants are still
        undecided, offer to put them on the waiting list in rank order."""
        current = self.selected_round()
        if current is None or not self._decide(ApplicantDecision.SELECTED):
            return
        rest = [
            r
            for r in self.applicants.all_rows()
            if r.decision is ApplicantDecision.PENDING and r.rank is not None
        ]
        if not rest:
            return
        title = self.tr("대기자 정하기")
        asked = QMessageBox.question(
            self,
            title,
            self.tr("심사중인 나머지 {n}명을 순위대로 대기(예비 입주자)로 정할까요?").format(
                n=len(rest)
            ),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.recruitment.wait_in_rank_order(current.id)  # type: ignore[union-attr]
        except Refusal as refusal:
            QMessageBox.warning(self, title, refusal.message)
            return
        self._changed()

    def decide(self) -> None:
        """결정…: the decision dialog with the applicant's decision as it stands."""
        self._decide(None)

    def _decide(self, decision: ApplicantDecision | None) -> bool:
        from .recruitment_dialogs import DecisionDialog

        applicant = self.selected_applicant()
        if applicant is None:
            return False
        rank = f"{applicant.rank}순위" if applicant.rank else self.tr("순위 없음")
        score = f"{applicant.score}점" if applicant.score is not None else self.tr("점수 없음")
        who = f"{applicant.name} ({rank}, {score})"
        dialog = self._open(
            lambda: DecisionDialog(
                self.services, applicant.id, who=who, decision=decision, parent=self
            )
        )
        if dialog is None or not self._run(dialog):
            return False
        self._changed()
        self.select_applicant(applicant.id)
        return True

    def evidence(self) -> None:
        from .evidence_view import EvidenceDialog

        current = self.selected_round()
        if current is None:
            return
        dialog = self._open(lambda: EvidenceDialog(self.services, current.id, parent=self))
        if dialog is not None:
            self._run(dialog)

    def move_in(self) -> None:
        """입주 등록…: the stays service registers the selected applicant's move-in."""
        applicant = self.selected_applicant()
        services = self.services
        if applicant is None or services is None:
            return
        title = self.tr("입주 등록")
        candidate = services.recruitment.move_in_candidate(applicant.id)
        if candidate.reasons:
            QMessageBox.information(self, title, "\n".join(candidate.reasons))
            return
        from .stay_dialogs import MoveInDialog  # the one move-in form, as the 입주 현황 tab's

        dialog = self._open(lambda: MoveInDialog(services, applicant_id=applicant.id, parent=self))
        if dialog is not None and self._run(dialog):
            self._changed()
