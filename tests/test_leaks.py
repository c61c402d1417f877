"""The leak harness: plans with a canary in every place a client must not see, through every
client path, and no canary in any client file or client command output.

Canaries are words that start with "cnry" (found in any letter case, so a heading's slug counts
too) and team handles that start with "qzh" (a client reads names, never handles). Each plan
also carries words the client must see ("safe…"), so a path that publishes nothing cannot pass.
The relationship map is the team's alone: the stakeholders' ids, names and roles are canaries,
and so is each `with:` token of a contact task in a section the client reads.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kamsite.core.audience import client_view
from kamsite.core.errors import PlanError
from kamsite.core.model import PlanHistory
from kamsite.core.parse import parse_plan
from kamsite.core.progress import Settings
from kamsite.core.review import snapshot_days
from kamsite.render import site
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import Labels
from kamsite.render.pages.common import View
from kamsite.shell import builder
from kamsite.shell.cli import main

from .conftest import commit_all, contents, new_repository, write_project

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

AS_OF = date(2027, 5, 15)
# ks-chip-with: a `with:` token reached a client page (its chip would show whom a contact met)
CANARY = re.compile(rb"cnry|qzh|ks-chip-with", re.IGNORECASE)
SHOWN = (b"safeact", b"safeclient", b"safelunch")  # what the client's dashboard must show


@dataclass(frozen=True)
class Shape:
    """Where the canaries sit in one generated plan."""

    internal_goals: int
    internal_milestone: bool
    tags: bool
    order: tuple[str, ...]  # the body's sections after the introduction
    nested_secret: bool  # an internal action's section under the .client section
    notes_in_action: bool  # an .internal sub-section in a shown action's section
    tagged_secret: bool  # a task in a shown section tagged with an internal action
    language: str
    client_health: bool


SECTIONS = ("client", "public", "secret", "milestone", "notes", "plain", "people")

shapes = st.builds(
    Shape,
    internal_goals=st.integers(0, 2),
    internal_milestone=st.booleans(),
    tags=st.booleans(),
    order=st.permutations(SECTIONS).map(tuple),
    nested_secret=st.booleans(),
    notes_in_action=st.booleans(),
    tagged_secret=st.booleans(),
    language=st.sampled_from(["en", "pt-BR"]),
    client_health=st.booleans(),
)


def front(shape: Shape, plan_id: str, year: int, follows: str | None = None, account: str = "Acme") -> str:
    goals = "".join(
        f"  - {{id: cnry-goal-{i}, title: Cnrygoal{i} margin, baseline: 10, target: 20, internal: true}}\n"
        for i in range(shape.internal_goals)
    )
    secret_ms = (
        "  - {id: cnry-ms, title: Cnrymilestone squeeze, quarter: Q2, internal: true}\n"
        if shape.internal_milestone
        else ""
    )
    ms_action = (
        f"  - {{id: ms-act, title: Cnrymsaction, milestone: cnry-ms, due: {year}-05-01}}\n"
        if shape.internal_milestone
        else ""
    )
    return (
        f"---\naccount: {account}\nid: {plan_id}\nowner: qzhana\n"
        "team: {qzhana: Ana Souza, qzhbruno: Bruno Lima}\n"
        f"period: {{start: {year}-01-01, end: {year}-12-31}}\n"
        + (f"follows: {follows}\n" if follows else "")
        + ("tags: [cnrytag]\n" if shape.tags else "")
        + "contact_every: 30\n"
        + "stakeholders:\n"
        + "  - {id: cnry-cfo, name: Cnrysh Mariana, role: Cnryrole CFO, influence: high, owner: qzhbruno}\n"
        + "  - {id: cnrybuyer, name: Cnrybuyer Paulo, stance: critic}\n"
        + "goals:\n"
        + f"  - {{id: revenue, title: Safegoal revenue, baseline: 100, target: 200,"
        f" actuals: {{{year}-03-31: 130}}}}\n"
        + goals
        + "milestones:\n"
        + "  - {id: pub-ms, title: Safemilestone, quarter: Q2, goals: [revenue]}\n"
        + secret_ms
        + "actions:\n"
        + f"  - {{id: pub-act, title: Safeact deliver, milestone: pub-ms, owner: qzhbruno, due: {year}-05-01}}\n"
        + f"  - {{id: cnry-act, title: Cnryaction squeeze on price, milestone: pub-ms, internal: true,"
        f" due: {year}-04-01}}\n" + ms_action + "---\n"
    )


def body(shape: Shape, year: int) -> str:
    secret = "### Cnryheading {#cnry-act}\nCnryprose leverage\n- [ ] Cnrytask push @qzhana\n"
    parts = {
        "client": "## Our commitment {.client}\nSafeclient we deliver; ask @qzhbruno.\n"
        f"- [x] 📞 Safecall the buyer\n  with:cnrybuyer done:{year}-04-11\n"
        + (secret if shape.nested_secret else "")
        + "### Details\nSafesub monthly.\n",
        "public": "## Delivery {#pub-act}\nSafewhy this matters.\n"
        f"- [ ] Safestep ship @qzhbruno due:{year}-04-20\n"
        f"- [x] 📞 Safelunch with:cnry-cfo,cnrybuyer done:{year}-04-10\n"
        + (f"- [ ] Cnrytagged call #cnry-act due:{year}-04-02\n" if shape.tagged_secret else "")
        + (
            "### Cnrynotes {.internal}\nCnrymargin 31%\n- [ ] Cnryfloor @qzhana\n"
            if shape.notes_in_action
            else ""
        ),
        "secret": "## Cnryaction {#cnry-act}\nCnryprose two\n### Cnrysub\n"
        f"- [x] Cnrydone done:{year}-03-03\n",
        "milestone": "## Cnrymsaction {#ms-act}\n- [ ] Cnrymstask\n" if shape.internal_milestone else "",
        "notes": "## Cnrynotes2 {.internal}\nCnryfloor 6%\n"
        f"- [x] 📞 Cnrylunch with the CFO done:{year}-05-02\n",
        "plain": f"## Cnryroutine\nCnryplain prose\n- [ ] Cnryroutine task due:{year}-04-30\n",
        "people": "## Stakeholders\nSponsor: CFO (Cnrymariana), @qzhana keeps it.\n",
    }
    return "Cnryintro: the CFO decides, @qzhana knows.\n\n" + "".join(parts[k] for k in shape.order)


def plan_texts(shape: Shape) -> dict[str, str]:
    """The account's current plan, the earlier plan it follows and another account's plan."""
    return {
        "acme-2027": front(shape, "acme-2027", 2027, follows="acme-2026") + body(shape, 2027),
        "acme-2026": front(shape, "acme-2026", 2026) + body(shape, 2026),
        "other": front(shape, "other", 2027, account="Cnryother Ltd").replace("Safe", "Cnry")
        + body(shape, 2027),
    }


def leaks(files: dict[str, bytes]) -> list[tuple[str, str]]:
    found = []
    for name, data in files.items():
        for match in CANARY.finditer(data):
            found.append((name, data[max(0, match.start() - 40) : match.end() + 40].decode(errors="replace")))
    return found


def view_for(shape: Shape) -> View:
    locale = babel_locale(shape.language)
    return View(
        as_of=AS_OF,
        settings=Settings(),
        fmt=Formats(locale),
        labels=Labels(locale),
        internal=False,
        client_health=shape.client_health,
    )


# -- the pure path: every client file as the renderer makes it, many plans --------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes)
def test_no_client_file_holds_a_canary(shape):
    texts = plan_texts(shape)
    now = parse_plan(texts["acme-2027"], "plans/acme-2027.md")
    earlier = parse_plan(texts["acme-2026"], "plans/acme-2026.md")
    flipped = texts["acme-2027"].replace(", internal: true, due: 2027-04-01", ", due: 2027-04-01")
    days = snapshot_days(now, AS_OF)
    history = PlanHistory(
        texts={day: flipped if day < date(2027, 4, 15) else texts["acme-2027"] for day in days}
    )
    made = site.generate_client(now, view_for(shape), history, [earlier], {})
    files = {name: content.encode() for name, content in made.items()}
    assert leaks(files) == []
    dashboard = files["accounts/acme-2027/index.md"].lower()
    assert all(word in dashboard for word in SHOWN)


def test_the_harness_sees_a_leak():
    """The same check finds the canaries in the team's dashboard of the same plan."""
    from kamsite.core.progress import compute
    from kamsite.render.pages import dashboard

    shape = Shape(1, True, True, SECTIONS, True, True, True, "en", False)
    now = parse_plan(plan_texts(shape)["acme-2027"], "plans/acme-2027.md")
    team = dashboard.dashboard(compute(now, AS_OF), replace(view_for(shape), internal=True))
    client = dashboard.dashboard(compute(client_view(now), AS_OF), view_for(shape))
    assert len(leaks({"team": team.encode()})) > 10 and leaks({"client": client.encode()}) == []


