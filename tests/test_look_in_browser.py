"""How kamsite's pages look in a real Chromium: the theme's table style, phones (390 px),
icons that need no font, text large enough to read."""

import re

import pytest

from .test_site_in_browser import ARTIFACTS, PAGES, open_page

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


# words (split at spaces, hyphens and slashes) drawn on more than one line
SPLIT_WORDS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('svg, code, details:not([open]), [hidden], script, style')) continue;
    if (!el.getClientRects().length) continue;
    const re = /[^\\s\\-\\/\\u2013\\u2014]+/g;
    let m;
    while ((m = re.exec(node.data))) {
      if (m[0].length > 24) continue;  // a word longer than a phone's line may break
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) out.push(m[0]);
    }
  }
  return out;
}"""

OVERFLOWING_CELLS = """() => Array.from(document.querySelectorAll('.md-content td, .md-content th'))
  .filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent.trim().slice(0, 40))"""

SMALLEST_TEXT = """() => {
  let smallest = [100, ''];
  document.querySelectorAll('.md-content *').forEach(el => {
    if (!el.getClientRects().length || el.closest('details:not([open]), [hidden]')) return;
    const text = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('').trim();
    if (!text) return;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest[0]) smallest = [size, el.tagName + '.' + el.getAttribute('class') + ': ' + text.slice(0, 30)];
  });
  return smallest;
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_reads_on_a_phone_and_a_desktop(browser, site_url, name, width):
    tab = open_page(browser, site_url, PAGES[name], width)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert tab.evaluate(SPLIT_WORDS) == []
    assert tab.evaluate(OVERFLOWING_CELLS) == []
    size, where = tab.evaluate(SMALLEST_TEXT)
    assert size >= 12, f"{size}px text: {where}"
    tab.context.close()


