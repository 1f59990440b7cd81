//! The price of one request as the catalog lists it: what a usage log's
//! request cost where the log carries no cost (a bill read from the usage
//! logs `calibrate` reads, issue 31), through the same prices a trial pays
//! ([`TokenPrices::of`]). The genai-prices test checks this function
//! request by request against genai-prices' own `calc_price`.
//!
//! A log names a model as its provider's API returned it
//! (`gpt-5.4-2026-03-05`, `claude-sonnet-4-5-20250929`,
//! `anthropic.claude-3-5-sonnet-20240620-v1:0`), the catalog by a
//! provider-qualified id (`openai/gpt-5.4`): [`log_model`] matches the two.

use crate::catalog::ModelPrice;
use crate::error::ModelError;
use crate::levers::managed_api::{ManagedApi, TokenPrices};

/// A request's tokens. `input` counts everything sent, the cache's reads
/// and writes included; `reasoning` is the hidden part of `output`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tokens {
    pub input: f64,
    pub output: f64,
    pub reasoning: f64,
    pub cache_read: f64,
    pub cache_write: f64,
    /// Of `cache_write`, written for an hour (Anthropic's longer cache).
    pub cache_write_1h: f64,
}

/// The processing tier a request ran on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Standard,
    Batch,
    Flex,
    Priority,
}

impl Tier {
    pub fn parse(text: &str) -> Option<Tier> {
        match text {
            "standard" => Some(Tier::Standard),
            "batch" => Some(Tier::Batch),
            "flex" => Some(Tier::Flex),
            "priority" => Some(Tier::Priority),
            _ => None,
        }
    }
}

/// What `model` (as in force on the request's day: [`ModelPrice::at`])
/// charges for `t` on `tier` in minute `utc_minute` of the UTC day (an
/// off-peak price applies by the minute), in US dollars.
pub fn usd(m: &ModelPrice, t: &Tokens, tier: Tier, utc_minute: usize) -> Result<f64, ModelError> {
    let share = |on: Tier| if tier == on { 1.0 } else { 0.0 };
    let of_input = |tokens: f64| {
        if t.input > 0.0 { tokens / t.input } else { 0.0 }
    };
    let api = ManagedApi {
        model: m.id.clone(),
        prompt_cache_share: of_input(t.cache_read),
        prompt_cache_write_share: of_input(t.cache_write),
        prompt_cache_write_1h_share: if t.cache_write > 0.0 {
            t.cache_write_1h / t.cache_write
        } else {
            0.0
        },
        batch_share: share(Tier::Batch),
        flex_share: share(Tier::Flex),
        priority_share: share(Tier::Priority),
        provisioned: None,
    };
    let mut minutes = vec![0.0; 1_440];
    minutes[utc_minute.min(1_439)] = 1.0;
    // No spread in size: a long-context tier applies exactly when this
    // request's input is above it.
    let p = TokenPrices::of(m, &api, &minutes, 0.0, "request")?;
    let (input, output) = p.rates(t.input);
    Ok(
        t.input * input + t.output * output - t.reasoning * p.usd_off_per_reasoning_token
            + p.usd_per_call,
    )
}

