//! The panel on the page's main thread: a file picker and drop zone, the
//! column mapping for other shapes, the worker's progress (with Cancel), the
//! fit's report, and Accept or Discard. Nothing of the scenario changes
//! until Accept, which opens the fitted scenario's link in this page.

use std::cell::RefCell;

use burnrate_model::calibrate::{Field, Mapping};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{File, HtmlInputElement, Worker};

use crate::page::{self, by_id, scenario};

/// The mapping's fields with their labels.
const FIELDS: [(Field, &str); 10] = [
    (Field::Timestamp, "Request time"),
    (Field::InputTokens, "Input tokens"),
    (Field::OutputTokens, "Output tokens"),
    (
        Field::CachedTokens,
        "Cached input tokens (inside the input)",
    ),
    (
        Field::CacheReadTokens,
        "Cache-read tokens (beside the input)",
    ),
    (
        Field::CacheWriteTokens,
        "Cache-write tokens (beside the input)",
    ),
    (Field::Conversation, "Conversation or session id"),
    (Field::Run, "Agent run or trace id"),
    (Field::Model, "Model"),
    (Field::Status, "Status"),
];

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// The fitted scenario's link fragment, until accepted or discarded.
    static FITTED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The scenario the log was fitted to (Accept checks it is still the one).
    static FITTED_TO: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Says `text` and moves focus to it (the button that had it is hidden).
fn say_here(text: &str) {
    say(text);
    if let Some(e) =
        by_id("calibrator-message").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.focus();
    }
}

fn say(text: &str) {
    if let Some(e) = by_id("calibrator-message") {
        e.set_text_content(Some(text));
    }
}

fn shown(id: &str, show: bool) {
    if let Some(e) = by_id(id) {
        let _ = if show {
            e.remove_attribute("hidden")
        } else {
            e.set_attribute("hidden", "")
        };
    }
}

fn on(id: &str, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    if let Some(e) = by_id(id) {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        let _ = e.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        // The panel lives as long as the page.
        closure.forget();
    }
}

fn panel() -> String {
    let columns: String = FIELDS
        .iter()
        .map(|(f, label)| {
            format!(
                "<label>{label} <input type=\"text\" id=\"calibrator-col-{0}\" placeholder=\"{0}\" spellcheck=\"false\" autocomplete=\"off\"></label>",
                f.key()
            )
        })
        .collect();
    format!(
        "<div class=\"calibrator\" role=\"region\" aria-labelledby=\"calibrator-title\">\
<h3 id=\"calibrator-title\" tabindex=\"-1\">Calibrate from a usage log</h3>\
<p class=\"hint\">A request log with one request a row: CSV with a header row, or JSON Lines. LiteLLM's spend log and OpenAI's and Anthropic's usage objects are read as they are. The file is read in this page and never leaves it; the scenario changes only when you accept the fit. Times are read in the scenario's business time zone (the Time zone field).</p>\
<label class=\"calibrator-by\">The log was recorded by <select id=\"calibrator-by\"></select></label>\
<p class=\"hint\">That architecture's instructions and retrieved context are inside every logged request; the model adds them itself, so they come off the query's tokens.</p>\
<label class=\"calibrator-drop\" id=\"calibrator-drop\">Choose a log file, or drop one here <input type=\"file\" id=\"calibrator-file\" accept=\".csv,.tsv,.jsonl,.ndjson,.json,.txt\"></label>\
<details id=\"calibrator-columns\"><summary>Columns, for logs with other names</summary>\
<p class=\"hint\">The column holding each field, when the log names it otherwise (a JSON path with dots, e.g. usage.in). Empty: found by its usual names.</p>\
<div class=\"calibrator-columns\">{columns}</div></details>\
<div id=\"calibrator-progress\" class=\"progress\" hidden><progress id=\"calibrator-bar\" aria-label=\"Reading the usage log\" max=\"1\" value=\"0\"></progress>\
<span id=\"calibrator-read\"></span><button type=\"button\" id=\"calibrator-cancel\" class=\"secondary\">Cancel</button></div>\
<p id=\"calibrator-message\" role=\"status\" tabindex=\"-1\"></p>\
<div id=\"calibrator-report\"></div>\
<div id=\"calibrator-actions\" class=\"calibrator-actions\" hidden>\
<button type=\"button\" id=\"calibrator-accept\" class=\"pick\">Accept the fit</button>\
<button type=\"button\" id=\"calibrator-discard\" class=\"secondary\">Discard it</button></div></div>"
    )
}

/// Opens the panel (once) in the page's `#calibrator`, in place of the
/// button that loaded it, and moves focus to it.
#[wasm_bindgen]
pub fn open() {
    let Some(host) = by_id("calibrator") else {
        return;
    };
    if by_id("calibrator-title").is_none() {
        page::stylesheet();
        host.set_inner_html(&panel());
        on("calibrator-by", "focus", |_| {
            list_architectures(scenario().as_deref())
        });
        on("calibrator-file", "change", |_| {
            let Some(input) =
                by_id("calibrator-file").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let file = input.files().and_then(|f| f.get(0));
            // Cleared, so that choosing the same file again (after naming
            // its columns, say) reads it again.
            input.set_value("");
            if let Some(file) = file {
                start(file);
            }
        });
        on("calibrator-drop", "dragover", |e| e.prevent_default());
        on("calibrator-drop", "drop", |e| {
            e.prevent_default();
            let file = e
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(web_sys::DragEvent::data_transfer)
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                start(file);
            }
        });
        on("calibrator-cancel", "click", |_| {
            stop();
            say_here("Cancelled: nothing changed.");
        });
        on("calibrator-accept", "click", |_| accept());
        on("calibrator-discard", "click", |_| {
            clear();
            say_here("Discarded: the scenario is as it was.");
        });
    }
    list_architectures(scenario().as_deref());
    if let Some(title) =
        by_id("calibrator-title").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = title.focus();
    }
}

