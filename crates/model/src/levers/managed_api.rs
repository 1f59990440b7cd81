//! Pay-per-token serving on a managed API: the provider's list prices and
//! its pricing rules. A prompt-cache read is billed at the cached-input price
//! and a cache write at the cache-write price (Anthropic: 1.25x input); batch,
//! flex and priority processing scale a call's price; prices that change with
//! the hour of day (DeepSeek's UTC window) are weighed by the scenario's
//! traffic in each minute of the UTC day. All of that is a blend of list
//! prices fixed before the first trial. A long-context tier (Gemini, Claude:
//! above 200K input tokens a request pays the tier's prices on all its
//! tokens) is applied per trial to the share of requests above it: a
//! request's input is lognormal around the trial's mean input per call, with
//! the workload's query-to-query `cv_per_query`.

use serde::{Deserialize, Serialize};

use crate::catalog::{ModelPrice, PriceRule};
use crate::error::ModelError;
use crate::fields::{Entry, Field, Section, Slot, Walk};
use crate::levers::agents::{StepPrices, Work};
use crate::levers::ledger::{Bucket, Component, Ledger};

/// Pay per token (seed 002: no idle cost, a premium for convenience).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedApi {
    /// Model (catalog id).
    pub model: String,
    /// Share of input tokens read from the provider's prompt cache.
    pub prompt_cache_share: f64,
    /// Share of input tokens written into the prompt cache (a cached prefix
    /// is written once per cache lifetime, then read).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub prompt_cache_write_share: f64,
    /// Share of calls sent through the batch API at its discount.
    pub batch_share: f64,
    /// Share of calls on flex processing (slower, cheaper; the model's `flex_ratio`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub flex_share: f64,
    /// Share of calls on priority processing (the model's `priority_ratio`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub priority_share: f64,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// The model a new managed-API architecture calls: the presets' mainstream
/// model (GPT-4o's role in the seeds, at GPT-4o's input price).
pub const MAINSTREAM_MODEL: &str = "openai/gpt-5.4";

impl ManagedApi {
    /// A new architecture's managed API: the mainstream model at list price.
    pub fn mainstream() -> ManagedApi {
        ManagedApi {
            model: MAINSTREAM_MODEL.to_owned(),
            ..ManagedApi::default()
        }
    }
}

pub const MODEL: Field = Field::entry(
    "model",
    "Model (managed API)",
    Entry::Model,
    "Priced per token from the catalog (see Prices).",
);
pub const CACHE_READS: Field = Field::share(
    "prompt_cache_share",
    "Provider prompt cache",
    "% of input",
    "Input tokens billed at the cached-input price.",
);
pub const CACHE_WRITES: Field = Field::share(
    "prompt_cache_write_share",
    "Prompt cache writes",
    "% of input",
    "Input tokens written into the provider's cache, billed at its cache-write price (Anthropic: 1.25× input).",
);
pub const BATCH: Field = Field::share(
    "batch_share",
    "Batch share",
    "% of calls",
    "Calls sent through the provider's batch API at its discount.",
);
pub const FLEX: Field = Field::share(
    "flex_share",
    "Flex share",
    "% of calls",
    "Calls on flex processing: slower, at the model's flex price (OpenAI: half).",
);
pub const PRIORITY: Field = Field::share(
    "priority_share",
    "Priority share",
    "% of calls",
    "Calls on priority processing, at the model's priority price (OpenAI: double).",
);

impl Section for ManagedApi {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&MODEL, Slot::Text(&mut self.model));
        w.field(&CACHE_READS, Slot::Number(&mut self.prompt_cache_share));
        w.field(&BATCH, Slot::Number(&mut self.batch_share));
        w.field(
            &CACHE_WRITES,
            Slot::Number(&mut self.prompt_cache_write_share),
        );
        w.field(&FLEX, Slot::Number(&mut self.flex_share));
        w.field(&PRIORITY, Slot::Number(&mut self.priority_share));
    }

    fn rules(&self, f: &str) -> Result<(), ModelError> {
        let read_write = self.prompt_cache_share + self.prompt_cache_write_share;
        if read_write > 1.0 + 1e-12 {
            return Err(ModelError::Invalid {
                field: format!("{f}.prompt_cache_write_share"),
                message: format!(
                    "cache reads ({}) and writes ({}) are shares of the same input tokens: together at most 1",
                    self.prompt_cache_share, self.prompt_cache_write_share
                ),
            });
        }
        let tiers = self.batch_share + self.flex_share + self.priority_share;
        if tiers > 1.0 + 1e-12 {
            return Err(ModelError::Invalid {
                field: format!("{f}.priority_share"),
                message: format!(
                    "batch ({}), flex ({}) and priority ({}) are shares of the same calls: together at most 1",
                    self.batch_share, self.flex_share, self.priority_share
                ),
            });
        }
        Ok(())
    }
}

