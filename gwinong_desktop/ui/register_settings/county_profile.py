"""설정 › 시·군 정보: the county, its province, the officer, department and phone.

These head the reports and the window title. "저장" writes all five or none; a refused value is
shown under its field and everything typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.rules import SIDO_FULL_NAMES
from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import FormRefused
from gwinong_desktop.services.settings_values import CountyProfile

from ..forms.fields import ERROR_STYLE, FieldSet, line
from ..forms.guard import DiscardGuard
from .rule_values import STYLE


class CountyProfilePanel(QWidget):
    """The county profile form (a self-contained 설정 panel)."""

    sig_saved = Signal(object)
    """The profile was saved (the ``CountyProfile`` as stored)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countyProfilePanel")
        self.setStyleSheet(STYLE + ERROR_STYLE)
        self.services = services
        self.fields = FieldSet(self)
        heading = QLabel(self.tr("시·군 정보"), self)
        heading.setObjectName("panelHeading")
        blurb = QLabel(self.tr("보고서 머리와 창 제목에 쓰입니다."), self)
        blurb.setObjectName("panelBlurb")
        form = QFormLayout()
        f = self.fields
        self.county = f.add(form, "county", self.tr("시군"), line("진안군", width=240))
        self.province = QComboBox(self)
        self.province.setEditable(True)
        self.province.addItems(list(SIDO_FULL_NAMES.values()))
        self.province.setMaximumWidth(240)
        f.add(form, "province", self.tr("시도"), self.province)
        self.officer_name = f.add(form, "officer_name", self.tr("담당자"), line(width=240))
        self.department = f.add(
            form, "department", self.tr("부서"), line("농업기술센터 귀농귀촌팀", width=320)
        )
        self.phone = f.add(form, "phone", self.tr("전화번호"), line("063-000-0000", width=240))
        self.save_button = QPushButton(self.tr("저장"), self)
        self.save_button.setObjectName("saveProfile")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel(self)
        self.status.setObjectName("panelStatus")
        self.error = QLabel(self)
        self.error.setObjectName("panelError")
        self.error.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(bar)
        self.guard = DiscardGuard(self, save=self.save, title=self.tr("시·군 정보"))
        self.sig_saved.connect(lambda _profile: self.guard.baseline())
        self.reload()

    def reload(self) -> None:
        profile = self.services.county_profile.load()
        self.county.setText(profile.county)
        self.province.setCurrentText(profile.province)
        self.officer_name.setText(profile.officer_name)
        self.department.setText(profile.department)
        self.phone.setText(profile.phone)
        self.fields.clear_errors()
        self.error.clear()
        self.guard.baseline()

    def profile(self) -> CountyProfile:
        return CountyProfile(
            county=self.county.text().strip(),
            province=self.province.currentText().strip(),
            officer_name=self.officer_name.text().strip(),
            department=self.department.text().strip(),
            phone=self.phone.text().strip(),
        )

    def save(self) -> bool:
        self.fields.clear_errors()
        self.error.clear()
        self.status.clear()
        profile = self.profile()
        try:
            self.services.county_profile.save(profile)
        except FormRefused as refused:
            loose = self.fields.show_errors(refused.results)
            self.error.setText("\n".join([self.tr("저장하지 않았습니다."), *loose]))
            return False
        except Refusal as refusal:
            self.error.setText(refusal.message)
            return False
        stored = self.services.county_profile.load()
        self.province.setCurrentText(stored.province)
        self.status.setText(self.tr("저장했습니다."))
        self.sig_saved.emit(stored)
        return True
