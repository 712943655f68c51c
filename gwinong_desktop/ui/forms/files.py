"""File dialogs that start where the officer last was; choosing scans to attach; opening stored
documents with the system viewer.

Every file dialog of ``ui/`` goes through :func:`ask_open`, :func:`ask_open_many`,
:func:`ask_save` or :func:`ask_folder`: each starts in the folder the officer last opened or saved
a file in (kept in the window settings as ``settings.LAST_FOLDER``; the caller's own place when
there is none yet, else the Documents folder) and remembers the folder chosen. The dialogs are
Qt's, in Korean (``app`` loads Qt's Korean translations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.services import Services

from .. import settings as opts

if TYPE_CHECKING:
    from gwinong_desktop.services.attachments import PendingFile

    from .fields import FieldSet


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentFiles", text)


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def start_folder(fallback: Path | None = None) -> Path:
    """Where the next file dialog opens: the last folder used, else ``fallback``, else
    Documents (a folder that is gone is skipped)."""
    last = opts.LAST_FOLDER.read(opts.window_settings())
    for folder in (Path(last) if last else None, fallback):
        if folder is not None and folder.is_dir():
            return folder
    return documents_folder()


def remember_folder(folder: Path) -> None:
    settings = opts.window_settings()
    opts.LAST_FOLDER.write(settings, str(folder))
    settings.sync()


def ask_open(
    parent: QWidget | None, title: str, filters: str, *, fallback: Path | None = None
) -> Path | None:
    """One file to read; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(fallback)), filters)
    if not name:
        return None
    remember_folder(Path(name).parent)
    return Path(name)