/// A share `share` of the month's tokens at `prices`: chat and agent tokens as
/// input and output, and each call's fee where the model charges one;
/// runaway loops' tokens and fees into `loop_usd`.
pub fn cost(prices: &TokenPrices, share: f64, w: &Work, ledger: &mut Ledger, loop_usd: &mut f64) {
    let v = Bucket::Variable;
    let fee = prices.usd_per_call;
    if fee > 0.0 {
        ledger.add(
            v,
            Component::RequestFees,
            share * (w.chat_calls + w.agent_calls) * fee,
        );
        *loop_usd += share * w.loop_calls * fee;
    }
    let (chat_in, chat_out) = prices.rates(w.call_input);
    let (agent_in, agent_out) = prices.rates(per_call(w.agent_in, w.agent_calls));
    let (loop_in, loop_out) = prices.rates(per_call(w.loop_in, w.loop_calls));
    ledger.add(
        v,
        Component::InputTokens,
        share * (w.chat_in * chat_in + w.agent_in * agent_in),
    );
    ledger.add(
        v,
        Component::OutputTokens,
        share * (w.chat_out * chat_out + w.agent_out * agent_out),
    );
    *loop_usd += share * (w.loop_in * loop_in + w.loop_out * loop_out);
}

fn per_call(tokens: f64, calls: f64) -> f64 {
    if calls > 0.0 { tokens / calls } else { 0.0 }
}

/// Effective prices per token after the provider's pricing rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenPrices {
    pub usd_per_input_token: f64,
    pub usd_per_output_token: f64,
    /// A fee on each call besides its tokens (the model's per-request price).
    pub usd_per_call: f64,
    /// The model's long-context tier, if it has one.
    pub long_context: Option<LongContextPrices>,
}

/// Per-token prices of requests above a long-context threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LongContextPrices {
    pub above_input_tokens: f64,
    pub usd_per_input_token: f64,
    pub usd_per_output_token: f64,
    /// σ of the log of a request's input tokens (from `cv_per_query`).
    pub sigma: f64,
}

/// For requests whose input is lognormal with mean `mean` and log-σ
/// `sigma`: the share of requests above `threshold`, and the share of their
/// input tokens in those requests (E[X; X > T] / E[X]).
pub fn above_threshold(mean: f64, sigma: f64, threshold: f64) -> (f64, f64) {
    if mean <= 0.0 {
        return (0.0, 0.0);
    }
    if sigma <= 0.0 {
        let above = if mean > threshold { 1.0 } else { 0.0 };
        return (above, above);
    }
    let mu = libm::log(mean) - sigma * sigma / 2.0;
    let z = (libm::log(threshold) - mu) / sigma;
    let tail = |z: f64| 0.5 * libm::erfc(z / std::f64::consts::SQRT_2);
    (tail(z), tail(z - sigma))
}

/// One set of list prices, USD per 1M tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ListPrices {
    input: f64,
    cached: f64,
    write: f64,
    output: f64,
}

impl ListPrices {
    fn base(m: &ModelPrice) -> ListPrices {
        ListPrices {
            input: m.usd_per_m_input,
            cached: m.usd_per_m_cached_input,
            write: m.usd_per_m_cache_write.unwrap_or(m.usd_per_m_input),
            output: m.usd_per_m_output,
        }
    }

    fn rule(r: &PriceRule) -> ListPrices {
        ListPrices {
            input: r.usd_per_m_input,
            cached: r.usd_per_m_cached_input,
            write: r.usd_per_m_input,
            output: r.usd_per_m_output,
        }
    }
}

