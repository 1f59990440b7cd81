//! Finding the model a managed-API architecture calls among every model of
//! the price list (loaded on the first search), or starting a model of the
//! scenario's own. What is picked is copied into the scenario
//! (`model_choice`), so links and files carry its prices.

use std::sync::Arc;

use burnrate_model::catalog::{Accelerator, Catalog, ModelPrice};
use burnrate_model::model_choice::{self, Search, Slot};
use leptos::prelude::*;

use crate::state::AppState;

/// Results shown at once.
const SHOWN: usize = 8;

/// One result's line: who, what, and the three figures a buyer compares.
fn describe(m: &ModelPrice) -> String {
    let name = if m.name.is_empty() { &m.id } else { &m.name };
    // "Anthropic · Anthropic Claude…" says the provider twice.
    let who = if m.provider.is_empty() || name.starts_with(&m.provider) {
        String::new()
    } else {
        format!("{} · ", m.provider)
    };
    let window = m.context_window_tokens.map_or(String::new(), |w| {
        if w >= 1e6 {
            format!(" · {}M context", (w / 1e5).round() / 10.0)
        } else {
            format!(" · {}K context", (w / 1e3).round())
        }
    });
    format!(
        "{who}{name}: ${} in, ${} out per 1M tokens{window}",
        m.usd_per_m_input, m.usd_per_m_output
    )
}

/// One instance's line: where, what, its hourly prices (and a device's
/// share, to compare one GPU with eight) and decode speed.
fn describe_instance(a: &Accelerator) -> String {
    let name = if a.name.is_empty() { &a.id } else { &a.name };
    let mut text = format!("{name}: ${} an hour", a.usd_per_hour);
    if a.devices > 1 {
        let each = a.usd_per_hour / f64::from(a.devices);
        text.push_str(&format!(" (${:.2} a device)", each));
    }
    for (what, p) in [
        ("spot", a.usd_per_hour_spot),
        ("1-year", a.usd_per_hour_1y),
        ("3-year", a.usd_per_hour_3y),
    ] {
        if let Some(p) = p {
            text.push_str(&format!(", {what} ${p}"));
        }
    }
    format!(
        "{text} · {} decode tokens/s a device (7B)",
        crate::format::count(a.decode_tokens_per_s_7b)
    )
}

/// A result of either list.
#[derive(Clone, PartialEq)]
enum Choice {
    Model(Box<ModelPrice>),
    Instance(Accelerator),
}

