"""The recent-work report: what was done in the window, goals then and now, weekly counts."""

import re
from datetime import date

from kamsite.core import recent
from kamsite.core.progress import compute
from kamsite.shell import loader

from .conftest import EXAMPLE, D, action, as_shown, make_plan


def test_the_example_report_of_atlas():
    (atlas,) = [p for p in loader.load(EXAMPLE / "plans").plans if p.id == "atlas"]
    report = recent.recent(compute(atlas, date(2027, 5, 15)), atlas.tasks, days=30)
    assert [(d.kind, d.title, d.day.isoformat()) for d in report.done] == [
        ("task", "Ligar para a compradora", "2027-05-03"),
        ("task", "Separar as amostras", "2027-04-20"),
    ]  # the year's earlier work (the price table, done in March) is out of the window
    assert [(c.goal.id, c.then, c.now) for c in report.goals] == [
        ("receita", 1300000, 1300000),  # measured on Mar 31, before the window
        ("share", 31, 33),  # Feb 28's value on Apr 15, Apr 30's now
        ("margem", 20, 22),  # the team's view: the internal goal too, from its baseline
    ]


def test_an_action_is_dated_by_its_last_task_and_a_milestone_by_its_last_action():
    body = "## A {#a}\n- [x] one done:2027-05-02\n- [x] two done:2027-05-09\n- [x] undated\n"
    file = make_plan(
        milestones=[{"id": "m1", "title": "M1", "quarter": "Q2"}],
        actions=[action("a", milestone="m1")],
        body=body,
    )
    report = recent.recent(compute(file, D("2027-05-15")), file.tasks, days=30)
    assert [(d.kind, d.title, d.day.isoformat()) for d in report.done] == [
        ("milestone", "M1", "2027-05-09"),
        ("action", "A", "2027-05-09"),
        ("task", "two", "2027-05-09"),
        ("task", "one", "2027-05-02"),
    ]


def test_the_window_excludes_its_first_day_and_the_future():
    body = "- [x] edge done:2027-04-15\n- [x] inside done:2027-04-16\n- [x] future done:2027-05-16\n"
    file = make_plan(body=body)
    report = recent.recent(compute(file, D("2027-05-15")), file.tasks, days=30)
    assert [d.title for d in report.done] == ["inside"]


def test_weekly_completions_end_on_as_of():
    body = "- [x] a done:2027-05-15\n- [x] b done:2027-05-09\n- [x] c done:2027-05-08\n"
    file = make_plan(body=body)
    weeks = recent.recent(compute(file, D("2027-05-15")), file.tasks).weekly
    assert len(weeks) == 5  # the 30 days of the window
    assert weeks[-1] == (D("2027-05-09"), 2)
    assert weeks[-2] == (D("2027-05-02"), 1)
    assert sum(count for _, count in weeks) == 3


