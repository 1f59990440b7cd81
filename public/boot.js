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
// The calibrator and the exports that run trials (crates/on-demand) load on
// their first click: their module and WASM are never part of the first load.
document.addEventListener("click", function (e) {
  var t = e.target.closest && e.target.closest("#calibrate-open, #save-trials, #save-focus");
  if (!t) return;
  // While the module loads the button says so; if it cannot load, it says
  // that instead and a click tries again.
  var label = t.getAttribute("data-label") || t.textContent;
  t.setAttribute("data-label", label);
  t.textContent = "Loading…";
  import(new URL("on-demand.js", document.baseURI).href).then(function (m) {
    return m.default().then(function () {
      t.textContent = label;
      if (t.id === "calibrate-open") m.open(); else m.export_file(t.id);
    });
  }, function () {
    t.textContent = label + " (could not load: click to try again)";
  });
});