def ask_open_many(
    parent: QWidget | None, title: str, filters: str, *, fallback: Path | None = None
) -> list[Path]:
    """Files to read (several may be chosen); empty when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(fallback)), filters)
    if not names:
        return []
    remember_folder(Path(names[0]).parent)
    return [Path(name) for name in names]


def ask_save(
    parent: QWidget | None, title: str, file_name: str, filters: str, *,
    fallback: Path | None = None,
) -> Path | None:  # fmt: skip
    """Where to write ``file_name`` (the name offered); None when cancelled."""
    offered = start_folder(fallback) / file_name
    name, _ = QFileDialog.getSaveFileName(parent, title, str(offered), filters)
    if not name:
        return None
    remember_folder(Path(name).parent)
    return Path(name)


def ask_folder(parent: QWidget | None, title: str, *, current: Path | None = None) -> Path | None:
    """A folder (``current`` if it still exists, else the last folder used, to start in)."""
    start = current if current is not None and current.is_dir() else start_folder()
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    if not chosen:
        return None
    remember_folder(Path(chosen))
    return Path(chosen)


def choose_scan(parent: QWidget | None, title: str) -> Path | None:
    """Ask for one scanned document (PDF, JPG …); None when cancelled."""
    from gwinong_desktop.services.attachments import FILE_FILTER

    return ask_open(parent, title, _tr(FILE_FILTER))


def xlsx_target(
    parent: QWidget | None, title: str, default: Path, path: Path | str | None = None
) -> Path | None:
    """Where to write a workbook: ``path`` if given, else asked (offering ``default``'s name, in
    the last folder used or else ``default``'s); ``.xlsx`` added when missing. None when the
    officer cancels the dialog."""
    if path is None:
        path = ask_save(
            parent, title, default.name, _tr("Excel 통합 문서 (*.xlsx)"), fallback=default.parent
        )
        if path is None:
            return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    return target


def open_path(path: Path) -> bool:
    """Open a file with the program the system uses for it (PDF viewer, image viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_attachment(parent: QWidget | None, services: Services, attachment_id: int) -> bool:
    """Open a stored document; a Korean message when the file is missing or cannot open."""
    title = _tr("첨부서류 열기")
    try:
        path = services.attachments.path_of(attachment_id)
    except Refusal as refusal:
        QMessageBox.warning(parent, title, refusal.message)
        return False
    if not open_path(path):
        QMessageBox.warning(
            parent,
            title,
            _tr("이 파일을 열 프로그램이 없습니다: {path}").format(path=path),
        )
        return False
    return True


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:,.1f}MB"
    if size >= 1024:
        return f"{size / 1024:,.0f}KB"
    return f"{size:,}B"


class AttachmentList(QWidget):
    """The documents of a form: a list of the stored files and of those chosen to attach when
    the form is saved, the buttons that add them (one per kind, or a kind chooser), 열기, and
    the red line under them for a file that cannot be attached.

    ``AttachmentList(services, "leaseDocuments")``, then :meth:`add_button` /
    :meth:`add_kind_choice` / :meth:`add_many_button`, :meth:`add_open_button` and
    :meth:`add_remove_button` in the order the officer reads them; :meth:`attach_to` makes it
    the form's field (its message clears when a file is added or taken away). ``changed`` is
    emitted whenever the chosen files change."""

    changed = Signal()
    STORED = Qt.ItemDataRole.UserRole
    CHOSEN = Qt.ItemDataRole.UserRole + 1
    KIND = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self, services: Services | None, object_name: str, *, height: int = 84,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.services = services
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.list = QListWidget(self)
        self.list.setObjectName(object_name)
        self.list.setFixedHeight(height)
        self.list.itemDoubleClicked.connect(self.open_item)
        column.addWidget(self.list)
        self.buttons = QHBoxLayout()
        column.addLayout(self.buttons)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        self._stretched = False

    # --- building ----------------------------------------------------------------------------

    def _button(self, text: str, object_name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        if object_name:
            button.setObjectName(object_name)
        button.clicked.connect(lambda: slot())
        self.buttons.addWidget(button)
        return button

    def add_button(self, text: str, object_name: str, kind: AttachmentKind) -> QPushButton:
        """A button that asks for one scan and lists it as a document of ``kind``."""
        return self._button(text, object_name, lambda: self._choose(kind))

    def add_kind_choice(
        self, kinds: Iterable[AttachmentKind], text: str, object_name: str, combo_name: str
    ) -> QComboBox:
        """ "서류 종류 [kind ▾] [text]": the kind chosen, then the scan."""
        self.buttons.addWidget(QLabel(_tr("서류 종류"), self))
        combo = QComboBox(self)
        combo.setObjectName(combo_name)
        for kind in kinds:
            combo.addItem(kind.label, kind)
        self.buttons.addWidget(combo)
        self._button(text, object_name, lambda: self._choose(combo.currentData()))
        return combo

    def add_many_button(
        self, text: str, object_name: str, title: str, filters: str
    ) -> QPushButton:  # fmt: skip
        """A button that asks for several files at once (listed by their full path)."""
        return self._button(
            text, object_name, lambda: self.add_paths(ask_open_many(self, title, filters))
        )

    def add_open_button(self, text: str = "") -> QPushButton:
        """열기: the chosen row's file with the system's viewer."""
        return self._button(
            text or _tr("열기"), "", lambda: self.open_item(self.list.currentItem())
        )

    def add_remove_button(self, text: str) -> QPushButton:
        """Take the chosen row away (a file chosen for this form; stored ones stay)."""
        return self._button(text, "", self.remove_current)

    def attach_to(self, fields: FieldSet, name: str, label: str) -> None:
        """Be field ``name`` of ``fields``: its messages show under the buttons."""
        if not self._stretched:
            self.buttons.addStretch(1)
            self._stretched = True
        fields.attach(name, label, self.list, self.error)

    # --- contents ----------------------------------------------------------------------------

    def show_stored(self, documents: Iterable[Any]) -> None:
        """List stored attachments (``id``, ``kind``, ``original_name``, ``size_bytes``)."""
        for doc in documents:
            item = QListWidgetItem(
                f"{doc.kind.label} · {doc.original_name} ({size_text(doc.size_bytes)})"
            )
            item.setData(self.STORED, doc.id)
            self.list.addItem(item)

    def add_pending(self, kind: AttachmentKind, path: Path) -> None:
        """List ``path`` as a document of ``kind`` to attach when the form is saved."""
        name = Path(path).name
        item = QListWidgetItem(
            _tr("{kind} · {name} (저장하면 첨부)").format(kind=kind.label, name=name)
        )
        item.setData(self.CHOSEN, str(path))
        item.setData(self.KIND, kind)
        self.list.addItem(item)
        self.changed.emit()

    def add_paths(self, paths: Iterable[Path | str]) -> None:
        """List files by their full path (each once)."""
        have = set(self.paths())
        added = False
        for path in map(str, paths):
            if path not in have:
                item = QListWidgetItem(path)
                item.setData(self.CHOSEN, path)
                self.list.addItem(item)
                have.add(path)
                added = True
        if added:
            self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and self.list.item(row).data(self.CHOSEN):
            self.list.takeItem(row)
            self.changed.emit()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def pending(self) -> list[PendingFile]:
        """The files chosen with a kind, to attach when the form is saved."""
        from gwinong_desktop.services.attachments import PendingFile  # SQLAlchemy: not at start

        return [
            PendingFile(item.data(self.KIND), Path(item.data(self.CHOSEN)))
            for item in self._items()
            if item.data(self.CHOSEN) and item.data(self.KIND) is not None
        ]

    def paths(self) -> list[str]:
        """Every chosen (not yet stored) file's path, in the list's order."""
        return [item.data(self.CHOSEN) for item in self._items() if item.data(self.CHOSEN)]

    def _choose(self, kind: AttachmentKind) -> None:
        path = choose_scan(self, _tr("{kind} 고르기").format(kind=kind.label))
        if path is not None:
            self.add_pending(kind, path)

    def open_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        doc_id = item.data(self.STORED)
        if doc_id is not None and self.services is not None:
            open_attachment(self, self.services, int(doc_id))
        elif item.data(self.CHOSEN):
            open_path(Path(item.data(self.CHOSEN)))
