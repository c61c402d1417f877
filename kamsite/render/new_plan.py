"""New plans: a commented skeleton, or the structure of a proven plan moved to a new period."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import yaml

from kamsite.core import quarters, sections
from kamsite.core.model import Goal, Milestone, PlanFile, Task
from kamsite.core.sections import CHECKBOX
from kamsite.core.tasks import TOKEN


def default_end(start: date) -> date:
    return quarters.add_months(start, 12) - timedelta(days=1)


def skeleton(plan_id: str, account: str, owner: str, owner_name: str, start: date) -> str:
    """A plan to fill in: valid as it is, with every section explained."""
    front = yaml.safe_dump(
        {
            "account": account,
            "id": plan_id,
            "owner": owner,
            "team": {owner: owner_name},
            "period": {"start": start, "end": default_end(start)},
        },
        sort_keys=False,
        allow_unicode=True,
    )
    return f"""---
{front.rstrip()}
# currency: BRL             # ISO 4217 code for money goals
# tags: [region, segment]
goals: []
# goals:                    # long-term results with a number
#   - id: revenue
#     title: Increase revenue by 20%
#     unit: BRL             # a currency code, "%", or a word ("clients")
#     baseline: 1000000     # value at the period's start
#     target: 1200000       # value to reach by the period's end
#     actuals: {{{start.isoformat()}: 1000000}}
milestones: []
# milestones:               # quarterly objectives, Q1..Q4 counted from period.start
#   - id: q1-renewal
#     title: Renew the annual contract
#     quarter: Q1
#     goals: [revenue]
#     checkpoint: {{revenue: 1050000}}   # expected goal value at the quarter's end
actions: []
# actions:                  # small wins, each with an owner and a due date
#   - id: exec-workshop
#     title: Roadmap workshop with the board
#     milestone: q1-renewal
#     owner: {owner}
#     due: {quarters.add_months(start, 1).isoformat()}
---
## Account routine

