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
        "Call the CFO", True, date(2027, 1, 10), date(2027, 1, 9), 25)
    assert (second.text, second.done, second.due, second.done_on) == (
        "Send the agenda", True, date(2027, 2, 1), date(2027, 1, 30))
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
    body = (
        "## Notes {.internal}\n- [ ] Secret\n### Deeper\n- [ ] Still secret\n"
        "## Public\n- [ ] Open\n"
    )
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
