"""A column of a record list, declared once: header, value, sort key, alignment, masking.

Every list of records (houses now; residents, rent, inspections, reports to come) is a tuple of
:class:`Column` over its row dataclass, given to ``RecordTableModel``. Everything the table
shows of a column, how it sorts, how it is exported and whether it hides personal data is in
its declaration — nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt

R = TypeVar("R")

_DIGITS = re.compile(r"(\d+)")


class Align(Enum):
    """Where a column's text sits; numbers go right, so their digits line up."""

    LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


def natural_key(text: str) -> tuple[Any, ...]:
    """ "진안-2" before "진안-10": digit runs compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in _DIGITS.split(text)
        if part
    )


def text_or_none(value: Any) -> Any:
    """A sort key that sends empty text (and None) to the end."""
    return value if value not in ("", None) else None


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column over rows of type ``R``.

    - ``text``: what the cell shows (a string; "" for nothing).
    - ``sort``: the value it sorts by; None sorts last in both directions. Without it the
      column sorts by its text, empty last (Korean text in Unicode order is 가나다 order).
      ``sortable=False`` leaves the column out of sorting altogether.
    - ``export``: the typed cell written to a workbook (numbers as numbers); default the text.
      ``number_format`` is that cell's Excel format.
    - ``mask``: the column holds personal data (a name, a phone, a birth date): unless the
      model is told the role may see it (``RecordTableModel.set_personal_visible``), the cell
      shows ``mask(text)``, the column sorts and is searched by the masked text, and the
      export writes the masked text.
    - ``colour``: a text colour for the cell (``#rrggbb``) or None; ``tooltip`` likewise.
    """

    key: str
    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    align: Align = Align.LEFT
    export: Callable[[R], Any] | None = None
    number_format: str | None = None
    mask: Callable[[str], str] | None = None
    colour: Callable[[R], str | None] | None = None
    tooltip: Callable[[R], str | None] | None = None
    width: int = 100
    """The column's width in pixels before the officer changes it."""
    sortable: bool = True

    @property
    def personal(self) -> bool:
        return self.mask is not None
