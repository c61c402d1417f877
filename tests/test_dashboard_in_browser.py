"""The account page in a real Chromium, summary first: at 1280 and 390 px, light and dark, the
summary and this week's work come before the goals, the goal tiles form a grid that becomes one
column on a phone, nothing scrolls sideways, text is at least 12 px, no emoji, no serious or
critical axe-core violation."""

import re

import pytest

from .test_look_in_browser import COMPONENT_TEXT, EMOJI, SMALLEST_TEXT
from .test_site_in_browser import ARTIFACTS, axe_violations, open_page

pytestmark = pytest.mark.browser

LAYOUT = """() => {
  const top = (sel) => document.querySelector(sel).getBoundingClientRect().top + window.scrollY;
  const tiles = Array.from(document.querySelectorAll('.ks-goal-tile')).map(t => t.getBoundingClientRect());
  return {
    order: ['.ks-health', '.ks-goal-tiles', '.ks-next-milestone', '#week', '#goals']
      .map(top),
    tiles: tiles.map(r => [Math.round(r.left), Math.round(r.top), Math.round(r.right)]),
    width: window.innerWidth,
  };
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_account_page_reads_summary_first_on_a_phone_and_a_desktop(browser, site_url, width, scheme):
    tab = open_page(browser, site_url, "accounts/atlas/", width, scheme=scheme)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"dashboard-summary-{width}-{scheme}.png"))
    layout = tab.evaluate(LAYOUT)
    assert layout["order"] == sorted(layout["order"])  # health, tiles, milestone, week, goals
    first, second = layout["tiles"][:2]
    if width == 1280:
        assert first[1] == second[1] and first[2] < second[0]  # side by side
    else:
        assert second[1] > first[1] and first[0] == second[0]  # one column on a phone
    assert all(right <= layout["width"] for _, _, right in layout["tiles"])
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    size, where = tab.evaluate(SMALLEST_TEXT)
    assert size >= 12, f"{size}px text: {where}"
    assert re.findall(EMOJI, tab.evaluate(COMPONENT_TEXT)) == []
    assert axe_violations(tab) == []
    tab.context.close()
