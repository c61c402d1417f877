"""Recurring tasks (format v3 §9.4): `every:` with `due:`, a done list, the next open occurrence."""

import json
from datetime import date, timedelta

import icalendar
import pytest
from dateutil.rrule import rrulestr

from kamsite.core.agenda import agenda, open_items
from kamsite.core.model import Every
from kamsite.core.progress import Settings, compute
from kamsite.core.recent import recent
from kamsite.core.review import review
from kamsite.core.series import counts_done, next_due, occurrences, standing, steps_by
from kamsite.core.vocabulary import StepUnit, TaskKind
from kamsite.render.body import BodyView, render
from kamsite.render.calendars import item_events
from kamsite.render.export import accounts_json, tasks_csv
from kamsite.render.formats import Formats
from kamsite.render.ics import calendar
from kamsite.render.labels import LOCALES, Labels

from .conftest import BASE, make_plan, problems

D = date.fromisoformat
REPORT = "- [ ] Monthly report kind:report @ana every:1m due:2027-01-31"
FOUR = " done:2027-01-31,2027-02-28,2027-03-31,2027-04-30"  # one per occurrence, Jan to Apr
ACT = [{"id": "act", "title": "Act", "milestone": "q1", "owner": "bruno"}]
Q1 = [{"id": "q1", "title": "Q1", "quarter": "Q2"}]


def task(line, **front):
    (found,) = make_plan(body=line + "\n", **front).tasks
    return found


def test_a_month_step_from_the_31st_lands_on_each_shorter_months_last_day_and_comes_back():
    days = list(occurrences(task(REPORT)))
    assert days[:4] == [D("2027-01-31"), D("2027-02-28"), D("2027-03-31"), D("2027-04-30")]
    assert len(days) == 12 and days[-1] == D("2027-12-31")  # up to period.end
    leap = task(REPORT.replace("2027", "2028"), period=("2028-01-01", "2028-12-31"))
    assert list(occurrences(leap))[:3] == [D("2028-01-31"), D("2028-02-29"), D("2028-03-31")]


def test_day_and_week_steps_stop_at_the_periods_end():
    weekly = task("- [ ] Call every:2w due:2027-12-06")
    assert list(occurrences(weekly)) == [D("2027-12-06"), D("2027-12-20")]
    daily = task("- [ ] Check every:3d due:2027-12-25")
    assert list(occurrences(daily)) == [D("2027-12-25"), D("2027-12-28"), D("2027-12-31")]


def test_a_done_list_in_any_order_completes_the_occurrences_in_date_order():
    found = task(REPORT + " done:2027-03-02,2027-01-31")
    assert found.completions == (D("2027-01-31"), D("2027-03-02")) and found.done_on == D("2027-03-02")
    assert next_due(found, D("2027-05-15")) == D("2027-03-31")  # the third occurrence is the next


def test_a_completion_after_as_of_has_not_happened_yet():
    found = task(REPORT + " done:2027-01-31,2027-05-20")
    assert standing(found, D("2027-05-15")).done == (D("2027-01-31"),)
    assert next_due(found, D("2027-05-15")) == D("2027-02-28")


def test_x_ends_the_series():
    ended = task(REPORT.replace("[ ]", "[x]") + " done:2027-01-31,2027-02-27")
    as_of = D("2027-05-15")
    assert next_due(ended, as_of) is None and counts_done(ended, as_of)
    acc = compute(make_plan(body=REPORT.replace("[ ]", "[x]") + " done:2027-01-31,2027-02-27\n"), as_of)
    assert [i for i in open_items(acc, acc.file.tasks) if i.kind == "task"] == []
    (exported,) = json.loads(accounts_json([(acc, acc.file.tasks)], as_of))["accounts"][0]["tasks"]
    assert (exported["done"], exported["due"]) == (True, "2027-02-28")  # its last completed occurrence


