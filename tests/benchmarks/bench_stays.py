"""The 입주 현황 list and the settlement reminder over the province-scale data (2,000 houses,
about 11,000 stays), against the same query in plain ``sqlite3``.

ours: ``StayService.list_stays`` / ``settlement_reminders`` as an officer (selected columns, the
status derived per row, and the one access record of the list); floor: the same join fetched
with ``sqlite3`` into tuples. Target 3× (the issue's ratio for lists) — both in one child
process (``run.child_json``: byte code cached, as the app runs), warm, in turns (one of ours, one
of the floor: a shared machine's load falls on both alike), the median of the runs of each; the
child runs up to three times and the medians of its medians are compared. Run the child by hand:
``python tests/benchmarks/bench_stays.py DATA_DIR REPEAT``.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

TARGET = 3.0
FLOOR_SQL = """
SELECT s.id, s.house_id, h.code, h.eupmyeon, s.resident_id, r.name, r.phone, s.household_size,
       s.move_in_on, s.planned_end_on, s.extended_to, s.moved_out_on, s.monthly_rent,
       s.deposit_amount, s.extension_requested, r.settlement, r.settled_on,
       r.moved_in_registered, r.farm_registered, s.note
FROM stay s JOIN resident r ON r.id = s.resident_id JOIN house h ON h.id = s.house_id
WHERE s.archived_at IS NULL {extra}
ORDER BY s.move_in_on DESC, s.id DESC
"""
REMINDER = (
    "AND s.moved_out_on IS NOT NULL AND s.moved_out_on < date('now') AND r.settlement = 'unknown'"
)


def _medians(repeat: int, ours, floor) -> tuple[float, float, int]:
    """Medians of ``ours`` and ``floor`` timed in turns, and how many rows ours returned."""
    ours(), floor()  # warm: imports, statement caches, the page cache
    mine, base, count = [], [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = len(ours())
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor()
        base.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(base), count


LISTS = (("list", "입주 현황 list", ""), ("reminder", "settlement reminder", REMINDER))


def rows(bench) -> list:
    from run import Row, child_json

    folder = bench.data("province")
    repeat = max(7, bench.repeat)
    runs = [child_json(__file__, folder, repeat) for _ in range(max(1, min(bench.repeat, 3)))]
    rss = max(r["rss_mb"] for r in runs)
    out = []
    for key, name, _extra in LISTS:
        mine = statistics.median(r[key]["ours"] for r in runs)
        base = statistics.median(r[key]["floor"] for r in runs)
        count = runs[0][key]["count"]
        out.append(Row(f"{name} ({count:,} stays)", mine, base, mine / base, TARGET, rss))
    return out


def main(folder: Path, repeat: int) -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    result: dict = {}
    with open_database(folder, purpose="benchmark") as db:
        services = Services.over(db, "benchmark")
        ours_of = {"list": services.stays.list_stays,
                   "reminder": services.stays.settlement_reminders}  # fmt: skip
        conn = sqlite3.connect(folder / "gwinong.sqlite3")
        try:
            for key, _name, extra in LISTS:
                sql = FLOOR_SQL.format(extra=extra)
                mine, base, count = _medians(
                    repeat, ours_of[key], lambda sql=sql: conn.execute(sql).fetchall()
                )
                result[key] = {"ours": mine, "floor": base, "count": count}
        finally:
            conn.close()
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
