//! Share links: a whole scenario in a URL, compact enough for chat (every
//! preset under 2,000 characters). The scenario's JSON has its keys replaced
//! by short codes from a fixed table, is deflated, followed by an 8-byte
//! XXH64 checksum of the JSON, and base64url-encoded: `…#s=2.<payload>`, in
//! the fragment so the scenario never reaches a server. (zlib's Adler-32 was
//! tried first: a one-character edit that swapped "footprint" into
//! "foortpint" kept its sum, so it opened.)
//!
//! A link opens only if it is exactly what burnrate writes: the checksum
//! matches, nothing follows the compressed stream, and the JSON re-serializes
//! to the same bytes (so a key given twice, where the last would silently
//! win, is refused). Format-1 links (raw deflate, no checksum, before
//! 2026-12) still open, reported as unchecked.
//!
//! Decoding never panics: every way a link can be bad (cut short, edited,
//! from a newer version, oversized, invalid values) is a [`LinkError`] with a
//! message for people.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::error::ModelError;
use crate::scenario::Scenario;

/// The codec version written before the payload: deflate and a checksum.
pub const CODEC: &str = "2";
/// The first format: raw deflate, no checksum. Still opened, as unchecked.
pub const UNCHECKED_CODEC: &str = "1";
/// Links longer than this are refused before any decoding.
pub const MAX_LINK_CHARS: usize = 100_000;
/// Most bytes a payload may inflate to (a guard against decompression bombs).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// JSON keys and their short codes: the code is the position in this list.
/// Append-only: a key's position must never change, or old links break.
/// `tests/link.rs` checks every key a scenario can have is listed.
const KEYS: &[&str] = &[
    "schema_version",
    "name",
    "description",
    "seed",
    "trials",
    "horizon_months",
    "monthly_budget_usd",
    "currency",
    "workload",
    "queries_per_day",
    "kind",
    "p5",
    "p95",
    "monthly_growth",
    "business_hours_share",
    "business_start_hour",
    "business_end_hour",
    "weekend_factor",
    "hourly_burst_cv",
    "turns_per_conversation",
    "low",
    "mode",
    "high",
    "query_tokens",
    "mean_tokens",
    "cv_per_query",
    "output_tokens",
    "history_tokens_per_turn",
    "agents",
    "agentic_share",
    "value",
    "steps_per_run",
    "mean",
    "dispersion",
    "context_growth_tokens_per_step",
    "output_tokens_per_step",
    "tool_usd_per_step",
    "loop_probability",
    "loop_timeout_steps",
    "outcome",
    "success_rate",
    "value_per_success_usd",
    "architectures",
    "id",
    "design",
    "instruction_tokens",
    "serving",
    "model",
    "prompt_cache_share",
    "batch_share",
    "routing",
    "guardrails",
    "output_cap_tokens",
    "history_cap_tokens",
    "semantic_cache",
    "agent_step_limit",
    "agent_budget_cap_usd",
    "overheads",
    "engineering_hours_per_month",
    "engineer_usd_per_hour",
    "monitoring_usd_per_month",
    "sandbox_usd_per_month",
    "retrieval",
    "corpus_gb",
    "text_share",
    "tokens_per_gb",
    "monthly_churn",
    "chunk_tokens",
    "embedding_model",
    "chunks_retrieved",
    "reranker",
    "chunks_kept",
    "vector_db",
    "precision",
    "index_overhead",
    "replicas",
    "storage",
    "ram_share",
    "ram_usd_per_gb_month",
    "ssd_usd_per_gb_month",
    "base_usd_per_month",
    "fine_tuning",
    "examples",
    "minutes_per_example",
    "sme_usd_per_hour",
    "training_accelerator",
    "hours_per_run",
    "runs_per_sweep",
    "training_spot",
    "share",
    "discount",
    "interruption_overhead",
    "retrain_every_months",
    "retrain_curation_share",
    "retrain_runs",
    "accelerator",
    "model_params_b",
    "quantization",
    "hosting",
    "instances",
    "max_utilization",
    "attention_knee_tokens",
    "spot",
    "min_instances",
    "max_instances",
    "cold_start_minutes",
    "correlations",
    "catalog",
    "sd",
    "price_premium",
    "idle_timeout_s",
    "cold_start_s",
    "frontier_model",
    "frontier_share",
    "hit_rate",
    "usd_per_month",
    "a",
    "b",
    "rank_correlation",
    "as_of",
    "note",
    "models",
    "embeddings",
    "rerankers",
    "accelerators",
    "usd_per_m_input",
    "usd_per_m_cached_input",
    "usd_per_m_output",
    "batch_discount",
    "source",
    "usd_per_m_tokens",
    "dimensions",
    "usd_per_1k_searches",
    "docs_per_search",
    "usd_per_hour",
    "devices",
    "memory_gb_per_device",
    "prefill_tokens_per_s_7b",
    "decode_tokens_per_s_7b",
    "commitment",
    "term_years",
    "fallback_model",
    "single_stream_decode_tokens_per_s_7b",
    "billing_minimum_s",
    "context_window_tokens",
    "reasoning_tokens_per_call",
    "provider",
    "usd_per_m_cache_write",
    "long_context",
    "above_input_tokens",
    "flex_ratio",
    "priority_ratio",
    "rules",
    "from",
    "utc_hours",
    "utc_start_hour",
    "utc_end_hour",
    "utc_offset_hours",
    "prompt_cache_write_share",
    "flex_share",
    "priority_share",
    "accelerators_as_of",
    "start_month",
    "usd_per_hour_spot",
    "usd_per_hour_1y",
    "usd_per_hour_3y",
    "bytes_per_param",
    "batched_decode_speedup",
    "single_stream_decode_speedup",
    "usd_per_k_requests",
    "usd_per_m_cache_write_1h",
    "prompt_cache_write_1h_share",
    "batch",
    "flex",
    "priority",
    "usd_per_m_reasoning",
    "provisioned",
    "units",
    "usd_per_unit_hour",
    "tokens_per_minute_per_unit",
    "output_weight",
    "cached_input_weight",
    "overflow",
];

