"""The 입주 현황 list and the settlement reminder over the province-scale data (2,000 houses,
about 11,000 stays), against the same query in plain ``sqlite3``.

ours: ``StayService.list_stays`` / ``settlement_reminders`` as an officer (selected columns, the
status derived per row, and the one access record of the list); floor: the same join fetched
with ``sqlite3`` into tuples. Target 3× (the issue's ratio for lists) — both in this process,
warm, in turns (one of ours, one of the floor: a shared machine's load falls on both alike), the
median of the runs of each.
"""

from __future__ import annotations

import sqlite3
import statistics
import time

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


def rows(bench) -> list:
    import resource

    from run import Row

    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    folder = bench.data("province")
    repeat = max(7, bench.repeat)
    out = []
    with open_database(folder, purpose="benchmark") as db:
        services = Services.over(db, "benchmark")
        conn = sqlite3.connect(folder / "gwinong.sqlite3")
        try:
            for name, ours, extra in (
                ("입주 현황 list", services.stays.list_stays, ""),
                ("settlement reminder", services.stays.settlement_reminders, REMINDER),
            ):
                sql = FLOOR_SQL.format(extra=extra)
                mine, base, count = _medians(
                    repeat, ours, lambda sql=sql: conn.execute(sql).fetchall()
                )
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                out.append(Row(f"{name} ({count:,} stays)", mine, base, mine / base, TARGET, rss))
        finally:
            conn.close()
    return out
