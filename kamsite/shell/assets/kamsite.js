/* kamsite: renders the chart placeholders of a page with Plotly when they scroll into view
   (loaded only when a page has such charts: the bar charts of the portfolio and of a person's
   page are plain HTML and need no script); re-renders after Material's instant navigation and
   on palette changes;
   keeps the Today page true on the day it is viewed. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/kamsite\.js(\?.*)?$/, "") : "";
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = base + "plotly.min.js";
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function colors() {
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    var fg = getComputedStyle(document.body).getPropertyValue("--md-default-fg-color").trim();
    return {
      font: fg || (dark ? "#e2e4e9" : "#1f1f1f"),
      grid: dark ? "rgba(255,255,255,0.16)" : "rgba(0,0,0,0.10)"
    };
  }

  function themed(layout) {
    var t = colors();
    var out = JSON.parse(JSON.stringify(layout || {}));
    out.font = Object.assign({}, out.font, { color: t.font });
    out.paper_bgcolor = "rgba(0,0,0,0)";
    out.plot_bgcolor = "rgba(0,0,0,0)";
    ["xaxis", "yaxis"].forEach(function (axis) {
      out[axis] = Object.assign({}, out[axis], { gridcolor: t.grid, zerolinecolor: t.grid });
    });
    return out;
  }

  function draw(el) {
    var fig = el.ksFigure || (el.ksFigure = JSON.parse(el.getAttribute("data-figure")));
    return window.Plotly.react(el, fig.data, themed(fig.layout), {
      displaylogo: false, responsive: true
    }).then(function () { keepStyles(); el.classList.add("ks-rendered"); });
  }

  /* Plotly adds its CSS rules to <style> elements in <head> once; Material's instant
     navigation removes them, and without them a chart's layers stack up over the page.
     Rules added with insertRule do not survive re-inserting the element, so they are
     written into it as text first. */
  var plotlyStyles = [];
  function keepStyles() {
    document.querySelectorAll('style[id^="plotly.js-style"]').forEach(function (s) {
      if (s.sheet) {
        s.textContent = Array.prototype.map.call(s.sheet.cssRules, function (r) { return r.cssText; }).join("\n");
      }
      if (plotlyStyles.indexOf(s) < 0) plotlyStyles.push(s);
    });
  }
  function restoreStyles() {
    plotlyStyles.forEach(function (s) { if (!s.isConnected) document.head.appendChild(s); });
  }

  /* Charts are drawn when they come near the screen (Plotly is loaded with the first one),
     and all at once before printing. */
  var watcher = null;
  function drawSoon(charts) {
    restoreStyles();
    loadPlotly().then(function () {
      charts.forEach(function (el) { if (!el.classList.contains("ks-rendered")) draw(el); });
    }).catch(function () {
      charts.forEach(function (el) { el.classList.add("ks-failed"); });
    });
  }

  function render() {
    var charts = document.querySelectorAll(".ks-chart");
    if (!charts.length) return;
    if (watcher) watcher.disconnect();
    /* a report is printed or saved as PDF right after it opens: its few charts are drawn at
       once (a print cannot wait for a chart drawn when printing starts) */
    var eager = document.querySelector(".ks-recent");
    if (eager || !("IntersectionObserver" in window)) return drawSoon(Array.prototype.slice.call(charts));
    watcher = new IntersectionObserver(function (entries) {
      var near = entries.filter(function (e) { return e.isIntersecting; }).map(function (e) { return e.target; });
      near.forEach(function (el) { watcher.unobserve(el); });
      if (near.length) drawSoon(near);
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (el) { watcher.observe(el); });
  }
  window.addEventListener("beforeprint", function () {
    drawSoon(Array.prototype.slice.call(document.querySelectorAll(".ks-chart")));
  });

  function isoDay(d) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function addDays(iso, days) {
    var d = new Date(iso + "T12:00:00");
    d.setDate(d.getDate() + days);
    return isoDay(d);
  }

  function showDate(iso, locale) {
    var options = locale === "en" ? { month: "short", day: "numeric", year: "numeric" }
      : { day: "2-digit", month: "2-digit", year: "numeric" };
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso + "T12:00:00"));
  }

  function daysBetween(from, to) {
    return Math.round((new Date(to + "T12:00:00") - new Date(from + "T12:00:00")) / 86400000);
  }

  /* "N days late" in the reader's plural form, or nothing when the item is not late. */
  function lateBy(root, item, days) {
    var late = item.querySelector(".ks-late");
    if (days <= 0) { if (late) late.remove(); return; }
    if (!late) {
      late = document.createElement("span");
      late.className = "ks-late";
      late.appendChild(document.createElement("span"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(late);
    }
    var form = new Intl.PluralRules(root.getAttribute("data-locale")).select(days);
    var template = root.getAttribute("data-late-" + form) || root.getAttribute("data-late-other");
    var words = late.lastChild.nodeType === 3 ? late.lastChild : late.appendChild(document.createTextNode(""));
    words.data = template.replace("{count}", days);
  }

  /* Today: regroup every item against the viewer's date, unless the build pinned as_of. */
  function regroup(root) {
    var today = isoDay(new Date());
    var days = parseInt(root.getAttribute("data-days"), 10);
    var viewed = root.querySelector(".ks-viewed");
    viewed.textContent = ", " + viewed.getAttribute("data-label") + " " +
      showDate(today, root.getAttribute("data-locale"));
    var horizon = addDays(today, days);
    root.querySelectorAll(".ks-person").forEach(function (person) {
      var items = Array.prototype.slice.call(person.querySelectorAll(".ks-item"));
      items.sort(function (a, b) {
        return a.getAttribute("data-due") < b.getAttribute("data-due") ? -1 : 1;
      });
      items.forEach(function (item) {
        var due = item.getAttribute("data-due");
        var group = due < today ? "overdue" : due === today ? "today" : due <= horizon ? "next" : "later";
        person.querySelector("ul[data-group='" + group + "']").appendChild(item);
        lateBy(root, item, daysBetween(due, today));
      });
      var shown = 0;
      person.querySelectorAll(".ks-group").forEach(function (box) {
        var count = box.querySelectorAll(".ks-item").length;
        box.querySelector(".ks-count").textContent = "(" + count + ")";
        box.hidden = count === 0 || box.getAttribute("data-group") === "later";  // no empty groups
        if (!box.hidden) shown += count;
      });
      person.querySelector(".ks-person-empty").hidden = shown > 0;
    });
  }

  function filterOwner(root, owner) {
    root.querySelectorAll(".ks-person").forEach(function (person) {
      person.hidden = owner !== "" && person.getAttribute("data-owner") !== owner;
    });
  }

  function today() {
    var root = document.querySelector(".ks-today");
    if (!root) return;
    if (root.getAttribute("data-pinned") !== "true") regroup(root);
    var select = root.querySelector(".ks-owner-filter");
    var wanted = new URLSearchParams(window.location.search).get("owner") || "";
    if (select.querySelector("option[value='" + CSS.escape(wanted) + "']")) select.value = wanted;
    filterOwner(root, select.value);
    select.addEventListener("change", function () { filterOwner(root, select.value); });
  }

  /* The quarterly review: print one quarter alone. */
  function printQuarter(event) {
    var button = event.target.closest(".ks-print-quarter");
    if (!button) return;
    var parts = document.querySelectorAll('[data-quarter="' + button.getAttribute("data-quarter") + '"]');
    parts.forEach(function (el) { el.classList.add("ks-print-target"); });
    document.body.classList.add("ks-printing");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      document.body.classList.remove("ks-printing");
      parts.forEach(function (el) { el.classList.remove("ks-print-target"); });
    });
    window.print();
  }
  document.addEventListener("click", printQuarter);

  /* Portfolio: the owner, tag and health selects hide the accounts they exclude, in the
     table and in the chart (its bars are HTML, drawn by the build: one row per account). */
  function matches(row, filters) {
    return filters.every(function (f) {
      if (!f.value) return true;
      var have = f.key === "tag" ? (row.getAttribute("data-tags") || "").split("\n")
        : [row.getAttribute("data-" + f.key)];
      return have.indexOf(f.value) >= 0;
    });
  }

  function applyFilters(root) {
    var filters = Array.prototype.map.call(root.querySelectorAll(".ks-filter"), function (select) {
      return { key: select.getAttribute("data-filter"), value: select.value };
    });
    var active = filters.some(function (f) { return f.value; });
    var shown = [];
    root.querySelectorAll(".ks-accounts tbody tr").forEach(function (row) {
      row.hidden = !matches(row, filters);
      if (!row.hidden && row.getAttribute("data-id")) shown.push(row.getAttribute("data-id"));
    });
    root.querySelector(".ks-filter-none").hidden = shown.length > 0 || !active;
    root.querySelectorAll(".ks-bars-row[data-id]").forEach(function (bar) {
      bar.hidden = active && shown.indexOf(bar.getAttribute("data-id")) < 0;
    });
  }

  /* A filter named in the address (?contact=overdue, as a tile links to) is set on load. */
  function setFilter(root, key, value) {
    var select = root.querySelector(".ks-filter[data-filter='" + CSS.escape(key) + "']");
    if (select && select.querySelector("option[value='" + CSS.escape(value) + "']")) select.value = value;
  }

  function portfolioFilters() {
    var root = document.querySelector(".ks-portfolio");
    if (!root) return;
    new URLSearchParams(window.location.search).forEach(function (value, key) { setFilter(root, key, value); });
    root.querySelectorAll(".ks-filter").forEach(function (select) {
      select.addEventListener("change", function () { applyFilters(root); });
    });
    /* a tile's link filters in place (no reload), and the address keeps the filter */
    root.querySelectorAll(".ks-tile-link").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        setFilter(root, a.getAttribute("data-filter-key"), a.getAttribute("data-filter-value"));
        applyFilters(root);
        window.history.replaceState(window.history.state, "", a.href);
        var table = document.getElementById("accounts");
        if (table) table.scrollIntoView();
      });
    });
    applyFilters(root);
  }

  function page() {
    portfolioFilters();
    render();
    today();
  }

  new MutationObserver(function () {
    if (!window.Plotly) return;
    document.querySelectorAll(".ks-chart.ks-rendered").forEach(function (el) { draw(el); });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(page);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", page);
  } else {
    page();
  }
})();
