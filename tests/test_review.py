"""The quarterly review: each started quarter as it stood on its last day, and what changed in it."""

import html
import io
import re
from datetime import date

import pypdf
import pytest

from kamsite.core.progress import Settings
from kamsite.core.review import quarters_of, review, snapshot_days
from kamsite.shell import builder
from kamsite.shell import git as history
from kamsite.shell.cli import main

from .conftest import (
    BASE,
    as_shown,
    commit_all,
    git,
    make_plan,
    mkdocs_build,
    new_repository,
    revenue_goal,
    serve,
    write_project,
)

D = date.fromisoformat
MS = [
    {"id": "q1-deal", "title": "Q1 deal", "quarter": "Q1", "checkpoint": {"revenue": 2600000}},
    {"id": "q2-deal", "title": "Q2 deal", "quarter": "Q2"},
]
ACTIONS = [
    {"id": "act", "title": "Act", "milestone": "q1-deal", "done": "2027-02-10"},
    {"id": "next", "title": "Next", "milestone": "q2-deal"},
]
BODY = "## Act {#act}\n- [x] Kick-off done:2027-01-20\n## Next {#next}\n- [x] Visit done:2027-04-02\n"


def plan(**extra):
    return make_plan(
        goals=[revenue_goal(actuals={"2027-03-31": 2650000, "2027-05-01": 2700000})],
        milestones=MS,
        actions=ACTIONS,
        body=BODY,
        **extra,
    )


def test_only_started_quarters_are_reviewed_latest_first():
    assert [q for q, *_ in quarters_of(plan(), D("2027-04-01"))] == ["Q1", "Q2"]
    assert [r.quarter for r in review(plan(), D("2027-05-15"), Settings())] == ["Q2", "Q1"]
    assert review(plan(), D("2026-12-31"), Settings()) == ()


def test_a_quarter_is_judged_on_its_last_day_against_its_checkpoint():
    q2, q1 = review(plan(), D("2027-05-15"), Settings())
    goal = q1.goals[0]
    assert (q1.until, goal.value, goal.reference, goal.from_checkpoint) == (
        D("2027-03-31"),
        2650000,
        2600000,
        True,
    )
    assert goal.status == "on_track"
    assert q2.until == D("2027-05-15") and q2.goals[0].value == 2700000 and not q2.goals[0].from_checkpoint


def test_a_quarter_holds_its_own_milestones_and_the_work_finished_in_it():
    q2, q1 = review(plan(), D("2027-05-15"), Settings())
    assert [(m.milestone.id, m.status) for m in q1.milestones] == [("q1-deal", "done")]
    assert [(d.kind, d.title) for d in q1.done] == [
        ("milestone", "Q1 deal"),
        ("action", "Act"),
        ("task", "Kick-off"),
    ]
    assert [(d.kind, d.title) for d in q2.done] == [
        ("milestone", "Q2 deal"),
        ("action", "Next"),
        ("task", "Visit"),
    ]
    assert [m.milestone.id for m in q2.milestones] == ["q2-deal"]


def test_without_history_the_changes_are_unknown_and_with_it_they_are_listed_by_id():
    q2, _ = review(plan(), D("2027-05-15"), Settings())
    assert q2.changes is None
    before = make_plan(goals=[revenue_goal(target=2900000)], milestones=MS, actions=ACTIONS[:1])
    q2, q1 = review(plan(), D("2027-05-15"), Settings(), {"Q2": (before, plan()), "Q1": (None, before)})
    assert [(c.kind, c.title) for c in q2.changes] == [("target_moved", "Revenue"), ("action_added", "Next")]
    assert q1.changes == ()  # the plan was written during Q1: nothing to compare with


def test_the_days_compared_are_each_quarters_eve_and_its_judging_day():
    assert snapshot_days(plan(), D("2027-05-15")) == [D("2026-12-31"), D("2027-03-31"), D("2027-05-15")]


# -- from a real git repository ------------------------------------------------------------

