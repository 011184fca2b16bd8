/*
 * The evidence finder, enhanced. Without this script the finder is a plain GET form that works
 * on its own; with it, results update as filters change, the address follows (so it can be
 * bookmarked or shared), Back and Forward restore filters and results together, focus stays
 * where it was, and the new count is announced through the results heading's live region.
 *
 * It fetches the same address the form would load and swaps in the parts marked
 * data-finder-region; the form's own controls are never replaced, only their counts.
 */
(function () {
  "use strict";

  var finder = document.querySelector("[data-finder]");
  var form = document.getElementById("finder-form");
  if (!finder || !form) {
    return;
  }

  // On a phone the filters start folded away (by CSS, before the first paint, so nothing jumps),
  // and the results come first; the toggle says how many are applied and whether it is open.
  var panel = form.querySelector("[data-filters-panel]");
  var toggle = form.querySelector("[data-filters-toggle]");

  function setPanelOpen(open) {
    if (panel && toggle) {
      panel.classList.toggle("filters__panel--open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
  }

  if (toggle) {
    toggle.addEventListener("click", function () {
      setPanelOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
  }

  // "Show 12 results" at the foot of the open panel: fold it and take the reader to the results.
  form.addEventListener("click", function (event) {
    if (!event.target.closest("[data-show-results]")) {
      return;
    }
    event.preventDefault();
    setPanelOpen(false);
    var heading = document.getElementById("results-heading");
    if (heading) {
      heading.scrollIntoView();
      heading.focus({ preventScroll: true });
    }
  });

  // The rest updates the results in place; without these, the form simply loads a new page.
  if (!window.fetch || !window.DOMParser || !window.URLSearchParams || !history.pushState) {
    return;
  }
  document.documentElement.classList.add("js-finder");

  var controller = null;
  var textInputs = "input[type=search], input[type=text]";
  // A date as the server reads it (PublicationDateField): a year, a year and month, or a whole
  // date. Anything shorter is a date still being typed, so it does not reload the results.
  var COMPLETE_DATE = /^\s*(\d{4}(-\d{1,2}(-\d{1,2})?)?|\d{1,2}\/\d{1,2}\/\d{4})\s*$/;

  function formAddress() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(name, value.trim());
      }
    });
    var query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  function setBusy(busy) {
    var body = document.getElementById("results-body");
    if (body) {
      body.setAttribute("aria-busy", busy ? "true" : "false");
    }
  }

  function swapRegions(doc) {
    // The page's heading follows too: "What works briefs" while only briefs are shown.
    document.querySelectorAll("[data-finder-region], [data-finder-heading]").forEach(function (region) {
      var fresh = doc.getElementById(region.id);
      if (fresh) {
        region.innerHTML = fresh.innerHTML;
      }
    });
  }

  function updateCounts(doc) {
    finder.querySelectorAll("[data-facet-option]").forEach(function (option) {
      var fresh = doc.querySelector('[data-facet-option="' + option.getAttribute("data-facet-option") + '"]');
      if (!fresh) {
        return;
      }
      option.className = fresh.className;
      var count = option.querySelector("[data-facet-count]");
      var freshCount = fresh.querySelector("[data-facet-count]");
      if (count && freshCount) {
        count.innerHTML = freshCount.innerHTML;
      }
    });
    var sort = document.getElementById("finder-sort");
    var freshSort = doc.getElementById("finder-sort");
    if (sort && freshSort && sort.innerHTML !== freshSort.innerHTML && document.activeElement !== sort) {
      sort.innerHTML = freshSort.innerHTML;
    }
  }

  function updateFeedLinks(doc) {
    var feed = document.querySelector("link[data-finder-feed]");
    var freshFeed = doc.querySelector("link[data-finder-feed]");
    if (feed && freshFeed) {
      feed.href = freshFeed.href;
      feed.title = freshFeed.title;
    }
  }

  function announce(doc) {
    // The heading is an aria-live region: changing its text is what screen readers announce.
    var heading = document.getElementById("results-heading");
    var fresh = doc.getElementById("results-heading");
    if (heading && fresh) {
      heading.textContent = fresh.textContent;
    }
  }

  // Put the form's controls back to what an address says (for Back and Forward).
  function syncForm(address) {
    var params = new URL(address, window.location.href).searchParams;
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    form.querySelectorAll(textInputs).forEach(function (input) {
      input.value = params.get(input.name) || "";
    });
    var sort = document.getElementById("finder-sort");
    if (sort) {
      sort.value = params.get("sort") || "";
    }
  }

  function load(address, options) {
    options = options || {};
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    setBusy(true);
    fetch(address, {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        // One history entry per change that settled on a new address, none for a repeat.
        if (options.push && address !== window.location.href) {
          history.pushState({ finder: true }, "", address);
        }
        swapRegions(doc);
        updateCounts(doc);
        updateFeedLinks(doc);
        announce(doc);
        document.title = doc.title;
        setBusy(false);
        if (options.focusResults) {
          var heading = document.getElementById("results-heading");
          if (heading) {
            heading.focus();
          }
        }
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") {
          return;
        }
        // Anything unexpected (a page past the end, a network error): let the browser load it.
        window.location.assign(address);
      });
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    // A date applies once it is complete (or emptied) and the reader leaves the box; other text
    // boxes wait for Enter or the button; everything else applies at once.
    if (target.matches("[data-finder-date]")) {
      if (target.value.trim() !== "" && !COMPLETE_DATE.test(target.value)) {
        return;
      }
    } else if (target.matches(textInputs)) {
      return;
    }
    load(formAddress(), { push: true });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(formAddress(), { push: true });
  });

  // The sort box lives outside the form element (form="finder-form"), so listen for it separately.
  var sortBox = document.getElementById("finder-sort");
  if (sortBox && !form.contains(sortBox)) {
    sortBox.addEventListener("change", function () {
      load(formAddress(), { push: true });
    });
  }

  finder.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-finder-link]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    syncForm(link.href);
    load(link.href, { push: true, focusResults: true });
  });

  history.replaceState({ finder: true }, "", window.location.href);
  window.addEventListener("popstate", function (event) {
    if (!event.state || !event.state.finder) {
      return;
    }
    syncForm(window.location.href);
    load(window.location.href, { push: false });
  });
})();
