"""Reading a batch in child processes: in order, off this process, stopped at once on a cancel,
and finished in threads when a child dies."""

from __future__ import annotations

import os
import sys
import time
from functools import partial

import pytest

from gwinong_desktop.media import workers

pytestmark = pytest.mark.process

PARENT = os.getpid()


def _where(
    item: int, *, pause: float = 0.0, die_on: int | None = None, parent: int = 0
) -> tuple[int, int]:
    """The item and the process that computed it (a child dies on ``die_on``; every item but
    the first takes ``pause`` seconds)."""
    if item == die_on and os.getpid() != parent:
        os._exit(3)  # as a decoder crash would end it
    time.sleep(pause if item else 0)
    return item, os.getpid()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_large_batch_is_computed_in_children_in_order() -> None:
    items = list(range(workers.CHILDREN_FROM + 3))
    results = list(workers.map_in_order(_where, items, workers=2))
    assert [item for item, _ in results] == items
    children = {pid for _, pid in results}
    assert PARENT not in children and 1 <= len(children) <= 2
    assert all(_gone(pid) for pid in children)  # let go and reaped once the batch is done


def test_a_small_batch_stays_in_this_process() -> None:
    items = list(range(workers.CHILDREN_FROM - 1))
    results = list(workers.map_in_order(_where, items, workers=2))
    assert results == [(item, PARENT) for item in items]


def test_a_cancel_terminates_the_children_at_once() -> None:
    items = list(range(workers.CHILDREN_FROM * 2))
    reading = workers.map_in_order(partial(_where, pause=5.0), items, workers=2)
    _, child = next(reading)  # the next ones are being computed, for 5 s each
    start = time.perf_counter()
    reading.close()  # what a cancel does to the plan's loop
    assert time.perf_counter() - start < 2.0
    assert _gone(child)


def test_a_child_that_dies_leaves_the_rest_to_threads() -> None:
    items = list(range(workers.CHILDREN_FROM + 4))
    results = list(workers.map_in_order(partial(_where, die_on=5, parent=PARENT), items, workers=2))
    assert [item for item, _ in results] == items
    assert results[-1][1] == PARENT  # read here once the pool broke


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sessions are Linux's")
def test_a_child_runs_below_the_app_in_a_session_of_its_own() -> None:
    items = list(range(workers.CHILDREN_FROM))
    seen = list(workers.map_in_order(_priority, items, workers=1))
    assert set(seen) == {(os.nice(0) + workers.CHILD_NICE, True)}


def _priority(_: int) -> tuple[int, bool]:
    return os.nice(0), os.getsid(0) == os.getpid()
