"""Tasks of the body: state, dates, owner, the action they belong to, internal sections."""

from datetime import date

from kamsite.core.parse import parse_plan

from .conftest import BASE, problems


def tasks_of(body: str):
    return parse_plan(BASE + body, "plans/acme.md").tasks


def test_checkboxes_dates_and_the_clean_text():
    body = (
        "- [x] Call the CFO due:2027-01-10 done:2027-01-09\n"
        "- [X] Send the agenda 📅 2027-02-01 ✅ 2027-01-30\n"
        "- [ ] Monthly report\n"
    )
    first, second, third = tasks_of(body)
    assert (first.text, first.done, first.due, first.done_on, first.line) == (
        "Call the CFO",
        True,
        date(2027, 1, 10),
        date(2027, 1, 9),
        25,
    )
    assert (second.text, second.done, second.due, second.done_on) == (
        "Send the agenda",
        True,
        date(2027, 2, 1),
        date(2027, 1, 30),
    )
    assert (third.done, third.due, third.line) == (False, None, 27)


def test_owner_defaults_to_the_action_owner_then_the_account_owner():
    body = "## Act {#act}\n- [ ] Under the action\n- [ ] Mine @ana\n## Other\n- [ ] Account level\n"
    under, mine, account = tasks_of(body)
    assert (under.owner, under.action) == ("bruno", "act")
    assert (mine.owner, mine.action) == ("ana", "act")
    assert (account.owner, account.action) == ("ana", None)


def test_a_tag_wins_over_the_heading():
    body = "## Something else {#notes}\n- [ ] Tagged #act\n- [ ] Not tagged\n"
    tagged, untagged = tasks_of(body)
    assert (tagged.action, tagged.owner, tagged.text) == ("act", "bruno", "Tagged")
    assert untagged.action is None


def test_a_subsection_belongs_to_the_action_of_its_parent_heading():
    body = "## Act {#act}\n### Preparation\n- [ ] Book the room\n"
    (task,) = tasks_of(body)
    assert task.action == "act"


def test_internal_sections_end_at_the_next_heading_of_the_same_level():
    body = "## Notes {.internal}\n- [ ] Secret\n### Deeper\n- [ ] Still secret\n## Public\n- [ ] Open\n"
    secret, deeper, public = tasks_of(body)
    assert (secret.internal, deeper.internal, public.internal) == (True, True, False)


def test_list_items_in_code_blocks_are_not_tasks():
    assert tasks_of("```\n- [ ] not a task\n```\n- plain item\n") == ()


def test_unknown_handles_and_actions_are_errors_at_their_line():
    body = "\n- [ ] Call @bruna\n- [ ] Work #ac\n"
    assert problems(BASE + body) == [
        "plans/acme.md:26: task.owner: unknown handle '@bruna'. Did you mean 'bruno'?",
        "plans/acme.md:27: task.action: unknown action '#ac'. Did you mean 'act'?",
    ]


def test_a_bad_task_date_is_an_error_at_its_line():
    assert problems(BASE + "- [ ] Call due:tomorrow\n") == [
        "plans/acme.md:25: task.due: 'tomorrow' is not a date: write it as YYYY-MM-DD"
    ]


def test_an_open_task_with_a_done_date_is_an_error():
    assert problems(BASE + "- [ ] Call done:2027-01-01\n") == [
        "plans/acme.md:25: task.done: an open task has a done date: tick it ([x]) or remove the date"
    ]


# -- version 2 ------------------------------------------------------------------------------


def test_kind_contact_kind_report_and_the_phone_shorthand():
    body = (
        "- [x] Call the buyer kind:contact done:2027-01-05\n- [x] 📞 Visit done:2027-01-06\n"
        "- [x] Monthly numbers kind:report done:2027-01-07\n- [ ] Plain\n"
    )
    assert [(t.kind, t.text) for t in tasks_of(body)] == [
        ("contact", "Call the buyer"),
        ("contact", "Visit"),
        ("report", "Monthly numbers"),
        ("task", "Plain"),
    ]


def test_an_unknown_kind_is_an_error():
    assert problems(BASE + "- [ ] Lunch kind:meal\n") == [
        "plans/acme.md:25: task.kind: unknown kind 'meal': write kind:contact or kind:report"
    ]


def test_only_a_tag_with_the_form_of_an_id_is_a_reference():
    (task,) = tasks_of("- [ ] Ship pedido #123 for #Urgente work\n")
    assert (task.action, task.text) == (None, "Ship pedido #123 for #Urgente work")


def test_a_tag_naming_a_milestone_or_a_goal_is_an_error():
    assert problems(BASE + "- [ ] Close #q1\n- [ ] Grow #revenue\n") == [
        "plans/acme.md:25: task.action: '#q1' names a milestone, not an action: tag the action the task"
        " belongs to",
        "plans/acme.md:26: task.action: '#revenue' names a goal, not an action: tag the action the task"
        " belongs to",
    ]


def test_emails_addresses_and_words_with_signs_are_text():
    (task,) = tasks_of("- [ ] Write to joao@acme.com.br about https://crm/x#etapa in C#\n")
    assert (task.owner, task.action, task.text) == (
        "ana",
        None,
        "Write to joao@acme.com.br about https://crm/x#etapa in C#",
    )


def test_trailing_punctuation_is_not_part_of_a_token():
    (task,) = tasks_of("- [ ] Call @bruno, then ask #act; by due:2027-01-10.\n")
    assert (task.owner, task.action, task.due) == ("bruno", "act", date(2027, 1, 10))
    assert task.text == "Call , then ask ; by ."


def test_due_and_done_may_be_followed_by_one_space():
    (task,) = tasks_of("- [x] Call due: 2027-01-10 done: 2027-01-09\n")
    assert (task.due, task.done_on, task.text) == (date(2027, 1, 10), date(2027, 1, 9), "Call")


def test_an_emoji_date_may_carry_the_invisible_variation_selector():
    (task,) = tasks_of("- [x] Call 📅\ufe0f 2027-01-10 ✅\ufe0f 2027-01-09\n")
    assert (task.due, task.done_on, task.text) == (date(2027, 1, 10), date(2027, 1, 9), "Call")


def test_a_token_given_twice_is_an_error():
    body = (
        "- [ ] A due:2027-01-10 📅 2027-01-11\n- [ ] B @ana @bruno\n- [ ] C #act #act\n"
        "- [ ] D 📞 kind:report\n"
    )
    assert problems(BASE + body) == [
        "plans/acme.md:25: task.due: '📅 2027-01-11' repeats the task's due date: keep one",
        "plans/acme.md:26: task.owner: '@bruno' repeats the task's owner: keep one",
        "plans/acme.md:27: task.action: '#act' repeats the task's action: keep one",
        "plans/acme.md:28: task.kind: 'kind:report' repeats the task's kind: keep one",
    ]


def test_a_checked_contact_without_a_done_date_is_a_warning():
    file = parse_plan(BASE + "- [x] 📞 Call the buyer\n- [x] Plain task\n", "plans/acme.md")
    assert [str(w) for w in file.warnings] == [
        "plans/acme.md:25: task.done: a contact ticked without a done: date never counts: add the day it"
        " was done (done:YYYY-MM-DD)"
    ]


def test_task_dates_outside_1900_to_2199_are_errors():
    assert problems(BASE + "- [ ] Someday due:9999-12-31\n") == [
        "plans/acme.md:25: task.due: '9999-12-31' is outside the dates a plan may use (1900-01-01 to"
        " 2199-12-31)"
    ]