const DIGITS: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn code(i: usize) -> String {
    if i < 62 {
        (DIGITS[i] as char).to_string()
    } else {
        // Three characters, so never equal to a one-character code.
        format!("_{}{}", DIGITS[i / 62 % 62] as char, DIGITS[i % 62] as char)
    }
}

/// Why a link cannot be opened. The message is for the person holding the link.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LinkError {
    #[error("This link has no scenario in it (the part after #s= is missing or empty).")]
    Empty,
    #[error(
        "This link is {0} characters long, more than burnrate ever writes (100,000): it was not made by burnrate."
    )]
    TooLong(usize),
    #[error(
        "This link was made by a newer version of burnrate (link format {0}); open it in a newer version."
    )]
    FutureFormat(String),
    #[error(
        "This does not look like a burnrate link: it should start with #s=2. followed by the scenario."
    )]
    NotALink,
    #[error(
        "This link is damaged: it contains characters a burnrate link never has. Was it cut or edited?"
    )]
    NotBase64,
    #[error("This link is damaged or cut short: its data does not unpack.")]
    Corrupted,
    #[error(
        "This link is damaged: its checksum does not match its contents, so a character was changed or lost on the way. Ask for the link again."
    )]
    ChecksumMismatch,
    #[error(
        "This link has extra data after its scenario (two links run together, or text added to the end): burnrate opens a link only as it wrote it."
    )]
    TrailingData,
    #[error(
        "This link was edited: its scenario is not written the way burnrate writes it (a key given twice, or added spaces). burnrate refuses it rather than guess which value was meant."
    )]
    Edited,
    #[error(
        "This link unpacks to more than 1 MB, far more than any scenario: it was not made by burnrate."
    )]
    TooLarge,
    #[error(
        "This link was made by a newer version of burnrate (scenario version {found}, this one reads up to {supported}); open it in a newer version."
    )]
    FutureVersion { found: u64, supported: u32 },
    #[error("This link holds something that is not a valid scenario: {0}")]
    NotAScenario(String),
    #[error("This link's scenario has a value burnrate cannot use: {0}")]
    Invalid(ModelError),
}

fn map_keys(v: &Value, f: &dyn Fn(&str) -> Option<String>) -> Option<Value> {
    Some(match v {
        Value::Object(m) => {
            let mut out = Map::with_capacity(m.len());
            for (k, v) in m {
                out.insert(f(k)?, map_keys(v, f)?);
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| map_keys(v, f)).collect::<Option<_>>()?),
        other => other.clone(),
    })
}

