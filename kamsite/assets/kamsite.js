/* kamsite: renders the chart placeholders of a page with Plotly, loaded only when a page
   has charts; re-renders after Material's instant navigation and on palette changes. */
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
    }).then(function () { el.classList.add("ks-rendered"); });
  }

  function render() {
    var charts = document.querySelectorAll(".ks-chart");
    if (!charts.length) return;
    loadPlotly().then(function () {
      charts.forEach(function (el) { draw(el); });
    }).catch(function () {
      charts.forEach(function (el) { el.classList.add("ks-failed"); });
    });
  }

  new MutationObserver(function () {
    if (!window.Plotly) return;
    document.querySelectorAll(".ks-chart.ks-rendered").forEach(function (el) { draw(el); });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(render);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