def test_an_open_series_counts_done_in_progress_only_when_caught_up():
    def progress(done, as_of):
        file = make_plan(milestones=Q1, actions=ACT, body=f"## Act {{#act}}\n{REPORT}{done}\n")
        return compute(file, D(as_of)).actions[0]

    caught_up = progress(FOUR, "2027-05-15")
    assert (caught_up.status, caught_up.progress, caught_up.tasks_done) == ("done", 1.0, 1)
    assert progress(FOUR, "2027-06-01").progress == 0.0  # May 31 is due and not done
    assert progress(" done:2027-01-20", "2027-01-25").progress == 0.0  # early: nothing due yet
    assert progress("", "2027-02-01").status == "todo"
    # the export says done only once ended with [x]
    acc = compute(make_plan(body=REPORT + FOUR + "\n"), D("2027-05-15"))
    (exported,) = json.loads(accounts_json([(acc, acc.file.tasks)], acc.as_of))["accounts"][0]["tasks"]
    assert {k: exported[k] for k in ("done", "due", "done_on", "every", "completions")} == {
        "done": False,
        "due": "2027-05-31",
        "done_on": "2027-04-30",
        "every": "1m",
        "completions": ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"],
    }


def test_the_next_open_occurrence_is_the_tasks_due_for_today_and_overdue():
    file = make_plan(body=REPORT + " done:2027-01-31,2027-02-28\n")
    acc = compute(file, D("2027-05-15"))
    (item,) = open_items(acc, file.tasks)
    assert (item.due, str(item.every), item.first_due) == (D("2027-03-31"), "1m", D("2027-01-31"))
    assert [i.text for i in agenda([item], acc.as_of)["ana"]["overdue"]] == ["Monthly report"]
    assert ("task_overdue", str(file.tasks[0].line)) in acc.reasons  # late by 45 days: at risk
    assert [t.due for t in acc.overdue_tasks] == [D("2027-03-31")]


def test_recent_counts_each_completion_and_each_delivered_report():
    file = make_plan(body=REPORT + FOUR + "\n")
    report = recent(compute(file, D("2027-05-15")), file.tasks, days=30)
    assert [(d.title, d.day) for d in report.done] == [("Monthly report", D("2027-04-30"))]
    wider = recent(compute(file, D("2027-05-15")), file.tasks, days=120)
    assert len(wider.done) == 4 and wider.reports == 4
    assert [(s.title, s.due) for s in wider.next] == [("Monthly report", D("2027-05-31"))]


def test_each_completion_of_a_recurring_contact_is_a_contact():
    file = make_plan(body="- [ ] Weekly call 📞 every:1w due:2027-05-03 done:2027-05-03,2027-05-11\n")
    acc = compute(file, D("2027-05-15"))
    assert acc.last_contact == D("2027-05-11")  # an open series: its completions still happened
    assert recent(acc, file.tasks, days=30).contacts == 2
    q2, _ = review(file, D("2027-05-15"), Settings())
    assert q2.contacts == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "- [x] Report done:2027-01-31,2027-02-28",
            "task.done: a list of done dates belongs to a recurring task: add every: (every:1m) or"
            " keep one date",
        ),
        ("- [ ] Report every:1m", "task.every: a recurring task needs due: the date of its first occurrence"),
        (
            "- [ ] Report every:0m due:2027-01-31",
            "task.every: 'every:0m' is not a rhythm: write every:Nd, every:Nw or every:Nm (every N days,"
            " weeks or months; N a whole number from 1 to 999)",
        ),
        (
            "- [ ] Report every:1y due:2027-01-31",
            "task.every: 'every:1y' is not a rhythm: write every:Nd, every:Nw or every:Nm (every N days,"
            " weeks or months; N a whole number from 1 to 999)",
        ),
        (
            "- [ ] Report every:6m due:2027-06-30 done:2027-06-30,2027-12-31,2027-12-31",
            "task.done: 3 done dates for 2 occurrences up to the period's end (2027-12-31): one date per"
            " completed occurrence",
        ),
        (
            "- [ ] Report every:1m every:2m due:2027-01-31",
            "task.every: 'every:2m' repeats the task's rhythm: keep one",
        ),
    ],
)
def test_what_a_recurring_task_may_not_say(line, message):
    assert problems(BASE + line + "\n") == [f"plans/acme.md:25: {message}"]


def test_an_open_series_may_have_done_dates_and_a_bad_one_is_said_at_its_line():
    assert problems(BASE + REPORT + FOUR + "\n") == []
    assert problems(BASE + REPORT + " done:2027-01-31,2027-02-30\n") == [
        "plans/acme.md:25: task.done: '2027-02-30' is an impossible date"
    ]


