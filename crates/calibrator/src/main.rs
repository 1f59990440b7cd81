//! The calibration panel (issue 17): a usage log read and fitted in a worker,
//! the fit shown beside the scenario's values, and accepted into the
//! scenario or discarded. The page loads this module only when "Calibrate
//! from a usage log" is first clicked (`public/boot.js`), so none of it
//! (the log readers, the fit, this panel) weighs on the first load. It
//! hands an accepted scenario to the page as a share link in the address's
//! fragment, which the page already opens (nothing else of the page is
//! touched). Plain DOM rather than a second Leptos runtime: a form, a
//! progress bar and a report.

// Natively only its tests use it (the worker is WASM).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod html;
#[cfg(target_arch = "wasm32")]
mod panel;
#[cfg(target_arch = "wasm32")]
mod read;

fn main() {}
