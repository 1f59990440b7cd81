//! Editor fields. Each shows its unit and a one-line explanation, writes
//! straight into the scenario, and shows the engine's own validation message
//! when the scenario is invalid because of it.

use std::sync::Arc;

use burnrate_model::Scenario;
use leptos::prelude::*;

use crate::format::show;
use crate::state::{AppState, FieldName, error_is_for, field_by_id};

pub type Getter<T> = Arc<dyn Fn(&Scenario) -> T + Send + Sync>;
pub type Setter<T> = Arc<dyn Fn(&mut Scenario, T) + Send + Sync>;

/// The engine's message for this field, if the current error is about it,
/// in the field's unit (`crate::field_messages`). Names the field for
/// messages elsewhere (the banner above the results).
pub fn field_error(
    state: AppState,
    path: String,
    label: &'static str,
    unit: &'static str,
    scale: f64,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let path: &'static str = Box::leak(path.into_boxed_str());
    state.name_field(FieldName {
        path,
        label,
        unit,
        scale,
    });
    move || {
        state.error.with(|e| {
            let e = e.as_ref()?;
            let field = state.scenario.with_untracked(|s| field_by_id(s, e.field()));
            error_is_for(&field, path)
                .then(|| crate::field_messages::in_units(e, &field[path.len()..], unit, scale))
        })
    }
}

/// A field's message for text that is not a number. While any field shows
/// one the results are marked stale (`AppState::unparsed`), like any other
/// invalid edit, until it is fixed or the field goes away. Counted as it is
/// set, not by an effect: a page has hundreds of fields, and an effect each
/// lengthened the page's first task.
#[derive(Clone, Copy)]
pub struct ParseError {
    message: RwSignal<Option<String>>,
    state: AppState,
}

impl ParseError {
    pub fn new(state: AppState) -> ParseError {
        let message = RwSignal::new(None::<String>);
        // Cleanups run before the owner's signals are dropped.
        on_cleanup(move || {
            if message.try_with_untracked(Option::is_some) == Some(true) {
                state.unparsed.try_update(|n| *n = n.saturating_sub(1));
            }
        });
        ParseError { message, state }
    }

    pub fn set(&self, m: Option<String>) {
        let (was, now) = (self.message.with_untracked(Option::is_some), m.is_some());
        if was != now {
            self.state
                .unparsed
                .update(|n| *n = if now { *n + 1 } else { n.saturating_sub(1) });
        }
        self.message.set(m);
    }

    pub fn get(&self) -> Option<String> {
        self.message.get()
    }
}

pub fn dom_id(path: &str) -> String {
    path.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A number; `scale` shows shares as percentages (100) or keeps them (1).
#[component]
pub fn NumberField(
    label: &'static str,
    unit: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<f64>,
    set: Setter<f64>,
    #[prop(default = 1.0)] scale: f64,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, unit, scale);
    let parse_error = ParseError::new(state);
    let value = move || show(state.scenario.with(|s| get(s)) * scale);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        match crate::format::parse_number(&text) {
            Ok(v) => {
                parse_error.set(None);
                let set = set.clone();
                state.edit(move |s| set(s, v / scale));
            }
            Err(e) => parse_error.set(Some(e)),
        }
    };
    let message = move || parse_error.get().or_else(engine_error);
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <input
                id=id.clone()
                type="text"
                inputmode="decimal"
                prop:value=value
                on:input=on_input
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=err_id.clone()
            />
            <p class="help">{help}</p>
            <p class="error" id=err_id role="alert">{message}</p>
        </div>
    }
}

/// Text: a line (a name), or several (`long`: a description). Every
/// keystroke edits the scenario; the engine's bound (length) shows at the
/// field.
#[component]
pub fn TextField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<String>,
    set: Setter<String>,
    #[prop(default = false)] long: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, "", 1.0);
    let value = move || state.scenario.with(|s| get(s));
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        let set = set.clone();
        state.edit(move |s| set(s, v));
    };
    let input = if long {
        view! { <textarea id=id.clone() rows="4" on:input=on_input prop:value=value></textarea> }
            .into_any()
    } else {
        view! { <input type="text" id=id.clone() on:input=on_input prop:value=value /> }.into_any()
    };
    view! {
        <div class="field" class:invalid=move || engine_error().is_some()>
            <label for=id>{label}</label>
            {input}
            <p class="help">{help}</p>
            <p class="error" role="alert">{engine_error}</p>
        </div>
    }
}

/// A choice among named options.
#[component]
pub fn SelectField(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    /// The choices; they may change (a model picked from the price list joins them).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    get: Getter<String>,
    set: Setter<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, "", 1.0);
    let current = get.clone();
    let value = move || state.scenario.with(|s| get(s));
    // Redrawn options mark the current one: a select whose options change
    // would otherwise show its first.
    let options = move || {
        let now = state.scenario.with_untracked(|s| current(s));
        options
            .get()
            .into_iter()
            .map(|(v, l)| {
                let selected = v == now;
                view! { <option value=v selected=selected>{l}</option> }
            })
            .collect_view()
    };
    let on_change = move |ev| {
        let v = event_target_value(&ev);
        let set = set.clone();
        state.edit(move |s| set(s, v));
    };
    view! {
        <div class="field" class:invalid=move || engine_error().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id on:change=on_change prop:value=value>
                {options}
            </select>
            <p class="help">{help}</p>
            <p class="error" role="alert">{engine_error}</p>
        </div>
    }
}

/// An optional number: empty means none.
#[component]
pub fn OptionalField(
    label: &'static str,
    unit: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<Option<f64>>,
    set: Setter<Option<f64>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, unit, 1.0);
    let bad = ParseError::new(state);
    let message = move || bad.get().or_else(engine_error);
    let value = move || {
        state
            .scenario
            .with(|s| get(s))
            .map(show)
            .unwrap_or_default()
    };
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let parsed = if text.trim().is_empty() {
            Ok(None)
        } else {
            crate::format::parse_number(&text).map(Some)
        };
        match parsed {
            Ok(v) => {
                bad.set(None);
                let set = set.clone();
                state.edit(move |s| set(s, v));
            }
            Err(e) => bad.set(Some(format!("{e} (leave empty for none)"))),
        }
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}<span class="unit">{unit}</span></label>
            <input id=id type="text" inputmode="decimal" placeholder="none" prop:value=value on:input=on_input />
            <p class="help">{help}</p>
            <p class="error" role="alert">{message}</p>
        </div>
    }
}

/// An optional group of fields, switched on and off; its fields follow it.
#[component]
pub fn Toggle(
    label: &'static str,
    help: &'static str,
    #[prop(into)] path: String,
    get: Getter<bool>,
    set: Setter<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = dom_id(&path);
    let engine_error = field_error(state, path, label, "", 1.0);
    let on = move || state.scenario.with(|s| get(s));
    let on_change = move |ev| {
        let v = event_target_checked(&ev);
        let set = set.clone();
        state.edit(move |s| set(s, v));
    };
    view! {
        <div class="field toggle" class:invalid=move || engine_error().is_some()>
            <label class="check"><input type="checkbox" id=id prop:checked=on on:change=on_change />{label}</label>
            <p class="help">{help}</p>
            <p class="error" role="alert">{engine_error}</p>
        </div>
    }
}
