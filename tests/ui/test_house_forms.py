"""The record dialogs: save, refusals that keep what was typed, warnings with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import AttachmentKind, DevelopmentType, FundingSource
from gwinong_desktop.services import Services
from gwinong_desktop.storage.models import Attachment, House, Obligation, RuleOverride
from gwinong_desktop.ui.forms.development_dialog import DevelopmentDialog
from gwinong_desktop.ui.forms.house_dialog import HouseDialog
from gwinong_desktop.ui.forms.lease_dialog import LeaseDialog
from gwinong_desktop.ui.forms.operator_dialog import OperatorDialog
from gwinong_desktop.ui.forms.plan_dialog import AnnualPlanDialog
from gwinong_desktop.ui.forms.warnings_dialog import WarningsDialog


def _count(services: Services, model) -> int:
    with services.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def make_house_dialog(qtbot, services):
    def make(house_id: int | None = None) -> HouseDialog:
        dialog = HouseDialog(services, house_id)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def _fill_new(dialog: HouseDialog, **texts: str) -> None:
    values = {
        "eupmyeon": "용담면", "ri": "옥거리", "jibun": "55", "structure": "목조",
        "rooms": "2", "build_year": "1981", "land_area": "400", "floor_area": "66.5",
        "monthly_rent": "10만원", "deposit": "500,000",
    }  # fmt: skip
    values.update(texts)
    dialog.development_type.setCurrentIndex(
        dialog.development_type.findData(DevelopmentType.REPAIR)
    )
    for name, text in values.items():
        getattr(dialog, name).setText(text)  # keyClicks cannot type Korean


def test_a_new_house_is_saved_from_the_dialog(make_house_dialog, services):
    dialog = make_house_dialog()
    assert dialog.code.text() == "진안-2025-02"  # the county's pattern, next free number
    assert dialog.sido.currentText() == "전북특별자치도" and dialog.sigun.text() == "진안군"
    _fill_new(dialog)
    assert dialog.try_save()
    assert dialog.saved is not None and not dialog.isVisible()
    row = {r.id: r for r in services.houses.list_houses()}[dialog.saved.id]
    assert (row.code, row.eupmyeon, row.rooms) == ("진안-2025-02", "용담면", 2)
    with services.ctx.read() as s:
        assert s.get(House, dialog.saved.id).monthly_rent == 100_000


def test_a_refusal_keeps_the_dialog_open_with_everything_typed(make_house_dialog, services):
    houses = _count(services, House)
    dialog = make_house_dialog()
    _fill_new(dialog, rooms="-1", floor_area="넓음", build_year="3020", eupmyeon="")
    assert not dialog.try_save()
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.rooms.text() == "-1" and dialog.floor_area.text() == "넓음"
    assert dialog.ri.text() == "옥거리" and dialog.structure.text() == "목조"
    assert "면적이 아닙니다" in dialog.error_text("floor_area_m2")
    assert "음수" in dialog.error_text("rooms")
    assert "있을 수 없는 해" in dialog.error_text("build_year")
    assert "입력해야" in dialog.error_text("eupmyeon")
    assert dialog.rooms.property("invalid") == "true"
    assert "4군데" in dialog.summary.text()
    assert _count(services, House) == houses
    # fixing the fields saves, and the error lines go away
    _fill_new(dialog)
    assert dialog.try_save()
    assert _count(services, House) == houses + 1


def _answer_warnings(qtbot, reason: str | None, seen: list) -> None:
    """When the warnings dialog opens, look at it, then type ``reason`` and save (or go back)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WarningsDialog):
            QTimer.singleShot(20, act)
            return
        seen.append({r: e.text() for r, e in dialog.reason_edits.items()})
        seen.append(dialog.save_button.isEnabled())
        if reason is None:
            dialog.back_button.click()
            return
        for edit in dialog.reason_edits.values():
            edit.setText(reason)
        seen.append(dialog.save_button.isEnabled())
        dialog.save_button.click()

    QTimer.singleShot(0, act)


def test_a_warning_is_saved_with_its_reason(make_house_dialog, services, qtbot):
    dialog = make_house_dialog()
    _fill_new(dialog, rooms="1")
    seen: list = []
    _answer_warnings(qtbot, "부부 단위 입주 전용", seen)
    assert dialog.try_save()
    assert seen == [{"rooms_min": ""}, False, True]
    with services.ctx.read() as s:
        override = s.scalars(select(RuleOverride)).one()
        assert (override.rule, override.reason) == ("rooms_min", "부부 단위 입주 전용")
        assert override.entity_uid == s.get(House, dialog.saved.id).uid


def test_going_back_from_the_warnings_keeps_the_dialog(make_house_dialog, services, qtbot):
    houses = _count(services, House)
    dialog = make_house_dialog()
    _fill_new(dialog, eupmyeon="진안동")
    seen: list = []
    _answer_warnings(qtbot, None, seen)
    assert not dialog.try_save()
    assert seen[0] == {"location_eupmyeon": ""}
    assert dialog.isVisible() and dialog.eupmyeon.text() == "진안동"
    assert _count(services, House) == houses


def test_the_warnings_dialog_names_the_rule_source_value_and_limit(qtbot, services):
    house = services.houses.list_houses()[0]
    form = services.house_edit.load(house.id)
    form.rooms = 1
    results = [r for r in services.house_edit.validate(form) if not r.is_refusal]
    dialog = WarningsDialog(results)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "최소 방 수" in shown
    assert "근거: 운영계획서 4-가" in shown
    assert "입력한 값: 1개" in shown and "기준: 2개" in shown
    assert not dialog.save_button.isEnabled()
    dialog.reason_edits["rooms_min"].setText("창고 전환")
    assert dialog.save_button.isEnabled()
    assert dialog.reasons() == {"rooms_min": "창고 전환"}


