"""The account's plan for the next period (`kamsite next`), as a key account manager renews it.

The new plan is the old one's model with its outcomes reset (see `new_plan`), written by
`front_matter`; what the tool decided for the team (a baseline, a scaled target, a title that
names the old year or the old target, an open task still owed) carries a `# review:` comment.
The body is kept as written: its prose and notes, the headings, and the open tasks, without the
done ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kamsite.core.model import Goal, Plan, PlanFile, Task
from kamsite.core.quarters import add_months
from kamsite.render import new_plan as base
from kamsite.render.formats import Formats
from kamsite.render.front_matter import front_matter
from kamsite.render.labels import Labels

YEAR = re.compile(r"(?<!\d)(19|20|21)\d\d(?!\d)")
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])")


@dataclass(frozen=True)
class Start:
    """Where a goal of the next plan starts: the previous plan's last actual (`on` its date), or
    its baseline when it has no actual (`on` None)."""

    goal: Goal
    value: float
    on: date | None


def starts(plan: Plan) -> list[Start]:
    """Each goal's starting value for the next period, in the plan's order."""
    return [
        Start(g, g.actuals[max(g.actuals)], max(g.actuals)) if g.actuals else Start(g, g.baseline, None)
        for g in plan.goals
    ]


def early(plan: Plan, as_of: date) -> bool:
    """Whether the plan still has more than a quarter to run on `as_of`: its last actuals are
    then not the period's outcome, and the next plan would start from them."""
    return add_months(as_of, 3) < plan.period.end


def next_period(source: PlanFile, plan_id: str, start: date, labels: Labels | None = None) -> str:
    """The account's plan for the period after `source`'s, which it `follows`.

    Goals keep their id, title and unit; each starts from the previous plan's last actual and
    aims as far relative to it as the previous target did (same target/baseline ratio), rounded
    (see `rounded`). Milestones and actions come without completion dates, statuses or
    checkpoints (dropped ones left out); their dates move with the period. The body keeps its
    prose; done tasks stay behind; an open series restarts in the new period; any other open
    task keeps its due date, listed for review.
    """
    plan, words = source.plan, labels or Labels()
    move = base.shifter(plan.period.start, start)
    milestones, actions = base.carried(plan)
    goals = [_next_goal(i, s, words, plan.id) for i, s in enumerate(starts(plan))]
    new = plan.model_copy(
        update={
            "id": plan_id,
            "period": base.moved(plan.period, start, move),
            "follows": plan.id,
            "goals": [goal for goal, _ in goals],
            # the checkpoints led to the old targets; the team sets new ones with the new targets
            "milestones": [base.fresh_milestone(m).model_copy(update={"checkpoint": {}}) for m in milestones],
            "actions": [base.fresh_action(a, move) for a in actions],
        }
    )
    kept = {a.id for a in actions}
    tasks = [t for t in source.tasks if not t.done and base.of(t, kept)]
    notes = {k: v for _, n in goals for k, v in n.items()} | _titles(new, plan, words)
    owed = [t for t in tasks if t.every is None]
    front = base.annotate(front_matter(new), notes, words) + _owed(owed, plan.id, words)
    return f"---\n{front}---\n" + _body(source, move, {t.line for t in tasks})


def rounded(value: float, target: float, numbers: Sequence[float]) -> float:
    """`value` (a next target) to the place of the last digit written in the previous `target`
    (35 -> units, 3000000 -> millions), kept to two or three significant digits, and to no more
    decimals than the goal's `numbers` were written with: 36.8 under 35 -> 37, 3480000 under
    3000000 -> 3500000, 4841667 under 4850000 -> 4840000, 7.5 hospitals under 6 -> 8."""
    return _at(value, _place(value, target, numbers))


def _place(value: float, target: float, numbers: Sequence[float]) -> int:
    """The decimal place to round `value` to (0: units, 5: hundred thousands, -1: tenths)."""
    if value == 0:
        return 0
    top = _written(value).adjusted()  # the place of its first significant digit
    finest = min(min(_last(n) for n in numbers), 0) if numbers else 0
    return max(min(_last(target), top - 1), top - 2, finest)


def _last(number: float) -> int:
    """The place of the last non-zero digit of a number as written (0 for zero)."""
    written = _written(number).normalize()
    return int(written.as_tuple().exponent) if written else 0


def _written(number: float) -> Decimal:
    return Decimal(repr(float(number)))


def _at(value: float, place: int) -> float:
    return float(_written(value).quantize(Decimal(1).scaleb(place), rounding=ROUND_HALF_UP))


