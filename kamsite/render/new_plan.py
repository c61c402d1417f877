"""New plans: a commented skeleton, or the structure of a proven plan moved to a new period.

Each new plan is derived as a model value from its source (what a new period starts without is
reset in `fresh_*` and in `next_plan`, on purpose) and written by `front_matter`, so every
other field, including one the model gains later, is carried without being named here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from kamsite.core import quarters, sections
from kamsite.core.model import Action, Goal, Milestone, Period, Plan, PlanFile, Task
from kamsite.core.sections import CHECKBOX
from kamsite.core.tasks import TOKEN
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


def replicate(
    source: PlanFile,
    plan_id: str,
    account: str,
    owner: str,
    owner_name: str,
    start: date,
    labels: Labels | None = None,
) -> str:
    """The source's goals, milestones, actions and body checklists, reset and moved to `start`.

    Actuals, done dates and statuses are left behind; dropped milestones and actions are not
    carried over. The new account's plan follows no plan, and knows none of the source
    client's people: no stakeholders, no task's `with:`. What it takes of the other client's
    plan (the team, the tags, the goals' numbers, the checkpoints) is marked for review.
    """
    plan, words = source.plan, labels or Labels()
    move = shifter(plan.period.start, start)
    milestones, actions = carried(plan)
    new = plan.model_copy(
        update={
            "account": account,
            "id": plan_id,
            "owner": owner,
            "team": {**plan.team, owner: plan.team.get(owner, owner_name)},
            "period": moved(plan.period, start, move),
            "follows": None,
            "formerly": [],
            "stakeholders": [],  # another client's people
            "goals": [fresh_goal(g) for g in plan.goals],
            "milestones": [fresh_milestone(m) for m in milestones],
            "actions": [fresh_action(a, move) for a in actions],
        }
    )
    kept = {a.id for a in actions}
    # another client's plan: what that client was shown is not this one's to see until decided
    body = _body(source, move, keep=lambda t: of(t, kept))
    notes = dict.fromkeys(_copied(new), words("new.review.copied", plan=plan.id))
    return f"---\n{annotate(front_matter(new), notes, words)}---\n" + body


def _copied(plan: Plan) -> list[str]:
    """The fields of a plan made from another client's that hold that client's facts."""
    fields = [name for name in ("team", "tags") if getattr(plan, name)]
    for i, goal in enumerate(plan.goals):
        fields += [
            f"goals[{i}].{name}" for name in ("baseline", "target", "hold") if getattr(goal, name) is not None
        ]
    return fields + [f"milestones[{i}].checkpoint" for i, m in enumerate(plan.milestones) if m.checkpoint]


def annotate(front: str, notes: Mapping[str, str], w: Labels) -> str:
    """The front matter with a `# review: …` comment on each line whose field has a note
    (`tags`, `goals[0].target`): YAML dumps no comments."""
    lines, section, index = [], "", -1
    for line in front.splitlines():
        path = None
        if not line.startswith(" "):
            section, index = line.split(":", 1)[0], -1
            path = section
        elif line.startswith(("  - ", "    ")) and not line.startswith("     "):
            index += line.startswith("  - ")
            path = f"{section}[{index}].{line[4:].split(':', 1)[0]}"
        note = notes.get(path) if path else None
        lines.append(f"{line}  # {w('new.review', how=note)}" if note else line)
    return "\n".join(lines) + "\n"


def carried(plan: Plan) -> tuple[list[Milestone], list[Action]]:
    """The milestones and actions a new plan takes: not dropped, nor under a dropped milestone."""
    milestones = [m for m in plan.milestones if m.status != "dropped"]
    kept = {m.id for m in milestones}
    return milestones, [a for a in plan.actions if a.status != "dropped" and a.milestone in kept]


def of(task: Task, actions: set[str]) -> bool:
    return task.action is None or task.action in actions


def moved(period: Period, start: date, move: Move) -> Period:
    return period.model_copy(update={"start": start, "end": move(period.end)})


# What a new period starts without: the outcomes of the old one. Everything else is carried.
def fresh_goal(goal: Goal) -> Goal:
    return goal.model_copy(update={"actuals": {}})


def fresh_milestone(milestone: Milestone) -> Milestone:
    return milestone.model_copy(update={"done": None, "status": None})


def fresh_action(action: Action, move: Move) -> Action:
    due = action.due and move(action.due)
    return action.model_copy(update={"due": due, "status": None, "done": None})


def _body(source: PlanFile, move: Move, keep: Callable[[Task], bool]) -> str:
    """Headings and the tasks `keep` takes of another client's plan body: unchecked, done dates
    removed, due moved; no heading keeps the class `.client` and no task its `with:`."""
    lines = source.body.splitlines()
    kept = {h.line: _private(lines[h.line]) for h in sections.read(source.body).headings}
    for task in (t for t in source.tasks if keep(t)):
        index = task.line - source.body_start
        kept[index] = reset_task(lines[index], move, met=False)
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


def reset_task(line: str, move: Move, met: bool = True) -> str:
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
