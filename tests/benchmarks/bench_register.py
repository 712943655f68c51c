"""Register workbook import and export at province scale, against openpyxl alone.

The province-scale folder (2,000 houses, ~10,000 stays, ~100,000 payments) is exported once
into ``bench-out/scratch/register/province.xlsx``; then, each in its own process:
- export: ``RegisterService.export`` from the province folder, against the floor of writing the
  same rows (plain values) with openpyxl's write-only mode alone;
- import: ``RegisterService.import_file`` of that workbook into an empty data folder, against
  the floor of iterating every cell of it with openpyxl's read-only mode alone.
Only the operation is timed (not the interpreter or the imports); peak memory is the process's.

Run one measurement by hand: ``python tests/benchmarks/bench_register.py import FILE DIR``.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path

EXPORT_TARGET = 1.5
IMPORT_TARGET = 2.0


def _child(*args: str) -> tuple[float, float]:
    from run import child_json

    result = child_json(__file__, *args)  # bytecode cached, as the app runs
    return result["seconds"], result["rss_mb"]


def _paired(repeat: int, ours, floor) -> tuple[float, float, float]:
    """Medians of ours and the floor, measured in turns (the machine's load drifts)."""
    pairs = [(ours(), floor()) for _ in range(repeat)]
    mine = sorted(p[0][0] for p in pairs)
    base = sorted(p[1][0] for p in pairs)
    rss = max(p[0][1] for p in pairs)
    return mine[len(mine) // 2], base[len(base) // 2], rss


def rows(bench) -> list:
    from run import Row

    province = bench.data("province")
    work = bench.work_dir / "scratch" / "register"
    work.mkdir(parents=True, exist_ok=True)
    workbook = work / "province.xlsx"
    values = work / "province-rows.pickle"
    if not workbook.exists() or not values.exists():
        _child("export", str(province), str(workbook))
        _child("dump", str(workbook), str(values))
    repeat = max(1, min(bench.repeat, 3))
    out = []

    def export() -> tuple[float, float]:
        return _child("export", str(province), str(work / "export.xlsx"))

    def write_floor() -> tuple[float, float]:
        return _child("floor-write", str(values), str(work / "floor.xlsx"))

    ours, floor, rss = _paired(repeat, export, write_floor)
    out.append(Row("register export (province, ~112k rows)", ours, floor, ours / floor,
                   EXPORT_TARGET, rss))  # fmt: skip

    def import_() -> tuple[float, float]:
        target = bench.scratch("register-import")
        return _child("import", str(workbook), str(target / "data"))

    def read_floor() -> tuple[float, float]:
        return _child("floor-read", str(workbook))

    ours, floor, rss = _paired(repeat, import_, read_floor)
    out.append(Row("register import (province, ~112k rows)", ours, floor, ours / floor,
                   IMPORT_TARGET, rss))  # fmt: skip
    return out


# --- the measurements, each run in its own process --------------------------------------------


def _report(seconds: float) -> None:
    import resource

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb}))


def _export(data_dir: str, target: str) -> float:
    from gwinong_desktop.services.context import ServiceContext
    from gwinong_desktop.services.register import RegisterService
    from gwinong_desktop.storage.database import open_database

    with open_database(Path(data_dir), purpose="benchmark") as db:
        service = RegisterService(ServiceContext(db, "benchmark"))
        start = time.perf_counter()
        service.export(target)
        return time.perf_counter() - start


def _import(workbook: str, data_dir: str) -> float:
    from gwinong_desktop.services.context import ServiceContext
    from gwinong_desktop.services.register import RegisterService
    from gwinong_desktop.storage.database import open_database

    with open_database(Path(data_dir), purpose="benchmark") as db:
        service = RegisterService(ServiceContext(db, "benchmark"))
        start = time.perf_counter()
        summary = service.import_file(workbook)
        seconds = time.perf_counter() - start
    assert summary.counts.payments_new > 90_000, summary.describe()
    return seconds


def _dump(workbook: str, target: str) -> float:
    from openpyxl import load_workbook

    wb = load_workbook(workbook, read_only=True)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    wb.close()
    Path(target).write_bytes(pickle.dumps(sheets))
    return 0.0


def _floor_read(workbook: str) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    wb = load_workbook(workbook, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for _value in row:
                cells += 1
    wb.close()
    seconds = time.perf_counter() - start
    assert cells > 500_000
    return seconds


def _floor_write(values: str, target: str) -> float:
    from openpyxl import Workbook

    sheets = pickle.loads(Path(values).read_bytes())
    start = time.perf_counter()
    wb = Workbook(write_only=True)
    for title, sheet_rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in sheet_rows:
            ws.append(row)
    wb.save(target)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    kind, *args = argv
    work = {
        "export": _export, "import": _import, "dump": _dump,
        "floor-read": _floor_read, "floor-write": _floor_write,
    }[kind]  # fmt: skip
    _report(work(*args))


if __name__ == "__main__":
    main(sys.argv[1:])
