//! Provisioned capacity on managed APIs, sized as the vendors size it
//! (issue 30, first increment): Azure OpenAI's provisioned throughput units
//! (PTU) and Vertex AI's generative-AI scale units (GSU), from the offer
//! list in `public/capacity-offers.json` (each figure with its source and
//! date; `docs/research/provisioned-capacity-2026-12-07.md` holds the
//! research). This is the vendors' own arithmetic, one steady rate and one
//! request size: what burnrate's simulation will add is the traffic's
//! bursts, growth and spread of sizes.
//!
//! - Azure: normalised input tokens a minute = input × (1 − cached share) +
//!   output × the model's output-to-input ratio (cached input counts for
//!   nothing); units = that ÷ input tokens a minute per PTU, rounded up to
//!   the deployment type's increment, at least its minimum.
//! - Vertex: tokens a second = requests a second × (input × 1 + cached
//!   input × its weight + audio input × its weight + output × its weight);
//!   units = that ÷ the model's tokens a second per GSU, rounded up.

use serde::{Deserialize, Serialize};

/// The offer list: when it was compiled, and the offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offers {
    pub as_of: String,
    #[serde(default)]
    pub note: String,
    pub offers: Vec<Offer>,
}

/// One way to buy capacity (a provider and deployment type): its unit, how
/// capacity is counted, its terms' prices and the models it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub id: String,
    pub name: String,
    /// "PTU", "GSU".
    pub unit: String,
    /// Capacity counted in tokens a minute or a second.
    pub per: Per,
    /// Each term's price per unit, the shortest commitment first.
    pub terms: Vec<Term>,
    pub models: Vec<OfferModel>,
    /// Where the sizing rule and the prices come from, with their dates.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Minute,
    Second,
}

/// A term and its price per unit for a period, as the vendor prints it
/// ($1 a PTU-hour, $260 a PTU-month, $2,652 a PTU-year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// "hourly", "1-week", "1-month", "3-month", "1-year".
    pub term: String,
    pub usd_per_unit: f64,
    /// The period the price is for, in hours (a month is 730).
    pub hours: f64,
}

/// One model's throughput under an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferModel {
    /// burnrate's model id (`burnrate prices`).
    pub model: String,
    /// Input tokens a unit serves per minute or second (`Offer::per`).
    pub tokens_per_unit: f64,
    /// What an output token counts as, in input tokens.
    pub output_weight: f64,
    /// What a cached input token counts as (Azure: 0).
    pub cached_input_weight: f64,
    /// What an audio input token counts as, where the offer says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_input_weight: Option<f64>,
    pub min_units: f64,
    pub increment: f64,
}

/// One steady load, as the vendors' calculators take it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Load {
    pub requests_per_minute: f64,
    /// Tokens a request sends (cached ones included) and generates.
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Of the input, the share read from the prompt cache.
    pub cached_share: f64,
    /// Audio input tokens a request sends besides its text.
    pub audio_input_tokens: f64,
}

/// The units a load needs under an offer, and their price a month per term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sizing {
    pub offer: String,
    pub model: String,
    /// The offer's unit ("PTU", "GSU") and what its rate counts.
    pub unit: String,
    pub per: Per,
    /// Weighted tokens a minute or a second (`per`).
    pub weighted_tokens: f64,
    /// Units before rounding.
    pub exact_units: f64,
    /// Units to buy: rounded up to the increment, at least the minimum.
    pub units: f64,
    /// Each term's price a month for `units` (730 hours).
    pub monthly_usd: Vec<TermPrice>,
}

/// A term's price a month for the units sized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermPrice {
    pub term: String,
    pub usd: f64,
}

/// Hours in the average month, as everywhere in burnrate.
const HOURS_PER_MONTH: f64 = 730.0;

impl Offers {
    /// The offer list burnrate ships.
    pub fn shipped() -> Offers {
        serde_json::from_str(include_str!("../../../public/capacity-offers.json"))
            .expect("public/capacity-offers.json parses (a test checks)")
    }

