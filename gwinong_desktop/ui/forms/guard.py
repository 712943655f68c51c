"""Nothing typed is thrown away without asking.

A :class:`DiscardGuard` watches one form — a dialog, a wizard, a 설정 panel. It takes a snapshot
of every input under it (``inputs.inputs``: line and text edits, combos, spin and date boxes,
check boxes, tables) when the form is first shown or saved, and the form has changes when any of
them holds something else now. Before the form's input would be lost (Esc, 취소, the window's
close button, ``reject()``, another year in the rule values, the main window closing) the owner
calls :meth:`DiscardGuard.settle`: an unchanged form goes at once; a changed one asks
저장 / 버리기 / 계속 쓰기. 저장 runs the form's own save and goes on only if it saved; 계속
쓰기 (the default, and what Esc on the question means) keeps everything as typed.

:class:`GuardedDialog` is a ``QDialog`` with its guard: subclasses implement
:meth:`GuardedDialog.save_changes` (their normal save) and need nothing per field. An Esc that
closes an autocomplete or combo popup never reaches the dialog, so it is no discard; the next
Esc asks.

The main window asks every open guard before it closes (:func:`settle_open_forms`). Signing out
at the lock screen closes without asking (:func:`closing_unasked`): no one signed in may save.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from .inputs import editing, inputs, value


def _tr(text: str) -> str:
    return QCoreApplication.translate("DiscardGuard", text)


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    KEEP = "keep"


LOST_ON_CLOSE = "저장하지 않고 닫으면 적은 내용이 사라집니다."


def ask_discard(
    parent: QWidget | None, title: str, *, can_save: bool = True, detail: str = ""
) -> Choice:
    """Ask what becomes of the changes of the form ``title``: 저장 / 버리기 / 계속 쓰기."""
    box = QMessageBox(parent)
    box.setObjectName("discardQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(_tr("'{title}'에 저장하지 않은 내용이 있습니다.").format(title=title))
    box.setInformativeText(detail or _tr(LOST_ON_CLOSE))
    buttons: dict[Any, Choice] = {}
    if can_save:
        save = box.addButton(_tr("저장"), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("discardSave")
        buttons[save] = Choice.SAVE
    drop = box.addButton(_tr("버리기"), QMessageBox.ButtonRole.DestructiveRole)
    drop.setObjectName("discardDrop")
    buttons[drop] = Choice.DISCARD
    keep = box.addButton(_tr("계속 쓰기"), QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("discardKeep")
    buttons[keep] = Choice.KEEP
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    try:
        box.exec()
        return buttons.get(box.clickedButton(), Choice.KEEP)
    finally:
        box.deleteLater()


_unasked = 0


@contextmanager
def closing_unasked() -> Iterator[None]:
    """Forms closed inside this block go without asking (signing out at the lock screen)."""
    global _unasked
    _unasked += 1
    try:
        yield
    finally:
        _unasked -= 1


class DiscardGuard(QObject):
    """Watches the inputs under ``root`` (default ``owner``) for changes.

    ``save``: the form's normal save, True once saved (None: judged by whether changes remain);
    no ``save`` leaves only 버리기 / 계속 쓰기. ``changed``: a form's own test of changes
    instead of the snapshot. ``title``: the form's name in the question (default the window
    title). ``ask=False``: a form that saves by itself (the backup settings) saves on close
    without asking."""

    def __init__(
        self,
        owner: QWidget,
        *,
        save: Callable[[], bool | None] | None = None,
        root: QWidget | None = None,
        changed: Callable[[], bool] | None = None,
        title: str | Callable[[], str] | None = None,
        detail: str = "",
        ask: bool = True,
    ) -> None:
        super().__init__(owner)
        self.setObjectName("discardGuard")
        self.owner = owner
        self.root = root or owner
        self._save = save
        self._changed = changed
        self._title = title
        self.detail = detail
        self._ask = ask
        self._snapshot: list[tuple[QWidget, Any]] | None = None
        self._discarding = False
        self.last: Choice | None = None
        """What the last :meth:`settle` decided (SAVE: the save flow ran and saved)."""
        owner.installEventFilter(self)

    # --- changes ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self.owner and self._snapshot is None:
            self.baseline()  # filled and about to be seen: what the officer starts from
        return False

    def baseline(self) -> None:
        """What the inputs hold now is what the form starts from (after filling or saving)."""
        self._snapshot = [(widget, value(widget)) for widget in inputs(self.root)]

    def changed(self) -> bool:
        """Whether an input holds something else than at the last :meth:`baseline`."""
        if self._changed is not None:
            return bool(self._changed())
        if self._snapshot is None:
            return False
        if editing(self.root):
            return True
        return any(_differs(widget, before) for widget, before in self._snapshot)

    def title(self) -> str:
        if callable(self._title):
            return self._title()
        return self._title or self.owner.window().windowTitle()

    # --- deciding -----------------------------------------------------------------------------

    def settle(self, *, close_owner: bool = False, detail: str = "") -> bool:
        """Before the form's input is dropped: True when it may be (nothing changed, the
        officer chose 버리기, or 저장 saved); False when it stays (계속 쓰기, or the save was
        refused and the form shows why). ``close_owner``: on 버리기 close the owner's window
        too (the main window closing)."""
        self.last = None
        if self._discarding or _unasked or not self.changed():
            return True
        if not self._ask:
            return self._run_save()
        choice = ask_discard(
            self._parent_window(),
            self.title(),
            can_save=self._save is not None,
            detail=detail or self.detail,
        )
        if choice is Choice.DISCARD and close_owner:
            self._close_owner()
        self.last = choice
        if choice is Choice.SAVE:
            return self._run_save()
        return choice is Choice.DISCARD

    def _close_owner(self) -> None:
        """Close the owner's window without asking again (버리기 while the main window closes)."""
        if self.owner.isWindow() and self.owner.isVisible():
            self._discarding = True
            try:
                self.owner.close()
            finally:
                self._discarding = False

    def _run_save(self) -> bool:
        assert self._save is not None
        result = self._save()
        saved = not self.changed() if result is None else bool(result)
        if saved and not self.owner.isWindow():
            self.baseline()
        return saved

    def _parent_window(self) -> QWidget:
        return self.owner if self.owner.isWindow() else self.owner.window()

    def watching(self) -> bool:
        """Whether the form is open: a window shown, or a panel (the guard goes with it)."""
        return self.owner.isVisible() if self.owner.isWindow() else True


