//! Prices: the catalog entries the scenario uses, with the date and source
//! of each, editable. An edit stores an override in the scenario (the shipped
//! catalog never changes).

use std::sync::Arc;

use burnrate_model::Scenario;
use burnrate_model::catalog::{Accelerator, Catalog};
use leptos::prelude::*;

use super::fields::NumberField;
use super::section::{FieldList, Part, Source};
use crate::state::AppState;
use burnrate_model::fields;
use burnrate_model::pin::Sourced;

fn effective(s: &Scenario) -> Catalog {
    Catalog::shipped().with_overrides(&s.catalog)
}

/// Applies `change` to the scenario's own entry for model `id`.
fn override_model(
    s: &mut Scenario,
    id: &str,
    change: impl FnOnce(&mut burnrate_model::catalog::ModelPrice),
) {
    override_entry(s, id, |c| &mut c.models, |m| &m.id, change)
}

fn override_accelerator(
    s: &mut Scenario,
    id: &str,
    change: impl FnOnce(&mut burnrate_model::catalog::Accelerator),
) {
    override_entry(s, id, |c| &mut c.accelerators, |a| &a.id, change)
}

/// Applies `change` to the scenario's own copy of the entry `id` of one kind
/// (`kind` picks that kind's list), copied from the effective catalog first.
/// The copy's source then says you set it, and when: an edited price never
/// reads as the vendor's.
fn override_entry<T: Clone + Sourced>(
    s: &mut Scenario,
    id: &str,
    kind: fn(&mut Catalog) -> &mut Vec<T>,
    key: fn(&T) -> &str,
    change: impl FnOnce(&mut T),
) {
    let mut merged = effective(s);
    let current = kind(&mut merged).iter().find(|e| key(e) == id).cloned();
    let own = kind(&mut s.catalog);
    if !own.iter().any(|e| key(e) == id)
        && let Some(e) = current
    {
        own.push(e);
    }
    if let Some(e) = own.iter_mut().find(|e| key(e) == id) {
        change(e);
        *e.source_mut() = burnrate_model::pin::edited_source(&crate::format::today().iso());
    }
}

#[component]
pub fn PricesSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let as_of = Catalog::shipped().as_of;
    // Every entry the scenario uses, by kind and id. A memo: the fields are
    // drawn again only when the list changes (an entry picked or dropped),
    // not on every edit of a price. (Plainly, not through a keyed `<For>`:
    // its code was a kilobyte of the page.)
    let entries = Memo::new(move |_| {
        state.scenario.with(|s| {
            let u = burnrate_model::pin::used(s);
            let mut out: Vec<(u8, String)> = Vec::new();
            out.extend(u.models.into_iter().map(|id| (0, id)));
            out.extend(u.accelerators.into_iter().map(|id| (1, id)));
            out.extend(u.embeddings.into_iter().map(|id| (3, id)));
            out.extend(u.rerankers.into_iter().map(|id| (4, id)));
            out
        })
    });
    view! {
        <>
            <p class="help">{format!("Catalog list prices as of {as_of}, each from its provider's pricing page. Edit any to use your own rate: the scenario keeps it.")}</p>
            <div class="field">
                <label for="import-prices">"Import a price file"</label>
                // Read by the on-demand module (public/boot.js, crates/on-demand/src/price_import.rs).
                <input type="file" accept=".json,application/json" id="import-prices" />
                <p class="help">"Your own rates, as burnrate's catalog, LiteLLM's model_prices_and_context_window.json or genai-prices' data.json: entries for the models and accelerators this scenario uses replace the catalog's. The file never leaves the page."</p>
                <p class="hint" id="import-prices-status" role="status"></p>
            </div>
            {move || entries.get().into_iter().map(|e| match e.0 {
                0 => view! { <ModelPrices id=e.1 /> }.into_any(),
                1 => view! { <AcceleratorPrice id=e.1 /> }.into_any(),
                3 => view! { <EmbeddingPrice id=e.1 /> }.into_any(),
                _ => view! { <RerankerPrice id=e.1 /> }.into_any(),
            }).collect_view()}
        </>
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A model's prices: the fields its catalog entry declares
/// (`burnrate_model::catalog::model_fields`), read from the effective
/// catalog, an edit written into the scenario's own copy of the entry.
#[component]
fn ModelPrices(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: &'static str = leak(id);
    // Follows the scenario: an edit below turns it into yours. (A signal:
    // one way of drawing it for every kind of entry.)
    let source = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .model("", id)
                .map(|m| m.source.clone())
                .unwrap_or_default()
        })
    });
    let prefix: &'static str = leak(format!("catalog.models.{id}"));
    let fields = Source::new(
        move |s| match effective(s).model("", id) {
            Ok(m) => fields::list(&mut m.clone(), prefix),
            Err(_) => Vec::new(),
        },
        move |s, path, v| {
            override_model(s, id, |m| {
                fields::set(m, prefix, path, v, &mut Default::default());
            })
        },
    );
    view! {
        <fieldset class="arch">
            <legend>{id}</legend>
            <FieldList part=Part::All source=fields />
            <p class="help source">"Source: " {source}</p>
        </fieldset>
    }
}

