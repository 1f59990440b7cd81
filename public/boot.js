// Runs before the app as a classic script, which loads even where the app's
// module and WASM cannot: a sandboxed iframe (an embed) has no origin of its
// own, so those are fetched with CORS, and a host that sends no CORS headers
// leaves the boot note up forever. Then it says what the host must send,
// instead of blaming the browser.
(function () {
  var boot = document.getElementById("boot");
  if (!boot || self.origin !== "null") return;
  function explain() {
    if (!document.getElementById("boot")) return;
    boot.textContent =
      "This embed could not load burnrate's files. In a sandboxed iframe the page has no origin of its own, " +
      "so the host serving burnrate must send the header Access-Control-Allow-Origin: * with its .js, .wasm " +
      "and .css files (most static hosts do; see the host's header settings).";
  }
  addEventListener("error", explain, true);
  addEventListener("unhandledrejection", explain);
  setTimeout(explain, 10000);
})();
// The calibrator, the exports that run trials and the price-file import
// (crates/on-demand) load on first use: their module and WASM are never part
// of the first load. `then` runs with the module; `say` shows its loading.
function onDemand(then, say) {
  say("Loading…");
  import(new URL("on-demand.js", document.baseURI).href).then(function (m) {
    return m.default().then(function () {
      say("");
      then(m);
    });
  }, function () {
    say("could not load: try again");
  });
}
document.addEventListener("click", function (e) {
  var t = e.target.closest && e.target.closest("#calibrate-open, #save-trials, #save-focus");
  if (!t) return;
  // While the module loads the button says so; if it cannot load, it says
  // that instead and a click tries again.
  var label = t.getAttribute("data-label") || t.textContent;
  t.setAttribute("data-label", label);
  onDemand(function (m) {
    if (t.id === "calibrate-open") m.open(); else m.export_file(t.id);
  }, function (s) {
    t.textContent = s === "Loading…" ? s : s ? label + " (" + s + ")" : label;
  });
});
document.addEventListener("change", function (e) {
  if (e.target.id !== "import-prices") return;
  var status = document.getElementById("import-prices-status");
  onDemand(function (m) {
    m.import_prices(e.target);
  }, function (s) {
    status.textContent = s;
  });
});
