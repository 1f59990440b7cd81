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
/// An autosave this version refuses (a bound tightened since, or damage),
/// moved aside instead of being saved over: offered for download.
const ASIDE_KEY: &str = "burnrate.refused";

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
    /// The scenario a link, preset or import replaced could not be kept
    /// for a reload: the storage is full.
    PreviousNotKept,
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
            Saved::PreviousNotKept => "This browser's storage is full: the scenario you replaced is not kept for a reload. Restore it now, or save it as a file (Share and export), before you leave this page.".into(),
            Saved::KeptNewer(0) => "The scenario saved in this browser could not be opened, and there was no room to move it aside: it is kept untouched, and this page does not save over it. Your edits live in the link.".into(),
            Saved::KeptNewer(v) => format!(
                "The scenario saved in this browser comes from a newer burnrate (schema {v}): it is kept untouched, and this page does not save over it. Your edits live in the link."
            ),
        }
    }
}

/// The autosaved scenario, if there is one and it is still valid. One from
/// a newer burnrate is held: later saves leave it as it is. One this
/// version refuses is moved aside ([`aside`]), never saved over; if even
/// that cannot be written, it is held in place like a newer one.
pub fn load_autosave() -> Option<Scenario> {
    let store = storage()?;
    let text = store.get_item(AUTOSAVE_KEY).ok().flatten()?;
    match why_refused(&text) {
        Ok(s) => Some(s),
        Err(None) => None,
        Err(Some(_)) => {
            if store.set_item(ASIDE_KEY, &text).is_err() {
                HELD.set(Some(0));
            }
            None
        }
    }
}

/// The scenario `text` holds, or why not: None when it is a newer
/// burnrate's (held, see [`HELD`]), else this version's reason.
fn why_refused(text: &str) -> Result<Scenario, Option<String>> {
    match migrate::scenario_from_str(text) {
        Ok(s) => match burnrate_model::validate::validate(&s) {
            Ok(()) => Ok(s),
            Err(e) => Err(Some(e.to_string())),
        },
        Err(ModelError::FutureVersion { found, .. }) => {
            HELD.set(Some(found));
            Err(None)
        }
        Err(e) => Err(Some(e.to_string())),
    }
}

/// An autosave moved aside by an earlier load: why it was refused, and its
/// text as it was saved.
pub fn aside() -> Option<(String, String)> {
    let text = storage()?.get_item(ASIDE_KEY).ok().flatten()?;
    let reason = match migrate::scenario_from_str(&text) {
        Ok(s) => burnrate_model::validate::validate(&s).err()?.to_string(),
        Err(e) => e.to_string(),
    };
    Some((reason, text))
}

/// Forgets the autosave moved aside (after its download, or dismissed).
pub fn forget_aside() {
    if let Some(store) = storage() {
        let _ = store.remove_item(ASIDE_KEY);
    }
}

/// The replaced scenario kept from an earlier visit, if any.
pub fn load_previous() -> Option<Scenario> {
    let text = storage()?.get_item(PREVIOUS_KEY).ok().flatten()?;
    migrate::scenario_from_str(&text).ok()
}

/// Keeps (or, with None, forgets) the replaced scenario; false when the
/// browser refused to keep it (its storage is full), which the page says.
pub fn keep_previous(s: Option<&Scenario>) -> bool {
    let Some(store) = storage() else { return true };
    match s.and_then(json) {
        Some(text) => store.set_item(PREVIOUS_KEY, &text).is_ok(),
        None => store.remove_item(PREVIOUS_KEY).is_ok(),
    }
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
