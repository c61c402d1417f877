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


def figures(acc):
    g = acc.goals[0]
    return {
        "bullet": charts.goal_bullet(g, FMT, LABELS),
        "trajectory": charts.goal_trajectory(g, acc, FMT, LABELS, {date(2027, 3, 31): "ana, 02/04/2027"}),
        "weekly": charts.weekly(((date(2027, 5, 3), 2), (date(2027, 5, 10), 0)), FMT, LABELS),
    }


@pytest.mark.parametrize("name", ["bullet", "trajectory", "weekly"])
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
