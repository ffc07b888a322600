// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Visual settings: apply a change at once, then save it with the same form post the
  // no-script path uses.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () {
      form.requestSubmit();
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

  // Move focus to the error summary after a failed post, so screen readers announce it.
  var summary = document.querySelector(".ep-error-summary");
  if (summary) {
    summary.focus();
  }
})();
