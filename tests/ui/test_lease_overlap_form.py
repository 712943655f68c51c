"""An officer enters a second lease overlapping the first: the form refuses it under the field,
naming the other lease's period, and keeps what was typed."""

from __future__ import annotations

from sqlalchemy import func, select

from gwinong_desktop.storage.models import Lease
from gwinong_desktop.ui.forms.lease_dialog import LeaseDialog


def test_an_overlapping_lease_is_refused_under_its_field_and_kept(qtbot, services):
    house = next(h for h in services.houses.list_houses() if h.code == "진안-2024-01")
    (first,) = services.leases.for_house(house.id)
    dialog = LeaseDialog(services, house.id)
    qtbot.addWidget(dialog)
    assert dialog.lease.start_on.text() == "2031.3.1."  # offered the day after the lease it has
    with services.ctx.read() as s:
        leases = s.scalar(select(func.count()).select_from(Lease))
    dialog.lease.start_on.setText("2026.3.1.")
    dialog.lease.end_on.setText("2033.2.28.")
    dialog.lease.owner_name.setText("김순자")
    assert not dialog.try_save()
    assert f"다른 임대차계약({first.period()})과 기간이 겹칩니다" in dialog.error_text("start_on")
    assert (dialog.lease.start_on.text(), dialog.lease.owner_name.text()) == ("2026.3.1.", "김순자")
    with services.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Lease)) == leases
    dialog.lease.start_on.setText("2031.3.1.")
    dialog.lease.end_on.setText("2038.2.28.")
    assert dialog.try_save()