/// The model of `models` a log's `name` is: one whose id (without its
/// provider, `openai/`) is the name (without a provider or region prefix:
/// `openai/`, `azure/`, `anthropic.`, `us.`) or the name's start followed
/// by a version or date only (`-2026-03-05`, `-20250929`, `@20250929`,
/// `-v1:0`, `-latest`). A name that only starts like a model
/// (`gpt-5.4-mini` against `gpt-5.4`) is not that model.
///
/// Several providers list the same model (`openai/gpt-5.4`,
/// `aws/openai.gpt-5.4`, `openrouter/openai/gpt-5.4`): the id the name
/// spells out wins, then the provider the name starts with (`azure/…`),
/// then Bedrock's profile the name asks for (`us.`…: the catalog's
/// `regional.` prices; `global.`), then one of `preferred` (the scenario's
/// models), then the model's maker (told by its family: `claude` →
/// `anthropic/`), then an id that is the name exactly, then the longest
/// match, then the shortest id. An id ending in `-latest` stands for its
/// model's dated names.
pub fn log_model<'a>(
    models: &'a [ModelPrice],
    name: &str,
    preferred: &[&str],
) -> Option<&'a ModelPrice> {
    let full = name.trim().to_ascii_lowercase();
    let wanted = bare(&full);
    let provider = full.split_once('/').map(|(p, _)| p);
    let region = region_of(&full);
    let maker = maker_of(&wanted);
    models
        .iter()
        .filter_map(|m| {
            let id = m.id.to_ascii_lowercase();
            let tail = bare(&id);
            // An id for "the latest" stands for its model's name.
            let stem = tail.strip_suffix("-latest").unwrap_or(&tail);
            let matches = !stem.is_empty()
                && wanted
                    .strip_prefix(stem)
                    .is_some_and(|rest| rest.is_empty() || is_version(rest));
            // Listed by its maker: `openai/gpt-5.4`, not `aws/openai.gpt-5.4`
            // or `google/claude-…`.
            let by_maker = id.split_once('/').is_some_and(|(p, rest)| {
                maker == Some(p) && !rest.contains('/') && bare(rest) == rest
            });
            matches.then(|| {
                let rank = (
                    id == full,
                    provider.is_some_and(|p| id.starts_with(&format!("{p}/"))),
                    region.is_some_and(|r| region_of(&id) == Some(r)),
                    preferred.iter().any(|p| p.eq_ignore_ascii_case(&m.id)),
                    by_maker,
                    tail == wanted,
                    stem.len(),
                    std::cmp::Reverse(id.len()),
                    std::cmp::Reverse(id),
                );
                (rank, m)
            })
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, m)| m)
}

/// The provider that makes a model, told from its name's family (a model
/// listed by its maker and by resellers is priced as its maker lists it).
fn maker_of(name: &str) -> Option<&'static str> {
    const FAMILIES: [(&str, &str); 19] = [
        ("gpt-", "openai"),
        ("o1", "openai"),
        ("o3", "openai"),
        ("o4", "openai"),
        ("chatgpt", "openai"),
        ("claude", "anthropic"),
        ("gemini", "google"),
        ("gemma", "google"),
        ("mistral", "mistral"),
        ("codestral", "mistral"),
        ("magistral", "mistral"),
        ("grok", "x-ai"),
        ("deepseek", "deepseek"),
        ("command", "cohere"),
        ("llama", "meta"),
        ("kimi", "moonshotai"),
        ("glm", "zai"),
        ("minimax", "minimax"),
        ("sonar", "perplexity"),
    ];
    FAMILIES
        .iter()
        .find(|(family, _)| name.starts_with(family))
        .map(|(_, maker)| *maker)
}

/// Bedrock's inference profile a name asks for: cross-region in one
/// geography (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `us-gov.`: the catalog's
/// `regional.` prices) or `global.`.
fn region_of(name: &str) -> Option<&'static str> {
    let tail = name.rsplit('/').next().unwrap_or(name);
    if tail.starts_with("global.") {
        Some("global")
    } else if REGIONS
        .iter()
        .chain(&PROVIDERS)
        .any(|r| tail.starts_with(r))
    {
        // A geography, or Bedrock's bare `anthropic.…` (in one region).
        Some("regional")
    } else {
        None
    }
}

const REGIONS: [&str; 7] = ["us.", "eu.", "apac.", "jp.", "au.", "us-gov.", "regional."];

/// Bedrock's model id prefixes (`anthropic.claude-…`).
const PROVIDERS: [&str; 8] = [
    "anthropic.",
    "meta.",
    "mistral.",
    "amazon.",
    "cohere.",
    "ai21.",
    "deepseek.",
    "openai.",
];

