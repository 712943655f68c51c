"""The province data on a PostgreSQL server (issue #16): start-up to the house list, the rent
page and the monthly report, each against the same queries through psycopg alone; target 2×.

The server is a cluster kept in the work folder (``pg_cluster``; fsync on, as an office server
runs); the province folder is copied and moved up once with ``move-to-server``, then analysed.

- start-up: ``gui --smoke`` on the server folder until the window shows its houses, against a
  process that loads PySide6 and SQLAlchemy's ORM (as the SQLite row's floor) and psycopg,
  connects, runs the house list's query and shows the rows in a table;
- rent page open and the monthly report: the statements our side sends for the work are
  recorded in a first, unmeasured process; the floor replays them through psycopg on one open
  connection, fetching every row (the monthly floor then writes the same cells with openpyxl
  alone, as the SQLite row's floor does). Medians of seven runs after an unmeasured one, each
  side in its own process, in turns.

Skipped (said on stderr) when PostgreSQL is not installed. Run one side by hand:
``python tests/benchmarks/bench_server.py ours|record|floor FOLDER FILE`` with ``PGPASSWORD``.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 2.0
REPEAT = 7
DATABASE = "province"

FLOOR_START = r"""
import sys, datetime
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
import sqlalchemy.orm  # noqa: F401 - the floor pays for the same ORM import
import psycopg
app = QApplication([])
conn = psycopg.connect(sys.argv[1])
rows = conn.execute(sys.argv[2], {"today": datetime.date.today()}).fetchall()
table = QTableWidget(len(rows), 4)
for r, row in enumerate(rows[:100]):
    for c, value in enumerate(row[2:6]):
        table.setItem(r, c, QTableWidgetItem(str(value)))
