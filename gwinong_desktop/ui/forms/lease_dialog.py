"""A lease or free provision with its owner and scanned documents; renewals are new leases."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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

from gwinong_desktop.domain.enums import AttachmentKind, LeaseKind
from gwinong_desktop.domain.rules import RuleResult
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.leases import LeaseForm, OwnerForm
from gwinong_desktop.services.rule_gate import SavedRecord

from .fields import (
    date_text,
    enum_combo,
    enum_value,
    error_line,
    line,
    money_text,
    parse_date_text,
    parse_money_text,
    select_data,
    text_box,
)
from .files import choose_scan, open_attachment, size_text
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

        lease_form = QFormLayout()
        self.kind = f.add(lease_form, "kind", self.tr("구분"), enum_combo(LeaseKind))
        select_data(self.kind, form.kind)
        self.start_on = f.add(
            lease_form,
            "start_on",
            self.tr("시작일"),
            line("2024.3.1.", width=160, text=date_text(form.start_on)),
            lambda: parse_date_text(self.start_on.text()),
        )
        self.end_on = f.add(
            lease_form,
            "end_on",
            self.tr("종료일"),
            line("2031.2.28.", width=160, text=date_text(form.end_on)),
            lambda: parse_date_text(self.end_on.text()),
            hint=self.tr("무상제공은 비워 둘 수 있습니다. 기간은 시작일과 종료일을 모두 셉니다."),
        )
        self.annual_rent = f.add(
            lease_form,
            "annual_rent",
            self.tr("연 임차료(원)"),
            line("6,000,000", width=180, text=money_text(form.annual_rent)),
            lambda: parse_money_text(self.annual_rent.text()),
            hint=self.tr("무상제공이면 비워 두거나 0을 적습니다."),
        )
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

        owner_form = QFormLayout()
        self.owner_pick = QComboBox()
        self.owner_pick.setObjectName("ownerPick")
        self.owner_pick.addItem(self.tr("(새 소유주)"), None)
        for owner in leases.owners():
            self.owner_pick.addItem(owner.label(), owner.id)
        owner_form.addRow(self.tr("기존 소유주"), self.owner_pick)
        self.owner_name = f.add(
            owner_form, "owner_name", self.tr("성명"), line(text=form.owner.name)
        )
        f.alias("owner", "owner_name")
        self.owner_address = f.add(
            owner_form, "owner_address", self.tr("주소"), line(text=form.owner.address)
        )
        self.owner_phone = f.add(
            owner_form,
            "owner_phone",
            self.tr("연락처"),
            line("010-0000-0000", text=form.owner.phone),
        )
        self._owner_id = form.owner.id
        select_data(self.owner_pick, form.owner.id)
        self.owner_pick.currentIndexChanged.connect(self._owner_picked)

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

    # --- owner ------------------------------------------------------------------------------

    def _owner_picked(self, _index: int) -> None:
        owner_id = self.owner_pick.currentData()
        self._owner_id = owner_id
        if owner_id is None:
            for edit in (self.owner_name, self.owner_address, self.owner_phone):
                edit.clear()
            return
        owner = next((o for o in self.services.leases.owners() if o.id == owner_id), None)
        if owner is not None:
            self.owner_name.setText(owner.name)
            self.owner_address.setText(owner.address)
            self.owner_phone.setText(owner.phone)

    # --- the form ---------------------------------------------------------------------------

    def collect(self) -> tuple[LeaseForm, list[Loose]]:
        problems: list[Loose] = []
        values = {}
        for name in ("start_on", "end_on", "annual_rent"):
            value, problem = self.fields.parse(name)
            values[name] = value
            if problem:
                problems.append((name, problem))
        form = LeaseForm(
            house_id=self.original.house_id,
            kind=enum_value(self.kind, LeaseKind),
            note=self.note.toPlainText().strip(),
            owner=OwnerForm(
                name=self.owner_name.text().strip(),
                address=self.owner_address.text().strip(),
                phone=self.owner_phone.text().strip(),
                id=self._owner_id,
            ),
            renews_lease_id=self.original.renews_lease_id,
            id=self.original.id,
            **values,
        )
        return form, problems

    def check(self, form: LeaseForm) -> list[RuleResult]:
        return self.services.leases.validate(form, self.pending)

    def write(self, form: LeaseForm, reasons: Mapping[str, str]) -> SavedRecord:
        return self.services.leases.save(form, accepted_warnings=reasons, files=self.pending)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    box.setLayout(form)
    return box
