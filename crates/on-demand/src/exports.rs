//! The exports that run trials, made in this module's worker rather than on
//! the page's main thread: the summary CSV (the page's summary, the same
//! trials run again: `results::summary_csv`), the per-trial CSV (each
//! simulated month's spend, `burnrate_model::results::per_trial`) and the FOCUS forecast (a row per
//! architecture, month and component, `results::focus`; the same bytes as
//! `burnrate simulate --focus`). Each runs the scenario being edited, with
//! progress and the outcome written under the Share and export buttons, and
//! is saved as a file.

use std::cell::RefCell;

use burnrate_model::engine::Scratch;
use burnrate_model::results::{focus, per_trial, summary_csv};
use burnrate_model::{Prepared, Scenario, migrate};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, Worker};

use crate::page::{self, by_id, document, scenario};

/// Trials between progress reports.
const STEP: u64 = 2_000;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// The exports' progress and outcome, in a line of their own under the
/// page's (`#export-status` belongs to the page, which rewrites it).
fn status(text: &str) {
    let line = by_id("export-progress").or_else(|| {
        let page = by_id("export-status")?;
        let line = document()?.create_element("p").ok()?;
        line.set_id("export-progress");
        let _ = line.set_attribute("class", "hint");
        let _ = line.set_attribute("aria-live", "polite");
        page.after_with_node_1(&line).ok()?;
        Some(line)
    });
    if let Some(line) = line {
        line.set_text_content(Some(text));
    }
}

