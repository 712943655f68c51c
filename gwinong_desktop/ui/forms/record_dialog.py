"""The save flow every record dialog shares.

"저장" parses the fields (text that is no value is refused beside its field, together with the
service's own refusals), then asks the service to save. A refusal keeps the dialog open with
everything as typed and each message beside its field; warnings open :class:`WarningsDialog`,
and "사유를 적고 저장" saves again with the reasons. The dialog closes only when the service
has written the record (``saved``), or when the officer leaves it: a changed form asks first
(``guard.GuardedDialog``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.rules import RuleResult, refusals
from gwinong_desktop.services.rule_gate import FormRefused, SavedRecord, WarningsPending

from .fields import ERROR_STYLE, FieldSet
from .guard import GuardedDialog
from .warnings_dialog import WarningsDialog

Loose = tuple[str | None, str]


class RecordDialog(GuardedDialog):
    """A dialog over one service form. Subclasses build ``self.body`` and implement
    :meth:`collect`, :meth:`check` and :meth:`write`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(ERROR_STYLE)
        self.fields = FieldSet(self)
        self.saved: SavedRecord | None = None
        self.reasons: dict[str, str] = {}
        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.body = QVBoxLayout()
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
        outer.addLayout(self.body, 1)
        outer.addWidget(self.buttons)

    def fit(self, width: int) -> None:
        """``width`` wide and as tall as the contents need."""
        self.resize(width, self.sizeHint().height())

    def save_changes(self) -> bool:
        return self.try_save()

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
                reasons = self.ask_reasons(pending.results, self.reasons)
                if reasons is None:
                    return False
                self.reasons.update(reasons)
                continue
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
            return None
        finally:
            dialog.deleteLater()

    def clear_errors(self) -> None:
        self.fields.clear_errors()
        self.summary.clear()
        self.summary.hide()

    def show_errors(self, results: list[RuleResult | Loose]) -> None:
        loose = self.fields.show_errors(results)
        count = len(results)
        head = self.tr("저장하지 않았습니다. 고칠 곳이 {n}군데 있습니다.").format(n=count)
        if count == 1 and not loose:
            head = self.tr("저장하지 않았습니다. 표시한 곳을 고치세요.")
        self.summary.setText("\n".join([head, *loose]))
        self.summary.show()

    def error_text(self, name: str) -> str:
        """The message shown under field ``name`` (empty when none)."""
        return self.fields.error_text(name)


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """A required reason (archiving); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    while True:
        text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Normal)
        if not ok:
            return None
        if text.strip():
            return text.strip()
        QMessageBox.information(parent, title, QDialog.tr("사유를 적어야 합니다."))
