"""`kamsite check` on N plans against the floor for reading them: PyYAML's C loader.

    python benchmarks/check.py            # N = 1000
    python benchmarks/check.py --n 200

Writes N synthetic plans, times `kamsite check` on them as a user runs it (a fresh process,
start-up included), then times `yaml.load(..., Loader=yaml.CSafeLoader)` loading the same N
front matters in this process (files read and split included), and prints both and the ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import run, write_kamsite  # noqa: E402


def c_loader_seconds(plans: Path) -> float:
    """The best of three: read every plan, split off its front matter, load it with the C loader."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for path in sorted(plans.glob("*.md")):
            front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
            yaml.load(front, Loader=yaml.CSafeLoader)
        best = min(best, time.perf_counter() - started)
    return best


def measure(n: int) -> tuple[float, float]:
    """Seconds of `kamsite check` (best of three) and of the C loader, on N plans."""
    if not hasattr(yaml, "CSafeLoader"):
        raise SystemExit("PyYAML was built without libyaml: the C loader to compare with is missing.")
    with tempfile.TemporaryDirectory(prefix="kamsite-check-") as tmp:
        project = write_kamsite(Path(tmp), n)
        kamsite = Path(sys.executable).parent / "kamsite"
        check = min(run([str(kamsite), "check", "plans"], project)[0] for _ in range(3))
        return check, c_loader_seconds(project / "plans")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    n = parser.parse_args().n
    check, floor = measure(n)
    print(f"kamsite check, {n} plans: {check:.2f} s; C loader: {floor:.2f} s; ratio {check / floor:.1f}×")


if __name__ == "__main__":
    main()
