"""The receipt of a payment and the deposit settlement letter: a small dialog that shows the
document and offers 미리보기·인쇄 (``QPrintPreviewDialog``) and PDF로 저장 (kept in the data
folder's ``reports/`` as well, ``Services.resident_reports.save_document``).

The rent page calls :func:`show_receipt` and :func:`show_deposit_letter`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.errors import Refusal

from ..forms.files import ask_save
from ..pages.base import Page
from .render import page_layout, pdf_bytes, print_html, text_document

if TYPE_CHECKING:
    from gwinong_desktop.reports.documents import PrintDocument
    from gwinong_desktop.services import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintDocuments", text)


def _documents_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


class DocumentDialog(QDialog):
    """One document: read on screen, printed after a preview, or saved as PDF."""

    def __init__(self, parent: QWidget | None, services: Services, document: PrintDocument):
        super().__init__(parent)
        self.services = services
        self.document = document
        self.saved: Path | None = None
        self.setWindowTitle(document.title)
        self.resize(640, 760)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser(self)
        self.view.setDocument(text_document(document.html))
        self.view.document().setParent(self.view)
        layout.addWidget(self.view)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("미리보기·인쇄…"), self)
        self.save_button = QPushButton(self.tr("PDF로 저장…"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        layout.addWidget(buttons)

    def preview(self) -> bool:
        """Qt's print preview; printing from it is an access record. True when printed."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        printer.setDocName(self.document.title)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.tr("인쇄 미리보기"))
        dialog.paintRequested.connect(lambda p: print_html(self.document.html, p))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._record_print()
        return True

    def _announce(self, changes: Changes) -> None:
        """Tell the page that opened this dialog (and through it every page) what changed."""
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, Page):
            widget = widget.parentWidget()
        if widget is not None:
            widget.announce(changes)

    def _record_print(self) -> None:
        try:
            self.services.resident_reports.record_printed(self.document)
        except Refusal as refusal:
            QMessageBox.warning(self, self.windowTitle(), refusal.message)

    def save_pdf(self, path: Path | str | None = None) -> Path | None:
        """Write the PDF to ``path`` (asked when None) and keep it in the archive; the path, or
        None when cancelled or refused (the officer is told)."""
        if path is None:
            chosen = ask_save(
                self, self.tr("PDF로 저장"), self.document.file_name,
                self.tr("PDF 문서 (*.pdf)"), fallback=_documents_folder(),
            )  # fmt: skip
            if chosen is None:
                return None
            path = chosen
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        data = pdf_bytes(self.document.html, self.document.title)
        try:
            kept = self.services.resident_reports.save_document(self.document, data, target)
        except Refusal as refusal:
            QMessageBox.warning(self, self.windowTitle(), refusal.message)
            return None
        except OSError as exc:
            QMessageBox.warning(
                self, self.windowTitle(),
                self.tr("파일을 쓸 수 없습니다 (다른 프로그램에서 열려 있나요?): {path}\n{reason}")
                .format(path=target, reason=exc.strerror or exc),
            )  # fmt: skip
            return None
        self.saved = target
        self._announce(Changes.of(Kind.REPORTS))
        self.status.setText(
            self.tr("저장했습니다: {path}\n보관본: 데이터 폴더의 {kept}").format(
                path=target, kept=kept.stored_path
            )
        )
        return target


def _show(parent: QWidget | None, services: Services, make, title: str) -> DocumentDialog | None:
    try:
        document = make()
    except Refusal as refusal:
        QMessageBox.warning(parent, title, refusal.message)
        return None
    dialog = DocumentDialog(parent, services, document)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_receipt(
    parent: QWidget | None, services: Services, payment_id: int
) -> DocumentDialog | None:
    """The receipt of payment ``payment_id`` in its dialog (None: refused, the officer told)."""
    return _show(
        parent, services, lambda: services.resident_reports.receipt(payment_id), _tr("영수증")
    )


def show_deposit_letter(
    parent: QWidget | None, services: Services, deposit_id: int
) -> DocumentDialog | None:
    """The settlement letter of deposit ``deposit_id`` in its dialog (None: refused)."""
    return _show(
        parent, services, lambda: services.resident_reports.deposit_letter(deposit_id),
        _tr("보증금 정산서"),
    )  # fmt: skip


__all__ = ["DocumentDialog", "show_deposit_letter", "show_receipt"]
