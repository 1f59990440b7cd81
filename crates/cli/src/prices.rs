//! `burnrate prices`: the price data this build carries, searchable. Token
//! prices come from public/prices.json (generated from genai-prices by
//! scripts/prices.sh); instances from public/accelerators.json (across
//! clouds, scripts/accelerators.py) and the shipped catalog's own; rerankers
//! from the shipped catalog; each with its own date.

use std::fmt::Write;

use burnrate_model::catalog::{Accelerator, Catalog, EmbeddingPrice, ModelPrice, RerankerPrice};
use serde::Serialize;

const PRICE_FILE: &str = include_str!("../../../public/prices.json");
const INSTANCE_FILE: &str = include_str!("../../../public/accelerators.json");

/// What `prices --json` prints.
#[derive(Serialize)]
pub struct Listing {
    /// Date of the token prices (models and embeddings).
    pub as_of: String,
    pub note: String,
    pub models: Vec<ModelPrice>,
    pub embeddings: Vec<EmbeddingPrice>,
    /// Date the instance list was compiled (each entry's source dates its price).
    pub accelerators_as_of: String,
    /// Date of the shipped catalog's own instance and reranker prices (the
    /// date the page shows by its verdict).
    pub shipped_accelerators_as_of: String,
    pub accelerators: Vec<Accelerator>,
    pub rerankers: Vec<RerankerPrice>,
}

/// Every entry whose id, name or provider holds each word of `search`
/// (ignoring case); everything without a search.
pub fn listing(search: Option<&str>) -> Result<Listing, String> {
    let file: Catalog = serde_json::from_str(PRICE_FILE)
        .map_err(|e| format!("the built-in price file does not parse: {e}"))?;
    let shipped = Catalog::shipped();
    let instances: Catalog = serde_json::from_str(INSTANCE_FILE)
        .map_err(|e| format!("the built-in instance list does not parse: {e}"))?;
    // The shipped entries the list does not have (older instance sizes), then the list.
    let accelerators = Catalog {
        accelerators: shipped.accelerators.clone(),
        ..Catalog::default()
    }
    .with_overrides(&instances)
    .accelerators;
    let search = burnrate_model::model_choice::Search::new(search.unwrap_or(""));
    let hit = |fields: &[&str]| search.hits(fields);
    Ok(Listing {
        as_of: file.as_of,
        note: file.note,
        models: keep(file.models, |m| search.hits_model(m)),
        embeddings: keep(file.embeddings, |e| hit(&[&e.id, &e.name])),
        accelerators_as_of: instances.as_of,
        shipped_accelerators_as_of: if shipped.accelerators_as_of.is_empty() {
            shipped.as_of.clone()
        } else {
            shipped.accelerators_as_of.clone()
        },
        accelerators: keep(accelerators, |a| hit(&[&a.id, &a.name])),
        rerankers: keep(shipped.rerankers, |r| hit(&[&r.id, &r.name])),
    })
}

fn keep<T>(mut entries: Vec<T>, hit: impl Fn(&T) -> bool) -> Vec<T> {
    entries.retain(hit);
    entries
}

/// The listing as a table: one line per entry, prices in USD.
pub fn render(l: &Listing) -> String {
    let mut out = String::new();
    let window = |w: Option<f64>| w.map_or("—".to_owned(), |w| format!("{}K", w / 1_000.0));
    if !l.models.is_empty() {
        let _ = writeln!(
            out,
            "Models (USD per 1M tokens, as of {}):\n{:<52} {:>10} {:>10} {:>10} {:>9}",
            l.as_of, "id", "input", "cached", "output", "context"
        );
        for m in &l.models {
            let mut notes = Vec::new();
            for t in &m.long_context {
                notes.push(format!(
                    "above {}K input: {}/{}",
                    t.above_input_tokens / 1_000.0,
                    t.usd_per_m_input,
                    t.usd_per_m_output
                ));
            }
            if let Some(w) = m.usd_per_m_cache_write {
                notes.push(format!("cache write {w}"));
            }
            if let Some(w) = m.usd_per_m_cache_write_1h {
                notes.push(format!("1-hour cache write {w}"));
            }
            if let Some(r) = m.usd_per_m_reasoning {
                notes.push(format!("reasoning {r}"));
            }
            for (name, t) in [
                ("batch", &m.batch),
                ("flex", &m.flex),
                ("priority", &m.priority),
            ] {
                if let Some(t) = t {
                    notes.push(format!(
                        "{name} {}/{}/{}",
                        t.usd_per_m_input, t.usd_per_m_cached_input, t.usd_per_m_output
                    ));
                }
            }
            if !m.rules.is_empty() {
                notes.push(format!("{} dated or hourly price rules", m.rules.len()));
            }
            let _ = writeln!(
                out,
                "{:<52} {:>10} {:>10} {:>10} {:>9}  {}",
                m.id,
                m.usd_per_m_input,
                m.usd_per_m_cached_input,
                m.usd_per_m_output,
                window(m.context_window_tokens),
                notes.join("; ")
            );
        }
    }
    if !l.embeddings.is_empty() {
        let _ = writeln!(out, "\nEmbeddings (USD per 1M tokens, as of {}):", l.as_of);
        for e in &l.embeddings {
            let _ = writeln!(
                out,
                "{:<52} {:>10} {:>6} dimensions",
                e.id, e.usd_per_m_tokens, e.dimensions
            );
        }
    }
    if !l.accelerators.is_empty() {
        let _ = writeln!(
            out,
            "\nAccelerators (USD per instance-hour; list compiled {}, each source dates its price; decode tokens/s a device for 7B at fp16):\n{:<36} {:>9} {:>9} {:>9} {:>9} {:>12} {:>8}",
            l.accelerators_as_of,
            "id",
            "on-demand",
            "spot",
            "1-year",
            "3-year",
            "devices",
            "decode"
        );
        let price = |p: Option<f64>| p.map_or("—".to_owned(), |p| p.to_string());
        for a in &l.accelerators {
            let _ = writeln!(
                out,
                "{:<36} {:>9} {:>9} {:>9} {:>9} {:>12} {:>8}",
                a.id,
                a.usd_per_hour,
                price(a.usd_per_hour_spot),
                price(a.usd_per_hour_1y),
                price(a.usd_per_hour_3y),
                format!("{} x {} GB", a.devices, a.memory_gb_per_device),
                a.decode_tokens_per_s_7b
            );
        }
    }
    if !l.rerankers.is_empty() {
        let _ = writeln!(
            out,
            "\nRerankers (USD per 1,000 searches, as of {}):",
            l.shipped_accelerators_as_of
        );
        for r in &l.rerankers {
            let _ = writeln!(out, "{:<52} {:>10}", r.id, r.usd_per_1k_searches);
        }
    }
    if out.is_empty() {
        out = "No price entry matches.\n".into();
    }
    crate::table::printable(&out)
}
