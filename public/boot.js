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
// An embed in a wiki's page tells the page its height whenever it changes,
// so the snippet's script (src/components/share.rs) fits the frame to it at
// any width; a page without the script keeps the snippet's own height.
if (/(^#|&)embed=1(&|$)/.test(location.hash) && self.parent !== self && self.ResizeObserver) {
  // The content's height: the body fills at least the frame (min-height),
  // so its children are measured, not it.
  var observer = new ResizeObserver(function () {
    var kids = document.body.children, bottom = 0;
    for (var i = 0; i < kids.length; i++) bottom = Math.max(bottom, kids[i].getBoundingClientRect().bottom);
    parent.postMessage({ burnrate: "height", height: bottom + scrollY }, "*");
  });
  new MutationObserver(function () {
    for (var i = 0; i < document.body.children.length; i++) observer.observe(document.body.children[i]);
  }).observe(document.body, { childList: true });
}
// The calibrator, the exports that run trials, sizing a commitment, the
// price-file import and the pickers' search (crates/on-demand) load on first use: their module and WASM
// are never part of the first load. `then` runs with the module; `say` shows
// its loading.
var loaded = null;
var loading = null;
function onDemand(then, say) {
  // One load however many clicks or keystrokes ask for it meanwhile (two
  // would instantiate the module twice); a failed one is tried again.
  if (!loading) {
    say("Loading…");
    loading = import(new URL("on-demand.js", document.baseURI).href).then(function (m) {
      return m.default().then(function () {
        loaded = m;
        return m;
      });
    });
    loading.then(null, function () {
      loading = null;
    });
  }
  loading.then(function (m) {
    say("");
    then(m);
  }, function () {
    say("could not load: try again");
  });
}
// "Find a model" and "Find an instance": a combobox whose listbox the module
// fills (crates/on-demand/src/picker.rs).
function isPicker(t) {
  return t.matches && t.matches("input[data-picker]");
}
document.addEventListener("input", function (e) {
  var t = e.target;
  if (!isPicker(t)) return;
  onDemand(function (m) {
    m.picker_input(t);
  }, function (s) {
    var status = document.getElementById(t.id + "-status");
    if (status && s) status.textContent = s === "Loading…" ? "Loading the search…" : "The search " + s;
  });
});
document.addEventListener("keydown", function (e) {
  if (loaded && isPicker(e.target) && loaded.picker_key(e.target, e.key)) e.preventDefault();
});
document.addEventListener("click", function (e) {
  var option = e.target.closest && e.target.closest(".picks [role=option]");
  if (option && loaded) loaded.picker_click(option);
});
document.addEventListener("click", function (e) {
  var t = e.target.closest && e.target.closest("#calibrate-open, #save-summary, #save-trials, #save-focus, [data-size-commitment]");
  if (!t) return;
  // While the module loads the button says so; if it cannot load, it says
  // that instead and a click tries again.
  var label = t.getAttribute("data-label") || t.textContent;
  t.setAttribute("data-label", label);
  onDemand(function (m) {
    if (t.id === "calibrate-open") m.open();
    else if (t.id) m.export_file(t.id);
    else m.size_commitment(t);
  }, function (s) {
    t.textContent = s === "Loading…" ? s : s ? label + " (" + s + ")" : label;
  });
});
document.addEventListener("change", function (e) {
  var t = e.target, bill = t.id === "compare-bill";
  if (t.id !== "import-prices" && !bill) return;
  // A bill's loading is said in the exports' own line (the page's
  // #export-status is the page's to write: crates/on-demand/src/exports.rs).
  var status = document.getElementById(bill ? "export-progress" : "import-prices-status");
  if (!status) {
    status = document.createElement("p");
    status.id = "export-progress";
    status.className = "hint";
    status.setAttribute("aria-live", "polite");
    document.getElementById("export-status").after(status);
  }
  onDemand(function (m) {
    if (bill) m.compare_bill(t); else m.import_prices(t);
  }, function (s) {
    status.textContent = s;
  });
});
