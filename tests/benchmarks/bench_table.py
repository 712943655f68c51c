"""The table writer (every list export, the access-record export) against openpyxl alone.

Each in its own process, in turns:
- ours: ``exchange.table.write_table`` of 100,000 rows × 8 columns of mixed text (Korean,
  wrapped), numbers, dates and times;
- floor: openpyxl's write-only mode writing the same plain values, nothing styled.
Target 1.5× (like the register export). Only the writing is timed (not the interpreter,
the imports or making the rows).

Run one measurement by hand: ``python tests/benchmarks/bench_table.py ours|floor FILE [ROWS]``.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROWS = 100_000
TARGET = 1.5


def _child(*args: str) -> tuple[float, float]:
    from run import child_json

    result = child_json(__file__, *args)  # bytecode cached, as the app runs
    return result["seconds"], result["rss_mb"]


def rows(bench) -> list:
    from run import Row

    work = bench.scratch("table")
    repeat = max(1, min(bench.repeat, 3))
    pairs = [
        (_child("ours", str(work / "ours.xlsx")), _child("floor", str(work / "floor.xlsx")))
        for _ in range(repeat)
    ]
    mine = sorted(p[0][0] for p in pairs)[repeat // 2]
    base = sorted(p[1][0] for p in pairs)[repeat // 2]
    rss = max(p[0][1] for p in pairs)
    return [Row(f"table export ({ROWS:,} rows × 8)", mine, base, mine / base, TARGET, rss)]


def sample_rows(count: int) -> list[list[object]]:
    """``count`` rows like an access-record or house-list export: id, time, names, a date, money,
    an area, a long Korean text (wrapped) and a yes/no."""
    start = datetime(2026, 1, 1, 9, 0, 0)
    places = ["가평읍", "설악면", "청평면", "상면", "조종면", "북면"]
    out: list[list[object]] = []
    for i in range(count):
        at = start + timedelta(minutes=7 * i)
        out.append([
            i + 1, at, f"담당자{i % 37}", places[i % len(places)],
            date(2026, 1 + i % 12, 1 + i % 28), 150_000 + (i % 90) * 1_000, 33.5 + (i % 40) / 4,
            f"{places[i % 6]} {i % 300}번지 귀농인의 집 입주 기록 변경: 연락처와 기간 수정 ({i})",
        ])  # fmt: skip
    return out


# --- the measurements, each run in its own process --------------------------------------------


def _ours(target: str, count: int) -> float:
    from gwinong_desktop.exchange.table import GENERAL, Column, write_table

    columns = [
        Column("번호", 8, GENERAL), Column("일시"), Column("사용자"), Column("읍면"),
        Column("입주일"), Column("월세"), Column("면적(㎡)"), Column("내용", 60, wrap=True),
    ]  # fmt: skip
    data = sample_rows(count)
    start = time.perf_counter()
    summary = write_table(Path(target), columns, data, sheet="기록")
    seconds = time.perf_counter() - start
    assert summary.rows == count
    return seconds


def _floor(target: str, count: int) -> float:
    from openpyxl import Workbook

    data = sample_rows(count)
    start = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("기록")
    ws.append(["번호", "일시", "사용자", "읍면", "입주일", "월세", "면적(㎡)", "내용"])
    for row in data:
        ws.append(row)
    wb.save(target)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    import resource

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    kind, target, *rest = argv
    count = int(rest[0]) if rest else ROWS
    seconds = {"ours": _ours, "floor": _floor}[kind](target, count)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb}))


if __name__ == "__main__":
    main(sys.argv[1:])
