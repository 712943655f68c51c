"""입주 등록 from a selected applicant: the move-in day, handed to the stays service.

The stay itself (planned end from the year's rule, one stay per house at a time, the charges) is
the stays service's work (``services.stays.move_in_from_applicant``); this form asks what only
the officer knows here — the day the applicant moves in — and shows the round's terms.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.recruitment_forms import MoveInCandidate
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import date_text, line, parse_date_text
from ..forms.record_dialog import Loose, RecordDialog


class MoveInDialog(RecordDialog):
    def __init__(
        self, services: Services, candidate: MoveInCandidate, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("입주 등록"), parent)
        self.setObjectName("moveInDialog")
        self.services = services
        self.candidate = candidate
        layout = QFormLayout()
        layout.addRow(self.tr("입주자"), QLabel(candidate.name))
        layout.addRow(
            self.tr("조건"),
            QLabel(
                self.tr("월임대료 {rent:,}원 · 보증금 {deposit:,}원 · 세대원 {size}명").format(
                    rent=candidate.monthly_rent,
                    deposit=candidate.deposit,
                    size=candidate.household_size,
                )
            ),
        )
        self.move_in_on = self.fields.add(
            layout,
            "move_in_on",
            self.tr("입주일"),
            line("2026.3.1.", width=160, text=date_text(services.ctx.today())),
            lambda: parse_date_text(self.move_in_on.text()),
            hint=self.tr("퇴거 예정일은 입주한 해의 이용기간 규칙으로 정해집니다."),
        )
        self.body.addLayout(layout)
        self.fit(480)

    def collect(self) -> tuple[dict[str, object], list[Loose]]:
        value, problem = self.fields.parse("move_in_on")
        return {"move_in_on": value}, [("move_in_on", problem)] if problem else []

    def check(self, form: dict[str, object]) -> list[RuleResult]:
        return []

    def write(self, form: dict[str, object], reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.stays.move_in_from_applicant(  # type: ignore[attr-defined]
            self.candidate.applicant_id, move_in_on=form["move_in_on"], accepted_warnings=reasons
        )
