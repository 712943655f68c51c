"""The data check's part of the safety panel: the buttons and the list of what was found."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.services import safety

# what a repair can do something about (the rest needs a restore or a person)
REPAIRABLE = frozenset({"file_missing", "file_damaged", "leftover"})


class CheckView(QGroupBox):
    """Runs nothing itself: asks the panel (``sig_check_requested``) and shows the problems."""

    sig_check_requested = Signal(bool)
    """The officer asked for a check; True: with repair (already confirmed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("데이터 점검"))
        self.setObjectName("checkView")
        self.problems: list[Any] = []
        self._may_repair = True
        self.check_button = QPushButton(self.tr("데이터 점검"), self)
        self.check_button.setObjectName("checkButton")
        self.repair_button = QPushButton(self.tr("고칠 수 있는 것 고치기…"), self)
        self.repair_button.setObjectName("repairButton")
        self.repair_button.setEnabled(False)
        explain = QLabel(
            self.tr(
                "데이터베이스, 기록 사이의 연결, 사진·첨부 파일이 모두 있고 바뀌지 않았는지 "
                "확인합니다. 점검만으로는 아무것도 바꾸지 않습니다."
            ),
            self,
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #5b6660;")
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.results = QListWidget(self)
        self.results.setObjectName("checkResults")
        self.results.setWordWrap(True)
        self.results.setMinimumHeight(120)
        self.results.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.repair_button)
        buttons.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(buttons)
        layout.addWidget(self.results, 1)

        self.check_button.clicked.connect(lambda: self.sig_check_requested.emit(False))
        self.repair_button.clicked.connect(self._ask_repair)

    def set_enabled(self, enabled: bool, *, repair: bool = True) -> None:
        self._may_repair = repair
        self.check_button.setEnabled(enabled)
        self.repair_button.setEnabled(enabled and repair and self._repairable())

    def _repairable(self) -> bool:
        return any(p.kind in REPAIRABLE and not p.repaired for p in self.problems)

    def _ask_repair(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("데이터 점검"),
            self.tr(
                "없어졌거나 손상된 사진·첨부 파일을 백업에 있는 온전한 사본으로 되살리고, "
                "중단된 작업이 남긴 임시 파일을 지웁니다. 바뀌는 파일의 원래 내용은 "
                "backups 폴더에 남겨 두고, 한 일은 모두 변경 기록에 남깁니다. 계속할까요?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.sig_check_requested.emit(True)

    def show_problems(self, problems: list[Any]) -> None:
        self.problems = list(problems)
        self.results.clear()
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "notice": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
            "repaired": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }
        ordered = sorted(self.problems, key=lambda p: (p.severity != safety.ERROR, p.repaired))
        for p in ordered:
            text = p.message
            if p.repair_note:
                done = self.tr("복구함") if p.repaired else self.tr("복구 못 함")
                text += f"\n→ {done}: {p.repair_note}"
            key = "repaired" if p.repaired else p.severity
            item = QListWidgetItem(icons.get(key, icons["notice"]), text)
            item.setData(Qt.ItemDataRole.UserRole, p)
            tip = [f"{k}: {v}" for k, v in (("table", p.table), ("uid", p.uid), ("path", p.path))
                   if v]  # fmt: skip
            item.setToolTip("\n".join(tip))
            self.results.addItem(item)
        self.results.setVisible(bool(self.problems))
        self.summary.setText(self.summary_text())
        self.repair_button.setEnabled(self._may_repair and self._repairable())

    def summary_text(self) -> str:
        errors = [p for p in self.problems if p.severity == safety.ERROR]
        left = [p for p in errors if not p.repaired]
        notices = len(self.problems) - len(errors)
        if not errors:
            text = self.tr("문제가 없습니다.")
        elif left:
            text = self.tr("문제 {n}건").format(n=len(left))
        else:
            text = self.tr("문제 {n}건을 모두 고쳤습니다.").format(n=len(errors))
        if left and len(left) < len(errors):
            text += " " + self.tr("(고친 것 {n}건)").format(n=len(errors) - len(left))
        if notices:
            text += " " + self.tr("참고 {n}건").format(n=notices)
        return text
