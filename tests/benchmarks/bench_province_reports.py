"""The reports to the province (별지 제5호) on the province-scale data (2,000 houses): the
monthly report and the semiannual one with its 2,000-row section 7, against openpyxl alone.

In one child process, in turns:
- ours: ``Services.province_reports.export_monthly`` / ``export_semiannual`` — the rows gathered
  in SQL, the form laid out (``exchange.form_sheet``), written beside the target and moved in
  place, and the copy kept in the archive with its row;
- floor: openpyxl alone writing the same cells (values, the same named styles, the same merges,
  widths and print setup) to a file, the cells taken beforehand from our workbook; nothing
  gathered from the database, nothing kept.
Medians of ``RUNS`` pairs after one warm-up each; target 1.5× (issue #13).

Run by hand: ``python tests/benchmarks/bench_province_reports.py DATA_DIR SCRATCH_DIR``.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

TARGET = 1.5
RUNS = 5


def rows(bench) -> list:
    from run import Row, child_json

    result = child_json(__file__, bench.data("province"), bench.scratch("province_reports"))
    return [
        Row(f"{name} (province)", r["ours"], r["floor"], r["ours"] / r["floor"], TARGET,
            result["rss_mb"])
        for name, r in result["rows"].items()
    ]  # fmt: skip


def _cells(path: Path) -> dict:
    """What the floor writes: every cell's value and named style, merges, widths, heights."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cells = [
        (c.row, c.column, c.value, c.style)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.style != "Normal"
    ]
    return {
        "title": ws.title,
        "styles": [s for s in wb._named_styles if s.name != "Normal"],
        "cells": cells,
        "merges": [str(r) for r in ws.merged_cells.ranges],
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "titles": ws.print_title_rows,
    }


def _floor(plan: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.merge import MergedCellRange

    wb = Workbook()
    ws = wb.active
    ws.title = plan["title"]
    for style in plan["styles"]:
        wb.add_named_style(style)
    for row, column, value, style in plan["cells"]:
        cell = ws.cell(row, column)
        if value is not None:
            cell.value = value
        cell.style = style
    # straight into the set, as ours does: ``ws.merge_cells`` compares every merge with every
    # earlier one and takes most of a minute for 2,000 rows
    for merged in plan["merges"]:
        ws.merged_cells.ranges.add(MergedCellRange(ws, merged))
    for letter, width in plan["widths"].items():
        ws.column_dimensions[letter].width = width
    for row, height in plan["heights"].items():
        ws.row_dimensions[row].height = height
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if plan["titles"]:
        ws.print_title_rows = plan["titles"].replace("$", "")
    wb.save(path)


def main(data: Path, scratch: Path) -> None:
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.permissions import Actor
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database

    results: dict[str, dict[str, float]] = {}
    with open_database(data, purpose="bench") as db:
        service = Services.over(db, Actor("bench", "측정", Role.OFFICER)).province_reports
        cases = {
            "monthly report 별지 제5호": lambda p: service.export_monthly(2025, 11, p),
            "semiannual report + 7. 추진실적": lambda p: service.export_semiannual(2025, 2, p),
        }
        for name, export in cases.items():
            ours_path, floor_path = scratch / "ours.xlsx", scratch / "floor.xlsx"
            export(ours_path)  # warm-up, and the cells the floor writes
            plan = _cells(ours_path)
            _floor(plan, floor_path)
            ours, floor = [], []
            for _ in range(RUNS):
                start = time.perf_counter()
                export(ours_path)
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                _floor(plan, floor_path)
                floor.append(time.perf_counter() - start)
            results[name] = {"ours": statistics.median(ours), "floor": statistics.median(floor)}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": results, "rss_mb": rss}, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