/// A model's list prices weighed by the day's traffic in each UTC minute
/// (`minute_shares`, summing to 1): where its rules set other prices for a
/// daily window, the last window holding a minute sets that minute's price.
fn day_average(m: &ModelPrice, minute_shares: &[f64]) -> ListPrices {
    let base = ListPrices::base(m);
    let windows: Vec<(f64, f64, ListPrices)> = m
        .rules
        .iter()
        .filter_map(|r| {
            r.utc_start_hour
                .zip(r.utc_end_hour)
                .map(|(a, b)| (a * 60.0, b * 60.0, ListPrices::rule(r)))
        })
        .collect();
    if windows.is_empty() {
        return base;
    }
    let mut sum = ListPrices {
        input: 0.0,
        cached: 0.0,
        write: 0.0,
        output: 0.0,
    };
    for (minute, share) in minute_shares.iter().enumerate() {
        // The minute's middle decides: windows start and end on whole minutes.
        let t = minute as f64 + 0.5;
        let inside = |&&(a, b, _): &&(f64, f64, ListPrices)| {
            if a <= b {
                a <= t && t < b
            } else {
                t >= a || t < b
            }
        };
        let p = windows.iter().rev().find(inside).map_or(base, |w| w.2);
        sum.input += share * p.input;
        sum.cached += share * p.cached;
        sum.write += share * p.write;
        sum.output += share * p.output;
    }
    sum
}

/// The model's long-context tier as per-token prices, `price` turning the
/// tier's list prices into (input, output) per 1M tokens.
fn long_context(
    m: &ModelPrice,
    cv_per_query: f64,
    price: impl Fn(ListPrices) -> (f64, f64),
) -> Option<LongContextPrices> {
    let t = m.long_context.as_ref()?;
    let (input, output) = price(ListPrices {
        input: t.usd_per_m_input,
        cached: t.usd_per_m_cached_input,
        write: t.usd_per_m_cache_write.unwrap_or(t.usd_per_m_input),
        output: t.usd_per_m_output,
    });
    Some(LongContextPrices {
        above_input_tokens: t.above_input_tokens,
        usd_per_input_token: input / 1e6,
        usd_per_output_token: output / 1e6,
        sigma: libm::sqrt(libm::log1p(cv_per_query * cv_per_query)),
    })
}

/// Why a model's rules cannot be priced: dated changes are resolved before
/// this, one price period at a time (`engine/price_periods.rs`), and those
/// left (no start month) are refused with their reason; a long-context tier
/// beside hourly prices is not combined.
pub fn unsupported_rules(m: &ModelPrice, f: &str) -> Result<(), ModelError> {
    if let Some(message) = m.dated_refusal() {
        return Err(ModelError::Invalid {
            field: f.to_owned(),
            message,
        });
    }
    if m.long_context.is_some() && !m.rules.is_empty() {
        return Err(ModelError::Invalid {
            field: f.to_owned(),
            message: format!(
                "{}'s long-context tier with hourly prices is not simulated yet: remove long_context from its catalog entry to price it without it",
                crate::error::shortened(&m.id)
            ),
        });
    }
    Ok(())
}

impl TokenPrices {
    /// The marginal step: below any long-context tier (a budget cap's
    /// prices), with the call's fee.
    pub fn step(&self) -> StepPrices {
        StepPrices {
            usd_per_input_token: self.usd_per_input_token,
            usd_per_output_token: self.usd_per_output_token,
            usd_per_call: self.usd_per_call,
        }
    }

    /// Per-token (input, output) prices of calls whose mean input is
    /// `mean_input` tokens: above a long-context tier, its prices on the
    /// requests (and their tokens) over its threshold.
    #[inline]
    pub fn rates(&self, mean_input: f64) -> (f64, f64) {
        let (input, output) = (self.usd_per_input_token, self.usd_per_output_token);
        match &self.long_context {
            None => (input, output),
            Some(t) => {
                let (requests, tokens) = above_threshold(mean_input, t.sigma, t.above_input_tokens);
                (
                    (1.0 - tokens) * input + tokens * t.usd_per_input_token,
                    (1.0 - requests) * output + requests * t.usd_per_output_token,
                )
            }
        }
    }

