"""Each account's pages made on both cores: the accounts are independent work.

Justified by a measurement in benchmarks/RESULTS.md (2026-12-08): 300 synthetic accounts
(benchmarks/plans.py) build in 0.86x the wall time with two processes than with one on a
2-core machine (15.6 s against 18.1 s, medians of two builds each), for 4% more memory.

A pool of processes pays for itself only with enough accounts to share out (each process starts
by importing kamsite); below that, and with one worker, the pages are made here, one after the
other. Either way the pages are the same and come back in the accounts' order. Processes are
started fresh ("spawn"), never forked from a process that may be running a server's threads.
The work handed out is plain data: each account's computed plan and its page settings.
"""

from __future__ import annotations

import copyreg
import ctypes
import multiprocessing
import os
import signal
import sys
import weakref
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from functools import partial
from typing import TypeVar

from kamsite.core.errors import KamsiteError
from kamsite.core.said import Said, from_pieces
from kamsite.render.pages.common import View
from kamsite.render.site import AccountWork, account_pages

T = TypeVar("T")
POOL_FROM = 48  # accounts to make before a pool is worth its start (about half a second)
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


# a message goes to a process of the pool as its pieces (its text may hold braces, which making
# it again from its text alone would read as a template)
copyreg.pickle(Said, lambda said: (from_pieces, (said.pieces,)))


def workers(option: int | None) -> int:
    """The number of processes: the option, else one per core."""
    return option if option is not None else (os.cpu_count() or 1)


def made(works: Sequence[AccountWork], view: View, processes: int) -> Iterator[Mapping[str, str]]:
    """The pages of each account of `works`, in order. With a pool, the work is handed out at
    once: the caller makes the pages that gather every account meanwhile."""
    job = partial(account_pages, view=view)
    if processes <= 1 or len(works) < POOL_FROM:
        return (job(work) for work in works)
    processes = min(processes, len(works))
    chunk = max(1, len(works) // (processes * 8))  # few round trips, yet an even share of the work
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_end_with,
        initargs=(os.getpid(),),
    )
    with _ctrl_c_held():  # the processes start now, never to see Ctrl-C: the build stops them
        results = _results(pool, pool.map(job, works, chunksize=chunk))
    # a reader that fails before reading (a broken build) still stops the processes
    weakref.finalize(results, pool.shutdown, wait=False, cancel_futures=True)
    return results


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C reaches every process of the terminal's group: a process of the pool would end
    with a traceback at any point of its work, and the build wait for it. Processes started
    while Ctrl-C is held back keep it held back for good; the build gets it once they started."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups to signal
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _end_with(parent: int) -> None:
    """A process of the pool ends with the build that started it, even one killed outright (its
    clean-up never runs): else it would wait for work for ever. Linux only (prctl)."""
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build ended before that was asked
        os._exit(1)


class WorkerError(KamsiteError):
    """A process making pages ended before it finished: killed, most often for want of memory."""


def _results(pool: ProcessPoolExecutor, results: Iterator[T]) -> Iterator[T]:
    with pool:  # the pool ends when the results are read, or when the reader stops
        try:
            yield from results
        except BrokenProcessPool:
            raise WorkerError(
                "a process making the accounts' pages was stopped before it finished (by the system,"
                " perhaps for want of memory): build again, or with fewer processes (workers: 1)"
            ) from None
