"""Tests for gwinong_desktop.domain.money: 원 formatting, 천원 rounding, parsing typed amounts."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.money import format_man_won, format_won, parse_won, to_thousand_won


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (30_000_000, "30,000,000원"),
        (150_000, "150,000원"),
        (999, "999원"),
        (0, "0원"),
        (-1_000, "-1,000원"),
    ],
)
def test_format_won(amount: int, text: str) -> None:
    assert format_won(amount) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (100_000, "10만원"),
        (150_000, "15만원"),
        (30_000_000, "3,000만원"),
        (105_000, "105,000원"),
        (0, "0원"),
    ],
)
def test_format_man_won(amount: int, text: str) -> None:
    assert format_man_won(amount) == text


@pytest.mark.parametrize(
    ("won", "thousand"),
    [
        (0, 0),
        (499, 0),
        (500, 1),
        (1_000, 1),
        (1_499, 1),
        (1_500, 2),
        (12_345_499, 12_345),
        (12_345_500, 12_346),
        (30_000_000, 30_000),
        (-499, 0),
        (-1_499, -1),
        (-1_500, -2),
    ],
)
def test_to_thousand_won_rounds_half_up(won: int, thousand: int) -> None:
    assert to_thousand_won(won) == thousand


@pytest.mark.parametrize("bad", [1500.0, True, "1500"])
def test_to_thousand_won_takes_integers_only(bad: object) -> None:
    with pytest.raises(TypeError):
        to_thousand_won(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("1,500,000", 1_500_000),
        ("150만원", 1_500_000),
        ("15만", 150_000),
        ("3천만원", 30_000_000),
        ("30,000,000원", 30_000_000),
        (" 12000 ", 12_000),
        ("150만 원", 1_500_000),
        ("1,500만원", 15_000_000),
        ("1억", 100_000_000),
        ("1억2천만원", 120_000_000),
        ("1억 2,000만원", 120_000_000),
        ("2.5만원", 25_000),
        ("만원", 10_000),
        ("천만원", 10_000_000),
        ("1만5천원", 15_000),
        ("5천원", 5_000),
        ("₩30,000", 30_000),
        ("0", 0),
        ("0원", 0),
        (1_500_000, 1_500_000),
        (1_500_000.0, 1_500_000),
    ],
)
def test_parse_won_accepts(text: str | int | float, won: int) -> None:
    assert parse_won(text) == won


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "원",
        "abc",
        "1.5",
        "12.000",
        "1,50,000",
        "1,000.5",
        "-1,000",
        "3천만원abc",
        "만만",
        "1억5천",
        "0.5원",
        "1.5천원1",
        True,
        -5,
        1.5,
        float("nan"),
        None,
    ],
)
def test_parse_won_refuses_with_korean_message(text: object) -> None:
    with pytest.raises(ValueError, match="금액을 읽을 수 없습니다"):
        parse_won(text)  # type: ignore[arg-type]


def test_parse_won_explains_negative_and_ambiguous_amounts() -> None:
    with pytest.raises(ValueError, match="음수"):
        parse_won("-150만원")
    with pytest.raises(ValueError, match="모호"):
        parse_won("1억5천")


def test_parse_won_round_trips_format_won() -> None:
    for amount in (0, 7, 1_000, 150_000, 30_000_000, 1_234_567_890):
        assert parse_won(format_won(amount)) == amount
