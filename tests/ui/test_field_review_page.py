"""현장 자료 검토: the plan shown before the import, the import in the background, the open items
listed with both sides, each decided with a note, and the count in the navigation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import House
from gwinong_desktop.ui.field_kits import plan_dialog
from gwinong_desktop.ui.field_kits.review_page import FieldReviewPage

sys.path.insert(0, str(Path(__file__).parent.parent / "services"))
from kit_fixtures import make_kit

HOUSE = "진안-2015-01"


def set_note(db, actor: str, note: str, rent: int | None = None) -> None:
    with db.sessions() as s:
        s.info["actor"] = actor
        h = s.scalars(select(House).where(House.code == HOUSE)).one()
        h.note = note
        if rent is not None:
            h.monthly_rent = rent
        s.commit()


@pytest.fixture
def kit(tmp_path: Path, demo_services: Services) -> Path:
    folder = tmp_path / "kit"
    make_kit(demo_services.ctx.db, folder, [HOUSE])
    with open_database(folder, purpose="test laptop") as laptop:
        set_note(laptop, "현장-김", "현장 메모", rent=150_000)
    set_note(demo_services.ctx.db, "사무실-이", "사무실 메모")
    return folder


def test_import_shows_the_plan_then_lists_the_conflict_to_decide(
    qtbot, kit: Path, demo_services: Services, monkeypatch
):
    shown: list[str] = []

    def accept(dialog) -> int:
        shown.append(dialog.text.toPlainText())
        return plan_dialog.PlanDialog.DialogCode.Accepted

    monkeypatch.setattr(plan_dialog.PlanDialog, "exec", accept)
    monkeypatch.setattr(
        "gwinong_desktop.ui.field_kits.review_page.QMessageBox.information", lambda *a: None
    )
    page = FieldReviewPage.standalone(demo_services)
    qtbot.addWidget(page)
    page.resize(1100, 560)
    page.show()
    assert page.empty.isVisible() and page.status_text() == "검토할 항목 0개"
    page.start_plan(kit)
    qtbot.waitUntil(lambda: page.model.total_count == 1, timeout=30_000)
    assert "월임대료: 100,000원 → 150,000원" in shown[0] and "충돌" in shown[0]
    item = page.model.row_at(0)
    assert (item.kind_label, item.office, item.laptop) == ("충돌", "사무실 메모", "현장 메모")
    assert page.table.isVisible() and page.other.isEnabled()
    page.grab().save(str(Path("/tmp") / "field_review_page.png"))

    page.other.setChecked(True)
    page.typed.setText("사무실·현장 메모")
    page.decide()  # no note: refused beside the button, what was typed kept
    assert "메모" in page.error.text() and page.typed.text() == "사무실·현장 메모"
    page.note.setText("현장 확인 후 합침")
    page.decide()
    assert page.model.total_count == 0 and page.status_text() == "검토할 항목 0개"
    with demo_services.ctx.read() as s:
        h = s.scalars(select(House).where(House.code == HOUSE)).one()
        assert (h.note, h.monthly_rent) == ("사무실·현장 메모", 150_000)


def test_a_refused_kit_says_why(qtbot, kit: Path, demo_services: Services, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr(
        "gwinong_desktop.ui.field_kits.review_page.QMessageBox.warning",
        lambda _parent, _title, text: warned.append(text),
    )
    (kit / "kit" / "base.sqlite3").write_bytes(b"changed")
    page = FieldReviewPage.standalone(demo_services)
    qtbot.addWidget(page)
    page.start_plan(kit)
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    assert "다른 프로그램으로 바뀌었습니다" in warned[0]
    assert page.import_button.isEnabled()


def test_the_navigation_counts_what_waits(qtbot, make_window, kit: Path, demo_services: Services):
    from gwinong_desktop.domain.changes import Changes, Kind
    from gwinong_desktop.ui.pages.registry import PAGE_KEYS

    demo_services.field_merge.apply(kit)
    window = make_window()
    item = window.navigation.item(PAGE_KEYS.index("field_review"))
    qtbot.waitUntil(lambda: item.text() == "현장 자료 검토 (1)", timeout=5_000)
    [open_item] = demo_services.merge_review.open_items()
    demo_services.merge_review.resolve(open_item.id, "keep", "사무실 값이 맞음")
    window.announce(Changes.of(Kind.FIELD_KITS))  # as the page announces its resolutions
    assert item.text() == "현장 자료 검토"
