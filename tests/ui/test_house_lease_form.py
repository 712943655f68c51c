"""The new-house form takes the owner lease at once (one unit of work with the house); a house
left without a lease says so, and what needs a lease is off on it, saying why."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QGroupBox
from sqlalchemy import func, select

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import DevelopmentType, LeaseKind
from gwinong_desktop.services import Services
from gwinong_desktop.services.audit_log import AuditFilter
from gwinong_desktop.services.leases import LeaseForm, OwnerForm
from gwinong_desktop.storage.models import House, Lease, Owner
from gwinong_desktop.ui.forms.house_dialog import HouseDialog
from gwinong_desktop.ui.houses.detail_pane import TAB_KEYS
from gwinong_desktop.ui.houses.list_page import HousesPage


def _count(services: Services, model) -> int:
    with services.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _written(services: Services) -> tuple[int, int, int]:
    return _count(services, House), _count(services, Lease), _count(services, Owner)


@pytest.fixture
def dialog(qtbot, services) -> HouseDialog:
    dialog = HouseDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.development_type.setCurrentIndex(
        dialog.development_type.findData(DevelopmentType.REPAIR)
    )
    for name, text in {"eupmyeon": "용담면", "ri": "옥거리", "jibun": "55", "rooms": "2",
                       "floor_area": "66.5"}.items():  # fmt: skip
        getattr(dialog, name).setText(text)  # keyClicks cannot type Korean
    return dialog


def _type_lease(dialog: HouseDialog, **texts: str) -> None:
    values = {"start_on": "2025.3.1.", "end_on": "2032.2.29.", "annual_rent": "120만원",
              "owner_name": "김순자", "owner_phone": "010-2345-6789"}  # fmt: skip
    values.update(texts)
    for name, text in values.items():
        getattr(dialog.lease, name).setText(text)


def test_the_owner_lease_is_saved_with_the_new_house(dialog, services):
    assert "7년 이상" in dialog.lease_hint.text() and "Ⅱ-4" in dialog.lease_hint.text()
    _type_lease(dialog)
    assert dialog.try_save()
    (lease,) = services.leases.for_house(dialog.saved.id)
    assert (lease.kind, lease.start_on, lease.end_on) == (
        LeaseKind.LEASE, date(2025, 3, 1), date(2032, 2, 29),
    )  # fmt: skip
    assert (lease.owner_name, lease.owner_phone, lease.annual_rent) == (
        "김순자", "010-2345-6789", 1_200_000,
    )  # fmt: skip


def test_a_refused_lease_is_marked_under_its_fields_and_nothing_is_written(dialog, services):
    before = _written(services)
    _type_lease(dialog, owner_name="", owner_phone="", end_on="2024.2.28.")
    assert not dialog.try_save()
    assert dialog.isVisible() and dialog.saved is None
    assert "소유주가 있어야" in dialog.error_text("lease_owner_name")
    assert "종료일" in dialog.error_text("lease_end_on")
    assert dialog.lease.owner_name.property("invalid") == "true"
    assert (dialog.lease.start_on.text(), dialog.eupmyeon.text()) == ("2025.3.1.", "용담면")
    assert _written(services) == before
    # 무상제공 by the county needs no owner: the same form then saves house and lease
    dialog.lease.kind.setCurrentIndex(dialog.lease.kind.findData(LeaseKind.FREE))
    dialog.lease.end_on.setText("")
    assert dialog.try_save()
    (lease,) = services.leases.for_house(dialog.saved.id)
    assert (lease.kind, lease.owner_id) == (LeaseKind.FREE, None)


def test_text_that_is_no_date_is_refused_beside_the_lease_field(dialog, services):
    before = _written(services)
    _type_lease(dialog, start_on="삼월 초")
    assert not dialog.try_save()
    assert "날짜가 아닙니다" in dialog.error_text("lease_start_on")
    assert _written(services) == before


def test_a_short_lease_asks_for_a_reason_naming_the_rule(dialog, services):
    _type_lease(dialog, end_on="2030.2.28.")  # five years
    asked = []

    def ask(results, reasons):
        asked.extend((r.rule, r.message, r.source) for r in results)
        return {"lease_min_years": "소유주 사정으로 5년 계약"}

    dialog.ask_reasons = ask
    assert dialog.try_save()
    ((rule, message, source),) = asked
    assert rule == "lease_min_years" and "7년 미만" in message and "Ⅱ-4" in source
    overrides = services.house_edit.overrides(dialog.saved.id)
    assert [(o.entity, o.reason) for o in overrides] == [("lease", "소유주 사정으로 5년 계약")]


def test_the_owner_list_is_read_only_when_opened_and_a_pick_fills_the_owner(dialog, services):
    def owner_lists() -> int:
        return sum("소유주 목록" in (e.summary or "") for e in services.audit.search(AuditFilter()))

    before = _written(services)
    assert owner_lists() == 0  # opening the form shows no one's address
    pick = dialog.lease.owner_pick
    assert pick.count() == 1
    pick.showPopup()
    pick.hidePopup()
    assert owner_lists() == 1 and pick.count() > 1
    pick.setCurrentIndex(1)
    owner = pick.rows[pick.currentData()]
    assert dialog.lease.owner_name.text() == owner.name
    _type_lease(dialog, owner_name=owner.name, owner_phone=owner.phone)
    assert dialog.try_save()
    assert services.leases.for_house(dialog.saved.id)[0].owner_id == owner.id
    assert _written(services)[2] == before[2]  # no second copy of the owner


def test_editing_a_house_has_no_lease_part(qtbot, services):
    house = services.houses.list_houses()[0]
    dialog = HouseDialog(services, house.id)
    qtbot.addWidget(dialog)
    assert dialog.lease is None and dialog.findChild(QGroupBox, "houseLease") is None


def test_a_house_left_without_a_lease_says_so_and_lease_actions_are_off(
    qtbot, services, monkeypatch
):
    page = HousesPage.standalone(services)
    qtbot.addWidget(page)
    page.show()

    def exec_filled(self) -> int:
        self.development_type.setCurrentIndex(
            self.development_type.findData(DevelopmentType.REPAIR)
        )
        self.eupmyeon.setText("용담면")
        return int(self.try_save())  # the lease part left empty

    monkeypatch.setattr(HouseDialog, "exec", exec_filled)
    with qtbot.waitSignal(page.sig_changed, timeout=2000) as announced:
        page.new_button.click()
    assert announced.args == [Changes.of(Kind.HOUSES)]  # what the save said: a house, no lease
    house_id = page.selected_row().id
    assert services.leases.for_house(house_id) == []
    assert "임대차계약이 없습니다" in page.detail.leases.text()
    page.detail.tabs.setCurrentIndex(TAB_KEYS.index("lease"))
    tab = page.detail.lease_tab
    assert tab.missing.isVisible() and "'새 임대차계약…'" in tab.missing.text()
    assert tab.new_button.isEnabled()
    for button in (tab.edit_button, tab.renew_button, tab.attach_button):
        assert not button.isEnabled()
        assert "임대차계약이 없습니다" in button.toolTip()
    # once the house has a lease, the same buttons work on it
    services.leases.save(
        LeaseForm(house_id, kind=LeaseKind.FREE, start_on=date(2025, 3, 1), owner=OwnerForm())
    )
    page.detail.tabs.setCurrentIndex(TAB_KEYS.index("overview"))
    page.detail.tabs.setCurrentIndex(TAB_KEYS.index("lease"))
    assert not tab.missing.isVisible() and tab.table.rowCount() == 1
    for button in (tab.edit_button, tab.renew_button, tab.attach_button):
        assert button.isEnabled() and button.toolTip() == ""
