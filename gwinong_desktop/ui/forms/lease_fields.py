"""The fields of an owner lease and its owner, shared by two forms.

The lease dialog shows them for one lease; the new-house form shows them as the house's first
lease (``prefix="lease_"``: the names ``HouseEditService.save_with_lease`` gives the lease's
refusals, so each message lands under its field). The owner is typed, or picked from the known
owners; the list of owners is personal data, so it is asked of the service (and recorded) only
when the officer opens it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from gwinong_desktop.domain.enums import LeaseKind
from gwinong_desktop.services import Services
from gwinong_desktop.services.leases import LeaseForm, OwnerForm, OwnerRow

from .fields import (
    FieldSet,
    date_text,
    enum_combo,
    enum_value,
    line,
    money_text,
    parse_date_text,
    parse_money_text,
    select_data,
)
from .record_dialog import Loose


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeaseFields", text)


class OwnerPicker(QComboBox):
    """ "(새 소유주)" and, once opened, every known owner (item data: the owner's id)."""

    def __init__(
        self, load: Callable[[], list[OwnerRow]], current: OwnerForm, new_label: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._load = load
        self.rows: dict[int, OwnerRow] = {}
        self.loaded = False
        self.addItem(new_label, None)
        if current.id is not None:  # the lease's own owner, shown without the whole list
            label = f"{current.name} ({current.address})" if current.address else current.name
            self.addItem(label, current.id)
            self.setCurrentIndex(1)

    def showPopup(self) -> None:
        self.load_owners()
        super().showPopup()

    def load_owners(self) -> None:
        """Fill the list (once); the owner chosen stays chosen."""
        if self.loaded:
            return
        self.loaded = True
        chosen = self.currentData()
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for owner in self._load():
            self.rows[owner.id] = owner
            self.addItem(owner.label(), owner.id)
        select_data(self, chosen)
        self.blockSignals(False)


class LeaseFields:
    """구분, 시작일, 종료일, 연 임차료 (the ``terms`` rows) and the owner (the ``owner`` rows),
    added to ``fields``."""

    def __init__(
        self, fields: FieldSet, services: Services, form: LeaseForm, *, prefix: str = ""
    ) -> None:
        self.fields = fields
        self.prefix = prefix
        tr, p = _tr, prefix
        self.terms = QFormLayout()
        self.kind = fields.add(self.terms, p + "kind", tr("구분"), enum_combo(LeaseKind))
        select_data(self.kind, form.kind)
        self.start_on = fields.add(
            self.terms, p + "start_on", tr("시작일"),
            line("2024.3.1.", width=160, text=date_text(form.start_on)),
            lambda: parse_date_text(self.start_on.text()),
        )  # fmt: skip
        self.end_on = fields.add(
            self.terms, p + "end_on", tr("종료일"),
            line("2031.2.28.", width=160, text=date_text(form.end_on)),
            lambda: parse_date_text(self.end_on.text()),
            hint=tr("무상제공은 비워 둘 수 있습니다. 기간은 시작일과 종료일을 모두 셉니다."),
        )  # fmt: skip
        self.annual_rent = fields.add(
            self.terms, p + "annual_rent", tr("연 임차료(원)"),
            line("6,000,000", width=180, text=money_text(form.annual_rent)),
            lambda: parse_money_text(self.annual_rent.text()),
            hint=tr("무상제공이면 비워 두거나 0을 적습니다."),
        )  # fmt: skip

        self.owner = QFormLayout()
        self.owner_pick = OwnerPicker(services.leases.owners, form.owner, tr("(새 소유주)"))
        self.owner_pick.setObjectName(f"{p}ownerPick" if p else "ownerPick")
        self.owner.addRow(tr("기존 소유주"), self.owner_pick)
        self.owner_name = fields.add(
            self.owner, p + "owner_name", tr("성명"), line(text=form.owner.name)
        )
        fields.alias(p + "owner", p + "owner_name")
        self.owner_address = fields.add(
            self.owner, p + "owner_address", tr("주소"), line(text=form.owner.address)
        )
        self.owner_phone = fields.add(
            self.owner, p + "owner_phone", tr("연락처"),
            line("010-0000-0000", text=form.owner.phone),
        )  # fmt: skip
        self._owner_id = form.owner.id
        self.owner_pick.currentIndexChanged.connect(self._owner_picked)

    def _owner_picked(self, _index: int) -> None:
        owner_id = self.owner_pick.currentData()
        self._owner_id = owner_id
        edits: tuple[QLineEdit, ...] = (self.owner_name, self.owner_address, self.owner_phone)
        if owner_id is None:
            for edit in edits:
                edit.clear()
            return
        owner = self.owner_pick.rows.get(owner_id)
        if owner is not None:
            for edit, text in zip(edits, (owner.name, owner.address, owner.phone), strict=True):
                edit.setText(text)

    def is_blank(self) -> bool:
        """Nothing entered: no date, rent or owner (the 구분 alone is no lease)."""
        typed = (self.start_on, self.end_on, self.annual_rent, self.owner_name,
                 self.owner_address, self.owner_phone)  # fmt: skip
        return self._owner_id is None and not any(edit.text().strip() for edit in typed)

    def collect(self, base: LeaseForm) -> tuple[LeaseForm, list[Loose]]:
        """``base`` (house, note, renewal, id) with what is typed here, and the fields whose
        text is no value."""
        problems: list[Loose] = []
        values = {}
        for name in ("start_on", "end_on", "annual_rent"):
            value, problem = self.fields.parse(self.prefix + name)
            values[name] = value
            if problem:
                problems.append((self.prefix + name, problem))
        form = LeaseForm(
            house_id=base.house_id,
            kind=enum_value(self.kind, LeaseKind),
            note=base.note,
            owner=OwnerForm(
                name=self.owner_name.text().strip(),
                address=self.owner_address.text().strip(),
                phone=self.owner_phone.text().strip(),
                id=self._owner_id,
                revision=base.owner.revision if self._owner_id == base.owner.id else None,
            ),
            renews_lease_id=base.renews_lease_id,
            id=base.id,
            revision=base.revision,
            **values,
        )
        return form, problems
