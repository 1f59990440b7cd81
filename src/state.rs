//! The app's state: the scenario being edited, the ones presets, links and
//! files replaced (restorable, [`crate::history`]), the engine's validation error, and the runner. Every edit
//! bumps the version; after a short pause the scenario is validated and, if
//! valid, simulated; until then the shown result is marked stale.

use std::time::Duration;

use burnrate_model::scenario::Architecture;
use burnrate_model::{ModelError, Scenario};
use leptos::prelude::*;

use crate::run::{Runner, prepare};

/// A field as the page labels it: what a message about its path says
/// instead of the path.
#[derive(Clone, Debug)]
pub struct FieldName {
    pub path: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// Shown value over stored value (100 for a share typed as a percentage).
    pub scale: f64,
}

/// Pause after the last keystroke before a run starts.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[derive(Clone, Copy)]
pub struct AppState {
    pub scenario: RwSignal<Scenario>,
    /// The scenarios replaced, newest first.
    pub history: RwSignal<Vec<crate::history::Replaced>>,
    pub version: RwSignal<u64>,
    pub error: RwSignal<Option<ModelError>>,
    /// Architectures taken out of the comparison, to add back.
    /// Each with the place it had, where it goes back (issue 16: order and
    /// colour follow the architecture, not the order of clicks).
    pub parked: RwSignal<Vec<(usize, Architecture)>>,
    /// A link that could not be opened: its message and the link itself.
    pub bad_link: RwSignal<Option<(String, String)>>,
    /// Fields holding text that is not a number: the results are stale
    /// while any does, as for any other invalid edit (issue 16).
    pub unparsed: RwSignal<u32>,
    /// The fields on the page, for messages in their terms.
    pub field_names: StoredValue<Vec<FieldName>>,
    /// The scenario came from a format-1 link, which has no checksum.
    pub unchecked_link: RwSignal<bool>,
    /// What became of the last autosave (refused, full, or a newer one kept).
    pub autosaving: RwSignal<crate::storage::Saved>,
    /// What a switched choice or group left behind, for switching back
    /// (`burnrate_model::fields::Stash`); emptied when a scenario is opened.
    pub stash: StoredValue<burnrate_model::fields::Stash>,
    /// A read-only embed: nothing is written to the address bar or storage.
    pub embedded: bool,
    /// The characters a link to the scenario would take, when over what a
    /// link may hold: the address then carries no scenario (burnrate never
    /// writes a link it would refuse) and "Copy link" says to share the file.
    pub link_too_long: RwSignal<Option<usize>>,
    pub runner: Runner,
}

impl AppState {
    pub fn new(scenario: Scenario) -> AppState {
        AppState {
            scenario: RwSignal::new(scenario),
            history: RwSignal::new(Vec::new()),
            version: RwSignal::new(1),
            error: RwSignal::new(None),
            parked: RwSignal::new(Vec::new()),
            bad_link: RwSignal::new(None),
            unparsed: RwSignal::new(0),
            field_names: StoredValue::new(Vec::new()),
            unchecked_link: RwSignal::new(false),
            autosaving: RwSignal::new(crate::storage::Saved::Yes),
            link_too_long: RwSignal::new(None),
            stash: StoredValue::new(Default::default()),
            embedded: false,
            runner: Runner::new(),
        }
    }

