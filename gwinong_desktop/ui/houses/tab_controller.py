"""Fills the detail tabs of the house shown and runs their buttons (lease, works, documents).

The pane is a view; this controller asks the services for a tab's rows when the tab is shown
(or the house changes while it is shown), and after a dialog saved something it tells the page
what the save touched (``on_changed(Changes)``, as the action returns it), so the list and the
house are loaded again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.services import Services
from gwinong_desktop.services.rule_gate import rule_label

from ..forms.files import size_text
from .actions import HouseActions
from .detail_pane import HouseDetailPane
from .detail_tabs import NO_LEASE_TIP


class DetailTabs:
    def __init__(
        self,
        services: Services,
        pane: HouseDetailPane,
        actions: HouseActions,
        on_changed: Callable[[Changes], None],
        go: Callable[..., None] = lambda key, **criteria: None,
    ) -> None:
        self.services = services
        self.go = go
        self.pane = pane
        self.actions = actions
        self.on_changed = on_changed
        self.editable = True
        pane.sig_tab_shown.connect(self.fill)
        lease, works, docs = pane.lease_tab, pane.works_tab, pane.documents_tab
        self._wire(lease.new_button, lambda: actions.new_lease(self.house_id))
        self._wire(lease.edit_button, lambda: actions.edit_lease(self.house_id, lease.selected()))
        self._wire(lease.renew_button,
                   lambda: actions.renew_lease(self.house_id, lease.selected()))  # fmt: skip
        self._wire(lease.attach_button, lambda: actions.attach_to_lease(lease.selected()))
        lease.table.doubleClicked.connect(
            lambda _i: self._run(lambda: actions.edit_lease(self.house_id, lease.selected()))
        )
        self._wire(works.new_button, lambda: actions.new_works(self.house_id))
        self._wire(works.edit_button, lambda: actions.edit_works(self.house_id, works.selected()))
        works.table.doubleClicked.connect(
            lambda _i: self._run(lambda: actions.edit_works(self.house_id, works.selected()))
        )
        stays = pane.residents_tab
        stays.go_button.clicked.connect(lambda: self.go("residents", house_id=self.house_id))
        stays.person_button.clicked.connect(lambda: self.open_person(stays.selected()))
        stays.table.doubleClicked.connect(lambda _i: self.open_person(stays.selected()))
        docs.open_button.clicked.connect(lambda: actions.open_document(docs.selected()))
        docs.table.doubleClicked.connect(lambda _i: actions.open_document(docs.selected()))
        self._wire(docs.attach_button, lambda: actions.attach_to_house(self.house_id))
        self._wire(docs.archive_button, lambda: actions.archive_document(docs.selected()))

    def set_editable(self, editable: bool) -> None:
        """Enable the buttons that change records (off for a read-only role)."""
        self.editable = editable
        pane = self.pane
        for button in (
            pane.lease_tab.new_button, pane.works_tab.new_button, pane.works_tab.edit_button,
            pane.documents_tab.attach_button, pane.documents_tab.archive_button,
        ):  # fmt: skip
            button.setEnabled(editable)
        self._lease_buttons()

    def _lease_buttons(self) -> None:
        """What needs a lease (수정, 재계약, 서류 첨부) is off on a house without one, with why."""
        tab = self.pane.lease_tab
        has_lease = bool(tab.records)
        tip = "" if has_lease else QCoreApplication.translate("LeaseTab", NO_LEASE_TIP)
        for button in tab.lease_buttons:
            button.setEnabled(self.editable and has_lease)
            button.setToolTip(tip)

    @property
    def house_id(self) -> int | None:
        return self.pane.house_id

    def _wire(self, button, action: Callable[[], Changes]) -> None:  # type: ignore[no-untyped-def]
        button.clicked.connect(lambda: self._run(action))

    def _run(self, action: Callable[[], Changes]) -> None:
        """Run a dialog; if it saved, say what the save touched."""
        if not self.editable:
            return
        changes = action()
        if changes:
            self.on_changed(changes)

    def open_person(self, resident_id: int | None) -> None:
        """The person's page (their household and every stay) of a stay on the 입주자 tab."""
        from ..residents.person import ResidentPageDialog

        if resident_id is None:
            return
        dialog = ResidentPageDialog(self.services, resident_id, self.pane)
        try:
            dialog.exec()
            if dialog.changed:
                self.on_changed(Changes.of(Kind.RESIDENTS))
        finally:
            dialog.deleteLater()

    def house_shown(self, today: date) -> None:
        """A house was just shown: its overrides on the overview, and the current tab."""
        house_id = self.house_id
        if house_id is None:
            return
        lines = self.services.house_edit.overrides(house_id)
        self.pane.show_overrides([(rule_label(line.rule), line.reason) for line in lines])
        self.fill(self.pane.current_tab())

    def fill(self, key: str) -> None:
        house_id = self.house_id
        if house_id is None:
            return
        if key == "lease":
            self.pane.lease_tab.show_records(self.services.leases.for_house(house_id))
            self._lease_buttons()
        elif key == "works":
            self.pane.works_tab.show_records(self.services.works.for_house(house_id))
        elif key == "residents":
            from ..residents.person import stay_cells

            self.pane.residents_tab.show_rows(self.services.stays.for_house(house_id), stay_cells)
        elif key == "documents":
            rows = self.services.attachments.for_house(house_id)
            self.pane.documents_tab.show_rows(rows, size_text)
        elif key == "history":
            self.pane.history_tab.show_entries(self.services.history.for_house(house_id))
        elif key == "visits":
            self.photo_gallery().show_house(house_id)

    def photo_gallery(self):  # type: ignore[no-untyped-def]
        """The 점검·사진 tab's gallery, built when the tab is first shown (its changes are
        announced like a dialog's)."""
        tab = self.pane.visits_tab
        if tab.gallery is None:
            from ..photos.gallery import PhotoGallery

            gallery = PhotoGallery(self.services, tab)
            gallery.sig_changed.connect(self.on_changed)
            tab.set_gallery(gallery)
        return tab.gallery