table.resize(1280, 800)
table.show()
app.processEvents()
print("started", flush=True)
"""


def rows(bench) -> list:
    import pg_cluster
    from run import Row, median_of, timed_marks, timed_process

    server = pg_cluster.start(bench.work_dir / "pg-cluster")
    if server is None:
        print("bench_server: PostgreSQL is not installed; the server rows are skipped",
              file=sys.stderr)  # fmt: skip
        return []
    os.environ["PGPASSWORD"] = server.password  # as libpq finds it on an officer's PC
    folder = _province_on_server(bench, server)
    out = []

    from gwinong_desktop.storage.house_list import HOUSE_LIST_ACTIVE

    dsn = f"host={server.host} port={server.port} user={server.user} dbname={DATABASE}"
    house_list = HOUSE_LIST_ACTIVE.replace(":today", "%(today)s")
    floor, _ = median_of(
        bench.repeat,
        lambda: timed_process([sys.executable, "-c", FLOOR_START, dsn, house_list], "started"),
    )
    argv = [sys.executable, "-m", "gwinong_desktop", "gui", "--smoke", "--data-dir", str(folder)]
    settings = {"GWINONG_SETTINGS": str(folder.parent / "bench-server-settings.ini")}
    shown, rss = median_of(
        bench.repeat, lambda: _started(timed_marks(argv, ("started",), settings))
    )
    out.append(Row("server: start → main window with houses", shown, floor, shown / floor,
                   TARGET, rss))  # fmt: skip

    from run import child_json

    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        recorded = Path(tmp) / "statements.pickle"
        child_json(__file__, "record", folder, recorded)
        turns = max(1, min(bench.repeat, 3))
        runs = [
            (child_json(__file__, "ours", folder, recorded),
             child_json(__file__, "floor", folder, recorded))
            for _ in range(turns)
        ]  # fmt: skip
    for key, name in (
        ("rent", "server: rent page open"),
        ("monthly", "server: monthly 별지 제5호"),
    ):
        mine = statistics.median(r[0][key] for r in runs)
        base = statistics.median(r[1][key] for r in runs)
        rss = max(r[0]["rss_mb"] for r in runs)
        out.append(Row(name, mine, base, mine / base, TARGET, rss))
    return out


def _started(marked: tuple[dict[str, float], float]) -> tuple[float, float]:
    marks, rss = marked
    return marks["started"], rss


def _province_on_server(bench, server) -> Path:  # type: ignore[no-untyped-def]
    """The province folder, moved up to the server once (kept for later runs)."""
    from gwinong_desktop.storage.server import parse_server_url, remember_url

    folder = bench.work_dir / "province-server"
    done = folder / "moved.ok"
    if done.exists():  # the cluster may listen on another port this time
        remember_url(folder, parse_server_url(server.url(DATABASE))[0])
        return folder
    source = bench.data("province")
    print(f"moving the province data up to the server in {folder} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)
    with server.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "GWINONG_USER": "admin", "GWINONG_PASSWORD": "demo1234",
           "GWINONG_NONINTERACTIVE": "1"}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "gwinong_desktop", "move-to-server", "--data-dir", str(folder),
         "--database-url", server.url(DATABASE)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    with server.connect(DATABASE) as conn:
        conn.execute("ANALYZE")  # as autovacuum would soon after a bulk load
    done.write_text("", encoding="utf-8")
    print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return folder


# --- the children --------------------------------------------------------------------------

_APP = None


def _median(run) -> float:  # type: ignore[no-untyped-def]
    from run import median_seconds

    return median_seconds(run, REPEAT)


def _work(folder: Path, scratch: Path):  # type: ignore[no-untyped-def]
    """(database, {name: the work our side does}) on the server folder."""
    from PySide6.QtCore import QCoreApplication

    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.permissions import Actor
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.rent import RentTotals
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.rent.tables import stay_model

    global _APP
    _APP = QCoreApplication.instance() or QCoreApplication([])  # models live in one
    db = open_database(folder, purpose="benchmark")
    services = Services.over(db, Actor("bench", "측정", Role.OFFICER))

    def rent() -> None:
        rows = services.rent.stay_rows()
        RentTotals.of(rows)
        stay_model().set_rows(rows)

    def monthly() -> None:
        services.province_reports.export_monthly(2025, 11, scratch / "ours.xlsx")

    return db, {"rent": rent, "monthly": monthly}


def _ours(folder: Path, recorded: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db, work = _work(folder, Path(tmp))
        result = {name: _median(run) for name, run in work.items()}
        db.close()
    return result


def _record(folder: Path, recorded: Path) -> dict:
    """Run each work once, keeping every statement (with its parameters) sent to the server,
    and the monthly report's cells for the floor's openpyxl side."""
    from bench_province_reports import _cells
    from sqlalchemy import event

    with tempfile.TemporaryDirectory() as tmp:
        db, work = _work(folder, Path(tmp))
        statements: dict[str, list] = {}
        phase = [""]

        from gwinong_desktop.storage import driver_rows
        from gwinong_desktop.storage.quick import pyformat

        through_driver = driver_rows._server_rows  # the big lists skip SQLAlchemy's cursor

        def _keep_driver(driver, sql, params):  # type: ignore[no-untyped-def]
            sent = pyformat(sql)
            statements.setdefault(phase[0], []).append((sent, dict(params)))
            return through_driver(driver, sql, params)

        driver_rows._server_rows = _keep_driver

        @event.listens_for(db.engine, "before_cursor_execute")
        def _keep(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
            statements.setdefault(phase[0], []).append((statement, parameters))

        for name, run in work.items():
            phase[0] = ""
            run()  # warm: the statements of a later run, not of the first one
            phase[0] = name
            run()
        event.remove(db.engine, "before_cursor_execute", _keep)
        driver_rows._server_rows = through_driver
        statements.pop("", None)  # the warm runs
        plan = _cells(Path(tmp) / "ours.xlsx")
        db.close()
    recorded.write_bytes(pickle.dumps({"statements": statements, "cells": plan}))
    return {name: len(found) for name, found in statements.items()}


def _floor(folder: Path, recorded: Path) -> dict:
    import psycopg
    from bench_province_reports import _floor as write_cells

    from gwinong_desktop.storage.server import remembered_url

    kept = pickle.loads(recorded.read_bytes())
    url = remembered_url(folder)
    conn = psycopg.connect(host=url.host, port=url.port, user=url.user, dbname=url.database)

    def replay(name: str) -> None:
        with conn.transaction():
            cursor = conn.cursor()
            for sql, params in kept["statements"][name]:
                # the reads: the report's keeping (its archive row, its access record, the
                # writers' lock) is ours alone, as in the SQLite row's floor
                if sql.lstrip()[:6].upper() in ("SELECT", "WITH") and "pg_advisory" not in sql:
                    cursor.execute(sql, params)
                    cursor.fetchall()

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "floor.xlsx"

        def run(name: str) -> None:
            replay(name)
            if name == "monthly":
                write_cells(kept["cells"], target)

        result = {name: _median(lambda n=name: run(n)) for name in kept["statements"]}
    conn.close()
    return result


def main(argv: list[str]) -> None:
    import resource

    here = Path(__file__).resolve()
    sys.path[:0] = [str(here.parents[2]), str(here.parent)]
    kind, folder, recorded = argv
    runner = {"ours": _ours, "floor": _floor, "record": _record}[kind]
    result = runner(Path(folder), Path(recorded))
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
