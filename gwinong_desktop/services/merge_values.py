"""Column values of a field-kit merge as kept in ``merge_item`` (JSON) and back, and a value an
officer types when resolving a conflict.

Values in a merge are compared in "uid space": a foreign key is the referenced record's ``uid``
(the integer keys of the laptop's and the office's databases differ). JSON keeps dates and
times as ISO text, decimals as text, enums as their code, bytes (an encrypted registration
number) as ``{"$bytes": base64}`` so nothing is lost while a duplicate waits for a decision.
"""

from __future__ import annotations

import base64
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Integer, LargeBinary, Numeric
from sqlalchemy import Enum as SAEnum

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.storage.audit import plain
from gwinong_desktop.storage.models.base import UTCDateTime

_DOTTED = re.compile(r"\s*(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\s*\.?\s*")


class BadValue(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


def to_json(value: Any) -> Any:
    """``storage.audit.plain``, except that bytes are kept (not masked): the merge carries them."""
    if isinstance(value, bytes | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    return plain(value)


def from_json(column: Column, value: Any) -> Any:
    """The Python value of ``column`` for a value kept by :func:`to_json` (a uid for a key)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(value, dict) and "$bytes" in value:
        return base64.b64decode(value["$bytes"])
    if column.foreign_keys:
        return value
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return Decimal(value)
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        return kind.enum_class(value)
    return value


def from_text(column: Column, text: str, what: str) -> Any:
    """The value an officer typed for ``column``; refused with a Korean message naming ``what``."""
    text = text.strip()
    if text == "":
        if column.nullable:
            return None
        raise BadValue(f"{what}: 비워 둘 수 없습니다")
    kind = column.type
    try:
        if column.foreign_keys or isinstance(kind, LargeBinary | JSON):
            raise BadValue(
                f"{what}: 이 항목은 직접 입력할 수 없습니다 (유지 또는 현장 값을 고르세요)"
            )
        if isinstance(kind, Boolean):
            if text in ("예", "1", "true", "True"):
                return True
            if text in ("아니요", "0", "false", "False"):
                return False
            raise ValueError(text)
        if isinstance(kind, UTCDateTime):
            value = datetime.fromisoformat(text)
            return value if value.tzinfo else value.astimezone()
        if isinstance(kind, Date):
            match = _DOTTED.fullmatch(text)
            if not match:
                raise ValueError(text)
            return date(*(int(g) for g in match.groups()))
        if isinstance(kind, Integer):
            return int(text.replace(",", ""))
        if isinstance(kind, Numeric):
            return Decimal(text.replace(",", ""))
        if isinstance(kind, SAEnum) and kind.enum_class is not None:
            for member in kind.enum_class:
                if text in (member.value, getattr(member, "label", None)):
                    return member
            raise ValueError(text)
    except (ValueError, InvalidOperation) as exc:
        raise BadValue(f"{what}: '{text}'은(는) 이 항목의 값으로 쓸 수 없습니다") from exc
    length = getattr(kind, "length", None)
    if length and len(text) > length:
        raise BadValue(f"{what}: {length}자를 넘을 수 없습니다")
    return text
