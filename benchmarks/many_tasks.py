"""How the work on one plan grows with its tasks: reading, computing and its dashboard.

One plan with N overdue tasks (all under one action, due before `as_of`, so every task is a
cause of the account's health) is read, computed and its dashboard made, in process, at N/4,
N/2 and N tasks; CPU seconds of each step and how many times linear the whole is. The plan
holds more than the 5 MB a plan file may have at 100,000 tasks: this measures the code, not
the loader's limit.
Usage: python benchmarks/many_tasks.py [--tasks 100000]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kamsite.core.parse import parse_plan  # noqa: E402
from kamsite.core.progress import Settings, compute  # noqa: E402
from kamsite.render.formats import Formats  # noqa: E402
from kamsite.render.labels import Labels  # noqa: E402
from kamsite.render.pages.common import View  # noqa: E402
from kamsite.render.pages.dashboard import dashboard  # noqa: E402

AS_OF = date(2027, 6, 15)
HEAD = """---
account: Acme
id: acme
owner: ana
team: {ana: Ana Souza}
period: {start: 2027-01-01, end: 2027-12-31}
goals:
  - {id: g, title: Revenue, unit: BRL, baseline: 100, target: 200}
milestones:
  - {id: q2, title: Q2, quarter: Q2}
actions:
  - {id: act, title: Act, milestone: q2}
---
## Act {#act}
"""


def plan_text(tasks: int) -> str:
    return HEAD + "".join(f"- [ ] Task {n} due:2027-02-{n % 28 + 1:02d}\n" for n in range(tasks))


def measure(tasks: int) -> dict[str, float]:
    text = plan_text(tasks)
    view = View(as_of=AS_OF, settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    t0 = time.process_time()
    file = parse_plan(text, "plans/acme.md")
    t1 = time.process_time()
    acc = compute(file, AS_OF, Settings())
    t2 = time.process_time()
    dashboard(acc, view)
    t3 = time.process_time()
    return {"read": t1 - t0, "compute": t2 - t1, "dashboard": t3 - t2, "total": t3 - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()
    sizes = [args.tasks // 4, args.tasks // 2, args.tasks]
    print("| tasks | read | compute | dashboard | total (CPU s) |")
    print("|---:|---:|---:|---:|---:|")
    found = {}
    for n in sizes:
        found[n] = measure(n)
        f = found[n]
        print(f"| {n:,} | {f['read']:.1f} | {f['compute']:.1f} | {f['dashboard']:.1f} | {f['total']:.1f} |")
    ratio = found[sizes[-1]]["total"] / found[sizes[0]]["total"]
    print(f"\n4× the tasks: {ratio:.2f}× the time ({ratio / 4:.2f}× linear)")


if __name__ == "__main__":
    main()
