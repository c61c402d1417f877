"""The plan body as HTML: a plan is data, so raw HTML is shown as text; tasks get chips."""

import re
from datetime import date

from kamsite.core.audience import client_view
from kamsite.core.parse import parse_plan
from kamsite.render.body import BodyView, render
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

from .conftest import BASE


def html_of(body: str, internal: bool = True) -> str:
    """The body as the team (internal=True) or the client (the client's view) sees it."""
    file = parse_plan(BASE + body, "plans/acme.md")
    file = file if internal else client_view(file)
    view = BodyView(
        tasks={t.line: t for t in file.tasks},
        names=file.plan.team,
        actions={a.id: a.title for a in file.plan.actions},
        as_of=date(2027, 5, 15),
        fmt=Formats("en"),
        labels=Labels("en"),
    )
    return render(file.body, file.body_start, view)


def test_raw_html_in_the_body_is_shown_as_text():
    out = html_of('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n')
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_task_tokens_become_chips_and_the_checkbox_is_rendered():
    out = html_of("## Act {#act}\n- [ ] Call @ana due:2027-05-01\n- [x] Sent done:2027-05-02\n")
    assert '<h2 id="act">Act</h2>' in out
    assert '<li class="ks-task" id="L26"><input type="checkbox" class="ks-checkbox" disabled' in out
    assert '<span class="ks-sr">Owner </span>Ana Souza' in out and "@ana" not in out
    assert '<span class="ks-sr">Due </span>May 1, 2027 · overdue' in out and "due:" not in out
    assert (
        'class="ks-task ks-task-done" id="L27"' in out
        and '<span class="ks-sr">Done on </span>May 2, 2027' in out
    )
    assert "ks-icon-account" in out and "ks-icon-calendar" in out and "ks-icon-done" in out


def test_an_action_tag_links_to_the_action_section():
    out = html_of("- [ ] Call #act\n")
    assert (
        '<a class="ks-chip ks-chip-action" href="#act" title="Action"><span class="ks-icon ks-icon-subtask"'
        in out
    )
    assert '<span class="ks-sr">Action </span>Act</a>' in out


def test_internal_sections_are_marked_for_the_team_and_absent_for_clients():
    body = "## Notes {.internal}\nMargin 31%\n- [ ] Secret\n## Public {.client}\nHello\n"
    team = html_of(body)
    assert 'class="ks-internal"' in team and "Margin 31%" in team
    client = html_of(body, internal=False)
    assert "Margin 31%" not in client and "Secret" not in client and "Hello" in client


def test_contact_and_report_tokens_become_chips():
    out = html_of(
        "- [ ] 📞 Call the buyer\n- [ ] Numbers kind:report\n- [ ] Order #123 for joao@acme.com.br\n"
    )
    assert re.search(
        r'<span class="ks-chip ks-chip-contact" title="Kind"><span class="ks-icon ks-icon-contact"'
        r' aria-hidden="true"></span>Client contact</span> Call the buyer',
        out,
    )
    assert re.search(
        r'Numbers <span class="ks-chip ks-chip-report" title="Kind"><span class="ks-icon ks-icon-report"'
        r' aria-hidden="true"></span>Report</span>',
        out,
    )
    assert "📞" not in out and "📄" not in out
    assert "Order #123 for joao@acme.com.br" in out and "ks-chip-owner" not in out
