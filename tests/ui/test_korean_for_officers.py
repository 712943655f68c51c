"""The history and access-record views speak Korean: no internal name, no ISO time, shown.

The views are rendered over the fixture county after the changes an office makes (an account
created, its role changed and deactivated, a failed sign-in, the idle lock and a rule value set,
the county profile, a lease with a warning gone past and then changed, a house edited and
archived); every text the officer sees (cells, headers, labels, buttons, lists) is collected. Any
run of three or more Latin letters or underscores fails, except a few words officers use and
the data itself (user names, PC names); so does any ISO date or time.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QTableView,
    QTreeWidget,
    QWidget,
)

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.services.leases import LeaseForm, OwnerForm
from gwinong_desktop.services.settings_values import CountyProfile

ALLOWED_WORDS = {"PC", "Excel", "ID"}
IDENTIFIER = re.compile(r"[A-Za-z_]{3,}")
ISO_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{2}:\d{2}:\d{2}\.\d|T\d{2}:\d{2}|[+-]\d{2}:\d{2}$")


pytestmark = pytest.mark.usefixtures("fast_accounts")  # tests/ui/conftest.py


def _an_office_at_work(services: Services) -> int:
    """The changes of a working day; returns the id of the house that was edited and archived."""
    accounts = services.accounts
    user = accounts.add_user("lee", "이주무관", Role.VIEWER, "Jinan#2025!ok")
    accounts.change_role(user.uid, Role.OFFICER)
    accounts.set_active(user.uid, False)
    with pytest.raises(Exception):  # noqa: B017 - a refused sign-in is recorded
        accounts.authenticate("lee", "wrong-Pass1")
    accounts.set_idle_minutes(15)
    services.rule_values.save(2025, {"lease_min_years": 8})
    services.county_profile.save(
        CountyProfile(county="진안군", province="전북특별자치도", officer_name="김담당",
                      department="귀농귀촌팀", phone="063-430-2000")
    )  # fmt: skip
    house = next(h for h in services.houses.list_houses() if h.code == "진안-2016-01")
    short = LeaseForm(
        house_id=house.id, start_on=date(2025, 3, 1), end_on=date(2030, 2, 28),
        annual_rent=1_200_000, owner=OwnerForm(name="정순례", phone="010-1111-2222"),
    )  # fmt: skip
    saved = services.leases.save(short, accepted_warnings={"lease_min_years": "소유주 사정"})
    services.leases.save(
        replace(services.leases.load(saved.id), end_on=date(2033, 2, 28), annual_rent=1_500_000)
    )
    form = services.house_edit.load(house.id)
    services.house_edit.save(replace(form, rooms=3, monthly_rent=100_000, note="지붕 보수"))
    services.house_edit.archive(house.id, "관리기간 종료")
    return house.id


def _texts(widget: QWidget) -> list[str]:
    """Every text the officer can read in ``widget``: labels, buttons, fields, lists, tables."""
    out: list[str] = [widget.windowTitle()]
    for label in widget.findChildren(QLabel):
        out.append(label.text())
    for button in widget.findChildren(QAbstractButton):
        out.append(button.text())
    for line in widget.findChildren(QLineEdit):
        out += [line.text(), line.placeholderText()]
    for edit in widget.findChildren(QDateEdit):
        out.append(edit.text())
    for combo in widget.findChildren(QComboBox):
        out += [combo.itemText(i) for i in range(combo.count())]
    for table in widget.findChildren(QTableView):
        model = table.model()
        for column in range(model.columnCount()):
            out.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(model.rowCount()):
                index = model.index(row, column)
                out.append(str(model.data(index) or ""))
                out.append(str(model.data(index, Qt.ItemDataRole.ToolTipRole) or ""))
    for tree in widget.findChildren(QTreeWidget):
        header = tree.headerItem()
        out += [header.text(c) for c in range(tree.columnCount())]
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out += [item.text(c) for c in range(tree.columnCount())]
            stack += [item.child(j) for j in range(item.childCount())]
    return [t for t in out if t]


def _not_korean(texts: list[str], data: set[str]) -> list[str]:
    bad = []
    for text in texts:
        words = set(IDENTIFIER.findall(text)) - ALLOWED_WORDS - data
        if words or ISO_TIME.search(text):
            bad.append(text)
    return bad


def _data_words(services: Services) -> set[str]:
    """What the records hold that is typed or named by people, not by the program: user names
    and PC names (they may be Latin letters)."""
    from gwinong_desktop.services.audit_log import AuditFilter

    rows = services.audit.search(AuditFilter(), limit=10_000)
    names = {r.actor for r in rows} | {r.host or "" for r in rows} | {"lee"}
    return {word for name in names for word in IDENTIFIER.findall(name)}


def test_the_history_and_the_access_records_show_no_internal_names(qtbot, services: Services):
    from gwinong_desktop.ui.accounts.audit_viewer import AuditViewer
    from gwinong_desktop.ui.houses.detail_tabs import HistoryTab

    house_id = _an_office_at_work(services)
    history = HistoryTab()
    qtbot.addWidget(history)
    history.resize(900, 700)
    history.show_entries(services.history.for_house(house_id))
    history.show()
    viewer = AuditViewer(services, Actor("admin", "김관리", Role.ADMIN), None)
    qtbot.addWidget(viewer)
    viewer.period.setCurrentIndex(viewer.period.findData(None))  # the whole period
    viewer.show()
    qtbot.wait(20)
    history.grab().save(str(_view_folder() / "history.png"))
    viewer.grab().save(str(_view_folder() / "access-records.png"))

    history_texts = _texts(history)
    viewer_texts = _texts(viewer)
    joined = "\n".join(history_texts + viewer_texts)
    # the changes are there, in Korean, with units and dates as officers write them
    for expected in (
        "연 임차료: 1,200,000원 → 1,500,000원", "종료일: 2030.2.28. → 2033.2.28.",
        "방수: 2개 → 3개", "권한: 열람 → 담당자", "사용: 예 → 아니요", "자동 잠금 시간: 15분",
        "2025년 소유주 임대차 최소기간: 8년", "소유주 임대차 최소기간 (값 2030.2.28., 기준 7년)",
        "보관 사유: — → 관리기간 종료", "전화번호: 063-430-2000",
    ):  # fmt: skip
        assert expected in joined
    assert re.search(r"보관일시: — → \d{4}\.\d{1,2}\.\d{1,2}\. \d{2}:\d{2}", joined)
    assert re.search(r"^\d{4}\.\d{1,2}\.\d{1,2}\. \d{2}:\d{2}$", "\n".join(viewer_texts), re.M)
    data = _data_words(services)
    assert _not_korean(history_texts, data) == []
    assert _not_korean(viewer_texts, data) == []


def test_the_check_fails_on_internal_names_and_iso_times() -> None:
    """The test above can fail: what the views showed before is caught."""
    shown = [
        "active: True → False", "role: → officer", "security.idle_minutes",
        "rule_override uid: 7c1f", "보관일시: 2026-12-04T20:35:44.350502+00:00",
        "2026-12-04 20:35:44",
    ]  # fmt: skip
    assert _not_korean(shown, set()) == shown
    assert _not_korean(["PC 이름", "Excel로 내보내기", "대상 ID", "사용자 lee"], {"lee"}) == []


def _view_folder() -> Path:
    """Where the rendered views are kept for a look (the system's temporary folder)."""
    folder = Path(tempfile.gettempdir()) / "gwinong-korean-views"
    folder.mkdir(exist_ok=True)
    return folder