    /// `price`'s tokens on `api`: cache reads and writes, batch, flex and
    /// priority processing, hourly prices over `minute_shares`, and its
    /// long-context tier for requests whose input varies with coefficient
    /// of variation `cv_per_query`.
    pub fn of(
        price: &ModelPrice,
        api: &ManagedApi,
        minute_shares: &[f64],
        cv_per_query: f64,
        f: &str,
    ) -> Result<TokenPrices, ModelError> {
        unsupported_rules(price, &format!("{f}.model"))?;
        let tier = |share: f64, ratio: Option<f64>, name: &str| match ratio {
            Some(r) => Ok(share * r),
            None if share == 0.0 => Ok(0.0),
            None => Err(ModelError::Invalid {
                field: format!("{f}.{name}_share"),
                message: format!(
                    "{} publishes no {name} price: set the share to 0, or add `{name}_ratio` to its catalog entry",
                    crate::error::shortened(&price.id)
                ),
            }),
        };
        let scale = (1.0 - api.batch_share - api.flex_share - api.priority_share)
            + api.batch_share * (1.0 - price.batch_discount)
            + tier(api.flex_share, price.flex_ratio, "flex")?
            + tier(api.priority_share, price.priority_ratio, "priority")?;
        let p = day_average(price, minute_shares);
        let (read, write) = (api.prompt_cache_share, api.prompt_cache_write_share);
        let mix =
            |p: ListPrices| (1.0 - read - write) * p.input + read * p.cached + write * p.write;
        Ok(TokenPrices {
            usd_per_input_token: mix(p) * scale / 1e6,
            usd_per_output_token: p.output * scale / 1e6,
            usd_per_call: price.usd_per_k_requests / 1e3,
            long_context: long_context(price, cv_per_query, |t| (mix(t) * scale, t.output * scale)),
        })
    }

