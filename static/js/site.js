/* Small enhancements for every page; each page works without them.
   Error summary (the GOV.UK pattern): when a form comes back with problems, focus moves to the
   summary so it is read out first, and each of its links moves focus to the field it names and
   brings that field's label or legend into view, rather than only scrolling to it. Clicks are
   handled on the document, so summaries that scripts add later behave the same. */
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]), select, textarea";

  function captionFor(field, target) {
    var fieldset = (field || target).closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (legend) return legend;
    var label = field && field.id && document.querySelector('label[for="' + field.id + '"]');
    return label || target;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest('.error-summary a[href^="#"]');
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    var field = target.matches(FIELDS) ? target : target.querySelector(FIELDS);
    captionFor(field, target).scrollIntoView();
    (field || target).focus({ preventScroll: true });
  });

  // The phone menu: the button (shown by CSS only on narrow screens) opens and closes it.
  var menuToggle = document.querySelector("[data-menu-toggle]");
  var menu = menuToggle && document.getElementById(menuToggle.getAttribute("aria-controls"));
  if (menu) {
    menuToggle.addEventListener("click", function () {
      var open = menuToggle.getAttribute("aria-expanded") !== "true";
      menuToggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("site-header__menu--open", open);
    });
  }

  var summary = document.querySelector(".error-summary");
  if (summary && !document.querySelector("[autofocus]")) {
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