fn shorten(key: &str) -> Option<String> {
    Some(match KEYS.iter().position(|k| *k == key) {
        Some(i) => code(i),
        // A key the table lacks travels as itself, marked with a tilde.
        None => format!("~{key}"),
    })
}

fn lengthen(code_text: &str) -> Option<String> {
    if let Some(key) = code_text.strip_prefix('~') {
        return Some(key.to_owned());
    }
    (0..KEYS.len())
        .find(|&i| code(i) == code_text)
        .map(|i| KEYS[i].to_owned())
}

/// The payload (`2.<base64url>`) of a scenario, carrying the prices it uses
/// (the shipped catalog's entries copied in), so the link gives the same
/// numbers after the catalog is updated.
pub fn encode(s: &Scenario) -> String {
    let text = text_of(s);
    seal(miniz_oxide::deflate::compress_to_vec(&text, 10), &text)
}

/// The text a link to `s` deflates: `s` with the prices it uses pinned
/// ([`encode`]), as JSON with short keys. The page deflates it with the
/// browser's own zlib and [`seal`]s the result: miniz's compressor was
/// 8.4 KB of the first load (gzip).
pub fn text_of(s: &Scenario) -> Vec<u8> {
    let s = crate::pin::pinned(s, &crate::catalog::Catalog::shipped());
    short_text(&serde_json::to_value(&s).unwrap_or(Value::Null))
}

fn short_text(json: &Value) -> Vec<u8> {
    let short = map_keys(json, &shorten).unwrap_or(Value::Null);
    serde_json::to_vec(&short).unwrap_or_default()
}

/// The payload of `deflated`, any raw deflate stream of `text` (from
/// [`text_of`]): its checksum after it, in base64url behind the codec.
/// Which encoder made the stream does not matter to a reader.
pub fn seal(mut deflated: Vec<u8>, text: &[u8]) -> String {
    deflated.extend_from_slice(&checksum(text));
    format!("{CODEC}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// `text` as a raw deflate stream of stored (uncompressed) blocks: what
/// the page seals where the browser cannot deflate (no
/// `CompressionStream("deflate-raw")`: Chrome before 103, Firefox before
/// 113). A longer link that every reader opens (RFC 1951, 3.2.4).
pub fn stored(text: &[u8]) -> Vec<u8> {
    const MOST: usize = 65_535;
    let mut out = Vec::with_capacity(text.len() + 5 * (text.len() / MOST + 1));
    let mut blocks = text.chunks(MOST).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let len = block.len() as u16;
        out.push(u8::from(blocks.peek().is_none()));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

/// A full share link: `base` (the app's address) with the scenario in the fragment.
pub fn share_url(base: &str, s: &Scenario) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#s={}", encode(s))
}

/// The payload from whatever the user has: a whole URL, a fragment, `s=…`, or the payload.
pub fn payload_of(text: &str) -> &str {
    let text = text.trim();
    let is_url = text.contains("://") || text.starts_with(['#', '?']) || text.starts_with("s=");
    if !is_url {
        return text;
    }
    // The fragment first (where burnrate writes it), then the query.
    let fragment = text.split_once('#').map_or("", |(_, f)| f);
    let query = text
        .split_once('?')
        .map_or("", |(_, q)| q.split('#').next().unwrap_or(""));
    let start = if text.starts_with("s=") { text } else { "" };
    [fragment, query, start]
        .into_iter()
        .flat_map(|part| part.split('&'))
        .find_map(|param| param.strip_prefix("s="))
        .unwrap_or("")
}

/// A scenario read from a link, and whether the link carried a checksum.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub scenario: Scenario,
    /// False for format-1 links: they cannot show whether they were edited.
    pub checked: bool,
}

/// Reads a scenario from a link (or its payload), migrating older versions,
/// and validates it.
pub fn decode(text: &str) -> Result<Scenario, LinkError> {
    open(text).map(|o| o.scenario)
}

/// [`decode`], also saying whether the link was checked.
pub fn open(text: &str) -> Result<Opened, LinkError> {
    let (json, checked) = payload_json(text)?;
    let scenario = crate::migrate::scenario_from_json(json).map_err(|e| match e {
        ModelError::FutureVersion { found, supported } => {
            LinkError::FutureVersion { found, supported }
        }
        other => LinkError::NotAScenario(
            other
                .to_string()
                .trim_start_matches("not a valid scenario: ")
                .to_owned(),
        ),
    })?;
    // The carried prices that equal today's catalog change nothing.
    let scenario = crate::pin::unpinned(&scenario, &crate::catalog::Catalog::shipped());
    // Preparing validates too, and resolves catalog names.
    crate::engine::Prepared::new(&scenario).map_err(LinkError::Invalid)?;
    Ok(Opened { scenario, checked })
}

/// The JSON a link carries (long keys, before migration), and whether the
/// link was checked: for tools and tests that look inside a link.
pub fn payload_json(text: &str) -> Result<(Value, bool), LinkError> {
    if text.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(text.chars().count()));
    }
    let payload = payload_of(text);
    if payload.is_empty() {
        return Err(LinkError::Empty);
    }
    let Some((codec, data)) = payload.split_once('.') else {
        return Err(LinkError::NotALink);
    };
    let checked = match codec {
        CODEC => true,
        UNCHECKED_CODEC => false,
        _ => {
            return Err(match codec.parse::<u32>() {
                Ok(n) if n > 2 => LinkError::FutureFormat(codec.chars().take(10).collect()),
                _ => LinkError::NotALink,
            });
        }
    };
    if data.is_empty() {
        return Err(LinkError::Empty);
    }
    if !data
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(LinkError::NotBase64);
    }
    // Valid characters that still do not decode: the link was cut mid-character
    // (the last character's unused bits must be zero, as burnrate writes them).
    let packed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|_| LinkError::Corrupted)?;
    let text = inflate(&packed, checked)?;
    let short: Value = serde_json::from_slice(&text).map_err(|_| LinkError::Corrupted)?;
    // Exactly what burnrate writes, or an edit (a repeated key would
    // otherwise silently keep its last value).
    if serde_json::to_vec(&short).ok().as_deref() != Some(&text[..]) {
        return Err(LinkError::Edited);
    }
    let json = map_keys(&short, &lengthen).ok_or(LinkError::Corrupted)?;
    Ok((json, checked))
}

