//! The editor generated from what the levers declare
//! (`burnrate_model::fields`): one control per declared field, in the order
//! of the levers' walk, under each section's title. A choice (hosting,
//! design, storage) or an optional group shows exactly its own fields as
//! soon as it is switched, and switching back brings back what was typed.
//! Each control's wrapper carries `data-field`, the field's path in the
//! scenario's JSON.

use std::sync::Arc;

use burnrate_model::Scenario;
use burnrate_model::catalog::Catalog;
use burnrate_model::fields::{self, Entry, Item, Kind, Listed, Value};
use burnrate_model::model_choice::Slot;
use leptos::prelude::*;

use super::dist_field::DistField;
use super::fields::{NumberField, OptionalField, SelectField, TextField, Toggle};
use super::model_picker::ModelPicker;
use crate::state::AppState;

/// Writes a value into the declared field at a path, within an edit.
type Write = Arc<dyn Fn(&mut Scenario, &str, Value) + Send + Sync>;

/// Where controls read their fields and write their edits: the scenario, or
/// a catalog entry the scenario overrides (a model's prices).
#[derive(Clone, Copy)]
pub struct Source {
    /// Every declared field with its value, listed once per edit.
    listing: Memo<Vec<Item>>,
    write: StoredValue<Write>,
}

impl Source {
    /// The fields `list` walks, re-listed when the scenario changes.
    pub fn new(
        list: impl Fn(&Scenario) -> Vec<Item> + Send + Sync + 'static,
        write: impl Fn(&mut Scenario, &str, Value) + Send + Sync + 'static,
    ) -> Source {
        let state = expect_context::<AppState>();
        Source {
            listing: Memo::new(move |_| state.scenario.with(&list)),
            write: StoredValue::new(Arc::new(write)),
        }
    }

    /// The value of the field at `path` (a few hundred fields: a search
    /// is as quick as a map, and carries no hashing code into the page).
    fn value(&self, path: &str) -> Option<Value> {
        self.listing.with(|items| {
            items.iter().find_map(|item| match item {
                Item::Field(f) if f.path == path => Some(f.value.clone()),
                _ => None,
            })
        })
    }
}

/// The scenario's fields and the catalog's entries, shared by every control.
#[derive(Clone, Copy)]
pub struct Editing {
    scenario: Source,
    /// Each kind of catalog entry as (id, name), in `Entry` order.
    entries: [Memo<Vec<(String, String)>>; 4],
}

const ENTRIES: [Entry; 4] = [
    Entry::Model,
    Entry::Accelerator,
    Entry::Embedding,
    Entry::Reranker,
];

/// A catalog's entries of one kind as select options: id, shown by name.
fn entries(c: &Catalog, kind: Entry) -> Vec<(String, String)> {
    let option = |id: &str, name: &str| {
        let shown = if name.is_empty() { id } else { name };
        (id.to_owned(), shown.to_owned())
    };
    match kind {
        Entry::Model => c.models.iter().map(|e| option(&e.id, &e.name)).collect(),
        Entry::Accelerator => c
            .accelerators
            .iter()
            .map(|e| option(&e.id, &e.name))
            .collect(),
        Entry::Embedding => c.embeddings.iter().map(|e| option(&e.id, "")).collect(),
        Entry::Reranker => c.rerankers.iter().map(|e| option(&e.id, "")).collect(),
    }
}

impl Editing {
    pub fn new(state: AppState) -> Editing {
        let scenario = Source::new(
            |s| fields::list(&mut s.fields_only(), ""),
            move |s, path, v| state.write(s, path, v),
        );
        // Redrawn when the scenario's own entries change (a pick, a custom
        // model, a rename), not at every edit.
        let own = Memo::new(move |_| state.scenario.with(|s| s.catalog.clone()));
        let entries = ENTRIES.map(|kind| {
            Memo::new(move |_| own.with(|c| entries(&Catalog::shipped().with_overrides(c), kind)))
        });
        Editing { scenario, entries }
    }
}

/// Which of the declared fields a list shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Every field of the source.
    All,
    /// The run's own fields (name, budget, trials, …).
    Top,
    /// The fields under a path (`workload`, `architectures[2]`).
    Under(String),
}

impl Part {
    fn shows(&self, item: &Item) -> bool {
        match (self, item) {
            (Part::All, _) => true,
            (Part::Top, Item::Field(l)) => l.depth == 0,
            (Part::Top, Item::Title { .. }) => false,
            (Part::Under(p), Item::Field(l)) => fields::is_within(&l.path, p),
            (Part::Under(p), Item::Title { path, .. }) => fields::is_within(path, p),
        }
    }
}

