"""kamsite next: the account's plan for the next period, which follows the previous one."""

import html
from datetime import date

import pytest

from kamsite.core.audience import client_view
from kamsite.core.parse import parse_plan
from kamsite.render.front_matter import front_matter
from kamsite.render.labels import Labels
from kamsite.render.next_plan import next_period, rounded
from kamsite.shell import loader
from kamsite.shell.cli import main

from .conftest import make_plan, mkdocs_build, revenue_goal, write_plans, write_project
from .test_render_front_matter import full_plans

MS = [
    {"id": "q1", "title": "Q1", "quarter": "Q1", "checkpoint": {"revenue": 2600000}},
    {"id": "gone", "title": "Gone", "quarter": "Q2", "status": "dropped"},
]
ACTIONS = [
    {
        "id": "act",
        "title": "Act",
        "milestone": "q1",
        "due": "2027-02-15",
        "status": "done",
        "done": "2027-02-10",
    },
    {"id": "left", "title": "Left", "milestone": "q1", "status": "dropped"},
    {"id": "orphan", "title": "Orphan", "milestone": "gone"},
]
BODY = (
    "## Act {#act}\n- [x] Done already done:2027-02-01\n- [ ] Still open due:2027-03-01\n"
    "## Left {#left}\n- [ ] Never mind\n"
)


def source():
    return make_plan(
        goals=[
            revenue_goal(actuals={"2027-06-30": 2700000, "2027-12-31": 2900000}),
            {
                "id": "share",
                "title": "Share",
                "unit": "%",
                "baseline": 20.5,
                "target": 30,
                "actuals": {"2027-12-31": 28.4},
            },
        ],
        milestones=MS,
        actions=ACTIONS,
        body=BODY,
        tags=["south"],
        currency="BRL",
        contact_every=21,
    )


def test_the_next_plan_follows_the_previous_and_starts_from_its_last_actuals():
    text = next_period(source(), "acme-2028", date(2028, 1, 1))
    plan = parse_plan(text, "plans/acme-2028.md").plan
    assert (plan.follows, plan.account, plan.owner, plan.tags, plan.currency, plan.contact_every) == (
        "acme",
        "Acme",
        "ana",
        ["south"],
        "BRL",
        21,
    )
    assert (plan.period.start, plan.period.end) == (date(2028, 1, 1), date(2028, 12, 31))
    revenue, share = plan.goals
    assert (revenue.baseline, revenue.target) == (2900000, 3500000)  # x1.2 (3 480 000), as 2.5 M -> 3 M
    assert (share.baseline, share.target) == (28.4, 42)  # x1.463... (41.56), in units as 30 was written
    assert (
        "target: 3500000  # review: x1.2 of the baseline, as in the previous plan, rounded from 3,480,000\n"
        in text
    )


def test_milestones_and_actions_come_without_outcomes_and_dropped_ones_stay_behind():
    plan = parse_plan(next_period(source(), "acme-2028", date(2028, 1, 1)), "plans/acme-2028.md").plan
    assert [(m.id, m.done, m.status, m.checkpoint) for m in plan.milestones] == [("q1", None, None, {})]
    assert [(a.id, a.status, a.done, a.due) for a in plan.actions] == [("act", None, None, date(2028, 2, 15))]


def test_open_tasks_are_carried_with_their_dates_and_listed_for_review_and_done_ones_stay_behind():
    """A task still open is still owed: it keeps its due date (not moved a year in silence), and a
    review comment lists it with that date."""
    text = next_period(source(), "acme-2028", date(2028, 1, 1))
    file = parse_plan(text, "plans/acme-2028.md")
    assert [(t.text, t.action, t.due, t.done) for t in file.tasks] == [
        ("Still open", "act", date(2027, 3, 1), False)
    ]
    assert (
        "# review: 1 open task of acme comes with its date as it was: check it off, remove it or give it"
        " a new date\n#   - Still open (due Mar 1, 2027)\n---\n"
    ) in text


def test_the_command_writes_a_valid_plan_once_and_never_overwrites(tmp_path, capsys):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "acme.md").write_text(
        next_period(source(), "acme", date(2027, 1, 1)).replace("follows: acme\n", ""), encoding="utf-8"
    )
    assert main(["next", "acme", "--plans-dir", str(plans)]) == 0
    written = plans / "acme-2028.md"
    assert capsys.readouterr().out.strip() == str(written)
    before = written.read_bytes()
    assert main(["next", "acme", "--plans-dir", str(plans)]) == 1
    assert (
        "já existe um plano com o id 'acme-2028'; nada foi escrito"
    )  # ./mkdocs.yml: pt-BR in capsys.readouterr().err
    assert written.read_bytes() == before
    found = loader.load(plans)
    assert sorted(p.id for p in found.plans) == ["acme", "acme-2028"] and found.invalid == []
    assert main(["next", "acme", "--id", "Bad Id", "--plans-dir", str(plans)]) == 1
    assert main(["next", "nobody", "--plans-dir", str(plans)]) == 1
    err = capsys.readouterr().err
    assert (
        "--id: 'Bad Id' não é um id seguro" in err
        and "nenhum plano válido com o id 'nobody'. Ids conhecidos: acme-2028, acme." in err
    )