def _next_goal(index: int, start: Start, w: Labels, old_id: str) -> tuple[Goal, dict[str, str]]:
    """The goal for the next period, and its review notes by field (a goal to hold keeps its
    band and its weight: only its baseline to review)."""
    goal, last, fmt = start.goal, start.value, Formats(w.locale)
    i = f"goals[{index}]"
    notes = {f"{i}.baseline": _whence(start, old_id, w, fmt)}
    fresh = base.fresh_goal(goal).model_copy(update={"baseline": last})
    if goal.hold is not None:
        return fresh, notes
    target, how = _scaled(goal, last, w, fmt)
    near = _distinct(target, _place(target, goal.moves_to, goal.numbers), last)
    if near != target:
        target, how = near, w("new.review.rounded", how=how, exact=fmt.number(target))
    if goal.unit == "%" and target > 100 >= last:
        target, how = 100, w["new.review.capped"]
    return fresh.model_copy(update={"target": target}), notes | {f"{i}.target": how}


def _scaled(goal: Goal, last: float, w: Labels, fmt: Formats) -> tuple[float, str]:
    """The target as far from `last` as the old one was from its baseline: the same ratio, or,
    from or to a zero start, the same step."""
    aim = goal.moves_to
    if goal.baseline and last * aim / goal.baseline != last:
        ratio = f"{aim / goal.baseline:.4g}".replace(".", fmt.decimal_mark)
        return last * aim / goal.baseline, w("new.review.ratio", ratio=ratio)
    return last + aim - goal.baseline, w["new.review.step"]


def _distinct(target: float, place: int, last: float) -> float:
    """The target rounded at `place`, or finer while rounding would make it the baseline."""
    return next((near for p in range(place, place - 3, -1) if (near := _at(target, p)) != last), target)


def _whence(start: Start, old_id: str, w: Labels, fmt: Formats) -> str:
    if start.on is None:
        return w("new.review.baseline_kept", plan=old_id)
    return w("new.review.baseline", plan=old_id, date=fmt.date(start.on))


def _titles(new: Plan, old: Plan, w: Labels) -> dict[str, str]:
    """Titles that name a year of the previous period, or a goal's previous target."""
    years = {str(y) for y in range(old.period.start.year, old.period.end.year + 1)}
    titles = {
        **{f"goals[{i}].title": g.title for i, g in enumerate(new.goals)},
        **{f"milestones[{i}].title": m.title for i, m in enumerate(new.milestones)},
        **{f"actions[{i}].title": a.title for i, a in enumerate(new.actions)},
    }
    said = {
        path: [w("new.review.title_year", year=year)]
        for path, title in titles.items()
        if (year := next((m.group(0) for m in YEAR.finditer(title) if m.group(0) in years), None))
    }
    for i, (was, goal) in enumerate(zip(old.goals, new.goals, strict=True)):
        if number := _names_target(goal.title, was, goal):
            said.setdefault(f"goals[{i}].title", []).append(w("new.review.title_target", number=number))
    return {path: "; ".join(notes) for path, notes in said.items()}


def _names_target(title: str, old: Goal, new: Goal) -> str | None:
    """The number in a goal's title that is its previous target, when the target changed."""
    if old.target is None or new.target == old.target:
        return None
    for match in NUMBER.finditer(title):
        if float(match.group(0).replace(",", ".")) == old.target:
            return match.group(0)
    return None


def _owed(tasks: list[Task], old_id: str, w: Labels) -> str:
    """A review comment listing the open tasks carried with their dates as they were."""
    if not tasks:
        return ""
    fmt = Formats(w.locale)
    head = w("new.review.tasks", count=len(tasks), plan=old_id)
    lines = [f"# {w('new.review', how=head)}"]
    for task in tasks:
        due = w("new.review.task_due", date=fmt.date(task.due)) if task.due else ""
        lines.append(f"#   - {task.text}{due}")
    return "\n".join(lines) + "\n"


def _body(source: PlanFile, move: base.Move, kept: set[int]) -> str:
    """The body as written, without the task items not `kept` (file lines): a kept series loses
    its done dates and starts again in the new period; any other kept task stays as written."""
    lines = source.body.splitlines()
    series = {t.line - source.body_start for t in source.tasks if t.every is not None}
    out = []
    for index, item in _items(source):
        if item is None or item + source.body_start in kept:
            line = lines[index]
            out.append(base.reset_task(line, move) if index == item and item in series else line)
    return "\n".join(out) + "\n" if out else ""


def _items(source: PlanFile) -> Iterator[tuple[int, int | None]]:
    """Each body line with the first line of the innermost task item holding it (None: none)."""
    owner: dict[int, int] = {}
    for item in sorted(source.reading.tasks, key=lambda t: t.start):  # inner items come later
        owner.update(dict.fromkeys(range(item.start, item.end), item.start))
    for index in range(len(source.body.splitlines())):
        yield index, owner.get(index)
