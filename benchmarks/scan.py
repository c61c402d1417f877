"""Reading a plan's body: the line scanner against the Markdown parser, per plan.

    python benchmarks/scan.py            # 300 synthetic plans (40 tasks, 8 headings, prose each)
    python benchmarks/scan.py --n 100

Prints milliseconds per plan (best of three) for finding headings and task lines with the
Markdown parser alone (how every body was read before the scanner), with the scanner, and for
the whole of reading and validating a plan (`parse_plan`: front matter, schema, tasks).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from kamsite.core import blocks  # noqa: E402
from kamsite.core.parse import parse_plan  # noqa: E402
from plans import body_of, plan_text  # noqa: E402


def per_plan(fn: Callable[[str], object], texts: list[str]) -> float:
    """Milliseconds per plan, the best of three passes."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - started)
    return best / len(texts) * 1000


def measure(n: int) -> dict[str, float]:
    texts = [plan_text(i) for i in range(n)]
    bodies = [body_of(t) for t in texts]
    return {
        "parser": per_plan(blocks.parse, bodies),
        "scanner": per_plan(blocks.scan, bodies),
        "parse_plan": per_plan(lambda t: parse_plan(t, "plans/conta.md"), texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=300)
    r = measure(parser.parse_args().n)
    print(
        f"headings and task lines: Markdown parser {r['parser']:.2f} ms/plan, "
        f"line scanner {r['scanner']:.2f} ms/plan ({r['parser'] / r['scanner']:.1f}× faster); "
        f"reading and validating a whole plan: {r['parse_plan']:.2f} ms/plan"
    )


if __name__ == "__main__":
    main()