/// The month after today's (`YYYY-MM`), for a scenario without a start month.
fn next_month() -> String {
    let now = js_sys::Date::new_0();
    let (year, month) = (now.get_full_year(), now.get_month() + 1);
    let (year, month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    format!("{year:04}-{month:02}")
}

/// Makes the export its button names (`save-summary`, `save-trials`,
/// `save-focus`) from
/// the scenario being edited, in a worker, and saves it.
#[wasm_bindgen]
pub fn export_file(button: String) {
    let kind = match button.as_str() {
        "save-focus" => "focus",
        "save-summary" => "summary",
        _ => "trials",
    };
    if page::busy(&WORKER) {
        return status("An export is being prepared already.");
    }
    let Some(text) = scenario() else {
        return status(
            "The scenario being edited could not be read (this browser keeps no storage for the page).",
        );
    };
    let start = migrate::scenario_from_str(&text)
        .ok()
        .and_then(|s| s.start_month)
        .unwrap_or_else(next_month);
    let fields = [
        ("kind", JsValue::from_str(kind)),
        ("scenario", JsValue::from_str(&text)),
        ("start", JsValue::from_str(&start)),
    ];
    if page::start_job(&WORKER, report, &fields) {
        status("Preparing the export…");
    } else {
        status("This browser could not start a worker for the export.");
    }
}

/// The worker's messages: progress, the file, or why there is none.
fn report(v: serde_json::Value) {
    let count =
        |key: &str| burnrate_model::calibrate::report::count(v[key].as_f64().unwrap_or(0.0));
    if v["progress"].is_number() {
        status(&format!(
            "Preparing the export: {} of {} simulated months…",
            count("progress"),
            count("trials")
        ));
    } else if let (Some(text), Some(name)) = (v["text"].as_str(), v["file"].as_str()) {
        page::end_job(&WORKER);
        save(name, text);
        status(v["saved"].as_str().unwrap_or_default());
    } else {
        page::end_job(&WORKER);
        status(&format!(
            "Not exported: {}",
            v["error"].as_str().unwrap_or("the worker stopped")
        ));
    }
}

/// Saves `text` as a CSV file named `name`.
fn save(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let (Ok(url), Some(doc)) = (web_sys::Url::create_object_url_with_blob(&blob), document())
    else {
        return;
    };
    if let Ok(a) = doc
        .create_element("a")
        .map(JsCast::unchecked_into::<web_sys::HtmlAnchorElement>)
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The worker's side: runs the scenario's trials for export `kind`
/// ("focus", with the rows' first month `start`, "summary" or "trials"), posting
/// progress, then `{"text", "file", "saved"}` or `{"error"}`.
#[wasm_bindgen]
pub fn run_export(kind: String, scenario: String, start: String) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = |v: serde_json::Value| {
        let _ = scope.post_message(&JsValue::from_str(&v.to_string()));
    };
    let progress = |done: u64, trials: u64| {
        if done.is_multiple_of(STEP) || done == trials {
            post(serde_json::json!({ "progress": done, "trials": trials }));
        }
    };
    let made = migrate::scenario_from_str(&scenario)
        .and_then(|s| Prepared::new(&s).map(|p| (s, p)))
        .map_err(|e| e.to_string())
        .and_then(|(s, p)| match kind.as_str() {
            "focus" => focus_csv(&s, &p, &start, progress),
            "summary" => summary(&s, &p, progress),
            _ => Ok(trials_csv(&s, &p, progress)),
        });
    post(match made {
        Ok((text, file, saved)) => {
            serde_json::json!({ "text": text, "file": file, "saved": saved })
        }
        Err(e) => serde_json::json!({ "error": e }),
    });
}

/// The FOCUS forecast: its text, file name and the sentence saying so.
fn focus_csv(
    s: &Scenario,
    p: &Prepared,
    start: &str,
    progress: impl Fn(u64, u64),
) -> Result<(String, String, String), String> {
    let trials = u64::from(s.trials);
    let mut f = focus::Forecast::new(p.architecture_count(), s.horizon_months.max(1) as usize);
    let (mut scratch, mut out) = (Scratch::default(), Vec::new());
    for t in 0..trials {
        p.month_costs(t, &mut scratch, &mut out);
        f.add(&out);
        progress(t + 1, trials);
    }
    let text = focus::csv(p, &f, start, focus::Version::V1_3)?;
    let rows = text.lines().count().saturating_sub(1);
    let dated = if s.start_month.is_none() {
        " (the scenario sets no start month: the month after today)"
    } else {
        ""
    };
    Ok((
        text,
        format!(
            "{}-focus-from-{start}.csv",
            burnrate_model::markup::file_stem(&s.name)
        ),
        format!("FOCUS forecast saved: {rows} rows, months from {start}{dated}."),
    ))
}

/// The summary CSV: the scenario's trials run as the page runs them (the
/// same numbers for any chunks), summarised, a row per architecture.
fn summary(
    s: &Scenario,
    p: &Prepared,
    progress: impl Fn(u64, u64),
) -> Result<(String, String, String), String> {
    let trials = u64::from(s.trials);
    let (mut acc, mut scratch) = (p.accumulator(), Scratch::default());
    let mut next = 0;
    while next < trials {
        let end = (next + STEP).min(trials);
        p.run_into(next..end, &mut acc, &mut scratch);
        next = end;
        progress(next, trials);
    }
    let summary = p.summarize(&acc).map_err(|e| e.to_string())?;
    Ok((
        summary_csv::csv(&summary),
        format!("{}-summary.csv", burnrate_model::markup::file_stem(&s.name)),
        format!(
            "Summary CSV saved: {} architectures, {trials} simulated months.",
            summary.architectures.len()
        ),
    ))
}

/// The per-trial CSV; its file name records the prices' date (its rows
/// carry none).
fn trials_csv(s: &Scenario, p: &Prepared, progress: impl Fn(u64, u64)) -> (String, String, String) {
    let trials = u64::from(s.trials);
    let mut text = per_trial::trials_header(p);
    let mut scratch = Scratch::default();
    let mut next = 0;
    while next < trials {
        let end = (next + STEP).min(trials);
        per_trial::trials_rows(p, next..end, &mut scratch, &mut text);
        next = end;
        progress(next, trials);
    }
    (
        text,
        format!(
            "{}-trials-prices-{}.csv",
            burnrate_model::markup::file_stem(&s.name),
            burnrate_model::catalog::Catalog::shipped().as_of
        ),
        format!("Per-trial CSV saved ({trials} months)."),
    )
}
