"""The portfolio: the valid plans, and the invalid ones with their problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from kamsite.core.errors import Problem, suggest
from kamsite.core.model import PlanFile
from kamsite.core.progress import AccountProgress
from kamsite.core.said import Said
from kamsite.core.validate import as_of_warnings


@dataclass(frozen=True)
class Invalid:
    """A plan file that did not validate; `id` and `name` are best guesses for its page."""

    path: str
    id: str
    name: str
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()  # those told without a valid plan (check shows them too)


@dataclass
class Portfolio:
    plans: list[PlanFile] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for bad in self.invalid for p in bad.problems]

    def warnings(self, decimal_comma: bool = False) -> list[Problem]:
        """The warnings about what the valid plans say (they fail --strict); `decimal_comma`
        adds those for readers who write decimals with a comma (2.500 meant as 2500)."""
        told = [
            w for f in self.plans for w in sorted((*f.warnings, *(f.comma_warnings if decimal_comma else ())))
        ]
        return told + [w for bad in self.invalid for w in bad.warnings]

    def attention(self, as_of: date) -> list[Problem]:
        """What time brought, not what was written: the warnings that depend only on `as_of`
        (shown, but they never fail --strict, so a nightly build is not stopped by a new quarter)."""
        return [w for f in self.plans for w in as_of_warnings(f, as_of)]


def check_follows(portfolio: Portfolio) -> None:
    """`follows` must name a plan of the portfolio and never loop (a plan that breaks this
    becomes invalid); a goal carried into the next plan should start from the last actual of
    the previous one (a warning)."""
    by_id = {p.id: p for p in portfolio.plans}
    known = set(by_id) | {bad.id for bad in portfolio.invalid}
    broken: dict[str, Problem] = {}
    for file in portfolio.plans:
        wanted = file.plan.follows
        if wanted is None:
            continue
        line = file.lines.get(("follows",), 1)
        if wanted not in known:
            message = Said("no plan has the id '{id}'.", id=wanted) + suggest(wanted, known - {file.id})
            broken[file.id] = Problem(file.path, line, "follows", message)
        elif wanted in by_id and not same_account(file, by_id[wanted]):
            other = by_id[wanted].plan.account
            message = Said(
                "'{id}' is the plan of another account ({other}; this plan is {this}): follow an"
                " earlier plan of the same account, or list its former name in formerly",
                id=wanted,
                other=other,
                this=file.plan.account,
            )
            broken[file.id] = Problem(file.path, line, "follows", message)
        elif _loops(file.id, by_id):
            message = Said("'{id}' leads back to this plan: a chain of plans cannot loop", id=wanted)
            broken[file.id] = Problem(file.path, line, "follows", message)
    for i, file in enumerate(portfolio.plans):
        previous = by_id.get(file.plan.follows or "")
        if file.id not in broken and previous is not None:
            portfolio.plans[i] = replace(file, warnings=file.warnings + _baselines(file, previous))
    portfolio.invalid += [
        Invalid(f.path, f.id, f.plan.account, (broken[f.id],)) for f in portfolio.plans if f.id in broken
    ]
    portfolio.plans[:] = [f for f in portfolio.plans if f.id not in broken]


def same_account(file: PlanFile, previous: PlanFile) -> bool:
    """Whether `previous` is an earlier plan of the client `file` is for: the same name, or one
    of the names the client had before (`formerly`)."""
    return previous.plan.account in (file.plan.account, *file.plan.formerly)


def _loops(start: str, by_id: dict[str, PlanFile]) -> bool:
    """Whether following `follows` from this plan comes back to it."""
    seen, current = {start}, by_id[start].plan.follows
    while current in by_id and current not in seen:
        seen.add(current)
        current = by_id[current].plan.follows
    return current == start


def _baselines(file: PlanFile, previous: PlanFile) -> tuple[Problem, ...]:
    """A warning for each goal whose baseline is not the previous plan's last actual."""
    before = {g.id: g for g in previous.plan.goals}
    found = []
    for i, goal in enumerate(file.plan.goals):
        old = before.get(goal.id)
        if old is None or not old.actuals:
            continue
        day = max(old.actuals)
        if old.actuals[day] != goal.baseline:
            line = file.lines.get(("goals", i, "baseline"), 1)
            message = Said(
                "{baseline} differs from the last actual of '{goal}' in {path} ({value} on {day}):"
                " start where the previous plan ended",
                baseline=_num(goal.baseline),
                goal=goal.id,
                path=previous.path,
                value=_num(old.actuals[day]),
                day=day,
            )
            found.append(Problem(file.path, line, f"goals[{i}].baseline", message))
    return tuple(found)


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def running(accounts: Sequence[AccountProgress]) -> list[AccountProgress]:
    """The plan in front of each chain of plans that follow each other (format v3 §9.17): one
    that is not closed and whose previous plan, if the portfolio has it, is. So the plan whose
    period holds as_of stays in front while the plan that follows it has not started (that one
    is its "next period"); once as_of passes its end, it is closed and the next one takes its
    place. The portfolio's rows, Today, the people pages and the export's `current` flag all
    come from this one rule."""
    ids = {a.plan.id for a in accounts}
    closed = {a.plan.id for a in accounts if a.closed}
    return [a for a in accounts if not a.closed and (a.plan.follows not in ids or a.plan.follows in closed)]


def next_periods(accounts: Sequence[AccountProgress]) -> dict[str, AccountProgress]:
    """{id of a plan in front: the plan that follows it and waits behind it}."""
    front = {a.plan.id for a in running(accounts)}
    return {
        a.plan.follows: a
        for a in accounts
        if a.plan.follows in front and a.plan.id not in front and not a.closed
    }


def active_and_closed(
    accounts: Sequence[AccountProgress],
) -> tuple[list[AccountProgress], list[AccountProgress]]:
    """The portfolio's active list (the plan in front of each chain: `running`) and its closed
    plans, listed apart. A plan waiting behind the running one is reached from its row."""
    return running(accounts), [a for a in accounts if a.closed]


def earlier_plans(plans: Sequence[PlanFile], plan_id: str) -> list[PlanFile]:
    """The plans that `plan_id` follows, the previous one first (the chain never loops:
    `check_follows` made the plans that loop invalid, and a plan is never visited twice)."""
    by_id = {p.id: p for p in plans}
    found: list[PlanFile] = []
    current = by_id.get(plan_id)
    seen = {plan_id}
    while current is not None and current.plan.follows and current.plan.follows not in seen:
        seen.add(current.plan.follows)
        current = by_id.get(current.plan.follows)
        if current is not None:
            found.append(current)
    return found