PLAN = BASE.replace("    target: 200\n", "    target: 200\n    actuals:\n      2027-03-31: 150\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A plan committed in Q1 (Jan 10), changed in Q2 (May 2: target moved, an action added),
    and changed again after the quarter under review ends (Jul 5, author date)."""
    config = (
        "site_name: Team\nsite_url: https://kam.example.com/\ntheme: {name: material, font: false,"
        " language: en}\nplugins: [search, {kamsite: {as_of: '2027-06-15'}}]\n"
    )
    project = new_repository(write_project(tmp_path_factory.mktemp("review"), {"acme": PLAN}, config))
    acme = project / "plans" / "acme.md"
    commit_all(project, "Plan", date="2027-01-10", author="Ana Souza")
    q2 = PLAN.replace("    target: 200\n", "    target: 220\n").replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - id: extra\n    title: Extra push\n    milestone: q1\n---",
    )
    acme.write_text(q2, encoding="utf-8")
    git(project, "commit", "-q", "-am", "Q2 adjustments", date="2027-05-02", author="Ana Souza")
    acme.write_text(q2.replace("Extra push", "Extra push renamed"), encoding="utf-8")
    git(project, "commit", "-q", "-am", "After the quarter", date="2027-07-05", author="Ana Souza")
    return project


def test_the_texts_on_each_day_come_from_the_commits_by_author_date(repo):
    texts = history.texts_on(
        repo, repo / "plans" / "acme.md", [D("2027-01-09"), D("2027-03-31"), D("2027-06-15")]
    )
    assert texts[D("2027-01-09")] is None
    assert "target: 200" in texts[D("2027-03-31")] and "target: 220" in texts[D("2027-06-15")]
    assert "renamed" not in texts[D("2027-06-15")]


def test_a_shallow_clone_has_no_usable_history(repo, tmp_path):
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    assert (
        history.texts_on(tmp_path / "shallow", tmp_path / "shallow/plans/acme.md", [D("2027-03-31")]) is None
    )


@pytest.mark.build
def test_the_review_page_lists_the_changes_made_during_the_quarter(repo):
    site = mkdocs_build(repo, strict=True)
    page = html.unescape((site / "accounts/acme/review/index.html").read_text(encoding="utf-8"))
    q2 = page[page.index('id="q2"') : page.index('id="q1"')]
    assert "Target moved" in q2 and "Action added" in q2 and "Extra push" in q2
    q1 = page[page.index('id="q1"') :]
    assert "The plan did not change in this quarter." in q1
    assert "Extra push" not in q1


def test_the_review_command_writes_the_same_as_markdown(repo, capsys):
    assert (
        main(
            [
                "review",
                "acme",
                "-f",
                str(repo / "mkdocs.yml"),
                "--as-of",
                "2027-06-15",
                "--quarter",
                "q2",
                "--plans-dir",
                str(repo / "plans"),
                "--team",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("# Acme: quarterly review\n\n## Q2 · Apr 1, 2027 to Jun 30, 2027\n")
    assert "- Target moved: Revenue" in out and "- Action added: Extra push" in out and "## Q1" not in out
    args = ["review", "acme", "-f", str(repo / "mkdocs.yml"), "--as-of", "2027-06-15", "--quarter", "q2"]
    assert main([*args, "--plans-dir", str(repo / "plans")]) == 0
    client = capsys.readouterr().out  # as on the client's site: no list of changes
    assert "Changes to the plan" not in client and "Target moved" not in client and "Revenue" in client
    assert (
        main(
            [
                "review",
                "acme",
                "-f",
                str(repo / "mkdocs.yml"),
                "--as-of",
                "2027-02-01",
                "--quarter",
                "Q2",
                "--plans-dir",
                str(repo / "plans"),
            ]
        )
        == 1
    )
    assert "Q2 of 'acme' has not started on 2027-02-01" in capsys.readouterr().err


@pytest.mark.build
def test_a_client_review_leaves_the_changes_out_unless_the_team_shows_them(repo, tmp_path):
    builder.build_clients(repo / "mkdocs.yml", tmp_path / "clients", strict=True)
    page = (tmp_path / "clients/acme/accounts/acme/review/index.html").read_text(encoding="utf-8")
    assert "Q2 · Apr 1, 2027 to Jun 30, 2027" in html.unescape(page)
    assert "Target moved" not in page and "Changes to the plan" not in page
    config = repo / "mkdocs.yml"
    saved = config.read_text(encoding="utf-8")
    config.write_text(
        saved.replace("as_of: '2027-06-15'", "as_of: '2027-06-15', client_changes: true"), encoding="utf-8"
    )
    try:
        builder.build_clients(repo / "mkdocs.yml", tmp_path / "shown", strict=True)
    finally:
        config.write_text(saved, encoding="utf-8")
    assert "Target moved" in (tmp_path / "shown/acme/accounts/acme/review/index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.build
def test_internal_items_never_reach_a_clients_review(tmp_path):
    secret = BASE.replace(
        "    owner: bruno\n---",
        "    owner: bruno\n  - id: secret\n    title: Secret lever\n"
        "    milestone: q1\n    internal: true\n    done: 2027-02-01\n---",
    )
    config = (
        "site_name: Team\ntheme: {name: material, font: false, language: en}\n"
        "plugins: [{kamsite: {as_of: '2027-05-15', audience: client}}]\n"
    )
    plan = secret + "## Notes {.internal}\n- [x] Hidden call done:2027-02-02\n"
    site = mkdocs_build(write_project(tmp_path, {"acme": plan}, config), strict=True)
    page = (site / "accounts/acme/review/index.html").read_text(encoding="utf-8")
    assert "Q1" in page and "Secret lever" not in page and "Hidden call" not in page


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.browser
def test_the_review_prints_each_quarter_on_its_own_pages_or_one_quarter_alone(browser, repo):
    site = mkdocs_build(repo, strict=True)
    with serve(site) as url:
        tab = browser.new_page()
        tab.goto(url + "accounts/acme/review/")
        whole = pdf_pages(tab.pdf(format="A4"))
        tab.evaluate("window.print = () => {}")  # the dialog itself is the browser's
        tab.click(".ks-print-quarter[data-quarter='q1']")
        alone = pdf_pages(tab.pdf(format="A4"))
        tab.close()
    starts = [i for i, text in enumerate(whole) if re.search(r"Q[12] · ", text)]
    assert len(starts) == 2 and starts[0] < starts[1]  # Q2 first, Q1 on a page of its own
    assert not any("Q2 · " in text for text in whole[starts[1] :])
    assert "Q1 · Jan 1, 2027 to Mar 31, 2027" in alone[0] and not any("Q2 · " in text for text in alone)
    assert "Search" not in "".join(alone)  # no navigation in print


def plan_text(actions=ACTIONS, **front):
    import yaml

    data = {
        "account": "Acme",
        "owner": "ana",
        "team": {"ana": "Ana Souza", "bruno": "Bruno Lima"},
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "goals": [revenue_goal()],
        "milestones": MS,
        "actions": list(actions),
        **front,
    }
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + BODY


def test_an_item_made_internal_during_a_quarter_is_not_shown_to_the_client_as_removed():
    from kamsite.core.audience import client_view
    from kamsite.core.model import PlanHistory
    from kamsite.core.parse import parse_plan
    from kamsite.render.site import quarter_history

    public = plan_text()
    later = plan_text([ACTIONS[0], {**ACTIONS[1], "internal": True}])
    now = parse_plan(later, "plans/acme.md")
    days = snapshot_days(now, D("2027-05-15"))
    texts = PlanHistory(texts={day: (public if day < D("2027-04-15") else later) for day in days})
    known = quarter_history(now, D("2027-05-15"), texts, client_view)
    q2 = review(client_view(now), D("2027-05-15"), Settings(), known)[0]
    assert q2.quarter == "Q2" and q2.changes == ()
    team = quarter_history(now, D("2027-05-15"), texts, lambda f: f)
    assert review(now, D("2027-05-15"), Settings(), team)[0].changes == ()  # nothing was removed


def test_a_snapshot_of_another_plan_at_the_same_path_is_not_this_plans_past():
    from kamsite.core.model import PlanHistory
    from kamsite.core.parse import parse_plan
    from kamsite.render.site import quarter_history

    now = parse_plan(plan_text(), "plans/acme.md")
    other = plan_text(account="Other", id="other")
    days = snapshot_days(now, D("2027-05-15"))
    known = quarter_history(now, D("2027-05-15"), PlanHistory(texts=dict.fromkeys(days, other)), lambda f: f)
    assert known is not None and all(pair == (None, None) for pair in known.values())
    same = quarter_history(
        now, D("2027-05-15"), PlanHistory(texts=dict.fromkeys(days, plan_text())), lambda f: f
    )
    assert same is not None and all(pair[1] is not None for pair in same.values())


def test_a_snapshot_of_another_clients_plan_under_the_same_id_is_not_this_plans_past():
    from kamsite.core.model import PlanHistory
    from kamsite.core.parse import parse_plan
    from kamsite.render.site import quarter_history

    now = parse_plan(plan_text(), "plans/acme.md")
    days = snapshot_days(now, D("2027-05-15"))
    other = PlanHistory(texts=dict.fromkeys(days, plan_text(account="Hooli")))
    known = quarter_history(now, D("2027-05-15"), other, lambda f: f)
    assert known is not None and all(pair == (None, None) for pair in known.values())
    renamed = PlanHistory(texts=dict.fromkeys(days, plan_text(account="Hooli")))
    now_renamed = parse_plan(plan_text(formerly=["Hooli"]), "plans/acme.md")
    known = quarter_history(now_renamed, D("2027-05-15"), renamed, lambda f: f)
    assert known is not None and all(pair[1] is not None for pair in known.values())


def test_a_contact_the_client_cannot_read_counts_in_the_clients_review():
    from kamsite.core.audience import client_view
    from kamsite.core.parse import parse_plan

    text = plan_text() + "## Notes {.internal}\n- [x] 📞 Lunch with the buyer done:2027-04-20\n"
    q2 = review(client_view(parse_plan(text, "plans/acme.md")), D("2027-05-15"), Settings())[0]
    assert q2.quarter == "Q2" and q2.contacts == 1
    assert "Lunch" not in str(q2.done)


def test_a_clients_review_has_no_changes_section_unless_the_team_shows_them(tmp_path):
    from kamsite.core.parse import parse_plan
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.site import generate_client

    now = parse_plan(plan_text(), "plans/acme.md")
    view = View(D("2027-05-15"), Settings(), Formats("en"), Labels("en"), internal=False)
    hidden = generate_client(now, view)["accounts/acme/review/index.md"]
    assert "Changes to the plan" not in hidden and "history" not in hidden.lower()
    shown = generate_client(now, view, changes=True)["accounts/acme/review/index.md"]
    assert "Changes to the plan" in shown


def test_a_milestone_not_done_by_its_quarters_end_is_missed_in_that_quarters_review():
    """On its last day it was not late yet; once the quarter is over, the review says missed."""
    late = [{**MS[0], "id": "q1-deal"}, MS[1]]
    actions = [{"id": "act", "title": "Act", "milestone": "q1-deal"}, ACTIONS[1]]
    file = make_plan(goals=[revenue_goal()], milestones=late, actions=actions)
    q1 = review(file, D("2027-05-15"), Settings())[-1]
    assert q1.quarter == "Q1" and [(m.milestone.id, m.status) for m in q1.milestones] == [
        ("q1-deal", "missed")
    ]
    on_the_day = review(file, D("2027-03-31"), Settings())[0]
    assert [m.status for m in on_the_day.milestones] == ["in_progress"]
    done = [{**late[0], "done": "2027-03-31"}, MS[1]]
    q1 = review(
        make_plan(goals=[revenue_goal()], milestones=done, actions=actions), D("2027-05-15"), Settings()
    )
    assert [m.status for m in q1[-1].milestones] == ["done"]


def test_a_goal_to_hold_is_reviewed_against_its_band():
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.review import review_page

    share = {"id": "share", "title": "Share", "unit": "%", "baseline": 34, "hold": {"min": 35},
             "actuals": {"2027-03-31": 36, "2027-05-01": 33}}  # fmt: skip
    q2, q1 = review(make_plan(goals=[share]), D("2027-05-15"), Settings())
    assert [(q.goals[0].value, q.goals[0].status) for q in (q1, q2)] == [(36, "on_track"), (33, "off_track")]
    view = View(as_of=D("2027-05-15"), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    page = as_shown(review_page("Acme", (q2, q1), {}, view))
    assert page.count(">keep ≥ 35%</td>") == 2 and "In the band" in page and "Out of the band" in page


def test_a_goals_value_in_a_quarter_is_its_latest_actual_by_the_quarters_end_judged_on_that_actuals_day():
    """Format v3 §9.14: 108 was measured on Jan 31 (8% of the way, 8.2% expected that day: on
    track); judged on Mar 31 (24.5% expected) it would be at risk, and the Apr 10 actual belongs
    to Q2."""
    goal = {"id": "revenue", "title": "Revenue", "baseline": 100, "target": 200}
    actuals = {"2027-01-31": 108, "2027-04-10": 150}
    q2, q1 = review(make_plan(goals=[{**goal, "actuals": actuals}]), D("2027-05-15"), Settings())
    (then,) = q1.goals
    assert (then.value, then.progress, then.status) == (108, 0.08, "on_track")
    assert (q2.goals[0].value, q2.goals[0].status) == (150, "on_track")


def test_a_quarters_status_is_shown_beside_what_it_was_judged_against():
    """Q1 is judged on its last day, Mar 31, but its value was measured on Jan 31: beside its
    status, the progress expected that day (8%), not the 24.5% of Mar 31."""
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.review import review_page

    goal = {"id": "revenue", "title": "Revenue", "baseline": 100, "target": 200}
    reviews = review(make_plan(goals=[{**goal, "actuals": {"2027-01-31": 108}}]), D("2027-05-15"), Settings())
    for locale, judged in (("en", "8% · expected 8% on Jan 31"), ("pt_BR", "8% · esperado 8% em 31/01")):
        view = View(as_of=D("2027-05-15"), settings=Settings(), fmt=Formats(locale), labels=Labels(locale))
        q1 = review_page("Acme", reviews, {}, view).split('id="q1"')[-1]
        assert f">{judged}</td>" in q1 and "24" not in re.sub(r"<[^>]+>", "|", q1).split("|Revenue|")[1][:60]
