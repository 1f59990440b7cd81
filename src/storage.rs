//! The autosave in localStorage. Storage can be missing or forbidden (a
//! sandboxed iframe), full, or hold a scenario from a newer burnrate: every
//! case says so, and a newer scenario is never written over.

use std::cell::Cell;

use burnrate_model::{ModelError, Scenario, migrate};

use crate::codec::json;

const AUTOSAVE_KEY: &str = "burnrate.scenario";
/// The scenario a link, preset or import replaced, kept until restored or
/// dismissed (so a reload does not lose it).
const PREVIOUS_KEY: &str = "burnrate.previous";

thread_local! {
    /// Set when the autosave is a newer burnrate's: this page leaves it alone.
    static HELD: Cell<Option<u64>> = const { Cell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What became of the scenario's autosave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Yes,
    /// No storage here (a private window or a sandboxed iframe).
    Unavailable,
    /// The browser's storage quota is used up.
    Full,
    /// The autosave was written by a newer burnrate (its schema version):
    /// kept untouched.
    KeptNewer(u64),
    /// Another tab saved its own scenario after this one.
    OtherTab,
}

impl Saved {
    /// The footer's sentence.
    pub fn sentence(self) -> String {
        match self {
            Saved::Yes => "Your scenario is saved in this browser.".into(),
            Saved::Unavailable => {
                "This browser does not allow saving: your scenario lives in the link only.".into()
            }
            Saved::Full => "This browser's storage is full: your scenario is not saved, it lives in the link only.".into(),
            Saved::OtherTab => "Another tab saved its scenario in this browser after this one: the autosave now holds that tab's. This tab's scenario is still here and in its link, and your next edit here saves it again.".into(),
            Saved::KeptNewer(v) => format!(
                "The scenario saved in this browser comes from a newer burnrate (schema {v}): it is kept untouched, and this page does not save over it. Your edits live in the link."
            ),
        }
    }
}

/// The autosaved scenario, if there is one and it is still valid. One from
/// a newer burnrate is held: later saves leave it as it is.
pub fn load_autosave() -> Option<Scenario> {
    let text = storage()?.get_item(AUTOSAVE_KEY).ok().flatten()?;
    match migrate::scenario_from_str(&text) {
        Ok(s) => burnrate_model::validate::validate(&s).ok().map(|_| s),
        Err(ModelError::FutureVersion { found, .. }) => {
            HELD.set(Some(found));
            None
        }
        Err(_) => None,
    }
}

/// The replaced scenario kept from an earlier visit, if any.
pub fn load_previous() -> Option<Scenario> {
    let text = storage()?.get_item(PREVIOUS_KEY).ok().flatten()?;
    migrate::scenario_from_str(&text).ok()
}

/// Keeps (or, with None, forgets) the replaced scenario.
pub fn keep_previous(s: Option<&Scenario>) {
    let Some(store) = storage() else { return };
    let _ = match s.and_then(json) {
        Some(text) => store.set_item(PREVIOUS_KEY, &text),
        None => store.remove_item(PREVIOUS_KEY),
    };
}

/// Saves the scenario, unless the autosave is a newer burnrate's.
pub fn autosave(s: &Scenario) -> Saved {
    if let Some(v) = HELD.get() {
        return Saved::KeptNewer(v);
    }
    let Some(store) = storage() else {
        return Saved::Unavailable;
    };
    match json(s).map(|text| store.set_item(AUTOSAVE_KEY, &text)) {
        Some(Ok(())) => Saved::Yes,
        // setItem throws only for the quota (or a storage turned off).
        Some(Err(_)) => Saved::Full,
        None => Saved::Unavailable,
    }
}
