"""The preview's decisions for the whole file: rows of another kind of facility, and a missing
county profile — each said once, and decided there, not refused row by row.

``DecisionsPanel.show_plan`` shows a box for each decision the plan asks for; choosing how to
treat the other kind, or saving the county profile in the embedded form, emits
``sig_changed`` and the preview checks the rows again (without reading the workbook again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.services.register import KEEP, SKIP, ImportChoices, ImportPlan
from gwinong_desktop.services.register.decisions import (
    TOPIC_COUNTY,
    TOPIC_OTHER_KINDS,
    groups_text,
)

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

_ERROR = "color: #a12622;"


class DecisionsPanel(QWidget):
    """The decisions a plan needs, above the preview's tables (hidden when there are none)."""

    sig_changed = Signal()
    """A decision was taken or the county profile saved: check the rows again."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDecisions")
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.other_box = QGroupBox(self.tr("귀농인의 집이 아닌 시설"), self)
        self.other_box.setObjectName("otherKindsBox")
        self.other_text = QLabel(self.other_box)
        self.other_text.setObjectName("otherKindsText")
        self.other_text.setWordWrap(True)
        self.skip = QRadioButton(self.tr("이 행들은 빼고 가져옵니다"), self.other_box)
        self.skip.setObjectName("otherKindsSkip")
        self.keep = QRadioButton(
            self.tr("이 행들도 가져오고, 비고에 시설 종류를 적습니다"), self.other_box
        )
        self.keep.setObjectName("otherKindsKeep")
        self.group = QButtonGroup(self)
        self.group.addButton(self.skip)
        self.group.addButton(self.keep)
        self.group.buttonClicked.connect(lambda _button: self.sig_changed.emit())
        box = QVBoxLayout(self.other_box)
        box.addWidget(self.other_text)
        box.addWidget(self.skip)
        box.addWidget(self.keep)
        layout.addWidget(self.other_box)

        self.county_box = QGroupBox(self.tr("시·군 정보가 없습니다"), self)
        self.county_box.setObjectName("countyBox")
        self.county_text = QLabel(self.county_box)
        self.county_text.setObjectName("countyText")
        self.county_text.setWordWrap(True)
        self.county_text.setStyleSheet(_ERROR)
        self.county_form: QWidget | None = None  # made when first needed
        box = QVBoxLayout(self.county_box)
        box.addWidget(self.county_text)
        layout.addWidget(self.county_box)
        self.other_box.hide()
        self.county_box.hide()

    def choices(self) -> ImportChoices:
        chosen = SKIP if self.skip.isChecked() else KEEP if self.keep.isChecked() else None
        return ImportChoices(other_kinds=chosen)

    def show_plan(self, plan: ImportPlan) -> None:
        other = plan.decision(TOPIC_OTHER_KINDS)
        self.other_box.setVisible(other is not None)
        if other is not None:
            rows = sum(len(r) for r in plan.other_kinds.values())
            text = self.tr(
                "이 목록에는 귀농인의 집이 아닌 시설의 행이 {n}개 있습니다: {groups}."
            ).format(n=rows, groups=groups_text(plan.other_kinds))
            if other.is_refusal:
                text += " " + self.tr("어떻게 할지 한 번 고르면 모든 행에 적용합니다.")
            self.other_text.setText(text)
            self.other_text.setStyleSheet(_ERROR if other.is_refusal else "")
        county = plan.decision(TOPIC_COUNTY)
        self.county_box.setVisible(county is not None)
        if county is not None:
            self.county_text.setText(
                county.message_ko + ". " + self.tr("여기서 정해 저장하면 다시 확인합니다.")
            )
            self._county_form()
        self.setVisible(other is not None or county is not None)

    def _county_form(self) -> None:
        if self.county_form is not None:
            return
        from ..register_settings.county_profile import CountyProfilePanel

        form = CountyProfilePanel(self.services, self.county_box)
        form.sig_saved.connect(lambda _profile: self.sig_changed.emit())
        self.county_box.layout().addWidget(form)
        self.county_form = form
