"""HouseTableModel: columns, search inside the model, sorting of each column type, counts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from ui_fixtures import sample_rows

from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.ui.houses.table_model import HouseTableModel
from gwinong_desktop.ui.records import natural_key

M = HouseTableModel
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def model(qapp) -> HouseTableModel:
    model = HouseTableModel()
    model.set_rows(sample_rows())
    return model


def column(model: HouseTableModel, col: int) -> list[str]:
    return [model.index(r, col).data(DISPLAY) for r in range(model.rowCount())]


def test_headers_in_korean(model):
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "관리번호", "읍면", "리", "조성유형", "조성연도", "운영자", "방수", "건물면적(m²)", "상태",
    ]  # fmt: skip
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_display_values(model):
    assert model.rowCount() == 7
    assert model.columnCount() == 9
    first = [model.index(0, c).data(DISPLAY) for c in range(9)]
    assert first == [
        "진안-2016-01", "부귀면", "거석리", "빈집 수리·리모델링", "2016",
        "부귀면 귀농귀촌협의회", "2", "59.40", "관리기간 종료",
    ]  # fmt: skip
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children


def test_numbers_are_right_aligned_and_status_coloured(model):
    right = model.index(0, M.AREA).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    left = model.index(0, M.OPERATOR).data(Qt.ItemDataRole.TextAlignmentRole)
    assert left & Qt.AlignmentFlag.AlignLeft
    colour = model.index(1, M.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor)
    assert model.index(1, M.CODE).data(Qt.ItemDataRole.ForegroundRole) is None


def test_custom_roles(model):
    row = model.index(2, 0).data(M.RowRole)
    assert row.code == "진안-2019-02"
    assert model.index(2, 5).data(M.HouseIdRole) == row.id
    assert model.index(2, M.YEAR).data(M.SortRole) == 2019
    assert model.data(QModelIndex()) is None


def test_filter_by_korean_text(model):
    model.set_filter_text("노촌리")
    assert column(model, M.CODE) == ["진안-2019-01"]
    assert (model.visible_count, model.total_count) == (1, 7)
    model.set_filter_text("노촌")  # the village, and the 노촌마을 협의회 that runs 2019-02
    assert column(model, M.CODE) == ["진안-2019-01", "진안-2019-02"]
    model.set_filter_text("부귀면")  # in 부귀면, or run by the 부귀면 council
    assert column(model, M.CODE) == ["진안-2016-01", "진안-2021-01", "진안-2025-01"]
    model.set_filter_text("")
    assert model.rowCount() == 7


def test_filter_by_code_operator_type_and_several_words(model):
    model.set_filter_text("2019")
    assert column(model, M.CODE) == ["진안-2019-01", "진안-2019-02"]
    model.set_filter_text("직영")
    assert model.rowCount() == 2
    model.set_filter_text("이동식")
    assert column(model, M.CODE) == ["진안-2019-02", "진안-2023-01"]
    model.set_filter_text("부귀  2025")  # every word must match, extra spaces ignored
    assert column(model, M.CODE) == ["진안-2025-01"]
    model.set_filter_text("서울")
    assert model.rowCount() == 0


def test_filter_ignores_case_of_latin_letters(qapp):
    model = HouseTableModel()
    rows = sample_rows()
    model.set_rows([replace(rows[0], code="JA-A1")])
    model.set_filter_text("ja-a")
    assert model.rowCount() == 1


def test_filter_emits_reset(qtbot, model):
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_filter_text("마령")
    assert model.rowCount() == 1


def test_sort_text_in_korean_order(model):
    model.sort(M.EUPMYEON, Qt.SortOrder.AscendingOrder)
    assert column(model, M.EUPMYEON) == [
        "동향면", "마령면", "백운면", "부귀면", "부귀면", "안천면", "주천면",
    ]  # fmt: skip
    model.sort(M.EUPMYEON, Qt.SortOrder.DescendingOrder)
    assert column(model, M.EUPMYEON)[0] == "주천면"


def test_sort_numbers_as_numbers(model):
    model.sort(M.AREA, Qt.SortOrder.AscendingOrder)
    assert column(model, M.AREA) == [
        "42.00", "49.50", "59.40", "66.00", "72.10", "78.30", "84.96",
    ]  # fmt: skip
    model.sort(M.ROOMS, Qt.SortOrder.DescendingOrder)
    assert column(model, M.ROOMS)[:3] == ["3", "3", "3"]
    model.sort(M.YEAR, Qt.SortOrder.DescendingOrder)
    assert column(model, M.YEAR) == ["2025", "2024", "2023", "2021", "2019", "2019", "2016"]


def test_sort_status_by_life_cycle_and_type_by_label(model):
    model.sort(M.STATUS, Qt.SortOrder.AscendingOrder)
    statuses = column(model, M.STATUS)
    assert statuses[0] == HouseStatus.BUILDING.label
    assert statuses[-1] == HouseStatus.ENDED.label
    model.sort(M.TYPE, Qt.SortOrder.AscendingOrder)
    assert column(model, M.TYPE)[0] == "빈집 수리·리모델링"
    assert column(model, M.TYPE)[-1] == "임대운영(지정형)"


def test_codes_sort_naturally(qapp):
    model = HouseTableModel()
    base = sample_rows()[0]
    model.set_rows([replace(base, id=i, code=c) for i, c in enumerate(["A-10", "A-2", "A-1"])])
    model.sort(M.CODE, Qt.SortOrder.AscendingOrder)
    assert column(model, M.CODE) == ["A-1", "A-2", "A-10"]
    assert natural_key("진안-2") < natural_key("진안-10")


def test_empty_values_sort_last_both_ways(qapp):
    model = HouseTableModel()
    rows = sample_rows()[:3]
    rows[1] = replace(rows[1], floor_area_m2=None, rooms=None)
    model.set_rows(rows)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(M.AREA, order)
        assert column(model, M.AREA)[-1] == ""
        model.sort(M.ROOMS, order)
        assert column(model, M.ROOMS)[-1] == ""


def test_sort_is_kept_through_filter_and_reload(model):
    model.sort(M.YEAR, Qt.SortOrder.DescendingOrder)
    model.set_filter_text("세동리 거석리")  # no house is in both: nothing
    assert model.rowCount() == 0
    model.set_filter_text("부귀")
    assert column(model, M.CODE) == ["진안-2025-01", "진안-2021-01", "진안-2016-01"]
    model.set_rows(sample_rows())
    assert column(model, M.CODE)[0] == "진안-2025-01"
    assert model.filter_text() == "부귀"
    assert model.rowCount() == 3


def test_sort_keeps_persistent_indexes(model):
    target = model.index(3, M.CODE)  # 진안-2021-01
    persistent = QPersistentModelIndex(target)
    model.sort(M.AREA, Qt.SortOrder.DescendingOrder)
    assert model.data(persistent) == "진안-2021-01"
    assert persistent.row() == 0  # the biggest house (84.96 m²)


def test_row_lookup(model):
    model.set_filter_text("2019")
    row = model.row_of_house(3)
    assert row is not None and model.row_at(row).code == "진안-2019-02"
    assert model.row_of_house(1) is None  # filtered out
    assert [r.code for r in model.visible_rows()] == ["진안-2019-01", "진안-2019-02"]
    assert model.total_count == 7


def test_area_shows_two_decimals_with_thousands(qapp):
    model = HouseTableModel()
    model.set_rows([replace(sample_rows()[0], floor_area_m2=Decimal("1234.5"))])
    assert model.index(0, M.AREA).data(DISPLAY) == "1,234.50"


def test_two_thousand_rows_filter_inside_the_model(qapp):
    base = sample_rows()
    rows = [
        replace(base[i % 7], id=i, code=f"도-{i:04d}", ri=f"{base[i % 7].ri}{i % 50}")
        for i in range(2000)
    ]
    model = HouseTableModel()
    model.set_rows(rows)
    model.set_filter_text("노촌리7")
    expected = [r for r in rows if "노촌리7" in r.search_text()]
    assert model.rowCount() == len(expected) > 0
    model.sort(M.AREA, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == len(expected)
