//! Importing a price file (Prices, "Import a price file"): burnrate's own
//! catalog, LiteLLM's `model_prices_and_context_window.json` or
//! genai-prices' `data.json`, read here so that the page's first load
//! carries no reader of the other two formats (2.6 KB gzip). The file's
//! entries for the models and accelerators the scenario uses become the
//! scenario's own prices; the priced scenario reaches the page as a share
//! link in the address, as an accepted calibration does, so the page's
//! Restore brings back the scenario before.

use burnrate_model::{link, migrate, pin, price_file};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::page::{by_id, scenario};

/// A LiteLLM or genai-prices file is a few megabytes.
const MAX_MB: f64 = 20.0;

/// Imports the file picked in `input`, saying how it went under it.
#[wasm_bindgen]
pub fn import_prices(input: HtmlInputElement) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    wasm_bindgen_futures::spawn_local(async move {
        let text = if file.size() > MAX_MB * 1e6 {
            Err(format!(
                "the file is {:.1} MB, and at most {MAX_MB} MB is read",
                file.size() / 1e6
            ))
        } else {
            JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| "that file could not be read".to_owned())
        };
        let said = match text.and_then(|t| priced(&t)) {
            Ok((fragment, taken, left_out)) => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_hash(&fragment);
                }
                let also = left_out.map(|n| format!(" Note: {n}.")).unwrap_or_default();
                format!(
                    "Prices from the file for {}: they are the scenario's own now, edit them below. The page's Restore brings back the prices before.{also}",
                    taken.join(", ")
                )
            }
            Err(e) => format!("Not imported: {e}. Your prices are unchanged."),
        };
        if let Some(status) = by_id("import-prices-status") {
            status.set_text_content(Some(&said));
        }
    });
}

/// The scenario being edited with the prices of file `text` for the
/// entries it uses, as a link fragment, those entries' ids, and what to say
/// of the file's invalid entries left out.
fn priced(text: &str) -> Result<(String, Vec<String>, Option<String>), String> {
    let (catalog, dropped) = price_file::read_keeping(text).map_err(|e| {
        let a_scenario = serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|v| v.get("architectures").is_some());
        if a_scenario {
            "this is a scenario file: open it with Import under Share and export".into()
        } else {
            e.to_string()
        }
    })?;
    let current = scenario().ok_or("the scenario being edited could not be read")?;
    let s = migrate::scenario_from_str(&current).map_err(|e| e.to_string())?;
    let u = pin::used(&s);
    let used = [u.models, u.embeddings, u.rerankers, u.accelerators].concat();
    let left_out = price_file::dropped_note(&dropped, &used);
    let (priced, taken) = pin::overridden(&s, &catalog);
    if taken.is_empty() {
        return Err(left_out.unwrap_or_else(|| {
            "the file prices none of the models or accelerators this scenario uses (their ids must match)".into()
        }));
    }
    Ok((format!("s={}", link::encode(&priced)), taken, left_out))
}
