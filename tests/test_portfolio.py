"""Plans across the portfolio: `follows` names an earlier plan of the same account, and the
plan whose period runs stays in front of the plan that follows it."""

import json
import re
from dataclasses import replace
from datetime import date

from kamsite.core.portfolio import Portfolio, next_periods, running
from kamsite.core.progress import CauseCounts, Settings, cause_counts, compute_all
from kamsite.render import site
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels
from kamsite.render.pages.common import View
from kamsite.shell import loader
from kamsite.shell.cli import main

from .conftest import BASE, as_shown, make_plan, revenue_goal, write_plans


def plans_with(tmp_path, **texts):
    return loader.load(write_plans(tmp_path, texts))


def follows(target: str) -> str:
    return BASE.replace("account: Acme\n", f"account: Acme\nfollows: {target}\n")


def test_follows_naming_no_plan_is_an_error_that_suggests_the_nearest_id(tmp_path):
    found = plans_with(tmp_path, **{"acme-2026": BASE, "acme-2027": follows("acme-2025")})
    assert [p.id for p in found.plans] == ["acme-2026"]
    assert [str(p) for p in found.problems] == [
        f"{loader.display(tmp_path / 'acme-2027.md')}:3: follows: no plan has the id 'acme-2025'."
        " Did you mean 'acme-2026'?"
    ]


def test_follows_naming_another_accounts_plan_is_an_error_naming_both_accounts(tmp_path):
    other = BASE.replace("account: Acme\n", "account: Bravo Foods\n")
    found = plans_with(tmp_path, bravo=other, acme=follows("bravo"))
    assert [p.id for p in found.plans] == ["bravo"]
    assert [str(p) for p in found.problems] == [
        f"{loader.display(tmp_path / 'acme.md')}:3: follows: 'bravo' is the plan of another account"
        " (Bravo Foods; this plan is Acme): follow an earlier plan of the same account, or list its"
        " former name in formerly"
    ]


def test_a_client_renamed_between_periods_follows_its_former_name(tmp_path):
    old = BASE.replace("account: Acme\n", "account: Acme Old Name\n")
    new = follows("old").replace("account: Acme\n", "account: Acme\nformerly: [Acme Old Name]\n")
    found = plans_with(tmp_path, old=old, new=new)
    assert found.problems == [] and sorted(p.id for p in found.plans) == ["new", "old"]


def test_a_chain_of_follows_that_loops_is_an_error_in_every_plan_of_the_loop(tmp_path):
    found = plans_with(tmp_path, a=follows("b"), b=follows("a"), c=follows("a"), d=BASE)
    assert sorted(p.id for p in found.plans) == ["c", "d"]
    assert sorted(p.message for p in found.problems) == [
        "'a' leads back to this plan: a chain of plans cannot loop",
        "'b' leads back to this plan: a chain of plans cannot loop",
    ]


def test_a_baseline_that_differs_from_the_previous_plans_last_actual_is_a_warning(tmp_path):
    old = BASE.replace(
        "    target: 200\n", "    target: 200\n    actuals:\n      2027-06-30: 150\n      2027-12-31: 180\n"
    )
    new = follows("old").replace("2027", "2028")
    found = plans_with(tmp_path, old=old, new=new)
    (plan,) = [p for p in found.plans if p.id == "new"]
    assert [str(w) for w in plan.warnings] == [
        f"{loader.display(tmp_path / 'new.md')}:13: goals[0].baseline: 100 differs from the last"
        f" actual of 'revenue' in {loader.display(tmp_path / 'old.md')} (180 on 2027-12-31):"
        " start where the previous plan ended"
    ]
    found = plans_with(tmp_path, new=new.replace("baseline: 100", "baseline: 180"))
    assert [p for p in found.plans if p.id == "new"][0].warnings == ()


# -- the running plan stays in front (format v3 §9.17) ------------------------------------------


def chain(later_start="2028-01-01", later_end="2028-12-31"):
    """Acme's 2027 plan, and the plan that follows it, each with a task due on 2027-12-30."""
    task = "- [ ] {} kick-off @bruno due:2027-12-30\n"
    earlier = make_plan(goals=[revenue_goal()], id="acme-2027", body=task.format("Old"))
    later = make_plan(
        goals=[revenue_goal()],
        id="acme-2028",
        follows="acme-2027",
        period=(later_start, later_end),
        body=task.format("New"),
    )
    return earlier, later


def in_front(plans, as_of):
    computed = compute_all(plans, as_of)
    return [a.plan.id for a in running(computed)], {k: v.plan.id for k, v in next_periods(computed).items()}


