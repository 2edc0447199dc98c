/* Theme script on demand. Material's bundle (about 35 KB gzipped, the page's longest task) is only
   needed once the reader does something: scrolls, points, taps, types or tabs. Until then the page
   is complete without it (navigation, drawer and footnotes are plain HTML and CSS). This script
   does at once the three things of the bundle that change the first view, then loads the bundle on
   the first interaction:
   - the "js" class on <html>, which shows the search field (Material hides it under "no-js");
   - the colour scheme the system asks for (unless the reader chose one: the theme's inline script
     in <head> applies that), and the toggle that matches it (Material's own choice, below);
   - the sidebars' height, with the active menu entry scrolled into the middle.
   Loaded by docs/overrides/main.html in place of the bundle's script tag (data-theme-src). */
(function () {
  var loader = document.currentScript;
  var bundle = loader && loader.getAttribute("data-theme-src");
  if (!bundle) return;
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  /* The toggle next to the current scheme, chosen as Material's palette component does. */
  var inputs = Array.prototype.slice.call(
    document.querySelectorAll("[data-md-component=palette] input"));
  var stored = window.__md_get ? window.__md_get("__palette") : null;
  var current = stored ? stored.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute("data-md-color-media")).matches;
  });
  current = Math.max(0, Math.min(current, inputs.length - 1));
  if (inputs[current] && !stored) {
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key,
        inputs[current].getAttribute("data-md-color-" + key));
    });
  }
  if (inputs[current] && inputs[current].nextElementSibling instanceof HTMLElement) {
    inputs[current].nextElementSibling.hidden = false;
  }

  /* Each sidebar as high as Material makes it (the part of the page between header and footer
     that the window shows, less the space above the content and the sidebar's padding), its
     active menu entry in the middle; measured once the whole stylesheet is there (the inlined
     part styles only the first screen). */
  function placeSidebars() {
    var main = document.querySelector("[data-md-component=main]");
    var header = document.querySelector("[data-md-component=header]");
    if (!main || !header) return;
    var box = main.getBoundingClientRect();
    var shown = Math.max(0, innerHeight - Math.max(0, box.top, header.offsetHeight)
      - Math.max(0, innerHeight - box.bottom));
    document.querySelectorAll("[data-md-component=sidebar]").forEach(function (sidebar) {
      var wide = sidebar.getAttribute("data-md-type") === "navigation" ? "76.25em" : "60em";
      var wrap = sidebar.querySelector(".md-sidebar__scrollwrap");
      if (!wrap || !matchMedia("(min-width: " + wide + ")").matches) return;
      var grid = sidebar.closest(".md-grid");
      var gap = grid ? grid.offsetTop - grid.parentElement.offsetTop : 0;
      wrap.style.height = shown - gap - 2 * wrap.offsetTop + "px";
      sidebar.querySelectorAll(".md-nav__link--active[href]").forEach(function (link) {
        if (link.clientHeight) {
          wrap.scrollTop = link.offsetTop - wrap.offsetTop - wrap.offsetHeight / 2;
        }
      });
    });
  }
  if (document.readyState === "complete") placeSidebars();
  else window.addEventListener("load", placeSidebars, { once: true });

  /* "scroll" only of the page (the sidebar's scroll above is not the reader's). */
  var triggers = ["pointerdown", "pointermove", "touchstart", "keydown", "focusin", "wheel"];
  var firstKey = null;
  function load(event) {
    triggers.forEach(function (type) { window.removeEventListener(type, load, true); });
    window.removeEventListener("scroll", load);
    if (event.type === "keydown" && !openSearchFor(event)) firstKey = event;
    var script = document.createElement("script");
    script.src = bundle;
    script.onload = started;
    document.body.appendChild(script);
  }
  /* Material's search keys (f, s, /) open the search field at once, so what the reader types next
     lands in it; any other first key is handed to Material once it runs. */
  function openSearchFor(event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    var modified = event.ctrlKey || event.metaKey || event.altKey;
    var input = document.querySelector("[data-md-component=search-query]");
    var toggle = document.getElementById("__search");
    if (typing || modified || ["f", "s", "/"].indexOf(event.key) < 0 || !input || !toggle) return false;
    event.preventDefault();
    toggle.checked = true;
    input.focus();
    return true;
  }
  /* Material starts on DOMContentLoaded; after that event has passed, it is sent once more. A
     scheme the reader chose before the bundle was there is handed over as Material's own change. */
  function started() {
    if (document.readyState !== "loading") {
      document.dispatchEvent(new Event("DOMContentLoaded"));
    }
    if (firstKey) {
      window.dispatchEvent(new KeyboardEvent("keydown", {
        key: firstKey.key, code: firstKey.code, shiftKey: firstKey.shiftKey, bubbles: true
      }));
    }
    var chosen = inputs.filter(function (input) { return input.checked; })[0];
    if (chosen && inputs.indexOf(chosen) !== current) {
      chosen.dispatchEvent(new Event("change"));
    }
  }
  triggers.forEach(function (type) {
    window.addEventListener(type, load, { capture: true, passive: type !== "keydown" });
  });
  window.addEventListener("scroll", load, { passive: true });
})();
