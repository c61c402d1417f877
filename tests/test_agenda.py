"""Today's agenda: open dated tasks and actions per owner, in three groups."""

from datetime import date

import pytest

from kamsite.core import agenda
from kamsite.core.progress import compute
from kamsite.shell import loader

from .conftest import EXAMPLE
from .test_compute import D, action, plan

AS_OF = date(2027, 5, 15)


@pytest.fixture(scope="module")
def example_agenda():
    plans = loader.load(EXAMPLE / "plans").plans
    items = [i for p in plans for i in agenda.open_items(compute(p, AS_OF), p.tasks)]
    return agenda.agenda(items, AS_OF)


def texts(groups):
    return {
        g: [(i.kind, i.text, i.due.isoformat(), i.account_id) for i in items] for g, items in groups.items()
    }


def test_the_example_agenda_of_ana(example_agenda):
    assert texts(example_agenda["ana"]) == {
        "overdue": [
            ("action", "Treinar as equipes de enfermagem", "2027-03-20", "cobalto"),
            ("task", "Turma 2: Hospital do Bosque", "2027-03-20", "cobalto"),
        ],
        "today": [],
        "next": [("task", "Relatório do piloto para a diretoria", "2027-05-20", "acme")],
    }


def test_the_example_agenda_of_carla(example_agenda):
    got = texts(example_agenda["carla"])
    assert [t for _, t, _, _ in got["overdue"]] == [
        "Acompanhar a produção do lote-piloto",
        "Lote-piloto do produto X na fábrica 2",
        "Turma 3: plantão noturno",
    ]
    assert [t for _, t, _, _ in got["today"]] == [
        "Coletar os resultados de qualidade",
        "Confirmar a agenda com a diretoria",
    ]
    assert [d for _, _, d, _ in got["next"]] == ["2027-05-18", "2027-05-19", "2027-05-20", "2027-05-21"]


def test_a_tagged_task_belongs_to_the_tagged_actions_owner(example_agenda):
    assert texts(example_agenda["bruno"])["overdue"] == [
        ("task", "Conferir o estoque de consignação", "2027-05-14", "acme")
    ]


@pytest.mark.parametrize(
    ("due", "group"),
    [
        ("2027-05-14", "overdue"),
        ("2027-05-15", "today"),
        ("2027-05-16", "next"),
        ("2027-05-22", "next"),
        ("2027-05-23", None),
    ],
)
def test_group_boundaries(due, group):
    assert agenda.group_of(D(due), AS_OF) == group


def test_done_and_dropped_work_is_not_on_the_agenda():
    body = (
        "## Gone {#gone}\n- [ ] under a dropped action due:2027-05-15\n"
        "## Kept {#kept}\n- [x] finished due:2027-05-15 done:2027-05-14\n- [ ] open due:2027-05-15\n"
        "- [ ] undated\n"
    )
    file = plan(
        milestones=[{"id": "m1", "title": "M1", "quarter": "Q2"}],
        actions=[
            action("gone", status="dropped", due=D("2027-05-01")),
            action("kept", due=D("2027-05-10")),
            action("over", done=D("2027-05-01"), due=D("2027-04-01")),
        ],
        body=body,
    )
    items = agenda.open_items(compute(file, AS_OF), file.tasks)
    assert [(i.kind, i.text) for i in items] == [("action", "Kept"), ("task", "open")]


def test_a_blocked_action_and_its_tasks_are_shown_blocked_not_only_late():
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.dashboard import dashboard
    from kamsite.render.pages.today import item_html

    from .conftest import make_plan

    file = make_plan(
        milestones=[{"id": "q1", "title": "Q1", "quarter": "Q1"}],
        actions=[
            {
                "id": "wait",
                "title": "Wait for legal",
                "milestone": "q1",
                "owner": "bruno",
                "due": "2027-02-01",
                "status": "blocked",
            },
            {"id": "go", "title": "Go ahead", "milestone": "q1", "owner": "bruno", "due": "2027-02-01"},
        ],
        body="## Wait for legal {#wait}\n\n- [ ] Chase the contract @bruno due:2027-02-10\n",
    )
    acc = compute(file, D("2027-03-01"))
    items = {i.text: i for i in agenda.open_items(acc, file.tasks)}
    assert {t: i.blocked for t, i in items.items()} == {
        "Wait for legal": True,
        "Chase the contract": True,
        "Go ahead": False,
    }
    view = View(acc.as_of, Settings(), Formats("en"), Labels("en"))
    blocked = '<span class="ks-badge ks-status-blocked">'
    assert blocked in item_html(items["Wait for legal"], view, "today/")
    assert blocked in item_html(items["Chase the contract"], view, "today/")
    assert blocked not in item_html(items["Go ahead"], view, "today/")
    week = dashboard(acc, view).split('<div class="ks-week">')[1].split("</div>")[0]
    assert week.count(blocked) == 2 and "days late" in week
