"""`kamsite new`: a skeleton or a replicated plan that passes `kamsite check`, never overwriting."""

import shutil
from datetime import date

import pytest

from kamsite.core.parse import parse_plan
from kamsite.render.labels import Labels
from kamsite.render.new_plan import replicate, shifter, skeleton
from kamsite.shell.cli import main

from .conftest import EXAMPLE, make_plan, revenue_goal


@pytest.fixture
def plans(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLE / "plans", tmp_path / "plans")
    return tmp_path / "plans"


def test_the_skeleton_is_a_valid_plan():
    text = skeleton("delta", "Delta Ltda.", "ana", "Ana Souza", date(2028, 4, 1))
    file = parse_plan(text, "plans/delta.md")
    assert (file.plan.account, file.plan.owner, file.plan.team) == (
        "Delta Ltda.",
        "ana",
        {"ana": "Ana Souza"},
    )
    assert (file.plan.period.start, file.plan.period.end) == (date(2028, 4, 1), date(2029, 3, 31))
    assert "# goals:" in text and "#     checkpoint:" in text


def test_the_skeletons_commented_examples_uncommented_are_a_valid_plan():
    """Goals (one to move with a weight, one to hold), milestones and actions as the comments show."""
    text = skeleton("delta", "Delta Ltda.", "ana", "Ana Souza", date(2028, 4, 1))
    for part in ("goals", "milestones", "actions"):
        text = text.replace(f"{part}: []\n# {part}:", f"# {part}: []\n{part}:")
    text = "\n".join(line[2:] if line.startswith("#   ") else line for line in text.split("\n"))
    file = parse_plan(text, "plans/delta.md")
    assert [(g.id, g.kind, g.weight) for g in file.plan.goals] == [
        ("revenue", "move", 2),
        ("margin", "hold", None),
    ]
    assert (file.plan.goals[1].hold.min, file.plan.goals[1].hold.max) == (18, 22)


def test_dates_move_by_months_when_the_days_match():
    move = shifter(date(2027, 1, 1), date(2028, 1, 1))
    assert move(date(2027, 2, 28)) == date(2028, 2, 28)
    assert move(date(2027, 12, 31)) == date(2028, 12, 31)
    assert shifter(date(2027, 1, 1), date(2027, 1, 11))(date(2027, 12, 31)) == date(2028, 1, 10)


def test_new_from_a_proven_plan_replicates_its_structure(plans, capsys):
    args = ["new", "delta", "--account", "Delta Ltda.", "--owner", "eva", "--from", "atlas"]
    assert main([*args, "--start", "2028-01-01"]) == 0
    assert capsys.readouterr().out == "plans/delta.md\n"
    file = parse_plan((plans / "delta.md").read_text(encoding="utf-8"), "plans/delta.md")
    plan = file.plan
    assert (plan.id, plan.account, plan.owner, plan.team["eva"]) == (
        "delta",
        "Delta Ltda.",
        "eva",
        "Eva Costa",  # her name in the other plans she is in
    )
    assert plan.follows is None  # another account: no chain
    assert (plan.period.start, plan.period.end) == (date(2028, 1, 1), date(2028, 12, 31))
    assert [g.id for g in plan.goals] == ["receita", "share", "margem"] and all(
        not g.actuals for g in plan.goals
    )
    assert all(m.done is None for m in plan.milestones)
    assert plan.milestones[1].checkpoint == {"share": 35}
    assert all(a.status is None and a.done is None for a in plan.actions)
    assert "portal" not in [a.id for a in plan.actions]  # dropped in the source
    assert plan.actions[1].due == date(2028, 5, 10)
    assert all(not t.done and t.done_on is None for t in file.tasks)
    first, second = file.tasks[:2]
    assert (first.text, first.done, first.action) == ("Separar as amostras", False, "amostras")  # reopened
    assert (second.text, second.due, second.owner) == (
        "Enviar as amostras à fábrica",
        date(2028, 5, 5),
        "rui",
    )
    assert any(t.internal for t in file.tasks)
    assert main(["check", "plans"]) == 0


def test_new_refuses_to_overwrite_and_leaves_the_file_as_it_was(plans, capsys):
    before = (plans / "atlas.md").read_bytes()
    assert main(["new", "atlas", "--account", "Other", "--owner", "lia"]) == 1
    assert capsys.readouterr().err == "kamsite: plans/atlas.md already exists; nothing was written\n"
    assert (plans / "atlas.md").read_bytes() == before
    assert sorted(p.name for p in plans.iterdir()) == ["atlas-2026.md", "atlas.md", "norte", "sul"]


def test_new_refuses_an_id_used_in_another_file(plans, capsys):
    assert main(["new", "boreal", "--account", "Other", "--owner", "lia"]) == 1  # plans/sul/boreal.md
    assert "a plan with id 'boreal' already exists" in capsys.readouterr().err
    assert not (plans / "boreal.md").exists()


def test_new_reports_an_unknown_source(plans, capsys):
    assert main(["new", "delta", "--account", "D", "--owner", "ana", "--from", "nope"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "kamsite: --from: no valid plan with id 'nope'. Known ids: atlas-2026, atlas, cedro, boreal."
    )
    assert not (plans / "delta.md").exists()


def test_new_from_marks_what_it_copied_of_another_clients_plan_for_review():
    """The team, the tags and the goals' numbers were another client's: each line says so."""
    source = make_plan(
        goals=[revenue_goal(), {"id": "share", "title": "Share", "baseline": 30, "hold": {"min": 28}}],
        milestones=[{"id": "q1", "title": "Q1", "quarter": "Q1", "checkpoint": {"revenue": 2600000}}],
        tags=["south"],
    )
    text = replicate(source, "delta", "Delta", "dani", "Dani Reis", date(2028, 1, 1), Labels("pt_BR"))
    note = "  # revisar: copiado de acme, plano de outro cliente\n"
    for line in ("team:", "tags:", "    baseline: 2500000", "    target: 3000000", "    baseline: 30"):
        assert line + note in text
    assert "    hold:" + note in text and "    checkpoint:" + note in text
    assert text.count("# revisar") == 7
    assert parse_plan(text, "plans/delta.md").plan.team == {
        "ana": "Ana Souza",
        "bruno": "Bruno Lima",
        "dani": "Dani Reis",
    }
