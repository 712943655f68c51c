"""시·군 보고서 취합 on the 보고서 page: choose the counties' files, where to save, and see what
was merged and what was left out (by name, with the reason) in the page's result box."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.progress import Cancelled

from ..forms.files import ask_open_many, documents_folder, xlsx_target
from ..progress import TaskFailed, run_with_progress

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.services import Services

    from .page import ReportsPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportsPage", text)


def _run(state: TaskState, services: Services, files: list[Path], target: Path):
    return services.consolidate(files, target, state=state)


def consolidate_files(
    page: ReportsPage, files: list[Path] | None = None, target: Path | None = None
) -> Path | None:
    """Ask for the files (unless given) and where to save (unless given); the workbook written,
    or None. What was merged and left out is shown in ``page.result``."""
    title = _tr("시·군 보고서 취합")
    if page.services is None:
        return None
    if files is None:
        files = ask_open_many(
            page, _tr("취합할 시·군 보고서 고르기"), _tr("Excel 통합 문서 (*.xlsx)")
        )
        if not files:
            return None
    default = documents_folder() / f"귀농인의집_추진실적_취합_{date.today():%Y%m%d}.xlsx"
    path = xlsx_target(page, title, default, target)
    if path is None:
        return None
    try:
        done = run_with_progress(
            _tr("시·군 보고서를 취합하는 중…"), _run, page.services, files, path,
            parent=page, title=title,
        )  # fmt: skip
    except Cancelled:
        page.result.setPlainText(_tr("취소했습니다. 파일을 만들지 않았습니다."))
        return None
    except TaskFailed as exc:
        error = exc.error
        reason = error.message if isinstance(error, Refusal) else exc.message
        if isinstance(error, OSError):
            reason = _tr("파일을 쓸 수 없습니다 (다른 프로그램에서 열려 있나요?): {path}").format(
                path=path
            )
        page.result.setPlainText(reason)
        if not isinstance(error, Refusal):
            QMessageBox.warning(page, title, reason)
        return None
    lines = [_tr("저장했습니다: {path}").format(path=path), *done.lines()]
    page.result.setPlainText("\n".join(lines))
    return path
