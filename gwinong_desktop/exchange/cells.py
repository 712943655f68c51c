"""One cell's value read the way officers write it: text, dates, whole numbers, areas, amounts.

A value is what the workbook reader gives: ``str``, ``int``, ``float``, ``bool``, ``datetime``
(openpyxl makes date-formatted cells datetimes), or one of the markers below. Every parser
returns the value or None (blank), or raises ``CellError`` with a Korean reason. Standard library
and ``domain`` only.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gwinong_desktop.domain.enums import DevelopmentType, SettlementOutcome
from gwinong_desktop.domain.money import parse_won
from gwinong_desktop.domain.text import has_unsafe, xml_safe


class CellError(ValueError):
    """A cell that cannot be read; ``str(error)`` is the Korean reason."""


class FormulaWithoutValue(str):
    """A formula cell whose workbook keeps no calculated value (saved by a program that does
    not calculate, or never recalculated): the text is the formula."""


class ErrorValue(str):
    """An error value shown in Excel (#DIV/0!, #N/A …)."""


WINDOWS_EPOCH = date(1899, 12, 30)
MAC_EPOCH = date(1904, 1, 1)
FIRST_YEAR, LAST_YEAR = 1900, 2100
DATE_HINT = "(예: 2024-03-01, 2024.3.1.)"


def special_value_error(value: object) -> CellError | None:
    """The reason a marker cell cannot be used, or None for an ordinary value."""
    if isinstance(value, FormulaWithoutValue):
        return CellError(
            f"수식에 계산된 값이 저장되어 있지 않습니다: '{value}'. Excel에서 파일을 열어 "
            "저장하거나, 수식 대신 값을 붙여 넣어 주세요"
        )
    if isinstance(value, ErrorValue):
        return CellError(f"셀에 오류 값이 있습니다: '{value}'. 올바른 값으로 고쳐 주세요")
    return None


def shown(value: object) -> str:
    """A value as quoted in messages."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_text(value: object) -> str | None:
    """A cell as text: trimmed, without what XML cannot hold (``domain.text.xml_safe``, the
    writers' cleaner too), None when nothing is left."""
    if isinstance(value, str):
        text = value.strip()
        if has_unsafe(text):
            text = xml_safe(text).strip()
        return text or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip() or None


def parse_phone(value: object) -> str | None:
    """A phone number; a number cell lost its leading 0 (1012345678 → 010-1234-5678)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        if digits.startswith("10") and len(digits) == 10:
            return f"0{digits[:2]}-{digits[2:6]}-{digits[6:]}"
        return "0" + digits if len(digits) in (8, 9, 10) else digits
    return parse_text(value)


_UNITS = ("명", "개", "시간", "칸", "세대", "인", "실", "가구", "회")


def parse_count(value: object) -> int | None:
    """A whole number ≥ 0: 3, 3.0, "3", "3명", "40시간", "1,200"."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"수를 알 수 없습니다: '{shown(value)}'")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"정수가 아닙니다: '{shown(value)}'")
        value = int(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text:
            return None
        for unit in _UNITS:
            text = text.removesuffix(unit).strip()
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(f"수를 알 수 없습니다: '{value.strip()}'")
        number = int(text)
    else:
        raise CellError(f"수를 알 수 없습니다: '{shown(value)}'")
    if number < 0:
        raise CellError(f"음수는 넣을 수 없습니다: '{number}'")
    return number


def parse_year(value: object) -> int | None:
    """A year: 2019, "2019", "2019년", or a date (its year)."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.year
    text = value
    if isinstance(value, str):
        text = value.strip().removesuffix(".").removesuffix("년").strip()
    if text == "":
        return None
    try:
        year = parse_count(text)
    except CellError:
        raise CellError(f"연도를 알 수 없습니다: '{shown(value)}' (예: 2024)") from None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(f"연도를 알 수 없습니다: '{shown(value)}' (예: 2024)")
    return year


_AREA_UNITS = ("㎡", "m²", "m2", "M2", "제곱미터", "평")
PYEONG_M2 = Decimal(400) / Decimal(121)
_AREA_MAX = Decimal("99999999.99")


def parse_area(value: object, *, pyeong: bool = False) -> Decimal | None:
    """An area in m² with two decimals: 62.8, "62.80㎡", "1,234.5"; ``pyeong``: the header says
    평 (converted to m²). A number written "30평" is converted too."""
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        if isinstance(value, int | float):
            number = Decimal(repr(value))
        elif isinstance(value, str):
            text = value.strip().replace(",", "")
            if not text:
                return None
            if text.endswith("평"):
                pyeong = True
            for unit in _AREA_UNITS:
                text = text.removesuffix(unit).strip()
            number = Decimal(text)
        else:
            raise InvalidOperation
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise CellError(f"면적을 알 수 없습니다: '{shown(value)}' (예: 62.8)") from None
    if pyeong:
        number *= PYEONG_M2
    number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number < 0:
        raise CellError(f"면적이 음수입니다: '{shown(value)}'")
    if number > _AREA_MAX:
        raise CellError(f"면적이 너무 큽니다: '{shown(value)}'")
    return number


def money_unit(header: str) -> int:
    """What a plain number in a column counts in, from its header: 천원, 만원, 백만원 or 원."""
    squashed = "".join(header.split())
    for unit, factor in (("백만원", 1_000_000), ("천원", 1000), ("만원", 10_000)):
        if unit in squashed:
            return factor
    return 1


_KOREAN_MONEY = re.compile(r"[원만억조천백십₩￦]")


def parse_money(value: object, unit: int = 1) -> int | None:
    """An amount in 원. A plain number counts in ``unit`` (1000 for a 천원 column); text with a
    Korean unit ("150만원", "1,500,000원") is read as written."""
    if value.__class__ is int and unit == 1 and value >= 0:  # type: ignore[operator]
        return value  # type: ignore[return-value]
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if unit == 1 or _KOREAN_MONEY.search(text):
            return _won(text)
        value = text.replace(",", "")
    if isinstance(value, bool):
        return _won(value)
    if unit == 1 and isinstance(value, int | float):
        return _won(value)
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value)) * unit
    except InvalidOperation:
        raise CellError(f"금액을 읽을 수 없습니다: '{shown(value)}'") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise CellError(f"금액을 읽을 수 없습니다: '{shown(value)}' (원 단위 정수가 아닙니다)")
    if number < 0:
        raise CellError(f"음수 금액은 넣을 수 없습니다: '{shown(value)}'")
    return int(number)


def _won(value: str | int | float | bool) -> int:
    try:
        return parse_won(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise CellError(str(exc).rstrip(". ")) from None


_YMD = re.compile(
    r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a time after the date is ignored
)
_KOREAN_YMD = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?")


def serial_to_date(serial: float, epoch: date = WINDOWS_EPOCH) -> date | None:
    """An Excel serial day number as a date (None if outside 1900–2100)."""
    days = int(serial)
    if epoch == WINDOWS_EPOCH and days < 61:
        days += 1  # Excel counts 1900-02-29, which never was
    try:
        result = epoch + timedelta(days=days)
    except OverflowError:
        return None
    return result if FIRST_YEAR <= result.year <= LAST_YEAR else None


def _ymd(year: int, month: int, day: int) -> date | None:
    try:
        result = date(year, month, day)
    except ValueError:
        return None
    return result if FIRST_YEAR <= year <= LAST_YEAR else None


def parse_date(value: object, epoch: date = WINDOWS_EPOCH) -> date | None:
    """A date from a date cell, an Excel serial number, or text: 2024-03-01, 2024.3.1.,
    2024.03.01, 2024/3/1, "2024. 3. 1.", 2024년 3월 1일, 20240301."""
    if value.__class__ is datetime:
        return value.date()  # type: ignore[attr-defined]
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    result: date | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 19000101 <= value <= 21001231:
            number = int(value)
            result = _ymd(number // 10000, number // 100 % 100, number % 100)
        elif 1 <= value < 2958466:
            result = serial_to_date(value, epoch)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        match = _YMD.fullmatch(text) or _KOREAN_YMD.fullmatch(text)
        if match:
            result = _ymd(*(int(g) for g in match.groups()))
        elif re.fullmatch(r"\d{8}", text):
            result = _ymd(int(text[:4]), int(text[4:6]), int(text[6:]))
        elif re.fullmatch(r"\d{5}(?:\.0+)?", text):
            result = serial_to_date(float(text), epoch)
    if result is None:
        raise CellError(f"날짜를 알 수 없습니다: '{shown(value).strip()}' {DATE_HINT}")
    return result


_YM = re.compile(r"(\d{4})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:\.|월)?")


def parse_month(value: object, epoch: date = WINDOWS_EPOCH) -> date | None:
    """A month as its first day: 2024-03, 2024.3, 2024년 3월, 202403, or any date in it."""
    if value.__class__ is datetime:
        return date(value.year, value.month, 1)  # type: ignore[attr-defined]
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        match = _YM.fullmatch(text)
        if match is None and re.fullmatch(r"\d{6}", text):
            match = re.fullmatch(r"(\d{4})(\d{2})", text)
        if match:
            result = _ymd(int(match.group(1)), int(match.group(2)), 1)
            if result is None:
                raise CellError(f"월을 알 수 없습니다: '{text}' (예: 2024-03)")
            return result
    if isinstance(value, int) and not isinstance(value, bool) and 190001 <= value <= 210012:
        result = _ymd(value // 100, value % 100, 1)
        if result is not None:
            return result
    try:
        day = parse_date(value, epoch)
    except CellError:
        raise CellError(f"월을 알 수 없습니다: '{shown(value).strip()}' (예: 2024-03)") from None
    return day.replace(day=1) if day else None


_TRUE = {"예", "y", "yes", "o", "○", "●", "v", "✓", "✔", "true", "참", "1", "무상", "무상제공"}
_FALSE = {"아니오", "아니요", "n", "no", "x", "×", "false", "거짓", "0", "-", "유상", "임대"}


def parse_bool(value: object) -> bool | None:
    """예 / 아니오 (also Y/N, O/X, 1/0); blank is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = parse_text(value)
    if text is None:
        return None
    key = text.lower().replace(" ", "")
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(f"'예' 또는 '아니오'로 적어 주세요: '{text}'")


def parse_development_type(value: object) -> DevelopmentType | None:
    text = parse_text(value)
    if text is None:
        return None
    try:
        return DevelopmentType.from_label(text)  # type: ignore[return-value]
    except ValueError:
        pass
    squashed = "".join(text.split())
    if any(w in squashed for w in ("이동", "조립", "모듈", "컨테이너")):
        return DevelopmentType.MODULAR
    if any(w in squashed for w in ("임대", "지정")):
        return DevelopmentType.RENTAL
    if any(w in squashed for w in ("빈집", "수리", "리모델링", "개보수", "보수")):
        return DevelopmentType.REPAIR
    choices = ", ".join(f"'{t}'" for t in DevelopmentType.labels())
    raise CellError(f"조성유형을 알 수 없습니다: '{text}'. {choices} 중 하나로 적어 주세요")


_SETTLED = {"예", "정착", "정착완료", "전입"}
_LEFT = {"아니오", "이주", "타지역", "전출", "타지역전출"}
_UNKNOWN = {"-", "모름", "확인중", "미정"}


def parse_settlement(value: object) -> SettlementOutcome | None:
    text = parse_text(value)
    if text is None:
        return None
    try:
        return SettlementOutcome.from_label(text)  # type: ignore[return-value]
    except ValueError:
        pass
    key = "".join(text.split())
    for words, outcome in (
        (_SETTLED, SettlementOutcome.SETTLED),
        (_LEFT, SettlementOutcome.LEFT),
        (_UNKNOWN, SettlementOutcome.UNKNOWN),
    ):
        if key in words:
            return outcome
    choices = ", ".join(f"'{t}'" for t in SettlementOutcome.labels())
    raise CellError(f"정착여부를 알 수 없습니다: '{text}'. {choices} 중 하나로 적어 주세요")
