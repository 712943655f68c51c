"""Program rule values per year from the county's rows (standard library only;
``services.rules`` reads the rows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from gwinong_desktop.domain.rules import RuleSet


class YearRules:
    """The rule values for any year, from ``(year, key, value)`` rows.

    A value set for a year holds for that year and later years until another year changes it
    (a county that raised its limit in 2024 keeps it in 2025 unless it says otherwise).
    """

    def __init__(self, rows: Iterable[tuple[int, str, str]]) -> None:
        self._by_year: dict[int, dict[str, str]] = defaultdict(dict)
        for year, key, value in rows:
            self._by_year[year][key] = value
        self._cache: dict[int, RuleSet] = {}

    def for_year(self, year: int) -> RuleSet:
        if year not in self._cache:
            merged: dict[str, str] = {}
            for y in sorted(self._by_year):
                if y <= year:
                    merged.update(self._by_year[y])
            self._cache[year] = RuleSet.from_mapping(year, merged)
        return self._cache[year]