# each account's name and the axis ticks of the portfolio chart, inside the chart's box
CHART_LABELS = """() => {
  const chart = document.querySelector('.ks-bars').getBoundingClientRect();
  const inside = (r) => r.left >= chart.left - 1 && r.right <= chart.right + 1 && r.width > 0;
  const names = Array.from(document.querySelectorAll('.ks-bars .ks-bars-name'));
  const ticks = Array.from(document.querySelectorAll('.ks-bars-axis span'));
  return {
    names: names.filter(t => inside(t.getBoundingClientRect())).map(t => t.textContent),
    ticks: ticks.filter(t => inside(t.getBoundingClientRect())).map(t => t.textContent),
  };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_portfolio_chart_keeps_its_labels_and_ticks_on_a_phone(browser, site_url, width):
    tab = open_page(browser, site_url, PAGES["portfolio"], width)
    shown = tab.evaluate(CHART_LABELS)
    assert sorted(shown["names"]) == ["Atlas Papéis S.A.", "Boreal Logística Ltda.", "Cedro Saúde"]
    assert {"0%", "100%"} <= set(shown["ticks"]) and len(shown["ticks"]) >= 3
    tab.context.close()


STACKED_CELL = """() => {
  const cell = document.querySelector('.ks-stack tbody tr td');
  const next = cell.nextElementSibling;
  const line = parseFloat(getComputedStyle(cell).lineHeight) || 20;
  cell.dataset.label = 'uma coluna de nome tão longo que ocupa várias linhas no telefone';
  cell.textContent = '1';
  const box = cell.getBoundingClientRect();
  return [box.height / line, next.getBoundingClientRect().top >= box.bottom - 0.5];
}"""


@pytest.mark.parametrize("path", [PAGES["portfolio"], "accounts/atlas/review/"])
def test_a_stacked_tables_long_column_name_makes_its_line_taller_on_a_phone(browser, site_url, path):
    tab = open_page(browser, site_url, path, 390)
    lines, below = tab.evaluate(STACKED_CELL)
    assert lines >= 3 and below  # the name wraps inside its own line; the next value starts below it
    tab.context.close()


def test_the_split_word_probe_sees_words_broken_inside(browser, site_url):
    """The phone test above would see a word broken mid-way (what `overflow-wrap: anywhere`
    did to table cells)."""
    tab = open_page(browser, site_url, PAGES["dashboard"], 390)
    assert tab.evaluate(SPLIT_WORDS) == []
    tab.add_style_tag(content=".md-content td, .md-content li { word-break: break-all }")
    assert len(tab.evaluate(SPLIT_WORDS)) > 5
    tab.context.close()


# emoji and the symbol blocks kamsite used as icons (→ in sentences is a plain arrow, allowed)
EMOJI = (
    r"[\u2190\u21b0-\u21bf\u2300-\u23ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001F000-\U0001FAFF]"
)
# the text of kamsite's components, but the links between periods (tested apart below)
COMPONENT_TEXT = """() => { const content = document.querySelector('.md-content').cloneNode(true);
  content.querySelectorAll('.ks-chain').forEach(el => el.remove());
  return Array.from(content.querySelectorAll('[class^="ks-"], [class*=" ks-"]'))
    .map(el => el.textContent).join('\\n'); }"""
CHAIN_TEXT = "() => Array.from(document.querySelectorAll('.ks-chain')).map(el => el.textContent).join('\\n')"


ICONS = """() => Array.from(document.querySelectorAll('.ks-icon')).map(el => {
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  return [el.className, style.maskImage || style.webkitMaskImage, style.backgroundColor, style.color,
          box.width > 8 && box.height > 8 || el.offsetParent === null];
})"""


@pytest.mark.parametrize("name", [n for n in PAGES if n != "docs"])
def test_no_emoji_in_kamsite_components_and_icons_are_drawn_shapes(browser, site_url, name):
    tab = open_page(browser, site_url, PAGES[name], 1280)
    found = re.findall(EMOJI, tab.evaluate(COMPONENT_TEXT))
    assert found == []
    icons = tab.evaluate(ICONS)
    if name != "people":  # the list of people has no statuses or dates
        assert icons
    for name_, mask, paint, colour, sized in icons:
        # each icon's shape comes from the style sheet and is painted in the text's colour
        assert mask.startswith('url("data:image/svg+xml,') and "path d=" in mask, name_
        assert paint == colour and sized, name_
    tab.context.close()


def test_the_links_between_periods_use_no_symbol_as_an_icon(browser, site_url):
    tab = open_page(browser, site_url, PAGES["dashboard"], 1280)
    chain = tab.evaluate(CHAIN_TEXT)
    tab.context.close()
    assert "anterior" in chain and re.findall(EMOJI, chain) == []


DATE_CHIPS = """() => ['.ks-chip-due:not(.ks-overdue)', '.ks-chip-done'].map(sel => {
  const chip = document.querySelector('.ks-body ' + sel);
  return [getComputedStyle(chip).color, getComputedStyle(chip).borderTopStyle,
          chip.querySelector('.ks-icon').getAttribute('class'), chip.querySelector('.ks-sr').textContent];
})"""


def test_due_and_done_dates_look_different_and_say_which_they_are(browser, site_url):
    tab = open_page(browser, site_url, PAGES["dashboard"], 1280)
    due, done = tab.evaluate(DATE_CHIPS)
    assert due[0] != done[0] and due[2] != done[2]  # colour and icon
    assert (due[3].strip(), done[3].strip()) == ("Prazo", "Feita em")
    tab.context.close()


VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('.ks-accounts tbody tr'))
  .filter(r => r.getClientRects().length).map(r => r.getAttribute('data-id'))"""
