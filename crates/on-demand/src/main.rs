//! What the page loads on demand, never at start (`public/boot.js` fetches
//! this module on the first click of its buttons, or a file picked for
//! import), so that none of it weighs on the first load:
//!
//! - the usage-log calibrator (issue 17): a log read and fitted in a worker
//!   (`calibrate_worker.rs`), the fit shown beside the scenario's values
//!   (`calibrate_report.rs`) in a panel with Accept and Discard
//!   (`calibrate_panel.rs`); an accepted scenario reaches the page as a share
//!   link in the address's fragment, which the page already opens;
//! - the exports that run trials (`exports.rs`): the per-trial CSV and the
//!   FOCUS forecast, made in a worker and saved;
//! - comparing a bill with the forecast (`compare_bill.rs`): a FOCUS CSV
//!   placed month by month in the scenario's forecast, run in a worker;
//! - sizing a commitment of provisioned capacity (`sizing.rs`): the
//!   options searched in a worker, drawn, and one written on a click;
//! - importing a price file in any of its three formats (`price_import.rs`);
//! - the search of the model and instance pickers (`picker.rs`), over the
//!   full price lists (`price_list.rs`), loaded on the first keystroke.
//!
//! Plain DOM rather than a second Leptos runtime: a form, a progress bar, a
//! report and a download.

// Natively only its tests use it (the worker is WASM).
#[cfg(target_arch = "wasm32")]
mod calibrate_panel;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod calibrate_report;
#[cfg(target_arch = "wasm32")]
mod calibrate_worker;
#[cfg(target_arch = "wasm32")]
mod compare_bill;
#[cfg(target_arch = "wasm32")]
mod exports;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod picker;
#[cfg(target_arch = "wasm32")]
mod price_import;
#[cfg(target_arch = "wasm32")]
mod price_list;
#[cfg(target_arch = "wasm32")]
mod sizing;

fn main() {}
