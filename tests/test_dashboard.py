"""The account page reads summary first: health and its causes, a tile per goal, the next
milestone, the last client contact and this week's work, then the details."""

import re
from datetime import date

from kamsite.core.progress import Settings, compute
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels
from kamsite.render.pages.common import View
from kamsite.render.pages.dashboard import dashboard

from .conftest import as_shown, make_plan, revenue_goal

AS_OF = date(2027, 5, 15)
HOSPITALS = {"id": "hospitals", "title": "Hospitals", "unit": "hospitais", "baseline": 5, "target": 12}
SHARE = {
    "id": "share",
    "title": "Share",
    "unit": "%",
    "baseline": 10,
    "target": 20,
    "actuals": {"2027-04-30": 12.5},
}
BODY = """
## Work {#act}

- [ ] Late task @bruno due:2027-05-10
- [ ] Next task due:2027-05-20
- [ ] Far task due:2027-07-01
- [x] Done task due:2027-05-11 done:2027-05-11
- [x] Called the buyer kind:contact @bruno done:2027-05-05
"""
ACTIONS = [{"id": "act", "title": "Act", "milestone": "q2", "owner": "ana", "due": "2027-05-12"}]
MILESTONES = [
    {"id": "q1", "title": "Q1 deal", "quarter": "Q1", "done": "2027-03-01"},
    {"id": "q2", "title": "Q2 deal", "quarter": "Q2"},
    {"id": "q3", "title": "Q3 deal", "quarter": "Q3"},
]


def page(locale="en", goals=None, body=BODY, actions=ACTIONS, **front):
    goals = goals if goals is not None else [revenue_goal(actuals={"2027-03-31": 2610000}), HOSPITALS, SHARE]
    file = make_plan(goals, MILESTONES, actions, body=body, **front)
    view = View(as_of=AS_OF, settings=Settings(), fmt=Formats(locale), labels=Labels(locale))
    return dashboard(compute(file, AS_OF, view.settings), view)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", as_shown(html))).replace("\xa0", " ")


def test_the_summary_and_this_weeks_work_come_before_the_goals():
    html = page()
    order = [
        html.index(m)
        for m in ('class="ks-health"', "ks-goal-tiles", "ks-next-milestone", "{#week}", "{#goals}")
    ]
    assert order == sorted(order)


def test_a_tile_per_goal_with_its_value_progress_against_expected_status_and_trend():
    html = page()
    tiles = re.findall(r'<li class="ks-goal-tile">(.*?)</li>', html)
    assert len(tiles) == 3
    revenue = text(tiles[0])
    assert "R$2.6M" in revenue  # money in the locale's compact form in a summary
    assert "+R$110K since Jan 1, 2027" in revenue  # the change in the same compact form
    # judged at its measurement's day (expected then 24.5%), while as_of expects 36.8%
    assert "On track 22% · expected 24.5% on Mar 31" in revenue and "36.8%" not in revenue
    assert "ks-trend-good" in tiles[0] and "ks-icon-trend_up" in tiles[0]
    assert 'class="ks-meter-expected" style="left:' in tiles[0]


def test_numbers_are_shown_at_the_goals_own_precision():
    html = page("pt_BR")
    assert not re.search(r"\d,\d+ hospitais", text(html))  # whole units for counts
    assert "valor esperado hoje 8 hospitais" in text(html)  # 7,58 rounded
    share = text(re.findall(r'<li class="ks-goal-tile">(.*?)</li>', html)[2])
    assert share.startswith("Share 12,5%")  # one decimal for a percentage
    assert "25% · esperado 32,7% em 30/04" in share  # its progress, not a value contradicting the bar
    assert "R$ 2.659.340,66" not in text(html)  # no cents the team never measured


def test_the_next_milestone_is_the_earliest_open_one():
    line = text(re.search(r'<p class="ks-next-milestone">.*?</p>', page()).group(0))
    assert line.startswith("Next milestone: Q2 deal · Q2, due Jun 30, 2027")


def test_the_last_client_contact_says_when_who_how_long_ago_and_the_cadence():
    line = text(re.search(r'<p class="ks-contact" id="contact">.*?</p>', page(contact_every=30)).group(0))
    assert line == "Last client contact: May 5, 2027 · by Bruno Lima · 10 days ago · every 30 days"
    soon = text(re.search(r'<p class="ks-contact" id="contact">.*?</p>', page(contact_every=14)).group(0))
    assert soon.endswith("every 14 days Contact due soon")
    late = text(re.search(r'<p class="ks-contact" id="contact">.*?</p>', page(contact_every=7)).group(0))
    assert late.endswith("every 7 days Contact overdue")
    pt = text(
        re.search(r'<p class="ks-contact" id="contact">.*?</p>', page("pt_BR", contact_every=30)).group(0)
    )
    assert pt == "Último contato com o cliente: 05/05/2027 · por Bruno Lima · há 10 dias · a cada 30 dias"


