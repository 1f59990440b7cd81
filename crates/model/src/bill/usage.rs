//! A usage log as a bill: the requests `calibrate` reads, each priced as
//! the catalog lists its model (issue 31: "the usage logs calibrate reads,
//! priced by the catalog where they carry no cost").

use std::collections::BTreeMap;

use super::{Bill, Builder, Mapping, next_day};
use crate::calendar;
use crate::catalog::{Catalog, ModelPrice};
use crate::request_price::{Tier, Tokens, log_model, usd};

const MS_PER_DAY: i64 = 86_400_000;

/// What a usage log's requests are priced with: a catalog, and the models
/// to prefer where several providers list the one a log names.
#[derive(Debug, Clone, Default)]
pub struct Prices {
    pub catalog: Catalog,
    pub preferred: Vec<String>,
}

impl Prices {
    /// As scenario `s` prices tokens: the shipped catalog with its own
    /// entries over it, its architectures' models preferred.
    pub fn of(s: &crate::Scenario) -> Prices {
        use crate::scenario::Serving;
        let preferred = s
            .architectures
            .iter()
            .flat_map(|a| {
                let own = match &a.serving {
                    Serving::ManagedApi(api) => api.model.clone(),
                    Serving::SelfHosted(h) => h.fallback_model.clone(),
                };
                let routed = a.routing.as_ref().map(|r| r.frontier_model.clone());
                std::iter::once(own).chain(routed)
            })
            .collect();
        Prices {
            catalog: Catalog::shipped().with_overrides(&s.catalog),
            preferred,
        }
    }
}