    /// Changes the scenario; validation and a new run follow after a pause.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) {
        self.scenario.update(change);
        self.version.update(|v| *v += 1);
        // Saved at once (address and autosave), the run after the pause:
        // a reload inside the pause keeps the edit.
        self.flush();
        let (state, version) = (*self, self.version.get_untracked());
        set_timeout(
            move || {
                if state.version.get_untracked() == version {
                    state.validate_and_run();
                }
            },
            DEBOUNCE,
        );
    }

    /// Writes `value` into the declared field at `path` of `s` (within an
    /// edit): a switched choice or group keeps what it leaves.
    pub fn write(&self, s: &mut Scenario, path: &str, value: burnrate_model::fields::Value) {
        self.stash.update_value(|stash| {
            burnrate_model::fields::set(s, "", path, value, stash);
        });
    }

    /// Takes architecture `i` out of the comparison (never the last one).
    pub fn park(&self, i: usize) {
        if self.scenario.with_untracked(|s| s.architectures.len()) > 1 {
            let mut taken = None;
            self.edit(|s| taken = Some(s.architectures.remove(i)));
            if let Some(a) = taken {
                self.parked.update(|p| p.push((i, a)));
            }
        }
    }

    /// Puts a parked architecture back into the comparison.
    pub fn unpark(&self, i: usize) {
        let mut taken = None;
        self.parked.update(|p| {
            if i < p.len() {
                taken = Some(p.remove(i));
            }
        });
        if let Some((at, a)) = taken {
            self.edit(|s| s.architectures.insert(at.min(s.architectures.len()), a));
        }
    }

    /// Replaces the whole scenario (`by` a preset, a link, a file), keeping
    /// the old one restorable.
    pub fn load(&self, scenario: Scenario, by: &str) {
        let old = self.scenario.get_untracked();
        self.history
            .update(|h| crate::history::push(h, old, &scenario, by, js_sys::Date::now()));
        self.open(scenario);
    }

    /// Opens replaced scenario `i` of the history, which keeps the current one.
    pub fn restore(&self, i: usize) {
        let current = self.scenario.get_untracked();
        let mut taken = None;
        self.history.update(|h| {
            taken = crate::history::restore(h, i, current, js_sys::Date::now());
        });
        if let Some(s) = taken {
            self.open(s);
        }
    }

    fn open(&self, scenario: Scenario) {
        self.parked.set(Vec::new());
        self.stash.update_value(|s| s.clear());
        self.unchecked_link.set(false);
        self.scenario.set(scenario);
        self.version.update(|v| *v += 1);
        self.validate_and_run();
    }

    pub fn validate_and_run(&self) {
        let scenario = self.scenario.get_untracked();
        // An edit that leaves the scenario as it was (typed and undone)
        // keeps the run it already has.
        if self.runner.adopt(&scenario, self.version.get_untracked()) {
            self.error.set(None);
            return;
        }
        match prepare(&scenario) {
            Ok(prepared) => {
                self.error.set(None);
                self.runner.start(prepared, self.version.get_untracked());
                self.save(&scenario);
            }
            Err(e) => {
                self.runner.cancel();
                self.error.set(Some(e));
            }
        }
    }

    /// Writes a valid scenario to the address and the autosave. An embed
    /// keeps its own address and never writes storage: it shows a
    /// scenario, it does not own one.
    fn save(&self, scenario: &Scenario) {
        if self.embedded {
            return;
        }
        // At once a link of stored blocks, so a reload a moment later opens
        // this edit; then the link the browser deflates, which answers a
        // moment later (unless a newer edit has come by then).
        let text = burnrate_model::link::text_of(scenario);
        self.write_link(
            &burnrate_model::link::seal(burnrate_model::link::stored(&text), &text),
            false,
        );
        let (state, version) = (*self, self.version.get_untracked());
        leptos::task::spawn_local(async move {
            let packed = crate::deflate::raw(&text).await;
            if state.version.get_untracked() == version {
                state.write_link(&burnrate_model::link::seal(packed, &text), true);
            }
        });
        self.autosaving.set(crate::storage::autosave(scenario));
    }

    /// Puts `payload` in the address, or nothing when the link would be too
    /// long; only the `last` link of an edit says so (a stored link over the
    /// limit may deflate under it).
    fn write_link(&self, payload: &str, last: bool) {
        let base = crate::address::href().split('#').next().map_or(0, str::len);
        let chars = base + "#s=".len() + payload.len();
        if chars <= burnrate_model::link::MAX_LINK_CHARS {
            crate::address::replace_fragment(&format!("s={payload}"));
            self.link_too_long.set(None);
        } else {
            crate::address::replace_fragment("");
            if last {
                self.link_too_long.set(Some(chars));
            }
        }
    }

    /// Saves the scenario as it is now, if it is valid.
    fn flush(&self) {
        let scenario = self.scenario.get_untracked();
        if burnrate_model::validate::validate(&scenario).is_ok() {
            self.save(&scenario);
        }
    }

    /// Notes a field's label, unit and scale for messages about `path`.
    pub fn name_field(&self, name: FieldName) {
        self.field_names.update_value(|names| {
            match names.iter_mut().find(|n| n.path == name.path) {
                Some(n) => *n = name,
                None => names.push(name),
            }
        });
    }

    /// The field an error is about (the most specific one on the page), and
    /// the rest of the error's path past it.
    pub fn field_of(&self, e: &ModelError) -> Option<(FieldName, String)> {
        let field = self.scenario.with_untracked(|s| field_by_id(s, e.field()));
        self.field_names.with_value(|names| {
            names
                .iter()
                .filter(|n| error_is_for(&field, n.path))
                .max_by_key(|n| n.path.len())
                .map(|n| (n.clone(), field[n.path.len()..].to_owned()))
        })
    }

    /// An error in the page's words: the field's label and unit, or the
    /// engine's own words when no field on the page is about it.
    pub fn describe(&self, e: &ModelError) -> String {
        match self.field_of(e) {
            Some((n, tail)) => format!(
                "{}: {}",
                n.label,
                crate::field_messages::in_units(e, &tail, n.unit, n.scale)
            ),
            None => e.to_string(),
        }
    }

    /// True while the shown result is not for the scenario as edited, or
    /// a field holds text that is not a number.
    pub fn stale(&self) -> bool {
        self.runner.result_version.get() != self.version.get() || self.unparsed.get() > 0
    }
}

