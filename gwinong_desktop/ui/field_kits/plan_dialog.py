"""The plan of a kit import, shown before anything is merged (the dry run's own text)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.services.merge_plan import MergePlan
from gwinong_desktop.services.merge_text import plan_lines


class PlanDialog(QDialog):
    """The plan and 가져오기 / 취소; a kit already imported offers only 닫기."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kitPlanDialog")
        self.setWindowTitle(self.tr("현장 자료 가져오기 — 미리 보기"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        done = plan.imported_before is not None
        intro = QLabel(
            self.tr("이 현장 자료를 가져오면 아래와 같이 합칩니다. 가져오기 전에 자동으로 "
                    "백업합니다. 양쪽에서 다르게 바뀐 것은 사무실 값을 그대로 두고 검토 "
                    "항목으로 남깁니다.")
            if not done
            else self.tr("이 현장 자료는 이미 가져왔습니다."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("kitPlanText")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(plan_lines(plan)))
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() + 0.5)
        self.text.setFont(font)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(self)
        if done:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
            self.apply_button = None
        else:
            self.apply_button = buttons.addButton(
                self.tr("가져오기"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.apply_button.setDefault(True)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("취소"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
