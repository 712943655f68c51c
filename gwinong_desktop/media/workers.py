"""Reading many photos at once without holding up the window (standard library only).

Decoding, hashing and shrinking a 12 MP photo is 30–60 ms of CPU. Done in threads of the app's
own process, the window's thread waits for the interpreter lock between the readers' turns, and
on a busy PC for a reader that holds the lock while the system has paused it: the window stood
still for 100–200 ms at a time during a 200-photo import. :func:`map_in_order` therefore runs a
large batch in child processes (``spawn``: a fresh interpreter, never a copy of the Qt process),
each at a lower priority than the app, so the window's thread shares its lock with no reader and
wins the CPU whenever it has something to do. A small batch (fewer than
:data:`CHILDREN_FROM` items) stays in threads: starting children costs more than it saves.

The children only read and compute; what they hand back is written by the caller. A cancel (or
any exception in the consumer) stops them at once — queued items are dropped and the children
that are still reading are terminated — so nothing keeps working after the officer cancelled.
If the children cannot start or one dies (a decoder crash on a hostile file), the rest of the
batch is read in threads, as it was before children existed. The frozen build's entry script
calls ``multiprocessing.freeze_support()`` so that a child started from it runs the work and not
the app (``installer/launch.py``).
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

CHILDREN_FROM = 12
"""Batches of at least this many items are read in child processes. Starting them costs about
0.2–0.3 s on a two-core PC (a fresh interpreter importing Pillow); a handful of photos is read
in threads in about that time, and in a few files the window has no time to stand still."""

CHILD_NICE = 10
"""How much lower the children's priority is than the app's (POSIX ``nice``; on Windows the
children run BELOW_NORMAL)."""

CHILD_JOIN_S = 5.0
"""How long a terminated child may take to go (it goes at once; this only bounds a stuck one)."""

_BELOW_NORMAL_PRIORITY_CLASS = 0x00004000


def map_in_order(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int,
    name: str = "worker",
) -> Iterator[R]:
    """``fn(item)`` for each of ``items``, yielded in order, ``workers`` at a time; at most twice
    that many are computed ahead of the consumer, so a cancel stops soon and memory holds only a
    few results. ``fn`` and the items must pickle when the batch goes to child processes (a
    module-level function or a ``functools.partial`` of one)."""
    executor = executor_for(len(items), workers=workers, name=name)
    done = 0
    finished = False
    try:
        try:
            for result in _ordered(executor, fn, items, ahead=2 * workers):
                done += 1
                yield result
        except BrokenExecutor as exc:  # a child died, or none could start
            log.warning("photo readers stopped (%s): reading the rest in threads", exc)
            _stop(executor, at_once=True)
            executor = ThreadPoolExecutor(workers, thread_name_prefix=name)
            yield from _ordered(executor, fn, items[done:], ahead=2 * workers)
        finished = True
    finally:  # a cancel (the consumer raised, or closed this generator) stops the children at once
        _stop(executor, at_once=not finished)


def executor_for(count: int, *, workers: int, name: str = "worker") -> Executor:
    """An executor for ``count`` items: ``workers`` child processes from :data:`CHILDREN_FROM`
    items on (when they can start), else threads. End it with :func:`let_go` once every future
    submitted is done (the caller waits for its own, so nothing stops half-way)."""
    executor = _start_children(workers) if count >= CHILDREN_FROM else None
    return executor or ThreadPoolExecutor(workers, thread_name_prefix=name)


def let_go(executor: Executor) -> None:
    """End ``executor`` (from :func:`executor_for`): queued items dropped, children let go."""
    _stop(executor, at_once=False)


def _ordered(
    executor: Executor, fn: Callable[[T], R], items: Sequence[T], *, ahead: int
) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    queued = iter(items)
    for item in itertools.islice(queued, ahead):
        pending.append(executor.submit(fn, item))
    while pending:
        result = pending.popleft().result()
        for item in itertools.islice(queued, 1):
            pending.append(executor.submit(fn, item))
        yield result


def _start_children(workers: int) -> Executor | None:
    """A pool of ``workers`` child processes (started as work arrives), or None when this
    system cannot start any (the batch is then read in threads)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=lower_priority
        )
    except (OSError, ValueError, ImportError) as exc:  # no semaphores, a locked-down system
        log.warning("photo readers not started (%s): reading in threads", exc)
        return None


def _stop(executor: Executor, *, at_once: bool) -> None:
    """End the executor. ``at_once`` (a cancel): queued items are dropped and children
    terminated — what they were computing is thrown away, they write nothing — and reaped;
    threads finish the item in hand. Otherwise the idle children are let go and waited for.
    (Python 3.14's ``ProcessPoolExecutor.terminate_workers`` does the same; 3.11 lacks it.)"""
    children = list((getattr(executor, "_processes", None) or {}).values())
    if not at_once or not children:
        executor.shutdown(wait=True, cancel_futures=True)
        return
    executor.shutdown(wait=False, cancel_futures=True)
    for child in children:
        if child.is_alive():
            child.terminate()
    for child in children:
        child.join(CHILD_JOIN_S)


def lower_priority() -> None:
    """Run this (child) process below the app's priority; where that is refused, as it is.

    On Linux a process's ``nice`` only counts against the processes of its own session: the
    scheduler first shares the CPU between sessions (autogroups), so children in the app's
    session would use up the app's share, and the window waited for its session's next turn
    (100–200 ms at a time on a busy PC). Each child therefore starts a session of its own."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS)
            return
        os.nice(CHILD_NICE)
        if sys.platform.startswith("linux"):
            os.setsid()
    except (OSError, AttributeError):
        pass