# -- the real paths: MkDocs builds, the commands, git history ----------------------------------


def project_with(root: Path, shape: Shape) -> Path:
    options = f"as_of: '{AS_OF}', language: {shape.language}, client_changes: true"
    if shape.client_health:
        options += ", client_health: true"
    config = (
        "site_name: Cnry team site\nsite_url: https://example.com/\n"
        "theme: {name: material, font: false, features: [navigation.instant]}\n"
        f"plugins: [search, {{kamsite: {{{options}}}}}]\n"
    )
    texts = plan_texts(shape)
    flipped = texts["acme-2027"].replace(", internal: true, due: 2027-04-01", ", due: 2027-04-01")
    new_repository(write_project(root, {**texts, "acme-2027": flipped}, config))
    (root / "docs" / "handbook.md").write_text("# Cnryhandbook\nTeam only.\n", encoding="utf-8")
    commit_all(root, "plans", date="2027-01-05", author="Ana")
    (root / "plans" / "acme-2027.md").write_text(texts["acme-2027"], encoding="utf-8")
    commit_all(root, "an action made internal", date="2027-04-20", author="Ana")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site by its path in it, with its (uncompressed) bytes."""
    return {path.relative_to(folder).as_posix(): data for path, data in contents(folder)}


def run(capsys, *args: str) -> bytes:
    assert main(list(args)) == 0
    out = capsys.readouterr()
    return (out.out + out.err).encode()


@settings(
    max_examples=3,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # a failing build is reported as drawn
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(shapes)
def test_no_client_site_or_client_command_output_holds_a_canary(tmp_path_factory, capsys, shape):
    root = project_with(tmp_path_factory.mktemp("leaks"), shape)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        config = root / "mkdocs.yml"
        files: dict[str, bytes] = {}
        builder.build_site(config, root / "one", audience="client", account="acme-2027")
        files |= {f"one/{k}": v for k, v in tree(root / "one").items()}
        for k in (1, 2):
            builder.build_clients(config, root / f"share{k}", shard=(k, 2))
        for k in (1, 2):
            files |= {f"share{k}/{p}": v for p, v in tree(root / f"share{k}").items() if p.startswith("acme")}
        files["review"] = run(capsys, "review", "acme-2027")
        files["recent"] = run(capsys, "recent", "acme-2027")
        run(capsys, "next", "acme-2027")
        run(capsys, "new", "acme-copy", "--from", "acme-2027", "--account", "Acme", "--owner", "qzhana")
        for made in ("acme-2028", "acme-copy"):
            builder.build_site(config, root / made, audience="client", account=made)
            files |= {f"{made}/{k}": v for k, v in tree(root / made).items()}
    finally:
        os.chdir(cwd)
    assert leaks(files) == []
    assert all(word in files["one/accounts/acme-2027/index.html"].lower() for word in SHOWN)


def test_a_plan_that_fails_is_never_published_to_a_client():
    """A canary in a section the format forbids (.client inside .internal) stops the plan."""
    text = front(Shape(0, False, False, (), False, False, False, "en", False), "acme", 2027)
    try:
        parse_plan(text + "## N {.internal}\n### S {.client}\nCnry\n", "plans/acme.md")
    except PlanError:
        return
    raise AssertionError("a .client section inside an .internal one was accepted")
