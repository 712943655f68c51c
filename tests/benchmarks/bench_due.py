"""The due list (``Services.due.items``) on the province data (2,000 houses, 10 years), against
the same statements (``services/due_queries.py``) run in plain ``sqlite3`` fetching every row;
target 3×.

- due list: the list as the dashboard and ``due`` compute it, once the holiday calendar of the
  year is loaded (it is kept per year in the process);
- due list, first: the first list of a process, which imports the ``holidays`` package (for the
  record: the dashboard computes it in the background after the first paint).

Each side runs in its own process, in turns (up to three of each), each measuring the median of
seven runs after an unmeasured one; the medians of those are compared. Run one side by hand:
``python tests/benchmarks/bench_due.py ours|floor DATA_DIR``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

TARGET = 3.0
REPEAT = 7


def _child(kind: str, data_dir: Path) -> dict:
    from run import child_json

    return child_json(__file__, kind, data_dir)


def rows(bench) -> list:
    from run import Row

    data_dir = bench.data("province")
    turns = max(1, min(bench.repeat, 3))  # ours and the floor in turns: the machine is shared
    runs = [(_child("ours", data_dir), _child("floor", data_dir)) for _ in range(turns)]
    ours = {k: statistics.median(r[0][k] for r in runs) for k in runs[0][0]}
    floor = statistics.median(r[1]["list"] for r in runs)
    rss = max(r[0]["rss_mb"] for r in runs)
    return [
        Row(f"due list ({int(ours['items'])} items)", ours["list"], floor, ours["list"] / floor,
            TARGET, rss),
        Row("due list: first in a process (+ holidays)", ours["first"], floor,
            ours["first"] / floor, None, rss),
    ]  # fmt: skip


def _median(run) -> float:  # type: ignore[no-untyped-def]
    from run import median_seconds

    return median_seconds(run, REPEAT)


def _ours(data_dir: Path) -> dict:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    db = open_database(data_dir, purpose="benchmark")
    due = Services.over(db).due
    start = time.perf_counter()
    items = due.items()
    first = time.perf_counter() - start
    result = {"first": first, "list": _median(due.items), "items": len(items)}
    db.close()
    return result


def _floor(data_dir: Path) -> dict:
    import sqlite3

    from gwinong_desktop.domain.due import (
        COMPLETION_REMINDED_DAYS,
        DESIGNATION_ENDED_DAYS,
        DESIGNATION_ENDING_DAYS,
        LEASE_ENDED_DAYS,
        LEASE_ENDING_MONTHS,
        SETTLEMENT_ASK_WITHIN_DAYS,
        STAY_ENDING_DAYS,
    )
    from gwinong_desktop.domain.periods import add_months
    from gwinong_desktop.services import due_queries as q
    from gwinong_desktop.storage.house_list import RULE_VALUES

    conn = sqlite3.connect(data_dir / "gwinong.sqlite3")
    today = date.today()
    params = {
        "today": today.isoformat(),
        "stay_window": (today + timedelta(days=STAY_ENDING_DAYS)).isoformat(),
        "lease_from": (today - timedelta(days=LEASE_ENDED_DAYS)).isoformat(),
        "lease_to": add_months(today, LEASE_ENDING_MONTHS).isoformat(),
        "designation_from": (today - timedelta(days=DESIGNATION_ENDED_DAYS)).isoformat(),
        "designation_to": (today + timedelta(days=DESIGNATION_ENDING_DAYS)).isoformat(),
        "completed_since": (today - timedelta(days=COMPLETION_REMINDED_DAYS)).isoformat(),
        "moved_since": (today - timedelta(days=SETTLEMENT_ASK_WITHIN_DAYS)).isoformat(),
    }
    plain = (
        RULE_VALUES, q.DAYS_OFF, q.SENT_REPORTS, q.OPEN_STAYS, q.LEASES_ENDING,
        q.DESIGNATIONS_ENDING, q.LAST_INSPECTIONS, q.PHOTO_SLOTS_FILLED, q.HOUSE_WORKS,
        q.DEPOSITS_HELD, q.FINDINGS_OVERDUE, q.COMPLETION_UNREPORTED, q.SETTLEMENT_UNASKED,
        q.DUE_NOTES,
    )  # fmt: skip

    def run() -> None:
        for sql in plain:
            conn.execute(sql, params).fetchall()
        owing = conn.execute(q.ARREARS, params).fetchall()
        ids = ",".join(str(int(r[1])) for r in owing) or "NULL"
        conn.execute(q.ARREARS_SINCE.replace(":ids", f"({ids})"), params).fetchall()

    return {"list": _median(run)}


def main(argv: list[str]) -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    kind, data_dir = argv
    result = {"ours": _ours, "floor": _floor}[kind](Path(data_dir))
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
