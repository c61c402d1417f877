"""kamsite next: the account's plan for the next period, which follows the previous one."""

import html
from datetime import date

import pytest

from kamsite.core.audience import client_view
from kamsite.core.parse import parse_plan
from kamsite.render.new_plan import next_period
from kamsite.shell import loader
from kamsite.shell.cli import main

from .conftest import make_plan, mkdocs_build, revenue_goal, write_project
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
    assert (revenue.baseline, revenue.target) == (2900000, 3480000)  # x1.2, as 2.5 M -> 3 M
    assert (share.baseline, share.target) == (28.4, 41.6)  # x1.463..., one decimal as written
    assert "target: 3480000  # review: x1.2 of the baseline, as in the previous plan" in text


def test_milestones_and_actions_come_without_outcomes_and_dropped_ones_stay_behind():
    plan = parse_plan(next_period(source(), "acme-2028", date(2028, 1, 1)), "plans/acme-2028.md").plan
    assert [(m.id, m.done, m.status, m.checkpoint) for m in plan.milestones] == [("q1", None, None, {})]
    assert [(a.id, a.status, a.done, a.due) for a in plan.actions] == [("act", None, None, date(2028, 2, 15))]


def test_open_tasks_are_carried_and_done_ones_are_left_behind():
    file = parse_plan(next_period(source(), "acme-2028", date(2028, 1, 1)), "plans/acme-2028.md")
    assert [(t.text, t.action, t.due, t.done) for t in file.tasks] == [
        ("Still open", "act", date(2028, 3, 1), False)
    ]


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
