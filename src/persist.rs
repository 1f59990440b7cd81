//! What survives a reload or travels in a link: the scenario in the address
//! bar's fragment (replaced, never pushed, so edits do not pile up history
//! entries) and an autosave in localStorage. Storage can be missing or
//! forbidden (a sandboxed iframe): every access degrades to "not saved".

use burnrate_model::link::{self, LinkError};
use burnrate_model::{Scenario, migrate};

const AUTOSAVE_KEY: &str = "burnrate.scenario";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The autosaved scenario, if there is one and it is still valid.
pub fn load_autosave() -> Option<Scenario> {
    let text = storage()?.get_item(AUTOSAVE_KEY).ok().flatten()?;
    let s = migrate::scenario_from_str(&text).ok()?;
    burnrate_model::validate::validate(&s).ok().map(|_| s)
}

/// JSON text of a value, through `serde_json::Value`. Every (de)serialisation
/// in the app goes through `Value`: serde's code is generated per type and per
/// format, and one format instead of three keeps the download smaller.
pub fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value).ok().map(|v| v.to_string())
}

/// Indented JSON text of a value (for files people read), through `Value`.
pub fn pretty_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}

/// Parses JSON text, through `Value` (see [`json`]).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
}

/// Saves the scenario; false when storage is unavailable.
pub fn autosave(s: &Scenario) -> bool {
    let Some(store) = storage() else { return false };
    json(s).is_some_and(|text| store.set_item(AUTOSAVE_KEY, &text).is_ok())
}

/// The page's full address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The fragment, with its `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    if let Some(w) = web_sys::window()
        && let Ok(history) = w.history()
    {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// What the address holds at start-up.
pub enum Opened {
    /// No scenario in the address.
    Nothing,
    Scenario(Box<Scenario>),
    /// A link that could not be opened, with the link as it was.
    Bad(LinkError, String),
}

pub fn opened() -> Opened {
    let hash = hash();
    if link::payload_of(&hash).is_empty() && !hash.contains("s=") {
        return Opened::Nothing;
    }
    match link::decode(&hash) {
        Ok(s) => Opened::Scenario(Box::new(s)),
        Err(e) => Opened::Bad(e, href()),
    }
}

/// Copies text to the clipboard where the browser allows it.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}

/// Offers a URL (an object or data URL) as a download named `name`.
pub fn download_url(name: &str, url: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(el) = doc.create_element("a") else {
        return false;
    };
    let Ok(a) = el.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return false;
    };
    a.set_href(url);
    a.set_download(name);
    a.click();
    true
}

/// A file name from a scenario name: letters, digits and dashes.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "burnrate".into()
    } else {
        stem.chars().take(60).collect()
    }
}
