"""Export the whole register to a workbook: a save dialog, then the export in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.services import Services
from gwinong_desktop.services.register import ExportSummary, RegisterService
from gwinong_desktop.ui.forms.files import documents_folder, xlsx_target

from ..progress import TaskFailed, run_with_progress


def _tr(text: str) -> str:
    return QCoreApplication.translate("RegisterExport", text)


def _export(state: TaskState, service: RegisterService, path: Path) -> ExportSummary:
    return service.export(path, state=state)


def default_export_path() -> Path:
    return documents_folder() / f"귀농인의집_관리대장_{date.today():%Y%m%d}.xlsx"


def export_register_dialog(
    parent: QWidget | None, services: Services, path: Path | str | None = None
) -> ExportSummary | None:
    """Ask where to save (unless ``path`` is given), export with progress and cancel, and say
    how it went. Returns the summary, or None when cancelled or failed."""
    title = _tr("관리대장 내보내기")
    target = xlsx_target(parent, title, default_export_path(), path)
    if target is None:
        return None
    service = services.register
    try:
        summary = run_with_progress(
            _tr("관리대장을 내보내는 중…"), _export, service, target, parent=parent, title=title
        )
    except Cancelled:
        QMessageBox.information(parent, title, _tr("취소했습니다. 파일을 만들지 않았습니다."))
        return None
    except TaskFailed as exc:
        reason = exc.message
        if isinstance(exc.error, OSError):
            reason = _tr("파일을 쓸 수 없습니다: {path}").format(path=target)
        QMessageBox.warning(
            parent, title, _tr("내보내지 못했습니다.\n{reason}").format(reason=reason)
        )
        return None
    QMessageBox.information(
        parent,
        title,
        _tr(
            "내보냈습니다: {path}\n귀농인의 집 {houses:,}개소, 입주 {stays:,}건, "
            "임대료 납부 {payments:,}건"
        ).format(
            path=summary.path, houses=summary.houses, stays=summary.residents,
            payments=summary.payments,
        ),
    )  # fmt: skip
    return summary