@pytest.mark.parametrize(
    ("locale", "as_of", "chip"),
    [
        ("en", "2027-05-15", "monthly · 4 of 5 delivered · next May 31"),
        ("pt_BR", "2027-05-15", "mensal · 4 de 5 entregues · próximo 31/05"),
        ("en", "2027-06-02", "monthly · 4 of 5 delivered · next May 31 · overdue"),
    ],
)
def test_the_task_line_says_the_rhythm_how_many_are_done_and_the_next(locale, as_of, chip):
    file = make_plan(body=REPORT + FOUR + "\n")
    view = BodyView({t.line: t for t in file.tasks}, {}, {}, D(as_of), Formats(locale), Labels(locale))
    html = render(file.body, file.body_start, view)
    assert f"{Labels(locale)['task.every']} </span>{chip}</span>" in html
    assert "2027-01-31" not in html and "Jan 31" not in html  # the written due and done dates are in it


def test_an_ended_series_says_so_on_its_line():
    file = make_plan(body=REPORT.replace("[ ]", "[x]") + " done:2027-01-31,2027-02-27\n")
    view = BodyView({t.line: t for t in file.tasks}, {}, {}, D("2027-05-15"), Formats("en"), Labels("en"))
    assert "monthly · 2 of 2 delivered · ended</span>" in render(file.body, file.body_start, view)


def test_the_calendar_event_repeats_from_the_next_open_occurrence_as_the_plan_counts():
    file = make_plan(body=REPORT + " done:2027-01-31\n- [ ] Call 📞 every:2w due:2027-12-06\n")
    acc = compute(file, D("2027-02-10"))
    text = calendar("Acme", item_events(open_items(acc, file.tasks), {}), acc.as_of)
    expanded = {}
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event["DTSTART"].dt)
        expanded[str(event["SUMMARY"])] = [d.date() for d in rule]
    report = list(occurrences(file.tasks[0]))
    assert expanded == {
        "☐ Monthly report · Acme": report[1:],
        "☐ Call · Acme": [D("2027-12-06"), D("2027-12-20")],
    }
    assert expanded["☐ Monthly report · Acme"][:3] == [D("2027-02-28"), D("2027-03-31"), D("2027-04-30")]


def test_the_tasks_csv_carries_the_rhythm_and_every_completion():
    file = make_plan(body=REPORT + " done:2027-02-28,2027-01-31\n")
    csv = tasks_csv([(compute(file, D("2027-05-15")), file.tasks)])
    assert csv.splitlines()[0].endswith(",line,every,completions")
    line = file.tasks[0].line
    assert csv.splitlines()[1].endswith(f",2027-03-31,no,2027-02-28,{line},1m,2027-01-31 2027-02-28")


@pytest.mark.parametrize("locale", ["en", "pt_BR"])
def test_every_rhythm_and_kind_of_series_has_its_words_in_every_language(locale):
    keys = [f"task.every.{u}.{form}" for u in StepUnit for form in ("one", "other")]
    keys += [f"task.every.done.{kind}" for kind in TaskKind]
    assert [k for k in keys if k not in LOCALES[locale]] == []


def test_today_and_the_terminal_say_an_items_rhythm_beside_its_next_occurrence():
    from kamsite.render.pages.common import View
    from kamsite.render.pages.today import today_page
    from kamsite.render.terminal import agenda_text

    file = make_plan(body=REPORT + " done:2027-01-31\n")
    acc = compute(file, D("2027-02-25"))
    found = open_items(acc, file.tasks)
    view = View(acc.as_of, Settings(), Formats("en"), Labels("en"))
    page = today_page(found, {"ana": "Ana"}, view)
    assert '<span class="ks-chip ks-chip-every"><span class="ks-icon ks-icon-repeat"' in page
    assert "</span>monthly</span>" in page
    text = agenda_text(agenda(found, acc.as_of), {"ana": "Ana"}, acc.as_of, 7, Formats("en"), Labels("en"))
    assert "Feb 28, 2027  Acme  ☐ Monthly report  ↻ monthly" in text


