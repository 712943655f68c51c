"""Small checks of typed text shared by the forms (phone numbers, lengths). Standard library
only."""

from __future__ import annotations

from gwinong_desktop.domain.rules import RuleResult, refuse


def check_phone(field: str, label: str, text: str | None) -> list[RuleResult]:
    """REFUSE a phone number with letters in it ("010-1234-567o"); empty is fine.

    Digits, spaces, hyphens, brackets, commas and slashes (two numbers) and "내선" are allowed."""
    value = (text or "").strip()
    if not value:
        return []
    allowed = set("0123456789-() .,/~+") | set("내선")
    if any(ch not in allowed for ch in value) or not any(ch.isdigit() for ch in value):
        return [
            refuse(
                field,
                f"{label}: '{value}'은(는) 전화번호가 아닙니다. 숫자와 '-'로 적으세요 "
                "(예: 063-430-1234, 010-1234-5678).",
                value=value,
            )
        ]
    return []


def check_length(field: str, label: str, text: str | None, limit: int) -> list[RuleResult]:
    """REFUSE text longer than the column holds."""
    value = (text or "").strip()
    if len(value) > limit:
        return [refuse(field, f"{label}: {limit}자까지 적을 수 있습니다 ({len(value)}자).")]
    return []
