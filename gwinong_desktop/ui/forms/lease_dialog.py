"""A lease or free provision with its owner and scanned documents; renewals are new leases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.leases import LeaseForm
from gwinong_desktop.services.rule_gate import SavedRecord

from .fields import text_box
from .files import AttachmentList
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
        self.original = self.editing(form)
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

        self.documents = AttachmentList(services, "leaseDocuments", height=96)
        self.documents.add_button(
            self.tr("빈집 사용승인서 첨부…"), "attachConsent", AttachmentKind.VACANT_HOUSE_CONSENT
        )
        self.documents.add_button(
            self.tr("임대차계약서 첨부…"), "attachContract", AttachmentKind.LEASE_CONTRACT
        )
        self.open_button = self.documents.add_open_button()
        self.documents.add_remove_button(self.tr("빼기"))
        self.documents.attach_to(self.fields, "file", self.tr("첨부서류"))
        if form.id is not None:
            self.documents.show_stored(
                services.attachments.for_house(form.house_id, lease_id=form.id)
            )

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(_group(self.tr("계약"), lease_form), 1)
        top.addWidget(_group(self.tr("소유주"), owner_form), 1)
        self.body.addLayout(top)
        docs_box = QGroupBox(self.tr("첨부서류 (저장할 때 함께 보관)"))
        QVBoxLayout(docs_box).addWidget(self.documents)
        self.body.addWidget(docs_box)
        self.body.addStretch(1)
        self.fit(860)

    # --- documents --------------------------------------------------------------------------

    @property
    def pending(self) -> list[PendingFile]:
        return self.documents.pending()

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