/// Lists the scenario's architectures in the "recorded by" select, keeping
/// the one chosen (the first when none is).
fn list_architectures(scenario: Option<&str>) {
    let Some(select) = by_id("calibrator-by") else {
        return;
    };
    let chosen = select
        .clone()
        .dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default();
    let archs = scenario
        .and_then(|s| burnrate_model::migrate::scenario_from_str(s).ok())
        .map(|s| s.architectures)
        .unwrap_or_default();
    let mut options: String = archs
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let selected = if a.id == chosen || (chosen.is_empty() && i == 0) {
                " selected"
            } else {
                ""
            };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                burnrate_model::markup::escape(&a.id),
                burnrate_model::markup::escape(&a.name)
            )
        })
        .collect();
    let none = if chosen == "-" { " selected" } else { "" };
    options +=
        &format!("<option value=\"-\"{none}>None of them: the log holds bare queries</option>");
    select.set_inner_html(&options);
}

/// The index of the architecture chosen as the log's recorder.
fn recorded_by(scenario: &str) -> Option<usize> {
    let chosen = by_id("calibrator-by")?
        .dyn_into::<web_sys::HtmlSelectElement>()
        .ok()?
        .value();
    let s = burnrate_model::migrate::scenario_from_str(scenario).ok()?;
    s.architectures.iter().position(|a| a.id == chosen)
}

fn mapping() -> Result<String, String> {
    let mut m = Mapping::default();
    for (field, _) in FIELDS {
        let column = by_id(&format!("calibrator-col-{}", field.key()))
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default();
        if !column.trim().is_empty() {
            m.add(&format!("{}={}", field.key(), column.trim()))?;
        }
    }
    serde_json::to_string(&m).map_err(|e| e.to_string())
}

fn clear() {
    FITTED.with(|f| f.borrow_mut().take());
    if let Some(r) = by_id("calibrator-report") {
        r.set_inner_html("");
    }
    shown("calibrator-actions", false);
}

fn stop() {
    page::end_job(&WORKER);
    shown("calibrator-progress", false);
}

/// Reads and fits `file` (the file picked here, or a usage log compared
/// with the forecast: `compare_bill.rs`).
pub(crate) fn start(file: File) {
    stop();
    clear();
    let Some(scenario) = scenario() else {
        say(
            "The scenario being edited could not be read (this browser keeps no storage for the page): open it from a share link, then calibrate.",
        );
        return;
    };
    let mapping = match mapping() {
        Ok(m) => m,
        Err(e) => return say(&e),
    };
    let by = recorded_by(&scenario).map_or(JsValue::UNDEFINED, |i| JsValue::from_f64(i as f64));
    let fields = [
        ("kind", JsValue::from_str("calibrate")),
        ("file", JsValue::from(file.clone())),
        ("mapping", JsValue::from_str(&mapping)),
        ("scenario", JsValue::from_str(&scenario)),
        ("recordedBy", by),
    ];
    if !page::start_job(&WORKER, report, &fields) {
        return say("This browser could not start a worker to read the log, or hand it the file.");
    }
    FITTED_TO.with(|f| *f.borrow_mut() = Some(scenario));
    if let Some(bar) = by_id("calibrator-bar") {
        let _ = bar.set_attribute("value", "0");
    }
    if let Some(read) = by_id("calibrator-read") {
        read.set_text_content(None);
    }
    shown("calibrator-progress", true);
    say(&format!(
        "Reading {} ({:.1} MB)…",
        file.name(),
        file.size() / 1e6
    ));
}

/// The worker's messages: progress, the fit, or why there is none.
fn report(v: serde_json::Value) {
    if let Some(share) = v["progress"].as_f64() {
        if let Some(bar) = by_id("calibrator-bar") {
            let _ = bar.set_attribute("value", &share.to_string());
        }
        if let Some(read) = by_id("calibrator-read") {
            read.set_text_content(Some(&format!(
                "{:.0}% read, {} requests",
                share * 100.0,
                burnrate_model::calibrate::report::count(v["requests"].as_f64().unwrap_or(0.0))
            )));
        }
    } else if let Some(done) = v.get("done") {
        stop();
        if let Some(r) = by_id("calibrator-report") {
            r.set_inner_html(done["html"].as_str().unwrap_or_default());
        }
        FITTED.with(|f| *f.borrow_mut() = done["fragment"].as_str().map(str::to_owned));
        shown("calibrator-actions", true);
        say("Fitted. Nothing has changed yet: accept the fit to use it, or discard it.");
    } else {
        stop();
        let error = v["error"].as_str().unwrap_or("the worker stopped");
        // A log of another shape: its columns are named under Columns.
        if error.contains("no column for")
            && let Some(d) = by_id("calibrator-columns")
        {
            let _ = d.set_attribute("open", "");
        }
        say(&format!(
            "The log could not be fitted: {}",
            error.replace("with a mapping, e.g. ", "under Columns below, e.g. ")
        ));
    }
}

fn accept() {
    let Some(fragment) = FITTED.with(|f| f.borrow_mut().take()) else {
        return;
    };
    // An edit since the fit would be lost: fit again instead.
    if FITTED_TO.with(|f| f.borrow().clone()) != scenario() {
        clear();
        return say_here(
            "The scenario changed since the fit: choose the log again to fit it to the scenario as it is now.",
        );
    }
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&fragment);
    }
    clear();
    say_here(
        "Accepted: the scenario's workload is the log's now. The page's Restore brings back the scenario before.",
    );
}
