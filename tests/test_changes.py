"""What changed between a plan then and now, item by item."""

from datetime import date

from kamsite.core.changes import compare
from kamsite.core.progress import compute

from .conftest import make_plan, revenue_goal

D = date.fromisoformat
MS = [{"id": "q1", "title": "Q1 deal", "quarter": "Q1"}]


def kinds(then, now, as_of="2027-05-15"):
    then_acc = compute(then, D("2027-02-01")) if then else None
    diff = compare(then_acc, compute(now, D(as_of)), D("2027-02-01"))
    return diff, [(c.kind, c.title, c.then, c.now) for c in diff.changes]


def test_a_plan_that_did_not_exist_is_new():
    diff, changes = kinds(None, make_plan())
    assert diff.is_new and changes == []


def test_goals_added_removed_and_targets_moved():
    then = make_plan(goals=[revenue_goal(), {**revenue_goal(), "id": "old", "title": "Old"}])
    now = make_plan(goals=[revenue_goal(target=3200000), {**revenue_goal(), "id": "new", "title": "New"}])
    _, changes = kinds(then, now)
    assert ("target_moved", "Revenue", 3000000, 3200000) in changes
    assert ("goal_added", "New", None, None) in [(k, t, None, None) for k, t, _, _ in changes]
    assert "goal_removed" in [k for k, *_ in changes]


def test_actions_finished_dropped_and_re_dated():
    actions = [
        {"id": "a", "title": "A", "milestone": "q1", "due": "2027-02-15"},
        {"id": "b", "title": "B", "milestone": "q1"},
    ]
    then = make_plan(milestones=MS, actions=actions)
    now = make_plan(
        milestones=MS,
        actions=[{**actions[0], "due": "2027-03-01", "status": "done"}, {**actions[1], "status": "dropped"}],
    )
    _, changes = kinds(then, now)
    found = {k for k, *_ in changes}
    assert {"action_finished", "action_dropped", "due_moved"} <= found


def test_a_task_completed_since_then_is_listed():
    body = "## Tasks\n- [x] Call the CFO done:2027-03-01\n"
    _, changes = kinds(make_plan(body="## Tasks\n- [ ] Call the CFO\n"), make_plan(body=body))
    assert ("task_completed", "Call the CFO") in [(k, t) for k, t, *_ in changes]


def test_a_band_moved_is_a_target_moved_said_in_the_bands_words():
    from kamsite.core.model import Hold
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.changes_since import changes_table
    from kamsite.render.pages.common import View

    band = {"id": "share", "title": "Share", "unit": "%", "baseline": 34, "hold": {"min": 33}}
    then, now = make_plan(goals=[band]), make_plan(goals=[{**band, "hold": {"min": 35, "max": 37}}])
    diff, changes = kinds(then, now)
    assert changes == [("target_moved", "Share", Hold(min=33), Hold(min=35, max=37))]
    view = View(as_of=D("2027-05-15"), settings=Settings(), fmt=Formats("pt_BR"), labels=Labels("pt_BR"))
    assert "<td" in (html := changes_table(diff.changes, view))
    assert "manter ≥ 33%" in html and "manter entre 35% e 37%" in html
    assert kinds(then, make_plan(goals=[band]))[1] == []  # the same band: nothing moved
