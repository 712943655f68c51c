"""설정 › 시·군 휴무일: an officer adds the county's own day off (the deadline on it moves),
a refused one keeps what was typed, removing one asks its reason."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.services import Services
from gwinong_desktop.ui.register_settings.days_off import DaysOffPanel


def _september_due(services) -> date:
    """When the report of September 2025 is due (the 5th of October, moved)."""
    items = services.due.items(date(2025, 10, 1))
    return next(i.due_on for i in items if i.subject == "monthly_report:2025-09")


@pytest.fixture
def panel(qtbot, demo_services: Services) -> DaysOffPanel:
    widget = DaysOffPanel(demo_services)
    qtbot.addWidget(widget)
    return widget


def test_an_added_day_off_is_listed_and_moves_a_deadline(panel, demo_services) -> None:
    heard = []
    panel.sig_saved.connect(heard.append)
    assert panel.list.item(0).text() == "더한 휴무일이 없습니다."
    assert not panel.remove_button.isEnabled()
    panel.day.setText("2025.10.10.")
    panel.name.setText("군민의 날")
    assert panel.add()
    assert panel.list.item(0).text() == "2025.10.10. (금)  군민의 날"
    assert panel.day.text() == "" and heard
    assert _september_due(demo_services) == date(2025, 10, 13)


def test_a_refused_day_is_said_and_what_was_typed_stays(panel) -> None:
    panel.day.setText("2025.13.1.")
    panel.name.setText("임시공휴일")
    assert not panel.add()
    assert "없는 날짜" in panel.error.text()
    assert (panel.day.text(), panel.name.text()) == ("2025.13.1.", "임시공휴일")
    panel.day.setText("2025.10.2.")
    panel.name.setText(" ")
    assert not panel.add() and "이름" in panel.error.text()
    panel.name.setText("임시공휴일")
    assert panel.add() and panel.error.text() == ""
    panel.day.setText("2025.10.2.")
    panel.name.setText("또")
    assert not panel.add() and "이미 휴무일" in panel.error.text()


def test_removing_asks_a_reason(panel, demo_services, monkeypatch) -> None:
    panel.day.setText("2025.10.2.")
    panel.name.setText("임시공휴일")
    panel.add()
    panel.list.setCurrentRow(0)
    answers = iter([None, "잘못 넣음"])
    monkeypatch.setattr(
        "gwinong_desktop.ui.forms.record_dialog.ask_reason", lambda *_a: next(answers)
    )
    assert not panel.remove()  # cancelled
    assert demo_services.due.days_off()
    assert panel.remove()
    assert demo_services.due.days_off() == []
    assert panel.list.item(0).text() == "더한 휴무일이 없습니다."
