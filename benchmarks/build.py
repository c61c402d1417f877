"""`make benchmark`: every speed target of the performance issue, measured in one run on this
machine, with its figure and whether it is met.

    python benchmarks/build.py                       # the full run: N = 1000 and 2000 (~20 min)
    python benchmarks/build.py --quick               # small sizes, a few minutes: to try it
    python benchmarks/build.py --sizes 500 1000      # other sizes (the last two are compared)
    python benchmarks/build.py --lighthouse          # also run Lighthouse (needs npm; see lighthouse.py)

What it measures, each step in a fresh process on synthetic plans (benchmarks/plans.py: 3 goals,
4 milestones, 8 actions, 40 tasks and a page of prose each):

1. builds: kamsite's `mkdocs build --strict` of N plans, and plain MkDocs building one page per
   account with the same Markdown bodies (same Material theme, search, an equally small
   navigation); wall time, HTML pages written, peak memory (summed over the build's processes);
2. `kamsite check` on N plans against PyYAML's C loader loading the same front matters
   (benchmarks/check.py), and one 4.6 MB plan read at a quarter, half and all of its size
   (benchmarks/large_plan.py);
3. live preview under a real `mkdocs serve` (benchmarks/preview.py);
4. Lighthouse's mobile performance score per page type, from the last `make lighthouse` run
   (test-artifacts/lighthouse/summary.json) or a fresh one with --lighthouse;

Where a build's time goes, phase by phase: python benchmarks/phases.py --n 1000.

It prints the machine, a table of targets (target / figure / met), then the details.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check  # noqa: E402
import large_plan  # noqa: E402
import preview  # noqa: E402
from common import machine, mkdocs_build, write_kamsite, write_plain  # noqa: E402

LIGHTHOUSE_SUMMARY = HERE.parent / "test-artifacts" / "lighthouse" / "summary.json"


@dataclass
class Build:
    n: int
    kamsite_s: float
    plain_s: float
    kamsite_mb: float
    plain_mb: float
    kamsite_pages: int
    plain_pages: int
    site_mb: float
    page_kb: float
    first_visit_mb: float
    later_page_kb: float
    baseline_s: float | None  # the same build by the --baseline checkout
    baseline_mb: float | None

    @property
    def ratio(self) -> float:
        return self.kamsite_s / self.plain_s

    @property
    def per_page_ratio(self) -> float:
        return (self.kamsite_s / self.kamsite_pages) / (self.plain_s / self.plain_pages)

    @property
    def mem_ratio(self) -> float:
        return self.kamsite_mb / self.plain_mb


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def first_visit(site: Path, page: Path) -> int:
    """Gzipped bytes of an HTML page and every script and stylesheet it loads, plotly.js
    included when the page has charts (kamsite.js fetches it)."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)"', html)
    files = {page} | {(page.parent / ref.split("?")[0]).resolve() for ref in refs}
    if 'class="ks-chart"' in html:
        files.add((site / "assets/kamsite/plotly.min.js").resolve())
    return sum(len(gzip.compress(f.read_bytes(), 6)) for f in files if f.is_file())


def measure_build(n: int, baseline: Path | None) -> Build:
    with tempfile.TemporaryDirectory(prefix="kamsite-bench-") as tmp:
        kam, plain = write_kamsite(Path(tmp), n), write_plain(Path(tmp), n)
        b_time, b_mem = mkdocs_build(kam, baseline) if baseline else (None, None)
        k_time, k_mem = mkdocs_build(kam)
        p_time, p_mem = mkdocs_build(plain)
        dashboards = sorted((kam / "site" / "accounts").glob("*/index.html"), key=lambda p: p.stat().st_size)
        largest = dashboards[-1]
        built = dict(
            kamsite_pages=pages(kam / "site"),
            plain_pages=pages(plain / "site"),
            site_mb=folder_size(kam / "site") / 1e6,
            page_kb=largest.stat().st_size / 1024,
            first_visit_mb=first_visit(kam / "site", largest) / 1e6,
            later_page_kb=len(gzip.compress(largest.read_bytes(), 6)) / 1024,
        )
        return Build(
            n=n,
            kamsite_s=k_time,
            plain_s=p_time,
            kamsite_mb=k_mem,
            plain_mb=p_mem,
            baseline_s=b_time,
            baseline_mb=b_mem,
            **built,  # type: ignore[arg-type]
        )


