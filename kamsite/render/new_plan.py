"""New plans: a commented skeleton, or the structure of a proven plan moved to a new period.

Each new plan is derived as a model value from its source (what a new period starts without is
reset in `_fresh_*` and in `next_period`, on purpose) and written by `front_matter`, so every
other field, including one the model gains later, is carried without being named here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from kamsite.core import quarters, sections
from kamsite.core.model import Action, Goal, Milestone, Period, Plan, PlanFile, Task
from kamsite.core.sections import CHECKBOX
from kamsite.core.tasks import TOKEN
from kamsite.render.formats import Formats
from kamsite.render.front_matter import front_matter
from kamsite.render.labels import Labels


def default_end(start: date) -> date:
    return quarters.add_months(start, 12) - timedelta(days=1)


def skeleton(
    plan_id: str, account: str, owner: str, owner_name: str, start: date, labels: Labels | None = None
) -> str:
    """A plan to fill in: valid as it is, with every section explained in the labels' language."""
    words = labels or Labels()
    # not validated here: `kamsite new` parses the text, and reports a bad value with its line
    plan = Plan.model_construct(
        account=account,
        id=plan_id,
        owner=owner,
        team={owner: owner_name},
        period=Period.model_construct(start=start, end=default_end(start)),
    )
    examples = _examples(owner, start, words)
    front = "".join(examples.get(line, line + "\n") for line in front_matter(plan).splitlines())
    return f"""---
{front}---
## {words["new.routine"]}

- [ ] {words["new.first_task"]} @{owner} due:{start.isoformat()}
"""


def _examples(owner: str, start: date, w: Labels) -> dict[str, str]:
    """The skeleton's empty sections, each with a commented example after it."""
    goal, milestone = w["new.example.goal_id"], w["new.example.milestone_id"]
    return {
        "goals: []": _commented(
            ("# currency: BRL", w["new.comment.currency"]),
            (f"# tags: [{w['new.example.tags']}]", ""),
            ("goals: []", ""),
            ("# goals:", w["new.comment.goals"]),
            (f"#   - id: {goal}", ""),
            (f"#     title: {w['new.example.goal']}", ""),
            ("#     unit: BRL", w["new.comment.unit"]),
            ("#     baseline: 1000000", w["new.comment.baseline"]),
            ("#     target: 1200000", w["new.comment.target"]),
            ("#     weight: 2", w["new.comment.weight"]),
            (f"#     actuals: {{{start.isoformat()}: 1000000}}", ""),
            (f"#   - id: {w['new.example.hold_id']}", w["new.comment.hold_goal"]),
            (f"#     title: {w['new.example.hold']}", ""),
            ('#     unit: "%"', ""),
            ("#     baseline: 20", ""),
            ("#     hold: {min: 18, max: 22}", w["new.comment.hold"]),
        ),
        "milestones: []": _commented(
            ("milestones: []", ""),
            ("# milestones:", w["new.comment.milestones"]),
            (f"#   - id: {milestone}", ""),
            (f"#     title: {w['new.example.milestone']}", ""),
            ("#     quarter: Q1", ""),
            (f"#     goals: [{goal}]", ""),
            (f"#     checkpoint: {{{goal}: 1050000}}", w["new.comment.checkpoint"]),
        ),
        "actions: []": _commented(
            ("actions: []", ""),
            ("# actions:", w["new.comment.actions"]),
            (f"#   - id: {w['new.example.action_id']}", ""),
            (f"#     title: {w['new.example.action']}", ""),
            (f"#     milestone: {milestone}", ""),
            (f"#     owner: {owner}", ""),
            (f"#     due: {quarters.add_months(start, 1).isoformat()}", ""),
        ),
    }


