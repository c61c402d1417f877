"""The relationship map: the client's people the team keeps in touch with (format v3 §9.15).

A contact task names whom it met (`with:cfo,buyer`); each stakeholder's last contact is the
latest of those, and with the plan's contact cadence every stakeholder of high influence is
kept on it. Stakeholders are the team's alone: the client's view of a plan has none
(core/audience.py), so nothing here ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kamsite.core.model import Plan, Stakeholder, Task
from kamsite.core.vocabulary import Influence, TaskKind


@dataclass(frozen=True)
class Relationship:
    """A stakeholder as of as_of: who keeps the relationship and when they last met."""

    stakeholder: Stakeholder
    owner: str  # the handle who keeps it: written, else the account owner
    last_contact: date | None  # the latest done contact naming them, on or before as_of
    # True or False when the cadence applies (contact_every, high influence), else None
    contact_overdue: bool | None
    since: int  # days from the last contact (or period.start) to as_of


def last_contacts(tasks: Iterable[Task], as_of: date) -> dict[str, date]:
    """{stakeholder id: the latest `done:` date, on or before as_of, of a done client contact
    task that names them with `with:`}."""
    found: dict[str, date] = {}
    for task in tasks:
        day = task.done_on
        if task.kind != TaskKind.CONTACT or not task.done or day is None or day > as_of:
            continue
        for person in task.met:
            found[person] = max(day, found.get(person, day))
    return found


def relationships(
    plan: Plan,
    tasks: Iterable[Task],
    as_of: date,
    every: int | None,
    earlier: Iterable[Relationship] = (),
) -> tuple[Relationship, ...]:
    """Each stakeholder of the plan as of as_of, with the cadence `every` (days; None: none).
    `earlier` are the relationships of the plan this one follows: a stakeholder not met in this
    plan yet counts from the last contact recorded there with the same id. A closed plan is
    never overdue."""
    met = last_contacts(tasks, as_of)
    before = {r.stakeholder.id: r.last_contact for r in earlier if r.last_contact}
    closed = as_of > plan.period.end
    found = []
    for person in plan.stakeholders:
        last = met.get(person.id) or before.get(person.id)
        since = (as_of - (last or plan.period.start)).days
        overdue = None
        if every is not None and person.influence == Influence.HIGH:
            overdue = not closed and since > every
        found.append(Relationship(person, person.owner or plan.owner, last, overdue, since))
    return tuple(found)