    /// The offer with this id, or a message naming those there are.
    pub fn offer(&self, id: &str) -> Result<&Offer, String> {
        self.offers.iter().find(|o| o.id == id).ok_or_else(|| {
            format!(
                "no offer {}: one of {}",
                crate::error::shortened(id),
                self.offers
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// Sizes `load` for `model` under offer `offer`, or says why not.
    pub fn size(&self, offer: &str, model: &str, load: &Load) -> Result<Sizing, String> {
        let o = self.offer(offer)?;
        let m = o.models.iter().find(|m| m.model == model).ok_or_else(|| {
            format!(
                "{} serves no {} under {offer}: it serves {}",
                o.name,
                crate::error::shortened(model),
                o.models
                    .iter()
                    .map(|m| m.model.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        check(load)?;
        if load.audio_input_tokens > 0.0 && m.audio_input_weight.is_none() {
            return Err(format!(
                "{} publishes no weight for audio input on {}: size text only",
                o.name, m.model
            ));
        }
        let (text, cached) = (
            load.input_tokens * (1.0 - load.cached_share),
            load.input_tokens * load.cached_share,
        );
        let per_request = text
            + cached * m.cached_input_weight
            + load.audio_input_tokens * m.audio_input_weight.unwrap_or(0.0)
            + load.output_tokens * m.output_weight;
        let weighted_tokens = per_request
            * match o.per {
                Per::Minute => load.requests_per_minute,
                Per::Second => load.requests_per_minute / 60.0,
            };
        let exact_units = weighted_tokens / m.tokens_per_unit;
        let units = ((exact_units / m.increment - 1e-9).ceil() * m.increment).max(m.min_units);
        Ok(Sizing {
            offer: o.id.clone(),
            model: m.model.clone(),
            unit: o.unit.clone(),
            per: o.per,
            weighted_tokens,
            exact_units,
            units,
            monthly_usd: o
                .terms
                .iter()
                .map(|t| {
                    let monthly = t.usd_per_unit * HOURS_PER_MONTH / t.hours;
                    TermPrice {
                        term: t.term.clone(),
                        // To the cent, as a bill prints it.
                        usd: (units * monthly * 100.0).round() / 100.0,
                    }
                })
                .collect(),
        })
    }
}

/// What capacity does to an hour's traffic minute by minute. Within an
/// hour calls arrive as a Poisson process (the traffic model draws the
/// hour's rate, bursts and all, and its count), so given the hour's `count`
/// each call falls in any of its 60 minutes alike: a minute's count N is
/// binomial (count, 1/60). Capacity admits k whole calls a minute; the rest
/// spill (or are refused). Per minute: E[(N − k)⁺] = count/60 · P(N′ ≥ k)
/// − k · P(N > k), N′ binomial (count − 1, 1/60), and the chance that some
/// call is turned away, P(N > k). An hourly average would see no overflow
/// at all below capacity: minutes are where bursts bite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinuteOverflow {
    /// Calls over capacity in a minute, on average.
    pub spilled_per_minute: f64,
    /// The chance a minute has more calls than capacity admits.
    pub p_minute_over: f64,
}

/// [`MinuteOverflow`] for an hour of `count` calls (rounded to whole
/// calls) under capacity for `capacity` calls a minute (its floor).
///
/// In one pass over the binomial's terms from k, toward whichever side
/// holds less mass: above the mean, the tail itself (P(N > k) = Σ_{j>k}
/// p_j, E[(N − k)⁺] = Σ_{j>k} (j − k) p_j); below it, the complement
/// (P(N > k) = 1 − Σ_{j≤k} p_j, E[(N − k)⁺] = E[N] − k + Σ_{j<k} (k − j)
/// p_j), each term from the last by the binomial's ratio. It gives the
/// formula above and is some 20× quicker than the incomplete beta function
/// per hour, which made a provisioned architecture's trial 200× a
/// pay-as-you-go one's. Hours of more than [`SUMMED_UP_TO`] calls keep the
/// incomplete beta (their terms are many, and log-gamma loses digits).
pub fn minute_overflow(count: f64, capacity: f64) -> MinuteOverflow {
    const P: f64 = 1.0 / 60.0;
    let k = capacity.max(0.0).floor();
    let n = count.max(0.0).round().min(9.0e15);
    let none = MinuteOverflow {
        spilled_per_minute: 0.0,
        p_minute_over: 0.0,
    };
    if n < 1.0 || k >= n {
        return none;
    }
    if n > SUMMED_UP_TO {
        return minute_overflow_beta(n, k);
    }
    let mean = n * P;
    // p_k, then p_{j+1} = p_j (n − j)/(j + 1) · P/(1 − P).
    let odds = P / (1.0 - P);
    let ln_pk = ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
        + k * libm::log(P)
        + (n - k) * libm::log1p(-P);
    let pk = libm::exp(ln_pk);
    let small = |term: f64, sum: f64| term <= 1e-17 * sum || term == 0.0;
    if k >= mean {
        let (mut p, mut j, mut over, mut spilled) = (pk, k, 0.0, 0.0);
        while j < n {
            p *= (n - j) / (j + 1.0) * odds;
            j += 1.0;
            over += p;
            spilled += (j - k) * p;
            if small(p, over) {
                break;
            }
        }
        MinuteOverflow {
            spilled_per_minute: spilled,
            p_minute_over: over.min(1.0),
        }
    } else {
        let (mut p, mut j, mut at_most, mut short) = (pk, k, pk, 0.0);
        while j > 0.0 {
            p *= j / (n - j + 1.0) / odds;
            j -= 1.0;
            at_most += p;
            short += (k - j) * p;
            if small(p, at_most) {
                break;
            }
        }
        MinuteOverflow {
            spilled_per_minute: (mean - k + short).max(0.0),
            p_minute_over: (1.0 - at_most).clamp(0.0, 1.0),
        }
    }
}

/// ln(x!) for a whole x ≥ 0 through `libm` alone, so the same bits natively
/// and in WASM (statrs' log-gamma takes the platform's logarithm where a
/// crate enables `num-traits/std`, as the page's plotters does; libm's
/// log-gamma would add 1.4 KB to the first load): the product up to 20,
/// then Stirling's series to its fifth term (error under 1e-17).
fn ln_factorial(x: f64) -> f64 {
    if x < 20.0 {
        let (mut product, mut i) = (1.0, 2.0);
        while i <= x {
            product *= i;
            i += 1.0;
        }
        return libm::log(product);
    }
    let z = x + 1.0;
    let r = 1.0 / (z * z);
    // ln Γ(z) = (z − ½) ln z − z + ½ ln 2π + 1/12z − 1/360z³ + 1/1260z⁵ − 1/1680z⁷ + 1/1188z⁹.
    let series =
        (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r * (1.0 / 1680.0 - r / 1188.0)))) / z;
    (z - 0.5) * libm::log(z) - z + 0.918_938_533_204_672_8 + series
}

/// Hours above this many calls take the incomplete beta function: a
/// minute's standard deviation is then over 40 calls and the terms many.
const SUMMED_UP_TO: f64 = 100_000.0;

/// [`minute_overflow`] by the binomial's survival function (statrs'
/// incomplete beta): E[(N − k)⁺] = n/60 · P(N′ ≥ k) − k · P(N > k), N′
/// binomial (n − 1, 1/60).
fn minute_overflow_beta(n: f64, k: f64) -> MinuteOverflow {
    use statrs::distribution::{Binomial, DiscreteCDF};
    const P: f64 = 1.0 / 60.0;
    // P(B > x) for B binomial (m, 1/60).
    let above = |m: f64, x: f64| {
        if x < 0.0 {
            1.0
        } else {
            Binomial::new(P, m as u64).map_or(0.0, |b| b.sf(x.min(9.0e15) as u64))
        }
    };
    let over = above(n, k);
    let at_least = above(n - 1.0, k - 1.0);
    MinuteOverflow {
        spilled_per_minute: (n * P * at_least - k * over).max(0.0),
        p_minute_over: over,
    }
}

/// A load's numbers within their physical bounds.
fn check(load: &Load) -> Result<(), String> {
    for (name, v, max) in [
        ("requests a minute", load.requests_per_minute, 1e9),
        ("input tokens", load.input_tokens, 1e7),
        ("output tokens", load.output_tokens, 1e7),
        ("audio input tokens", load.audio_input_tokens, 1e7),
        ("cached share", load.cached_share, 1.0),
    ] {
        if !(0.0..=max).contains(&v) {
            return Err(format!(
                "{name} must be between 0 and {}, not {v}",
                crate::markup::count(max)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: 60 calls in the hour, capacity 1 a minute. A minute's N is
    /// binomial (60, 1/60): P(N = 0) = (59/60)^60, P(N = 1) = (59/60)^59;
    /// P(N > 1) = 1 − both; E[(N − 1)⁺] = E[N] − 1 + P(N = 0) = (59/60)^60.
    /// Capacity 0: everything spills. Far below and far above capacity:
    /// nothing, and the whole excess.
    #[test]
    fn minute_overflow_by_hand() {
        let q: f64 = 59.0 / 60.0;
        let m = minute_overflow(60.0, 1.0);
        assert!(
            (m.p_minute_over - (1.0 - q.powi(60) - q.powi(59))).abs() < 1e-12,
            "{m:?}"
        );
        assert!((m.spilled_per_minute - q.powi(60)).abs() < 1e-12, "{m:?}");
        let m = minute_overflow(210.0, 0.0);
        assert!(
            (m.spilled_per_minute - 3.5).abs() < 1e-12
                && (m.p_minute_over - (1.0 - q.powi(210))).abs() < 1e-12,
            "{m:?}"
        );
        let m = minute_overflow(6_000.0, 1_000.0);
        assert!(m.spilled_per_minute < 1e-12 && m.p_minute_over < 1e-12);
        let m = minute_overflow(60_000.0, 100.0);
        assert!((m.spilled_per_minute - 900.0).abs() < 1e-9, "{m:?}");
        assert_eq!(minute_overflow(0.0, 5.0).spilled_per_minute, 0.0);
    }

    /// The summed terms give the incomplete beta's figures over hours of 1
    /// to 100,000 calls and capacities from none to all of them: to 1e-9
    /// of the hour's mean a minute (spilled) and 1e-9 (the chance).
    #[test]
    fn summed_terms_agree_with_the_incomplete_beta() {
        let mut worst = (0.0f64, 0.0f64);
        for n in [
            1.0, 2.0, 7.0, 59.0, 60.0, 61.0, 300.0, 1_000.0, 3_333.0, 12_345.0, 60_000.0, 100_000.0,
        ] {
            let mean = n / 60.0;
            let sd = (n / 60.0 * 59.0 / 60.0f64).sqrt();
            let mut ks = vec![0.0, 1.0, 2.0, n - 1.0, n];
            for z in -14..=14 {
                ks.push((mean + f64::from(z) * sd).floor().max(0.0));
            }
            for k in ks {
                let fast = minute_overflow(n, k);
                let beta = if k >= n {
                    MinuteOverflow {
                        spilled_per_minute: 0.0,
                        p_minute_over: 0.0,
                    }
                } else {
                    minute_overflow_beta(n, k)
                };
                let ds = (fast.spilled_per_minute - beta.spilled_per_minute).abs() / mean.max(1.0);
                let dp = (fast.p_minute_over - beta.p_minute_over).abs();
                assert!(ds < 1e-9 && dp < 1e-9, "n {n} k {k}: {fast:?} {beta:?}");
                worst = (worst.0.max(ds), worst.1.max(dp));
            }
        }
        eprintln!(
            "worst: spilled {:e} of the mean, chance {:e}",
            worst.0, worst.1
        );
    }

    /// ln(x!) against statrs' log-gamma (natively it goes through libm
    /// too) and, below 20, the product itself.
    #[test]
    fn ln_factorial_agrees_with_log_gamma() {
        let mut x = 0.0;
        while x <= 200_000.0 {
            let want = statrs::function::gamma::ln_gamma(x + 1.0);
            let got = ln_factorial(x);
            assert!(
                (got - want).abs() <= 1e-13 * want.abs().max(1.0),
                "{x}: {got} {want}"
            );
            x = if x < 100.0 {
                x + 1.0
            } else {
                (x * 1.37).floor()
            };
        }
        assert_eq!(ln_factorial(5.0), 120f64.ln());
    }

    /// Every offer is whole: terms and models, positive throughput, an
    /// increment and minimum, a source.
    #[test]
    fn the_shipped_offers_are_whole() {
        let list = Offers::shipped();
        assert!(!list.offers.is_empty());
        for o in &list.offers {
            assert!(
                !o.source.is_empty() && !o.terms.is_empty() && !o.models.is_empty(),
                "{}",
                o.id
            );
            for t in &o.terms {
                assert!(
                    t.usd_per_unit > 0.0 && t.hours >= 1.0,
                    "{} {}",
                    o.id,
                    t.term
                );
            }
            for m in &o.models {
                assert!(
                    m.tokens_per_unit > 0.0 && m.increment > 0.0,
                    "{} {}",
                    o.id,
                    m.model
                );
                assert!(
                    m.min_units >= m.increment || m.min_units > 0.0,
                    "{} {}",
                    o.id,
                    m.model
                );
                assert!(m.output_weight >= 1.0 && m.cached_input_weight >= 0.0);
            }
        }
    }
}
