"""Regular client contact: an owner's Today says when nobody has spoken to a client for too long."""

from datetime import date

from kamsite.core.agenda import open_items
from kamsite.core.progress import compute
from kamsite.render import explain
from kamsite.render.labels import Labels

from .conftest import make_plan

EN = Labels("en")


def items(body="", as_of="2027-03-01", **front):
    file = make_plan(body=body, contact_every=14, **front)
    acc = compute(file, date.fromisoformat(as_of))
    return acc, [i for i in open_items(acc, file.tasks) if i.kind == "contact"]


def test_an_overdue_contact_is_an_item_of_the_account_owner_saying_how_long_it_has_been():
    acc, found = items("- [x] Call the buyer kind:contact done:2027-02-05\n")
    assert acc.contact_overdue
    (item,) = found
    assert (item.owner, item.due, item.last_contact) == ("ana", date(2027, 2, 19), date(2027, 2, 5))
    assert explain.item(item, acc.as_of, EN) == "Contact Acme: last contact 24 days ago"


def test_a_contact_due_within_a_week_is_on_the_agenda_too():
    acc, found = items("- [x] Visit kind:contact done:2027-02-20\n")  # next one due 2027-03-06
    assert acc.contact_due and not acc.contact_overdue and [i.due for i in found] == [date(2027, 3, 6)]


def test_exactly_the_cadence_is_not_yet_overdue():
    acc, found = items("- [x] Visit kind:contact done:2027-02-15\n")  # 14 days before as_of
    assert not acc.contact_overdue and acc.contact_due and len(found) == 1


def test_no_contact_yet_counts_from_the_period_start():
    acc, (item,) = items()
    assert item.due == date(2027, 1, 15) and item.last_contact is None
    assert explain.item(item, acc.as_of, EN) == "Contact Acme: no contact yet in this plan"


def test_a_contact_dated_after_as_of_has_not_happened_yet():
    acc, found = items("- [x] Visit kind:contact done:2027-03-05\n")
    assert acc.last_contact is None and len(found) == 1


def test_an_open_contact_task_due_in_time_stands_for_the_automatic_item():
    _, found = items("- [x] Call kind:contact done:2027-02-05\n- [ ] Call the CFO 📞 due:2027-02-18\n")
    assert found == []


def test_a_closed_plan_asks_for_no_contact():
    _, found = items(as_of="2028-02-01")
    assert found == []


def test_a_closed_plans_dashboard_keeps_its_last_contact_but_no_cadence_or_days_since():
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.pages.common import View
    from kamsite.render.pages.dashboard import dashboard

    acc, _ = items("- [x] 📞 Call the buyer done:2027-12-20\n", as_of="2028-12-29")
    view = View(acc.as_of, Settings(), Formats("en"), EN)
    line = next(p for p in dashboard(acc, view).split("<p") if 'class="ks-contact"' in p)
    assert "Last client contact: Dec 20, 2027" in line
    assert "days ago" not in line and "every 14 days" not in line
    running, _ = items("- [x] 📞 Call the buyer done:2027-02-20\n", as_of="2027-03-01")
    line = next(p for p in dashboard(running, view).split("<p") if 'class="ks-contact"' in p)
    assert "9 days ago" in line and "every 14 days" in line


# -- format v3 §9.5: the contact, precisely ------------------------------------------------


def test_the_contact_is_due_on_the_last_contact_plus_the_cadence_and_in_today_like_any_dated_item():
    from kamsite.core.agenda import agenda

    acc, (item,) = items("- [x] Visit kind:contact done:2027-02-20\n", as_of="2027-02-27")
    assert item.due == date(2027, 3, 6) and acc.contact_due  # as_of + 7: the last day of "next 7 days"
    assert agenda([item], acc.as_of)["ana"]["next"] == [item]
    acc, (item,) = items("- [x] Visit kind:contact done:2027-02-20\n", as_of="2027-02-20")
    assert agenda([item], acc.as_of, days=14)["ana"]["next"] == [item]  # a Today of 14 days shows it


def test_a_booked_visit_replaces_the_automatic_item_but_the_account_stays_at_risk_until_it_is_done():
    late = "- [x] Call kind:contact done:2027-02-05\n"  # due 2027-02-19: overdue on 2027-03-01
    acc, found = items(late + "- [ ] Visit the plant 📞 @bruno due:2027-03-15\n")  # as_of + 14
    assert found == [] and acc.contact_overdue and ("contact_overdue", "2027-02-05") in acc.reasons
    visit = [i for i in open_items(acc, acc.file.tasks) if i.kind == "task"]
    assert [(i.text, i.owner, i.due) for i in visit] == [("Visit the plant", "bruno", date(2027, 3, 15))]
    _, found = items(late + "- [ ] Visit the plant 📞 due:2027-03-16\n")  # after as_of + N: not booked
    assert [i.due for i in found] == [date(2027, 2, 19)]
    done, found = items(late + "- [x] Visit the plant 📞 due:2027-03-15 done:2027-03-01\n")
    assert found[0].due == date(2027, 3, 15) and not done.contact_overdue
    assert [kind for kind, _ in done.reasons if kind == "contact_overdue"] == []


def test_a_contact_in_an_internal_section_counts_by_its_date_in_the_clients_view():
    from kamsite.core.audience import client_view
    from kamsite.core.recent import recent

    body = "## Notes {.internal}\n- [x] Dinner with the CFO 📞 done:2027-02-25\n"
    file = make_plan(body=body, contact_every=14)
    client = compute(client_view(file), date(2027, 3, 1))
    assert client.file.tasks == () and client.file.contact_days == (date(2027, 2, 25),)
    assert (client.last_contact, client.contact_overdue) == (date(2027, 2, 25), False)
    assert recent(client, client.file.tasks).contacts == 1 and "Dinner" not in client.file.body