def test_next_on_the_example_writes_a_valid_plan_that_starts_from_the_last_actuals(project, capsys):
    assert main(["next", "atlas", "--plans-dir", str(project / "plans")]) == 0
    found = loader.load(project / "plans")
    assert found.invalid == [] and not [w for p in found.plans for w in p.warnings if "baseline" in w.field]
    by_id = {p.id: p for p in found.plans}
    old, new = by_id["atlas"], by_id["atlas-2028"]
    assert new.plan.follows == "atlas" and new.path.endswith("plans/atlas-2028.md")
    assert (new.plan.account, new.plan.owner, new.plan.team, new.plan.tags, new.plan.currency) == (
        old.plan.account,
        old.plan.owner,
        old.plan.team,
        old.plan.tags,
        old.plan.currency,
    )
    assert new.plan.contact_every == 30 and (new.plan.period.start, new.plan.period.end) == (
        date(2028, 1, 1),
        date(2028, 12, 31),
    )
    assert {g.id: g.baseline for g in new.plan.goals} == {"receita": 1300000, "share": 33, "margem": 22}
    assert [g.id for g in new.plan.goals if g.internal] == ["margem"]


@pytest.mark.build
def test_a_closed_plan_and_its_successor_link_to_each_other_in_the_site(tmp_path):
    old = next_period(source(), "acme-2027", date(2027, 1, 1)).replace("follows: acme\n", "")
    new = next_period(parse_plan(old, "plans/acme-2027.md"), "acme-2028", date(2028, 1, 1))
    config = (
        "site_name: Team\ntheme: {name: material, font: false, language: en}\n"
        "plugins: [{kamsite: {as_of: '2028-02-01'}}]\n"
    )
    site = mkdocs_build(write_project(tmp_path, {"acme-2027": old, "acme-2028": new}, config))
    before = html.unescape((site / "accounts/acme-2027/index.html").read_text(encoding="utf-8"))
    after = html.unescape((site / "accounts/acme-2028/index.html").read_text(encoding="utf-8"))
    assert '<a href="../acme-2028/">Next period\'s plan</a>' in before
    assert '<a href="../acme-2027/">Previous period\'s plan</a>' in after


