"""The province's consolidation of 20 county reports against openpyxl alone.

In one child process, the 20 files made first (``tests/reports/county_forms.py``: the 12월
report of a county of 60 houses, so section 7 too), then in turns:
- ours: ``services.consolidation.consolidate_reports`` (each file opened with the safety checks
  and limits of ``exchange.reader``, its tables found by their labels, the checks of the merged
  cells, and the province's 별지 제5호 written by ``reports.progress_report``: 20 county lines
  and the 1,200 houses of section 7);
- floor: openpyxl alone reading every cell of the same files (read-only, values only) and
  writing the same cells as our workbook holds (values, named styles, merges, widths, print
  setup: ``bench_province_reports``' floor, the cells taken beforehand from our workbook).
Medians of ``RUNS`` pairs; target 1.5× (issue #13).

Run by hand: ``python tests/benchmarks/bench_consolidate.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET = 1.5
RUNS = 9
COUNTIES = 20
HOUSES = 60


def rows(bench) -> list:
    from run import Row, child_json

    # bytecode cached, as the app runs
    results = [child_json(__file__) for _ in range(max(1, min(bench.repeat, 3)))]
    mine = statistics.median(r["ours"] for r in results)
    base = statistics.median(r["floor"] for r in results)
    rss = max(r["rss_mb"] for r in results)
    name = f"consolidation ({COUNTIES} county files)"
    return [Row(name, mine, base, mine / base, TARGET, rss)]


def _floor(files: list[Path], form: dict, target: Path) -> None:
    from bench_province_reports import _floor as write_form
    from openpyxl import load_workbook

    for path in files:
        wb = load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _row in ws.iter_rows(values_only=True):
                pass
        wb.close()
    write_form(form, target)


def _measure() -> dict:
    import resource

    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here), str(here.parent / "reports")]
    from bench_province_reports import _cells
    from county_forms import county_form

    from gwinong_desktop.services.consolidation import consolidate_reports

    work = Path(tempfile.mkdtemp(prefix="bench-consolidate-"))
    files = [
        county_form(work / f"c{i:02d}.xlsx", f"{name}평군", month=12, houses=HOUSES)
        for i, name in enumerate("가나다라마바사아자차카타파하거너더러머버"[:COUNTIES])
    ]
    ours, floor = [], []
    consolidate_reports(files, work / "warm.xlsx", today=date(2026, 12, 3))
    form = _cells(work / "warm.xlsx")
    _floor(files, form, work / "warm-floor.xlsx")
    for _ in range(RUNS):
        start = time.perf_counter()
        done = consolidate_reports(files, work / "ours.xlsx", today=date(2026, 12, 3))
        ours.append(time.perf_counter() - start)
        assert len(done.merged) == COUNTIES and not done.refused
        start = time.perf_counter()
        _floor(files, form, work / "floor.xlsx")
        floor.append(time.perf_counter() - start)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"ours": statistics.median(ours), "floor": statistics.median(floor), "rss_mb": rss}


if __name__ == "__main__":
    print(json.dumps(_measure()))
