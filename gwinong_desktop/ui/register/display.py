"""How register values and problems are shown in the wizard's tables (plain text, Korean)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

from gwinong_desktop.exchange.register_format import Column, Kind, Problem


def cell_text(column: Column, value: object) -> str:
    """A register value as the officer reads it: 2024-03-01, 150,000원, 2024-03 …"""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return getattr(value, "label", str(value))
    if column.kind is Kind.MONTH and isinstance(value, date):
        return f"{value:%Y-%m}"
    if isinstance(value, date):
        return value.isoformat()
    if column.kind in (Kind.WON, Kind.KWON) and isinstance(value, int):
        return f"{value:,}원"
    if column.kind is Kind.BOOL:
        return "예" if value else ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def sample_text(value: object) -> str:
    """A raw cell value as the sample column of the mapping table shows it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def problem_cells(problem: Problem) -> list[str]:
    """구분, 시트, 행, 열, 내용."""
    return [
        "고칠 곳" if problem.is_refusal else "주의",
        problem.sheet,
        str(problem.row) if problem.row else "",
        problem.column or "",
        problem.message_ko,
    ]
