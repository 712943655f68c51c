"""The save flow every record dialog shares.

"저장" parses the fields (text that is no value is refused beside its field, together with the
service's own refusals), then asks the service to save. A refusal keeps the dialog open with
everything as typed and each message beside its field (the dialog grows to show them all, the
body scrolls on a small screen); warnings open :class:`WarningsDialog`, and "사유를 적고 저장"
saves again with the reasons, while "돌아가서 고치기" marks the fields concerned. The dialog closes
only when the service has written the record (``saved``), or when the officer leaves it: a
changed form asks first (``guard.GuardedDialog``).

A dialog over a record that exists remembers the record's revision as loaded
(:meth:`RecordDialog.editing`) and every save carries it: a record someone saved after the
dialog opened is refused (``services.revisions.ChangedMeanwhile``), the message above the form
names each field with the saved and the typed value, and the dialog keeps what was typed.

Enter in a one-line field presses 저장 (the whole validated save above, never a half-save);
Enter in a note inserts a new line, and Enter that picks an autocomplete entry only picks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.rules import RuleResult, refusals
from gwinong_desktop.services.revisions import ChangedMeanwhile
from gwinong_desktop.services.rule_gate import FormRefused, SavedRecord, WarningsPending

from .fields import ERROR_STYLE, FieldSet, restyle
from .guard import GuardedDialog
from .warnings_dialog import WarningsDialog

Loose = tuple[str | None, str]
F = TypeVar("F")
STAMPS = ("revision", "loaded_lines")
"""What a form loaded from a record carries back to its save (``services.revisions``)."""


class RecordDialog(GuardedDialog):
    """A dialog over one service form. Subclasses build ``self.body`` and implement
    :meth:`collect`, :meth:`check` and :meth:`write`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(ERROR_STYLE)
        self.fields = FieldSet(self)
        self.fields.on_cleared = self._update_summary
        self.saved: SavedRecord | None = None
        self.reasons: dict[str, str] = {}
        self._drafts: dict[str, str] = {}
        """Reasons typed before "돌아가서 고치기": shown again, never given to the service."""
        self._loose: list[str] = []
        self._warned = False
        self._meanwhile = False
        self.loaded: dict[str, Any] = {}
        """The record's ``revision`` (and its tables' ``loaded_lines``) as the dialog loaded
        it; empty for a new record."""
        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        content = QWidget(self)
        content.setObjectName("formBody")
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("formScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("저장"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(self.tr("취소"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 12)
        outer.setSpacing(10)
        outer.addWidget(self.summary)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.buttons)

    def fit(self, width: int | None = None) -> None:
        """``width`` wide (default: as now) and as tall as the contents need — messages
        included — within the screen (the body scrolls beyond it); never shorter than now
        once shown."""
        width = width or self.width()
        outer = self.layout()
        margins = outer.contentsMargins()
        inner = width - margins.left() - margins.right()
        content = self.scroll.widget()
        for widget in (content, *content.findChildren(QWidget)):
            if widget.layout() is not None:  # messages just shown: no stale sizes
                widget.layout().invalidate()
        need = content.heightForWidth(inner) if content.hasHeightForWidth() else -1
        if need < 0:
            need = content.sizeHint().height()
        need = max(need, content.minimumSizeHint().height())  # what the scroll area keeps
        chrome = margins.top() + margins.bottom() + self.buttons.sizeHint().height()
        chrome += outer.spacing()
        if not self.summary.isHidden():
            chrome += self.summary.heightForWidth(inner) + outer.spacing()
        height = need + chrome + 2 * self.scroll.frameWidth()
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None:
            height = min(height, room.height() - 60)  # the title bar and a margin
        if self.isVisible():
            height = max(height, self.height())
        self.resize(width, height)
        if room is not None and self.isVisible():
            frame = self.frameGeometry()
            if frame.bottom() > room.bottom():
                self.move(frame.x(), max(room.top(), frame.y() - (frame.bottom() - room.bottom())))

    def save_changes(self) -> bool:
        return self.try_save()

    def editing(self, form: F) -> F:
        """``form`` is the record as loaded: remember its revision for every save (a save
        over a later revision is refused). Returns ``form``."""
        self.loaded = {
            name: getattr(form, name) for name in STAMPS if getattr(form, name, None) is not None
        }
        return form

    # --- for subclasses ---------------------------------------------------------------------

    def collect(self) -> tuple[Any, list[Loose]]:
        """The service form from the widgets, and the fields whose text is no value."""
        raise NotImplementedError

    def check(self, form: Any) -> list[RuleResult]:
        """The service's checks of ``form`` (nothing written)."""
        raise NotImplementedError

    def write(self, form: Any, reasons: Mapping[str, str]) -> SavedRecord:
        """Save through the service (raises FormRefused / WarningsPending)."""
        raise NotImplementedError

    # --- the flow ---------------------------------------------------------------------------

    def try_save(self) -> bool:
        """Save if the form allows; True when the record was written (the dialog closes)."""
        self.clear_errors()
        form, unparsed = self.collect()
        stamps = {k: v for k, v in self.loaded.items() if getattr(form, k, self) is None}
        if stamps:
            form = replace(form, **stamps)  # as loaded, whatever collect built
        if unparsed:
            bad = {field for field, _ in unparsed}
            service = [r for r in refusals(self.check(form)) if r.field not in bad]
            self.show_errors([*unparsed, *service])
            return False
        while True:
            try:
                self.saved = self.write(form, dict(self.reasons))
            except FormRefused as refused:
                self.show_errors(refused.results)
                return False
            except WarningsPending as pending:
                reasons = self.ask_reasons(pending.results, {**self._drafts, **self.reasons})
                if reasons is None:
                    self.show_warnings(pending.results)
                    return False
                self.reasons.update(reasons)
                continue
            except ChangedMeanwhile as changed:
                self._meanwhile = True  # not a place to fix: the message says it all
                self.show_errors([(None, changed.message)])
                return False
            except Refusal as refusal:
                self.show_errors([(None, refusal.message)])
                return False
            self.accept()
            return True

    def ask_reasons(
        self, results: list[RuleResult], reasons: Mapping[str, str]
    ) -> dict[str, str] | None:
        """Show the warnings; the reasons typed, or None to go back to the form."""
        dialog = WarningsDialog(results, reasons, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.reasons()
            self._drafts.update({rule: text for rule, text in dialog.reasons().items() if text})
            return None
        finally:
            dialog.deleteLater()

    def clear_errors(self) -> None:
        self.fields.clear_errors()
        self._loose = []
        self._meanwhile = False
        self._update_summary()

    def show_errors(self, results: list[RuleResult | Loose]) -> None:
        """Each refusal under its field (the rest above the form); the first field focused."""
        self._show(results, warning=False)

    def show_warnings(self, results: list[RuleResult]) -> None:
        """After "돌아가서 고치기": each broken rule under its field, the first one focused."""
        self._show(results, warning=True)

    def _show(self, results: list[RuleResult | Loose], *, warning: bool) -> None:
        self._warned = warning
        self._loose = self.fields.show_errors(results, warning=warning, focus=False)
        self._update_summary()
        self.fit()
        self.fields.reveal(self.fields.first_marked())

    def _update_summary(self) -> None:
        """The line above the form: how many places are left to fix (gone once none is)."""
        count = self.fields.marked() + len(self._loose)
        if not count:
            self.summary.clear()
            self.summary.hide()
            return
        if self._meanwhile:
            head = self.tr("저장하지 않았습니다.")
        elif self._warned:
            head = self.tr(
                "저장하지 않았습니다. 규칙에 맞지 않는 곳을 표시했습니다. 고치거나, 그대로 "
                "저장하려면 다시 '저장'을 눌러 사유를 적으세요."
            )
        elif count == 1 and not self._loose:
            head = self.tr("저장하지 않았습니다. 표시한 곳을 고치세요.")
        else:
            head = self.tr("저장하지 않았습니다. 고칠 곳이 {n}군데 있습니다.").format(n=count)
        self.summary.setText("\n".join([head, *self._loose]))
        restyle(self.summary, "kind", "warning" if self._warned else "error")
        self.summary.show()

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` (empty when none)."""
        return self.fields.error_text(name)


class ReasonDialog(GuardedDialog):
    """A required reason (archiving): one line, 확인 / 취소. A typed reason is not thrown away
    by Esc or 취소 without asking, like every form."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.reason = ""
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.line = QLineEdit(self)
        self.line.setObjectName("reasonLine")
        self.line.setMinimumWidth(360)
        layout.addWidget(self.line)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("확인"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(self.tr("취소"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save_changes)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.line.textEdited.connect(lambda _t: self.error.hide())

    def save_changes(self) -> bool:
        """확인: a reason that is not blank closes the dialog; a blank one is refused."""
        text = self.line.text().strip()
        if not text:
            self.error.setText(self.tr("사유를 적어야 합니다."))
            self.error.show()
            self.line.setFocus()
            return False
        self.reason = text
        self.accept()
        return True


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """A required reason (archiving); None when cancelled."""
    dialog = ReasonDialog(parent, title, prompt)
    try:
        return dialog.reason if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
