"""One cell read the way officers write it: dates, months, amounts, counts, areas, labels."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from gwinong_desktop.domain.enums import DevelopmentType, SettlementOutcome
from gwinong_desktop.exchange import cells
from gwinong_desktop.exchange.cells import CellError

MARCH_1 = date(2024, 3, 1)


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-01", "2024.3.1.", "2024.03.01", "2024/3/1", "20240301", 20240301, 45352,
        45352.0, "45352", datetime(2024, 3, 1), datetime(2024, 3, 1, 13, 30), MARCH_1,
        "2024. 3. 1.", "2024년 3월 1일", " 2024-03-01 ", "2024-03-01 00:00:00",
    ],
)  # fmt: skip
def test_dates_in_every_style(value: object) -> None:
    assert cells.parse_date(value) == MARCH_1


@pytest.mark.parametrize("value", ["2024.13.1", "2024-02-30", "24.3.1", "어제", "3월 1일", True])
def test_impossible_or_unknown_dates_are_refused_with_the_value(value: object) -> None:
    with pytest.raises(CellError) as caught:
        cells.parse_date(value)
    assert str(caught.value).startswith(f"날짜를 알 수 없습니다: '{value}'")


def test_blank_is_none() -> None:
    assert cells.parse_date("  ") is None
    assert cells.parse_date(None) is None
    assert cells.parse_text("   ") is None


def test_serial_numbers_follow_the_workbook_epoch() -> None:
    assert cells.parse_date(59) == date(1900, 2, 28)  # before Excel's phantom 1900-02-29
    assert cells.parse_date(61) == date(1900, 3, 1)
    assert cells.parse_date(0 + 43890, epoch=cells.MAC_EPOCH) == date(2024, 3, 1)


@pytest.mark.parametrize(
    "value", ["2024-03", "2024.3", "2024.3.", "2024년 3월", "202403", 202403, "2024-03-15",
              datetime(2024, 3, 1)],
)  # fmt: skip
def test_months(value: object) -> None:
    assert cells.parse_month(value) == MARCH_1


def test_a_month_that_does_not_exist_is_refused() -> None:
    with pytest.raises(CellError, match="월을 알 수 없습니다: '2024-13'"):
        cells.parse_month("2024-13")


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("1,500,000", 1, 1_500_000), ("150만원", 1, 1_500_000), (1500000.0, 1, 1_500_000),
        (100000, 1, 100_000), ("₩30,000", 1, 30_000), (15000, 1000, 15_000_000),
        ("15,000", 1000, 15_000_000), (1234.567, 1000, 1_234_567), ("150만원", 1000, 1_500_000),
        (15, 10_000, 150_000),
    ],
)  # fmt: skip
def test_money(value: object, unit: int, expected: int) -> None:
    assert cells.parse_money(value, unit) == expected


@pytest.mark.parametrize(("value", "unit"), [("-1,000", 1), ("abc", 1), (0.5, 1), (0.0005, 1000)])
def test_bad_money_is_refused(value: object, unit: int) -> None:
    with pytest.raises(CellError):
        cells.parse_money(value, unit)


def test_money_unit_comes_from_the_header() -> None:
    assert cells.money_unit("국비(천원)") == 1000
    assert cells.money_unit("월임대료 (만원)") == 10_000
    assert cells.money_unit("보증금") == 1


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (3.0, 3), ("3", 3), ("3명", 3),
                                                 ("40시간", 40), ("1,200", 1200)])  # fmt: skip
def test_counts(value: object, expected: int) -> None:
    assert cells.parse_count(value) == expected


@pytest.mark.parametrize("value", ["세 명", 2.5, -1, "-2"])
def test_bad_counts(value: object) -> None:
    with pytest.raises(CellError):
        cells.parse_count(value)


def test_years() -> None:
    assert cells.parse_year("2019년") == 2019
    assert cells.parse_year(2019.0) == 2019
    assert cells.parse_year(datetime(2019, 5, 1)) == 2019
    with pytest.raises(CellError, match="연도를 알 수 없습니다: '19'"):
        cells.parse_year(19)


def test_areas() -> None:
    assert cells.parse_area(62.8) == Decimal("62.80")
    assert cells.parse_area("1,234.5㎡") == Decimal("1234.50")
    assert cells.parse_area("62.8 m2") == Decimal("62.80")
    assert cells.parse_area("30평") == Decimal("99.17")
    assert cells.parse_area(30, pyeong=True) == Decimal("99.17")
    with pytest.raises(CellError, match="면적을 알 수 없습니다"):
        cells.parse_area("넓음")
    with pytest.raises(CellError, match="음수"):
        cells.parse_area(-3)


def test_labels_and_yes_no() -> None:
    assert cells.parse_development_type("빈집 수리·리모델링") is DevelopmentType.REPAIR
    assert cells.parse_development_type("이동식주택") is DevelopmentType.MODULAR
    assert cells.parse_development_type("임대형") is DevelopmentType.RENTAL
    assert cells.parse_settlement("타지역 이주") is SettlementOutcome.LEFT
    assert cells.parse_settlement("정착") is SettlementOutcome.SETTLED
    assert cells.parse_bool("예") is True
    assert cells.parse_bool("O") is True
    assert cells.parse_bool("아니오") is False
    with pytest.raises(CellError, match="조성유형을 알 수 없습니다"):
        cells.parse_development_type("신축")
    with pytest.raises(CellError, match="'예' 또는 '아니오'"):
        cells.parse_bool("글쎄")


def test_text_from_numbers_and_phones() -> None:
    assert cells.parse_text(412) == "412"
    assert cells.parse_text(412.0) == "412"
    assert cells.parse_text("a\x01b ") == "ab"
    assert cells.parse_phone(1012345678) == "010-1234-5678"
    assert cells.parse_phone("063-430-1234") == "063-430-1234"


def test_special_values_have_reasons() -> None:
    formula = cells.special_value_error(cells.FormulaWithoutValue("=A1+1"))
    assert formula is not None and "수식" in str(formula) and "=A1+1" in str(formula)
    error = cells.special_value_error(cells.ErrorValue("#DIV/0!"))
    assert error is not None and "#DIV/0!" in str(error)
    assert cells.special_value_error("=A1") is None


def test_text_read_is_cleaned_by_the_writers_cleaner():
    from gwinong_desktop.domain.text import xml_safe

    dirty = " 메모\x07\ufffe 하나\uffff 둘\ud800 "
    assert cells.parse_text(dirty) == "메모 하나 둘" == xml_safe(dirty).strip()
    assert cells.parse_text("\x0b\ufffe\udfff") is None
