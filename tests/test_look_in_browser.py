"""How kamsite's pages look in a real Chromium: the theme's table style, phones (390 px),
icons that need no font, text large enough to read."""

import pytest

from .test_site_in_browser import PAGES, open_page

pytestmark = pytest.mark.browser

# the computed style of a kamsite table next to a plain Markdown table Material styles itself
TABLE_STYLE = """() => {
  const plain = document.createElement('table');
  plain.innerHTML = '<thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td></tr></tbody>';
  document.querySelector('.md-content .md-typeset').appendChild(plain);
  const keys = ['borderTopColor', 'borderTopWidth', 'paddingTop', 'paddingBottom', 'fontSize'];
  const pick = (el) => keys.map(k => getComputedStyle(el)[k]);
  const ours = document.querySelector('.ks-table');
  const out = {
    td: [pick(plain.querySelector('td')), pick(ours.querySelector('td'))],
    table: [getComputedStyle(plain).borderTopColor, getComputedStyle(ours).borderTopColor,
            getComputedStyle(ours).borderTopWidth],
    th: [getComputedStyle(ours.querySelector('th')).textAlign,
         getComputedStyle(ours.querySelector('th')).fontWeight],
  };
  plain.remove();
  return out;
}"""

NUMBERS = """() => Array.from(document.querySelectorAll('.ks-table td.ks-num')).map(td => [
  td.textContent.trim(), getComputedStyle(td).textAlign, getComputedStyle(td).fontVariantNumeric])"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tables_wear_the_theme_table_style_with_numbers_right_aligned(browser, site_url, scheme):
    tab = open_page(browser, site_url, PAGES["dashboard"], scheme=scheme)
    style = tab.evaluate(TABLE_STYLE)
    plain, ours = style["td"]
    assert ours == plain  # row rule colour and width, padding, size: as Material's own tables
    assert style["table"][0] == style["table"][1] and style["table"][2] != "0px"  # a border
    assert style["th"] == ["left", "700"]
    numbers = tab.evaluate(NUMBERS)
    assert any(text.endswith("%") for text, _, _ in numbers)  # the actions' progress column
    assert {(align, variant) for _, align, variant in numbers} == {("right", "tabular-nums")}
    tab.context.close()
