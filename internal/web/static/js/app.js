// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen readers announce it first.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    // A summary link takes the person to the field itself, not just near it.
    summary.querySelectorAll("a[href^='#']").forEach(function (a) {
      a.addEventListener("click", function (e) {
        var target = document.getElementById(a.getAttribute("href").slice(1));
        var input = target && target.querySelector("input:not([type=hidden]), select, textarea");
        if (input) {
          e.preventDefault();
          target.scrollIntoView();
          input.focus();
        }
      });
    });
  }

  // Open the representative section when "for someone else" is chosen.
  var details = document.querySelector("details.rep-details");
  document.querySelectorAll('input[name="for_other"]').forEach(function (r) {
    r.addEventListener("change", function () {
      if (details) { details.open = r.value === "other" && r.checked; }
    });
  });

  // Prevent a second submit while the first is on its way (slow networks);
  // the server is idempotent anyway, this only saves the citizen a wait.
  document.querySelectorAll("form[method=post]").forEach(function (f) {
    f.addEventListener("submit", function () {
      var b = f.querySelector("button[type=submit]");
      if (b) { setTimeout(function () { b.disabled = true; }, 0); }
    });
  });
})();