def _commented(*lines: tuple[str, str]) -> str:
    """YAML lines, each with its comment (if any) in a column."""
    return "".join((f"{code:<27} # {comment}" if comment else code) + "\n" for code, comment in lines)


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

    Actuals, done dates and statuses are left behind; dropped milestones and actions are not
    carried over. The new account's plan follows no plan, and knows none of the source
    client's people: no stakeholders, no task's `with:`.
    """
    plan = source.plan
    move = shifter(plan.period.start, start)
    milestones, actions = _carried(plan)
    new = plan.model_copy(
        update={
            "account": account,
            "id": plan_id,
            "owner": owner,
            "team": {**plan.team, owner: plan.team.get(owner, owner_name)},
            "period": _moved(plan.period, start, move),
            "follows": None,
            "formerly": [],
            "stakeholders": [],  # another client's people
            "goals": [_fresh_goal(g) for g in plan.goals],
            "milestones": [_fresh_milestone(m) for m in milestones],
            "actions": [_fresh_action(a, move) for a in actions],
        }
    )
    carried = {a.id for a in actions}
    # another client's plan: what that client was shown is not this one's to see until decided
    body = _body(source, move, keep=lambda t: _of(t, carried), shared=False)
    return f"---\n{front_matter(new)}---\n" + body


def next_period(source: PlanFile, plan_id: str, start: date, labels: Labels | None = None) -> str:
    """The account's plan for the period after `source`'s, which it `follows`.

    Goals keep their id, title and unit; each starts from the previous plan's last actual and
    aims as far relative to it as the previous target did (same target/baseline ratio), rounded
    to the goal's precision and marked for the team to review, in the labels' language. Milestones
    and actions come without completion dates, statuses or checkpoints (dropped ones left out),
    open tasks without the done ones, and every date moves with the period.
    """
    plan = source.plan
    move = shifter(plan.period.start, start)
    milestones, actions = _carried(plan)
    words = labels or Labels()
    goals = [_next_goal(g, words) for g in plan.goals]
    new = plan.model_copy(
        update={
            "id": plan_id,
            "period": _moved(plan.period, start, move),
            "follows": plan.id,
            "goals": [goal for goal, _ in goals],
            # the checkpoints led to the old targets; the team sets new ones with the new targets
            "milestones": [_fresh_milestone(m).model_copy(update={"checkpoint": {}}) for m in milestones],
            "actions": [_fresh_action(a, move) for a in actions],
        }
    )
    front = _with_reviews(front_matter(new), [words("new.review", how=how) for _, how in goals])
    carried = {a.id for a in actions}
    return f"---\n{front}---\n" + _body(source, move, keep=lambda t: not t.done and _of(t, carried))


def _carried(plan: Plan) -> tuple[list[Milestone], list[Action]]:
    """The milestones and actions a new plan takes: not dropped, nor under a dropped milestone."""
    milestones = [m for m in plan.milestones if m.status != "dropped"]
    kept = {m.id for m in milestones}
    return milestones, [a for a in plan.actions if a.status != "dropped" and a.milestone in kept]


def _of(task: Task, actions: set[str]) -> bool:
    return task.action is None or task.action in actions


def _moved(period: Period, start: date, move: Move) -> Period:
    return period.model_copy(update={"start": start, "end": move(period.end)})


# What a new period starts without: the outcomes of the old one. Everything else is carried.
def _fresh_goal(goal: Goal) -> Goal:
    return goal.model_copy(update={"actuals": {}})


def _fresh_milestone(milestone: Milestone) -> Milestone:
    return milestone.model_copy(update={"done": None, "status": None})


def _fresh_action(action: Action, move: Move) -> Action:
    due = action.due and move(action.due)
    return action.model_copy(update={"due": due, "status": None, "done": None})


def _next_goal(goal: Goal, w: Labels) -> tuple[Goal, str]:
    """The goal for the next period, and how its target was found, for the team to review (a
    goal to hold keeps its band and its weight, from the last actual: nothing to review)."""
    last = goal.actuals[max(goal.actuals)] if goal.actuals else goal.baseline
    if goal.hold is not None:
        return _fresh_goal(goal).model_copy(update={"baseline": last}), ""
    aim = goal.moves_to
    places = max(_decimals(v) for v in goal.numbers)
    if goal.baseline:
        target = round(last * aim / goal.baseline, places)
        ratio = f"{aim / goal.baseline:.4g}".replace(".", Formats(w.locale).decimal_mark)
        how = w("new.review.ratio", ratio=ratio)
    else:
        target = round(last + aim - goal.baseline, places)
        how = w["new.review.step"]
    if target == last:  # a ratio cannot move a zero start: keep the previous step instead
        target = round(last + aim - goal.baseline, places)
        how = w["new.review.step"]
    if goal.unit == "%" and target > 100 >= last:
        target, how = 100, w["new.review.capped"]
    return _fresh_goal(goal).model_copy(update={"baseline": last, "target": target}), how


def _with_reviews(front: str, notes: list[str]) -> str:
    """Each goal's target line with a note on how it was computed (YAML dumps no comments)."""
    lines, section, goal = [], "", -1
    for line in front.splitlines():
        if not line.startswith(" "):
            section = line.split(":", 1)[0]
        elif section == "goals" and line.startswith("  - "):
            goal += 1
        elif section == "goals" and line.startswith("    target: "):
            line += f"  # {notes[goal]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if float(value).is_integer() or "e" in text else len(text.split(".")[1])


def _body(source: PlanFile, move: Move, keep: Callable[[Task], bool], shared: bool = True) -> str:
    """Headings and the tasks `keep` takes of the source body: unchecked, done dates removed,
    due moved; without `shared` (another client's plan), no heading keeps the class `.client`
    and no task its `with:`."""
    lines = source.body.splitlines()
    kept = {
        h.line: lines[h.line] if shared else _private(lines[h.line])
        for h in sections.read(source.body).headings
    }
    for task in (t for t in source.tasks if keep(t)):
        index = task.line - source.body_start
        kept[index] = _reset_task(lines[index], move, shared)
    out, previous = [], None
    for index in sorted(kept):
        if lines[index].lstrip().startswith("#") and previous is not None:
            out.append("")
        out.append(kept[index])
        previous = index
    return "\n".join(out) + "\n" if out else ""


def _private(heading: str) -> str:
    """A heading line without the class `.client` ('## Ours {.client #x}' -> '## Ours {#x}')."""
    match = sections.HEADING_ATTRS.search(heading)
    if not match or ".client" not in match.group(1).split():
        return heading
    rest = [part for part in match.group(1).split() if part != ".client"]
    return heading[: match.start()] + (" {" + " ".join(rest) + "}" if rest else "")


def _reset_task(line: str, move: Move, met: bool = True) -> str:
    """An open copy of a task line: no done date, its due date moved; without `met` (another
    client's plan), no `with:` either."""
    marker = re.match(r"(\s*[-*+]\s+)", line)
    prefix = marker.group(1) if marker else "- "
    rest = CHECKBOX.sub("", line[len(prefix) :], count=1)

    def token(match: re.Match[str]) -> str:
        if match.lastgroup == "done" or (match.lastgroup == "met" and not met):
            return ""
        if match.lastgroup == "due":
            return f"due:{move(date.fromisoformat(match.group('due'))).isoformat()}"
        return match.group(0)

    return prefix + "[ ] " + " ".join(TOKEN.sub(token, rest).split())
