"""Benchmarks of what officers wait for, each against a floor measured in the same run.

    uv run python tests/benchmarks/run.py [--json FILE] [--repeat N] [--work-dir DIR]

Rows come from this file (start-up) and from every ``bench_*.py`` beside it, which defines
``rows(bench) -> list[Row]`` (import ``Row``, ``Bench``, ``timed_process``, ``median_of`` from
``run``; ``sys.path`` has this folder). Prints one row per measurement: name, our time, the
floor's time, the ratio, the target ratio, and peak memory. The data sets are made on first use
under --work-dir (kept between runs): the province-scale synthetic folder
(``gwinong-desktop demo --scale province``) and the demo county.
Not a test: nothing here is timed inside pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))


@dataclass
class Row:
    name: str
    seconds: float
    floor_seconds: float
    ratio: float
    target_ratio: float | None  # None: measured for the record, no target of its own
    peak_rss_mb: float
    peak_rss_limit_mb: float | None = None

    @property
    def ok(self) -> bool:
        memory_ok = self.peak_rss_limit_mb is None or self.peak_rss_mb <= self.peak_rss_limit_mb
        return (self.target_ratio is None or self.ratio <= self.target_ratio) and memory_ok


def timed_process(
    argv: list[str], ready: str, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Seconds from spawning ``argv`` until it prints a ``ready`` line; and its peak RSS in MB."""
    marks, rss = timed_marks(argv, (ready,), env)
    return marks[ready], rss


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured child process: as the app runs — bytecode cached and
    written when missing (this machine sets ``PYTHONDONTWRITEBYTECODE``, and a child that
    compiles every module from source measures the compiler: 0.5 s of the due list's first
    run was ``holidays`` compiled) — and offscreen."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def child_json(script: str, *args: object) -> dict:
    """Run a benchmark module as a measured child (``child_env``) and return the JSON object it
    prints last; its stderr in the error when it fails."""
    out = subprocess.run(
        [sys.executable, script, *map(str, args)], capture_output=True, text=True, check=False,
        env=child_env(),
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"{Path(script).name} {args} failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed_marks(
    argv: list[str], marks: tuple[str, ...], env: dict[str, str] | None = None
) -> tuple[dict[str, float], float]:
    """Seconds from spawning ``argv`` until it prints a line starting with each of ``marks``
    (in that order); and its peak RSS in MB. The process must end with exit code 0."""
    env = {
        **child_env(),
        "GWINONG_NONINTERACTIVE": "1",
        # the demo data sets have the administrator admin / demo1234 (README)
        "GWINONG_USER": "admin",
        "GWINONG_PASSWORD": "demo1234",
        **(env or {}),
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    waiting = list(marks)
    for line in proc.stdout:
        if waiting and line.startswith(waiting[0]):
            seen[waiting.pop(0)] = time.perf_counter() - start
            if not waiting:
                break
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if waiting or proc.returncode != 0:
        err = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"{argv} failed ({proc.returncode}): {err[-2000:]}")
    return seen, usage.ru_maxrss / 1024  # Linux reports KiB


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``work`` in this process, after one unmeasured call
    (the rows measured inside a child: caches warm, as on an officer's second click)."""
    work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_of(
    repeat: int, run: Callable[[], tuple[float, float]], warmup: int = 1
) -> tuple[float, float]:
    """Median seconds and peak MB of ``repeat`` runs after ``warmup`` discarded ones.

    Child processes may write bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped for them) and the
    warm-up run writes it, so ours and the floor both start from cached bytecode — as the frozen
    build always does and an installed copy does from its second start on.
    """
    for _ in range(warmup):
        run()
    results = [run() for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


FLOOR_START = r"""
import sqlite3, sys
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
import sqlalchemy.orm  # noqa: F401 - the floor pays for the same ORM import
app = QApplication([])
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT code, eupmyeon, ri, program_year FROM house LIMIT 100").fetchall()
table = QTableWidget(len(rows), 4)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        table.setItem(r, c, QTableWidgetItem(str(value)))
table.resize(1280, 800)
table.show()
app.processEvents()
print("started", flush=True)
"""


def bench_startup(data_dir: Path, repeat: int) -> list[Row]:
    """Two moments of one start: the main window painted with its houses (the first screen,
    read before SQLAlchemy loads) — the issue's row; and the window ready to edit (services
    attached), for the record."""
    db = data_dir / "gwinong.sqlite3"
    floor, _floor_rss = median_of(
        repeat, lambda: timed_process([sys.executable, "-c", FLOOR_START, str(db)], "started")
    )
    argv = [sys.executable, "-m", "gwinong_desktop", "gui", "--smoke", "--data-dir", str(data_dir)]
    env = {"GWINONG_SETTINGS": str(data_dir.parent / "bench-settings.ini")}
    runs: list[tuple[dict[str, float], float]] = []

    def one() -> tuple[float, float]:
        marks, rss = timed_marks(argv, ("started", "ready"), env)
        runs.append((marks, rss))
        return marks["started"], rss

    shown, rss = median_of(repeat, one)
    ready = statistics.median(m["ready"] for m, _ in runs[-repeat:])
    return [
        Row("start → main window with houses (province)", shown, floor, shown / floor, 1.5,
            rss, 250),
        Row("  … and ready to edit (for the record)", ready, floor, ready / floor, None, rss),
    ]  # fmt: skip


def ensure_data(work_dir: Path, scale: str) -> Path:
    target = work_dir / scale
    if (target / "gwinong.sqlite3").exists():
        return target
    print(f"making the {scale} data folder in {target} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "gwinong_desktop",
            "demo",
            "--scale",
            scale,
            "--data-dir",
            str(target),
        ],
        check=True,
    )
    print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return target


@dataclass
class Bench:
    """What a ``bench_*.py`` module gets: data folders made on demand, the repeat count."""

    work_dir: Path
    repeat: int

    def data(self, scale: str) -> Path:
        """A data folder of ``scale`` ("county" or "province"), made once and kept."""
        return ensure_data(self.work_dir, scale)

    def scratch(self, name: str) -> Path:
        """An empty folder for this run's files."""
        import shutil

        path = self.work_dir / "scratch" / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path


def bench_modules() -> list:
    """Every ``bench_*.py`` beside this file; each has ``rows(bench: Bench) -> list[Row]``."""
    import importlib.util

    modules = []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write one JSON object per row to FILE")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "bench-out")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="only these rows: 'startup' or a module name without bench_ (rent); repeatable",
    )
    args = parser.parse_args()
    bench = Bench(args.work_dir, args.repeat)
    wanted = set(args.only or ())
    rows = []
    if not wanted or "startup" in wanted:
        rows += bench_startup(bench.data("province"), args.repeat)
    for module in bench_modules():
        if not wanted or module.__name__.removeprefix("bench_") in wanted:
            rows += module.rows(bench)
    header = f"{'name':<48} {'ours s':>8} {'floor s':>8} {'ratio':>6} {'target':>6} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        mark = "" if row.ok else "  ← over target"
        target = "—" if row.target_ratio is None else f"{row.target_ratio:.2f}"
        print(
            f"{row.name:<48} {row.seconds:>8.3f} {row.floor_seconds:>8.3f} {row.ratio:>6.2f} "
            f"{target:>6} {row.peak_rss_mb:>8.1f}{mark}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            for row in rows:
                record = asdict(row)
                record.pop("peak_rss_limit_mb")
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