def test_the_next_period_waits_behind_the_running_plan_until_its_end_has_passed():
    plans = chain()
    assert in_front(plans, date(2026, 12, 1)) == (["acme-2027"], {"acme-2027": "acme-2028"})  # none started
    assert in_front(plans, date(2027, 12, 31)) == (["acme-2027"], {"acme-2027": "acme-2028"})
    assert in_front(plans, date(2028, 1, 1)) == (["acme-2028"], {})
    assert in_front(plans, date(2029, 1, 1)) == ([], {})  # both closed


def test_a_plan_that_starts_before_the_earlier_one_ends_still_waits_and_a_gap_moves_it_up():
    overlapping = chain("2027-12-01", "2028-11-30")
    assert in_front(overlapping, date(2027, 12, 15)) == (["acme-2027"], {"acme-2027": "acme-2028"})
    gap = chain("2028-02-01", "2029-01-31")
    assert in_front(gap, date(2028, 1, 15)) == (["acme-2028"], {})  # the earlier one is closed


def test_a_plan_with_no_plan_before_it_is_in_front_even_before_it_starts():
    bravo = make_plan(
        goals=[revenue_goal()], id="bravo", account="Bravo", period=("2028-01-01", "2028-12-31")
    )
    assert in_front([*chain(), bravo], date(2027, 12, 20))[0] == ["acme-2027", "bravo"]