def _differs(widget: QWidget, before: Any) -> bool:
    try:
        return value(widget) != before
    except RuntimeError:  # deleted since (a table's cell editor): what it held is elsewhere
        return False


class GuardedDialog(QDialog):
    """A dialog that asks before its changes are thrown away; subclasses implement
    :meth:`save_changes`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = DiscardGuard(self, save=self.save_changes)

    def save_changes(self) -> bool:
        """The dialog's normal save (its 저장 button); True once saved and closed."""
        raise NotImplementedError

    def reject(self) -> None:
        """Esc, 취소 and the close button end here: ask first when something was changed."""
        if self.guard.settle() and self.guard.last is not Choice.SAVE:
            super().reject()


def open_guards(*roots: QWidget) -> list[DiscardGuard]:
    """The guards of the forms open under ``roots`` and in every top-level window: windows
    first (dialogs opened from a dialog before it), then panels."""
    found: dict[int, DiscardGuard] = {}
    for root in (*roots, *QApplication.topLevelWidgets()):
        for guard in root.findChildren(DiscardGuard):
            if guard.watching():
                found[id(guard)] = guard
    return sorted(found.values(), key=lambda g: (not g.owner.isWindow(), -_depth(g.owner)))


def _depth(widget: QObject) -> int:
    depth = 0
    while (widget := widget.parent()) is not None:
        depth += 1
    return depth


def settle_open_forms(*roots: QWidget) -> DiscardGuard | None:
    """Ask each changed open form in turn (the main window is closing); the guard of the form
    the officer chose to keep writing, or None when every form may go."""
    for guard in open_guards(*roots):
        if not guard.settle(close_owner=True):
            return guard
    return None
