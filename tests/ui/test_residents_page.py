"""The 입주자 page as an officer uses it over the demo county: the stays list and its filters,
the settlement reminder, a move-in refused into an occupied house and accepted into a free one,
an extension that says why it is not allowed, a move-out before the move-in refused, the
settlement outcome, a person's page and its edit form, and 열람 seeing everything masked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import Role, SettlementOutcome
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.domain.stays import StayStatus
from gwinong_desktop.services import Services
from gwinong_desktop.ui.pages.registry import page_spec
from gwinong_desktop.ui.residents.page import ResidentsPage
from gwinong_desktop.ui.residents.person import ResidentEditDialog, ResidentPageDialog
from gwinong_desktop.ui.residents.stay_dialogs import (
    ExtensionDialog,
    MoveInDialog,
    MoveOutDialog,
    SettlementDialog,
)


@pytest.fixture
def page(qtbot, demo_services: Services) -> ResidentsPage:
    page = ResidentsPage.standalone(demo_services)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def _living(services: Services):
    return next(r for r in services.stays.list_stays() if r.status is StayStatus.LIVING)


def test_the_registry_opens_this_page_instead_of_the_plan():
    assert page_spec("residents").load() is ResidentsPage
    assert ResidentsPage.shows >= {Kind.RESIDENTS, Kind.HOUSES, Kind.RULES}


def test_the_list_filters_inside_the_model_and_reminds(page, demo_services):
    rows = demo_services.stays.list_stays()
    assert page.stay_model.total_count == len(rows)
    reminders = demo_services.stays.settlement_reminders()
    assert reminders and f"({len(reminders)}건)" in page.reminder.text()
    page.show_records(settlement_check=True)
    assert {r.id for r in page.stay_model.visible_rows()} == {r.id for r in reminders}
    assert page.settle_button.isEnabled() and not page.extend_button.isEnabled()
    living = _living(demo_services)
    page.show_records(house_id=living.house_id)
    assert not page.reminder.isChecked()  # what narrowed the list before is cleared
    shown = page.stay_model.visible_rows()
    assert shown and {r.house_id for r in shown} == {living.house_id}
    empty = next(
        h.id for h in demo_services.stays.houses() if h.id not in {r.house_id for r in rows}
    )
    page.show_records(house_id=empty)  # a house nobody has lived in yet: an empty list
    assert page.stay_model.visible_count == 0
    page.clear_narrowing()
    page.filters["status"].setCurrentIndex(page.filters["status"].findData(StayStatus.LIVING))
    assert all(r.status is StayStatus.LIVING for r in page.stay_model.visible_rows())
    page.clear_narrowing()
    page.search.setText(living.name)
    assert living.id in {r.id for r in page.stay_model.visible_rows()}
    assert page.stay_model.visible_count < page.stay_model.total_count


def test_a_move_in_into_an_occupied_house_is_refused_and_kept(qtbot, demo_services):
    living = _living(demo_services)
    dialog = MoveInDialog(demo_services, house_id=living.house_id)
    qtbot.addWidget(dialog)
    before = len(demo_services.stays.list_stays())
    dialog.name.setText("홍길동")
    dialog.phone.setText("010-1111-2222")
    assert not dialog.try_save()
    error = dialog.error_text("move_in_on")
    assert f"{living.name[0]}*" in error and "겹칩니다" in error
    assert (dialog.name.text(), dialog.phone.text()) == ("홍길동", "010-1111-2222")
    assert len(demo_services.stays.list_stays()) == before


def test_a_move_in_fills_the_houses_terms_and_saves(qtbot, demo_services):
    busy = {r.house_id for r in demo_services.stays.list_stays()
            if r.status is not StayStatus.MOVED_OUT}  # fmt: skip
    house = next(h for h in demo_services.stays.houses() if h.id not in busy)
    dialog = MoveInDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.house.setCurrentIndex(dialog.house.findData(house.id))
    assert dialog.monthly_rent.text() == f"{house.monthly_rent or 0:,}"
    dialog.move_in_on.setText("2025.7.1.")
    dialog.move_in_on.editingFinished.emit()
    assert dialog.planned_end_on.text() == "2026.6.30."  # the year's rule: 12 months
    dialog.name.setText("김새봄")
    dialog.household_size.setText("삼")
    assert not dialog.try_save()
    assert "숫자가 아닙니다" in dialog.error_text("household_size")
    dialog.household_size.setText("3")
    assert dialog.try_save()
    row = next(r for r in demo_services.stays.for_house(house.id) if r.id == dialog.saved.id)
    assert (row.name, row.household_size) == ("김새봄", 3)


def test_an_extension_says_why_it_is_not_allowed(qtbot, demo_services):
    living = _living(demo_services)
    dialog = ExtensionDialog(demo_services, living.id)
    qtbot.addWidget(dialog)
    assert "연장 희망이 확인되지 않았습니다" in dialog.notice.text()
    dialog.requested.setChecked(True)
    longest = demo_services.stays.facts(living.id).longest_extension
    dialog.extended_to.setText(f"{longest + timedelta(days=20):%Y.%-m.%-d.}")
    dialog.update_notice()
    assert "3개월을 넘습니다" in dialog.notice.text()
    asked = []

    def ask(results, reasons):
        asked.append({r.rule for r in results})
        return {r.rule: "영농 마무리" for r in results}

    dialog.ask_reasons = ask
    assert dialog.try_save()
    assert asked == [{"stay_extension_max_months"}]
    row = next(r for r in demo_services.stays.list_stays() if r.id == living.id)
    assert row.extended_to == longest + timedelta(days=20) and row.extension_requested


def test_a_move_out_before_the_move_in_is_refused_then_settled(qtbot, demo_services):
    living = _living(demo_services)
    dialog = MoveOutDialog(demo_services, living.id)
    qtbot.addWidget(dialog)
    early = living.move_in_on - timedelta(days=1)
    dialog.moved_out_on.setText(f"{early:%Y.%-m.%-d.}")
    assert not dialog.try_save()
    assert "퇴거일" in dialog.error_text("moved_out_on")
    dialog.moved_out_on.setText(f"{living.move_in_on + timedelta(days=30):%Y.%-m.%-d.}")
    assert dialog.try_save()
    settle = SettlementDialog(demo_services, living.id)
    qtbot.addWidget(settle)
    settle.outcome.setCurrentIndex(settle.outcome.findData(SettlementOutcome.SETTLED))
    settle.moved_in_registered.setChecked(True)
    settle.settled_address.setText("진안군 부귀면 거석리 12")
    assert settle.try_save()
    row = next(r for r in demo_services.stays.list_stays() if r.id == living.id)
    assert row.settlement is SettlementOutcome.SETTLED and row.moved_in_registered


def test_enter_opens_the_persons_page_and_f2_edits(qtbot, page, demo_services, monkeypatch):
    opened, edited = [], []
    monkeypatch.setattr(ResidentPageDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr(MoveInDialog, "exec", lambda self: edited.append(self) or 0)
    living = _living(demo_services)
    assert page.select_stay(living.id)
    page.stay_table.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_F2):
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(page.stay_table, event)
    assert [d.resident_id for d in opened] == [living.resident_id]
    assert [d.original.stay_id for d in edited] == [living.id]  # F2 on a stay: its terms
    shown = opened[0]
    assert shown.detail.full and living.name in shown.facts.text()
    assert shown.stays.rowCount() == len(shown.detail.stays) >= 1


def test_a_stays_terms_are_corrected_and_a_wrong_end_refused(qtbot, demo_services):
    living = _living(demo_services)
    dialog = MoveInDialog(demo_services, stay_id=living.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "입주 조건 수정" and dialog.name.text() == living.name
    dialog.planned_end_on.setText(f"{living.move_in_on - timedelta(days=1):%Y.%-m.%-d.}")
    assert not dialog.try_save()
    assert "퇴거예정일" in dialog.error_text("planned_end_on")
    dialog.planned_end_on.setText(f"{living.planned_end_on:%Y.%-m.%-d.}")
    dialog.monthly_rent.setText("123,000")
    assert dialog.try_save()  # its own period is no overlap with itself
    row = next(r for r in demo_services.stays.list_stays() if r.id == living.id)
    assert row.monthly_rent == 123_000 and row.name == living.name


def test_the_edit_form_changes_the_household_and_refuses_a_bad_number(qtbot, demo_services):
    living = _living(demo_services)
    dialog = ResidentEditDialog(demo_services, living.resident_id)
    qtbot.addWidget(dialog)
    dialog.add_member("박하나", "배우자", "1985.2.3.")
    dialog.add_member("박둘", "자녀", "2030.1.1.")
    dialog.rrn.setText("12-34")
    assert not dialog.try_save()
    assert "13자리" in dialog.error_text("rrn")
    assert "생년월일" in dialog.error_text("members")  # 박둘 born in 2030
    dialog.rrn.clear()
    dialog.members.item(dialog.members.rowCount() - 1, 2).setText("2012.1.1.")
    assert dialog.try_save()
    members = demo_services.residents.detail(living.resident_id).members
    assert [(m.name, m.relation) for m in members][-2:] == [("박하나", "배우자"), ("박둘", "자녀")]


def test_a_change_is_announced_and_the_page_reloads(qtbot, page, demo_services, monkeypatch):
    living = _living(demo_services)
    page.select_stay(living.id)
    monkeypatch.setattr(MoveOutDialog, "exec", lambda self: self.try_save())
    with qtbot.waitSignal(page.sig_changed) as signal:
        page.move_out_selected()
    assert signal.args[0].touches(Kind.RESIDENTS)
    row = page.stay_model.row_at(page.stay_table.current_row())
    assert row.id == living.id and row.moved_out_on is not None  # reloaded, still selected
    page.on_changes(Changes.of(Kind.PHOTOS))  # not shown here: nothing reloads


def test_a_viewer_sees_names_masked_and_cannot_change(qtbot, demo_database):
    viewer = Services.over(demo_database, Actor("lee", "이열람", Role.VIEWER, None))
    page = ResidentsPage.standalone(viewer)
    qtbot.addWidget(page)
    model = page.stay_model
    names = [model.data(model.index(r, model.column_index("name"))) for r in range(5)]
    assert all("*" in n for n in names)
    assert not page.move_in_button.isEnabled()
    page.select_stay(model.row_at(0).id)
    assert not page.extend_button.isEnabled() and page.person_button.isEnabled()


def test_the_house_pages_tab_leads_to_the_person_and_to_this_page(
    qtbot, make_window, demo_services, monkeypatch
):
    window = make_window()
    living = _living(demo_services)
    window.set_page("houses")
    houses = window.page("houses")
    assert houses.select_house(living.house_id)
    houses.detail.set_tab("residents")
    tab = houses.detail.residents_tab
    rows = demo_services.stays.for_house(living.house_id)
    assert tab.table.rowCount() == len(rows) and tab.rows[0].id == rows[0].id
    opened = []
    monkeypatch.setattr(ResidentPageDialog, "exec", lambda self: opened.append(self) or 0)
    tab.table.selectRow(0)
    tab.person_button.click()
    assert [d.resident_id for d in opened] == [rows[0].resident_id]
    tab.go_button.click()
    assert window.current_page() == "residents"
    page = window.page("residents")
    shown = page.stay_model.visible_rows()
    assert {r.house_id for r in shown} == {living.house_id}
    assert page.filters["house_id"].currentData() == living.house_id


@pytest.mark.process
def test_the_page_module_loads_without_sqlalchemy():
    """The window may open this page on the first screen (the last page shown), before the
    services have loaded SQLAlchemy."""
    import subprocess
    import sys

    code = (
        "import sys, gwinong_desktop.ui.residents.page\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')[:3])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_recruitment_tab_hosts_the_panel_when_it_is_first_shown(
    qtbot, demo_services, monkeypatch
):
    """The panel (``ui.residents.recruitment.RecruitmentPanel``, built beside this page) is
    imported only when its tab is first shown, given the page, and reloaded with it."""
    import importlib.machinery
    import sys
    import types

    from PySide6.QtWidgets import QWidget

    from gwinong_desktop.ui.residents import page as page_module

    made = []

    class Panel(QWidget):
        def __init__(self, page):
            super().__init__(page)
            self.page, self.reloads = page, 0
            made.append(self)

        def reload(self):
            self.reloads += 1

    module = types.ModuleType(page_module.RECRUITMENT_MODULE)
    module.__spec__ = importlib.machinery.ModuleSpec(page_module.RECRUITMENT_MODULE, None)
    module.RecruitmentPanel = Panel
    monkeypatch.setitem(sys.modules, page_module.RECRUITMENT_MODULE, module)
    page = ResidentsPage.standalone(demo_services)
    qtbot.addWidget(page)
    assert page.tabs.count() == 3 and page.tabs.tabText(2) == "모집·선정"
    assert made == []  # not built until shown
    page.show_records(tab="recruitment")
    assert [p.page for p in made] == [page] and made[0].reloads == 1
    page.refresh(Changes.of(Kind.RESIDENTS))
    assert made[0].reloads == 2


def test_without_the_recruitment_module_the_tab_is_left_out(qtbot, demo_services, monkeypatch):
    from gwinong_desktop.ui.residents import page as page_module

    monkeypatch.setattr(page_module, "RECRUITMENT_MODULE", "gwinong_desktop.ui.residents.none")
    page = ResidentsPage.standalone(demo_services)
    qtbot.addWidget(page)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["입주 현황", "입주자"]


def test_picking_a_selected_applicant_fills_the_move_in(qtbot, demo_services):
    from datetime import date

    from gwinong_desktop.domain.enums import ApplicantDecision
    from gwinong_desktop.storage.models import Applicant

    busy = {r.house_id for r in demo_services.stays.list_stays()
            if r.status is not StayStatus.MOVED_OUT}  # fmt: skip
    house = next(h for h in demo_services.stays.houses() if h.id not in busy)
    with demo_services.ctx.write() as s:
        s.add(
            Applicant(name="최선정", birth_date=date(1980, 5, 4), phone="010-2222-3333",
                      address="서울특별시 마포구 월드컵로 1", household_size=2,
                      education_hours=120, applied_on=date(2025, 5, 1), wanted_house_id=house.id,
                      decision=ApplicantDecision.SELECTED)
        )  # fmt: skip
    dialog = MoveInDialog(demo_services)
    qtbot.addWidget(dialog)
    index = next(i for i in range(dialog.applicant.count())
                 if "최선정" in dialog.applicant.itemText(i))  # fmt: skip
    dialog.applicant.setCurrentIndex(index)
    assert (dialog.name.text(), dialog.birth_date.text(), dialog.household_size.text()) == (
        "최선정", "1980.5.4.", "2",
    )  # fmt: skip
    assert dialog.house.currentData() == house.id
    assert dialog.monthly_rent.text() == f"{house.monthly_rent or 0:,}"
    assert dialog.try_save()
    page = demo_services.residents.detail(
        next(
            r.resident_id
            for r in demo_services.stays.for_house(house.id)
            if r.id == dialog.saved.id
        )
    )
    assert page.from_applicant and page.education_hours == 120


def test_the_recruitment_panels_move_in_registers_the_stay(qtbot, demo_services):
    """The recruitment panel's 입주 등록 opens the one move-in form over this stays service:
    a selected applicant becomes a resident of the round's house on the round's terms; one who
    already moved in is refused."""
    from datetime import date

    from gwinong_desktop.domain.enums import ApplicantDecision
    from gwinong_desktop.storage.models import Applicant, Recruitment

    busy = {r.house_id for r in demo_services.stays.list_stays() if r.moved_out_on is None}
    house = next(h for h in demo_services.stays.houses() if h.id not in busy)
    with demo_services.ctx.write() as s:
        round_ = Recruitment(
            house_id=house.id,
            title="추가 모집",
            notice_from=date(2025, 5, 1),
            notice_to=date(2025, 5, 31),
            monthly_rent=80_000,
            deposit=200_000,
        )
        s.add(round_)
        s.flush()
        s.add(
            Applicant(
                name="정회차",
                applied_on=date(2025, 5, 10),
                recruitment_id=round_.id,
                decision=ApplicantDecision.SELECTED,
            )
        )
    applicant = next(a for a in demo_services.recruitment.applicants(round_.id))
    dialog = MoveInDialog(demo_services, applicant_id=applicant.id)
    qtbot.addWidget(dialog)
    dialog.move_in_on.setText("2025.7.1.")
    assert dialog.try_save()
    row = next(r for r in demo_services.stays.list_stays() if r.id == dialog.saved.id)
    assert (row.house_id, row.monthly_rent, row.deposit_amount) == (house.id, 80_000, 200_000)
    again = MoveInDialog(demo_services, applicant_id=applicant.id)
    qtbot.addWidget(again)
    again.move_in_on.setText("2027.7.1.")
    assert not again.try_save()
    assert "이미 입주자로 등록" in again.summary.text()


def test_the_register_is_made_from_this_page_as_the_reports_page_makes_it(
    page, demo_services, demo_dir, tmp_path, monkeypatch
):
    """거주자 명부 엑셀… → a year: the catalogue's report through the one path (asked where,
    written in the background, kept byte for byte in the archive), the officer told where."""
    from PySide6.QtWidgets import QMessageBox

    from gwinong_desktop.domain.enums import ReportKind
    from gwinong_desktop.ui.reports import making

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    year = demo_services.ctx.today().year
    texts = [a.text() for a in page.register_button.menu().actions() if a.text()]
    assert texts == [f"{year}년", f"{year - 1}년", "전체 기간", "개인정보 포함"]
    assert page.register_button.personal.isEnabled()  # the administrator may

    asked: list[tuple] = []
    real = making.make_report
    monkeypatch.setattr(
        making, "make_report",
        lambda *a, **k: asked.append((a[2], k["personal"])) or real(*a[:3], tmp_path / "명부", **k),
    )  # fmt: skip
    page.register_button.menu().actions()[2].trigger()  # 전체 기간
    assert asked == [(making.Period(None), False)]
    written = tmp_path / "명부.xlsx"
    kept = demo_services.report_archive.list(ReportKind.RESIDENT_REGISTER)
    assert len(kept) == 1 and kept[0].period == "전체 기간"
    assert (demo_dir / kept[0].stored_path).read_bytes() == written.read_bytes()
    assert f"저장했습니다: {written}" in told[0] and "보관함에 넣었습니다" in told[0]


def test_a_viewer_may_not_tick_personal_data_on_the_register(qtbot, demo_database):
    viewer = Services.over(demo_database, Actor("lee", "이열람", Role.VIEWER, None))
    page = ResidentsPage.standalone(viewer)
    qtbot.addWidget(page)
    assert not page.register_button.personal.isEnabled()