def test_no_contact_line_without_a_cadence_or_a_contact():
    assert "ks-contact" not in page(body="")


def test_this_weeks_work_lists_overdue_items_with_days_late_then_the_next_ones():
    week = text(re.search(r'<div class="ks-week">.*?</div>', page()).group(0))
    assert week.index("Overdue (2)") < week.index("Next 7 days (1)")
    assert "Late task" in week and "5 days late" in week and "Act" in week and "3 days late" in week
    assert "Next task" in week
    assert "Far task" not in week and "Done task" not in week
    assert 'href="#L' in page() and 'href="#action-act"' in page()


def test_an_account_with_nothing_due_says_so():
    week = text(
        re.search(
            r'<div class="ks-week">.*?</div>', page(body="", actions=[{**ACTIONS[0], "due": "2027-06-30"}])
        ).group(0)
    )
    assert week == "Nothing overdue or due in the next 7 days."


def test_one_chart_data_disclosure_per_goal():
    html = page()
    assert html.count('<details class="ks-data" data-search-exclude>') == 3


def test_a_percentage_goals_chart_caption_agrees_with_its_bar():
    captions = re.findall(r'<figcaption class="ks-caption">(.*?)</figcaption>', page())
    share = next(c for c in captions if c.startswith("Share:") and "of the way" in c)
    assert share == "Share: 25% of the way from 10% to 20% (now 12.5%); expected today 36.8%"


def test_the_team_dashboard_marks_internal_goals_milestones_and_actions():
    file = make_plan(
        goals=[revenue_goal(internal=True), {**revenue_goal(), "id": "public", "title": "Public"}],
        milestones=[
            {"id": "secret", "title": "Secret deal", "quarter": "Q1", "internal": True},
            {"id": "open", "title": "Open deal", "quarter": "Q2"},
        ],
        actions=[
            {"id": "act", "title": "Act", "milestone": "secret"},  # internal with its milestone
            {"id": "shown", "title": "Shown", "milestone": "open"},
        ],
    )
    html = dashboard(
        compute(file, date(2027, 5, 15)), View(date(2027, 5, 15), Settings(), Formats("en"), Labels("en"))
    )

    def marked(anchor: str, end: str) -> bool:
        part = html[html.index(anchor) :]
        return "ks-internal-badge" in part[: part.index(end)]

    assert marked('<div class="ks-goal">', "</p>") and not marked("{#goal-public}", "</p>")
    assert marked('id="milestone-secret"', "</p>") and not marked('id="milestone-open"', "</p>")
    assert marked('id="action-act"', "</td>") and not marked('id="action-shown"', "</td>")


# -- goals to hold, the pace forecast and the weighted roll-up (format v3 §9.1-9.3) ----------

JULY = date(2027, 7, 15)
# Jul 2 is 182 days after Jan 1 and 182 days before Dec 31: the pace doubles the gain so far
PACED = {
    "id": "clients",
    "title": "Clients",
    "baseline": 100,
    "target": 200,
    "actuals": {"2027-07-02": 143.5},
}


def held(band, value=36, **extra):
    return {"id": "share", "title": "Share", "unit": "%", "baseline": 34, "hold": band,
            "actuals": {"2027-07-02": value}, **extra}  # fmt: skip


def july(goals, locale="en"):
    """The dashboard of a plan with `goals` as of Jul 15."""
    view = View(as_of=JULY, settings=Settings(), fmt=Formats(locale), labels=Labels(locale))
    return dashboard(compute(make_plan(goals, body=""), JULY, view.settings), view)


def tiles(html):
    return [text(t) for t in re.findall(r'<li class="ks-goal-tile">(.*?)</li>', html)]


def test_a_goal_to_holds_tile_says_its_band_and_its_status_in_the_bands_terms():
    html = july([held({"min": 35}), held({"max": 5}, value=6, id="churn")])
    share, churn = re.findall(r'<li class="ks-goal-tile">(.*?)</li>', html)
    assert "ks-trend-good" in share and "ks-trend-bad" in churn  # into the band is good, out of it bad
    english = tiles(html)
    assert english[0].strip() == "Share 36% up +2 pp since Jan 1, 2027 In the band keep ≥ 35%"
    assert english[1].strip().endswith("Out of the band keep ≤ 5%")
    (pt,) = tiles(july([held({"min": 33, "max": 37})], "pt_BR"))
    assert pt.strip().endswith("Na faixa manter entre 33% e 37%")
    assert "do caminho" not in pt and "neste ritmo" not in pt  # no way to go, no pace


