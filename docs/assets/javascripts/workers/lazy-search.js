/* Stand-in for Material's search worker (see overrides/partials/lazy-search.html). Material sends
   its first message once the search index has arrived; only then is the real worker, named in
   ?worker=, loaded here and handed that message. */
addEventListener("message", function startSearch(event) {
  removeEventListener("message", startSearch);
  var worker = new URL(location.href).searchParams.get("worker");
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("Unbekannter Such-Worker: " + worker);
  importScripts(worker);
  dispatchEvent(new MessageEvent("message", { data: event.data }));
});
