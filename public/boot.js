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
// The usage-log calibrator (crates/calibrator) loads on its first click:
// its module and WASM are never part of the page's first load.
document.addEventListener("click", function (e) {
  if (!e.target.closest || !e.target.closest("#calibrate-open")) return;
  import(new URL("calibrator.js", document.baseURI).href).then(function (m) {
    return m.default().then(function () { m.open(); });
  });
});
