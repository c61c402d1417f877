"""Reading a folder of plans: one broken file never takes the others down."""

import os
import sys

import pytest

from kamsite.core.errors import PlanError
from kamsite.shell import loader

from .conftest import BASE, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from large_plan import SIZE, large_plan  # noqa: E402


@pytest.fixture
def plans(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "plans"
    root.mkdir()
    return root


def test_templates_and_drafts_are_skipped_and_subfolders_read(plans):
    (plans / "south").mkdir()
    (plans / "south" / "acme.md").write_text(BASE)
    (plans / "_template.md").write_text("not a plan")
    found = loader.load(plans)
    assert [p.path for p in found.plans] == ["plans/south/acme.md"]
    assert found.invalid == []


def test_an_invalid_plan_beside_valid_ones(plans):
    (plans / "acme.md").write_text(BASE)
    (plans / "broken.md").write_text(BASE.replace("target: 200", "target: 100"))
    found = loader.load(plans)
    assert [p.id for p in found.plans] == ["acme"]
    (bad,) = found.invalid
    assert (bad.id, bad.name, bad.path) == ("broken", "Acme", "plans/broken.md")
    assert [str(p) for p in found.problems] == [
        "plans/broken.md:13: goals[0].target: must differ from baseline (both 100)"
    ]


def test_two_plans_with_the_same_id_name_both_files(plans):
    (plans / "a.md").write_text(BASE.replace("account: Acme", "account: Acme\nid: acme"))
    (plans / "b.md").write_text(BASE.replace("account: Acme", "account: Acme\nid: acme"))
    found = loader.load(plans)
    assert [str(p) for p in found.problems] == [
        "plans/b.md:1: id: 'acme' is already the id of plans/a.md: give each plan its own id"
    ]
    assert found.invalid[0].id == "b"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00a", "plans/x.md:1: is not UTF-8 text: save the file as UTF-8"),
        (b"---\n\x00\x01\n---\n", "plans/x.md: is a binary file, not a Markdown plan"),
        (
            b"",
            "plans/x.md:1: front matter: a plan starts with front matter: a line '---', "
            "the YAML, then another '---'",
        ),
        (b"x" * (loader.MAX_BYTES + 1), "plans/x.md: is 5,000,001 bytes; a plan may have at most 5,000,000"),
    ],
)
def test_unreadable_files_get_a_clear_message(plans, content, message):
    (plans / "x.md").write_bytes(content)
    (plans / "ok.md").write_text(BASE)
    found = loader.load(plans)
    assert [str(p) for p in found.problems] == [message]
    assert [p.id for p in found.plans] == ["ok"]


def test_a_link_to_a_file_outside_the_plans_folder_is_refused(plans, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text(BASE)
    os.symlink(outside, plans / "link.md")
    assert [str(p) for p in loader.load(plans).problems] == [
        "plans/link.md: is a link to a file outside the plans folder; copy the file instead"
    ]


def test_a_missing_folder_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanError, match="nope: no such folder of plans"):
        loader.load(tmp_path / "nope")


def test_a_plan_just_under_the_size_limit_is_read_whole(plans):
    """The large plan the benchmark times (benchmarks/large_plan.py, where its reading is shown
    to stay linear in its size): thousands of actions and tasks, every one of them read."""
    text = large_plan(SIZE)
    assert SIZE <= len(text.encode()) < loader.MAX_BYTES
    (plans / "large.md").write_text(text, encoding="utf-8")
    found = loader.load(plans)
    assert found.invalid == []
    (plan,) = found.plans
    actions = text.count("\n  - id: a")
    assert actions > 1000 and len(plan.plan.actions) == len(plan.tasks) == actions
    assert plan.plan.actions[-1].id == f"a{actions - 1}"