def test_new_operator_from_the_house_dialog(qtbot, services):
    dialog = OperatorDialog(services)
    qtbot.addWidget(dialog)
    dialog.name.setText("용담면 귀농귀촌협의회")
    assert not dialog.try_save()  # no kind chosen
    assert "구분" in dialog.error_text("kind")
    dialog.kind.setCurrentIndex(2)
    dialog.phone.setText("063-432-1234")
    assert dialog.try_save()
    names = [o.name for o in services.operators.list_operators()]
    assert "용담면 귀농귀촌협의회" in names


def _house_with_an_ended_lease(services):
    """진안-2016-01: its lease ran 2016.3.1.~2023.2.28., so a new one may start in 2025."""
    return next(h for h in services.houses.list_houses() if h.code == "진안-2016-01")


def test_lease_dialog_saves_owner_lease_and_scans(qtbot, services, tmp_path):
    house = _house_with_an_ended_lease(services)
    dialog = LeaseDialog(services, house.id)
    qtbot.addWidget(dialog)
    dialog.lease.start_on.setText("2025.3.1.")
    dialog.lease.end_on.setText("2032.2.30.")  # no such day
    dialog.lease.owner_name.setText("김순자")
    assert not dialog.try_save()
    assert "없는 날짜" in dialog.error_text("end_on")
    assert dialog.lease.owner_name.text() == "김순자"
    dialog.lease.end_on.setText("2032.2.29.")
    scan = tmp_path / "빈집사용승인서.pdf"
    scan.write_bytes(b"%PDF-1.4 consent")
    dialog.documents.add_pending(AttachmentKind.VACANT_HOUSE_CONSENT, scan)
    assert dialog.try_save()
    lease = next(r for r in services.leases.for_house(house.id) if r.id == dialog.saved.id)
    assert lease.owner_name == "김순자" and lease.attachment_count == 1
    with services.ctx.read() as s:
        assert s.scalars(select(Attachment.original_name)).all()[-1] == "빈집사용승인서.pdf"


def test_a_short_lease_needs_a_reason(qtbot, services):
    house = _house_with_an_ended_lease(services)
    dialog = LeaseDialog(services, house.id)
    qtbot.addWidget(dialog)
    dialog.lease.start_on.setText("2025.3.1.")
    dialog.lease.end_on.setText("2030.2.28.")
    dialog.lease.owner_name.setText("이순덕")
    asked = []

    def ask(results, reasons):
        asked.append([r.rule for r in results])
        return {"lease_min_years": "소유주 사정으로 5년 계약"}

    dialog.ask_reasons = ask
    assert dialog.try_save()
    assert asked == [["lease_min_years"]]


def test_development_dialog_lines_and_refusals(qtbot, services):
    house = services.houses.list_houses()[-1]
    dev = services.works.for_house(house.id)[0]
    dialog = DevelopmentDialog(services, house.id, dev.id)
    qtbot.addWidget(dialog)
    obligations = _count(services, Obligation)
    row = dialog.obligations.add_line(["2025.5.1.", "", "만원이요", "(주)진안건설"])
    dialog.obligations.source_combo(row).setCurrentIndex(1)
    assert not dialog.try_save()
    assert "원인행위 1번째 줄" in dialog.error_text("obligations")
    assert dialog.obligations.text(row, 2) == "만원이요"
    assert _count(services, Obligation) == obligations
    dialog.obligations.table.item(row, 2).setText("1,000,000")  # typed into the cell
    dialog.ask_reasons = lambda results, reasons: {r.rule: "추가 계약" for r in results}
    assert dialog.try_save()
    form = services.works.load(dev.id)
    assert [(o.amount, o.source) for o in form.obligations] == [(1_000_000, FundingSource.NATIONAL)]


def test_annual_plan_dialog_takes_thousand_won(qtbot, services):
    dialog = AnnualPlanDialog(services, 2026)
    qtbot.addWidget(dialog)
    dialog.workload.setText("2")
    dialog.money["national"].setText("30,000")
    dialog.money["local"].setText("30,000")
    assert dialog.try_save()
    plan = services.plans.load(2026)
    assert (plan.national, plan.local, plan.workload) == (30_000_000, 30_000_000, 2)
    again = AnnualPlanDialog(services, 2026)
    qtbot.addWidget(again)
    assert again.money["national"].text() == "30,000"
    assert again.year.isReadOnly()


def test_date_and_money_parsing():
    from gwinong_desktop.ui.forms.fields import (
        ParseError,
        parse_area_text,
        parse_date_text,
        parse_money_text,
    )

    assert parse_date_text("2024.3.1.") == date(2024, 3, 1)
    assert parse_date_text("2024-03-01") == date(2024, 3, 1)
    assert parse_date_text("2024년 3월 1일") == date(2024, 3, 1)
    assert parse_date_text("20240301") == date(2024, 3, 1)
    assert parse_date_text("  ") is None
    with pytest.raises(ParseError):
        parse_date_text("3월 1일")
    assert parse_money_text("150만원") == 1_500_000
    assert parse_money_text("-1,000") == -1000  # the service refuses it, beside the field
    assert str(parse_area_text("66.12㎡")) == "66.12"
    with pytest.raises(ParseError, match="m²"):
        parse_area_text("20평")
