"""Every stored field, value and time reads in Korean: the one table of labels covers the models."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Enum as SAEnum

from gwinong_desktop.domain.periods import format_moment
from gwinong_desktop.services import record_labels as rl
from gwinong_desktop.storage.models import Base

_BOOKKEEPING = {"id", "created_at", "updated_at"}


@pytest.mark.parametrize("table", Base.metadata.sorted_tables, ids=lambda t: t.name)
def test_every_field_of_every_model_has_a_korean_label(table) -> None:
    assert rl.entity_label(table.name) != "기타 기록"
    unnamed = [
        c.name
        for c in table.columns
        if c.name not in rl._HIDDEN | _BOOKKEEPING
        and rl.field_label(table.name, c.name) == "기타 항목"
    ]
    assert unnamed == []
    for column in table.columns:  # every code column is shown by its Korean label
        if isinstance(column.type, SAEnum) and column.type.enum_class is not None:
            for member in column.type.enum_class:
                shown = rl.shown_value(table.name, column.name, member.value)
                assert shown == member.label and not shown.isascii()


def test_values_carry_their_units_and_dates_as_officers_write_them() -> None:
    assert rl.shown_value("lease", "annual_rent", 1_200_000) == "1,200,000원"
    assert rl.shown_value("house", "floor_area_m2", "59.40") == "59.4㎡"
    assert rl.shown_value("house", "rooms", 2) == "2개"
    assert rl.shown_value("house", "program_year", 2024) == "2024년"
    assert rl.shown_value("lease", "end_on", "2031-02-28") == "2031.2.28."
    assert rl.shown_value("house", "archived_at", "2026-12-04T20:35:44.350502+00:00") == (
        "2026.12.5. 05:35"
    )
    assert rl.shown_value("app_user", "active", False) == "아니요"
    assert rl.shown_value("app_user", "role", "officer") == "담당자"


def test_settings_rules_and_stored_text_are_named_in_korean() -> None:
    (idle,) = rl.field_changes("setting", {"key": [None, "security.idle_minutes"],
                                           "value": [None, "15"]})  # fmt: skip
    assert (idle.label, idle.new) == ("자동 잠금 시간", "15분")
    (rule,) = rl.field_changes(
        "rule_value", {"year": [None, 2026], "key": [None, "lease_min_years"], "value": ["7", "8"]}
    )
    assert (rule.label, rule.old, rule.new) == ("2026년 소유주 임대차 최소기간", "7년", "8년")
    text = rl.korean_text("예시 자료 생성(기준일 2026-12-04), 2026-12-04T20:35:44+00:00에")
    assert text == "예시 자료 생성(기준일 2026.12.4.), 2026.12.5. 05:35에"
    assert rl.rule_name("no_such_check") == "기타 확인 사항"


def test_times_are_shown_in_korea_time() -> None:
    at = datetime(2026, 12, 4, 11, 35, 44, tzinfo=UTC)
    assert format_moment(at) == "2026.12.4. 20:35"
    assert format_moment(at, seconds=True) == "2026.12.4. 20:35:44"
    assert format_moment(datetime(2026, 12, 31, 15, 0)) == "2027.1.1. 00:00"  # naive = UTC
