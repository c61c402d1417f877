"""Today's agenda: open dated tasks and actions per owner, in three groups."""

from datetime import date

import pytest

from kamsite.core import agenda
from kamsite.core.progress import compute
from kamsite.shell import loader

from .conftest import EXAMPLE, D, action, make_plan

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


def test_the_example_agenda_of_lia(example_agenda):
    assert texts(example_agenda["lia"]) == {
        "overdue": [
            ("action", "Treinar as equipes do piloto", "2027-03-20", "cedro"),
            ("task", "Turma 2", "2027-03-20", "cedro"),  # the action's owner's: no @handle
        ],
        "today": [("task", "Agendar a visita técnica", "2027-05-15", "atlas")],
        "next": [("task", "Coletar o parecer da qualidade", "2027-05-18", "atlas")],  # @lia
    }


def test_the_example_agenda_of_rui_holds_internal_work_and_another_accounts(example_agenda):
    got = texts(example_agenda["rui"])
    assert [(t, a) for _, t, _, a in got["overdue"]] == [
        ("Enviar as amostras à fábrica", "atlas"),
        ("Amostras da nova linha", "atlas"),
        ("Conferir o estoque de amostras", "atlas"),
    ]
    assert got["today"] == []
    assert [(t, d, a) for _, t, d, a in got["next"]] == [
        ("Revisar o piso com o financeiro", "2027-05-20", "atlas"),  # an internal section's task
        ("Validar as janelas de recebimento com o cliente", "2027-05-20", "boreal"),
    ]


def test_a_tagged_task_belongs_to_the_tagged_actions_owner(example_agenda):
    """'Conferir o estoque de amostras' sits in the account's routine, tagged #amostras (Rui's)."""
    assert ("task", "Conferir o estoque de amostras", "2027-05-12", "atlas") in texts(example_agenda["rui"])[
        "overdue"
    ]
    assert "Conferir o estoque de amostras" not in str(texts(example_agenda["lia"]))


def test_nobody_has_the_work_of_a_closed_plan_or_a_dropped_action(example_agenda):
    everything = str([texts(groups) for groups in example_agenda.values()])
    assert "Integrar o portal de pedidos" not in everything and "2026" not in everything


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
    file = make_plan(
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
