"""Chart builders return plain figure dicts that Plotly accepts as they are."""

import json
from datetime import date

import plotly.graph_objects as go
import pytest

from kamsite.core.progress import compute
from kamsite.render import charts
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels

from .conftest import make_plan, revenue_goal

AS_OF = date(2027, 5, 15)
FMT, LABELS = Formats("pt_BR"), Labels("pt_BR")


@pytest.fixture(scope="module")
def acc():
    file = make_plan(
        goals=[
            revenue_goal(actuals={"2027-03-31": 2610000}),
            {"id": "share", "title": "Share <b>X</b>", "unit": "%", "baseline": 20, "target": 35},
        ],
        milestones=[{"id": "q1", "title": "Q1", "quarter": "Q1", "checkpoint": {"revenue": 2600000}}],
    )
    return compute(file, AS_OF)


def held(band, actuals=None):
    """An account whose one goal is a market share (%) to hold in `band`, baseline 34."""
    goal = {
        "id": "share",
        "title": "Share",
        "unit": "%",
        "baseline": 34,
        "hold": band,
        "actuals": actuals or {},
    }
    return compute(make_plan(goals=[goal]), AS_OF)


def figures(acc):
    g = acc.goals[0]
    band = held({"min": 33, "max": 37}, {"2027-03-31": 36})
    return {
        "bullet": charts.goal_bullet(g, FMT, LABELS),
        "trajectory": charts.goal_trajectory(g, acc, FMT, LABELS, {date(2027, 3, 31): "ana, 02/04/2027"}),
        "band": charts.goal_trajectory(band.goals[0], band, FMT, LABELS),
        "weekly": charts.weekly(((date(2027, 5, 3), 2), (date(2027, 5, 10), 0)), FMT, LABELS),
    }


@pytest.mark.parametrize("name", ["bullet", "trajectory", "band", "weekly"])
def test_every_figure_is_a_valid_plotly_figure(acc, name):
    fig = figures(acc)[name]
    go.Figure(fig)  # raises on any property Plotly does not know or a value of the wrong type
    assert fig["data"] and fig["layout"]["separators"] == ",."


def test_user_text_in_labels_is_escaped_for_plotly(acc):
    notes = {date(2027, 3, 31): "ana <b>X</b>"}  # who entered an actual, in its hover text
    text = json.dumps(charts.goal_trajectory(acc.goals[0], acc, FMT, LABELS, notes), ensure_ascii=False)
    assert "ana &lt;b&gt;X&lt;/b&gt;" in text and "<b>X" not in text


def test_the_trajectory_runs_through_the_checkpoint_to_the_target(acc):
    fig = charts.goal_trajectory(acc.goals[0], acc, FMT, LABELS, {})
    expected = next(t for t in fig["data"] if t["y"][-1] == 3000000)
    assert expected["x"][0] == "2027-01-01" and 2600000 in expected["y"]


def named(fig, name):
    return [t for t in fig["data"] if t["name"] == name]


def test_a_goal_to_hold_draws_its_band_over_the_period_and_no_path_to_a_target():
    acc = held({"min": 33, "max": 37}, {"2027-03-31": 36, "2027-04-30": 38})
    fig = charts.goal_trajectory(acc.goals[0], acc, FMT, LABELS)
    (band,) = named(fig, "Faixa a manter")
    assert (band["fill"], band["mode"]) == ("toself", "lines")
    assert list(zip(band["x"], band["y"], strict=True)) == [
        ("2027-01-01", 33),
        ("2027-12-31", 33),
        ("2027-12-31", 37),
        ("2027-01-01", 37),
        ("2027-01-01", 33),
    ]
    assert fig["data"].index(band) == 0  # under the actuals
    assert named(fig, "Realizado")[0]["y"] == [34, 36, 38]
    assert named(fig, "Trajetória esperada") == named(fig, "Meta") == named(fig, "Neste ritmo") == []


@pytest.mark.parametrize(("band", "open_end"), [({"min": 35}, "max"), ({"max": 5}, "min")])
def test_a_band_open_at_one_end_runs_to_the_charts_edge(band, open_end):
    acc = held(band, {"2027-03-31": 36})
    fig = charts.goal_trajectory(acc.goals[0], acc, FMT, LABELS)
    (shade,) = named(fig, "Faixa a manter")
    low, high = fig["layout"]["yaxis"]["range"]
    written = band.get("min", band.get("max"))
    assert written in shade["y"]
    assert (min(shade["y"]), max(shade["y"])) == ((written, high) if open_end == "max" else (low, written))
    assert low < min(34, 36, written) and high > max(34, 36, written)  # every value inside the chart


def test_the_trajectory_draws_the_pace_forecast_dashed_from_the_last_actual_to_the_periods_end(acc):
    fig = charts.goal_trajectory(acc.goals[0], acc, FMT, LABELS)
    (pace,) = named(fig, "Neste ritmo")
    assert pace["x"] == ["2027-03-31", "2027-12-31"]
    assert pace["y"] == [2610000, pytest.approx(2610000 + 110000 * 275 / 89)]
    assert pace["line"]["dash"] == "dash"
    assert max(fig["layout"]["yaxis"]["tickvals"]) >= pace["y"][1] - 100000  # on the axis


def test_no_pace_forecast_without_an_actual_after_the_start(acc):
    unmeasured = acc.goals[1]
    assert named(charts.goal_trajectory(unmeasured, acc, FMT, LABELS), "Neste ritmo") == []


@pytest.mark.parametrize(
    ("lo", "hi", "ticks"),
    [
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (2500000, 3000000, [2500000, 2600000, 2700000, 2800000, 2900000, 3000000]),
        (-0.3, 1.2, [-0.5, 0, 0.5, 1.0]),
    ],
)
def test_nice_ticks_are_round_steps_from_the_low_end(lo, hi, ticks):
    assert charts.nice_ticks(lo, hi) == ticks


def test_a_chart_is_a_captioned_figure_with_its_data_escaped():
    html = charts.chart_html(
        {"data": [], "layout": {"title": {"text": '<i>"x"'}}}, "<Caption>", charts.Html("<table></table>")
    )
    assert html.startswith('<figure class="ks-figure"><figcaption class="ks-caption">&lt;Caption&gt;')
    assert (
        'data-figure="{&quot;data&quot;:[],&quot;layout&quot;:{&quot;title&quot;:{&quot;text&quot;:' in html
    )
    assert "<i>" not in html and html.endswith("<table></table></figure>")
