"""The relationship map on the team's pages: an account's stakeholders on its dashboard, and
each person's relationships on their page. Never on a client's: the client's view of a plan
has no stakeholders (core/audience.py), so these tables are empty there and not written."""

from __future__ import annotations

from collections.abc import Sequence

from kamsite.core.progress import AccountProgress
from kamsite.core.stakeholders import Relationship
from kamsite.core.vocabulary import Influence, Stance
from kamsite.render.escape import Html, md
from kamsite.render.icons import icon
from kamsite.render.pages.common import Cell, View, account_dir, link, raw, table

ANCHOR = "stakeholders"  # the id of the dashboard's relationship map
STANCE_ICON = {
    Stance.CHAMPION: "champion",
    Stance.SUPPORTER: "supporter",
    Stance.NEUTRAL: "minus",
    Stance.CRITIC: "critic",
    Stance.UNKNOWN: "unknown",
}


def stakeholders_section(acc: AccountProgress, view: View) -> str:
    """The account's relationship map: who, their weight and stance, who keeps them, when we
    last met them and, for those of high influence, whether the cadence is kept."""
    if not acc.stakeholders:
        return ""
    labels = view.labels
    rows = [
        (
            Html('<span id="stakeholder-{}">{}</span>').format(r.stakeholder.id, r.stakeholder.name),
            r.stakeholder.role or "—",
            *_cells(acc, r, view),
        )
        for r in acc.stakeholders
    ]
    head = [labels["stakeholder." + k] for k in ("name", "role", *COLUMNS)]
    return f"## {md(labels['account.stakeholders'])} {{#{ANCHOR}}}\n\n" + raw(
        Html(
            '<div class="ks-stakeholders"><p class="ks-small">{}</p><div class="ks-scroll">{}</div></div>'
        ).format(labels["stakeholder.intro"], table("", head, rows, "ks-stakeholder-table"))
    )


COLUMNS = ("influence", "stance", "owner", "last_contact", "cadence")  # after name and role


def person_section(relations: Sequence[tuple[AccountProgress, Relationship]], view: View, here: str) -> str:
    """The stakeholders a person keeps, in the accounts' running plans, each linked to its
    account's relationship map."""
    if not relations:  # a person who keeps none, or a portfolio without a relationship map
        return ""
    labels = view.labels
    title = f"## {md(labels['people.relationships'])} {{#relationships}}\n\n"
    rows = []
    for acc, r in relations:
        influence, stance, _, last, cadence = _cells(acc, r, view)  # they keep it: no owner column
        account = link(f"{view.href(here, account_dir(acc.plan.id))}#{ANCHOR}", acc.plan.account)
        rows.append(
            (r.stakeholder.name, r.stakeholder.role or "—", account, influence, stance, last, cadence)
        )
    head = [labels["stakeholder.name"], labels["stakeholder.role"], labels["portfolio.account"]]
    head += [labels["stakeholder." + k] for k in COLUMNS if k != "owner"]
    return title + raw(
        Html('<div class="ks-person-relationships ks-scroll">{}</div>').format(
            table("", head, rows, "ks-stakeholder-table")
        )
    )


def _cells(acc: AccountProgress, r: Relationship, view: View) -> tuple[Cell, ...]:
    """Influence, stance (an icon and its word), who keeps it, the last contact, the cadence."""
    labels = view.labels
    influence = labels[f"stakeholder.influence.{r.stakeholder.influence}"]
    stance = r.stakeholder.stance
    return (
        Html("<strong>{}</strong>").format(influence)
        if r.stakeholder.influence == Influence.HIGH
        else influence,
        Html('<span class="ks-stance ks-stance-{}">{}{}</span>').format(
            stance, icon(STANCE_ICON.get(stance, "circle")), labels[f"stakeholder.stance.{stance}"]
        ),
        acc.plan.team.get(r.owner, r.owner),
        _last(acc, r, view),
        _cadence(acc, r, view),
    )


def _last(acc: AccountProgress, r: Relationship, view: View) -> str:
    if r.last_contact is None:
        return view.labels["stakeholder.never"]
    if acc.closed:  # how long ago judges a running plan; a closed one keeps the date
        return view.fmt.date(r.last_contact)
    days = (acc.as_of - r.last_contact).days
    return view.labels("stakeholder.ago", date=view.fmt.date(r.last_contact), count=days)


def _cadence(acc: AccountProgress, r: Relationship, view: View) -> Cell:
    """For a stakeholder of high influence on a running plan with a cadence: overdue or not."""
    labels = view.labels
    if r.contact_overdue is None or acc.closed or acc.contact_every is None:
        return labels["stakeholder.untracked"]
    if r.contact_overdue:
        return Html('<span class="ks-badge ks-status-off_track">{}{}</span>').format(
            icon("alert"), labels("stakeholder.overdue", count=r.since)
        )
    return labels("stakeholder.on_time", every=labels("account.contact.every", count=acc.contact_every))
