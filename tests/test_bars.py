"""The bar charts drawn at build time (the portfolio's progress per account, a person's open
work per account): each row says its numbers in words, its bar sits where its value is, in
the colour the legend gives it, in both languages."""

import re
from datetime import date

import pytest
import yaml

from kamsite.core.parse import parse_plan
from kamsite.core.progress import compute
from kamsite.render import bars
from kamsite.render.charts import COLORS
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

from .conftest import revenue_goal

AS_OF = date(2027, 5, 15)
PT = (Formats("pt_BR"), Labels("pt_BR"))
EN = (Formats("en"), Labels("en"))


def account(plan_id, name, actual, goals=None):
    """An account whose revenue goal (2.5M to 3M) was `actual` on 2027-03-31."""
    goals = [revenue_goal(actuals={"2027-03-31": actual})] if goals is None else goals
    front = {
        "account": name,
        "owner": "ana",
        "team": {"ana": "Ana Souza"},
        "period": {"start": "2027-01-01", "end": "2027-12-31"},
        "goals": goals,
    }
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
    return compute(parse_plan(text, f"plans/{plan_id}.md"), AS_OF)


@pytest.fixture(scope="module")
def accounts():
    return [account("ahead", "Ahead Ltd.", 2900000), account("behind", "Behind <b>S.A.</b>", 2500000)]


def rows_of(html):
    """Each row of a chart: (data-id, name, value in words, [(left %, width %, colour)], marker %)."""
    found = []
    for row in re.findall(r'<li class="ks-bars-row"(.*?)</li>', html, re.S):
        key = re.search(r'data-id="([^"]*)"', row)
        name = re.search(r'class="ks-bars-name">(.*?)</span>', row).group(1)
        value = re.search(r'class="ks-bars-value">(.*?)</span>', row).group(1)
        segments = re.findall(
            r'class="ks-bars-bar" style="left:([\d.-]+)%;width:([\d.]+)%;background-color:(#\w+)"', row
        )
        marker = re.search(r'class="ks-bars-marker" style="left:([\d.-]+)%', row)
        found.append(
            (
                key and key.group(1),
                name,
                value,
                [(float(a), float(b), c) for a, b, c in segments],
                marker and float(marker.group(1)),
            )
        )
    return found


def portfolio_chart(accounts, fmt, labels):
    rows, scale = bars.portfolio(accounts, fmt, labels)
    return bars.chart(labels["portfolio.chart"], rows, scale, bars.Html(""), target=100)


def test_the_portfolio_chart_gives_each_account_its_values_bar_colour_and_expected_marker(accounts):
    html = portfolio_chart(accounts, *PT)
    (ahead, behind) = rows_of(html)
    a, b = accounts
    assert a.health != b.health  # two colours to tell apart
    expected = round(a.goals[0].expected * 100, 1)
    assert ahead == (
        "ahead",
        "Ahead Ltd.",
        f"80% · esperado {round(expected)}%",
        [(0.0, 80.0, bars.HEALTH_COLORS[a.health])],
        expected,
    )
    assert behind[:3] == ("behind", "Behind &lt;b&gt;S.A.&lt;/b&gt;", f"0% · esperado {round(expected)}%")
    assert behind[3] == [] and behind[4] == expected  # no progress: no bar, the marker still shows
    assert "<b>S.A." not in html


def test_the_portfolio_chart_has_its_axis_grid_and_target_line_at_100_percent(accounts):
    html = portfolio_chart(accounts, *EN)
    ticks = re.findall(r'<span style="left:([\d.]+)%">([^<]*)</span>', html.split('class="ks-bars-axis"')[1])
    assert ticks == [(f"{p:.1f}", f"{p}%") for p in (0, 20, 40, 60, 80, 100)]
    assert html.count('class="ks-bars-grid"') == 6
    assert f'<span class="ks-bars-target" style="left:100.0%;background-color:{COLORS["target"]}">' in html
    assert html.startswith('<figure class="ks-figure"><figcaption class="ks-caption">Goal progress against')
    assert "80% · expected" in html


def test_a_goal_behind_its_baseline_or_past_its_target_counts_0_or_100_percent_in_the_bars():
    """The roll-up holds each goal's progress to 0..1 (format v3 §9.2), so the axis stays 0-100%."""
    low, high = account("low", "Low", 2400000), account("high", "High", 3300000)
    assert (low.goals[0].progress, high.goals[0].progress) == (pytest.approx(-0.2), pytest.approx(1.6))
    (low_row, high_row) = rows_of(portfolio_chart([low, high], *EN))
    scale = bars.portfolio([low, high], *EN)[1]
    assert (scale.lo, scale.hi) == (0, 100)
    assert low_row[2].startswith("0% · expected") and low_row[3] == []
    assert high_row[2].startswith("100% · expected") and high_row[3][0][:2] == (0.0, 100.0)
    assert low_row[4] == pytest.approx(scale.at(low.goals[0].expected * 100), abs=0.1)  # on the same axis


def test_an_account_without_goals_has_a_row_without_a_bar(accounts):
    empty = account("empty", "Empty", 0, goals=[])
    rows = rows_of(portfolio_chart([*accounts, empty], *EN))
    assert rows[-1] == ("empty", "Empty", "—", [], None)


def test_the_legend_names_every_colour_of_the_portfolio_chart():
    legend = bars.legend(bars.portfolio_legend(["off_track", "on_track"], Labels("pt_BR")))
    assert re.findall(r"--ks-swatch:(#\w+)\" aria-hidden=\"true\"></span>([^<]*)</li>", legend) == [
        (COLORS["off_track"], "Fora do ritmo"),
        (COLORS["on_track"], "No ritmo"),
        (COLORS["expected"], "Esperado (todas as metas)"),
        (COLORS["target"], "Meta (100%)"),
    ]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (PT, ["2 atrasadas · 4 em aberto", "1 atrasada · 0 em aberto"]),
        (EN, ["2 overdue · 4 open", "1 overdue · 0 open"]),
    ],
)
def test_the_workload_chart_gives_each_account_its_overdue_and_open_counts(language, words):
    fmt, labels = language
    rows, scale = bars.workload([("Acme", 2, 4), ("Cobalto", 1, 0)], fmt, labels)
    html = bars.chart(labels["people.workload"], rows, scale, bars.legend(bars.workload_legend(labels)))
    acme, cobalto = rows_of(html)
    assert [acme[2], cobalto[2]] == words
    red, blue = COLORS["off_track"], COLORS["target"]
    assert acme[:2] == (None, "Acme") and acme[3] == [(0.0, 33.3, red), (33.3, 66.7, blue)]
    assert cobalto[3] == [(0.0, 16.7, red)]  # no open item that is not overdue: no blue bar
    ticks = re.findall(r'<span style="left:[\d.]+%">([^<]*)</span>', html.split('class="ks-bars-axis"')[1])
    assert ticks == ["0", "1", "2", "3", "4", "5", "6"]
    assert labels["today.group.overdue"] in html and labels["people.open"] in html  # the legend


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (6, [0, 1, 2, 3, 4, 5, 6]),
        (7, [0, 2, 4, 6, 8]),
        (23, [0, 5, 10, 15, 20, 25]),
    ],
)
def test_count_axes_have_whole_ticks(largest, ticks):
    assert bars.count_ticks(largest) == ticks
