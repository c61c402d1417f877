"""A real Chromium (Playwright driving Debian's /usr/bin/chromium) on the built example site."""

import datetime as dt
import os

import pytest

from .conftest import copy_project, mkdocs_build, serve, write_project

pytestmark = pytest.mark.browser


# charts are drawn as they come near the screen: bring the next undrawn one into view until enough are
DRAWN = (
    "(count) => { const todo = [...document.querySelectorAll('.ks-chart')]"
    ".find(el => !el.classList.contains('ks-rendered')); if (todo) todo.scrollIntoView();"
    " return document.querySelectorAll('.ks-chart.ks-rendered').length >= count; }"
)


def rendered(page, count):
    """Wait until `count` charts are drawn, scrolling each into view in turn."""
    page.wait_for_function(DRAWN, arg=count, timeout=15000)
    return page.evaluate("document.querySelectorAll('.ks-chart').length")


def test_charts_are_drawn_when_they_come_near_the_screen(page, site_url):
    page.goto(site_url + "accounts/atlas/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    total = page.evaluate("document.querySelectorAll('.ks-chart').length")
    # the page opens on its summary: the charts further down wait until the reader scrolls to them
    assert page.evaluate("document.querySelectorAll('.ks-chart.ks-rendered').length") == 0 < total
    page.evaluate("document.querySelector('#goals').scrollIntoView()")
    page.wait_for_function("document.querySelectorAll('.ks-chart.ks-rendered').length >= 1", timeout=15000)
    assert rendered(page, total) == total


def test_an_account_page_renders_every_chart_offline(page, site_url):
    page.goto(site_url + "accounts/atlas/")
    assert rendered(page, 6) == 6  # two per goal
    assert page.errors == [] and page.outside == []


def test_charts_render_after_instant_navigation_and_follow_the_palette(page, site_url):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.click(".ks-accounts a[href$='accounts/boreal/']")  # instant navigation makes hrefs absolute
    page.wait_for_url("**/accounts/boreal/")
    page.wait_for_function("document.querySelector('article h1').textContent.includes('Boreal')")
    assert rendered(page, 2) == 2
    font = "document.querySelector('.ks-chart')._fullLayout.font.color"
    light = page.evaluate(font)
    page.click("label.md-header__button[for^='__palette']:visible")
    page.wait_for_function(f"{font} !== {light!r}", timeout=5000)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize("path", ["", "people/rui/"])
def test_the_portfolio_and_a_persons_page_draw_their_bar_charts_without_plotly(page, site_url, path):
    """Their charts are in the first screen: HTML bars drawn by the build, so a phone does not
    load and run plotly.js before the page answers (Lighthouse's total blocking time)."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.evaluate("document.querySelectorAll('.ks-bars .ks-bars-bar').length") >= 2
    assert page.evaluate("document.querySelectorAll('.ks-chart').length") == 0
    assert not any("plotly" in url for url in requested)
    assert page.evaluate("typeof window.Plotly") == "undefined"
    assert page.errors == [] and page.outside == []


def test_a_page_without_charts_does_not_load_plotly(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "format/")
    page.wait_for_load_state("networkidle")
    assert not any("plotly" in url for url in requested)
    assert any("kamsite.js" in url for url in requested)


TODAY_PLAN = """---
account: Clock Test
owner: ana
team: {{ana: Ana Souza}}
period: {{start: {start}, end: {end}}}
---
- [ ] omega due:{m1}
- [ ] alpha due:{p1}
- [ ] beta due:{p2}
- [ ] gamma due:{p5}
- [ ] delta due:{p8}
"""


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    """A site built 'as of today' (not pinned), with tasks due around today."""
    project = tmp_path_factory.mktemp("live")
    today = dt.date.today()
    days = {
        f"{'m' if n < 0 else 'p'}{abs(n)}": (today + dt.timedelta(days=n)).isoformat()
        for n in (-1, 1, 2, 5, 8)
    }
    clock = TODAY_PLAN.format(
        start=(today - dt.timedelta(days=30)).isoformat(),
        end=(today + dt.timedelta(days=300)).isoformat(),
        **days,
    )
    config = (
        "site_name: Live\ntheme: {name: material, font: false, language: en,"
        " features: [navigation.instant]}\nplugins: [search, kamsite]\n"
    )
    write_project(project, {"clock": clock}, config)
    old = os.environ.pop("KAMSITE_AS_OF", None)
    with serve(project / "site") as url:
        try:
            mkdocs_build(project, strict=True, site_url=url)
        finally:
            if old is not None:
                os.environ["KAMSITE_AS_OF"] = old
        yield url, today


def groups(page):
    return page.evaluate("""() => Object.fromEntries(['overdue', 'today', 'next', 'later'].map(g =>
        [g, Array.from(document.querySelectorAll(`ul[data-group=${g}] .ks-item > a:nth-of-type(1)`))
             .map(a => a.textContent)]))""")


def test_today_regroups_against_the_viewers_date(browser, live_site):
    url, built = live_site
    page = browser.new_page()
    viewed = built + dt.timedelta(days=2)
    page.clock.set_fixed_time(dt.datetime(viewed.year, viewed.month, viewed.day, 12, 0))
    page.goto(url + "today/")
    page.wait_for_function("document.querySelector('.ks-viewed').textContent !== ''")
    assert groups(page) == {
        "overdue": ["omega", "alpha"],
        "today": ["beta"],
        "next": ["gamma", "delta"],
        "later": [],
    }
    dates = page.inner_text(".ks-dates")
    assert dates.startswith("built " + f"{built:%b} {built.day}, {built.year}")
    assert f"viewed {viewed:%b} {viewed.day}, {viewed.year}" in dates
    page.close()


def test_today_as_built_when_viewed_the_same_day(browser, live_site):
    url, built = live_site
    page = browser.new_page()
    page.clock.set_fixed_time(dt.datetime(built.year, built.month, built.day, 9, 0))
    page.goto(url + "today/")
    page.wait_for_function("document.querySelector('.ks-viewed').textContent !== ''")
    assert groups(page) == {
        "overdue": ["omega"],
        "today": [],
        "next": ["alpha", "beta", "gamma"],
        "later": ["delta"],
    }
    assert page.is_hidden("div[data-group=later]")
    page.close()


def test_a_pinned_today_page_is_not_regrouped_and_filters_by_owner(page, site_url):
    page.clock.set_fixed_time("2030-01-01T12:00:00")
    page.goto(site_url + "today/")
    assert page.inner_text(".ks-dates") == "em 15/05/2027 (data fixa definida na configuração)"
    lia = page.locator(".ks-person[data-owner=lia]")
    assert lia.locator("ul[data-group=next] .ks-item").count() == 1  # May 18 (not regrouped on Jan 1, 2030)
    page.select_option(".ks-owner-filter", "rui")
    assert page.locator(".ks-person:visible").count() == 1
    assert page.get_attribute(".ks-person:visible", "data-owner") == "rui"
    page.goto(site_url + "today/?owner=eva")
    assert page.get_attribute(".ks-person:visible", "data-owner") == "eva"
    assert page.errors == [] and page.outside == []


HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    "\"'</title></textarea>{{7*7}} ${x} %s %{y}"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    import yaml

    d = dt.date.fromisoformat
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    front = {
        "account": HOSTILE,
        "id": "evil",
        "owner": "eve",
        "team": {"eve": HOSTILE + " Eve"},
        "period": {"start": d("2027-01-01"), "end": d("2027-12-31")},
        "currency": "BRL",
        "tags": [HOSTILE],
        "goals": [
            {
                "id": "g",
                "title": HOSTILE + " goal",
                "unit": HOSTILE,
                "baseline": 1,
                "target": 9,
                "actuals": {d("2027-03-31"): 2},
            }
        ],
        "milestones": [{"id": "m", "title": HOSTILE + " milestone", "quarter": "Q2", "checkpoint": {"g": 4}}],
        "actions": [{"id": "a", "title": HOSTILE + " action", "milestone": "m", "due": d("2027-05-16")}],
    }
    body = (
        f'## {HOSTILE} {{#a}}\n\n{HOSTILE} prose\n\n<div onclick="window.__pwned=3">raw</div>\n\n'
        f"- [ ] {HOSTILE} task @eve due:2027-05-15\n"
    )
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
    (project / "plans" / "evil.md").write_text(text, encoding="utf-8")
    with serve(mkdocs_build(project, strict=True)) as url:
        yield url


@pytest.mark.parametrize(
    "path", ["", "accounts/evil/", "accounts/evil/recent/", "today/", "people/", "people/eve/"]
)
def test_hostile_text_is_shown_literally_and_never_runs(browser, hostile_site, path):
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(hostile_site + path)
    page.wait_for_load_state("networkidle")
    charts = page.evaluate("document.querySelectorAll('.ks-chart').length")
    if charts:  # drawn as they come into view
        page.wait_for_function(DRAWN, arg=charts, timeout=15000)
        page.wait_for_function(f"document.querySelectorAll('.ks-chart .main-svg').length >= {charts}")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and errors == []
    assert page.evaluate(
        "document.querySelectorAll('img[src=x], script:not([src])').length"
    ) == page.evaluate("document.querySelectorAll('script:not([src])').length")  # only Material's own
    assert "<script>window.__pwned=1</script>" in page.inner_text("article")
    if path == "accounts/evil/":
        assert page.inner_text("h1") == HOSTILE
        assert HOSTILE in page.title()
        labels = page.evaluate(
            "Array.from(document.querySelectorAll('.ks-chart .annotation-text,"
            " .ks-chart .legendtext')).map(t => t.textContent)"
        )
        assert labels  # the charts rendered their text
    if path == "":
        names = page.evaluate("Array.from(document.querySelectorAll('.ks-bars-name'), t => t.textContent)")
        assert HOSTILE in names, names  # one chart row per account, its name written literally
    page.close()


def test_searching_hostile_text_runs_nothing(browser, hostile_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site)
    page.click("input.md-search__input")
    page.keyboard.type("goal")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.evaluate("window.__pwned") is None and dialogs == []
    page.close()


LATE = """() => Object.fromEntries(Array.from(document.querySelectorAll('.ks-item')).map(li =>
    [li.querySelector('a').textContent, (li.querySelector('.ks-late') || {}).textContent || '']))"""


@pytest.mark.parametrize(
    ("days", "late", "hidden"),
    [
        (0, {"omega": "1 day late", "alpha": ""}, ["today"]),
        (2, {"omega": "3 days late", "alpha": "1 day late", "beta": ""}, []),
    ],
)
def test_today_says_how_late_and_shows_no_empty_group(browser, live_site, days, late, hidden):
    url, built = live_site
    page = browser.new_page()
    viewed = built + dt.timedelta(days=days)
    page.clock.set_fixed_time(dt.datetime(viewed.year, viewed.month, viewed.day, 12, 0))
    page.goto(url + "today/")
    page.wait_for_function("document.querySelector('.ks-viewed').textContent !== ''")
    shown = page.evaluate(LATE)
    assert {k: shown[k] for k in late} == late
    visible = page.evaluate(
        "Array.from(document.querySelectorAll('.ks-group')).filter(g => !g.hidden).map(g => g.dataset.group)"
    )
    assert all(g not in visible for g in hidden + ["later"]) and visible
    page.close()


def test_a_person_page_flags_overdue_items_at_the_top(page, site_url):
    page.goto(site_url + "people/rui/")
    alert = page.locator(".ks-person-alert")
    assert alert.inner_text().startswith("3 itens atrasados")
    top = page.evaluate("document.querySelector('.ks-person-alert').getBoundingClientRect().top")
    assert top < page.evaluate("document.querySelector('#open').getBoundingClientRect().top")
