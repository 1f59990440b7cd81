//! The autosave in localStorage. Storage can be missing or forbidden (a
//! sandboxed iframe), full, or hold a scenario from a newer burnrate: every
//! case says so, and a newer scenario is never written over.

use std::cell::Cell;

use burnrate_model::{ModelError, Scenario, migrate};

use crate::codec::json;
use crate::history::Replaced;

const AUTOSAVE_KEY: &str = "burnrate.scenario";
/// The scenarios links, presets, imports and restores replaced, newest
/// first ([`crate::history`]), kept until restored or forgotten (so a reload
/// does not lose them).
const HISTORY_KEY: &str = "burnrate.history";
/// Where burnrate kept the one replaced scenario before the history: read
/// once as the history's first entry, then removed.
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
    /// Only the newest `0` replaced scenarios could be kept for a reload
    /// (the storage is full): the older ones are gone after it.
    HistoryCut(usize),
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
            Saved::PreviousNotKept => "This browser's storage is full: the scenarios you replaced are not kept for a reload. Restore one now, or save it as a file (Share and export), before you leave this page.".into(),
            Saved::HistoryCut(n) => format!("This browser's storage is full: only the {n} newest of the scenarios you replaced are kept for a reload. Restore an older one now, or save it as a file (Share and export), before you leave this page."),
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

/// The replaced scenarios kept from an earlier visit, newest first (the
/// single one an older burnrate kept, as the first). An entry this version
/// cannot read (a newer burnrate's) is left out.
pub fn load_history() -> Vec<Replaced> {
    let Some(store) = storage() else {
        return Vec::new();
    };
    if let Some(text) = store.get_item(HISTORY_KEY).ok().flatten() {
        let mut entries: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        return entries
            .as_array_mut()
            .map(std::mem::take)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|mut e| {
                Some(Replaced {
                    at_ms: e.get("at_ms")?.as_f64()?,
                    by: e.get("by")?.as_str()?.to_owned(),
                    scenario: migrate::scenario_from_json(e.get_mut("scenario")?.take()).ok()?,
                })
            })
            .take(crate::history::KEPT)
            .collect();
    }
    let old = store.get_item(PREVIOUS_KEY).ok().flatten();
    old.and_then(|text| migrate::scenario_from_str(&text).ok())
        .map(|scenario| Replaced {
            scenario,
            at_ms: 0.0,
            by: "a preset, link or file".into(),
        })
        .into_iter()
        .collect()
}

/// Keeps the replaced scenarios for a reload, as many of the newest as the
/// storage holds: what did not fit, in words (None: all kept).
pub fn keep_history(list: &[Replaced]) -> Option<Saved> {
    let store = storage()?;
    let _ = store.remove_item(PREVIOUS_KEY);
    let entry = |r: &Replaced| {
        let by = serde_json::Value::from(r.by.as_str());
        let scenario = json(&r.scenario)?;
        Some(format!(
            r#"{{"at_ms":{},"by":{by},"scenario":{scenario}}}"#,
            r.at_ms
        ))
    };
    let entries: Vec<String> = list.iter().filter_map(entry).collect();
    if entries.is_empty() {
        let _ = store.remove_item(HISTORY_KEY);
        return None;
    }
    // The newest first: drop the oldest until the rest fit.
    for n in (1..=entries.len()).rev() {
        if store
            .set_item(HISTORY_KEY, &format!("[{}]", entries[..n].join(",")))
            .is_ok()
        {
            return (n < entries.len()).then_some(Saved::HistoryCut(n));
        }
    }
    let _ = store.remove_item(HISTORY_KEY);
    Some(Saved::PreviousNotKept)
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
