// The on-demand module's worker (crates/on-demand): a usage log read and
// fitted (calibrate_worker.rs: the file, the column mapping, the scenario
// being edited and the architecture that recorded the log), an export's
// trials run (exports.rs: the scenario, and the FOCUS rows' first month), or
// a bill compared with the forecast (compare_bill.rs: the scenario, the bill,
// the rows' filter), or a commitment sized (sizing.rs: the scenario, the
// architecture, offer and limits).
import init, { work, run_export, run_compare, run_sizing } from "../on-demand.js";
const ready = init();
self.onmessage = async (event) => {
  const d = event.data;
  try {
    await ready;
    if (d.kind === "calibrate") work(d.file, d.mapping, d.scenario, d.recordedBy);
    else if (d.kind === "compare") run_compare(d.scenario, d.bill, d.filter);
    else if (d.kind === "size") run_sizing(d.scenario, d.request);
    else run_export(d.kind, d.scenario, d.start);
  } catch (e) {
    // The page waits for an answer: a failure is one too.
    self.postMessage(JSON.stringify({ error: `the worker stopped (${e})` }));
  }
};