/// An instance's rates under Prices: (label, field, unit, help, read, write).
type AcceleratorRate = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    fn(&Accelerator) -> f64,
    fn(&mut Accelerator, f64),
);

const ACCELERATOR_RATES: [AcceleratorRate; 3] = [
    (
        "On-demand price",
        "usd_per_hour",
        "$ / hour",
        "Per instance; spot discounts apply on top.",
        |a| a.usd_per_hour,
        |a, v| a.usd_per_hour = v,
    ),
    (
        "Decode (batched)",
        "decode_tokens_per_s_7b",
        "tokens / s a device, 7B fp16",
        "Generated tokens a second, many requests batched; the source gives the conditions: measure yours.",
        |a| a.decode_tokens_per_s_7b,
        |a, v| a.decode_tokens_per_s_7b = v,
    ),
    (
        "Prefill",
        "prefill_tokens_per_s_7b",
        "tokens / s a device, 7B fp16",
        "Prompt tokens a second, batched.",
        |a| a.prefill_tokens_per_s_7b,
        |a, v| a.prefill_tokens_per_s_7b = v,
    ),
];

#[component]
fn AcceleratorPrice(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: &'static str = leak(id);
    // Follows the scenario: an edit below turns it into yours. (A signal:
    // one way of drawing it for every kind of entry.)
    let source = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .accelerator("", id)
                .map(|a| a.source.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="arch">
            <legend>{id}</legend>
            {ACCELERATOR_RATES.iter().map(|&(label, field, unit, help, read, write)| view! {
                <NumberField label=label unit=unit help=help path=format!("catalog.accelerators.{id}.{field}")
                    get=Arc::new(move |s: &Scenario| effective(s).accelerator("", id).map(read).unwrap_or(0.0))
                    set=Arc::new(move |s: &mut Scenario, v| override_accelerator(s, id, |a| write(a, v))) />
            }).collect_view()}
            <p class="help source">"Source: " {source}</p>
        </fieldset>
    }
}

#[component]
fn EmbeddingPrice(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: &'static str = leak(id);
    // Follows the scenario: an edit below turns it into yours. (A signal:
    // one way of drawing it for every kind of entry.)
    let source = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .embedding("", id)
                .map(|e| e.source.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="arch">
            <legend>{id}</legend>
            <NumberField label="Embedding" unit="$ / 1M tokens" help="Embedding the corpus and its monthly churn, and every query." path=format!("catalog.embeddings.{id}.usd_per_m_tokens")
                get=Arc::new(move |s: &Scenario| effective(s).embedding("", id).map(|e| e.usd_per_m_tokens).unwrap_or(0.0))
                set=Arc::new(move |s: &mut Scenario, v| override_entry(s, id, |c| &mut c.embeddings, |e| &e.id, |e| e.usd_per_m_tokens = v)) />
            <p class="help source">"Source: " {source}</p>
        </fieldset>
    }
}

#[component]
fn RerankerPrice(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: &'static str = leak(id);
    // Follows the scenario: an edit below turns it into yours. (A signal:
    // one way of drawing it for every kind of entry.)
    let source = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .reranker("", id)
                .map(|r| r.source.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="arch">
            <legend>{id}</legend>
            <NumberField label="Reranking" unit="$ / 1,000 searches" help="One search scores a query against up to the reranker's documents per search." path=format!("catalog.rerankers.{id}.usd_per_1k_searches")
                get=Arc::new(move |s: &Scenario| effective(s).reranker("", id).map(|r| r.usd_per_1k_searches).unwrap_or(0.0))
                set=Arc::new(move |s: &mut Scenario, v| override_entry(s, id, |c| &mut c.rerankers, |r| &r.id, |r| r.usd_per_1k_searches = v)) />
            <p class="help source">"Source: " {source}</p>
        </fieldset>
    }
}
