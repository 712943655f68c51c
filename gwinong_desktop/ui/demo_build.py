"""``--demo`` in the GUI: make sure the demo data folder exists, building it behind a progress
dialog (in the background, the GUI responsive) when it is missing or stale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.progress import Cancelled, TaskState

from .progress import TaskFailed, run_with_progress


def _tr(text: str) -> str:
    return QCoreApplication.translate("DemoBuild", text)


def build_demo_folder(state: TaskState, root: Path) -> Path:
    """The background work: ``ensure_demo_folder`` reporting to ``state`` and stopping when it
    is cancelled (a half-built folder carries no demo version: it is wiped and rebuilt next
    time)."""
    from gwinong_desktop.demo.folder import ensure_demo_folder

    state.check()
    return ensure_demo_folder(root, state=state)


def prepare_demo_folder(root: Path, parent: QWidget | None = None) -> Path:
    """The demo data folder ``root``, ready to open; built first if it is not current.

    Raises ``Refusal`` if the officer cancels or the build fails.
    """
    from gwinong_desktop.demo.folder import demo_is_current

    if demo_is_current(root):
        return root
    try:
        return run_with_progress(
            _tr("예시 자료(진안군)를 만드는 중…"),
            build_demo_folder,
            root,
            parent=parent,
            title=_tr("예시 자료 만들기"),
        )
    except Cancelled:
        raise Refusal(_tr("예시 자료 만들기를 취소했습니다."), ExitCode.ERROR) from None
    except TaskFailed as exc:
        if isinstance(exc.error, Refusal):
            raise exc.error from None
        raise Refusal(
            _tr("예시 자료를 만들지 못했습니다: {reason}").format(reason=exc.message),
            ExitCode.ERROR,
        ) from exc.error
