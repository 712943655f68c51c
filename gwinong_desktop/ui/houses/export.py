"""엑셀로 내보내기: the house list as it is shown (search, filters, sort) to an .xlsx file.

The cells are taken from the model on the GUI thread; the service (``Services.list_export``,
which checks the permission and writes the access record) writes the workbook off it, behind a
progress dialog with a cancel button (``ui.progress.run_with_progress``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.exchange.table import Column, TableSummary

from ..forms.files import documents_folder, xlsx_target
from ..progress import TaskFailed, run_with_progress, write_failure
from .table_model import HouseTableModel

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.list_export import ListExportService

WHAT = "귀농인의 집 목록"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HouseExport", text)


def default_path() -> Path:
    return documents_folder() / f"귀농인의집_목록_{date.today():%Y%m%d}.xlsx"


def _write(
    state: TaskState, service: ListExportService, path: Path, columns: list[Column], rows: list
) -> TableSummary:
    return service.export(
        path, columns, rows, what=WHAT, entity="house", sheet="귀농인의 집", state=state
    )


def export_view(
    parent: QWidget | None, services: Services, model: HouseTableModel, path: Any = None
) -> Path | None:
    """Ask where (unless ``path`` is given) and write the visible rows; the path written, or
    None when cancelled or failed (the officer is told)."""
    title = _tr("보이는 목록 엑셀로")
    if model.visible_count == 0:
        QMessageBox.information(parent, title, _tr("내보낼 귀농인의 집이 없습니다."))
        return None
    target = xlsx_target(parent, title, default_path(), path)
    if target is None:
        return None
    headers, rows = model.export_cells()
    formats = model.number_formats()  # as the columns declare them: 2019, not 2,019
    columns = [Column(h, number_format=formats.get(i)) for i, h in enumerate(headers)]
    try:
        summary = run_with_progress(
            _tr("목록을 엑셀로 쓰는 중…"), _write, services.list_export, target, columns, rows,
            parent=parent, title=title,
        )  # fmt: skip
    except Cancelled:
        return None
    except TaskFailed as exc:
        QMessageBox.warning(parent, title, write_failure(exc, target))
        return None
    return summary.path
