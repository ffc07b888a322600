// Charts of the summary report: an enhancement only. Each chart is drawn from the table beside it
// (data-chart-table="id"), which is the source of truth and what screen readers use; the canvas is
// aria-hidden so the numbers are not read twice. No inline script or style (the content-security
// policy): Chart.js sizes the canvas through the DOM, which the policy allows.
//
// Chart.js (200 KB of script) is either on the page already, or, when this script's tag names it in
// data-chart-src, fetched only once a chart comes near the screen: the tables, which are the
// content, paint and answer first (issue 12: the report's Lighthouse time was Chart.js's).
(function () {
  "use strict";
  var me = document.currentScript;
  var source = me && me.getAttribute("data-chart-src");
  var boxes = document.querySelectorAll("[data-chart-table]");
  if (typeof window.Chart !== "undefined") {
    drawAll();
  } else if (source && boxes.length > 0) {
    var requested = false;
    var load = function () {
      if (requested) {
        return;
      }
      requested = true;
      var script = document.createElement("script");
      script.src = source;
      script.onload = drawAll;
      document.head.appendChild(script);
    };
    if ("IntersectionObserver" in window) {
      var watcher = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          watcher.disconnect();
          load();
        }
      }, { rootMargin: "300px 0px" });
      boxes.forEach(function (box) { watcher.observe(box); });
    } else {
      window.addEventListener("load", load);
    }
  }

  function drawAll() {
  if (typeof window.Chart === "undefined") {
    return;
  }
  var Chart = window.Chart;
  var root = document.documentElement;
  var rtl = root.dir === "rtl";
  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = window.getComputedStyle(document.body).color;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    Chart.defaults.animation = false;
  }

  boxes.forEach(function (box) {
    var table = document.getElementById(box.getAttribute("data-chart-table"));
    var canvas = box.querySelector("canvas");
    if (!table || !canvas) {
      return;
    }
    var labels = [];
    var values = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var head = row.querySelector("th");
      var cell = row.querySelector("td[data-value]");
      if (head && cell) {
        labels.push(head.textContent.trim());
        values.push(Number(cell.getAttribute("data-value")));
      }
    });
    // Colours come from the stylesheet, so the high-contrast setting changes the chart too.
    var style = window.getComputedStyle(box);
    var bar = style.getPropertyValue("--ep-chart-bar").trim() || "#006c35";
    var border = style.getPropertyValue("--ep-chart-border").trim() || "#004d26";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ label: box.getAttribute("data-chart-label") || "", data: values, backgroundColor: bar, borderColor: border, borderWidth: 1 }]
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        // Western digits on Arabic pages, as the rest of the portal writes them.
        locale: root.lang === "ar" ? "ar-SA-u-nu-latn" : "en-GB",
        plugins: {
          legend: { display: false },
          tooltip: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" }
        },
        scales: {
          // Right to left, bars grow from the right, where an Arabic reader starts.
          x: { beginAtZero: true, reverse: rtl, ticks: { precision: 0 } },
          y: { position: rtl ? "right" : "left", ticks: { autoSkip: false } }
        }
      }
    });
    box.setAttribute("data-chart-drawn", "true");
  });
  }
})();