/// Finds the model of slot `which` (the architecture's own by default;
/// not `slot`, a word Leptos's view! keeps for itself).
#[component]
pub fn ModelPicker(index: usize, #[prop(default = Slot::Own)] which: Slot) -> impl IntoView {
    let slot = which;
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    let list = RwSignal::new(None::<Result<Arc<Catalog>, String>>);
    let instances = matches!(slot, Slot::Instance | Slot::TrainingInstance);
    let on_input = move |ev| {
        query.set(event_target_value(&ev));
        if list.with_untracked(Option::is_none) {
            list.set(Some(Err("Loading the price list…".into())));
            leptos::task::spawn_local(async move {
                let url = if instances {
                    crate::price_list::INSTANCES
                } else {
                    crate::price_list::MODELS
                };
                list.set(Some(crate::price_list::load(url).await));
            });
        }
    };
    // Searched once per keystroke, read by the status line and the list.
    let found = Memo::new(move |_| {
        let q = query.get();
        match list.get() {
            Some(Ok(list)) if !q.trim().is_empty() => {
                let search = Search::new(&q);
                let (found, total): (Vec<Choice>, usize) = if instances {
                    let (found, total) = search.accelerators(&list.accelerators, SHOWN);
                    (
                        found.into_iter().cloned().map(Choice::Instance).collect(),
                        total,
                    )
                } else {
                    let (found, total) = search.models(&list.models, SHOWN);
                    (
                        found
                            .into_iter()
                            .map(|m| Choice::Model(Box::new(m.clone())))
                            .collect(),
                        total,
                    )
                };
                (found, total, Some(list.as_of.clone()))
            }
            Some(Ok(list)) => (
                Vec::new(),
                list.models.len() + list.accelerators.len(),
                Some(list.as_of.clone()),
            ),
            _ => (Vec::new(), 0, None),
        }
    });
    let status = move || match list.get() {
        None => String::new(),
        Some(Err(e)) => e,
        Some(Ok(_)) => {
            let (shown, total, as_of) = found.get();
            let as_of = as_of.unwrap_or_default();
            let what = if instances { "instances" } else { "models" };
            // The instance list's date is when it was compiled: each source dates its price.
            let as_of = if instances {
                format!("list of {as_of}, cheapest a device-hour first")
            } else {
                format!("prices as of {as_of}")
            };
            match (query.with(|q| q.trim().is_empty()), total) {
                (true, n) => format!("{n} {what}, {as_of}."),
                (false, 0) => format!("None of the {what} matches every word."),
                (false, n) if n > shown.len() => {
                    format!(
                        "{} of {n} matches ({as_of}): add a word to narrow them.",
                        shown.len()
                    )
                }
                (false, n) => format!("{n} matches ({as_of})."),
            }
        }
    };
    let pick = move |c: Choice| {
        query.set(String::new());
        state.edit(move |s| match c {
            Choice::Model(m) => {
                model_choice::adopt(s, index, slot, *m);
            }
            Choice::Instance(a) if slot == Slot::TrainingInstance => {
                model_choice::adopt_training_instance(s, index, a);
            }
            Choice::Instance(a) => {
                model_choice::adopt_accelerator(s, index, a);
            }
        });
    };
    let custom = move |_| {
        state.edit(move |s| {
            let catalog = Catalog::shipped().with_overrides(&s.catalog);
            model_choice::custom(s, index, &catalog);
        });
    };
    let (label, help) = match slot {
        Slot::Own => (
            "Find a model",
            "Searches every model of the price list (genai-prices, loaded on your first search). A custom model starts at this model's prices; edit its name and prices under Prices.",
        ),
        Slot::Frontier => (
            "Find a frontier model",
            "Searches every model of the price list (genai-prices, loaded on your first search).",
        ),
        Slot::Fallback => (
            "Find a fallback API",
            "Searches every model of the price list (genai-prices, loaded on your first search).",
        ),
        Slot::Instance => (
            "Find an instance",
            "GPU and Inferentia instances on AWS, GCP, Azure and GPU clouds (loaded on your first search). Picking one also sets the spot and commitment discounts from its published prices; its source, under Prices, dates them and names its benchmark.",
        ),
        Slot::TrainingInstance => (
            "Find a training instance",
            "GPU instances on AWS, GCP, Azure and GPU clouds (loaded on your first search). Picking one also sets the training's spot discount from its published spot price; its source, under Prices, dates it.",
        ),
    };
    let id = match slot {
        Slot::Own => format!("find-model-{index}"),
        Slot::Frontier => format!("find-frontier-{index}"),
        Slot::Fallback => format!("find-fallback-{index}"),
        Slot::Instance => format!("find-instance-{index}"),
        Slot::TrainingInstance => format!("find-training-instance-{index}"),
    };
    let placeholder = if instances {
        "cloud or GPU, e.g. gcp h100"
    } else {
        "provider or name, e.g. sonnet 4.6"
    };
    view! {
        <div class="field picker">
            <label for=id.clone()>{label}</label>
            <input type="search" id=id autocomplete="off" placeholder=placeholder on:input=on_input prop:value=move || query.get() />
            <p class="help" role="status">{status}</p>
            <ul class="picks">
                {move || found.get().0.into_iter().map(|c| {
                    let text = match &c {
                        Choice::Model(m) => describe(m),
                        Choice::Instance(a) => describe_instance(a),
                    };
                    view! { <li><button type="button" class="pick" on:click=move |_| pick(c.clone())>{text}</button></li> }
                }).collect_view()}
            </ul>
            {(slot == Slot::Own).then(|| view! {
                <button type="button" class="secondary small" id=format!("custom-model-{index}") on:click=custom>"Custom model"</button>
            })}
            <p class="help">{help}</p>
        </div>
    }
}