def lighthouse(run_it: bool) -> tuple[dict[str, object] | None, str]:
    """The last Lighthouse summary and where it came from."""
    if run_it:
        subprocess.run([sys.executable, str(HERE / "lighthouse.py")], check=True)
    if not LIGHTHOUSE_SUMMARY.is_file():
        return None, "not run: `make lighthouse` writes test-artifacts/lighthouse/summary.json"
    summary = json.loads(LIGHTHOUSE_SUMMARY.read_text(encoding="utf-8"))
    return summary, f"Lighthouse run of {summary.get('date', '?')}"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, target: str, figure: str, met: bool | None) -> None:
        verdict = "n/a" if met is None else ("**met**" if met else "**not met**")
        self.rows.append((target, figure, verdict))
        print(f"  measured: {target}: {figure} ({verdict.strip('*')})", file=sys.stderr, flush=True)

    def show(self) -> str:
        lines = ["| target | figure | met? |", "|---|---|---|"]
        lines += [f"| {t} | {f} | {m} |" for t, f, m in self.rows]
        return "\n".join(lines)


def main() -> None:  # noqa: C901 - one step per target, in the issue's order
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, few repetitions (minutes)")
    parser.add_argument("--sizes", type=int, nargs="*", help="accounts per build (default 1000 2000)")
    parser.add_argument("--check", type=int, help="plans for `kamsite check` (default: the first size)")
    parser.add_argument("--preview-sizes", type=int, nargs=2, help="small and large (default 10 300)")
    parser.add_argument("--repeat", type=int, help="saves per preview size (default 5; quick 3)")
    parser.add_argument("--large-plan", type=int, help="bytes of the large plan (default 4.6 MB)")
    parser.add_argument("--lighthouse", action="store_true", help="run Lighthouse now (else: last run)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["builds", "check", "preview"])
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of another kamsite version (git worktree add ../old COMMIT): its builds are"
        " timed in the same run, beside this one's",
    )
    args = parser.parse_args()
    sizes = args.sizes or ([100, 200] if args.quick else [1000, 2000])
    check_n = args.check or sizes[0]
    small, big = args.preview_sizes or ((10, 50) if args.quick else (10, 300))
    repeat = args.repeat or (3 if args.quick else 5)
    large_size = args.large_plan or (large_plan.SIZE // 4 if args.quick else large_plan.SIZE)
    started = time.perf_counter()
    print(f"Machine: {machine()}", flush=True)
    print(
        f"Sizes: builds at {', '.join(map(str, sizes))} accounts; check on {check_n} plans; "
        f"preview at {small} and {big} accounts, {repeat} saves each; large plan {large_size:,} bytes"
        + (
            " (quick mode: the issue's targets are stated for 1000/2000, 10/200 and 4.6 MB)"
            if args.quick
            else ""
        ),
        flush=True,
    )
    table = Table()
    builds: list[Build] = []
    if "builds" not in args.skip:
        for n in sizes:
            print(f"building {n} accounts with kamsite and with plain MkDocs...", file=sys.stderr, flush=True)
            builds.append(measure_build(n, args.baseline))
        for b in builds:
            if b.baseline_s is not None:
                table.add(
                    f"1. whole build, N = {b.n}: ≤ 1.1× the baseline's ({args.baseline})",
                    f"{b.kamsite_s / b.baseline_s:.2f}× ({b.kamsite_s:.1f} s / {b.baseline_s:.1f} s)",
                    b.kamsite_s / b.baseline_s <= 1.1,
                )
            table.add(
                f"1. per page written, N = {b.n}: ≤ 1.3× plain MkDocs",
                f"{b.per_page_ratio:.2f}×",
                b.per_page_ratio <= 1.3,
            )
            table.add(
                f"1. per page written, N = {b.n}: ≤ 1.2× plain MkDocs",
                f"{b.per_page_ratio:.2f}× ({b.kamsite_s:.1f} s for {b.kamsite_pages} pages; "
                f"plain {b.plain_s:.1f} s for {b.plain_pages})",
                b.per_page_ratio <= 1.2,
            )
            table.add(
                f"1. whole build, N = {b.n}: ≤ 3× plain MkDocs",
                f"{b.ratio:.2f}× ({b.kamsite_s:.1f} s / {b.plain_s:.1f} s)",
                b.ratio <= 3,
            )
        if len(builds) >= 2:
            a, b = builds[-2], builds[-1]
            bound = 2.1 * (b.n / a.n) / 2  # 2.1× for twice the accounts, in proportion otherwise
            growth = b.kamsite_s / a.kamsite_s
            table.add(
                f"2. linear: time at {b.n} ≤ {bound:.2f}× time at {a.n}",
                f"{growth:.2f}× ({a.kamsite_s:.1f} s → {b.kamsite_s:.1f} s)",
                growth <= bound,
            )
        for b in builds:
            table.add(
                f"3. peak memory, N = {b.n}: ≤ 3× plain MkDocs",
                f"{b.mem_ratio:.2f}× ({b.kamsite_mb:.0f} MB / {b.plain_mb:.0f} MB)",
                b.mem_ratio <= 3,
            )
    if "check" not in args.skip:
        print(f"timing `kamsite check` on {check_n} plans and the C loader...", file=sys.stderr, flush=True)
        check_s, floor_s = check.measure(check_n)
        table.add(
            f"4. `kamsite check` on {check_n} plans: ≤ 3× PyYAML's C loader on their front matters",
            f"{check_s / floor_s:.1f}× ({check_s:.2f} s / {floor_s:.2f} s)",
            check_s / floor_s <= 3,
        )
        print("reading the large plan at a quarter, half and all of its size...", file=sys.stderr, flush=True)
        steps = large_plan.growth(large_size)
        (size_1, secs_1), (size_4, secs_4) = steps[0], steps[-1]
        factor = large_plan.linearity(steps)
        whole = large_plan.check_seconds(large_size)
        table.add(
            f"4. a {size_4 / 1e6:.1f} MB plan checked in time linear in its size (≤ 1.25× linear)",
            f"{size_4 / size_1:.1f}× the size takes {secs_4 / secs_1:.1f}× the time ({factor:.2f}× linear; "
            f"{secs_1:.2f} s → {secs_4:.2f} s; `kamsite check` on it: {whole:.1f} s)",
            factor <= 1.25,
        )
    if "preview" not in args.skip:
        medians = {}
        for n in (small, big):
            print(f"live preview at {n} accounts ({repeat} saves)...", file=sys.stderr, flush=True)
            times = preview.measure(n, repeat)
            medians[n] = statistics.median(times)
            print(f"  {n} accounts: {', '.join(f'{t:.2f}' for t in times)} s", file=sys.stderr, flush=True)
        ratio = medians[big] / medians[small]
        table.add(
            f"5. live preview: save → changed dashboard served, {big} accounts ≤ 1.5× {small} accounts",
            f"{ratio:.2f}× (medians {medians[big]:.2f} s / {medians[small]:.2f} s)",
            ratio <= 1.5,
        )
    summary, origin = lighthouse(args.lighthouse)
    if summary is None:
        table.add("6. Lighthouse mobile performance ≥ 90 on every page type", origin, None)
    else:
        scores: dict[str, int] = summary["scores"]  # type: ignore[assignment]
        worst = min(scores, key=lambda k: scores[k])
        shown = ", ".join(f"{page} {score}" for page, score in scores.items())
        table.add(
            "6. Lighthouse mobile performance ≥ 90 on every page type",
            f"lowest {scores[worst]} ({worst}); {shown} ({origin})",
            scores[worst] >= 90,
        )
    print("\n" + table.show(), flush=True)
    if builds:
        print(
            "\n| N | kamsite | plain MkDocs | pages kamsite / plain | peak memory kamsite / plain "
            "| site size | largest account page | first visit (gzip) | later page (gzip) "
            "| baseline: time, peak memory |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for b in builds:
            print(
                f"| {b.n} | {b.kamsite_s:.1f} s | {b.plain_s:.1f} s | {b.kamsite_pages} / {b.plain_pages} | "
                f"{b.kamsite_mb:.0f} / {b.plain_mb:.0f} MB | {b.site_mb:.0f} MB | {b.page_kb:.0f} KB | "
                f"{b.first_visit_mb:.2f} MB | {b.later_page_kb:.0f} KB | "
                + (f"{b.baseline_s:.1f} s, {b.baseline_mb:.0f} MB |" if b.baseline_s else "— |")
            )
    if any(verdict == "**not met**" for _, _, verdict in table.rows):
        print("\nWhere a build's time goes, phase by phase: python benchmarks/phases.py --n 1000")
    print(f"\nThe benchmark took {(time.perf_counter() - started) / 60:.1f} min.")


if __name__ == "__main__":
    main()
