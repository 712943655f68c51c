"""The register import wizard: choose a file → map its columns → preview → import.

Open it from the main window with::

    from gwinong_desktop.ui.register import RegisterImportWizard

    wizard = RegisterImportWizard(self.services, self)
    wizard.sig_imported.connect(lambda summary: self.reload_houses())
    wizard.open()

The wizard works through ``services.register``; it never opens a session. 취소 (or Esc, or the
close button) after the officer changed the proposed mapping asks before throwing it away.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from gwinong_desktop.exchange.mapping import RegisterMapping
from gwinong_desktop.exchange.reader import WorkbookLayout
from gwinong_desktop.services import Services

from ..forms.guard import DiscardGuard
from .pages import FilePage, MappingPage
from .run_pages import ImportPage, PreviewPage


class RegisterImportWizard(QWizard):
    """Bring a register workbook in: all rows or none, every problem shown first."""

    sig_imported = Signal(object)
    """The import wrote its rows; carries the ``ImportSummary`` (reload what shows houses)."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, path: Path | str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerImportWizard")
        self.setWindowTitle(self.tr("관리대장 가져오기"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("다음 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 이전"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("취소"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("마침"))
        self.services = services
        self.service = services.register
        self.path: Path | None = None
        self.workbook: WorkbookLayout | None = None
        self.mapping: RegisterMapping | None = None
        self.plan = None
        self.summary = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.import_page):
            self.addPage(page)
        if path is not None:
            self.file_page.path_edit.setText(str(path))
        self._proposed: list[tuple[str, str, list[str]]] = []
        self.guard = DiscardGuard(
            self,
            changed=self._mapping_changed,
            detail=self.tr(
                "가져오지 않고 닫으면 고른 열 맞춤과 미리보기에서 정한 것이 사라집니다."
            ),
        )
        self.resize(QSize(960, 640))

    def set_source(self, path: Path, layout: WorkbookLayout, mapping: RegisterMapping) -> None:
        """The chosen workbook, its sheets and headers, and the mapping to start from."""
        self.path, self.workbook, self.mapping = path, layout, mapping
        self._proposed = _choices(mapping)

    def _mapping_changed(self) -> bool:
        """The officer chose other columns or sheet kinds than proposed, or decided a question of
        the whole file on the preview (rows of another kind of facility), and has not imported."""
        page = self.currentPage()
        if self.summary is not None or page is self.file_page or not self.mapping_page.sheets:
            return False
        if self.preview_page.decisions.choices().other_kinds is not None:
            return True
        return _choices(self.mapping_page.mapping()) != self._proposed

    def reject(self) -> None:
        """While the import runs, 취소 asks it to stop; the window closes once it has."""
        if self.import_page.running:
            self.import_page.cancel()
            return
        if not self.guard.settle():
            return
        self.preview_page.task.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_page.running:
            self.import_page.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def _choices(mapping: RegisterMapping) -> list[tuple[str, str, list[str]]]:
    """What the officer decides in a mapping: each sheet's kind and its columns' targets."""
    return [(sheet.sheet, sheet.kind, list(sheet.targets)) for sheet in mapping.sheets]
