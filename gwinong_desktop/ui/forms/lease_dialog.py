"""A lease or free provision with its owner and scanned documents; renewals are new leases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.leases import LeaseForm
from gwinong_desktop.services.rule_gate import SavedRecord

from .fields import error_line, text_box
from .files import choose_scan, open_attachment, size_text
from .lease_fields import LeaseFields
from .record_dialog import Loose, RecordDialog


class LeaseDialog(RecordDialog):
    """``LeaseDialog(services, house_id, lease_id=None, renew_from=None)``: a new lease, the
    lease ``lease_id``, or the renewal of ``renew_from`` (a new lease that follows it)."""

    def __init__(
        self,
        services: Services,
        house_id: int,
        lease_id: int | None = None,
        renew_from: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        leases = services.leases
        if renew_from is not None:
            title = self.tr("재계약(갱신)")
            form = leases.renewal_of(renew_from)
        elif lease_id is not None:
            title = self.tr("임대차계약 수정")
            form = leases.load(lease_id)
        else:
            title = self.tr("새 임대차계약")
            form = leases.new_form(house_id)
        super().__init__(title, parent)
        self.setObjectName("leaseDialog")
        self.services = services
        self.original = form
        self.pending: list[PendingFile] = []
        f = self.fields

        self.lease = LeaseFields(f, services, form)
        lease_form, owner_form = self.lease.terms, self.lease.owner
        self.note = f.add(lease_form, "note", self.tr("비고"), text_box(form.note, 50))
        if form.renews_lease_id is not None:
            before = next(
                (r for r in leases.for_house(form.house_id) if r.id == form.renews_lease_id),
                None,
            )
            if before is not None:
                lease_form.insertRow(
                    0, self.tr("이전 계약"), QLabel(f"{before.kind.label} {before.period()}")
                )

        docs = QVBoxLayout()
        self.documents = QListWidget()
        self.documents.setObjectName("leaseDocuments")
        self.documents.setFixedHeight(96)
        self.documents.itemDoubleClicked.connect(self._open_item)
        buttons = QHBoxLayout()
        consent = QPushButton(self.tr("빈집 사용승인서 첨부…"))
        consent.setObjectName("attachConsent")
        consent.clicked.connect(lambda: self._choose(AttachmentKind.VACANT_HOUSE_CONSENT))
        contract = QPushButton(self.tr("임대차계약서 첨부…"))
        contract.setObjectName("attachContract")
        contract.clicked.connect(lambda: self._choose(AttachmentKind.LEASE_CONTRACT))
        self.open_button = QPushButton(self.tr("열기"))
        self.open_button.clicked.connect(lambda: self._open_item(self.documents.currentItem()))
        for button in (consent, contract, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        docs.addWidget(self.documents)
        docs.addLayout(buttons)
        self.file_error = error_line(self)
        docs.addWidget(self.file_error)
        self.fields.attach("file", self.tr("첨부서류"), self.documents, self.file_error)
        self._existing_docs(form)

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(_group(self.tr("계약"), lease_form), 1)
        top.addWidget(_group(self.tr("소유주"), owner_form), 1)
        self.body.addLayout(top)
        docs_box = QGroupBox(self.tr("첨부서류 (저장할 때 함께 보관)"))
        docs_box.setLayout(docs)
        self.body.addWidget(docs_box)
        self.body.addStretch(1)
        self.fit(860)

    # --- documents --------------------------------------------------------------------------

    def _existing_docs(self, form: LeaseForm) -> None:
        if form.id is None:
            return
        for doc in self.services.attachments.for_house(form.house_id, lease_id=form.id):
            item = QListWidgetItem(
                f"{doc.kind.label} · {doc.original_name} ({size_text(doc.size_bytes)})"
            )
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            self.documents.addItem(item)

    def add_pending_file(self, kind: AttachmentKind, path: Path) -> None:
        """Attach ``path`` when the lease is saved (shown in the list until then)."""
        self.pending.append(PendingFile(kind, Path(path)))
        item = QListWidgetItem(
            self.tr("{kind} · {name} (저장하면 첨부)").format(kind=kind.label, name=Path(path).name)
        )
        item.setData(Qt.ItemDataRole.UserRole + 1, str(path))
        self.documents.addItem(item)

    def _choose(self, kind: AttachmentKind) -> None:
        path = choose_scan(self, self.tr("{kind} 고르기").format(kind=kind.label))
        if path is not None:
            self.add_pending_file(kind, path)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        if doc_id is not None:
            open_attachment(self, self.services, int(doc_id))
            return
        pending = item.data(Qt.ItemDataRole.UserRole + 1)
        if pending:
            from .files import open_path

            open_path(Path(pending))

    # --- the form ---------------------------------------------------------------------------

    def collect(self) -> tuple[LeaseForm, list[Loose]]:
        base = replace(self.original, note=self.note.toPlainText().strip())
        return self.lease.collect(base)

    def check(self, form: LeaseForm) -> list[RuleResult]:
        return self.services.leases.validate(form, self.pending)

    def write(self, form: LeaseForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.leases.save(form, accepted_warnings=reasons, files=self.pending)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    box.setLayout(form)
    return box
