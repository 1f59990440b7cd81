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

/// One catalog entry under Prices: its name, its id in small print (the
/// id links and files use), its fields, and its source with the addresses
/// in it as links.
#[component]
fn PriceEntry(
    id: &'static str,
    about: Signal<(String, String)>,
    children: Children,
) -> impl IntoView {
    view! {
        <fieldset class="arch price-entry">
            <legend>{move || about.with(|(name, _)| if name.is_empty() { id.to_owned() } else { name.clone() })}" " <small class="entry-id">{id}</small></legend>
            {children()}
            <p class="help source">"Source: " {move || about.with(|(_, source)| linked(source))}</p>
        </fieldset>
    }
}

/// `text` with the web addresses in it as links.
fn linked(text: &str) -> Vec<AnyView> {
    pieces(text)
        .into_iter()
        .map(|(text, href)| match href {
            Some(href) => {
                view! { <a href=href rel="noopener noreferrer" target="_blank">{text}</a> }
                    .into_any()
            }
            None => text.into_any(),
        })
        .collect()
}

/// `text` cut into plain runs and web addresses (with the link each goes
/// to): only http and https, and a bare domain with a path (https). A
/// link's surrounding brackets and trailing punctuation stay text.
fn pieces(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        let trimmed = word.trim_end_matches(['.', ',', ';', ':', ')']);
        let core = trimmed.strip_prefix('(').unwrap_or(trimmed);
        let lead = &trimmed[..trimmed.len() - core.len()];
        let href = if core.starts_with("https://") || core.starts_with("http://") {
            Some(core.to_owned())
        } else if is_bare_address(core) {
            Some(format!("https://{core}"))
        } else {
            None
        };
        match href {
            Some(href) => {
                plain.push_str(lead);
                if !plain.is_empty() {
                    out.push((std::mem::take(&mut plain), None));
                }
                out.push((core.to_owned(), Some(href)));
                plain.push_str(&word[trimmed.len()..]);
            }
            None => plain.push_str(word),
        }
    }
    if !plain.is_empty() {
        out.push((plain, None));
    }
    out
}

/// "aws.amazon.com/ec2/pricing": a domain of letters, digits, dots and
/// hyphens with a dot, then a path.
fn is_bare_address(word: &str) -> bool {
    let Some((host, _)) = word.split_once('/') else {
        return false;
    };
    host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
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
    // Name and source follow the scenario: an edit below turns the source
    // into yours. (A signal: one way of drawing it for every kind of entry.)
    let about = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .model("", id)
                .map(|m| (m.name.clone(), m.source.clone()))
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
        <PriceEntry id=id about=about>
            <FieldList part=Part::All source=fields />
        </PriceEntry>
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
    // Name and source follow the scenario: an edit below turns the source
    // into yours. (A signal: one way of drawing it for every kind of entry.)
    let about = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .accelerator("", id)
                .map(|a| (a.name.clone(), a.source.clone()))
                .unwrap_or_default()
        })
    });
    view! {
        <PriceEntry id=id about=about>
            {ACCELERATOR_RATES.iter().map(|&(label, field, unit, help, read, write)| view! {
                <NumberField label=label unit=unit help=help path=format!("catalog.accelerators.{id}.{field}")
                    get=Arc::new(move |s: &Scenario| effective(s).accelerator("", id).map(read).unwrap_or(0.0))
                    set=Arc::new(move |s: &mut Scenario, v| override_accelerator(s, id, |a| write(a, v))) />
            }).collect_view()}
        </PriceEntry>
    }
}

#[component]
fn EmbeddingPrice(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: &'static str = leak(id);
    // Name and source follow the scenario: an edit below turns the source
    // into yours. (A signal: one way of drawing it for every kind of entry.)
    let about = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .embedding("", id)
                .map(|e| (e.name.clone(), e.source.clone()))
                .unwrap_or_default()
        })
    });
    view! {
        <PriceEntry id=id about=about>
            <NumberField label="Embedding" unit="$ / 1M tokens" help="Embedding the corpus and its monthly churn, and every query." path=format!("catalog.embeddings.{id}.usd_per_m_tokens")
                get=Arc::new(move |s: &Scenario| effective(s).embedding("", id).map(|e| e.usd_per_m_tokens).unwrap_or(0.0))
                set=Arc::new(move |s: &mut Scenario, v| override_entry(s, id, |c| &mut c.embeddings, |e| &e.id, |e| e.usd_per_m_tokens = v)) />
        </PriceEntry>
    }
}

#[component]
fn RerankerPrice(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id: &'static str = leak(id);
    // Name and source follow the scenario: an edit below turns the source
    // into yours. (A signal: one way of drawing it for every kind of entry.)
    let about = Signal::derive(move || {
        state.scenario.with(|s| {
            effective(s)
                .reranker("", id)
                .map(|r| (r.name.clone(), r.source.clone()))
                .unwrap_or_default()
        })
    });
    view! {
        <PriceEntry id=id about=about>
            <NumberField label="Reranking" unit="$ / 1,000 searches" help="One search scores a query against up to the reranker's documents per search." path=format!("catalog.rerankers.{id}.usd_per_1k_searches")
                get=Arc::new(move |s: &Scenario| effective(s).reranker("", id).map(|r| r.usd_per_1k_searches).unwrap_or(0.0))
                set=Arc::new(move |s: &mut Scenario, v| override_entry(s, id, |c| &mut c.rerankers, |r| &r.id, |r| r.usd_per_1k_searches = v)) />
        </PriceEntry>
    }
}

#[cfg(test)]
mod tests {
    use super::pieces;

    /// Addresses become links, the words and punctuation around them stay
    /// text, and nothing but http, https and bare domains is linked.
    #[test]
    fn a_source_s_addresses_are_links() {
        let p = pieces(
            "https://openai.com/api/pricing (read 2026-11-03), see aws.amazon.com/ec2/pricing.",
        );
        assert_eq!(
            p,
            vec![
                (
                    "https://openai.com/api/pricing".into(),
                    Some("https://openai.com/api/pricing".into())
                ),
                (" (read 2026-11-03), see ".into(), None),
                (
                    "aws.amazon.com/ec2/pricing".into(),
                    Some("https://aws.amazon.com/ec2/pricing".into())
                ),
                (".".into(), None),
            ]
        );
        assert_eq!(
            pieces("(https://x.org/a)")[1].1.as_deref(),
            Some("https://x.org/a")
        );
        for plain in [
            "javascript:alert(1)",
            "crates/model/data/README.md",
            "1.5/hour",
            "You set this price on 2026-12-07",
        ] {
            assert!(
                pieces(plain).iter().all(|(_, href)| href.is_none()),
                "{plain}"
            );
        }
    }
}
