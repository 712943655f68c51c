"""The 임대료 page on the province data (2,000 houses, ~11,000 stays, ~100,000 payments), each
against the same query in plain ``sqlite3``; target 3× and under 100 ms.

- open: ``Services.rent.stay_rows()``, the county totals summed from those rows and the page's
  list model filled with them (what the officer waits for) against ``sqlite3`` running the same
  statement and fetching every row;
- filter: 미납만 and one 읍면 in the loaded list (``RecordTableModel`` field filters) against
  ``sqlite3`` selecting those stays;
- arrears: ``Services.rent.totals()`` (county-wide charged, paid, arrears) against the same
  statement in ``sqlite3``.

Each side runs in its own process (``run.child_json``: byte code cached, as the app runs), in
turns (up to three of each), each measuring the median of seven runs after an unmeasured one;
the medians of those are compared. Run one side by hand:
``python tests/benchmarks/bench_rent.py ours|floor DATA_DIR``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

TARGET = 3.0
LIMIT_S = 0.100
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
    floor = {k: statistics.median(r[1][k] for r in runs) for k in runs[0][1]}
    ours["rss_mb"] = max(r[0]["rss_mb"] for r in runs)
    out = []
    for key, name in (
        ("open", "rent page: open, every stay with its sums"),
        ("filter", "rent page: 미납만 + 읍면 filter"),
        ("arrears", "rent: county-wide arrears"),
    ):
        mine, base = ours[key], floor[key]
        row = Row(name, mine, base, mine / base, TARGET, ours["rss_mb"])
        if mine > LIMIT_S:
            row.name += f" (over {LIMIT_S * 1000:.0f} ms)"
        out.append(row)
    return out


def _median(run) -> float:  # type: ignore[no-untyped-def]
    from run import median_seconds

    return median_seconds(run, REPEAT)


def _ours(data_dir: Path) -> dict:
    from PySide6.QtCore import QCoreApplication

    from gwinong_desktop.services import Services
    from gwinong_desktop.services.rent import RentTotals
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.rent.tables import stay_model

    app = QCoreApplication([])  # noqa: F841 - models live in an application
    db = open_database(data_dir, purpose="benchmark")
    services = Services.over(db)
    rent = services.rent
    model = stay_model()

    def open_page() -> None:  # as RentPage.refresh: the stays, the county totals, the list
        rows = rent.stay_rows()
        RentTotals.of(rows)
        model.set_rows(rows)
        assert model.visible_count == len(rows)

    result = {"open": _median(open_page)}
    eupmyeon = model.values_of("eupmyeon")[0]

    def narrow() -> None:
        model.clear_narrowing()
        model.set_field_filter("in_arrears", True)
        model.set_field_filter("eupmyeon", eupmyeon)
        assert model.visible_count >= 0

    result["filter"] = _median(narrow)
    result["arrears"] = _median(rent.totals)
    db.close()
    return result


def _floor(data_dir: Path) -> dict:
    import sqlite3

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from gwinong_desktop.services.rent_queries import COUNTY_TOTALS, RENT_LIST

    conn = sqlite3.connect(data_dir / "gwinong.sqlite3")
    params = {"today": time.strftime("%Y-%m-%d")}
    eupmyeon = conn.execute("SELECT MIN(eupmyeon) FROM house").fetchone()[0]
    narrowed = f"SELECT * FROM ({RENT_LIST}) WHERE due > paid AND eupmyeon = :eupmyeon"
    return {
        "open": _median(lambda: conn.execute(RENT_LIST, params).fetchall()),
        "filter": _median(
            lambda: conn.execute(narrowed, {**params, "eupmyeon": eupmyeon}).fetchall()
        ),
        "arrears": _median(lambda: conn.execute(COUNTY_TOTALS, params).fetchall()),
    }  # fmt: skip


def main(argv: list[str]) -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    kind, data_dir = argv
    result = {"ours": _ours, "floor": _floor}[kind](Path(data_dir))
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