def test_the_next_plan_keeps_its_internal_items_internal_and_out_of_the_client_view(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plans = full_plans(tmp_path)
    assert main(["next", "acme-2027", "--plans-dir", str(plans)]) == 0
    path = plans / "acme-2028.md"
    file = parse_plan(path.read_text(encoding="utf-8"), str(path))
    items = [i for kind in (file.plan.goals, file.plan.milestones, file.plan.actions) for i in kind]
    assert [i.title for i in items if i.internal] == [
        "Hospitals served",
        "Recover last year's margin",
        "Squeeze the client on price",
    ]
    client = client_view(file)
    shown = [
        i.title for kind in (client.plan.goals, client.plan.milestones, client.plan.actions) for i in kind
    ]
    assert shown == [
        "Revenue",
        "Market share",
        "Renew the contract",
        "Roadmap workshop",
    ]  # the margin study's milestone is internal
    assert [t.text for t in client.tasks] == ["Monthly report to Acme", "Send the agenda"]  # shared ones


RENEWED_BODY = """\
Acme buys from us since 2019; the CFO decides on price.

- Buyer: Paulo
- Plant: Joinville

## Act {#act}
The workshop happens every February.

- [x] Book the room done:2027-01-20
  - with the projector
- [ ] Send the agenda due:2027-02-01
- [ ] Monthly report every:1m due:2027-01-31 done:2027-01-31,2027-02-28

## Notes {.internal}
Their buyer changes in March.
"""


def test_the_body_keeps_its_prose_and_notes_and_a_series_starts_again_in_the_new_period():
    file = make_plan(goals=[revenue_goal()], milestones=MS, actions=ACTIONS, body=RENEWED_BODY)
    text = next_period(file, "acme-2028", date(2028, 1, 1))
    assert text.split("---\n", 2)[2] == (
        "Acme buys from us since 2019; the CFO decides on price.\n\n- Buyer: Paulo\n- Plant: Joinville\n\n## Act {#act}\n"
        "The workshop happens every February.\n\n- [ ] Send the agenda due:2027-02-01\n"
        "- [ ] Monthly report every:1m due:2028-01-31\n\n## Notes {.internal}\nTheir buyer changes in March.\n"
    )
    assert "#   - Send the agenda (due Feb 1, 2027)\n---" in text  # the series is not owed: it restarts
    assert parse_plan(text, "plans/acme-2028.md").tasks[1].due == date(2028, 1, 31)


def test_titles_that_name_the_old_year_or_the_old_target_are_marked_for_review_in_the_projects_language():
    share = {
        "id": "share",
        "title": "Chegar a 35% de share em 2027",
        "unit": "%",
        "baseline": 30,
        "target": 35,
    }
    file = make_plan(
        goals=[{**share, "actuals": {"2027-12-31": 31.5}}, revenue_goal()],
        milestones=[{"id": "q1", "title": "Renovar o contrato de 2027", "quarter": "Q1"}],
        actions=[{"id": "act", "title": "Oficina 2026/2027", "milestone": "q1"}],
    )
    text = next_period(file, "acme-2028", date(2028, 1, 1), Labels("pt_BR"))
    assert (
        "title: Chegar a 35% de share em 2027  # revisar: o título cita 2027, um ano do período anterior;"
        in text
    )
    assert "o título cita 2027, um ano do período anterior; o título cita 35, a meta anterior\n" in text
    assert (
        "title: Renovar o contrato de 2027  # revisar: o título cita 2027, um ano do período anterior\n"
        in text
    )
    assert "title: Oficina 2026/2027  # revisar: o título cita 2027, um ano do período anterior\n" in text
    assert "title: Revenue\n" in text  # names neither
    assert "target: 37  # revisar: x1,167 da base, como no plano anterior, arredondada de 36,75\n" in text


@pytest.mark.parametrize(
    ("value", "target", "numbers", "expected"),
    [
        (36.75, 35, [30, 35], 37),  # in units, as 35 was written
        (3480000, 3000000, [2500000, 2900000], 3500000),  # not coarser than two significant digits
        (4841667, 4850000, [4000000], 4840000),  # as 4850000 was written, three significant digits
        (4841667, 4841667, [4000000], 4840000),  # never finer than three
        (7.5, 6, [4, 5], 8),  # hospitals: no decimal, none was written
        (41.56, 30, [20.5, 28.4], 42),
        (0.0537, 0.05, [0.031], 0.054),
    ],
)
def test_a_scaled_target_is_rounded_to_the_precision_the_old_target_was_written_in(
    value, target, numbers, expected
):
    assert rounded(value, target, numbers) == expected


def test_each_baseline_says_which_actual_it_is():
    goals = [revenue_goal(actuals={"2027-03-31": 2600000}), {**revenue_goal(), "id": "flat"}]
    text = next_period(make_plan(goals=goals), "acme-2028", date(2028, 1, 1))
    assert "baseline: 2600000  # review: the last actual of acme, on Mar 31, 2027\n" in text
    assert "baseline: 2500000  # review: acme has no actual: its baseline\n" in text


def test_the_command_says_where_each_goal_starts_and_warns_when_the_plan_has_long_to_run(tmp_path, capsys):
    plans = tmp_path / "plans"
    goals = [revenue_goal(actuals={"2027-03-31": 2600000}), {**revenue_goal(), "id": "flat", "title": "Flat"}]
    write_plans(plans, {"acme": f"---\n{front_matter(make_plan(goals=goals).plan)}---\n"})
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ntheme: {name: material, language: pt-BR}\nplugins: [kamsite]\n")
    args = ["next", "acme", "--plans-dir", str(plans), "-f", str(config)]
    assert main([*args, "--as-of", "2027-05-31"]) == 0
    err = capsys.readouterr().err
    assert (
        "kamsite: Revenue: começa em R$\xa02.600.000, a última medição de acme (31/03/2027)\n"
        "kamsite: Flat: começa em R$\xa02.500.000, a base de acme (ele não tem medições)\n"
        "aviso: acme vai até 31/12/2027, mais de um trimestre depois de 31/05/2027: suas últimas medições"
        " não são o resultado dele. Revise as bases do novo plano antes de o período dele começar.\n"
    ) in err
    (plans / "acme-2028.md").unlink()
    assert main([*args, "--as-of", "2027-10-01"]) == 0  # the last quarter: the time to renew
    assert "aviso" not in capsys.readouterr().err