def test_today_people_and_the_exports_current_flag_follow_the_running_plan():
    view = View(as_of=date(2027, 12, 20), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    files = site.generate(Portfolio(list(chain())), view)
    assert "Old kick-off" in files["today/index.md"] and "New kick-off" not in files["today/index.md"]
    assert "Old kick-off" in files["people/bruno/index.md"]
    assert "New kick-off" not in files["people/bruno/index.md"]
    assert "New kick-off" in files["people/bruno/calendar.ics"]  # still dated work in the calendar
    accounts = json.loads(files["api/accounts.json"])["accounts"]
    assert [(a["id"], a["current"], a["closed"]) for a in accounts] == [
        ("acme-2027", True, False),
        ("acme-2028", False, False),
    ]
    then = site.generate(Portfolio(list(chain())), replace(view, as_of=date(2028, 1, 2)))
    accounts = json.loads(then["api/accounts.json"])["accounts"]
    assert [(a["id"], a["current"], a["closed"]) for a in accounts] == [
        ("acme-2027", False, True),
        ("acme-2028", True, False),
    ]
    assert "New kick-off" in then["today/index.md"]


def test_a_clients_export_says_whether_its_plan_is_the_running_one():
    earlier, later = chain()
    view = View(
        as_of=date(2027, 12, 20), settings=Settings(), fmt=Formats("en"), labels=Labels("en"), internal=False
    )
    waiting = json.loads(site.generate_client(later, view, earlier=[earlier])["api/accounts.json"])
    running_now = json.loads(site.generate_client(earlier, view)["api/accounts.json"])
    assert waiting["accounts"][0]["current"] is False and running_now["accounts"][0]["current"] is True


def test_kamsite_today_leaves_out_the_plan_waiting_for_its_period(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = BASE.replace("account: Acme\n", "account: Acme\nid: acme-2027\n")
    new = BASE.replace("account: Acme\n", "account: Acme\nid: acme-2028\nfollows: acme-2027\n").replace(
        "period: {start: 2027-01-01, end: 2027-12-31}", "period: {start: 2028-01-01, end: 2028-12-31}"
    )
    write_plans(
        tmp_path / "plans",
        {
            "acme-2027": old + "- [ ] Old call @bruno due:2027-12-21\n",
            "acme-2028": new + "- [ ] New call @bruno due:2027-12-21\n",
        },
    )
    assert main(["today", "plans", "--as-of", "2027-12-20"]) == 0
    out = capsys.readouterr().out
    assert "Old call" in out and "New call" not in out


# -- a portfolio that points: one line of counts per account, and where to start ---------------

AUTUMN = date(2027, 10, 15)
HIGH = [
    {"id": "cfo", "name": "Carla", "role": "CFO", "influence": "high"},
    {"id": "buyer", "name": "Beto", "role": "Buyer", "influence": "high"},
]


def troubled(plan_id="acme", account="Acme", **front):
    """As of AUTUMN: revenue measured at its baseline on Jun 30 (off track, and stale: 107 days
    ago), share never measured (stale), Q1 missed, an action and a task overdue, the last
    client contact (with the buyer) 44 days ago on a 30-day cadence, the CFO never met."""
    body = (
        "- [ ] Call the buyer @ana due:2027-08-01\n"
        "- [ ] Send the deck @bruno due:2027-10-10\n"  # 5 days late: within the grace days
        "- [x] Visit kind:contact with:buyer done:2027-09-01\n"
    )
    return make_plan(
        goals=[
            revenue_goal(actuals={date(2027, 6, 30): 2500000}),
            {"id": "share", "title": "Share", "unit": "%", "baseline": 10, "target": 20},
        ],
        milestones=[{"id": "q1", "title": "Q1 deal", "quarter": "Q1"}],
        actions=[{"id": "act", "title": "Act", "milestone": "q1", "owner": "bruno", "due": "2027-09-01"}],
        body=body,
        id=plan_id,
        account=account,
        contact_every=30,
        stakeholders=HIGH,
        **front,
    )


def home_row(page, plan_id):
    return as_shown(page[page.index(f'<tr data-id="{plan_id}"') :].split("</tr>")[0])


def health_cell(row):
    return row.split("</td>")[2]


def test_a_goal_off_track_and_stale_counts_once_under_its_worst_cause():
    acc = compute_all([troubled()], AUTUMN)[0]
    assert {"goal_off_track:revenue", "goal_stale:revenue", "goal_stale:share"} <= set(acc.causes)
    assert cause_counts(acc) == CauseCounts(
        goals_off_track=1,
        milestones_missed=1,
        goals_stale=1,  # share; revenue counts as off track only
        items_overdue=2,  # the action and the task late by more than the grace days
        contact_days=44,
        stakeholders_overdue=2,
    )
    assert cause_counts(acc).contacts_overdue == 2  # meeting the two of them is the client contact too


def test_an_accounts_health_is_one_line_of_counts_and_its_oldest_overdue_item_is_the_next_step():
    view = View(as_of=AUTUMN, settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    pages = site.generate(Portfolio([troubled()]), view)
    cell = health_cell(home_row(pages["index.md"], "acme"))
    assert (
        '<span class="ks-why">1 goal off track · 1 missed milestone · 1 goal not measured · 2 overdue items'
        " · no contact for 44 days · 2 stakeholders not contacted</span>"
    ) in cell
    task_line = next(t.line for t in troubled().tasks if t.text == "Call the buyer")
    assert (
        f'<span class="ks-why ks-next-step">Next step: <a href="accounts/acme/#L{task_line}">Call the buyer</a>'
        " (Ana Souza, due Aug 1, 2027)</span>"
    ) in cell
    assert "“" not in cell  # no cause is named one by one here...
    dashboard = as_shown(pages["accounts/acme/index.md"])  # ...the account's page names every one
    assert "goal “Revenue” is off track" in dashboard
    assert "goal “Revenue” has not been measured for 107 days" in dashboard
    assert "no contact with Carla (CFO) for 287 days" in dashboard

    pt = replace(view, fmt=Formats("pt_BR"), labels=Labels("pt_BR"))
    cell = health_cell(home_row(site.generate(Portfolio([troubled()]), pt)["index.md"], "acme"))
    assert (
        "1 meta fora · 1 marco perdido · 1 meta sem medição · 2 itens atrasados · sem contato há 44 dias"
        " · 2 stakeholders sem contato"
    ) in cell
    assert "Próximo passo: <a " in cell and "Call the buyer</a> (Ana Souza, prazo 01/08/2027)" in cell


def test_the_tiles_count_stale_goals_and_overdue_stakeholders_as_the_rows_do():
    calm_client = "- [x] Lunch kind:contact done:2027-10-10\n"  # with nobody of high influence
    quiet = make_plan(
        goals=[{"id": "share", "title": "Share", "unit": "%", "baseline": 10, "target": 20}],
        body=calm_client,
        id="quiet",
        account="Quiet",
        contact_every=30,
        stakeholders=HIGH[:1],  # the CFO, never met: one contact owed, the client's is not late
    )
    view = View(as_of=AUTUMN, settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    page = site.generate(Portfolio([troubled(), quiet]), view)["index.md"]
    tiles = dict(
        (text, int(count))
        for count, text in re.findall(r'<span class="ks-tile-count">(\d+)</span> <span>([^<]+)</span>', page)
    )
    assert tiles["Goals off track"] == 1
    assert tiles["Goals not measured"] == 2  # share twice; revenue is off track, counted there
    assert tiles["Goals at risk"] == 0
    assert tiles["Contacts overdue"] == 3  # Acme owes the CFO and the buyer, Quiet the CFO
    rows = dict(re.findall(r'<tr data-id="([a-z]+)"[^>]*data-contact="([a-z]*)"', page))
    assert rows == {"acme": "overdue", "quiet": "overdue"}  # what the tile's link filters
    assert "1 goal not measured · 1 stakeholder not contacted" in health_cell(home_row(page, "quiet"))