    /// List prices, no caching or batching (for routed frontier calls and a
    /// self-hosted fleet's fallback), over the day's hours.
    pub fn list(
        price: &ModelPrice,
        minute_shares: &[f64],
        cv_per_query: f64,
        f: &str,
    ) -> Result<TokenPrices, ModelError> {
        unsupported_rules(price, f)?;
        let p = day_average(price, minute_shares);
        Ok(TokenPrices {
            usd_per_input_token: p.input / 1e6,
            usd_per_output_token: p.output / 1e6,
            usd_per_call: price.usd_per_k_requests / 1e3,
            long_context: long_context(price, cv_per_query, |t| (t.input, t.output)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    /// Traffic spread evenly over the day (no hourly prices involved).
    fn flat() -> Vec<f64> {
        vec![1.0 / 1_440.0; 1_440]
    }

    fn api(model: &str) -> ManagedApi {
        ManagedApi {
            model: model.into(),
            ..ManagedApi::default()
        }
    }

    fn model(input: f64, cached: f64, output: f64) -> ModelPrice {
        ModelPrice {
            id: "m".into(),
            usd_per_m_input: input,
            usd_per_m_cached_input: cached,
            usd_per_m_output: output,
            ..ModelPrice::default()
        }
    }

    /// Seed 000: an 8,000-token prompt at $0.01 per 1,000 input tokens costs
    /// $0.08; 100,000 such queries a day cost $8,000 a day.
    #[test]
    fn an_8000_token_prompt_at_a_cent_per_thousand_costs_8_cents() {
        let c = Catalog::shipped();
        let api = api("gpt-4-turbo");
        let p =
            TokenPrices::of(c.model("m", &api.model).unwrap(), &api, &flat(), 0.0, "a").unwrap();
        let per_query = 8_000.0 * p.usd_per_input_token;
        assert!((per_query - 0.08).abs() < 1e-12);
        assert!((100_000.0 * per_query - 8_000.0).abs() < 1e-6);
    }

    #[test]
    fn prompt_cache_and_batch_lower_the_price() {
        let c = Catalog::shipped();
        let price = c.model("m", "gpt-4o").unwrap();
        let at = |a: ManagedApi| TokenPrices::of(price, &a, &flat(), 0.0, "a").unwrap();
        let plain = at(api("gpt-4o"));
        let cached = at(ManagedApi {
            prompt_cache_share: 1.0,
            ..api("gpt-4o")
        });
        let batched = at(ManagedApi {
            batch_share: 1.0,
            ..api("gpt-4o")
        });
        assert_eq!(cached.usd_per_input_token * 2.0, plain.usd_per_input_token);
        assert_eq!(
            batched.usd_per_output_token * 2.0,
            plain.usd_per_output_token
        );
    }

    /// Anthropic's rates: $3 input, $0.30 cache read, $3.75 cache write
    /// (1.25x), $15 output per 1M. 60% of input tokens read from the cache,
    /// 10% written to it, 30% plain: 0.3 x 3 + 0.6 x 0.30 + 0.1 x 3.75 =
    /// $1.455 per 1M input tokens.
    #[test]
    fn cache_writes_cost_their_own_price() {
        let m = ModelPrice {
            usd_per_m_cache_write: Some(3.75),
            ..model(3.0, 0.3, 15.0)
        };
        let a = ManagedApi {
            prompt_cache_share: 0.6,
            prompt_cache_write_share: 0.1,
            ..api("m")
        };
        let p = TokenPrices::of(&m, &a, &flat(), 0.0, "a").unwrap();
        assert!((p.usd_per_input_token * 1e6 - 1.455).abs() < 1e-12);
        assert!((p.usd_per_output_token * 1e6 - 15.0).abs() < 1e-12);
        // Without a cache-write price, a write costs the input price.
        let plain = TokenPrices::of(&model(3.0, 0.3, 15.0), &a, &flat(), 0.0, "a").unwrap();
        assert!((plain.usd_per_input_token * 1e6 - (0.9 + 0.18 + 0.3)).abs() < 1e-12);
    }

    /// GPT-5's tiers: batch half price, flex half, priority double. 40% of
    /// calls standard, 20% batch, 30% flex, 10% priority: 0.4 + 0.2 x 0.5 +
    /// 0.3 x 0.5 + 0.1 x 2 = 0.85 of list ($10 output -> $8.50).
    #[test]
    fn batch_flex_and_priority_scale_their_share_of_calls() {
        let m = ModelPrice {
            batch_discount: 0.5,
            flex_ratio: Some(0.5),
            priority_ratio: Some(2.0),
            ..model(1.25, 0.125, 10.0)
        };
        let a = ManagedApi {
            batch_share: 0.2,
            flex_share: 0.3,
            priority_share: 0.1,
            ..api("m")
        };
        let p = TokenPrices::of(&m, &a, &flat(), 0.0, "a").unwrap();
        assert!((p.usd_per_output_token * 1e6 - 8.5).abs() < 1e-12);
        assert!((p.usd_per_input_token * 1e6 - 1.0625).abs() < 1e-12);
        // A tier the model does not publish is refused, naming the field.
        let e = TokenPrices::of(&model(1.0, 1.0, 1.0), &a, &flat(), 0.0, "arch").unwrap_err();
        assert_eq!(e.field(), "arch.flex_share");
    }

    /// DeepSeek: $0.27 in / $1.10 out from 00:30 to 16:30 UTC, $0.135 /
    /// $0.55 outside. All traffic 09:00-17:00 local, evenly spread.
    #[test]
    fn hourly_prices_follow_the_traffic_in_utc() {
        let m = ModelPrice {
            rules: vec![PriceRule {
                from: None,
                utc_start_hour: Some(0.5),
                utc_end_hour: Some(16.5),
                usd_per_m_input: 0.27,
                usd_per_m_cached_input: 0.07,
                usd_per_m_output: 1.1,
            }],
            ..model(0.135, 0.035, 0.55)
        };
        let mut w = crate::presets::knowledge_base().workload;
        (
            w.business_hours_share,
            w.business_start_hour,
            w.business_end_hour,
        ) = (1.0, 9, 17);
        let input_at = |offset: f64| {
            let minutes = crate::traffic::Profile::new(&w).utc_minute_shares(offset);
            TokenPrices::of(&m, &api("m"), &minutes, 0.0, "a")
                .unwrap()
                .usd_per_input_token
                * 1e6
        };
        // London (UTC): 09:00-16:30 of the 8 hours in the window, 7.5/8 at peak.
        assert!((input_at(0.0) - (7.5 / 8.0 * 0.27 + 0.5 / 8.0 * 0.135)).abs() < 1e-12);
        // Beijing (UTC+8): 01:00-09:00 UTC, all of it at peak.
        assert!((input_at(8.0) - 0.27).abs() < 1e-12);
        // San Francisco (UTC-8): 17:00-01:00 UTC, only 00:30-01:00 at peak.
        assert!((input_at(-8.0) - (0.5 / 8.0 * 0.27 + 7.5 / 8.0 * 0.135)).abs() < 1e-12);
    }

    /// Gemini 2.5 Pro's tier: above 200K input tokens, $2.50 in / $15 out
    /// instead of $1.25 / $10. Requests averaging 150,000 input tokens with a
    /// query-to-query CV of 0.5: ln X ~ N(mu, s) with s^2 = ln 1.25 and
    /// mu = ln 150,000 - s^2/2, so P(X > 200,000) = 1 - Phi(z) with
    /// z = (ln 200,000 - mu)/s = 0.8452 -> 0.1990 of requests, and their
    /// share of tokens 1 - Phi(z - s) = 1 - Phi(0.3728) -> 0.3546.
    #[test]
    fn a_long_context_tier_reprices_the_requests_above_it() {
        use statrs::distribution::{ContinuousCDF, Normal};
        let m = ModelPrice {
            long_context: Some(crate::catalog::LongContextTier {
                above_input_tokens: 200_000.0,
                usd_per_m_input: 2.5,
                usd_per_m_cached_input: 0.25,
                usd_per_m_output: 15.0,
                usd_per_m_cache_write: None,
            }),
            ..model(1.25, 0.125, 10.0)
        };
        let p = TokenPrices::of(&m, &api("m"), &flat(), 0.5, "a").unwrap();
        let s = (1.25f64).ln().sqrt();
        let mu = 150_000f64.ln() - s * s / 2.0;
        let z = (200_000f64.ln() - mu) / s;
        let phi = Normal::standard();
        let (requests, tokens) = (1.0 - phi.cdf(z), 1.0 - phi.cdf(z - s));
        assert!((requests - 0.1990).abs() < 5e-4 && (tokens - 0.3546).abs() < 5e-4);
        let (input, output) = p.rates(150_000.0);
        assert!((input * 1e6 - ((1.0 - tokens) * 1.25 + tokens * 2.5)).abs() < 1e-9);
        assert!((output * 1e6 - ((1.0 - requests) * 10.0 + requests * 15.0)).abs() < 1e-9);
        // Far below the threshold nothing changes; with no spread, all or nothing.
        assert!((p.rates(5_000.0).0 - 1.25e-6).abs() < 1e-18);
        let steady = TokenPrices::of(&m, &api("m"), &flat(), 0.0, "a").unwrap();
        assert_eq!(steady.rates(199_999.0), (1.25e-6, 10e-6));
        assert_eq!(steady.rates(200_001.0), (2.5e-6, 15e-6));
    }

    /// A Monte Carlo check of the same shares, independent of the formula:
    /// 200,000 lognormal requests, tolerance four standard errors.
    #[test]
    fn the_tier_shares_match_sampled_requests() {
        use rand_distr::{Distribution, LogNormal};
        let s = (1.25f64).ln().sqrt();
        let d = LogNormal::new(150_000f64.ln() - s * s / 2.0, s).unwrap();
        let mut rng = crate::rng::stream(7, 0, crate::rng::name_hash("tier"));
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let above = xs.iter().filter(|&&x| x > 200_000.0).count() as f64 / n as f64;
        let (requests, _) = above_threshold(150_000.0, s, 200_000.0);
        let se = (requests * (1.0 - requests) / n as f64).sqrt();
        assert!((above - requests).abs() < 4.0 * se, "{above} vs {requests}");
    }

    /// Dated changes are refused until they are simulated, by name, never
    /// priced as if absent.
    #[test]
    fn dated_prices_left_unresolved_are_refused_with_their_reason() {
        let mut m = model(1.0, 1.0, 1.0);
        m.rules.push(PriceRule {
            from: Some("2027-01-01".into()),
            utc_start_hour: None,
            utc_end_hour: None,
            usd_per_m_input: 2.0,
            usd_per_m_cached_input: 2.0,
            usd_per_m_output: 2.0,
        });
        let e = TokenPrices::of(&m, &api("m"), &flat(), 0.0, "arch").unwrap_err();
        assert_eq!(e.field(), "arch.model");
        assert!(
            e.to_string()
                .contains("m's price changes on 2027-01-01: set the scenario's start month"),
            "{e}"
        );
    }
}