/// A model name without what names its provider or region: the part after
/// the last `/`, then without a leading `provider.` or `region.provider.`
/// (Bedrock's `us.anthropic.claude-…`).
fn bare(name: &str) -> String {
    let tail = name.rsplit('/').next().unwrap_or(name);
    let tail = REGIONS
        .iter()
        .chain(&["global."])
        .find_map(|r| tail.strip_prefix(r))
        .unwrap_or(tail);
    PROVIDERS
        .iter()
        .find_map(|p| tail.strip_prefix(p))
        .unwrap_or(tail)
        .to_owned()
}

/// A model version or date after its name, and nothing else: `-2026-03-05`,
/// `-20250929`, `@20250929`, `-001`, `-v1:0` (Bedrock), `-latest`, and
/// their sequences (`-20250929-v1:0`). Not a number that could be another
/// model's (`-9` of `claude-opus-4-9`, Mistral's `-2505`), not `-preview`.
fn is_version(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(['-', '@']) else {
        return false;
    };
    let parts: Vec<&str> = rest.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        let step = if digits(p, 4)
            && parts.get(i + 1).is_some_and(|m| digits(m, 2))
            && parts.get(i + 2).is_some_and(|d| digits(d, 2))
        {
            3
        } else if digits(p, 8) || digits(p, 3) || p == "latest" || is_bedrock_version(p) {
            1
        } else {
            return false;
        };
        i += step;
    }
    !parts.is_empty()
}

