"""Each account's pages made on every core: the accounts are independent work.

A pool of processes pays for itself only with enough accounts to share out (each process starts
by importing kamsite); below that, and with one worker, the pages are made here, one after the
other. Either way the pages are the same and come back in the accounts' order. Processes are
started fresh ("spawn"), never forked from a process that may be running a server's threads.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from kamsite.render.pages.common import View
from kamsite.render.site import AccountWork, account_pages

POOL_FROM = 48  # accounts to make before a pool is worth its start (about half a second)


def workers(option: int | None) -> int:
    """The number of processes: the option, else one per core."""
    return option if option is not None else (os.cpu_count() or 1)


def made(works: Sequence[AccountWork], view: View, processes: int) -> Iterator[dict[str, str]]:
    """The pages of each account of `works`, in order."""
    if processes <= 1 or len(works) < POOL_FROM:
        yield from (account_pages(work, view) for work in works)
        return
    processes = min(processes, len(works))
    chunk = max(1, len(works) // (processes * 8))  # few round trips, yet an even share of the work
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        yield from pool.map(partial(account_pages, view=view), works, chunksize=chunk)
