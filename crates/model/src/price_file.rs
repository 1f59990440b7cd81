//! Price files a team already has, read as catalog entries that override the
//! shipped ones by id (their negotiated rates, or a newer list):
//!
//! - burnrate's own catalog (`{"models": [...], ...}`, as `public/prices.json`);
//! - LiteLLM's `model_prices_and_context_window.json` (`{"gpt-4o": {"input_cost_per_token":
//!   …, "litellm_provider": "openai", "mode": "chat"}, …}`): chat and completion models,
//!   and embedding models that state their vector size;
//! - genai-prices' `data.json` (a list of providers, each with models and `prices` per
//!   million tokens; a model's unconditional prices, its first long-context tier).
//!
//! Ids: burnrate's as written; LiteLLM's keys as written; genai-prices' as
//! `provider/model`, the ids of `public/prices.json`.

use serde_json::{Map, Value};

use crate::catalog::{Catalog, EmbeddingPrice, LongContextTier, ModelPrice};
use crate::error::ModelError;

/// Reads a price file in any of the three formats, and validates it.
pub fn read(text: &str) -> Result<Catalog, ModelError> {
    let (catalog, dropped) = read_keeping(text)?;
    match dropped.first() {
        Some(d) if catalog.models.is_empty() && catalog.embeddings.is_empty() => {
            Err(invalid(format!(
                "none of its entries is valid (the first: {}, {})",
                crate::error::shortened(&d.id),
                d.reason
            )))
        }
        _ => Ok(catalog),
    }
}

/// An entry of a third party's file left out as invalid, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub id: String,
    pub reason: String,
}

/// [`read`], with the entries of a LiteLLM or genai-prices file left out
/// as invalid (burnrate's own format is valid whole or refused); the
/// catalog is empty when every entry was.
pub fn read_keeping(text: &str) -> Result<(Catalog, Vec<Dropped>), ModelError> {
    let v: Value =
        serde_json::from_str(text).map_err(|e| invalid(crate::error::json_error_in_words(&e)))?;
    let catalog = match &v {
        Value::Object(m)
            if ["models", "embeddings", "rerankers", "accelerators"]
                .iter()
                .any(|k| m.contains_key(*k)) =>
        {
            return own(v).map(|c| (c, Vec::new()));
        }
        Value::Object(m) => usable(litellm(m)),
        Value::Array(providers) => usable(genai_prices(providers)),
        _ => {
            return Err(invalid(
                "expected a catalog, a LiteLLM price map or genai-prices' provider list".into(),
            ));
        }
    };
    let (catalog, dropped) = catalog;
    if !dropped.is_empty() && catalog.models.is_empty() && catalog.embeddings.is_empty() {
        return Ok((catalog, dropped));
    }
    Ok((checked(catalog)?, dropped))
}

