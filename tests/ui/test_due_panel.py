"""챙길 일 on the dashboard: computed in the background, overdue first and red, each row opens
its record on the page it names (every page accepts the criteria sent), dismiss and snooze from
the context menu with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from gwinong_desktop.domain.changes import Changes
from gwinong_desktop.domain.due import DueKind
from gwinong_desktop.services import Services
from gwinong_desktop.ui.dashboard import due_panel as panel_module
from gwinong_desktop.ui.dashboard.due_panel import OVERDUE_COLOUR
from gwinong_desktop.ui.pages.dashboard import DashboardPage
from gwinong_desktop.ui.pages.registry import page_spec


@pytest.fixture
def page(qtbot, demo_services: Services):
    widget = DashboardPage.standalone(None)
    qtbot.addWidget(widget)
    widget.resize(1200, 820)
    widget.show()  # the panels load when the page is shown
    with qtbot.waitSignal(widget.due_panel.sig_loaded, timeout=30_000):
        widget.attach(demo_services)
    return widget


def test_the_list_is_loaded_in_the_background_overdue_first_and_red(page, demo_services):
    panel = page.due_panel
    rows = panel.model.visible_rows()
    assert [r.subject for r in rows] == [i.subject for i in demo_services.due.items()]
    flags = [r.overdue for r in rows]
    assert flags[0] and flags == sorted(flags, reverse=True)
    first = panel.model.index(0, 0)
    assert panel.model.data(first, Qt.ItemDataRole.ForegroundRole).name() == OVERDUE_COLOUR
    assert "기한 지남" in panel.count.text() and f"모두 {len(rows)}건" in panel.count.text()


def test_every_row_opens_a_page_that_accepts_its_criteria(page, qtbot, demo_services):
    asked: list[tuple[str, dict]] = []
    page.host.go = lambda key, **criteria: asked.append((key, criteria))
    pages = {}
    for row, item in enumerate(page.due_panel.model.visible_rows()):
        page.due_panel.table.selectRow(row)
        page.due_panel.open_selected()
        assert asked[-1] == (item.page, item.criteria)
        if item.page not in pages:
            pages[item.page] = page_spec(item.page).load().standalone(demo_services)
            qtbot.addWidget(pages[item.page])
        pages[item.page].show_records(**dict(item.criteria))  # raises on criteria it lacks
    assert {"residents", "rent", "inspections", "houses"} <= set(pages)


def test_the_pages_show_what_the_reminder_names(qtbot, demo_services):
    items = demo_services.due.items()
    finding = next(i for i in items if i.kind == DueKind.FINDING_OVERDUE.value)
    inspections = page_spec("inspections").load().standalone(demo_services)
    qtbot.addWidget(inspections)
    inspections.show_records(**finding.criteria)
    assert inspections.selected_finding().id == finding.criteria["finding_id"]
    lease = next(i for i in items if i.kind == DueKind.LEASE_ENDING.value)
    houses = page_spec("houses").load().standalone(demo_services)
    qtbot.addWidget(houses)
    houses.show_records(**lease.criteria)
    assert houses.detail.current_tab() == "lease"
    reports = page_spec("reports").load().standalone(demo_services)
    qtbot.addWidget(reports)
    reports.show_records(report="semiannual", year=2025, month=12)
    assert reports.entry().kind.value == "semiannual" and reports.year.value() == 2025
    assert reports.half.currentData() == 2


def test_dismiss_and_snooze_ask_a_reason_and_hide_the_row(page, qtbot, monkeypatch, demo_services):
    asked: list[str] = []

    def answer(parent, title, prompt):
        asked.append(prompt)
        return "전화로 안내함" if len(asked) != 2 else None  # the second one is cancelled

    monkeypatch.setattr("gwinong_desktop.ui.forms.record_dialog.ask_reason", answer)
    heard: list[Changes] = []
    page.sig_changed.connect(heard.append)
    first, second = page.due_panel.model.visible_rows()[:2]
    with qtbot.waitSignal(page.due_panel.sig_loaded, timeout=30_000):
        assert page.due_panel.dismiss(first)
    assert first.subject not in {r.subject for r in page.due_panel.model.visible_rows()}
    assert first.record_label in asked[0] and heard
    assert not page.due_panel.snooze(second, 7)  # cancelled: nothing written
    with qtbot.waitSignal(page.due_panel.sig_loaded, timeout=30_000):
        assert page.due_panel.snooze(second, 7)
    assert second.subject not in {r.subject for r in page.due_panel.model.visible_rows()}
    later = demo_services.ctx.today() + timedelta(days=7)
    assert second.subject in {i.subject for i in demo_services.due.items(later)}
    with qtbot.waitSignal(page.due_panel.sig_loaded, timeout=30_000):
        page.due_panel.show_hidden.setChecked(True)
    hidden = {r.subject for r in page.due_panel.model.visible_rows()}
    assert {first.subject, second.subject} <= hidden
    menu = page.due_panel.context_menu(page.due_panel.model.visible_rows()[0])
    assert [a.text() for a in menu.actions() if a.text()] == ["열기", "다시 알리기…"]


def test_a_viewer_cannot_dismiss(page, demo_services, monkeypatch):
    monkeypatch.setattr(demo_services.ctx, "allows", lambda permission: False)
    menu = page.due_panel.context_menu(page.due_panel.model.visible_rows()[0])
    enabled = {a.text(): a.isEnabled() for a in menu.actions() if a.text()}
    assert enabled["열기"] and not enabled["처리함 (숨기기)…"]
    assert panel_module.SNOOZES and not enabled["1주 뒤에 다시 알림…"]


@pytest.mark.process
def test_the_dashboard_is_built_without_sqlalchemy_or_holidays() -> None:
    """The first screen is the dashboard: building it loads neither (the due list imports the
    holiday calendar in the background, after the first paint)."""
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from gwinong_desktop.ui.pages.base import PageHost\n"
        "from gwinong_desktop.ui.pages.dashboard import DashboardPage\n"
        "page = DashboardPage(PageHost())\n"
        "print(sorted(m for m in ('holidays', 'sqlalchemy') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