CHART_NAMES = """() => Array.from(document.querySelectorAll('.ks-bars-name'))
  .filter(t => t.getClientRects().length).map(t => t.textContent)"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_portfolio_lists_accounts_worst_first_and_filters_them_in_the_browser(browser, site_url, width):
    tab = open_page(browser, site_url, PAGES["portfolio"], width)
    assert tab.evaluate(VISIBLE_ROWS) == ["cedro", "atlas", "boreal"]  # off track, at risk, on track
    assert tab.evaluate(CHART_NAMES) == ["Cedro Saúde", "Atlas Papéis S.A.", "Boreal Logística Ltda."]
    tab.select_option("select[data-filter='owner']", "lia")
    assert tab.evaluate(VISIBLE_ROWS) == ["atlas"] and tab.evaluate(CHART_NAMES) == ["Atlas Papéis S.A."]
    tab.select_option("select[data-filter='owner']", "")
    tab.select_option("select[data-filter='tag']", "sul")
    assert tab.evaluate(VISIBLE_ROWS) == ["boreal"]
    tab.select_option("select[data-filter='health']", "off_track")
    assert tab.evaluate(VISIBLE_ROWS) == [] and tab.is_visible(".ks-filter-none")
    tab.select_option("select[data-filter='tag']", "")
    assert tab.evaluate(VISIBLE_ROWS) == ["cedro"] and not tab.is_visible(".ks-filter-none")
    assert tab.problems == []
    tab.context.close()


def test_the_portfolio_filters_work_after_instant_navigation(browser, site_url):
    tab = open_page(browser, site_url, PAGES["today"])
    tab.evaluate("window.__ksLoaded = 'first load'")
    tab.click(".md-nav a[href$='/']:has-text('Portfólio')")
    tab.wait_for_url(site_url)
    tab.wait_for_selector(".ks-bars-row[data-id='boreal']")
    tab.select_option("select[data-filter='health']", "on_track")
    assert tab.evaluate(VISIBLE_ROWS) == ["boreal"] and tab.evaluate(CHART_NAMES) == [
        "Boreal Logística Ltda."
    ]
    assert tab.evaluate("window.__ksLoaded") == "first load" and tab.problems == []
    tab.context.close()


# each shown row of a bar chart: its words, and each bar's share of the track's width (the
# example's axes run from 0 to 100% and from 0 to 5 items), with its colour
BAR_ROWS = """() => Array.from(document.querySelectorAll('.ks-bars-row'))
  .filter(r => r.getClientRects().length).map(r => {
    const track = r.querySelector('.ks-bars-track').getBoundingClientRect();
    return [r.querySelector('.ks-bars-label').textContent,
            Array.from(r.querySelectorAll('.ks-bars-bar')).filter(b => b.getClientRects().length).map(b => {
              const box = b.getBoundingClientRect();
              return [Math.round((box.left - track.left) / track.width * 1000) / 10,
                      Math.round(box.width / track.width * 1000) / 10, getComputedStyle(b).backgroundColor];
            })];
  })"""
RED, ORANGE, GREEN, BLUE = "rgb(198, 40, 40)", "rgb(230, 81, 0)", "rgb(46, 125, 50)", "rgb(21, 101, 192)"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_portfolio_chart_shows_each_accounts_values_and_a_filter_hides_its_bar(browser, site_url, width):
    tab = open_page(browser, site_url, PAGES["portfolio"], width)
    assert tab.evaluate(BAR_ROWS) == [
        ["Cedro Saúde 13% · esperado 37%", [[0, 12.5, RED]]],
        ["Atlas Papéis S.A. 30% · esperado 36%", [[0, 30, ORANGE]]],
        ["Boreal Logística Ltda. 13% · esperado 12%", [[0, 12.5, GREEN]]],
    ]
    tab.select_option("select[data-filter='health']", "at_risk")
    assert tab.evaluate(BAR_ROWS) == [["Atlas Papéis S.A. 30% · esperado 36%", [[0, 30, ORANGE]]]]
    assert tab.evaluate("document.querySelectorAll('.ks-bars-bar').length") == 3  # hidden, not removed
    tab.select_option("select[data-filter='health']", "")
    assert len(tab.evaluate(BAR_ROWS)) == 3
    assert tab.problems == []
    tab.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_persons_chart_shows_each_accounts_overdue_and_open_work(browser, site_url, width):
    tab = open_page(browser, site_url, PAGES["person"], width)
    assert tab.evaluate(BAR_ROWS) == [
        ["Atlas Papéis S.A. 3 atrasadas · 2 em aberto", [[0, 60, RED], [60, 40, BLUE]]],
        ["Boreal Logística Ltda. 0 atrasadas · 2 em aberto", [[0, 40, BLUE]]],
    ]
    assert tab.inner_text(".ks-bars-axis").split() == ["0", "1", "2", "3", "4", "5"]
    assert tab.problems == []
    tab.context.close()


def test_the_recent_report_prints_as_an_a4_document(browser, site_url, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    tab = open_page(browser, site_url, PAGES["recent"], 1280)
    tab.emulate_media(media="print")
    size, where = tab.evaluate(SMALLEST_TEXT)
    assert size >= 13.3, f"{size}px (under 10 pt) in print: {where}"  # 10 pt = 13.33 px
    assert tab.evaluate("""() => Array.from(document.querySelectorAll('.ks-table')).every(t =>
        t.getBoundingClientRect().right <= document.querySelector('.md-content').getBoundingClientRect().right + 1)""")
    pdf = tmp_path / "recent.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=True)
    reader = pypdf.PdfReader(str(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert 1 <= len(reader.pages) <= 2
    first = reader.pages[0].extract_text()
    assert "Atlas Papéis S.A.: trabalho recente" in first and "de 16/04/2027 a 15/05/2027" in first
    assert "+2 p.p." in text
    for navigation in ("Portfólio", "Pessoas", "Buscar", "Índice", "Dados do gráfico"):
        assert navigation not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # a fresh clone has no artifacts folder yet
    (ARTIFACTS / "recent-print.pdf").write_bytes(pdf.read_bytes())
    tab.context.close()


PRINT_BREAKS = """() => {
  const style = (el, key) => getComputedStyle(el)[key];
  const rows = [...document.querySelectorAll('.ks-table tbody tr')];
  const tables = [...document.querySelectorAll('.ks-table')].filter(t => t.getClientRects().length);
  return {
    kept: [...rows, ...document.querySelectorAll('.ks-figure, .ks-done li')].map(el => style(el, 'breakInside')),
    first: tables.map(t => style(t.tBodies[0].rows[0], 'breakAfter')),
    last: tables.map(t => style(t.tBodies[0].rows[t.tBodies[0].rows.length - 1], 'breakBefore')),
    frame: tables.map(t => style(t, 'borderLeftWidth') + ' ' + style(t, 'borderBottomWidth')),
    ruled: tables.map(t => style(t.querySelector('td'), 'borderBottomWidth') !== '0px'),
    header: tables.map(t => style(t.tHead, 'display')),
    charts: [...document.querySelectorAll('.ks-chart')].map(c => {
      const svg = c.querySelector('svg.main-svg'), box = svg && svg.getBoundingClientRect();
      return !!box && box.width > 0 && box.height > 0 && box.right <= c.getBoundingClientRect().right + 1;
    }),
  };
}"""


@pytest.mark.parametrize("account", ["atlas", "boreal", "cedro"])
def test_the_recent_report_prints_whole_rows_charts_and_pages(browser, site_url, tmp_path, account):
    """Printed right after it opens: each chart drawn whole; rows, figures and list items never
    cut; a table that runs over pages repeats its header, leaves no row alone at a page's foot
    or head, and is ruled row by row, so no frame is left open at a cut; no empty last page."""
    pypdf = pytest.importorskip("pypdf")
    tab = open_page(browser, site_url, f"accounts/{account}/recent/", 1280)
    tab.emulate_media(media="print")
    found = tab.evaluate(PRINT_BREAKS)
    assert found["charts"] and all(found["charts"]), found["charts"]
    assert found["kept"] and set(found["kept"]) == {"avoid"}
    assert found["first"] and set(found["first"]) == {"avoid"} and set(found["last"]) == {"avoid"}
    assert set(found["frame"]) == {"0px 0px"} and all(found["ruled"])
    assert set(found["header"]) == {"table-header-group"}
    pdf = tmp_path / "recent.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=True)
    pages = [page.extract_text().strip() for page in pypdf.PdfReader(str(pdf)).pages]
    assert all(pages), f"an empty printed page: {[len(p) for p in pages]}"
    tab.context.close()


PRINTED_FIGURES = """() => Array.from(document.querySelectorAll('.ks-figure')).map(f => {
  const chart = f.querySelector('.ks-chart'), data = f.querySelector('.ks-data');
  const shown = el => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
  return {drawn: shown(chart) && !!chart.querySelector('svg.main-svg'), table: shown(data),
          empty: shown(chart) && !chart.querySelector('svg.main-svg')};
})"""


def test_the_recent_report_printed_as_it_opens_shows_each_chart_or_its_numbers(browser, site_url):
    """Printed before Plotly has drawn anything, a chart gives way to its table; a moment later
    the report's charts are drawn (at once, not when scrolled to), and print as charts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.route("**/plotly.min.js", lambda route: None)  # Plotly never arrives: the worst case
    tab.goto(site_url + PAGES["recent"], wait_until="domcontentloaded")
    tab.emulate_media(media="print")
    figures = tab.evaluate(PRINTED_FIGURES)
    assert figures and all(f["table"] and not f["empty"] for f in figures), figures
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + PAGES["recent"])  # no scrolling: the charts below the fold too
    tab.wait_for_function(
        "() => document.querySelectorAll('.ks-chart:not(.ks-rendered)').length === 0", timeout=15000
    )
    tab.emulate_media(media="print")
    figures = tab.evaluate(PRINTED_FIGURES)
    assert figures and all(f["drawn"] and not f["table"] for f in figures), figures
    context.close()


DONE_TASK = """() => {
  const li = document.querySelector('.ks-body .ks-task-done');
  const text = Array.from(li.childNodes).find(n => n.nodeType === 3 && n.data.trim());
  return [getComputedStyle(li).textDecorationLine, text ? text.data.trim() : '',
          getComputedStyle(document.querySelector('.ks-body .ks-task:not(.ks-task-done)')).textDecorationLine];
}"""


def test_done_tasks_are_struck_through_and_open_ones_are_not(browser, site_url):
    tab = open_page(browser, site_url, PAGES["dashboard"], 1280)
    done, words, open_ = tab.evaluate(DONE_TASK)
    assert done == "line-through" and words  # the task's plain words sit right in the struck item
    assert open_ == "none"
    tab.context.close()
