"""Says, at the end of the run, where the crash tests' kills landed."""

from __future__ import annotations

from collections import Counter


def pytest_terminal_summary(terminalreporter) -> None:
    from test_crash import OUTCOMES, SEED

    if not OUTCOMES:
        return
    terminalreporter.section(f"crash tests: kills (seed {SEED})")
    for op in dict.fromkeys(o[0] for o in OUTCOMES):
        rows = [o for o in OUTCOMES if o[0] == op]
        mid = sum(not finished for _, _, finished, _ in rows)
        states = Counter(state for *_, state in rows)
        terminalreporter.write_line(
            f"{op:8} {len(rows):3} kills, {mid:3} before the write ended; "
            f"state none {states['none']}, all {states['all']}"
        )
