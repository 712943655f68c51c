"""The detail pane: each fact in its place, periods written as officers write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ui_fixtures import TODAY, fact, sample_rows

from gwinong_desktop.domain.enums import LeaseKind
from gwinong_desktop.services.houses import HouseDetail, LeaseLine, StayLine
from gwinong_desktop.ui.houses.detail_pane import HouseDetailPane, stay_text


def _stay(name, move_in, planned, moved_out=None, extended=None, rent=100_000, size=2):
    return StayLine(name, move_in, planned, extended, moved_out, rent, size)


def test_stay_lines():
    past = _stay("김하늘", date(2024, 3, 1), date(2025, 2, 28), moved_out=date(2025, 2, 28))
    assert stay_text(past, TODAY) == "김하늘 (2명) 2024.3.1.~2025.2.28. · 월 10만원"
    current = _stay("박서준", date(2025, 4, 1), date(2026, 3, 31), size=3, rent=0)
    assert stay_text(current, TODAY) == "거주 중: 박서준 (3명) 2025.4.1.~2026.3.31."
    extended = _stay("이도윤", date(2024, 7, 1), date(2025, 6, 30), extended=date(2025, 9, 30))
    assert stay_text(extended, TODAY) == (
        "거주 중: 이도윤 (2명) 2024.7.1.~2025.9.30. · 연장 · 월 10만원"
    )
    coming = _stay("최지우", date(2025, 7, 1), date(2026, 6, 30))
    assert stay_text(coming, TODAY).startswith("입주 예정: 최지우")


def _detail(**changes) -> HouseDetail:
    values = dict(
        row=sample_rows()[1],
        sido="전북특별자치도",
        sigun="진안군",
        jibun="88-2",
        road_address="전북특별자치도 진안군 백운면 노촌길 12",
        structure="조적조",
        build_year=1989,
        land_area_m2=Decimal("330"),
        monthly_rent=100_000,
        deposit=500_000,
        operator_phone="063-432-7788",
        note="마을회관과 가까움",
        budget_total=30_000_000,
        started_on=date(2019, 5, 1),
        progress_pct=100,
        management_ends_on=date(2026, 10, 14),
        leases=[LeaseLine(LeaseKind.LEASE, "홍길동", date(2019, 3, 1), date(2026, 2, 28))],
        stays=[_stay("박서준", date(2025, 4, 1), date(2026, 3, 31), size=3)],
        photo_count=12,
        inspection_count=4,
    )
    values.update(changes)
    return HouseDetail(**values)


def test_show_detail(qtbot):
    pane = HouseDetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(_detail(), today=TODAY)
    assert pane.title.text() == "진안-2019-01"
    assert pane.status_chip.text() == "운영중"
    assert pane.subtitle.text() == "전북특별자치도 진안군 백운면 노촌리"
    assert fact(pane, "address") == (
        "전북특별자치도 진안군 백운면 노촌길 12\n(지번: 백운면 노촌리 88-2)"
    )
    assert fact(pane, "floor_area") == "72.10 m²"
    assert fact(pane, "rooms") == "3개"
    assert fact(pane, "phone") == "063-432-7788"
    assert fact(pane, "rent") == "10만원"
    assert fact(pane, "deposit") == "500,000원"
    assert fact(pane, "budget") == "30,000,000원"
    assert fact(pane, "completed") == "2019.10.15."
    assert fact(pane, "management_end") == "2026.10.14."
    assert fact(pane, "records") == "사진 12장 · 점검 4회"
    assert pane.leases.text() == "임대차계약 · 소유주 홍길동 · 2019.3.1.~2026.2.28."
    assert "거주 중: 박서준 (3명) 2025.4.1.~2026.3.31." in pane.stays.text()
    assert pane.note.text() == "마을회관과 가까움"


def test_missing_facts_show_a_dash(qtbot):
    pane = HouseDetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(
        _detail(road_address="", structure="", build_year=None, land_area_m2=None, leases=[],
                stays=[], note="", budget_total=0, monthly_rent=None, deposit=None,
                operator_phone="", management_ends_on=None),
        today=TODAY,
    )  # fmt: skip
    assert fact(pane, "address") == "백운면 노촌리 88-2"
    for key in ("structure", "build_year", "land_area", "rent", "deposit", "phone", "budget"):
        assert fact(pane, key) == "—", key
    assert fact(pane, "management_end") == "—"
    assert pane.leases.text().startswith("임대차계약이 없습니다 (시행지침 Ⅱ-4")
    assert pane.stays.text() == "입주 기록이 없습니다."


def test_names_are_escaped(qtbot):
    pane = HouseDetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(_detail(stays=[_stay("<b>x", date(2020, 1, 1), date(2020, 12, 31))]), TODAY)
    assert "&lt;b&gt;x" in pane.stays.text()


def test_nothing_selected(qtbot):
    pane = HouseDetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(_detail(), today=TODAY)
    pane.show_detail(None)
    assert "목록에서 귀농인의 집을 고르면" in pane.text()