/// The payload for raw JSON with long keys (also for tests and tools that
/// build links with values a scenario could not hold).
pub fn encode_json(json: &Value) -> String {
    let text = short_text(json);
    seal(miniz_oxide::deflate::compress_to_vec(&text, 10), &text)
}

/// The 8 bytes after a format-2 stream: XXH64 (seed 0) of the JSON, big-endian.
fn checksum(json: &[u8]) -> [u8; 8] {
    xxhash_rust::xxh64::xxh64(json, 0).to_be_bytes()
}

/// A format-1 payload (raw deflate, no checksum), as burnrate wrote before
/// 2026-12: for the tests that old links keep opening.
pub fn encode_unchecked(s: &Scenario) -> String {
    let text = short_text(&serde_json::to_value(s).unwrap_or(Value::Null));
    format!(
        "{UNCHECKED_CODEC}.{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&text, 10))
    )
}

/// Inflates exactly one deflate stream, at most [`MAX_JSON_BYTES`], followed
/// by exactly its checksum (format 2) or nothing (format 1).
fn inflate(mut packed: &[u8], checked: bool) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::TINFLStatus;
    use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let trailer = if checked { 8 } else { 0 };
    let mut out = vec![0; packed.len().saturating_mul(4).clamp(64, MAX_JSON_BYTES)];
    let mut state = Box::<DecompressorOxide>::default();
    let mut written = 0;
    loop {
        let (status, read, wrote) = decompress(&mut state, packed, &mut out, written, flags);
        written += wrote;
        packed = packed.get(read..).ok_or(LinkError::Corrupted)?;
        match status {
            TINFLStatus::Done if packed.len() < trailer => return Err(LinkError::Corrupted),
            TINFLStatus::Done if packed.len() > trailer => return Err(LinkError::TrailingData),
            TINFLStatus::Done => {
                out.truncate(written);
                return match checked && packed != checksum(&out) {
                    true => Err(LinkError::ChecksumMismatch),
                    false => Ok(out),
                };
            }
            TINFLStatus::HasMoreOutput if out.len() >= MAX_JSON_BYTES => {
                return Err(LinkError::TooLarge);
            }
            TINFLStatus::HasMoreOutput => {
                out.resize(out.len().saturating_mul(2).min(MAX_JSON_BYTES), 0)
            }
            _ => return Err(LinkError::Corrupted),
        }
    }
}

/// The table's keys (for the test that every scenario key is in it).
pub fn known_keys() -> &'static [&'static str] {
    KEYS
}
