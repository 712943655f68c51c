"""Money: integer 원 everywhere, 천원 only in reports, through ``to_thousand_won``.

Standard library only.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SMALL = re.compile(
    rf"(?:(?P<thousands>{_NUMBER})?(?P<k>천))?"
    rf"(?:(?P<hundreds>{_NUMBER})?(?P<h>백))?"
    rf"(?:(?P<tens>{_NUMBER})?(?P<t>십))?"
    rf"(?P<ones>{_NUMBER})?"
)
_BIG_UNITS = (("조", 10**12), ("억", 10**8), ("만", 10**4))
_SMALL_UNITS = (("thousands", "k", 1000), ("hundreds", "h", 100), ("tens", "t", 10))


def format_won(amount: int) -> str:
    """``30000000`` → ``"30,000,000원"`` (a negative amount keeps its sign: ``"-1,000원"``)."""
    return f"{amount:,}원"


def format_man_won(amount: int) -> str:
    """A rent as reports write it: ``100000`` → ``"10만원"``; not a whole 만원 → ``format_won``."""
    if amount and amount % 10_000 == 0:
        return f"{amount // 10_000:,}만원"
    return format_won(amount)


_DIGITS = "영일이삼사오육칠팔구"
_HANGUL_SMALL = ("", "십", "백", "천")
_HANGUL_BIG = ("", "만", "억", "조")


def hangul_won(amount: int) -> str:
    """An amount in words as receipts write it: ``123000`` → ``"일십이만삼천원"`` (every place
    with its digit, so no one can write a digit in front; ``0`` → ``"영원"``)."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError(f"한글 금액은 0 이상의 원 단위 정수만 씁니다: {amount!r}")
    if amount >= 10**16:
        raise ValueError(f"금액이 너무 큽니다: {amount:,}원")
    if amount == 0:
        return "영원"
    groups: list[str] = []
    for big, unit in enumerate(_HANGUL_BIG):
        group = amount // 10 ** (4 * big) % 10_000
        if not group:
            continue
        words = "".join(
            _DIGITS[digit] + _HANGUL_SMALL[place]
            for place in range(3, -1, -1)
            if (digit := group // 10**place % 10)
        )
        groups.append(words + unit)
    return "".join(reversed(groups)) + "원"


def to_thousand_won(amount_won: int) -> int:
    """원 → 천원 for the reports: the one place where this conversion happens.

    Rounds half up on the magnitude (사사오입): 1,499원 → 1, 1,500원 → 2, 12,345,500원 → 12,346;
    a negative amount rounds the same way away from zero (-1,500원 → -2), so a refund and its
    payment cancel out in a sum of rounded figures.
    """
    if isinstance(amount_won, bool) or not isinstance(amount_won, int):
        raise TypeError(f"금액은 원 단위 정수여야 합니다: {amount_won!r}")
    thousands, rest = divmod(abs(amount_won), 1000)
    if rest >= 500:
        thousands += 1
    return -thousands if amount_won < 0 else thousands


def _bad(text: object, why: str = "") -> ValueError:
    hint = "예: 1,500,000 / 150만원 / 3천만원 / 30,000,000원"
    reason = f" {why}" if why else ""
    return ValueError(f"금액을 읽을 수 없습니다: '{text}'.{reason} {hint}")


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _small(text: str, original: object) -> Decimal:
    """A number below 만 written with 천·백·십 and digits ("3천", "1,500", "2천5백")."""
    match = _SMALL.fullmatch(text)
    if match is None:
        raise _bad(original)
    total = Decimal(0)
    for group, unit, factor in _SMALL_UNITS:
        if match.group(unit):
            coefficient = match.group(group)
            total += (_number(coefficient) if coefficient else Decimal(1)) * factor
    if match.group("ones"):
        total += _number(match.group("ones"))
    return total


def parse_won(text: str | int | float) -> int:
    """An amount in 원 from what an officer types or a workbook holds.

    Accepts digits with or without thousands separators ("1,500,000", " 12000 "), a trailing 원
    ("30,000,000원"), Korean units ("150만원", "15만", "3천만원", "1억2천만원", "2.5만원", "만원"),
    a leading ₩, and whole numbers (an int, or a float such as 1500000.0 from a spreadsheet).
    Raises ValueError with a Korean message for anything else: empty text, letters, negative
    amounts, fractions of a 원, and "1억5천" (ambiguous: write "1억5천만원").
    """
    if isinstance(text, bool):
        raise _bad(text)
    if isinstance(text, int):
        if text < 0:
            raise _bad(text, "음수 금액은 입력할 수 없습니다.")
        return text
    if isinstance(text, float):
        if text != text or text in (float("inf"), float("-inf")) or not text.is_integer():
            raise _bad(text, "원 단위 정수여야 합니다.")
        return parse_won(int(text))
    if not isinstance(text, str):
        raise _bad(text)
    s = "".join(text.split())
    if s.startswith(("-", "−", "△")):
        raise _bad(text, "음수 금액은 입력할 수 없습니다.")
    s = s.removeprefix("₩").removeprefix("￦").removesuffix("원")
    if not s:
        raise _bad(text)
    if _PLAIN.fullmatch(s):
        return int(s.replace(",", ""))
    if not any(unit in s for unit in "조억만천백십"):
        raise _bad(text)  # digits with a decimal point or misplaced commas, or not a number
    total = Decimal(0)
    rest = s
    smallest_big = 0
    try:
        for unit, factor in _BIG_UNITS:
            if unit in rest:
                head, _, rest = rest.partition(unit)
                total += (_small(head, text) if head else Decimal(1)) * factor
                smallest_big = factor
        if rest:
            if smallest_big > 10**4 and any(unit in rest for unit in "천백십"):
                why = f"'{s}'은(는) 뜻이 모호합니다. '1억5천만원'처럼 만 단위까지 적어 주세요."
                raise _bad(text, why)
            total += _small(rest, text)
    except InvalidOperation as exc:  # pragma: no cover - the regexes admit only valid numbers
        raise _bad(text) from exc
    if total != total.to_integral_value():
        raise _bad(text, "원 단위 정수여야 합니다.")
    return int(total)
