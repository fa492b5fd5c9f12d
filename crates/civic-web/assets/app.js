// Civic Space enhancements. Every page works without this file; it only
// makes some things smoother. No framework, no inline script (CSP).
(function () {
  "use strict";
  // On a narrow screen the header's links fold behind a menu button (the
  // stylesheet folds them only when this class says the button works).
  document.documentElement.classList.add("js");
  var menuButton = document.querySelector(".menu-button");
  var menu = document.getElementById("site-menu");
  // The admin navigation's menus: one open at a time; Escape or a click
  // elsewhere closes the open one (Escape returns focus to its summary).
  var menus = document.querySelectorAll("details[data-admin-nav]");
  function closeMenus(except) {
    for (var i = 0; i < menus.length; i++) if (menus[i] !== except) menus[i].open = false;
  }
  for (var m = 0; m < menus.length; m++) {
    menus[m].addEventListener("toggle", function (e) { if (e.target.open) closeMenus(e.target); });
  }
  if (menus.length) {
    document.addEventListener("keydown", function (e) {
      var open = document.querySelector("details[data-admin-nav][open]");
      if (e.key === "Escape" && open) { open.open = false; open.querySelector("summary").focus(); }
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest || !e.target.closest("details[data-admin-nav]")) closeMenus(null);
    });
  }
  if (menuButton && menu) {
    menuButton.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
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
  // While a title is typed, ask the server which ideas of the space look
  // alike and show its list (the same fragment the form's own button shows).
  var title = document.querySelector("[data-similar-from]");
  var region = document.getElementById("similar-ideas");
  if (title && region && window.fetch) {
    var timer = null;
    var asked = "";
    title.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = title.value.trim();
        if (text.length < 3 || text === asked) return;
        asked = text;
        fetch(title.getAttribute("data-similar-from") + "?title=" + encodeURIComponent(text), {
          credentials: "same-origin"
        })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (html !== null && asked === text) region.innerHTML = html;
          })
          .catch(function () {});
      }, 400);
    });
  }
})();