def test_a_goal_to_hold_has_its_band_in_the_chart_caption_the_explanation_and_the_data():
    html = july([held({"min": 35}, value=34)])
    goal = as_shown(html[html.index("{#goal-share}") :])
    assert "ks-status-off_track" in goal[: goal.index("</p>")] and "Out of the band" in goal
    assert "34% is outside the band (keep ≥ 35%) → out of the band" in text(goal)
    captions = re.findall(r'<figcaption class="ks-caption">(.*?)</figcaption>', goal)
    assert captions == ["Share: actuals over time against the band to keep (keep ≥ 35%)"]  # no bullet
    cells = re.sub(r"<[^>]+>", "|", goal)
    assert cells.count("|Band to keep| |keep ≥ 35%|") == 1 and cells.count("|Current| |34%|") == 1


def test_a_closed_plans_goal_to_hold_says_held_or_not_held():
    view = View(as_of=date(2028, 1, 2), settings=Settings(), fmt=Formats("pt_BR"), labels=Labels("pt_BR"))
    file = make_plan([held({"min": 35}), held({"min": 37}, id="other")], body="")
    (inside, outside) = tiles(dashboard(compute(file, view.as_of, view.settings), view))
    assert ("Mantida manter" in inside, "Não mantida manter" in outside) == (True, True)


def test_every_move_goals_tile_says_where_its_pace_leads_by_the_periods_end():
    (english,) = tiles(july([PACED]))
    assert "at this pace: 87% of the target by Dec 31, 2027" in english
    (pt,) = tiles(july([PACED], "pt_BR"))
    assert "neste ritmo: 87% da meta em 31/12/2027" in pt
    assert "No ritmo 43,5% · esperado 50% em 02/07" in pt  # judged against the expected path


def test_the_pace_forecast_is_in_the_goals_data_and_absent_without_a_measurement():
    html = july([PACED])
    data = html[html.index("{#goal-clients}") :]
    assert re.sub(r"<[^>]+>", "|", data).count("|At this pace| |187| |87%|") == 1
    unmeasured = {**PACED, "actuals": {}}
    assert "at this pace" not in text(july([unmeasured])) and "At this pace" not in text(july([unmeasured]))


def test_the_accounts_tile_gives_its_roll_up_and_says_when_weights_shape_it():
    plain = text(re.search(r'<p class="ks-rollup">.*?</p>', july([PACED, held({"min": 35})])).group(0))
    # (0.435 + 1) / 2 and (195/364 + 1) / 2: Jul 15 is 195 days into the year
    assert plain.strip() == "Progress of all goals: 71.8% of the way · expected 76.8%"
    weighted = july([{**PACED, "weight": 3}, held({"min": 35})], "pt_BR")
    line = text(re.search(r'<p class="ks-rollup">.*?</p>', weighted).group(0)).strip()
    # (3 x 0.435 + 1 x 1) / 4 and (3 x 195/364 + 1) / 4
    assert line == "Progresso de todas as metas: 57,6% do caminho · esperado 65,2% · ponderado"
    assert "ks-rollup" not in july([])


# -- one number, one judgement: the expected beside a status is the one it was judged against --

JUDGED = {
    "id": "share",
    "title": "Share",
    "baseline": 0,
    "target": 100,
    "actuals": {"2027-03-31": 22},
}
CHECKPOINT = [{"id": "q1", "title": "Q1 deal", "quarter": "Q1", "checkpoint": {"share": 20}}]


def judged_tile(as_of, locale="en", goal=JUDGED):
    view = View(as_of=as_of, settings=Settings(), fmt=Formats(locale), labels=Labels(locale))
    file = make_plan([goal], CHECKPOINT if goal is JUDGED else [], body="")
    return tiles(dashboard(compute(file, as_of, view.settings), view))[0]


def test_a_tile_sets_beside_its_status_the_expected_progress_it_was_judged_against_and_its_day():
    # on May 15 the path expects 33.1%; the status was judged on Mar 31, when 20% was expected
    assert "On track 22% · expected 20% on Mar 31" in judged_tile(AS_OF)
    pt = judged_tile(AS_OF, "pt_BR")
    assert "No ritmo 22% · esperado 20% em 31/03" in pt and "33,1%" not in pt


def test_a_tile_measured_on_as_of_gives_the_expected_progress_without_a_date():
    tile = judged_tile(date(2027, 3, 31))
    assert "On track 22% · expected 20% at this pace" in tile and " on Mar" not in tile


def test_a_tiles_value_is_never_rounded_onto_its_target():
    goal = {**revenue_goal(baseline=3000000, target=4200000), "actuals": {"2027-12-31": 4150000}}
    tile = judged_tile(date(2028, 1, 5), "pt_BR", goal)
    assert tile.startswith("Revenue R$ 4,15 mi") and "Não atingida 95,8% da meta" in tile
    short = {**revenue_goal(baseline=3000000, target=4200000), "actuals": {"2027-12-31": 4199600}}
    assert "R$ 4,1996 mi" in judged_tile(date(2028, 1, 5), "pt_BR", short)
    assert "99,97% da meta" in judged_tile(date(2028, 1, 5), "pt_BR", short)