/// A usage log (the files `calibrate` reads: OpenAI's and Anthropic's
/// usage objects, LiteLLM's spend log without its spend…) as a bill: each
/// request priced by `prices` as its model charged on its day and minute
/// ([`crate::request_price`]), standard tier; a failed request costs
/// nothing. A model `prices` has no price for is counted by name in its
/// month, not costed. None: no request could be read.
pub fn read_usage_log(
    text: &str,
    archs: &[String],
    mapping: &Mapping,
    prices: &Prices,
) -> Result<Option<Bill>, String> {
    let mut b = Builder::new(archs, mapping)?;
    let mut reader = crate::calibrate::reader::LogReader::new(Default::default());
    reader.feed(text.as_bytes());
    let Ok(log) = reader.finish() else {
        return Ok(None);
    };
    if log.requests.is_empty() {
        return Ok(None);
    }
    b.currency("USD", 1)?;
    let names = log.model_names();
    let preferred: Vec<&str> = prices.preferred.iter().map(String::as_str).collect();
    let found: Vec<Option<&ModelPrice>> = names
        .iter()
        .map(|n| log_model(&prices.catalog.models, n, &preferred))
        .collect();
    // A model's prices on a day, resolved once (dated prices change by day).
    let mut on_day: BTreeMap<(u32, i64), ModelPrice> = BTreeMap::new();
    let mut unpriced: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (i, r) in log.requests.iter().enumerate() {
        let start = crate::calibrate::fit::utc_text(r.at_ms);
        let name = names.get(r.model as usize).copied().unwrap_or("");
        let Some(model) = found.get(r.model as usize).copied().flatten() else {
            let month = start.get(..7).unwrap_or("").to_owned();
            *unpriced.entry((month, name.to_owned())).or_default() += 1;
            continue;
        };
        let cost = if r.failed {
            0.0
        } else {
            let day = r.at_ms.div_euclid(MS_PER_DAY);
            let m = on_day.entry((r.model, day)).or_insert_with(|| {
                match start.get(..10).and_then(calendar::Date::parse) {
                    Some(d) if model.rules.iter().any(|x| x.from.is_some()) => model.at(d),
                    _ => model.clone(),
                }
            });
            let minute = (r.at_ms.rem_euclid(MS_PER_DAY) / 60_000) as usize;
            let tokens = Tokens {
                input: f64::from(r.input_tokens),
                output: f64::from(r.output_tokens),
                cache_read: f64::from(r.cache_read_tokens),
                cache_write: f64::from(r.cache_write_tokens),
                ..Tokens::default()
            };
            match usd(m, &tokens, Tier::Standard, minute) {
                Ok(usd) => usd,
                // A price the engine cannot use (a rule it refuses): the
                // request is counted as not priced, like a missing model.
                Err(_) => {
                    let month = start.get(..7).unwrap_or("").to_owned();
                    *unpriced.entry((month, name.to_owned())).or_default() += 1;
                    continue;
                }
            }
        };
        b.add(i + 1, &start, &next_day(&start), cost, &[name], false)?;
    }
    let mut bill = b.finish();
    bill.requests = Some(log.requests.len() as u64);
    for ((month, name), n) in unpriced {
        bill.months
            .entry(month)
            .or_default()
            .unpriced
            .insert(name, n);
    }
    Ok(Some(bill))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An OpenAI chat-completion object as the API returns it.
    fn completion(created: i64, model: &str, input: u32, cached: u32, output: u32) -> String {
        format!(
            "{{\"id\":\"chatcmpl-{created}\",\"object\":\"chat.completion\",\"created\":{created},\"model\":\"{model}\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"ok\"}},\"finish_reason\":\"stop\"}}],\"usage\":{{\"prompt_tokens\":{input},\"completion_tokens\":{output},\"total_tokens\":{},\"prompt_tokens_details\":{{\"cached_tokens\":{cached},\"audio_tokens\":0}},\"completion_tokens_details\":{{\"reasoning_tokens\":0}}}}}}\n",
            input + output
        )
    }

    /// A usage log read as a bill, by hand, at $2.50 / $0.25 cached / $15
    /// a million tokens (a price of this test's own): January's two
    /// requests (800 + 200 cached in, 100 out: $0.00355; 2,000 in, 50 out:
    /// $0.00575) are $0.0093 and the month is complete (its last request
    /// is on the 31st); February's priced request (5,000 + 5,000 cached
    /// in, 1,000 out) is $0.02875, and its gpt-5.4-nano request, a model
    /// without a price, is counted by name, not costed. The rule maps the
    /// dated model name to its architecture.
    #[test]
    fn a_usage_log_is_priced_request_by_request_and_the_unpriced_counted() {
        let catalog = Catalog {
            models: vec![ModelPrice {
                id: "openai/gpt-5.4".into(),
                usd_per_m_input: 2.5,
                usd_per_m_cached_input: 0.25,
                usd_per_m_output: 15.0,
                ..ModelPrice::default()
            }],
            ..Catalog::default()
        };
        let prices = Prices {
            catalog,
            preferred: Vec::new(),
        };
        let log = [
            completion(1_768_471_200, "gpt-5.4-2026-03-05", 1_000, 200, 100),
            completion(1_769_903_940, "gpt-5.4-2026-03-05", 2_000, 0, 50),
            completion(1_769_904_000, "gpt-5.4-2026-03-05", 10_000, 5_000, 1_000),
            completion(1_770_033_600, "gpt-5.4-nano", 500, 0, 10),
        ]
        .concat();
        let archs = ["rag".to_owned()];
        let rules = Mapping::Rules(vec![super::super::Rule::parse("gpt-5.4=rag").unwrap()]);
        let bill = super::super::read(&log, &archs, &rules, &prices).unwrap();
        assert_eq!(bill.currency.as_deref(), Some("USD"));
        let jan = &bill.months["2026-01"];
        assert!((jan.by_arch["rag"] - 0.0093).abs() < 1e-12, "{jan:?}");
        assert!(bill.complete("2026-01"));
        let feb = &bill.months["2026-02"];
        assert!((feb.by_arch["rag"] - 0.02875).abs() < 1e-12, "{feb:?}");
        assert_eq!(feb.unpriced.get("gpt-5.4-nano"), Some(&1));
        assert_eq!(feb.unmapped_usd, 0.0);
        assert!(!bill.complete("2026-02"));
        // What is neither a bill nor a usage log is refused, saying both.
        let e = super::super::read("a,b\n1,2\n", &archs, &rules, &prices).unwrap_err();
        assert!(e.contains("nor is it a usage log"), "{e}");
    }
}