@pytest.mark.build
def test_a_built_site_shows_the_recurring_task_line_and_carries_its_series_in_the_calendars(tmp_path):
    from .conftest import mkdocs_build

    (tmp_path / "docs").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Series\ntheme: {name: material, language: en}\nplugins:\n  - kamsite:\n"
        "      as_of: '2027-05-15'\n",
        encoding="utf-8",
    )
    (tmp_path / "plans" / "acme.md").write_text(BASE + REPORT + FOUR + "\n", encoding="utf-8")
    site = mkdocs_build(tmp_path, strict=True)
    page = (site / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "Monthly report" in page and "monthly · 4 of 5 delivered · next May 31</span>" in page
    for uri in ("calendar.ics", "accounts/acme/calendar.ics", "people/ana/calendar.ics"):
        events = icalendar.Calendar.from_ical((site / uri).read_text(encoding="utf-8")).walk("VEVENT")
        (event,) = [e for e in events if "Monthly report" in str(e["SUMMARY"])]
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event["DTSTART"].dt)
        assert [d.date() for d in rule] == list(occurrences(task(REPORT)))[4:], uri  # May 31 to Dec 31
    doc = json.loads((site / "api" / "accounts.json").read_text(encoding="utf-8"))
    (exported,) = doc["accounts"][0]["tasks"]
    assert (exported["every"], exported["due"], exported["done_on"]) == ("1m", "2027-05-31", "2027-04-30")


@pytest.mark.parametrize("rhythm", ["1m", "2m", "3m", "1w", "2w", "3d"])
def test_counting_the_steps_by_a_day_agrees_with_walking_them(rhythm):
    """The counts are computed, not walked (a daily series over 300 years costs nothing): the
    computation matches the walk for every first day at a month's end and every day of a year."""
    every = Every(int(rhythm[0]), StepUnit(rhythm[1]), D("2029-12-31"))
    for first in (D("2027-01-28"), D("2027-01-29"), D("2027-01-30"), D("2027-01-31"), D("2028-02-29")):
        walked, k = [], 0
        while (day := every.step(first, k)) <= D("2029-12-31"):
            walked.append(day)
            k += 1
        for offset in range(-3, 400):
            day = first + timedelta(days=offset)
            assert steps_by(first, every, day) == sum(d <= day for d in walked), (first, day)


def test_a_daily_series_over_three_centuries_is_computed_at_once():
    long = make_plan(period=("1900-01-01", "2199-12-31"), body="- [ ] Log every:1d due:1900-01-01\n")
    found = standing(long.tasks[0], D("2199-12-30"))
    assert (found.due_so_far, found.next) == (109572, D("1900-01-01"))


def test_what_changed_lists_each_completion_a_series_gained_since():
    from kamsite.core.changes import compare

    then = compute(make_plan(body=REPORT + " done:2027-01-31\n"), D("2027-02-01"))
    now = compute(make_plan(body=REPORT + " done:2027-02-27,2027-01-31,2027-03-30\n"), D("2027-04-01"))
    found = [(c.kind, c.title, c.now) for c in compare(then, now, D("2027-02-01")).changes]
    assert found == [
        ("task_completed", "Monthly report", D("2027-02-27")),
        ("task_completed", "Monthly report", D("2027-03-30")),
    ]


def test_each_completion_of_a_recurring_contact_counts_on_its_owners_page():
    from kamsite.core.people import contacts

    file = make_plan(
        body="- [ ] Weekly call 📞 @bruno every:1w due:2027-04-05 done:2027-04-05,2027-05-03,2027-05-11\n"
    )
    assert contacts([("Acme", file.tasks)], D("2027-05-15"), days=30) == {"bruno": {"Acme": 2}}


def test_a_recurring_contact_counts_for_its_stakeholders_and_a_long_series_is_plausible():
    """Each completion of a recurring contact is a last contact of whom it met; a completion is
    judged against its own occurrence's due date, not the series' first one."""
    from kamsite.core.parse import parse_plan
    from kamsite.core.stakeholders import last_contacts

    text = BASE.replace(
        "milestones:", "stakeholders:\n  - {id: cfo, name: Mariana, influence: high}\nmilestones:"
    ) + (
        "- [ ] 📞 Monthly call with:cfo @ana every:1m due:2027-01-10"
        " done:2027-01-10,2027-02-10,2027-03-10,2027-04-10,2027-05-10,2027-06-10,2027-07-10,"
        "2027-08-10,2027-09-10,2027-10-10,2027-11-10,2027-12-10\n"
    )
    file = parse_plan(text, "plans/acme.md")
    assert last_contacts(file.tasks, date(2027, 6, 30)) == {"cfo": date(2027, 6, 10)}
    assert [w for w in file.warnings if w.field == "task.done"] == []
