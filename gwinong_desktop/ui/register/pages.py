"""The first two pages of the import wizard: choose a file, then map its columns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import NotPermitted, Permission
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.exchange.mapping import (
    KIND_LABELS,
    RegisterMapping,
    SheetMapping,
    guess_targets,
    targets,
)
from gwinong_desktop.exchange.reader import SheetLayout, WorkbookLayout
from gwinong_desktop.services.register import RegisterService

from ..forms.files import ask_open, ask_save
from ..progress import TaskFailed, run_with_progress
from .display import sample_text

if TYPE_CHECKING:
    from .wizard import RegisterImportWizard

KIND_ORDER = ("house", "resident", "payment", "")


def _inspect(
    state: TaskState, service: RegisterService, path: Path
) -> tuple[WorkbookLayout, RegisterMapping]:
    state.check()
    layout = service.inspect(path)
    return layout, service.mapping_for(layout)


class FilePage(QWizardPage):
    """Pick the workbook; its sheets and headers are read when the officer goes on."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("가져올 관리대장 고르기"))
        self.setSubTitle(
            self.tr(
                "이 프로그램에서 내보낸 관리대장이나, 시·군에서 쓰던 Excel 관리대장(.xlsx)을 "
                "고르세요. 다음 단계에서 열마다 어떤 항목인지 정합니다."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("fileEdit")
        self.path_edit.setPlaceholderText(self.tr("파일을 고르세요 (.xlsx)"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("찾아보기…"))
        browse.setObjectName("browseButton")
        browse.clicked.connect(self._browse)
        self.error = QLabel()
        self.error.setObjectName("fileError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a12622;")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _browse(self) -> None:
        typed = self.path_edit.text().strip()
        path = ask_open(
            self, self.tr("관리대장 고르기"),
            self.tr("Excel 통합 문서 (*.xlsx *.xlsm);;모든 파일 (*)"),
            fallback=Path(typed).parent if typed else None,
        )  # fmt: skip
        if path is not None:
            self.path_edit.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        from gwinong_desktop.services.register import RegisterError

        path = Path(self.path_edit.text().strip())
        self.error.clear()
        role = self.owner.service.ctx.role
        if role is not None and not self.owner.service.ctx.allows(Permission.IMPORT):
            self.error.setText(NotPermitted(Permission.IMPORT, role).message)
            return False
        try:
            layout, mapping = run_with_progress(
                self.tr("통합 문서를 여는 중…"), _inspect, self.owner.service, path,
                parent=self, title=self.tr("관리대장 가져오기"),
            )  # fmt: skip
        except Cancelled:
            return False
        except TaskFailed as exc:
            error = exc.error
            self.error.setText(error.message if isinstance(error, RegisterError) else exc.message)
            return False
        self.owner.set_source(path, layout, mapping)
        return True


class MappingPage(QWizardPage):
    """One tab per sheet: what the sheet holds, and which field each column feeds."""

    def __init__(self, wizard: RegisterImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("열 맞추기"))
        self.setSubTitle(
            self.tr(
                "시트마다 무엇이 적혀 있는지, 열마다 어떤 항목으로 가져올지 고르세요. 머리글과 "
                "값을 보고 미리 골라 두었습니다. 고른 내용은 기억해 두었다가, 같은 머리글의 "
                "관리대장을 다시 가져올 때 그대로 씁니다. 파일로 저장해 두면 명령 줄 가져오기"
                "(--mapping)에도 쓸 수 있습니다."
            )
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mappingTabs")
        self.error = QLabel()
        self.error.setObjectName("mappingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a12622;")
        load = QPushButton(self.tr("열 맞춤 불러오기…"))
        load.setObjectName("loadMappingButton")
        load.setToolTip(self.tr("전에 저장한 열 맞춤 파일(.json)을 이 통합 문서에 씁니다"))
        load.clicked.connect(self._load)
        save = QPushButton(self.tr("열 맞춤 저장…"))
        save.setObjectName("saveMappingButton")
        save.setToolTip(
            self.tr(
                "고른 열 맞춤을 파일(.json)로 저장합니다. 명령 줄에서 "
                "import-register --mapping 으로 쓸 수 있습니다"
            )
        )
        save.clicked.connect(self._save)
        self.status = QLabel()
        self.status.setObjectName("mappingStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(load)
        buttons.addWidget(save)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.sheets: list[_SheetEditor] = []

    def initializePage(self) -> None:
        self.tabs.clear()
        self.error.clear()
        self.status.clear()
        self.sheets = []
        layout = self.owner.workbook
        assert layout is not None and self.owner.mapping is not None
        for mapping in self.owner.mapping.sheets:
            editor = _SheetEditor(mapping, layout.sheet(mapping.sheet))
            self.sheets.append(editor)
            title = f"{mapping.sheet} ({KIND_LABELS[mapping.kind]})"
            self.tabs.addTab(editor, title)
            editor.kind_combo.currentIndexChanged.connect(
                lambda _i, e=editor: self.tabs.setTabText(
                    self.tabs.indexOf(e), f"{e.mapping().sheet} ({KIND_LABELS[e.kind()]})"
                )
            )

    def mapping(self) -> RegisterMapping:
        return RegisterMapping([editor.mapping() for editor in self.sheets])

    def _folder(self) -> Path | None:
        """The workbook's folder: where a mapping file starts when no folder was used yet."""
        source = self.owner.path
        return source.parent if source is not None else None

    def _load(self) -> None:
        path = ask_open(
            self, self.tr("열 맞춤 불러오기"), self.tr("열 맞춤 파일 (*.json);;모든 파일 (*)"),
            fallback=self._folder(),
        )  # fmt: skip
        if path is not None:
            self.load_mapping_file(path)

    def _save(self) -> None:
        stem = self.owner.path.stem if self.owner.path is not None else "관리대장"
        path = ask_save(
            self, self.tr("열 맞춤 저장"), f"{stem} 열 맞춤.json",
            self.tr("열 맞춤 파일 (*.json)"), fallback=self._folder(),
        )  # fmt: skip
        if path is not None:
            self.save_mapping_file(path)

    def load_mapping_file(self, path: Path) -> bool:
        """Use the mapping kept in ``path`` for this workbook's sheets."""
        assert self.owner.workbook is not None
        try:
            mapping = self.owner.service.load_mapping(path, self.owner.workbook)
        except Refusal as refusal:
            self.status.clear()
            self.error.setText(refusal.message)
            return False
        self.owner.mapping = mapping
        self.initializePage()
        self.status.setText(self.tr("불러왔습니다: {name}").format(name=path.name))
        return True

    def save_mapping_file(self, path: Path) -> bool:
        """Keep the mapping chosen here in ``path`` (for the wizard or ``--mapping``)."""
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        try:
            saved = self.owner.service.save_mapping(path, self.mapping())
        except Refusal as refusal:
            self.status.clear()
            self.error.setText(refusal.message)
            return False
        self.error.clear()
        self.status.setText(self.tr("저장했습니다: {path}").format(path=saved))
        return True

    def validatePage(self) -> bool:
        mapping = self.mapping()
        problems = []
        for kind in mapping.duplicate_kinds():
            problems.append(
                self.tr("'{kind}' 자료를 읽을 시트를 하나만 고르세요.").format(
                    kind=KIND_LABELS[kind]
                )
            )
        for sheet in mapping.sheets:
            missing = sheet.missing()
            if missing:
                problems.append(
                    self.tr("시트 '{sheet}'에 꼭 필요한 항목이 없습니다: {fields}").format(
                        sheet=sheet.sheet, fields=", ".join(missing)
                    )
                )
        if not any(s.kind for s in mapping.sheets):
            problems.append(self.tr("읽을 시트를 하나 이상 고르세요."))
        if problems:
            self.error.setText("\n".join(problems))
            return False
        self.owner.mapping = mapping
        self.owner.service.remember_mapping(mapping)
        return True


class _SheetEditor(QWidget):
    """The kind of one sheet and a combo per source column."""

    def __init__(self, mapping: SheetMapping, sheet: SheetLayout) -> None:
        super().__init__()
        self._mapping = mapping
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        for kind in KIND_ORDER:
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
        self.kind_combo.setCurrentIndex(KIND_ORDER.index(mapping.kind))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        note = QLabel(
            self.tr("머리글: {row}행 · 자료 약 {rows:,}행").format(
                row=mapping.header_row, rows=max((sheet.rows or 0) - mapping.header_row, 0)
            )
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("이 시트의 자료:")))
        top.addWidget(self.kind_combo)
        top.addWidget(note, 1)
        self.table = QTableWidget(len(mapping.headers), 3)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("원본 열"), self.tr("예시 값"), self.tr("가져올 항목")]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for row, title in enumerate(mapping.headers):
            # different values first seen, so that a second kind in a 구분 column shows
            values = [sample_text(s[row]) for s in sheet.samples if row < len(s)]
            distinct = [v for v in dict.fromkeys(values) if v.strip()][:3]
            for column, text in enumerate((title or f"({row + 1}번째 열)", " | ".join(distinct))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
            combo = QComboBox()
            self.table.setCellWidget(row, 2, combo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._fill(mapping.targets)
        if sheet.refusal:
            warning = QLabel(sheet.refusal)
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #a12622;")
            layout.addWidget(warning)

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def _fill(self, chosen: list[str]) -> None:
        options = targets(self.kind())
        for row, key in enumerate(chosen):
            combo = self.combo(row)
            combo.blockSignals(True)
            combo.clear()
            for target in options:
                combo.addItem(target.label, target.key)
            index = combo.findData(key)
            combo.setCurrentIndex(max(index, 0))
            combo.setEnabled(bool(self.kind()))
            combo.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill(guess_targets(self.kind(), self._mapping.headers, self._mapping.samples))

    def mapping(self) -> SheetMapping:
        chosen = [self.combo(row).currentData() for row in range(self.table.rowCount())]
        m = self._mapping
        same = chosen == m.targets and self.kind() == m.kind
        return SheetMapping(
            m.sheet, self.kind(), m.header_row, list(m.headers), chosen, samples=m.samples,
            origin=m.origin if same else "chosen",
        )  # fmt: skip
