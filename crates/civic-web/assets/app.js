// Civic Space enhancements. Every page works without this file; it only
// makes some things smoother. No framework, no inline script (CSP).
(function () {
  "use strict";
  // An error summary takes focus on load, so keyboard and screen reader
  // users hear what went wrong first (the server also puts it first).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  // Links inside an error summary move focus to the field, not just scroll.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
    }
  });
})();
