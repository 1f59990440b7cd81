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

use crate::catalog::{LongContextTier, MAX_LONG_CONTEXT_TIERS, ModelPrice, PriceRule, PriceTable};
use crate::error::ModelError;
use crate::fields::{Entry, Field, Optional, Section, Slot, Walk};
use crate::levers::agents::{StepPrices, Work};
use crate::levers::ledger::{Bucket, Component, Ledger};
use crate::levers::provisioned::{PROVISIONED, Provisioned};

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
    /// Share of those writes kept for an hour rather than five minutes, at
    /// the model's one-hour cache-write price (Anthropic: 2x input).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub prompt_cache_write_1h_share: f64,
    /// Share of calls sent through the batch API at its discount.
    pub batch_share: f64,
    /// Share of calls on flex processing (slower, cheaper; the model's `flex_ratio`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub flex_share: f64,
    /// Share of calls on priority processing (the model's `priority_ratio`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub priority_share: f64,
    /// Throughput units reserved on the API, billed by the hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioned: Option<Provisioned>,
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
pub const CACHE_WRITES_1H: Field = Field::share(
    "prompt_cache_write_1h_share",
    "One-hour cache writes",
    "% of writes",
    "Cache writes kept for an hour instead of five minutes, billed at the model's one-hour price (Anthropic: 2× input against 1.25×).",
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
        w.field(
            &CACHE_WRITES_1H,
            Slot::Number(&mut self.prompt_cache_write_1h_share),
        );
        w.field(&FLEX, Slot::Number(&mut self.flex_share));
        w.field(&PRIORITY, Slot::Number(&mut self.priority_share));
        w.field(
            &PROVISIONED,
            Slot::Group(&mut Optional {
                value: &mut self.provisioned,
                default: Provisioned::default,
            }),
        );
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
        if self.provisioned.is_some()
            && self.batch_share + self.flex_share + self.priority_share > 0.0
        {
            return Err(ModelError::Invalid {
                field: format!("{f}.provisioned"),
                message: "provisioned capacity serves calls as they come: set the batch, flex and priority shares to 0 (those are pay-as-you-go tiers)".into(),
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
    let off = prices.usd_off_per_reasoning_token;
    // Reasoning priced apart: each call's reasoning tokens, counted in its
    // output above, come back at the difference.
    let (off_calls, off_loops) = if off != 0.0 {
        let per_call = off * w.reasoning_per_call;
        (
            (w.chat_calls + w.agent_calls) * per_call,
            w.loop_calls * per_call,
        )
    } else {
        (0.0, 0.0)
    };
    ledger.add(
        v,
        Component::OutputTokens,
        share * (w.chat_out * chat_out + w.agent_out * agent_out - off_calls),
    );
    *loop_usd += share * (w.loop_in * loop_in + w.loop_out * loop_out - off_loops);
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
    /// What a hidden reasoning token costs less than an output token, where
    /// the model prices reasoning apart (0 for nearly every model: then it
    /// is output, and this is never used).
    pub usd_off_per_reasoning_token: f64,
    /// The model's long-context tiers, if it has any.
    pub long_context: Option<LongContextPrices>,
}

/// Per-token prices of requests above long-context thresholds: a request
/// pays the prices of the highest threshold its input is above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LongContextPrices {
    steps: [TierStep; MAX_LONG_CONTEXT_TIERS],
    len: usize,
    /// σ of the log of a request's input tokens (from `cv_per_query`).
    pub sigma: f64,
}

/// One threshold and the prices per input and output token above it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct TierStep {
    above_input_tokens: f64,
    input: f64,
    output: f64,
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
    /// A cache write of five minutes, and of an hour.
    write: f64,
    write_1h: f64,
    output: f64,
}

impl ListPrices {
    fn new(
        input: f64,
        cached: f64,
        write: Option<f64>,
        write_1h: Option<f64>,
        output: f64,
    ) -> ListPrices {
        let write = write.unwrap_or(input);
        ListPrices {
            input,
            cached,
            write,
            write_1h: write_1h.unwrap_or(write),
            output,
        }
    }

    fn base(m: &ModelPrice) -> ListPrices {
        ListPrices::new(
            m.usd_per_m_input,
            m.usd_per_m_cached_input,
            m.usd_per_m_cache_write,
            m.usd_per_m_cache_write_1h,
            m.usd_per_m_output,
        )
    }

    fn rule(r: &PriceRule) -> ListPrices {
        ListPrices::new(
            r.usd_per_m_input,
            r.usd_per_m_cached_input,
            None,
            None,
            r.usd_per_m_output,
        )
    }

    fn tier(t: &LongContextTier) -> ListPrices {
        ListPrices::new(
            t.usd_per_m_input,
            t.usd_per_m_cached_input,
            t.usd_per_m_cache_write,
            t.usd_per_m_cache_write_1h,
            t.usd_per_m_output,
        )
    }

    fn scaled(self, k: f64) -> ListPrices {
        ListPrices {
            input: self.input * k,
            cached: self.cached * k,
            write: self.write * k,
            write_1h: self.write_1h * k,
            output: self.output * k,
        }
    }

    fn plus(self, o: ListPrices, k: f64) -> ListPrices {
        ListPrices {
            input: self.input + k * o.input,
            cached: self.cached + k * o.cached,
            write: self.write + k * o.write,
            write_1h: self.write_1h + k * o.write_1h,
            output: self.output + k * o.output,
        }
    }
}

/// A processing tier's prices: below every threshold, and above each.
#[derive(Debug, Clone)]
struct Table {
    base: ListPrices,
    tiers: Vec<(f64, ListPrices)>,
}

impl Table {
    fn new(base: ListPrices, tiers: &[LongContextTier]) -> Table {
        Table {
            base,
            tiers: tiers
                .iter()
                .map(|t| (t.above_input_tokens, ListPrices::tier(t)))
                .collect(),
        }
    }

    fn standard(m: &ModelPrice, base: ListPrices) -> Table {
        Table::new(base, &m.long_context)
    }

    fn own(t: &PriceTable) -> Table {
        let base = ListPrices::new(
            t.usd_per_m_input,
            t.usd_per_m_cached_input,
            t.usd_per_m_cache_write,
            t.usd_per_m_cache_write_1h,
            t.usd_per_m_output,
        );
        Table::new(base, &t.long_context)
    }

    /// The prices of a request just above `threshold` (the highest tier at
    /// or below it; the base below every tier).
    fn at(&self, threshold: f64) -> ListPrices {
        self.tiers
            .iter()
            .rev()
            .find(|(t, _)| *t <= threshold)
            .map_or(self.base, |&(_, p)| p)
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
    let mut sum = base.scaled(0.0);
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
        sum = sum.plus(p, *share);
    }
    sum
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
    if !m.long_context.is_empty() && !m.rules.is_empty() {
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

/// Shares of a month's calls on each processing tier, and the tier's
/// prices: the blend the month pays per token.
fn blend(
    tables: &[(f64, Table)],
    per_token: impl Fn(ListPrices) -> (f64, f64),
    cv_per_query: f64,
) -> (f64, f64, Option<LongContextPrices>) {
    let level = |at: &dyn Fn(&Table) -> ListPrices| {
        tables.iter().fold((0.0, 0.0), |(i, o), (share, t)| {
            let (pi, po) = per_token(at(t));
            (i + pi * share, o + po * share)
        })
    };
    let (input, output) = level(&|t| t.base);
    let mut thresholds: Vec<f64> = tables
        .iter()
        .filter(|(share, _)| *share > 0.0)
        .flat_map(|(_, t)| t.tiers.iter().map(|(th, _)| *th))
        .collect();
    thresholds.sort_by(f64::total_cmp);
    thresholds.dedup();
    if thresholds.is_empty() {
        return (input, output, None);
    }
    let mut steps = [TierStep::default(); MAX_LONG_CONTEXT_TIERS];
    // Validation keeps the thresholds of a model's tables, together, to
    // MAX_LONG_CONTEXT_TIERS (`min` only guards the array).
    let len = thresholds.len().min(MAX_LONG_CONTEXT_TIERS);
    for (step, &th) in steps.iter_mut().zip(&thresholds) {
        let here = level(&|t| t.at(th));
        *step = TierStep {
            above_input_tokens: th,
            input: here.0 / 1e6,
            output: here.1 / 1e6,
        };
    }
    let sigma = libm::sqrt(libm::log1p(cv_per_query * cv_per_query));
    (input, output, Some(LongContextPrices { steps, len, sigma }))
}

impl TokenPrices {
    /// The marginal step: below any long-context tier (a budget cap's
    /// prices), with the call's fee.
    pub fn step(&self) -> StepPrices {
        StepPrices {
            usd_per_input_token: self.usd_per_input_token,
            usd_per_output_token: self.usd_per_output_token,
            usd_per_call: self.usd_per_call,
            usd_off_per_reasoning_token: self.usd_off_per_reasoning_token,
        }
    }

    /// Per-token (input, output) prices of calls whose mean input is
    /// `mean_input` tokens: above each long-context threshold, the tier's
    /// prices on the requests (and their tokens) over it.
    #[inline]
    pub fn rates(&self, mean_input: f64) -> (f64, f64) {
        let (input, output) = (self.usd_per_input_token, self.usd_per_output_token);
        let Some(t) = &self.long_context else {
            return (input, output);
        };
        // Each band between thresholds at its prices: the requests (for
        // output) and their input tokens (for input) above one threshold
        // and not the next.
        let (mut sum_in, mut sum_out) = (0.0, 0.0);
        let (mut requests, mut tokens, mut level) = (1.0, 1.0, (input, output));
        for s in &t.steps[..t.len] {
            let (r, k) = above_threshold(mean_input, t.sigma, s.above_input_tokens);
            sum_in += (tokens - k) * level.0;
            sum_out += (requests - r) * level.1;
            (requests, tokens, level) = (r, k, (s.input, s.output));
        }
        (sum_in + tokens * level.0, sum_out + requests * level.1)
    }

    /// `price`'s tokens on `api`: cache reads and writes (five-minute and
    /// one-hour), batch, flex and priority processing (each at its own
    /// table or its ratio of the standard prices), hourly prices over
    /// `minute_shares`, and long-context tiers for requests whose input
    /// varies with coefficient of variation `cv_per_query`.
    pub fn of(
        price: &ModelPrice,
        api: &ManagedApi,
        minute_shares: &[f64],
        cv_per_query: f64,
        f: &str,
    ) -> Result<TokenPrices, ModelError> {
        unsupported_rules(price, &format!("{f}.model"))?;
        let standard = Table::standard(price, day_average(price, minute_shares));
        let missing = |name: &str| ModelError::Invalid {
            field: format!("{f}.{name}_share"),
            message: format!(
                "{} publishes no {name} price: set the share to 0, or add `{name}_ratio` to its catalog entry",
                crate::error::shortened(&price.id)
            ),
        };
        // Calls at a ratio of the standard prices weigh the standard table
        // (`scale`, as before tables existed: the same bits); calls on a
        // tier's own table, that table.
        let mut scale = 1.0 - api.batch_share - api.flex_share - api.priority_share;
        let mut tables = Vec::new();
        let batch_ratio = Some(1.0 - price.batch_discount);
        for (share, own, ratio, name) in [
            (api.batch_share, &price.batch, batch_ratio, "batch"),
            (api.flex_share, &price.flex, price.flex_ratio, "flex"),
            (
                api.priority_share,
                &price.priority,
                price.priority_ratio,
                "priority",
            ),
        ] {
            match (own, ratio) {
                _ if share == 0.0 => scale += 0.0,
                (Some(t), _) => tables.push((share, Table::own(t))),
                (None, Some(r)) => scale += share * r,
                (None, None) => return Err(missing(name)),
            }
        }
        tables.insert(0, (scale, standard));
        let (read, write) = (api.prompt_cache_share, api.prompt_cache_write_share);
        let hour = api.prompt_cache_write_1h_share;
        let mix = |p: ListPrices| {
            (
                (1.0 - read - write) * p.input
                    + read * p.cached
                    + write * ((1.0 - hour) * p.write + hour * p.write_1h),
                p.output,
            )
        };
        let (input, output, long_context) = blend(&tables, mix, cv_per_query);
        // A reasoning price comes only with one table (catalog validation):
        // the standard prices at `scale`, the tiers' ratios included.
        let off = price
            .usd_per_m_reasoning
            .map_or(0.0, |r| scale * (price.usd_per_m_output - r));
        Ok(TokenPrices {
            usd_per_input_token: input / 1e6,
            usd_per_output_token: output / 1e6,
            usd_per_call: price.usd_per_k_requests / 1e3,
            usd_off_per_reasoning_token: off / 1e6,
            long_context,
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
        let standard = Table::standard(price, day_average(price, minute_shares));
        let (input, output, long_context) =
            blend(&[(1.0, standard)], |p| (p.input, p.output), cv_per_query);
        let off = price
            .usd_per_m_reasoning
            .map_or(0.0, |r| price.usd_per_m_output - r);
        Ok(TokenPrices {
            usd_per_input_token: input / 1e6,
            usd_per_output_token: output / 1e6,
            usd_per_call: price.usd_per_k_requests / 1e3,
            usd_off_per_reasoning_token: off / 1e6,
            long_context,
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
            long_context: vec![crate::catalog::LongContextTier {
                above_input_tokens: 200_000.0,
                usd_per_m_input: 2.5,
                usd_per_m_cached_input: 0.25,
                usd_per_m_output: 15.0,
                usd_per_m_cache_write: None,
                usd_per_m_cache_write_1h: None,
            }],
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
        let (i, o) = steady.rates(200_001.0);
        assert!((i - 2.5e-6).abs() < 1e-20 && (o - 15e-6).abs() < 1e-20);
    }

    /// Qwen3.7 Flash's two tiers (genai-prices: above 32K and above 256K
    /// input tokens): a request pays the highest tier it crosses on all its
    /// tokens. Hand prices: $0.1 / $0.4 per 1M below, $0.2 / $0.8 above
    /// 32K, $0.4 / $1.6 above 256K; 1,000 output tokens.
    #[test]
    fn a_request_pays_the_highest_long_context_tier_it_crosses() {
        let tier = |above: f64, k: f64| crate::catalog::LongContextTier {
            above_input_tokens: above,
            usd_per_m_input: 0.1 * k,
            usd_per_m_cached_input: 0.1 * k,
            usd_per_m_output: 0.4 * k,
            usd_per_m_cache_write: None,
            usd_per_m_cache_write_1h: None,
        };
        let m = ModelPrice {
            long_context: vec![tier(32_000.0, 2.0), tier(256_000.0, 4.0)],
            ..model(0.1, 0.1, 0.4)
        };
        let p = TokenPrices::of(&m, &api("m"), &flat(), 0.0, "a").unwrap();
        let request = |input: f64| {
            let (i, o) = p.rates(input);
            input * i + 1_000.0 * o
        };
        // 20,000 × 0.1/1M + 1,000 × 0.4/1M = $0.0024
        assert!((request(20_000.0) - 0.0024).abs() < 1e-15);
        // 100,000 × 0.2/1M + 1,000 × 0.8/1M = $0.0208
        assert!((request(100_000.0) - 0.0208).abs() < 1e-15);
        // 300,000 × 0.4/1M + 1,000 × 1.6/1M = $0.1216
        assert!((request(300_000.0) - 0.1216).abs() < 1e-15);
    }

    /// Anthropic's cache writes: five minutes at 1.25× input, an hour at 2×.
    /// Input $3 per 1M; 10,000 input tokens of which 2,000 are written, half
    /// of those for an hour: 8,000 × 3 + 1,000 × 3.75 + 1,000 × 6 =
    /// 33,750 per 1M = $0.03375.
    #[test]
    fn one_hour_cache_writes_pay_their_own_price() {
        let m = ModelPrice {
            usd_per_m_cache_write: Some(3.75),
            usd_per_m_cache_write_1h: Some(6.0),
            ..model(3.0, 0.3, 15.0)
        };
        let a = ManagedApi {
            prompt_cache_write_share: 0.2,
            prompt_cache_write_1h_share: 0.5,
            ..api("m")
        };
        let p = TokenPrices::of(&m, &a, &flat(), 0.0, "a").unwrap();
        assert!((10_000.0 * p.rates(10_000.0).0 - 0.03375).abs() < 1e-15);
    }

    /// A batch table that leaves cached input at its standard price
    /// (genai-prices' gpt-4.1 batch: input and output halved, cached input
    /// $0.50 as standard): 10,000 input tokens, 60% cached, all by batch:
    /// 4,000 × 1.00 + 6,000 × 0.50 = 7,000 per 1M = $0.007, where one ratio
    /// of 0.5 on every price would give $0.0055.
    #[test]
    fn a_batch_table_prices_each_token_kind_by_itself() {
        let m = ModelPrice {
            batch: Some(crate::catalog::PriceTable {
                usd_per_m_input: 1.0,
                usd_per_m_cached_input: 0.5,
                usd_per_m_output: 4.0,
                ..Default::default()
            }),
            ..model(2.0, 0.5, 8.0)
        };
        let a = ManagedApi {
            prompt_cache_share: 0.6,
            batch_share: 1.0,
            ..api("m")
        };
        let p = TokenPrices::of(&m, &a, &flat(), 0.0, "a").unwrap();
        assert!((10_000.0 * p.rates(10_000.0).0 - 0.007).abs() < 1e-15);
        assert!((p.usd_per_output_token - 4e-6).abs() < 1e-20);
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
