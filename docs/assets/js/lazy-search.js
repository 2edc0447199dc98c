/* Lazy search. Material fetches the search index and starts its search worker on every page view
   (about 40 KB gzipped). This script, which runs before Material's bundle, holds both back until
   the reader reaches for the search field: the index request waits, and the worker named in the
   page config is replaced by a stand-in that loads the real worker with its first message.
   Loaded by docs/overrides/partials/lazy-search.html (a file, not an inline script, so the
   Content-Security-Policy needs no hash for it). */
(function () {
  var start, wanted = new Promise(function (resolve) { start = resolve; });
  var config = document.getElementById("__config");
  var app = JSON.parse(config.textContent);
  var worker = app.search && app.search.match(/^(.*\/)(search\.[0-9a-f]+\.min\.js)$/);
  if (!worker) return;
  app.search = worker[1] + "lazy-search.js?worker=" + worker[2];
  config.textContent = JSON.stringify(app);

  ["focusin", "pointerover", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".md-search, label[for='__search']")) start();
    }, { passive: true });
  });

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kompassSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.kompassSearchIndex) return send.apply(request, args);
    wanted.then(function () { send.apply(request, args); });
  };
})();
