"""설정 panels: program rule values per year and the county profile."""

from __future__ import annotations

from sqlalchemy import select
from ui_fixtures import rule_row, type_value, value_text

from gwinong_desktop.domain.rules import RULE_SPECS
from gwinong_desktop.services.rules import RuleBook
from gwinong_desktop.storage.models import RuleValue
from gwinong_desktop.ui.register_settings import CountyProfilePanel, RuleValuesPanel


def test_rule_values_panel_shows_every_rule_with_its_default(qtbot, services):
    panel = RuleValuesPanel(services)
    qtbot.addWidget(panel)
    assert panel.year.value() == 2025
    assert panel.table.rowCount() == len(RULE_SPECS)  # every rule, once
    assert panel.table.item(0, panel.NAME).text() == "개소당 지원한도 (원)"
    assert panel.table.item(0, panel.DEFAULT).text() == "30,000,000원"
    assert value_text(panel, "support_per_house_max") == "30,000,000"
    assert panel.table.item(0, panel.ORIGIN).text() == "지침 기본값"
    assert panel.table.horizontalHeaderItem(panel.VALUE).text() == "2025년 값"


def test_a_refused_value_keeps_what_was_typed_and_writes_nothing(qtbot, services):
    panel = RuleValuesPanel(services)
    qtbot.addWidget(panel)
    type_value(panel, "rooms_min", "3")
    type_value(panel, "national_share_pct", "150")
    assert not panel.save()
    assert "국고보조 비율" in panel.error.text() and "100% 이하" in panel.error.text()
    assert value_text(panel, "national_share_pct") == "150"
    assert value_text(panel, "rooms_min") == "3"
    with services.ctx.read() as s:
        assert s.scalars(select(RuleValue)).all() == []


def test_saving_a_value_holds_for_later_years(qtbot, services):
    panel = RuleValuesPanel(services)
    qtbot.addWidget(panel)
    panel.year.setValue(2024)
    type_value(panel, "support_per_house_max", "40,000,000", "군 공고 제2024-12호")
    with qtbot.waitSignal(panel.sig_saved, timeout=1000) as saved:
        assert panel.save()
    assert saved.args == [2024]
    assert "저장했습니다" in panel.status.text()
    panel.year.setValue(2025)
    assert value_text(panel, "support_per_house_max") == "40,000,000"
    assert panel.table.item(0, panel.ORIGIN).text() == "2024년 설정 이어받음"
    with services.ctx.read() as s:
        assert RuleBook(s).for_year(2025).value("support_per_house_max") == 40_000_000
        row = s.scalars(select(RuleValue)).one()
        assert (row.year, row.source) == (2024, "군 공고 제2024-12호")


def test_a_value_put_back_to_the_default_says_it_is_the_guidelines(qtbot, services):
    panel = RuleValuesPanel(services)
    qtbot.addWidget(panel)
    panel.year.setValue(2024)
    type_value(panel, "support_per_house_max", "40,000,000")
    assert panel.save()
    panel.year.setValue(2025)  # 2025 takes 2024's value until it is put back
    type_value(panel, "support_per_house_max", "30,000,000")
    assert panel.save()
    origin = panel.table.item(rule_row(panel, "support_per_house_max"), panel.ORIGIN).text()
    assert origin == "지침 기본값 (2025년에 정함)"
    panel.year.setValue(2026)
    origin = panel.table.item(rule_row(panel, "support_per_house_max"), panel.ORIGIN).text()
    assert origin == "지침 기본값 (2025년 설정 이어받음)"
    panel.year.setValue(2024)
    origin = panel.table.item(rule_row(panel, "support_per_house_max"), panel.ORIGIN).text()
    assert origin == "2024년에 정함"  # a value of its own: where it comes from, no more


def test_county_profile_panel(qtbot, services):
    panel = CountyProfilePanel(services)
    qtbot.addWidget(panel)
    assert panel.county.text() == "진안군"
    assert panel.province.currentText() == "전북특별자치도"
    panel.officer_name.setText("박정민")
    panel.phone.setText("063-430-팔사칠일")
    assert not panel.save()
    assert "전화번호" in panel.fields.error_text("phone")
    assert panel.officer_name.text() == "박정민"
    panel.phone.setText("063-430-8471")
    panel.province.setCurrentText("전북")
    with qtbot.waitSignal(panel.sig_saved, timeout=1000):
        assert panel.save()
    assert panel.province.currentText() == "전북특별자치도"
    profile = services.county_profile.load()
    assert (profile.officer_name, profile.phone) == ("박정민", "063-430-8471")
