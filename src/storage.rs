//! The autosave in localStorage. Storage can be missing or forbidden (a
//! sandboxed iframe): every access degrades to "not saved".

use burnrate_model::{Scenario, migrate};

use crate::codec::json;

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
    json(s).is_some_and(|text| store.set_item(AUTOSAVE_KEY, &text).is_ok())
}