/// The controls of the declared fields `part` shows, of the scenario or of
/// `source`; `arch`: the architecture they belong to (for its model and
/// instance pickers).
#[component]
pub fn FieldList(
    part: Part,
    #[prop(optional)] arch: Option<usize>,
    #[prop(optional)] source: Option<Source>,
) -> impl IntoView {
    let source = source.unwrap_or_else(|| expect_context::<Editing>().scenario);
    // A line's key changes when what it shows does: another field at the
    // same path (a hosting switched), or the field in use or not.
    let lines = move || {
        source.listing.with(|items| {
            items
                .iter()
                .filter(|item| part.shows(item))
                .map(|item| match item {
                    Item::Field(f) => (
                        format!("{}|{}|{}", f.path, f.field.label, f.applies),
                        item.clone(),
                    ),
                    Item::Title { path, title } => (format!("{path}|#{title}"), item.clone()),
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <For each=lines key=|(k, _)| k.clone() let:((_, item))>
            {match item {
                Item::Title { title, .. } => view! { <h4>{title}</h4> }.into_any(),
                Item::Field(l) => view! { <Line listed=l arch=arch source=source /> }.into_any(),
            }}
        </For>
    }
}

/// One field's control in its wrapper: indented under the choice or group
/// it belongs to, and marked where the scenario does not use it.
#[component]
fn Line(listed: Listed, arch: Option<usize>, source: Source) -> impl IntoView {
    // A tagged choice writes the option's key as the `kind` of its object.
    let path = match listed.field.kind {
        Kind::Choice { tagged: true, .. } => format!("{}.kind", listed.path),
        _ => listed.path.clone(),
    };
    let unused = !listed.applies;
    let nested = listed.nested > 0;
    view! {
        <div class="line" data-field=path class:nested=nested class:unused=unused>
            {control(&listed, arch, source)}
            {unused.then(|| view! { <p class="note">"Not used with the settings above; kept for when it is."</p> })}
        </div>
    }
}

fn control(l: &Listed, arch: Option<usize>, source: Source) -> AnyView {
    let f = l.field;
    let path = l.path.clone();
    let read = {
        let path = path.clone();
        move || source.value(&path)
    };
    let write = {
        let path = path.clone();
        move |s: &mut Scenario, v: Value| source.write.with_value(|w| w(s, &path, v))
    };
    macro_rules! getter {
        ($pat:pat => $v:expr, $default:expr) => {{
            let read = read.clone();
            Arc::new(move |_: &Scenario| match read() {
                Some($pat) => $v,
                _ => $default,
            })
        }};
    }
    macro_rules! setter {
        ($x:ident => $v:expr) => {{
            let write = write.clone();
            Arc::new(move |s: &mut Scenario, $x| write(s, $v))
        }};
    }
    let (label, unit, help) = (f.label, f.unit, f.help);
    match f.kind {
        Kind::Number { scale, .. } => view! {
            <NumberField label unit help path scale
                get=getter!(Value::Number(v) => v, 0.0) set=setter!(v => Value::Number(v)) />
        }
        .into_any(),
        Kind::Whole { .. } => view! {
            <NumberField label unit help path
                get=getter!(Value::Number(v) => v, 0.0) set=setter!(v => Value::Number(v)) />
        }
        .into_any(),
        Kind::Dist { scale, count, .. } => view! {
            <DistField label unit help path scale count
                get=getter!(Value::Dist(d) => d, burnrate_model::Dist::zero()) set=setter!(d => Value::Dist(d)) />
        }
        .into_any(),
        Kind::Optional { .. } => view! {
            <OptionalField label unit help path
                get=getter!(Value::Optional(v) => v, None) set=setter!(v => Value::Optional(v)) />
        }
        .into_any(),
        Kind::Text { max } => {
            let long = max > 200;
            view! {
            <TextField label help path long
                get=getter!(Value::Text(t) => t, String::new()) set=setter!(t => Value::Text(t)) />
            }
            .into_any()
        }
        Kind::Group => view! {
            <Toggle label help path
                get=getter!(Value::On(on) => on, false) set=setter!(on => Value::On(on)) />
        }
        .into_any(),
        Kind::Choice { options, .. } => {
            let list: Vec<(String, String)> = options
                .iter()
                .map(|(k, l)| ((*k).to_owned(), (*l).to_owned()))
                .collect();
            // The option's own key, which the model names statically.
            let key = move |v: String| options.iter().find(|(k, _)| *k == v).map(|(k, _)| *k);
            view! {
                <SelectField label help path options=list
                    get=getter!(Value::Choice(k) => k.to_owned(), String::new())
                    set={
                        let write = write.clone();
                        Arc::new(move |s: &mut Scenario, v: String| if let Some(k) = key(v) { write(s, Value::Choice(k)) })
                    } />
            }
            .into_any()
        }
        Kind::Entry(kind) => {
            let editing = expect_context::<Editing>();
            let options = editing.entries[ENTRIES.iter().position(|e| *e == kind).unwrap_or(0)];
            let picker = arch
                .zip(Slot::of(f))
                .map(|(index, which)| view! { <ModelPicker index which /> });
            view! {
                <SelectField label help path options=Signal::from(options)
                    get=getter!(Value::Text(t) => t, String::new()) set=setter!(t => Value::Text(t)) />
                {picker}
            }
            .into_any()
        }
    }
}