/// An error's field with a catalog entry's index replaced by its id, as the
/// fields under Prices name theirs ("catalog.models[2].usd_per_m_input" →
/// "catalog.models.openai/gpt-5.4.usd_per_m_input"): one error marks the
/// one field it is about, and an index moves as entries are added.
pub fn field_by_id(s: &Scenario, field: &str) -> String {
    for (kind, ids) in s.catalog.priced_ids() {
        if let Some((i, tail)) = field
            .strip_prefix(&format!("catalog.{kind}["))
            .and_then(|rest| rest.split_once(']'))
            && let Some(id) = i.parse::<usize>().ok().and_then(|i| ids.get(i))
        {
            return format!("catalog.{kind}.{id}{tail}");
        }
    }
    field.to_owned()
}

/// Does an error about `error_field` belong to the field at `path`?
pub fn error_is_for(error_field: &str, path: &str) -> bool {
    error_field == path
        || error_field
            .strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_catalog_error_names_its_entry_by_id() {
        let mut s = burnrate_model::presets::knowledge_base();
        let shipped = burnrate_model::catalog::Catalog::shipped();
        s.catalog.models = shipped.models[..3].to_vec();
        let id = &s.catalog.models[2].id;
        assert_eq!(
            super::field_by_id(&s, "catalog.models[2].usd_per_m_output"),
            format!("catalog.models.{id}.usd_per_m_output")
        );
        assert_eq!(
            super::field_by_id(&s, "catalog.models[9].x"),
            "catalog.models[9].x"
        );
        assert_eq!(super::field_by_id(&s, "trials"), "trials");
    }

    #[test]
    fn errors_match_their_field_and_its_parameters_only() {
        assert!(super::error_is_for(
            "workload.queries_per_day.p5",
            "workload.queries_per_day"
        ));
        assert!(super::error_is_for("trials", "trials"));
        assert!(!super::error_is_for(
            "workload.queries_per_day_x",
            "workload.queries_per_day"
        ));
        assert!(!super::error_is_for("trials", "workload.queries_per_day"));
    }
}
