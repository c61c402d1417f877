"""The parts pages are built from: tables, icons, summaries (without a browser)."""

import re
from datetime import date

from kamsite.render.escape import Html
from kamsite.render.pages.common import table

from .conftest import write_plans


def cells(html: str, cls: str) -> list[str]:
    return re.findall(rf'<t[dh][^>]*class="{cls}"[^>]*>(.*?)</t[dh]>', html)


def test_columns_of_numbers_are_marked_for_right_alignment_and_text_columns_are_not():
    html = table(
        "",
        ["Goal", "Value", "Due", "Change"],
        [
            ["Revenue", "R$ 1.200,00", "15/05/2027", "+0,9 p.p."],
            ["Hospitals", "12 hospitais", "May 15, 2027", Html("<b>—</b>")],
        ],
    )
    assert cells(html, "ks-num") == [
        "Value",
        "Change",
        "R$ 1.200,00",
        "+0,9 p.p.",
        "12 hospitais",
        "<b>—</b>",
    ]


def test_a_column_of_quantities_side_by_side_is_right_aligned_and_one_of_dates_is_not():
    html = table(
        "",
        ["Account", "Roll-up", "Period"],
        [
            ["Acme", "30% / 36%", "01/01/2027 – 31/12/2027"],
            ["Bravo", Html('13% / 12% · <span class="ks-weighted">weighted</span>'), "15/05/2027"],
            ["Cobalto", "—", "—"],
        ],
    )
    assert cells(html, "ks-num") == [
        "Roll-up",
        "30% / 36%",
        '13% / 12% · <span class="ks-weighted">weighted</span>',
        "—",
    ]


def test_wide_tables_name_each_cell_for_stacked_rows_on_phones():
    wide = table("", ["A", Html("<i>B</i>"), "C", "D"], [["1", "x", "y", "z"]])
    assert "ks-stack" in wide and 'data-label="B"' in wide
    assert "ks-stack" not in table("", ["A", "B"], [["1", "2"]])


# -- the portfolio as triage -------------------------------------------------------------


def build(tmp_path, plans):
    """The team site's pages (address -> text) for plans written in tmp_path."""
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.site import generate
    from kamsite.shell.loader import load

    view = View(as_of=date(2027, 5, 15), settings=Settings(), fmt=Formats("en"), labels=Labels("en"))
    return generate(load(write_plans(tmp_path / "plans", plans)), view)


PLAN = """---
account: {name}
owner: {owner}
team: {{ana: Ana Souza, bruno: Bruno Lima}}
tags: {tags}
period: {{start: 2027-01-01, end: 2027-12-31}}
{rest}---
{body}"""
MISSED = "milestones:\n  - {id: q1, title: Q1 deal, quarter: Q1}\n"  # not done by May: missed
LATE = (
    "milestones:\n  - {id: q4, title: Q4 deal, quarter: Q4}\n"
    "actions:\n  - {id: act, title: Act, milestone: q4, owner: bruno, due: 2027-05-01}\n"
)


def plan(name, owner="ana", tags="[]", rest="", body=""):
    return PLAN.format(name=name, owner=owner, tags=tags, rest=rest, body=body)


def account_rows(page):
    return re.findall(r'<tr data-id="([^"]+)"[^>]*data-health="([^"]+)"', page)


def test_accounts_come_worst_first_with_the_reason_and_their_overdue_items(tmp_path):
    pages = build(
        tmp_path,
        {
            "beta": plan("Beta"),
            "zeta": plan("Zeta", rest=MISSED),
            "alpha": plan("Alpha", rest=LATE, body="- [ ] Call the buyer @ana due:2027-05-02\n"),
            "aardvark": plan("Aardvark"),
        },
    )
    home = pages["index.md"]
    assert account_rows(home) == [
        ("zeta", "off_track"),
        ("alpha", "at_risk"),
        ("aardvark", "unmeasured"),  # no goals: never green (format v2)
        ("beta", "unmeasured"),
    ]
    # alpha's row: the reason counted, the oldest overdue item as the next step, its overdue
    # action and task linked and counted (the task, 13 days late, is past the grace days too)
    row = home[home.index('data-id="alpha"') :].split("</tr>")[0]
    assert '<span class="ks-why">2 overdue items</span>' in row
    assert (
        '<span class="ks-why ks-next-step">Next step: <a href="accounts/alpha/#action-act">Act</a>'
        " (Bruno Lima, due May 1, 2027)</span>" in row
    )
    assert 'href="accounts/alpha/#action-act"' in row and 'href="accounts/alpha/#L12"' in row
    assert 'aria-hidden="true"></span>2</strong>' in row
    tiles = re.findall(r'<span class="ks-tile-count">(\d+)</span> <span>([^<]+)</span>', home)
    assert tiles == [
        ("1", "Off track"),
        ("1", "At risk"),
        ("2", "Unmeasured"),
        ("2", "Overdue items"),
        ("0", "Goals off track"),
        ("0", "Goals at risk"),
        ("0", "Goals not measured"),
    ]


def test_an_invalid_plan_is_listed_in_place_with_its_problem(tmp_path):
    pages = build(tmp_path, {"good": plan("Good"), "broken": plan("Broken", owner="[unclosed")})
    home = pages["index.md"]
    row = home[home.index('data-health="invalid"') :].split("</tr>")[0]
    assert "Plan with problems" in row and "broken.md:" in row
    assert 'href="accounts/broken/"' in row
    assert ("1", "Plans with problems") in re.findall(
        r'<span class="ks-tile-count">(\d+)</span> <span>([^<]+)</span>', home
    )


