"""The field-copy banner: a data folder written as a field kit says so above every page, so
nobody takes the laptop's copy for the office's database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from gwinong_desktop.services.field_kit import FieldCopy

STYLE = (
    "QLabel#fieldCopyBanner { background: #fff4d6; color: #5c3d00; border-bottom: 1px solid "
    "#e0c27a; padding: 6px 12px; font-weight: bold; }"
)


class FieldCopyBanner(QLabel):
    """Hidden for an office folder; for a field copy: which county, since when, and how its
    work gets back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldCopyBanner")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_copy(self, copy: FieldCopy | None) -> None:
        if copy is None:
            self.hide()
            return
        self.setText(
            self.tr(
                "{label} — 이 PC에서 고친 내용은 사무실 PC의 '파일 → 현장 자료 가져오기'로 "
                "사무실 자료에 합쳐집니다. 사무실 자료가 아닙니다."
            ).format(label=copy.label())
        )
        self.show()
