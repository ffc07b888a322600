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

  // Move focus to the error summary after a failed post, so screen readers announce it.
  var summary = document.querySelector(".ep-error-summary");
  if (summary) {
    summary.focus();
  }
})();
