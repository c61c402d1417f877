"""Synthetic but realistic account plans for benchmarks: 3 goals with actuals, 4 milestones
with checkpoints, 8 actions, 40 tasks and a page of prose each."""

from __future__ import annotations

import random
from datetime import date, timedelta

PROSE = (
    "Conta estratégica com três fábricas e compras centralizadas. O decisor é o diretor "
    "industrial; engenharia de processos e suprimentos influenciam a compra. Prioridades do "
    "cliente neste ano: prazo de entrega, custo total e suporte técnico nas linhas novas. "
)


def plan_text(n: int, seed: int = 0) -> str:
    rng = random.Random(seed * 100_003 + n)
    start = date(2027, 1, 1)
    goals, milestones, actions = [], [], []
    ranges = []
    for g in range(3):
        base = rng.randint(100, 5_000_000)
        target = base + rng.randint(1, base)
        ranges.append((base, target))
        actuals = "".join(
            f"\n      {start + timedelta(days=30 * (m + 1)):%Y-%m-%d}: "
            f"{base + (target - base) * (m + 1) // 12}"
            for m in range(4)
        )
        goals.append(f"""  - id: goal-{g}
    title: Meta {g} da conta {n}
    unit: {"BRL" if g == 0 else '"%"' if g == 1 else "toneladas"}
    baseline: {base}
    target: {target}
    actuals:{actuals}""")
    for q in range(4):
        milestones.append(f"""  - id: m{q + 1}
    title: Marco do trimestre {q + 1} da conta {n}
    quarter: Q{q + 1}
    goals: [goal-0]
    checkpoint: {{goal-0: {step(ranges[0], q)}, goal-1: {step(ranges[1], q)}}}""")
    for a in range(8):
        due = start + timedelta(days=45 * a + 20)
        actions.append(f"""  - id: a{a}
    title: Ação {a} da conta {n}
    milestone: m{a // 2 + 1}
    owner: {"ana" if a % 2 else "bruno"}
    due: {due:%Y-%m-%d}""")
    body = []
    for a in range(8):
        body.append(f"## Ação {a} {{#a{a}}}\n\n{PROSE}\n")
        for t in range(5):
            due = start + timedelta(days=45 * a + 4 * t)
            done = rng.random() < 0.5
            mark = "x" if done else " "
            extra = f" done:{due:%Y-%m-%d}" if done else ""
            body.append(f"- [{mark}] Tarefa {t} da ação {a} due:{due:%Y-%m-%d}{extra}")
        body.append("")
    return f"""---
account: Conta {n:05d} S.A.
id: conta-{n:05d}
owner: ana
team:
  ana: Ana Souza
  bruno: Bruno Lima
period: {{start: 2027-01-01, end: 2027-12-31}}
currency: BRL
tags: [benchmark]
goals:
{chr(10).join(goals)}
milestones:
{chr(10).join(milestones)}
actions:
{chr(10).join(actions)}
---
{PROSE * 3}

{chr(10).join(body)}
"""


def step(bounds: tuple[int, int], quarter: int) -> int:
    """The checkpoint at the end of a quarter (0-3): inside the goal's range, the target at Q4,
    as the plan format requires."""
    base, target = bounds
    return base + (target - base) * (quarter + 1) // 4


def body_of(text: str) -> str:
    """The Markdown body of a plan, for the plain-MkDocs side of the comparison."""
    return text.split("\n---\n", 1)[1]