def test_counts_take_their_plural_form_in_each_language():
    from kamsite.render.labels import Labels

    pt, en = Labels("pt_BR"), Labels("en")
    assert pt("portfolio.intro", count=1, date="x") == "1 conta em x."
    assert pt("portfolio.intro", count=2, date="x") == "2 contas em x."
    assert pt("action.why.tasks", done=0, total=1) == "0 de 1 tarefa feita"
    assert en("today.late", count=1) == "1 day late" and en("today.late", count=3) == "3 days late"
    assert pt("people.overdue", count=1) == "1 item atrasado"
    assert pt("cli.warnings", count=0) == "0 avisos" and pt("cli.problems", count=1) == "1 problema"
    assert en("cli.accounts", count=1) == "1 account" and en("cli.accounts", count=0) == "0 accounts"


def test_the_recent_report_writes_signed_changes_in_the_goals_unit():
    from kamsite.core.progress import Settings
    from kamsite.render.formats import Formats
    from kamsite.render.labels import Labels
    from kamsite.render.pages.common import View
    from kamsite.render.pages.recent_report import change

    pt = View(as_of=date(2027, 5, 15), settings=Settings(), fmt=Formats("pt_BR"), labels=Labels("pt_BR"))
    assert change(0.9, "%", pt) == "+0,9 p.p."
    assert change(110_000, "BRL", pt) == "+R$\xa0110\xa0mil"
    assert change(-2, "hospitais", pt) == "\u22122 hospitais"
    assert change(0, "%", pt) == "0%"


def test_the_recent_report_has_unique_column_headers(tmp_path):
    from kamsite.render.labels import Labels

    pages = build(
        tmp_path,
        {"acme": plan("Acme", rest="goals:\n  - {id: g, title: G, unit: '%', baseline: 0, target: 10}\n")},
    )
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', pages["accounts/acme/recent/index.md"])
    assert heads[3:5] == ["Change", "Target"] and len(set(heads[:5])) == 5
    pt = Labels("pt_BR")  # "Meta" twice, once for the goal and once for its target, before
    assert len({pt["recent.goal"], pt["recent.change"], pt["recent.target"]}) == 3


def test_an_overdue_client_contact_links_to_the_contact_line_of_the_account_page(tmp_path):
    pages = build(tmp_path, {"alpha": plan("Alpha", rest="contact_every: 14\n")})  # none since Jan 1
    home, dashboard = pages["index.md"], pages["accounts/alpha/index.md"]
    row = home[home.index('data-id="alpha"') :].split("</tr>")[0]
    assert set(re.findall(r'href="accounts/alpha/(#[^"]*)"', row)) == {"#contact"}  # next step, overdue
    assert dashboard.count('id="contact"') == 1
    today = "".join(text for address, text in pages.items() if address.startswith("today"))
    assert "#action-None" not in today and 'accounts/alpha/#contact"' in today


# -- the portfolio's roll-up (format v3 §9.2) ------------------------------------------------


def goals(*progress, weights=()):
    """Goals from 0 to 100, measured on Apr 30 at each `progress` (percent), with `weights`."""
    lines = ["goals:"]
    for i, value in enumerate(progress):
        lines.append(
            f"  - {{id: g{i}, title: G{i}, baseline: 0, target: 100, actuals: {{2027-04-30: {value}}}}}"
        )
        if i < len(weights):
            lines[-1] = lines[-1][:-1] + f", weight: {weights[i]}}}"
    return "\n".join(lines) + "\n"


def test_the_portfolio_shows_each_accounts_roll_up_and_says_when_it_is_weighted(tmp_path):
    pages = build(
        tmp_path,
        {
            "plain": plan("Plain", rest=goals(30, 40)),
            "heavy": plan("Heavy", rest=goals(30, 40, weights=(3,))),
        },
    )
    home = pages["index.md"]
    cells = {
        key: re.sub(r"<[^>]+>", "", home[home.index(f'<tr data-id="{key}"') :].split("</td>")[3]).strip()
        for key in ("plain", "heavy")
    }
    expected = "37%"  # Apr 30 is 119 days into the year: 119/364
    assert cells == {
        "plain": f"35% / {expected}",
        "heavy": f"33% / {expected} · weighted",
    }  # (3 x 30 + 40) / 4
    assert ">Progress (all goals)</th>" in home
    bar = home[home.index('<li class="ks-bars-row" data-id="heavy"') :].split("</li>")[0]
    assert '<span class="ks-bars-value">33% · expected 37% · weighted</span>' in bar


def test_within_a_health_the_account_furthest_behind_its_expected_progress_comes_first(tmp_path):
    pages = build(
        tmp_path,
        {
            "ahead": plan("Aa Ahead", rest=goals(34)),
            "behind": plan("Zz Behind", rest=goals(30)),
            "heavy": plan("Mm Heavy", rest=goals(31, 60, weights=(9, 1))),  # (9 x 31 + 60) / 10: 33.9%
        },
    )
    assert [key for key, _ in account_rows(pages["index.md"])] == ["behind", "heavy", "ahead"]


def test_the_portfolios_goals_column_gives_each_status_what_it_was_judged_against(tmp_path):
    """May 15 expects 36.8% of a year's way; the status was judged on May 1 (33%), and a
    progress of 99.6% is not printed as 100% beside a status that is not 'achieved'."""
    goal = "goals:\n  - {id: rev, title: Rev, baseline: 0, target: 1000, actuals: {2027-05-01: 996}}\n"
    home = build(tmp_path, {"acme": plan("Acme", rest=goal)})["index.md"]
    column = re.sub(r"<[^>]+>", "", home[home.index('<tr data-id="acme"') :].split("</td>")[4])
    assert column.strip() == "Rev: On track 99.6% · expected 33% on May 1"
