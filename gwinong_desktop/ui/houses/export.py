"""엑셀로 내보내기: the house list as it is shown (search, filters, sort) to an .xlsx file.

The cells are taken from the model on the GUI thread; the workbook is written off it, behind a
progress dialog with a cancel button (``ui.progress.run_with_progress``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.exchange.table_export import write_table

from ..forms.files import xlsx_target
from ..progress import TaskFailed, run_with_progress
from .table_model import HouseTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("HouseExport", text)


def default_path() -> Path:
    documents = Path.home() / "Documents"
    folder = documents if documents.is_dir() else Path.home()
    return folder / f"귀농인의집_목록_{date.today():%Y%m%d}.xlsx"


def _write(state: TaskState, path: Path, headers: list[str], rows: list[list]) -> Path:
    return write_table(
        path,
        "귀농인의 집",
        headers,
        rows,
        state=state,
        number_formats={HouseTableModel.YEAR: "0", HouseTableModel.ROOMS: "0"},
    )


def export_view(
    parent: QWidget | None, model: HouseTableModel, path: Path | str | None = None
) -> Path | None:
    """Ask where (unless ``path`` is given) and write the visible rows; the path written, or
    None when cancelled or failed (the officer is told)."""
    title = _tr("엑셀로 내보내기")
    if model.visible_count == 0:
        QMessageBox.information(parent, title, _tr("내보낼 귀농인의 집이 없습니다."))
        return None
    target = xlsx_target(parent, title, default_path(), path)
    if target is None:
        return None
    headers, rows = model.export_cells()
    try:
        written = run_with_progress(
            _tr("목록을 엑셀로 쓰는 중…"), _write, target, headers, rows, parent=parent,
            title=title,
        )  # fmt: skip
    except Cancelled:
        return None
    except TaskFailed as exc:
        reason = exc.message
        if isinstance(exc.error, OSError):
            reason = _tr("파일을 쓸 수 없습니다 (다른 프로그램에서 열려 있나요?): {path}").format(
                path=target
            )
        QMessageBox.warning(parent, title, reason)
        return None
    return written