/// What to say of the entries left out: each one the scenario uses (`used`
/// ids), by name and reason, and how many others; None when none was.
pub fn dropped_note(dropped: &[Dropped], used: &[String]) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    // LiteLLM's `gpt-5.4` is also read as `openai/gpt-5.4`: one entry.
    let alias_of_used = |id: &str| used.iter().any(|u| u.ends_with(&format!("/{id}")));
    let (in_use, others): (Vec<&Dropped>, Vec<&Dropped>) = dropped
        .iter()
        .filter(|d| used.contains(&d.id) || !alias_of_used(&d.id))
        .partition(|d| used.contains(&d.id));
    let mut parts: Vec<String> = in_use
        .iter()
        .map(|d| {
            format!(
                "the file's entry for {} is invalid ({}), so it was left out",
                crate::error::shortened(&d.id),
                d.reason
            )
        })
        .collect();
    if !others.is_empty() {
        parts.push(format!(
            "{} invalid {} the scenario does not use {} left out too (the first: {}, {})",
            crate::markup::count(others.len() as f64),
            if others.len() == 1 {
                "entry"
            } else {
                "entries"
            },
            if others.len() == 1 { "was" } else { "were" },
            crate::error::shortened(&others[0].id),
            others[0].reason
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Reads a price file in burnrate's own format only (the page's price
/// lists, `public/prices.json`): the page's first load then carries no
/// reader of the other two formats, which importing a file loads on demand.
pub fn read_own(text: &str) -> Result<Catalog, ModelError> {
    own(serde_json::from_str(text).map_err(|e| invalid(crate::error::json_error_in_words(&e)))?)
}

fn own(v: Value) -> Result<Catalog, ModelError> {
    checked(
        crate::path_reader::read(v).map_err(|e| invalid(crate::error::in_words(&e.to_string())))?,
    )
}

/// A file's catalog, if it prices something and every entry is valid.
fn checked(catalog: Catalog) -> Result<Catalog, ModelError> {
    if catalog.models.is_empty()
        && catalog.embeddings.is_empty()
        && catalog.accelerators.is_empty()
        && catalog.rerankers.is_empty()
    {
        return Err(invalid("it holds no model with token prices".into()));
    }
    catalog.validate_entries("prices")?;
    Ok(catalog)
}

/// A third party's file keeps the entries burnrate can use: LiteLLM's
/// holds thousands, a few with a zero context window or a placeholder
/// price, and one of them must not refuse the rest; those left out are
/// named with the reason.
fn usable(mut c: Catalog) -> (Catalog, Vec<Dropped>) {
    let mut dropped = Vec::new();
    let mut keep = |one: Catalog, id: &str| match one.validate_entries("prices") {
        Ok(()) => true,
        Err(e) => {
            let reason = e.to_string();
            // The field inside the one entry checked: `usd_per_m_input: …`.
            let reason = reason
                .split_once("[0].")
                .map_or(reason.as_str(), |(_, r)| r)
                .to_owned();
            dropped.push(Dropped {
                id: id.to_owned(),
                reason,
            });
            false
        }
    };
    c.models.retain(|m| {
        keep(
            Catalog {
                models: vec![m.clone()],
                ..Catalog::default()
            },
            &m.id,
        )
    });
    c.embeddings.retain(|e| {
        keep(
            Catalog {
                embeddings: vec![e.clone()],
                ..Catalog::default()
            },
            &e.id,
        )
    });
    (c, dropped)
}

fn invalid(message: String) -> ModelError {
    ModelError::Invalid {
        field: "prices".into(),
        message,
    }
}

fn number(m: &Map<String, Value>, key: &str) -> Option<f64> {
    m.get(key).and_then(Value::as_f64)
}

/// LiteLLM: prices per token; chat and completion models, and embeddings
/// with `output_vector_size`. Other modes (images, audio) are skipped.
fn litellm(map: &Map<String, Value>) -> Catalog {
    let mut c = Catalog::default();
    for (id, entry) in map {
        let Some(e) = entry.as_object() else { continue };
        let per_m = |key: &str| number(e, key).map(|p| p * 1e6);
        let provider = e
            .get("litellm_provider")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let source = format!("LiteLLM price file ({provider})");
        match e.get("mode").and_then(Value::as_str) {
            Some("chat" | "completion") => {
                let (Some(input), Some(output)) = (
                    per_m("input_cost_per_token"),
                    per_m("output_cost_per_token"),
                ) else {
                    continue;
                };
                let m = ModelPrice {
                    id: id.clone(),
                    name: id.clone(),
                    provider: provider.clone(),
                    usd_per_m_input: input,
                    usd_per_m_cached_input: per_m("cache_read_input_token_cost").unwrap_or(input),
                    usd_per_m_output: output,
                    usd_per_m_cache_write: per_m("cache_creation_input_token_cost"),
                    usd_per_m_reasoning: per_m("output_cost_per_reasoning_token"),
                    context_window_tokens: number(e, "max_input_tokens")
                        .or_else(|| number(e, "max_tokens")),
                    usd_per_k_requests: number(e, "input_cost_per_request")
                        .map_or(0.0, |p| p * 1e3),
                    source,
                    ..ModelPrice::default()
                };
                // LiteLLM keys OpenAI's GPT-5.4 `gpt-5.4`; burnrate's
                // catalog (genai-prices' ids) `openai/gpt-5.4`: the entry
                // answers to both.
                if !provider.is_empty() && !id.contains('/') {
                    c.models.push(ModelPrice {
                        id: format!("{provider}/{id}"),
                        ..m.clone()
                    });
                }
                c.models.push(m);
            }
            Some("embedding") => {
                let (Some(price), Some(dimensions)) = (
                    per_m("input_cost_per_token"),
                    number(e, "output_vector_size"),
                ) else {
                    continue;
                };
                c.embeddings.push(EmbeddingPrice {
                    id: id.clone(),
                    name: id.clone(),
                    usd_per_m_tokens: price,
                    dimensions: dimensions as u32,
                    source,
                });
            }
            _ => {}
        }
    }
    c
}

/// genai-prices: providers with models whose `prices` are per million
/// tokens (a number, or `{"base", "tiers"}`), or a list of conditional
/// prices of which the unconditional one is taken.
fn genai_prices(providers: &[Value]) -> Catalog {
    let mut c = Catalog::default();
    for p in providers.iter().filter_map(Value::as_object) {
        let provider = p.get("id").and_then(Value::as_str).unwrap_or("");
        let provider_name = p.get("name").and_then(Value::as_str).unwrap_or(provider);
        let url = p
            .get("pricing_urls")
            .and_then(|u| u.get(0))
            .and_then(Value::as_str)
            .unwrap_or("genai-prices");
        for m in p
            .get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            let Some(model) = m.get("id").and_then(Value::as_str) else {
                continue;
            };
            let prices = match m.get("prices") {
                Some(Value::Array(list)) => list
                    .iter()
                    .find(|cp| cp.get("constraint").is_none_or(Value::is_null))
                    .and_then(|cp| cp.get("prices")),
                other => other,
            };
            let Some(prices) = prices.and_then(Value::as_object) else {
                continue;
            };
            let base = |key: &str| match prices.get(key) {
                Some(Value::Object(t)) => number(t, "base"),
                Some(v) => v.as_f64(),
                None => None,
            };
            let (Some(input), Some(output)) = (base("input_mtok"), base("output_mtok")) else {
                continue;
            };
            // Each key's price above `start`: its highest tier at or below
            // it (genai-prices' tiers are cliffs), else its base.
            let at = |key: &str, start: f64| {
                let crossed = prices
                    .get(key)
                    .and_then(|v| v.get("tiers")?.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|t| Some((t.get("start")?.as_f64()?, t.get("price")?.as_f64()?)))
                    .filter(|(s, _)| *s <= start)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, price)| price);
                crossed.or_else(|| base(key))
            };
            let mut starts: Vec<f64> = prices
                .values()
                .filter_map(|v| v.get("tiers")?.as_array())
                .flatten()
                .filter_map(|t| t.get("start")?.as_f64())
                .collect();
            starts.sort_by(f64::total_cmp);
            starts.dedup();
            let long_context: Vec<LongContextTier> = starts
                .into_iter()
                .map(|start| {
                    let input = at("input_mtok", start).unwrap_or(input);
                    LongContextTier {
                        above_input_tokens: start,
                        usd_per_m_input: input,
                        usd_per_m_cached_input: at("cache_read_mtok", start).unwrap_or(input),
                        usd_per_m_output: at("output_mtok", start).unwrap_or(output),
                        usd_per_m_cache_write: at("cache_write_mtok", start),
                        usd_per_m_cache_write_1h: at("cache_write_1h_mtok", start),
                    }
                })
                .collect();
            c.models.push(ModelPrice {
                id: format!("{provider}/{model}"),
                name: m
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(model)
                    .to_owned(),
                provider: provider_name.to_owned(),
                usd_per_m_input: input,
                usd_per_m_cached_input: base("cache_read_mtok").unwrap_or(input),
                usd_per_m_output: output,
                usd_per_m_cache_write: base("cache_write_mtok"),
                usd_per_m_cache_write_1h: base("cache_write_1h_mtok"),
                // One reasoning price beside one table (as every model
                // genai-prices gives one has); with tiers, billed as output.
                usd_per_m_reasoning: base("output_reasoning_mtok")
                    .filter(|_| long_context.is_empty()),
                long_context,
                context_window_tokens: m.get("context_window").and_then(Value::as_f64),
                usd_per_k_requests: base("requests_kcount").unwrap_or(0.0),
                source: format!("{url} (genai-prices file)"),
                ..ModelPrice::default()
            });
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LiteLLM's per-token prices become per-million ones: $2.5e-6 a token
    /// is $2.50 per 1M tokens.
    #[test]
    fn a_litellm_file_reads_chat_and_embedding_models() {
        let c = read(
            r#"{
              "sample_spec": {"mode": "chat"},
              "gpt-4o": {"input_cost_per_token": 2.5e-6, "output_cost_per_token": 1e-5,
                         "cache_read_input_token_cost": 1.25e-6, "max_input_tokens": 128000,
                         "litellm_provider": "openai", "mode": "chat"},
              "text-embedding-3-small": {"input_cost_per_token": 2e-8, "output_vector_size": 1536,
                         "litellm_provider": "openai", "mode": "embedding"},
              "dall-e-3": {"mode": "image_generation"}
            }"#,
        )
        .unwrap();
        // Under LiteLLM's key and under genai-prices' (the catalog's) id.
        let ids: Vec<&str> = c.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["openai/gpt-4o", "gpt-4o"]);
        assert_eq!(c.models[0].usd_per_m_input, c.models[1].usd_per_m_input);
        let m = &c.models[1];
        assert!((m.usd_per_m_input - 2.5).abs() < 1e-9 && (m.usd_per_m_output - 10.0).abs() < 1e-9);
        assert!((m.usd_per_m_cached_input - 1.25).abs() < 1e-9);
        assert_eq!(m.context_window_tokens, Some(128_000.0));
        assert_eq!(c.embeddings[0].dimensions, 1536);
        assert!((c.embeddings[0].usd_per_m_tokens - 0.02).abs() < 1e-12);
    }

    /// One unusable entry (LiteLLM lists some with a zero context window)
    /// is left out; the rest of the file is read.
    #[test]
    fn a_third_party_file_keeps_its_usable_entries() {
        let c = read(
            r#"{
              "good": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6, "mode": "chat"},
              "zero-window": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
                              "max_input_tokens": 0, "mode": "chat"}
            }"#,
        )
        .unwrap();
        let ids: Vec<&str> = c.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["good"]);
    }

    #[test]
    fn a_genai_prices_file_reads_base_prices_and_the_first_tier() {
        let c = read(
            r#"[{"id": "google", "name": "Google", "pricing_urls": ["https://ai.google.dev/gemini-api/docs/pricing"],
                 "models": [
                   {"id": "gemini-2.5-pro", "name": "Gemini 2.5 Pro",
                    "prices": {"input_mtok": {"base": 1.25, "tiers": [{"start": 200000, "price": 2.5}]},
                               "cache_read_mtok": {"base": 0.125, "tiers": [{"start": 200000, "price": 0.25}]},
                               "output_mtok": {"base": 10, "tiers": [{"start": 200000, "price": 15}]}}},
                   {"id": "deepseek-like", "context_window": 64000,
                    "prices": [{"prices": {"input_mtok": 0.135, "output_mtok": 0.55}},
                               {"constraint": {"start_time": "00:30:00Z", "end_time": "16:30:00Z"},
                                "prices": {"input_mtok": 0.27, "output_mtok": 1.1}}]},
                   {"id": "tts-only", "prices": {"output_audio_mtok": 20}}
                 ]}]"#,
        )
        .unwrap();
        assert_eq!(c.models.len(), 2);
        let g = &c.models[0];
        assert_eq!(
            (g.id.as_str(), g.usd_per_m_input, g.usd_per_m_output),
            ("google/gemini-2.5-pro", 1.25, 10.0)
        );
        let t = &g.long_context[0];
        assert_eq!(
            (
                t.above_input_tokens,
                t.usd_per_m_input,
                t.usd_per_m_cached_input,
                t.usd_per_m_output
            ),
            (200_000.0, 2.5, 0.25, 15.0)
        );
        let d = &c.models[1];
        assert_eq!(
            (
                d.usd_per_m_input,
                d.usd_per_m_cached_input,
                d.context_window_tokens
            ),
            (0.135, 0.135, Some(64_000.0))
        );
    }

    #[test]
    fn burnrate_files_read_as_they_are_and_bad_files_say_why() {
        let own = r#"{"models": [{"id": "ours", "usd_per_m_input": 1, "usd_per_m_cached_input": 1, "usd_per_m_output": 2}]}"#;
        assert_eq!(read(own).unwrap().models[0].id, "ours");
        for (bad, says) in [
            ("not json", "not JSON"),
            ("42", "expected a catalog"),
            ("{}", "no model with token prices"),
            (
                r#"{"models": [{"id": "x", "usd_per_m_input": -1, "usd_per_m_cached_input": 1, "usd_per_m_output": 2}]}"#,
                "usd_per_m_input",
            ),
            (r#"{"models": [{"id": 3}]}"#, "models[0].id"),
        ] {
            let e = read(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
