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

/// Saves the scenario; false when storage is unavailable.
pub fn autosave(s: &Scenario) -> bool {
    let Some(store) = storage() else { return false };
    serde_json::to_string(s)
        .ok()
        .is_some_and(|text| store.set_item(AUTOSAVE_KEY, &text).is_ok())
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
