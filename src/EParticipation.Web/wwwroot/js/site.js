// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Visual settings: a change applies at once on this page and is saved in the background, so
  // moving through a radio group with the arrow keys neither reloads the page nor closes the panel
  // nor loses focus (WCAG 3.2.2). Without script, the form's button posts it.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var status = form.querySelector("[data-save-status]");
    form.addEventListener("change", function () {
      var data = new FormData(form);
      var root = document.documentElement;
      ["text-large", "text-larger"].forEach(function (c) { root.classList.remove(c); });
      var size = data.get("textSize");
      if (size && size !== "normal") {
        root.classList.add("text-" + size);
      }
      root.classList.toggle("high-contrast", data.get("contrast") === "high");
      fetch(form.action, { method: "POST", body: data, headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) {
          if (status) {
            status.textContent = response.ok ? status.getAttribute("data-saved") : status.getAttribute("data-failed");
          }
        })
        .catch(function () {
          if (status) {
            status.textContent = status.getAttribute("data-failed");
          }
        });
    });
  });

  // Confirm destructive actions (buttons with data-confirm="message").
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });

  // Fields that only apply to one choice (data-show-when="Name=Value"): hidden otherwise. Without
  // script they simply stay visible, with a hint saying when they apply.
  document.querySelectorAll("[data-show-when]").forEach(function (block) {
    var rule = block.getAttribute("data-show-when").split("=");
    var inputs = document.querySelectorAll('input[name="' + rule[0] + '"]');
    function update() {
      var chosen = document.querySelector('input[name="' + rule[0] + '"]:checked');
      block.hidden = !chosen || chosen.value !== rule[1];
    }
    inputs.forEach(function (input) { input.addEventListener("change", update); });
    update();
  });

  // Beside each date field, the chosen day in the Umm al-Qura calendar (and the time in 24 hours,
  // Saudi time), written as the server writes it; the browser's own picker may show AM/PM.
  document.querySelectorAll(".ep-hijri[data-hijri-months]").forEach(function (line) {
    var input = document.getElementById(line.id.replace(/-hijri$/, ""));
    if (!input || typeof Intl === "undefined") {
      return;
    }
    var months = line.getAttribute("data-hijri-months").split("|");
    var arabic = document.documentElement.lang === "ar";
    var format;
    try {
      format = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" });
    } catch (e) {
      return;
    }
    function update() {
      var match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(input.value);
      if (!match) {
        line.textContent = "";
        return;
      }
      var parts = {};
      format.formatToParts(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], 12))).forEach(function (p) { parts[p.type] = p.value; });
      var text = parseInt(parts.day, 10) + " " + months[parseInt(parts.month, 10) - 1] + " " + parseInt(parts.year, 10) + " " + line.getAttribute("data-hijri-suffix");
      if (match[4]) {
        text += (arabic ? "، " : ", ") + match[4] + ":" + match[5] + " " + line.getAttribute("data-saudi-time");
      }
      line.textContent = text;
    }
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  });

  // Move focus to the error summary after a failed post, so screen readers announce it.
  var summary = document.querySelector(".ep-error-summary");
  if (summary) {
    summary.focus();
  }
})();
