"""Placing a photo in the album: its phase (착공 전 · 준공 후 · 점검), its slot (전경 · 원경 ·
내부 · 주변, or none) and its caption, through the shared record dialog flow."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.photo_views import PhotoPlacement, PhotoRow
from gwinong_desktop.services.rule_gate import SavedRecord

from ..forms.fields import enum_combo, enum_value, line, select_data
from ..forms.record_dialog import Loose, RecordDialog


class PhotoPlacementDialog(RecordDialog):
    """The phase, slot and caption of one photo."""

    def __init__(self, services: Services, photo: PhotoRow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("사진 구분·설명"), parent)
        self.setObjectName("photoPlacementDialog")
        self.services = services
        self.photo = photo
        about = QLabel(photo.original_name or self.tr("(이름 없는 사진)"))
        about.setObjectName("photoName")
        about.setWordWrap(True)
        self.body.addWidget(about)
        form = QFormLayout()
        f = self.fields
        self.phase = f.add(form, "phase", self.tr("시기"), enum_combo(PhotoPhase))
        select_data(self.phase, photo.phase)
        self.slot = f.add(form, "slot", self.tr("구분"),
                          enum_combo(PhotoSlot, blank=self.tr("구분 없음")))  # fmt: skip
        select_data(self.slot, photo.slot)
        example = self.tr("예: 안방 천장 누수 부위")
        self.caption = f.add(form, "caption", self.tr("설명"), line(example, text=photo.caption))
        self.body.addLayout(form)
        self.fit(460)

    def collect(self) -> tuple[PhotoPlacement, list[Loose]]:
        form = PhotoPlacement(
            photo_id=self.photo.id,
            phase=enum_value(self.phase, PhotoPhase),
            slot=enum_value(self.slot, PhotoSlot),
            caption=self.caption.text(),
            revision=self.photo.revision,
        )
        return form, []

    def check(self, form: PhotoPlacement) -> list[RuleResult]:
        return self.services.photo_views.check_placement(form)

    def write(self, form: PhotoPlacement, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.photo_views.place(form)