/// Bedrock's `v1:0` or `v2`.
fn is_bedrock_version(part: &str) -> bool {
    let Some(v) = part.strip_prefix('v') else {
        return false;
    };
    let (major, minor) = v.split_once(':').unwrap_or((v, "0"));
    [major, minor]
        .iter()
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models(ids: &[&str]) -> Vec<ModelPrice> {
        ids.iter()
            .map(|id| ModelPrice {
                id: (*id).into(),
                ..ModelPrice::default()
            })
            .collect()
    }

    /// Names as the providers' APIs return them find their catalog entry;
    /// a longer model that only starts like one does not.
    #[test]
    fn log_names_match_the_catalog_by_version_not_by_prefix() {
        let list = models(&[
            "openai/gpt-5.4",
            "openai/gpt-5.4-mini",
            "anthropic/claude-sonnet-4-5",
            "google/gemini-2.5-flash",
        ]);
        let found = |name: &str| log_model(&list, name, &[]).map(|m| m.id.as_str());
        assert_eq!(found("gpt-5.4"), Some("openai/gpt-5.4"));
        assert_eq!(found("gpt-5.4-2026-03-05"), Some("openai/gpt-5.4"));
        assert_eq!(
            found("GPT-5.4-mini-2026-03-05"),
            Some("openai/gpt-5.4-mini")
        );
        assert_eq!(found("openai/gpt-5.4"), Some("openai/gpt-5.4"));
        assert_eq!(found("azure/gpt-5.4"), Some("openai/gpt-5.4"));
        assert_eq!(
            found("claude-sonnet-4-5-20250929"),
            Some("anthropic/claude-sonnet-4-5")
        );
        assert_eq!(
            found("us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
            Some("anthropic/claude-sonnet-4-5")
        );
        assert_eq!(
            found("claude-sonnet-4-5@20250929"),
            Some("anthropic/claude-sonnet-4-5")
        );
        assert_eq!(
            found("gemini-2.5-flash-001"),
            Some("google/gemini-2.5-flash")
        );
        assert_eq!(found("gpt-5.4-nano"), None);
        assert_eq!(found("gemini-2.5-flash-lite"), None);
        assert_eq!(found("gpt-5.4-preview"), None);
        assert_eq!(found(""), None);
    }

    /// The same model from several providers: the maker's unless the name
    /// says whose, or the scenario uses another's.
    #[test]
    fn a_model_several_providers_list_is_its_maker_s_unless_named() {
        let list = models(&[
            "aws/openai.gpt-5.4",
            "azure/gpt-5.4",
            "github-copilot/gpt-5.4",
            "openai/gpt-5.4",
            "openrouter/openai/gpt-5.4",
            "aws/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "anthropic/claude-sonnet-4-5",
        ]);
        let found = |name: &str, preferred: &[&str]| {
            log_model(&list, name, preferred).map(|m| m.id.as_str())
        };
        assert_eq!(found("gpt-5.4-2026-03-05", &[]), Some("openai/gpt-5.4"));
        assert_eq!(found("azure/gpt-5.4", &[]), Some("azure/gpt-5.4"));
        assert_eq!(
            found("openrouter/openai/gpt-5.4", &[]),
            Some("openrouter/openai/gpt-5.4")
        );
        assert_eq!(found("gpt-5.4", &["azure/gpt-5.4"]), Some("azure/gpt-5.4"));
        assert_eq!(
            found("claude-sonnet-4-5-20250929", &[]),
            Some("anthropic/claude-sonnet-4-5")
        );
        assert_eq!(
            found("global.anthropic.claude-sonnet-4-5-20250929-v1:0", &[]),
            Some("aws/global.anthropic.claude-sonnet-4-5-20250929-v1:0")
        );
    }

    /// A request by hand at $2 / $0.20 cached / $8 a million (input,
    /// cached input, output): 10,000 in of which 4,000 cached, 500 out:
    /// 6,000 × 2e-6 + 4,000 × 0.2e-6 + 500 × 8e-6 = $0.0168.
    #[test]
    fn a_request_costs_its_tokens_at_the_list_prices() {
        let m = ModelPrice {
            id: "m".into(),
            usd_per_m_input: 2.0,
            usd_per_m_cached_input: 0.2,
            usd_per_m_output: 8.0,
            ..ModelPrice::default()
        };
        let t = Tokens {
            input: 10_000.0,
            output: 500.0,
            cache_read: 4_000.0,
            ..Tokens::default()
        };
        let got = usd(&m, &t, Tier::Standard, 600).unwrap();
        assert!((got - 0.0168).abs() < 1e-15, "{got}");
        // No input: the output alone.
        let t = Tokens {
            output: 1_000.0,
            ..Tokens::default()
        };
        assert!((usd(&m, &t, Tier::Standard, 0).unwrap() - 0.008).abs() < 1e-15);
    }

    /// Real API names against the full price list (public/prices.json):
    /// each priced by the listing a FinOps user would expect, and names
    /// that are another model, or none listed, not priced at all (cases a
    /// review raised: Bedrock's in-region profile at the global price,
    /// Anthropic's names at Google's listing, a newer Claude read as a
    /// version of an older one, Mistral's `-2505` as the old Medium).
    #[test]
    fn real_api_names_find_the_listing_a_user_expects() {
        let list: crate::catalog::Catalog =
            serde_json::from_str(include_str!("../../../public/prices.json")).unwrap();
        let found = |name: &str| log_model(&list.models, name, &[]).map(|m| m.id.clone());
        for (name, want) in [
            ("gpt-5.4-2026-03-05", Some("openai/gpt-5.4")),
            ("gpt-4o-2024-08-06", Some("openai/gpt-4o")),
            ("gpt-4.1-mini-2025-04-14", Some("openai/gpt-4.1-mini")),
            ("o3-2025-04-16", Some("openai/o3")),
            (
                "claude-sonnet-4-5-20250929",
                Some("anthropic/claude-sonnet-4-5"),
            ),
            (
                "claude-3-5-sonnet-20241022",
                Some("anthropic/claude-3-5-sonnet"),
            ),
            (
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                Some("aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0"),
            ),
            (
                "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                Some("aws/global.anthropic.claude-haiku-4-5-20251001-v1:0"),
            ),
            (
                "anthropic.claude-3-5-sonnet-20241022-v2:0",
                Some("aws/regional.anthropic.claude-3-5-sonnet-20241022-v2:0"),
            ),
            ("gemini-2.5-flash", Some("google/gemini-2.5-flash")),
            ("claude-opus-4-9-20260101", None),
            ("mistral-medium-2505", None),
            ("gpt-5.4-preview", None),
        ] {
            assert_eq!(found(name).as_deref(), want, "{name}");
        }
    }
}
