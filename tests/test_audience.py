"""One reading of the body decides what is internal; the client's view of a plan is made from it."""

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsite.core import sections
from kamsite.core.audience import client_view
from kamsite.core.errors import PlanError
from kamsite.core.parse import parse_plan
from kamsite.render.body import BodyView, render
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

from .conftest import BASE, problems

AS_OF = date(2027, 5, 15)


def shown(file):
    """The body as rendered from `file`: the lines of tasks shown as tasks, and the HTML."""
    view = BodyView(
        tasks={t.line: t for t in file.tasks},
        names=file.plan.team,
        actions={a.id: a.title for a in file.plan.actions},
        as_of=AS_OF,
        fmt=Formats("en"),
        labels=Labels("en"),
    )
    html = render(file.body, file.body_start, view)
    return {int(n) for n in re.findall(r'class="ks-task[^"]*" id="L(\d+)"', html)}, html


def plan(body: str, front: str = BASE):
    return parse_plan(front + body, "plans/acme.md")


def test_a_heading_right_under_an_html_line_still_opens_an_internal_section():
    """The bug this rule closes: a `<details>` line above the heading hid it from the task reader."""
    file = plan("<details>\n## Margins {.internal}\n- [ ] Call the CFO about the discount\n</details>\n")
    assert [t.internal for t in file.tasks] == [True]
    client = client_view(file)
    assert client.tasks == ()
    lines, html = shown(client)
    assert lines == set() and "discount" not in html and "Margins" not in html


def test_the_client_view_leaves_out_internal_sections_and_their_tasks_but_keeps_line_numbers():
    file = plan(
        "## Public {.client}\n- [ ] Visible @ana\n## Notes {.internal}\nMargin 31%\n- [ ] Secret\n"
        "## After {#act}\n- [x] Done done:2027-05-01\n"
    )
    client = client_view(file)
    assert [t.text for t in client.tasks] == ["Visible", "Done"]
    assert [t.line for t in client.tasks] == [t.line for t in file.tasks if t.text != "Secret"]
    assert "Margin 31%" not in client.body and "Secret" not in client.body
    assert client.body.count("\n") == file.body.count("\n")


def test_a_link_reference_defined_in_an_internal_section_does_not_resolve_outside_it():
    file = plan(
        "## Shared {.client}\nSee [the deal][deal].\n## Notes {.internal}\n[deal]: https://crm.example/secret\n"
    )
    _, html = shown(client_view(file))
    assert "crm.example" not in html and "[the deal][deal]" in html


def test_items_marked_internal_and_their_dependents_are_absent_from_the_client_view():
    front = BASE.replace("    baseline: 100\n", "    baseline: 100\n    internal: true\n").replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - id: secret\n    title: Secret\n    milestone: q1\n    internal: true\n---",
    )
    file = plan(
        "## Act {#act}\n- [ ] Public task\n## Hidden {#secret}\n- [ ] Hidden task\n"
        "- [ ] Tagged hidden task #secret\n",
        front,
    )
    client = client_view(file)
    assert client.plan.goals == [] and client.plan.milestones[0].goals == []
    assert [a.id for a in client.plan.actions] == ["act"]
    assert [t.text for t in client.tasks] == ["Public task"]
    lines, html = shown(client)
    assert lines == {client.tasks[0].line} and "Hidden task" not in html


def test_prose_reaches_the_client_only_from_client_sections_and_shown_actions():
    file = plan(
        "Intro: the CFO decides. CANARY1\n\n## Who is who\nSponsor CANARY2\n"
        "## Our commitment {.client}\nWe deliver monthly.\n### Details\nOn the 5th.\n"
        "## Act {#act}\nWhy this action.\n### Steps\n- [ ] Step one\n"
        "## Routine\n- [ ] Weekly call CANARY3\n"
    )
    client = client_view(file)
    body = client.body
    for kept in ("We deliver monthly.", "On the 5th.", "Why this action.", "Step one"):
        assert kept in body
    assert "CANARY" not in body and "Who is who" not in body and "Routine" not in body
    assert [t.text for t in client.tasks] == ["Step one"]
    assert body.count("\n") == file.body.count("\n")


