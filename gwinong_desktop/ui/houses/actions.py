"""What the 귀농인의 집 page's buttons do: open a dialog, and say what it changed.

The page wires its toolbar and the detail tabs' buttons to these; each returns the ``Changes``
it made — what the service's save says it touched (``SavedRecord.changes``), or, for the
actions whose service returns no record, the kind it changed — and nothing (an empty,
false ``Changes``) when the officer cancelled. The page announces them.
"""

from __future__ import annotations

# The dialogs (ui/forms) are imported when an action opens one, not on the way to the main window.
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile

NOTHING = Changes()


def _tr(text: str) -> str:
    return QCoreApplication.translate("HouseActions", text)


class HouseActions:
    """Dialog openers over ``services`` with ``parent`` as the dialogs' parent."""

    def __init__(self, services: Services, parent: QWidget) -> None:
        self.services = services
        self.parent = parent
        self.last_saved_id: int | None = None

    # --- houses -----------------------------------------------------------------------------

    def new_house(self) -> Changes:
        from ..forms.house_dialog import HouseDialog

        return self._saved(HouseDialog(self.services, parent=self.parent))

    def edit_house(self, house_id: int | None) -> Changes:
        from ..forms.house_dialog import HouseDialog

        if house_id is None:
            return NOTHING
        return self._saved(HouseDialog(self.services, house_id, parent=self.parent))

    def _saved(self, dialog) -> Changes:  # type: ignore[no-untyped-def]
        """Run a record dialog; what its save touched (nothing when cancelled)."""
        if dialog.exec() and dialog.saved is not None:
            self.last_saved_id = dialog.saved.id
            return dialog.saved.changes
        return NOTHING

    def archive_or_restore(self, house_id: int | None, archived: bool, code: str) -> Changes:
        from ..forms.record_dialog import ask_reason

        if house_id is None:
            return NOTHING
        title = _tr("보관/복원")
        try:
            if archived:
                answer = QMessageBox.question(
                    self.parent, title,
                    _tr("{code}을(를) 다시 목록에 보이게 할까요?").format(code=code),
                )  # fmt: skip
                if answer != QMessageBox.StandardButton.Yes:
                    return NOTHING
                self.services.house_edit.restore(house_id)
                return Changes.of(Kind.HOUSES)
            reason = ask_reason(
                self.parent, _tr("귀농인의 집 보관"),
                _tr("{code}을(를) 목록에서 숨깁니다(지우지 않고 보관). 사유를 적으세요.").format(
                    code=code),
            )  # fmt: skip
            if reason is None:
                return NOTHING
            self.services.house_edit.archive(house_id, reason)
            return Changes.of(Kind.HOUSES)
        except Refusal as refusal:
            QMessageBox.warning(self.parent, title, refusal.message)
            return NOTHING

    def manage_operators(self) -> Changes:
        from ..forms.operator_dialog import OperatorsDialog

        dialog = OperatorsDialog(self.services, self.parent)
        dialog.exec()
        return Changes.of(Kind.OPERATORS) if dialog.changed else NOTHING

    def annual_plans(self) -> Changes:
        from .plans_view import AnnualPlansDialog

        dialog = AnnualPlansDialog(self.services, self.parent)
        dialog.exec()
        return Changes.of(Kind.PLANS) if dialog.changed else NOTHING

    # --- leases -----------------------------------------------------------------------------

    def new_lease(self, house_id: int | None) -> Changes:
        from ..forms.lease_dialog import LeaseDialog

        if house_id is None:
            return NOTHING
        return self._saved(LeaseDialog(self.services, house_id, parent=self.parent))

    def edit_lease(self, house_id: int | None, lease_id: int | None) -> Changes:
        from ..forms.lease_dialog import LeaseDialog

        if house_id is None or lease_id is None:
            return NOTHING
        return self._saved(LeaseDialog(self.services, house_id, lease_id, parent=self.parent))

    def renew_lease(self, house_id: int | None, lease_id: int | None) -> Changes:
        from ..forms.lease_dialog import LeaseDialog

        if house_id is None or lease_id is None:
            return NOTHING
        return self._saved(
            LeaseDialog(self.services, house_id, renew_from=lease_id, parent=self.parent)
        )

    def attach_to_lease(self, lease_id: int | None) -> Changes:
        if lease_id is None:
            return NOTHING
        kinds = (AttachmentKind.LEASE_CONTRACT, AttachmentKind.VACANT_HOUSE_CONSENT,
                 AttachmentKind.OTHER)  # fmt: skip
        kind = self._choose_kind(kinds)
        if kind is None or not self._attach(kind, lease_id=lease_id):
            return NOTHING
        return Changes.of(Kind.DOCUMENTS, Kind.LEASES)  # the lease's count of documents

    # --- works ------------------------------------------------------------------------------

    def new_works(self, house_id: int | None) -> Changes:
        from ..forms.development_dialog import DevelopmentDialog

        if house_id is None:
            return NOTHING
        return self._saved(DevelopmentDialog(self.services, house_id, parent=self.parent))

    def edit_works(self, house_id: int | None, development_id: int | None) -> Changes:
        from ..forms.development_dialog import DevelopmentDialog

        if house_id is None or development_id is None:
            return NOTHING
        return self._saved(
            DevelopmentDialog(self.services, house_id, development_id, parent=self.parent)
        )

    # --- documents --------------------------------------------------------------------------

    def attach_to_house(self, house_id: int | None) -> Changes:
        if house_id is None:
            return NOTHING
        kind = self._choose_kind(tuple(AttachmentKind))
        if kind is None or not self._attach(kind, house_id=house_id):
            return NOTHING
        return Changes.of(Kind.DOCUMENTS)

    def open_document(self, attachment_id: int | None) -> bool:
        from ..forms.files import open_attachment

        if attachment_id is None:
            return False
        return open_attachment(self.parent, self.services, attachment_id)

    def archive_document(self, attachment_id: int | None) -> Changes:
        from ..forms.record_dialog import ask_reason

        if attachment_id is None:
            return NOTHING
        reason = ask_reason(self.parent, _tr("첨부서류 보관"), _tr("보관하는 사유를 적으세요."))
        if reason is None:
            return NOTHING
        try:
            self.services.attachments.archive(attachment_id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self.parent, _tr("첨부서류 보관"), refusal.message)
            return NOTHING
        return Changes.of(Kind.DOCUMENTS, Kind.LEASES)

    def _choose_kind(self, kinds: tuple[AttachmentKind, ...]) -> AttachmentKind | None:
        from PySide6.QtWidgets import QInputDialog

        labels = [k.label for k in kinds]
        label, ok = QInputDialog.getItem(
            self.parent, _tr("서류 첨부"), _tr("어떤 서류인가요?"), labels, 0, False
        )
        return kinds[labels.index(label)] if ok and label in labels else None

    def _attach(self, kind: AttachmentKind, *, house_id: int | None = None,
                lease_id: int | None = None, path: Path | None = None) -> bool:  # fmt: skip
        from ..forms.files import choose_scan

        title = _tr("서류 첨부")
        path = path or choose_scan(self.parent, title)
        if path is None:
            return False
        try:
            self.services.attachments.attach(
                PendingFile(kind, path), house_id=house_id, lease_id=lease_id
            )
        except Refusal as refusal:
            QMessageBox.warning(self.parent, title, refusal.message)
            return False
        return True
