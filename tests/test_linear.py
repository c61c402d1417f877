"""Reading a plan takes time linear in its size: a 4.6 MB plan is checked in about a second."""

import gc
import sys
import time
from pathlib import Path

from kamsite.core.parse import parse_plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from large_plan import SIZE, large_plan  # noqa: E402


def best_of(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        parse_plan(text, "plans/large.md")
        best = min(best, time.perf_counter() - start)
    return best


def test_four_times_the_size_takes_at_most_six_times_as_long():
    small, large = large_plan(SIZE // 4), large_plan(SIZE)
    assert 4_500_000 < len(large.encode()) < 4_700_000
    small_times, large_times = [], []
    for _ in range(3):  # interleaved, so a busy moment on a shared machine weighs on both
        small_times.append(best_of(small, 1))
        large_times.append(best_of(large, 1))
    ratio = min(large_times) / min(small_times)
    assert ratio <= 6, f"{min(small_times):.2f} s, then {min(large_times):.2f} s: {ratio:.1f} times"
    assert min(large_times) < 10  # about a second on a laptop; a minute when reading was quadratic