def test_an_internal_actions_section_is_gone_with_its_prose_and_sub_headings():
    front = BASE.replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - id: squeeze\n    title: Squeeze on price\n    milestone: q1\n"
        "    internal: true\n---",
    )
    file = plan(
        "## Shared {.client}\nHello\n### Squeeze on price {#squeeze}\nLeverage CANARY\n"
        "#### Numbers\nFloor 6% CANARY\n- [ ] Push CANARY\n### After\nStill hidden? no: shared\n",
        front,
    )
    client = client_view(file)
    assert "CANARY" not in client.body and "Squeeze" not in client.body
    assert "Hello" in client.body and "Still hidden? no: shared" in client.body
    assert client.tasks == ()


def test_a_client_section_and_an_internal_one_cannot_nest():
    crossed = (
        "plans/acme.md:{line}: heading: a .client section cannot be inside an .internal one, nor an"
        " .internal section inside a .client one: say once who may read it"
    )
    assert problems(BASE + "## Notes {.internal}\n### Shared {.client}\n") == [crossed.format(line=26)]
    assert problems(BASE + "## Shared {.client}\n### Notes {.internal}\n") == [crossed.format(line=26)]
    assert problems(BASE + "## Both {.client .internal}\n") == [crossed.format(line=25)]


def test_the_client_view_keeps_only_the_shared_fields_and_names_people():
    front = BASE.replace("account: Acme\n", "account: Acme\ntags: [secret-tag]\n").replace(
        "    title: Act\n", "    title: Act with @bruno\n"
    )
    file = plan("## Shared {.client}\nAsk @ana or @bruno; mail x@ana.example\n- [ ] Call @bruno\n", front)
    client = client_view(file)
    assert client.plan.tags == []
    assert client.plan.actions[0].title == "Act with Bruno Lima"
    assert "Ask Ana Souza or Bruno Lima; mail x@ana.example" in client.body
    assert client.tasks[0].owner == "bruno"  # shown as the name chip


def test_a_done_contact_the_client_cannot_read_still_counts_by_its_date():
    file = plan("## Notes {.internal}\n- [x] 📞 Lunch with the CFO CANARY done:2027-05-10\n")
    client = client_view(file)
    assert client.tasks == () and "CANARY" not in client.body
    assert client.contact_days == (date(2027, 5, 10),)
    from kamsite.core.progress import compute

    assert compute(client, AS_OF).last_contact == date(2027, 5, 10)


def test_an_internal_heading_inside_a_quote_or_a_list_is_an_error():
    assert problems(BASE + "> ## Notes {.internal}\n> secret\n") == [
        "plans/acme.md:25: heading: the class .internal works only on a '#' heading at the start of a"
        " line (not in a quote or a list, not underlined): move it there"
    ]
    assert len(problems(BASE + "- item\n\n  ## Notes {.internal}\n")) == 1
    assert len(problems(BASE + "Notes {.internal}\n=====\n")) == 1


def test_sub_headings_inherit_their_action_and_their_internal_section():
    file = plan("## Act {#act}\n### Details\n- [ ] Sub task\n## Notes {.internal}\n### More\n- [ ] Deep\n")
    assert [(t.action, t.internal) for t in file.tasks] == [("act", False), (None, True)]


def test_a_heading_id_that_names_no_action_warns_with_a_suggestion():
    file = plan("## Act {#actt}\n- [ ] Orphan\n")
    assert [str(w) for w in file.warnings] == [
        "plans/acme.md:25: heading: '#actt' names no action, so the tasks under it belong to none."
        " Did you mean 'act'?"
    ]
    assert plan("## Act {#actt}\n- [ ] Tagged #act\n").warnings == ()


def test_fenced_code_opens_no_section():
    reading = sections.read("```\n## Notes {.internal}\n- [ ] not a task\n```\n## Real\n")
    assert [h.text for h in reading.headings] == ["Real"] and reading.tasks == ()


# --- the property: whatever surrounds the headings, the client sees exactly the client's tasks --

