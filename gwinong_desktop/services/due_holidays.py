"""South Korea's public holidays for the due list's deadlines, made once per year and kept.

The dates come from the ``holidays`` package (lunar holidays, substitute holidays and election
days included). Its first use imports every country it knows (about 0.2 s); ``import holidays``
alone costs a fraction of that. The dates of a year are pure data for one version of the
package, so the first need makes them for the year asked and the years around it
(:data:`YEARS_AROUND`) and keeps them in the data folder (``cache/holidays-kr.json``, with the
package's version); a later process reads that file instead, once it has checked that the
installed package is still that version (a newer one may know a new election or 임시공휴일:
then the dates are made again). A file that cannot be read or written is no error, nor a
package whose version cannot be told: the dates are made.

The county's own days off (``day_off``) are read from the database each time, never kept here.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import threading
from datetime import date
from pathlib import Path

CACHE_FOLDER = "cache"
CACHE_FILE = "holidays-kr.json"
YEARS_AROUND = (-1, 0, 1, 2)
"""Years made together with a year asked for (the due list looks a year back and ahead)."""

_lock = threading.Lock()
_known: dict[int, frozenset[date]] = {}  # made or read in this process


def korean_holidays(year: int, folder: Path | None = None) -> frozenset[date]:
    """The public holidays of ``year`` (kept in ``folder``'s cache when one is given)."""
    found = _known.get(year)
    if found is not None:
        return found
    with _lock:
        if year not in _known:
            _known.update(_kept(folder, year) or _make(folder, year))
        return _known[year]


@functools.cache
def _package_version() -> str | None:
    """The installed package's version, from the name of its ``.dist-info`` folder beside it,
    without importing it (``import holidays`` reads its own metadata: that costs a good part of
    what making the dates does). None when it cannot be told: then nothing is kept."""
    spec = importlib.util.find_spec("holidays")
    places = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not places:
        return None
    found = list(Path(places[0]).parent.glob("holidays-*.dist-info"))
    if len(found) != 1:  # none, or two installs: which one is imported cannot be told
        return None
    return found[0].name.removeprefix("holidays-").removesuffix(".dist-info")


def _path(folder: Path) -> Path:
    return Path(folder) / CACHE_FOLDER / CACHE_FILE


def _read(folder: Path | None) -> dict[int, frozenset[date]]:
    """The years the folder's cache holds for this version of the package (none: {})."""
    if folder is None:
        return {}
    try:
        version = _package_version()
        if version is None:
            return {}
        kept = json.loads(_path(folder).read_text(encoding="utf-8"))
        if kept.get("package") != version:
            return {}
        return {
            int(y): frozenset(date.fromisoformat(d) for d in days)
            for y, days in kept["years"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _kept(folder: Path | None, year: int) -> dict[int, frozenset[date]] | None:
    found = _read(folder)
    return found if year in found else None


def _make(folder: Path | None, year: int) -> dict[int, frozenset[date]]:
    import holidays

    years = {year + d for d in YEARS_AROUND}
    made = holidays.country_holidays("KR", years=sorted(years))
    by_year: dict[int, set[date]] = {y: set() for y in years}
    for day in made:
        by_year.setdefault(day.year, set()).add(day)
    out = {y: frozenset(days) for y, days in by_year.items()}
    if folder is not None:
        _write(folder, {**_read(folder), **out})
    return out


def _write(folder: Path, years: dict[int, frozenset[date]]) -> None:
    """Keep ``years`` in the folder's cache (a temporary file renamed over it: a reader never
    sees half a file); a folder that cannot be written keeps nothing."""
    path = _path(folder)
    version = _package_version()
    if version is None:
        return
    body = {
        "package": version,
        "years": {str(y): sorted(d.isoformat() for d in days) for y, days in sorted(years.items())},
    }
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        temp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