def test_the_weekly_chart_counts_what_the_report_lists_and_nothing_before_its_window():
    """The window is Apr 16 to May 15: a task done on Apr 12 (in the week of Apr 11) is
    neither listed nor counted; the first week starts on the window's first day."""
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.recent_report import recent_page

    file = make_plan(body="- [x] before done:2027-04-12\n- [x] inside done:2027-04-20\n")
    report = recent.recent(compute(file, D("2027-05-15")), file.tasks, days=30)
    assert [d.title for d in report.done] == ["inside"]
    assert report.weekly[:2] == ((D("2027-04-16"), 0), (D("2027-04-18"), 1))  # the first week is short
    assert sum(n for _, n in report.weekly) == 1
    view = View(as_of=D("2027-05-15"), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    chart = recent_page("Acme", report, {}, view).split("{#weekly}")[1]
    assert "|Apr 16, 2027| |0|" in re.sub(r"<[^>]+>", "|", chart) and "Apr 11" not in chart


# -- next steps (format v2): open work due in [as_of, as_of + N], and the overdue still open ----

NEXT_BODY = """
## Act {#act}

- [ ] due today due:2027-05-15
- [ ] due on the window's last day due:2027-06-14
- [ ] due the day after the window due:2027-06-15
- [ ] late task due:2027-05-01
- [x] done task due:2027-05-20 done:2027-05-10
- [x] ticked after as_of due:2027-05-20 done:2027-05-30
- [x] Called the buyer kind:contact done:2027-05-02
- [x] Old call kind:contact done:2027-04-10
- [x] Sent the monthly report kind:report done:2027-05-14

## Notes {.internal}

- [ ] internal task due:2027-05-20
"""


def next_plan():
    return make_plan(
        milestones=[
            {"id": "q1", "title": "Q1 missed", "quarter": "Q1"},
            {"id": "q2", "title": "Q2 open", "quarter": "Q2"},
            {"id": "q3", "title": "Q3 later", "quarter": "Q3"},
            {"id": "q2b", "title": "Q2 done", "quarter": "Q2", "done": "2027-05-01"},
        ],
        actions=[
            {"id": "act", "title": "Act", "milestone": "q2", "owner": "bruno", "due": "2027-05-10"},
            {"id": "soon", "title": "Soon", "milestone": "q2", "due": "2027-06-14"},
            {"id": "gone", "title": "Gone", "milestone": "q2", "due": "2027-05-01", "status": "dropped"},
            {"id": "fin", "title": "Finished", "milestone": "q2", "due": "2027-05-01", "done": "2027-04-30"},
        ],
        body=NEXT_BODY,
    )


def test_next_steps_are_open_work_due_from_as_of_to_as_of_plus_n_and_the_overdue_with_days_late():
    file = next_plan()
    steps = recent.next_steps(compute(file, date(2027, 5, 15)), file.tasks, days=30)
    assert [(s.kind, s.title, s.due.isoformat(), s.late) for s in steps] == [
        ("milestone", "Q1 missed", "2027-03-31", 45),
        ("task", "late task", "2027-05-01", 14),
        ("action", "Act", "2027-05-10", 5),
        ("task", "due today", "2027-05-15", 0),
        ("task", "internal task", "2027-05-20", 0),
        ("task", "ticked after as_of", "2027-05-20", 0),  # done after as_of: still open then
        ("action", "Soon", "2027-06-14", 0),
        ("task", "due on the window's last day", "2027-06-14", 0),
    ]  # not: due the day after the window, done, dropped or finished work, Q3, Q2 (due 06-30)


def test_next_steps_in_the_client_view_leave_internal_work_out():
    from kamsite.core.audience import client_view

    client = client_view(next_plan())
    steps = recent.next_steps(compute(client, date(2027, 5, 15)), client.tasks, days=30)
    assert "internal task" not in [s.title for s in steps] and "due today" in [s.title for s in steps]


def test_the_report_counts_client_contacts_and_reports_done_in_its_window():
    file = next_plan()
    report = recent.recent(compute(file, date(2027, 5, 15)), file.tasks, days=30)
    assert (report.contacts, report.reports) == (1, 1)  # the call of April 10 is before the window
    assert [s.title for s in report.next][:2] == ["Q1 missed", "late task"]


def test_the_report_page_and_its_markdown_list_the_next_steps_and_the_counts():
    from kamsite.core.audience import client_view
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.recent_report import recent_page
    from kamsite.render.terminal import recent_markdown

    client = client_view(next_plan())
    report = recent.recent(compute(client, date(2027, 5, 15)), client.tasks, days=30)
    view = View(as_of=date(2027, 5, 15), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    page = recent_page("Acme", report, client.plan.team, view)
    steps = page[page.index("{#next}") : page.index("{#weekly}")]
    assert "Q1 missed" in steps and "45 days late" in steps and "Bruno Lima" in steps
    assert "internal task" not in page and "due the day after the window" not in page
    assert "In this period: 1 client contact and 1 report sent." in page
    text = recent_markdown("Acme", report, client.plan.team, view.fmt, view.labels)
    assert "## Next steps" in text
    assert "- Mar 31, 2027: Milestone: Q1 missed — 45 days late" in text
    assert "- May 10, 2027: Action: Act (Bruno Lima) — 5 days late" in text
    assert text.split("\n")[2].endswith(" In this period: 1 client contact and 1 report sent.")  # its opening


def test_the_report_gives_a_goal_to_holds_band_where_a_goal_to_move_has_its_target():
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.recent_report import recent_page
    from kamsite.render.terminal import recent_markdown

    share = {"id": "share", "title": "Share", "unit": "%", "baseline": 34, "hold": {"max": 40},
             "actuals": {"2027-05-01": 36}}  # fmt: skip
    file = make_plan(goals=[share])
    report = recent.recent(compute(file, date(2027, 5, 15)), file.tasks, days=30)
    view = View(as_of=date(2027, 5, 15), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    assert ">keep ≤ 40%</td>" in as_shown(recent_page("Acme", report, file.plan.team, view))
    markdown = recent_markdown("Acme", report, file.plan.team, view.fmt, view.labels)
    assert "- Share: 34% → 36% (+2 pp) · keep ≤ 40%\n" in markdown


# -- a report a KAM sends: what it counts it lists, and it pastes into an e-mail as it is ---------

SENT_BODY = """\
## Act {#act}
- [x] Send the [proposal](docs/proposal.md) to <b>procurement</b>, see [terms](https://x.example/t) done:2027-05-02
- [x] 📞 Call the buyer about *pricing* \\| volume done:2027-05-03

## Team notes {.internal}
- [x] 📞 Lunch with the CFO about the secret discount @bruno done:2027-05-12
"""


def sent_report(body=SENT_BODY, language="en", goals=()):
    """The client's version of a plan written in `body`, as its page and its Markdown."""
    from kamsite.core.audience import client_view
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.recent_report import recent_page
    from kamsite.render.terminal import recent_markdown

    file = make_plan(goals=goals, milestones=[{"id": "m1", "title": "M1", "quarter": "Q2"}],
                     actions=[action("act", owner="bruno")], body=body)  # fmt: skip
    client = client_view(file)
    report = recent.recent(compute(client, date(2027, 5, 15)), client.tasks, days=30)
    view = View(as_of=date(2027, 5, 15), settings=Settings(), fmt=Formats(language), labels=Labels(language))
    page = recent_page("Acme", report, client.plan.team, view)
    return report, page, recent_markdown("Acme", report, client.plan.team, view.fmt, view.labels)


def test_a_contact_written_in_an_internal_section_is_listed_by_its_day_alone_and_counted_once():
    report, page, text = sent_report()
    assert report.contacts == 2 and sum(d.untold for d in report.done) == 1  # the lunch: its day only
    assert [(d.day, d.untold, d.owner) for d in report.done][0] == (D("2027-05-12"), True, None)
    done = page[page.index("{#done}") : page.index("{#next}")]
    assert "Tasks completed (3)" in done and "May 12, 2027</span> Contact with Acme</li>" in done
    assert "- May 12, 2027: Contact with Acme\n" in text and "### Tasks completed (3)" in text
    assert "In this period: 2 client contacts." in page and "In this period: 2 client contacts." in text
    assert sum(count for _, count in report.weekly) == len(report.done)  # the chart counts the list
    for secret in ("Lunch", "CFO", "discount"):  # no owner either: the line ends at the name
        assert secret not in page and secret not in text


def test_the_portuguese_report_names_such_a_contact_too():
    _, page, text = sent_report(language="pt_BR")
    assert "- 12/05/2027: Contato com Acme\n" in text and "Contato com Acme</li>" in page


def test_the_markdown_reads_as_plain_text_in_an_e_mail():
    """No table, no HTML, no backslash, no link that breaks outside the site: a link keeps its
    words, and its address when the address works anywhere."""
    revenue = {"id": "revenue", "title": "Revenue", "unit": "BRL", "baseline": 100, "target": 200,
               "actuals": {"2027-05-01": 150}}  # fmt: skip
    _, page, text = sent_report(goals=[revenue])
    assert "- May 2, 2027: Send the proposal to procurement, see terms (https://x.example/t) (Bruno" in text
    assert "- May 3, 2027: Call the buyer about pricing | volume (Bruno Lima)\n" in text
    assert "- Revenue: R$100 → R$150 (+R$50) · target R$200\n" in text
    for mark in ("<", ">", "\\", "](", "|---", "*", "docs/proposal.md"):
        assert mark not in text.replace("pricing | volume", ""), mark
    assert "Send the proposal to procurement, see terms (https://x.example/t)" in page  # printed alike


def test_a_report_with_nothing_done_says_where_the_work_is_and_never_counts_zeros():
    body = "## Act {#act}\n- [ ] Send the proposal due:2027-05-20\n"
    for language, said in [
        (
            "en",
            "No item was completed in this period; the work under way and its dates are under Next steps.",
        ),
        ("pt_BR", "Nenhum item foi concluído neste período; o trabalho em andamento e as suas datas"),
    ]:
        report, page, text = sent_report(body, language)
        assert (report.contacts, report.reports, report.done) == (0, 0, ())
        assert said in page and said in text
        assert "ks-counts" not in page and " 0 " not in text and "Nothing was completed" not in text
        assert text.split("\n")[2] == page.split('class="ks-asof">')[1].split("</p>")[0]  # one opening


def test_the_quarterly_review_lists_such_a_contact_as_the_report_does():
    from kamsite.core.audience import client_view
    from kamsite.core.progress import Settings
    from kamsite.core.review import review
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.review import review_page
    from kamsite.render.terminal import review_markdown

    file = make_plan(milestones=[{"id": "m1", "title": "M1", "quarter": "Q2"}],
                     actions=[action("act", owner="bruno")], body=SENT_BODY)  # fmt: skip
    client = client_view(file)
    q2 = review(client, date(2027, 5, 15), Settings())[0]
    assert sum(d.untold for d in q2.done) == 1 and q2.contacts == 2  # the list and the count agree
    view = View(as_of=date(2027, 5, 15), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    page = review_page("Acme", [q2], client.plan.team, view)
    text = review_markdown("Acme", [q2], client.plan.team, view.fmt, view.labels)
    assert "Contact with Acme · May 12, 2027" in page and "May 12, 2027: Task · Contact with Acme" in text
    for secret in ("Lunch", "CFO", "discount"):
        assert secret not in page and secret not in text