FRAGMENTS = [
    "## Public {#act}",
    "## Other",
    "### Sub",
    "## Notes {.internal}",
    "### Deep {.internal}",
    "# Top",
    "<details>",
    "</details>",
    '<div markdown="1">',
    "</div>",
    "<p>",
    "<!-- note -->",
    "- [ ] task {n}",
    "- [x] done {n} done:2027-05-01",
    "  - [ ] nested {n}",
    "1. [ ] ordered {n}",
    "> quoted {n}",
    "> - [ ] quoted task {n}",
    "| a | b |",
    "|---|---|",
    "| - [ ] cell {n} | x |",
    "```",
    "~~~",
    "    indented {n}",
    "- item {n}",
    "text {n}",
    "",
    "",
    "[ref]: https://x.example/{n}",
]


@st.composite
def bodies(draw):
    lines = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25))
    return "\n".join(line.replace("{n}", f"w{i}") for i, line in enumerate(lines)) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_the_tasks_a_client_page_shows_are_exactly_the_tasks_in_the_clients_data(body):
    try:
        file = plan(body)
    except PlanError:
        return  # an .internal heading in a quote or list: refused, nothing is published
    client = client_view(file)
    lines, html = shown(client)
    assert lines == {t.line for t in client.tasks}
    assert not re.search(r"<li>\s*(<p>)?\[[ xX]\]", html), "a checkbox shown that is not a task"
    team_lines, _ = shown(file)
    assert team_lines == {t.line for t in file.tasks}
    for task in file.tasks:
        word = re.search(r"w\d+", task.text)
        if task.internal and word:
            assert re.search(rf"\b{word.group()}\b", html) is None
            assert re.search(rf"\b{word.group()}\b", client.body) is None


def test_an_underlined_heading_ends_what_the_client_sees():
    """A writer who underlines a heading means a new section; a new section is not shared."""
    file = plan(
        "## Our commitment {.client}\nWe deliver.\n\nNegotiation notes\n-----------------\n"
        "Floor CANARY\n- [ ] Push CANARY\n## Act {#act}\nShown again\n"
    )
    client = client_view(file)
    assert "We deliver." in client.body and "Shown again" in client.body
    assert "CANARY" not in client.body and "Negotiation" not in client.body and client.tasks == ()


def test_handles_become_names_wherever_they_are_written_but_an_owner_token_stays_a_chip():
    file = plan(
        "## Shared {.client}\nAsk _@bruno_ or (@ana).\n- [ ] Call (@bruno) about it @ana\n"
        "- [ ] Write to x@bruno.example\n"
    )
    client = client_view(file)
    assert "Ask _Bruno Lima_ or (Ana Souza)." in client.body
    assert "- [ ] Call (Bruno Lima) about it @ana" in client.body  # the owner token: a name chip
    assert "x@bruno.example" in client.body
    assert [t.owner for t in client.tasks] == ["ana", "ana"]


def test_the_clients_team_is_only_the_people_the_client_meets_in_the_view():
    front = BASE.replace("  bruno: Bruno Lima\n", "  bruno: Bruno Lima\n  carla: Carla Secret\n").replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - {id: squeeze, title: Squeeze, milestone: q1, owner: carla, internal: true}\n---",
    )
    file = plan("## Notes {.internal}\n- [ ] Call @carla\n", front)
    assert set(file.plan.team) == {"ana", "bruno", "carla"}
    assert client_view(file).plan.team == {"ana": "Ana Souza", "bruno": "Bruno Lima"}


def test_the_team_page_marks_where_the_client_reads_along():
    from kamsite.core.audience import shared_starts

    front = BASE.replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - {id: squeeze, title: Squeeze, milestone: q1, internal: true}\n---",
    )
    file = plan(
        "Intro\n## Commitment {.client}\n### Details\n## Act {#act}\n## Squeeze {#squeeze}\n## Notes\n", front
    )
    lines = file.body.split("\n")
    # each shared section is marked, its sub-headings are not; a hidden one never
    assert sorted(lines[n] for n in shared_starts(file)) == ["## Act {#act}", "## Commitment {.client}"]
    lines_after = plan("## Notes\n## Act {#act}\n## Other\n", front).body.split("\n")
    starts = shared_starts(plan("## Notes\n## Act {#act}\n## Other\n", front))
    assert [lines_after[n] for n in starts] == ["## Act {#act}"]
