//! The worker's side: the file read in 4 MB slices (a worker may read
//! synchronously), fed to the model's log reader, the progress posted after
//! each slice, then the fit, its report and the accepted scenario's link.

use burnrate_model::calibrate::{LogReader, Mapping, fit};
use burnrate_model::{link, migrate, validate};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync};

const SLICE: f64 = 4.0 * 1024.0 * 1024.0;

fn post(scope: &DedicatedWorkerGlobalScope, message: serde_json::Value) {
    let _ = scope.post_message(&JsValue::from_str(&message.to_string()));
}

/// Reads `file` with `mapping` (JSON), fits the workload of `scenario`
/// (JSON) to it for a log recorded by its architecture `recorded_by`, and
/// posts `{"done": {"html", "fragment"}}`, or `{"error"}`.
#[wasm_bindgen]
pub fn work(file: File, mapping: String, scenario: String, recorded_by: Option<usize>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let message = match run(&scope, &file, &mapping, &scenario, recorded_by) {
        Ok((html, fragment)) => {
            serde_json::json!({ "done": { "html": html, "fragment": fragment } })
        }
        Err(e) => serde_json::json!({ "error": e }),
    };
    post(&scope, message);
}

fn run(
    scope: &DedicatedWorkerGlobalScope,
    file: &File,
    mapping: &str,
    scenario: &str,
    recorded_by: Option<usize>,
) -> Result<(String, String), String> {
    let mapping: Mapping = serde_json::from_str(mapping).map_err(|e| e.to_string())?;
    let scenario = migrate::scenario_from_str(scenario).map_err(|e| e.to_string())?;
    let files = FileReaderSync::new().map_err(|_| "this browser cannot read files in a worker")?;
    let mut reader = LogReader::new(mapping);
    let size = file.size();
    let mut at = 0.0;
    while at < size {
        let end = (at + SLICE).min(size);
        let bytes = file
            .slice_with_f64_and_f64(at, end)
            .and_then(|blob| files.read_as_array_buffer(&blob))
            .map_err(|_| "the file could not be read (was it moved or deleted?)")?;
        reader.feed(&js_sys::Uint8Array::new(&bytes).to_vec());
        at = end;
        if reader.refused() {
            break;
        }
        post(
            scope,
            serde_json::json!({ "progress": at / size, "requests": reader.requests() }),
        );
    }
    let log = reader.finish()?;
    let c = fit(&log, &scenario.workload)?;
    let (accepted, note) = c.apply(&scenario, recorded_by);
    validate::validate(&accepted).map_err(|e| format!("the fitted scenario is not valid: {e}"))?;
    let mut html = crate::calibrate_report::report(&c, &accepted.workload, &scenario.workload);
    if let Some(note) = note {
        html += &format!(
            "<p class=\"hint\">Note: {}.</p>",
            burnrate_model::markup::escape(&note)
        );
    }
    Ok((html, format!("s={}", link::encode(&accepted))))
}
