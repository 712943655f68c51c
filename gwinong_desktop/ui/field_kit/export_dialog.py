"""파일 → 현장 자료 내보내기…: choose houses (or a planned visit) and a new folder; the kit is
written by ``Services.field_kit.export`` off the GUI thread behind a progress dialog with a
cancel button (``ui.progress.run_with_progress``). A refusal (a folder that is not empty, a house
gone meanwhile) is shown in the dialog, which stays open with what was chosen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.progress import Cancelled, TaskState

from ..forms.files import ask_folder, documents_folder
from ..forms.guard import DiscardGuard
from ..progress import TaskFailed, run_with_progress

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.field_kit import FieldKitService, KitExport


def _export(
    state: TaskState, service: FieldKitService, codes: list[str], target: Path, visit: int | None
) -> KitExport:
    return service.export(codes, target, visit=visit, state=state)


class FieldKitExportDialog(QDialog):
    """The houses (or a visit) to take to the field, and where the kit goes."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldKitExport")
        self.services = services
        self.result_kit: KitExport | None = None
        self.setWindowTitle(self.tr("현장 자료 내보내기"))
        self.resize(560, 620)
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "고른 귀농인의 집의 자료만 담은 데이터 폴더(현장용 사본)를 만듭니다. 노트북에서 이 "
                "폴더를 열어 네트워크 없이 점검·사진을 기록하고, 돌아와서 '현장 자료 가져오기'로 "
                "합칩니다."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.by_houses = QRadioButton(self.tr("귀농인의 집을 골라서"), self)
        self.by_visit = QRadioButton(self.tr("방문 계획으로"), self)
        group = QButtonGroup(self)
        group.addButton(self.by_houses)
        group.addButton(self.by_visit)
        layout.addWidget(self.by_houses)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("관리번호·읍면·주소로 찾기"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.house_list = QListWidget(self)
        self.house_list.setObjectName("kitHouses")
        self.house_list.itemChanged.connect(self._update)
        layout.addWidget(self.house_list, 1)
        self.chosen_label = QLabel(self)
        layout.addWidget(self.chosen_label)

        layout.addWidget(self.by_visit)
        self.visit_combo = QComboBox(self)
        self.visit_combo.setObjectName("kitVisit")
        layout.addWidget(self.visit_combo)

        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("만들 폴더"), self))
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("kitFolder")
        folder_row.addWidget(self.folder_edit, 1)
        browse = QPushButton(self.tr("찾아보기…"), self)
        browse.clicked.connect(self._browse)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)

        warning = QLabel(
            self.tr(
                "이 폴더에는 입주자의 이름·연락처·주민등록번호 같은 개인정보가 들어 있습니다. "
                "암호가 걸린 노트북에만 두고, 가져온 뒤에는 지워 주세요."
            ),
            self,
        )
        warning.setWordWrap(True)
        warning.setObjectName("kitWarning")
        warning.setStyleSheet("color: #8a4b00;")
        layout.addWidget(warning)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("kitError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(
            self.tr("내보내기"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("취소"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.run_export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._load()
        group.buttonToggled.connect(lambda *_: self._update())
        self.by_houses.setChecked(True)
        self._update()
        self.guard = DiscardGuard(self, changed=lambda: bool(self.chosen_codes()))
        """Houses ticked one by one are not thrown away by Esc or 취소 without asking."""

    def reject(self) -> None:
        if self.guard.settle():
            super().reject()

    # --- loading and state -------------------------------------------------------------------

    def _load(self) -> None:
        for row in self.services.houses.list_houses():
            text = f"{row.code}   {row.address}" + (f"   ({row.operator})" if row.operator else "")
            item = QListWidgetItem(text, self.house_list)
            item.setData(Qt.ItemDataRole.UserRole, row.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        today = date.today()
        for visit in self.services.inspections.list_visits():
            when = f"{visit.planned_on.year}.{visit.planned_on.month}.{visit.planned_on.day}."
            label = self.tr("{when} {title} ({n}곳)").format(
                when=when, title=visit.title, n=len(visit.stops)
            )
            self.visit_combo.addItem(label, visit.id)
            if visit.planned_on >= today:  # the list is newest first: the nearest coming one
                self.visit_combo.setCurrentIndex(self.visit_combo.count() - 1)
        if self.visit_combo.count() == 0:
            self.visit_combo.addItem(self.tr("방문 계획이 없습니다"), None)
            self.by_visit.setEnabled(False)
        county = self.services.county() or ""
        name = f"현장용_사본_{county}_{today:%Y%m%d}".replace("__", "_")
        self.folder_edit.setText(str(documents_folder() / name))

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for n in range(self.house_list.count()):
            item = self.house_list.item(n)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def chosen_codes(self) -> list[str]:
        return [
            self.house_list.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.house_list.count())
            if self.house_list.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        houses = self.by_houses.isChecked()
        self.search.setEnabled(houses)
        self.house_list.setEnabled(houses)
        self.visit_combo.setEnabled(not houses)
        self.chosen_label.setText(self.tr("{n}곳 골랐습니다").format(n=len(self.chosen_codes())))
        ready = bool(self.chosen_codes()) if houses else self.visit_combo.currentData() is not None
        self.export_button.setEnabled(ready)

    def _browse(self) -> None:
        current = Path(self.folder_edit.text().strip() or documents_folder())
        parent = ask_folder(self, self.tr("현장용 사본을 만들 곳"), current=current.parent)
        if parent is not None:
            self.folder_edit.setText(str(parent / current.name))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # --- export ------------------------------------------------------------------------------

    def run_export(self) -> None:
        """Write the kit; on success say what was written and close."""
        text = self.folder_edit.text().strip()
        if not text:
            self._show_error(self.tr("현장용 사본을 만들 폴더를 적어 주세요."))
            self.folder_edit.setFocus()
            return
        codes = self.chosen_codes() if self.by_houses.isChecked() else []
        visit = None if self.by_houses.isChecked() else self.visit_combo.currentData()
        title = self.windowTitle()
        try:
            kit = run_with_progress(
                self.tr("현장용 사본을 만드는 중…"), _export, self.services.field_kit, codes,
                Path(text), visit, parent=self, title=title,
            )  # fmt: skip
        except Cancelled:
            self._show_error(self.tr("취소했습니다. 폴더를 만들지 않았습니다."))
            return
        except TaskFailed as exc:
            reason = exc.error.message if isinstance(exc.error, Refusal) else exc.message
            if isinstance(exc.error, OSError):
                reason = self.tr("폴더에 쓸 수 없습니다: {path}").format(path=text)
            self._show_error(reason)
            return
        self.result_kit = kit
        QMessageBox.information(
            self, title,
            self.tr("{summary}\n\n노트북에서 이 폴더를 데이터 폴더로 열어 쓰세요.").format(
                summary=kit.summary()
            ),
        )  # fmt: skip
        self.accept()
