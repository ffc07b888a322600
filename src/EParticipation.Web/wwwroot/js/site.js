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
    var clock = document.getElementById(line.id.replace(/-hijri$/, "_Time"));
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
      var value = input.value;
      if (clock) {
        var typed = /^\s*(\d{1,2})[:.]?(\d{2})\s*$/.exec(clock.value.replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); }));
        if (typed && +typed[1] < 24 && +typed[2] < 60) {
          value += "T" + ("0" + typed[1]).slice(-2) + ":" + typed[2];
        }
      }
      var match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
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
    [input, clock].forEach(function (field) {
      if (field) {
        field.addEventListener("input", update);
        field.addEventListener("change", update);
      }
    });
    update();
  });

  // The phone menu's button shows and hides the whole menu (Bootstrap's collapse classes, without
  // Bootstrap's script: this is all the portal used it for, and a phone no longer fetches 22 KiB for it).
  document.querySelectorAll(".navbar-toggler[aria-controls]").forEach(function (toggler) {
    var target = document.getElementById(toggler.getAttribute("aria-controls"));
    if (!target) {
      return;
    }
    toggler.addEventListener("click", function () {
      var open = toggler.getAttribute("aria-expanded") !== "true";
      toggler.setAttribute("aria-expanded", open ? "true" : "false");
      target.classList.toggle("show", open);
    });
  });

  // The main menu's groups: disclosure buttons (aria-expanded) over lists of links. One open at a
  // time; Escape closes and returns to the button; a click elsewhere or focus leaving the group
  // closes it. Arrow keys are not taken over: Tab moves through the links as anywhere else.
  var menuButtons = Array.prototype.slice.call(document.querySelectorAll(".ep-menu-button"));
  function closeMenu(button) {
    button.setAttribute("aria-expanded", "false");
  }
  menuButtons.forEach(function (button) {
    var menu = button.parentElement;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      menuButtons.forEach(closeMenu);
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        closeMenu(button);
        button.focus();
        event.preventDefault();
      }
    });
    menu.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !menu.contains(event.relatedTarget)) {
        closeMenu(button);
      }
    });
  });
  document.addEventListener("click", function (event) {
    menuButtons.forEach(function (button) {
      if (!button.parentElement.contains(event.target)) {
        closeMenu(button);
      }
    });
  });

  // Move focus to the error summary after a failed post, so screen readers announce it.
  var summary = document.querySelector(".ep-error-summary");
  if (summary) {
    summary.focus();
  }
})();
