"""The year's rhythm across the portfolio: who has not called a client, who called whom, and
plans whose period has ended listed apart from the active ones."""

import html
import re
from datetime import date

from kamsite.core import people
from kamsite.core.portfolio import Portfolio, earlier_plans
from kamsite.core.progress import Settings
from kamsite.render import site
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels
from kamsite.render.pages.common import View

from .conftest import make_plan, revenue_goal

AS_OF = date(2027, 5, 15)
MS = [
    {"id": "q1", "title": "Q1 deal", "quarter": "Q1", "status": "dropped"},
    {"id": "q2", "title": "Q2 deal", "quarter": "Q2"},
]


def view(as_of=AS_OF, locale="en"):
    return View(as_of=as_of, settings=Settings(), fmt=Formats(locale), labels=Labels(locale))


def plan(plan_id, account, body="", **front):
    return make_plan(goals=[revenue_goal()], id=plan_id, account=account, body=body, **front)


def built(*plans, as_of=AS_OF, locale="en"):
    return site.generate(Portfolio(list(plans)), view(as_of, locale))


def text_of(markup):
    """The words of a page's markup, as a reader (or a screen reader) gets them."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def table_of(page, cls):
    """The rows of the table with class `cls`, as text."""
    found = re.search(rf'<table class="[^"]*{cls}[^"]*".*?</table>', page, re.S)
    assert found, f"no {cls} table"
    return [text_of(row).strip() for row in re.findall(r"<tr[^>]*>.*?</tr>", found.group(0), re.S)[1:]]


# -- contacts overdue: a tile that filters, a marker in the row ------------------------------


def test_the_portfolio_counts_overdue_contacts_in_a_tile_that_filters_the_accounts():
    page = built(
        plan("late", "Late SA", "- [x] Call kind:contact done:2027-04-25\n", contact_every=14),
        plan("never", "Never SA", contact_every=30),
        plan("fine", "Fine SA", "- [x] Visit kind:contact done:2027-05-10\n", contact_every=14),
        plan("untracked", "Untracked SA"),
    )["index.md"]
    assert re.search(
        r'<li class="ks-tile ks-tile-alarm"><a class="ks-tile-link" href="\?contact=overdue#accounts"'
        r' data-filter-key="contact" data-filter-value="overdue"><span class="ks-tile-count">2</span>'
        r" <span>Contacts overdue</span></a></li>",
        page,
    )
    assert '<option value="overdue">Overdue</option>' in page  # the filter the tile sets
    rows = dict(re.findall(r'<tr data-id="([a-z]+)"[^>]*data-contact="([a-z]*)"', page))
    assert rows == {"late": "overdue", "never": "overdue", "fine": "", "untracked": ""}


def test_an_overdue_contact_is_marked_in_the_accounts_row_with_an_icon_and_how_long_it_has_been():
    page = built(
        plan("late", "Late SA", "- [x] Call kind:contact done:2027-04-25\n", contact_every=14),
        plan("never", "Never SA", contact_every=30),
        plan("fine", "Fine SA", "- [x] Visit kind:contact done:2027-05-10\n", contact_every=14),
    )["index.md"]
    rows = table_of(page, "ks-accounts")
    late = next(r for r in rows if r.startswith("Late SA"))
    assert late.startswith("Late SA Client contact overdue last contact 20 days ago")
    never = next(r for r in rows if r.startswith("Never SA"))
    assert never.startswith("Never SA Client contact overdue no contact yet in this plan")
    assert "contact" not in next(r for r in rows if r.startswith("Fine SA")).split("Ana Souza")[0]
    assert (
        '<span class="ks-contact-late"><span class="ks-icon ks-icon-contact"' in page
        and '<span class="ks-sr">Client contact overdue </span> last contact 20 days ago</span>' in page
        and "📞" not in page
    )


def test_exactly_the_cadence_gets_no_marker_and_one_day_more_does():
    done = "- [x] Call kind:contact done:2027-05-01\n"  # 14 days before as_of
    on_time = built(plan("a", "A SA", done, contact_every=14))["index.md"]
    assert "ks-contact-late" not in on_time and '<span class="ks-tile-count">0</span>' in on_time
    assert 'href="?contact=overdue' not in on_time  # nothing to filter: no link
    late = built(plan("a", "A SA", done, contact_every=13))["index.md"]
    assert "last contact 14 days ago" in text_of(late)


def test_a_portfolio_without_any_cadence_has_no_contact_tile_or_filter():
    page = built(plan("a", "A SA"), plan("b", "B SA"))["index.md"]
    assert "Contacts overdue" not in page and 'data-filter="contact"' not in page


def test_the_contact_tile_and_marker_are_in_portuguese_on_a_portuguese_site():
    page = text_of(
        built(
            plan("a", "A SA", "- [x] Ligar kind:contact done:2027-05-13\n", contact_every=1), locale="pt_BR"
        )["index.md"]
    )
    assert "Contatos atrasados" in page and "último contato há 2 dias" in page
    assert "Contato com o cliente atrasado" in page


# -- closed plans, and chains of plans -------------------------------------------------------


def closed_and_next():
    old = make_plan(
        goals=[
            revenue_goal(actuals={"2027-12-31": 3000000}),
            {
                "id": "share",
                "title": "Share",
                "unit": "%",
                "baseline": 20,
                "target": 30,
                "actuals": {"2027-12-31": 25},
            },
        ],
        milestones=[*MS, {"id": "q3", "title": "Q3 deal", "quarter": "Q3", "done": "2027-09-01"}],
        actions=[
            {"id": "a2", "title": "Do", "milestone": "q2"},
            {"id": "a3", "title": "Go", "milestone": "q3"},
        ],
        id="acme-2027",
        account="Acme",
    )
    new = plan("acme-2028", "Acme", follows="acme-2027", period=("2028-01-01", "2028-12-31"))
    return old, new


def test_a_closed_plan_leaves_the_active_list_for_the_closed_plans_with_its_final_results():
    old, new = closed_and_next()
    other = plan("bravo", "Bravo SA", period=("2027-06-01", "2028-05-31"))
    files = built(old, new, other, as_of=date(2028, 1, 20))
    page = files["index.md"]
    assert sorted(r.split(" ")[0] for r in table_of(page, "ks-accounts")) == ["Acme", "Bravo"]
    assert 'data-id="acme-2027"' not in page  # the active list holds the newest plan only
    assert "2 accounts as of" in text_of(page)
    assert "## Closed plans {#closed}" in page
    (row,) = table_of(page, "ks-closed")
    assert row == (
        "Acme Ana Souza Jan 1, 2027 – Dec 31, 2027 1 of 2 achieved Revenue: 100% Achieved Share: 50% Missed"
        " done: 1 · missed: 1 acme-2028"
    )
    closed = page.split("{#closed}")[1]
    assert 'href="accounts/acme-2027/"' in closed and 'href="accounts/acme-2028/"' in closed
    assert "accounts/acme-2027/index.md" in files  # its pages stay at their addresses


def test_the_running_plan_keeps_its_row_and_the_next_one_waits_on_it_not_listed_twice():
    """Format v3 §9.17: next year's plan written in December is the row's next period."""
    old, new = closed_and_next()
    files = built(old, new, as_of=date(2027, 12, 20))
    page = files["index.md"]
    assert [r.split(" ")[0] for r in table_of(page, "ks-accounts")] == ["Acme"]
    assert 'data-id="acme-2027"' in page and 'data-id="acme-2028"' not in page
    assert 'Next period: <a href="accounts/acme-2028/">acme-2028</a> from Jan 1, 2028' in page
    assert "{#closed}" not in page  # nothing has closed yet
    assert 'href="../acme-2027/"' in files["accounts/acme-2028/index.md"]


def test_closed_plans_are_out_of_today_and_of_the_accounts_people_work_on():
    old, new = closed_and_next()
    old_task = make_plan(
        goals=[revenue_goal()], id="old", account="Old SA", body="- [ ] Late task @bruno due:2027-12-01\n"
    )
    files = built(old_task, new, as_of=date(2028, 1, 20))
    assert "Late task" not in files["today/index.md"] and "Late task" not in files["people/bruno/index.md"]
    (ana,) = [r for r in table_of(files["people/index.md"], "ks-table") if r.startswith("Ana")]
    assert "Old SA" not in ana and "Acme" in ana


def test_the_plans_a_plan_follows_are_found_nearest_first_and_a_loop_ends():
    a = plan("a", "A")
    b = plan("b", "A", follows="a")
    c = plan("c", "A", follows="b")
    assert [p.id for p in earlier_plans([a, b, c], "c")] == ["b", "a"]
    assert earlier_plans([a, b, c], "a") == []
    looped = [plan("x", "X", follows="y"), plan("y", "X", follows="x")]
    assert [p.id for p in earlier_plans(looped, "x")] == ["y"]


# -- people count their client contacts -----------------------------------------------------

CONTACTS = (
    "- [x] Before the window kind:contact done:2027-04-15 @bruno\n"  # as_of - 30: out
    "- [x] First day of the window kind:contact done:2027-04-16 @bruno\n"  # as_of - 29: in
    "- [x] On the day kind:contact done:2027-05-15 @bruno\n"
    "- [x] After the day kind:contact done:2027-05-16 @bruno\n"  # has not happened yet
    "- [x] A plain task done:2027-05-01 @bruno\n"
    "- [x] Report kind:report done:2027-05-01 @bruno\n"
    "- [x] Ana's call 📞 done:2027-05-02\n"
)


def test_a_persons_contacts_are_the_done_contact_tasks_of_the_last_30_days():
    acme = plan("acme", "Acme", CONTACTS)
    bravo = plan("bravo", "Bravo", "- [x] Visit kind:contact done:2027-05-03 @bruno\n")
    found = people.contacts([("Acme", acme.tasks), ("Bravo", bravo.tasks)], AS_OF, 30)
    assert found == {"bruno": {"Acme": 2, "Bravo": 1}, "ana": {"Acme": 1}}


def test_the_people_pages_show_contacts_per_account_and_in_total():
    files = built(
        plan("acme", "Acme", CONTACTS),
        plan("bravo", "Bravo", "- [x] Visit kind:contact done:2027-05-03 @bruno\n"),
    )
    bruno = files["people/bruno/index.md"]
    assert "## Client contacts in the last 30 days {#contacts}" in bruno
    assert "3 client contacts in the last 30 days" in text_of(bruno)
    assert table_of(bruno, "ks-contacts") == ["Acme 2", "Bravo 1", "Total 3"]
    index = files["people/index.md"]
    assert "Client contacts (30 days)" in index
    assert [r.split(" ")[-1] for r in table_of(index, "ks-table")] == ["1", "3"]  # Ana, Bruno
    ana = text_of(built(plan("acme", "Acme"))["people/ana/index.md"])
    assert "No client contact in the last 30 days." in ana