- [ ] Write the first goals and milestones of this plan @{owner} due:{start.isoformat()}
"""


Move = Callable[[date], date]


def shifter(old_start: date, new_start: date) -> Move:
    """Moves dates by whole months when the days of the month match, else by days."""
    months = (new_start.year - old_start.year) * 12 + new_start.month - old_start.month
    if quarters.add_months(old_start, months) == new_start:
        return lambda d: quarters.add_months(d, months)
    delta = new_start - old_start
    return lambda d: d + delta


def replicate(source: PlanFile, plan_id: str, account: str, owner: str, owner_name: str, start: date) -> str:
    """The source's goals, milestones, actions and body checklists, reset and moved to `start`.

    Actuals, done dates and statuses are left behind; dropped actions are not carried over.
    """
    plan = source.plan
    move = shifter(plan.period.start, start)
    actions = [a for a in plan.actions if a.status != "dropped"]
    team = {**plan.team, owner: plan.team.get(owner, owner_name)}
    front: dict[str, Any] = {
        "account": account,
        "id": plan_id,
        "owner": owner,
        "team": team,
        "period": {"start": start, "end": move(plan.period.end)},
        **({"currency": plan.currency} if plan.currency else {}),
        **({"tags": list(plan.tags)} if plan.tags else {}),
        "goals": [
            {
                "id": g.id,
                "title": g.title,
                **({"unit": g.unit.written()} if g.unit else {}),
                "baseline": _num(g.baseline),
                "target": _num(g.target),
            }
            for g in plan.goals
        ],
        "milestones": [_milestone(m) for m in plan.milestones],
        "actions": [
            {
                "id": a.id,
                "title": a.title,
                "milestone": a.milestone,
                **({"owner": a.owner} if a.owner else {}),
                **({"due": move(a.due)} if a.due else {}),
            }
            for a in actions
        ],
    }
    text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    return f"---\n{text}---\n{_body(source, move)}"


def next_period(source: PlanFile, plan_id: str, start: date) -> str:
    """The account's plan for the period after `source`'s, which it `follows`.

    Goals keep their id, title and unit; each starts from the previous plan's last actual and
    aims as far relative to it as the previous target did (same target/baseline ratio), rounded
    to the goal's precision and marked for the team to review. Milestones and actions come
    without completion dates or statuses (dropped ones left out), open tasks without the done
    ones, and every date moves with the period.
    """
    plan = source.plan
    move = shifter(plan.period.start, start)
    milestones = [m for m in plan.milestones if m.status != "dropped"]
    kept = {m.id for m in milestones}
    actions = [a for a in plan.actions if a.status != "dropped" and a.milestone in kept]
    front: dict[str, Any] = {
        "account": plan.account,
        "id": plan_id,
        "owner": plan.owner,
        "team": dict(plan.team),
        "period": {"start": start, "end": move(plan.period.end)},
        "follows": plan.id,
        **({"currency": plan.currency} if plan.currency else {}),
        **({"tags": list(plan.tags)} if plan.tags else {}),
        **({"contact_every": plan.contact_every} if plan.contact_every else {}),
    }
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    rest = yaml.safe_dump(
        {
            "milestones": [{k: v for k, v in _milestone(m).items() if k != "checkpoint"} for m in milestones],
            "actions": [
                {
                    "id": a.id,
                    "title": a.title,
                    "milestone": a.milestone,
                    **({"owner": a.owner} if a.owner else {}),
                    **({"due": move(a.due)} if a.due else {}),
                }
                for a in actions
            ],
        },
        sort_keys=False,
        allow_unicode=True,
    )
    goals = "goals:\n" + "".join(_next_goal(g) for g in plan.goals) if plan.goals else "goals: []\n"
    carried = {a.id for a in actions}
    return f"---\n{head}{goals}{rest}---\n" + _body(
        source, move, keep=lambda t: not t.done and (t.action is None or t.action in carried)
    )


def _next_goal(goal: Goal) -> str:
    """One goal of the next plan, as YAML lines with a comment on the target to review."""
    last = goal.actuals[max(goal.actuals)] if goal.actuals else goal.baseline
    places = max(_decimals(v) for v in (goal.baseline, goal.target, *goal.actuals.values()))
    if goal.baseline:
        target = round(last * goal.target / goal.baseline, places)
        how = f"x{goal.target / goal.baseline:.4g} of the baseline, as in the previous plan"
    else:
        target = round(last + goal.target - goal.baseline, places)
        how = "the previous plan's step from its baseline"
    if target == last:  # a ratio cannot move a zero start: keep the previous step instead
        target = round(last + goal.target - goal.baseline, places)
        how = "the previous plan's step from its baseline"
    if goal.unit == "%" and target > 100 >= last:
        target, how = 100, "capped at 100%"
    data: dict[str, Any] = {
        "id": goal.id,
        "title": goal.title,
        **({"unit": goal.unit.written()} if goal.unit else {}),
        "baseline": _num(last),
    }
    lines = yaml.safe_dump([data], sort_keys=False, allow_unicode=True).splitlines()
    lines = ["  " + line for line in lines]
    lines.append(f"    target: {_num(target)}  # review: {how}")
    if goal.measure_every:
        lines.append(f"    measure_every: {goal.measure_every}")
    if goal.internal:
        lines.append("    internal: true")
    return "\n".join(lines) + "\n"


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if float(value).is_integer() or "e" in text else len(text.split(".")[1])


def _milestone(m: Milestone) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id, "title": m.title, "quarter": m.quarter}
    if m.goals:
        out["goals"] = list(m.goals)
    if m.checkpoint:
        out["checkpoint"] = {k: _num(v) for k, v in m.checkpoint.items()}
    return out


def _body(source: PlanFile, move: Move, keep: Callable[[Task], bool] | None = None) -> str:
    """Headings and tasks of the source body: tasks unchecked, done dates removed, due moved.
    Tasks of dropped actions are left behind, and those `keep` refuses."""
    lines = source.body.splitlines()
    kept = {h.line: lines[h.line] for h in sections.read(source.body).headings}
    dropped = {a.id for a in source.plan.actions if a.status == "dropped"}
    for task in (t for t in source.tasks if t.action not in dropped and (keep is None or keep(t))):
        index = task.line - source.body_start
        kept[index] = _reset_task(lines[index], move)
    out, previous = [], None
    for index in sorted(kept):
        if lines[index].lstrip().startswith("#") and previous is not None:
            out.append("")
        out.append(kept[index])
        previous = index
    return "\n".join(out) + "\n" if out else ""


def _reset_task(line: str, move: Move) -> str:
    marker = re.match(r"(\s*[-*+]\s+)", line)
    prefix = marker.group(1) if marker else "- "
    rest = CHECKBOX.sub("", line[len(prefix) :], count=1)

    def token(match: re.Match[str]) -> str:
        if match.lastgroup == "done":
            return ""
        if match.lastgroup == "due":
            return f"due:{move(date.fromisoformat(match.group('due'))).isoformat()}"
        return match.group(0)

    return prefix + "[ ] " + " ".join(TOKEN.sub(token, rest).split())


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
