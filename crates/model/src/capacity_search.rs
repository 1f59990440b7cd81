//! The cheapest commitment under the simulated traffic (issue 30, item 4):
//! each option (pay-as-you-go alone, or so many units on a term) is the
//! scenario with the architecture's provisioned capacity set to it, run on
//! the same trials (common random numbers: the options differ only by what
//! they buy). An option meets the limits when the chance that a month's
//! spilled (or throttled) share of calls exceeds its limit is at most
//! 1 − confidence; the best is the cheapest on average of those.
//!
//! Units are searched on a grid: the offer's minimum doubled until the
//! mean share above capacity is under 0.1% (and once more), then, around
//! the cheapest option, every increment between its grid neighbours.

use serde::{Deserialize, Serialize};

use crate::Scenario;
use crate::engine::{Prepared, Scratch};
use crate::levers::provisioned::Overflow;
use crate::levers::provisioned::Provisioned;
use crate::provisioned::{Offer, Offers, Per};
use crate::scenario::Commitment;
use crate::scenario::Serving;

/// What the options must meet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Most share of a month's calls spilled to pay-as-you-go (None: any).
    pub max_spill_share: Option<f64>,
    /// Most share of a month's calls refused (None: any).
    pub max_throttle_share: Option<f64>,
    /// The chance a month must be within the limits, e.g. 0.95.
    pub confidence: f64,
}

/// Which month an option is costed in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// The horizon's average month (what the scenario's results show).
    Average,
    /// Month `m` of the horizon (1: the first) in every month: the
    /// scenario without growth, its volume drawn as month m's (the median
    /// grown m − 1 months; the draws stay common). Upfront and retraining
    /// costs keep their share of the horizon; prices are the horizon's
    /// (a dated change inside it is spread as in the average month).
    Month(u32),
}

/// What a search buys more or less of: units of a managed API's
/// provisioned throughput (their throughput and overflow; units and price
/// are each option's), or instances of a self-hosted fleet committed for a
/// term at a discount (the term and discount; instances are each option's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    Provisioned(Provisioned),
    Committed(Commitment),
}

/// A way to buy the architecture's capacity: `units` of `base`'s
/// throughput on `term` at `usd_per_unit_hour` (0 units: pay-as-you-go).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Buy {
    pub units: u32,
    pub term: String,
    pub usd_per_unit_hour: f64,
}

/// One option's month over the trials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub units: u32,
    pub term: String,
    pub usd_per_unit_hour: f64,
    /// The architecture's average month: mean and 95th percentile.
    pub mean_usd: f64,
    pub p95_usd: f64,
    /// Mean shares of calls spilled and refused, and the units' utilisation.
    pub spilled_share: f64,
    pub throttled_share: f64,
    pub utilization: Option<f64>,
    /// The chance a month's spilled or refused share exceeds its limit.
    pub p_over_limit: f64,
    pub meets_limits: bool,
}

/// The options tried (pay-as-you-go, then each term's by units), and the best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Search {
    pub arch: String,
    pub trials: u32,
    /// What every option buys more or less of (provisioned units: their
    /// throughput, with the architecture's own units and price or the
    /// offer's minimum at no price; committed instances: the term and
    /// discount): an option written into the scenario is this with the
    /// option's units and price ([`write`]).
    pub base: Base,
    pub options: Vec<Outcome>,
    /// The cheapest option that meets the limits (pay-as-you-go always does
    /// when no limit bounds it: it spills and refuses nothing).
    pub best: Option<Outcome>,
    /// Over a growing horizon, when to add units ([`crate::capacity_plan`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::capacity_plan::Plan>,
}

/// The throughput of `offer` for `model`, as the scenario's provisioned
/// group holds it (tokens a minute), and the offer's terms as prices a
/// unit-hour; with its minimum and increment.
pub fn from_offer(
    offer: &Offer,
    model: &str,
    overflow: crate::levers::provisioned::Overflow,
) -> Result<(Provisioned, Vec<Buy>, u32, u32), String> {
    let m = offer
        .models
        .iter()
        .find(|m| m.model == model)
        .ok_or_else(|| format!("{} serves no {model}", offer.name))?;
    let per_minute = match offer.per {
        Per::Minute => 1.0,
        Per::Second => 60.0,
    };
    let base = Provisioned {
        units: m.min_units.max(1.0) as u32,
        usd_per_unit_hour: 0.0,
        tokens_per_minute_per_unit: m.tokens_per_unit * per_minute,
        output_weight: m.output_weight,
        cached_input_weight: m.cached_input_weight,
        overflow,
    };
    let terms = offer
        .terms
        .iter()
        .map(|t| Buy {
            units: 0,
            term: t.term.clone(),
            usd_per_unit_hour: t.usd_per_unit / t.hours,
        })
        .collect();
    Ok((
        base,
        terms,
        m.min_units.max(1.0) as u32,
        m.increment.max(1.0) as u32,
    ))
}

/// Runs `buy` on architecture `arch` of `s` over `trials` trials: the
/// architecture alone where nothing ties it to the others (its draws are
/// keyed by its id, so its months are the same bits: a test checks), its
/// traffic hour by hour whatever it buys (pay-as-you-go and units then see
/// the same months).
pub fn evaluate(
    s: &Scenario,
    arch: usize,
    base: &Base,
    buy: &Buy,
    limits: &Limits,
    trials: u32,
) -> Result<Outcome, String> {
    evaluate_at(s, arch, base, buy, limits, trials, When::Average)
}

/// [`evaluate`] in the month `when` says.
pub fn evaluate_at(
    s: &Scenario,
    arch: usize,
    base: &Base,
    buy: &Buy,
    limits: &Limits,
    trials: u32,
    when: When,
) -> Result<Outcome, String> {
    let (s, arch) = alone(s, arch);
    evaluate_in(&s, arch, base, buy, limits, trials, when)
}

/// `s` with architecture `arch` alone and its new index, unless a
/// correlation names another architecture's input (then all of them).
fn alone(s: &Scenario, arch: usize) -> (std::borrow::Cow<'_, Scenario>, usize) {
    let Some(own) = s.architectures.get(arch) else {
        return (std::borrow::Cow::Borrowed(s), arch);
    };
    let tied = s.correlations.iter().any(|c| {
        s.architectures.iter().any(|a| {
            let prefix = format!("{}.", a.id);
            a.id != own.id && (c.a.starts_with(&prefix) || c.b.starts_with(&prefix))
        })
    });
    if tied {
        return (std::borrow::Cow::Borrowed(s), arch);
    }
    let mut alone = s.clone();
    alone.architectures = vec![own.clone()];
    (std::borrow::Cow::Owned(alone), 0)
}

fn evaluate_in(
    s: &Scenario,
    arch: usize,
    base: &Base,
    buy: &Buy,
    limits: &Limits,
    trials: u32,
    when: When,
) -> Result<Outcome, String> {
    let mut s = s.clone();
    s.trials = trials;
    write(&mut s, arch, base, buy)?;
    let grown = match when {
        When::Average => None,
        When::Month(m) => {
            let g = s.workload.monthly_growth;
            s.workload.monthly_growth = 0.0;
            Some(libm::pow(1.0 + g, f64::from(m.max(1) - 1)))
        }
    };
    let mut prepared = Prepared::new(&s).map_err(|e| e.to_string())?.hour_by_hour();
    if let Some(grown) = grown {
        prepared = prepared.at_volume(s.workload.queries_per_day.quantile(0.5) * grown);
    }
    let mut scratch = Scratch::default();
    let mut monthly = Vec::with_capacity(trials as usize);
    let (mut spilled, mut throttled, mut utilization, mut over) = (0.0, 0.0, 0.0, 0u32);
    for t in 0..u64::from(trials) {
        prepared.trial(t, &mut scratch);
        let a = &scratch.archs()[arch];
        monthly.push(a.monthly_usd);
        spilled += a.spilled_share;
        throttled += a.throttled_share;
        utilization += a.provisioned_utilization.unwrap_or(0.0);
        let beyond = |share: f64, limit: Option<f64>| limit.is_some_and(|l| share > l);
        if beyond(a.spilled_share, limits.max_spill_share)
            || beyond(a.throttled_share, limits.max_throttle_share)
        {
            over += 1;
        }
    }
    let n = f64::from(trials.max(1));
    monthly.sort_by(f64::total_cmp);
    let p95 = crate::calibrate::stats::quantile_sorted(&monthly, 0.95);
    let p_over_limit = f64::from(over) / n;
    Ok(Outcome {
        units: buy.units,
        term: buy.term.clone(),
        usd_per_unit_hour: buy.usd_per_unit_hour,
        mean_usd: monthly.iter().sum::<f64>() / n,
        p95_usd: p95,
        spilled_share: spilled / n,
        throttled_share: throttled / n,
        utilization: (buy.units > 0).then_some(utilization / n),
        p_over_limit,
        meets_limits: p_over_limit <= 1.0 - limits.confidence + 1e-12,
    })
}

/// Searches units × `terms` for architecture `arch_id` of `s` (see the
/// module's doc); `units`: the units to try instead of the grid; `tried`
/// hears the count of options run after each (a page's progress).
#[allow(clippy::too_many_arguments)]
pub fn search(
    s: &Scenario,
    arch_id: &str,
    base: &Base,
    terms: &[Buy],
    min_units: u32,
    increment: u32,
    units: Option<&[u32]>,
    limits: &Limits,
    trials: u32,
    when: When,
    tried: &mut dyn FnMut(usize),
) -> Result<Search, String> {
    let arch = arch_index(s, arch_id)?;
    if !(0.0..=1.0).contains(&limits.confidence) {
        return Err("the confidence must be between 0 and 1".into());
    }
    let mut count = 0;
    let mut run = |units: u32, term: &Buy| {
        count += 1;
        tried(count);
        evaluate_at(
            s,
            arch,
            base,
            &Buy {
                units,
                ..term.clone()
            },
            limits,
            trials,
            when,
        )
    };
    let payg = Buy {
        units: 0,
        term: "pay-as-you-go".into(),
        usd_per_unit_hour: 0.0,
    };
    let mut options = vec![run(0, &payg)?];
    let step = increment.max(1);
    let round = |u: u64| -> u32 {
        let u = u.max(u64::from(min_units.max(1)));
        (u.div_ceil(u64::from(step)) * u64::from(step)).min(100_000) as u32
    };
    let grid: Vec<u32> = match units {
        Some(list) => list.iter().copied().filter(|u| *u > 0).collect(),
        None => {
            // Doubling from the minimum until hardly anything is above
            // capacity on the first term (then once more).
            let mut grid = Vec::new();
            let first = terms.first().ok_or("the offer lists no term")?;
            let mut u = u64::from(min_units.max(1));
            let mut extra = 0;
            while grid.len() < 18 && extra < 2 {
                let units = round(u);
                if grid.last() == Some(&units) {
                    break;
                }
                grid.push(units);
                let o = run(units, first)?;
                if o.spilled_share + o.throttled_share < 1e-3 {
                    extra += 1;
                }
                options.push(o);
                u *= 2;
            }
            grid
        }
    };
    for term in terms {
        for &u in &grid {
            if !options.iter().any(|o| o.units == u && o.term == term.term) {
                options.push(run(u, term)?);
            }
        }
    }
    if units.is_none() {
        // Around the cheapest option meeting the limits: every increment
        // between its neighbours on the grid (at most 16).
        if let Some(b) = best(&options).filter(|b| b.units > 0) {
            let at = grid.iter().position(|u| *u == b.units).unwrap_or(0);
            let lo = if at > 0 { grid[at - 1] } else { b.units };
            let hi = grid.get(at + 1).copied().unwrap_or(b.units);
            let term = terms.iter().find(|t| t.term == b.term).cloned();
            if let Some(term) = term {
                let span = (hi - lo) / step;
                let every = span.div_ceil(16).max(1) * step;
                let mut u = lo + every;
                while u < hi {
                    if !options.iter().any(|o| o.units == u && o.term == term.term) {
                        options.push(run(u, &term)?);
                    }
                    u += every;
                }
            }
        }
    }
    // Pay-as-you-go, then each term's options by units.
    let term_at = |o: &Outcome| {
        terms
            .iter()
            .position(|t| o.units > 0 && t.term == o.term)
            .map_or(0, |i| i + 1)
    };
    options.sort_by(|a, b| term_at(a).cmp(&term_at(b)).then(a.units.cmp(&b.units)));
    Ok(Search {
        arch: arch_id.to_owned(),
        trials,
        base: base.clone(),
        best: best(&options).cloned(),
        options,
        plan: None,
    })
}

/// Writes `buy` into architecture `arch` of `s`: `base`'s throughput with
/// the option's units and price, or none (pay-as-you-go); or so many
/// instances committed on `base`'s term, or none (on demand).
pub fn write(s: &mut Scenario, arch: usize, base: &Base, buy: &Buy) -> Result<(), String> {
    match (s.architectures.get_mut(arch).map(|a| &mut a.serving), base) {
        (Some(Serving::ManagedApi(api)), Base::Provisioned(base)) => {
            api.provisioned = (buy.units > 0).then(|| Provisioned {
                units: buy.units,
                usd_per_unit_hour: buy.usd_per_unit_hour,
                ..base.clone()
            });
        }
        (Some(Serving::SelfHosted(hosted)), Base::Committed(base)) => {
            hosted.commitment = (buy.units > 0).then(|| Commitment {
                instances: buy.units,
                ..base.clone()
            });
        }
        _ => {
            return Err(
                "provisioned capacity is for an architecture on a managed API, committed instances for one on its own"
                    .into(),
            );
        }
    }
    Ok(())
}

/// The offers that serve architecture `arch`'s model (none for an
/// architecture on its own instances).
pub fn offers_for(s: &Scenario, arch: usize) -> Vec<Offer> {
    let Some(Serving::ManagedApi(api)) = s.architectures.get(arch).map(|a| &a.serving) else {
        return Vec::new();
    };
    Offers::shipped()
        .offers
        .into_iter()
        .filter(|o| o.models.iter().any(|m| m.model == api.model))
        .collect()
}

/// What a search of architecture `arch_id` buys more or less of.
pub enum Buying {
    /// Provisioned units of `base`'s throughput on each of `terms`, from
    /// `min` units by `increment`.
    Units {
        base: Base,
        terms: Vec<Buy>,
        min: u32,
        increment: u32,
    },
    /// Instances of a self-hosted fleet committed on this term and discount.
    Instances(Commitment),
}

/// What the search of architecture `arch_id` of `s` buys: the throughput
/// and terms of offer `offer` (`burnrate capacity size` lists them), or,
/// without one, the architecture's own provisioned group at its own price;
/// for a self-hosted fleet, its committed instances' term and discount.
pub fn buying(s: &Scenario, arch_id: &str, offer: Option<&str>) -> Result<Buying, String> {
    let shown = crate::error::shortened(arch_id);
    let own = &s.architectures[arch_index(s, arch_id)?];
    let (model, provisioned) = match &own.serving {
        Serving::ManagedApi(api) => (api.model.clone(), api.provisioned.clone()),
        Serving::SelfHosted(hosted) => {
            if offer.is_some() {
                return Err(format!(
                    "{shown} runs on its own instances: an offer is for a managed API's provisioned capacity"
                ));
            }
            let Some(c) = &hosted.commitment else {
                return Err(format!(
                    "{shown} runs on its own instances: switch on its committed instances with your provider's term and discount, and the search tries every count of them"
                ));
            };
            return Ok(Buying::Instances(c.clone()));
        }
    };
    let overflow = provisioned.as_ref().map_or(Overflow::Spill, |p| p.overflow);
    let (base, terms, min, increment) = match (offer, provisioned) {
        (Some(id), _) => {
            let offers = Offers::shipped();
            from_offer(offers.offer(id)?, &model, overflow)?
        }
        (None, Some(p)) => {
            let term = Buy {
                units: 0,
                term: "own price".into(),
                usd_per_unit_hour: p.usd_per_unit_hour,
            };
            let min = p.units.max(1);
            (p, vec![term], min, 1)
        }
        (None, None) => {
            return Err(format!(
                "{shown} has no provisioned capacity: choose an offer (--offer; burnrate capacity size lists them) or switch it on in the scenario"
            ));
        }
    };
    Ok(Buying::Units {
        base: Base::Provisioned(base),
        terms,
        min,
        increment,
    })
}

/// Searches the options for architecture `arch_id` of `s` ([`buying`]) on
/// the horizon's average month and, over a growing horizon, plans when to
/// add units ([`crate::capacity_plan`]). What `burnrate capacity optimize`
/// and the page's "Size the commitment" run.
pub fn for_architecture(
    s: &Scenario,
    arch_id: &str,
    offer: Option<&str>,
    units: Option<&[u32]>,
    limits: &Limits,
    trials: u32,
    tried: &mut dyn FnMut(usize),
) -> Result<Search, String> {
    let buying = buying(s, arch_id, offer)?;
    let mut count = 0;
    let mut counted = |_: usize| {
        count += 1;
        tried(count);
    };
    let mut found = match &buying {
        Buying::Units {
            base,
            terms,
            min,
            increment,
        } => search(
            s,
            arch_id,
            base,
            terms,
            *min,
            *increment,
            units,
            limits,
            trials,
            When::Average,
            &mut counted,
        )?,
        Buying::Instances(c) => {
            commitments(s, arch_id, c, units, trials, When::Average, &mut counted)?
        }
    };
    found.plan = crate::capacity_plan::plan(
        s,
        arch_id,
        &buying,
        &found,
        units,
        limits,
        trials,
        &mut counted,
    )?;
    Ok(found)
}

/// Instances of a self-hosted fleet committed on `c`'s term and discount:
/// none, then 1, 2, 4… until the mean cost has risen twice running or the
/// fleet's most instances, then every count between the cheapest's grid
/// neighbours (at most 16). Capacity does not change (a commitment is a
/// way to pay), so every option meets any limit and the best is the
/// cheapest on average.
pub fn commitments(
    s: &Scenario,
    arch_id: &str,
    c: &Commitment,
    units: Option<&[u32]>,
    trials: u32,
    when: When,
    tried: &mut dyn FnMut(usize),
) -> Result<Search, String> {
    let arch = arch_index(s, arch_id)?;
    let Serving::SelfHosted(hosted) = &s.architectures[arch].serving else {
        return Err("committed instances are for an architecture on its own instances".into());
    };
    let most = hosted
        .hosting
        .max_instances()
        .ok_or("serverless capacity cannot be committed: use dedicated or autoscaled hosting")?;
    let base = Base::Committed(c.clone());
    let term = committed_term(c);
    let limits = Limits {
        max_spill_share: None,
        max_throttle_share: None,
        confidence: 0.0,
    };
    let mut count = 0;
    let mut run = |k: u32| {
        count += 1;
        tried(count);
        let buy = Buy {
            units: k,
            term: if k == 0 {
                "on demand".into()
            } else {
                term.clone()
            },
            usd_per_unit_hour: 0.0,
        };
        evaluate_at(s, arch, &base, &buy, &limits, trials, when)
    };
    let mut options = vec![run(0)?];
    match units {
        Some(list) => {
            for &k in list.iter().filter(|k| (1..=most).contains(*k)) {
                options.push(run(k)?);
            }
        }
        None => {
            let mut grid = Vec::new();
            let (mut k, mut rises) = (1u32, 0);
            while k <= most && rises < 2 {
                let o = run(k)?;
                let before = options.last().map_or(f64::INFINITY, |b| b.mean_usd);
                rises = if o.mean_usd > before { rises + 1 } else { 0 };
                grid.push(k);
                options.push(o);
                k = if k == most {
                    most + 1
                } else {
                    (k * 2).min(most)
                };
            }
            if let Some(b) = best(&options).filter(|b| b.units > 0) {
                let at = grid.iter().position(|u| *u == b.units).unwrap_or(0);
                let lo = if at > 0 { grid[at - 1] } else { b.units };
                let hi = grid.get(at + 1).copied().unwrap_or(b.units);
                let every = (hi - lo).div_ceil(16).max(1);
                let mut u = lo + every;
                while u < hi {
                    if !options.iter().any(|o| o.units == u) {
                        options.push(run(u)?);
                    }
                    u += every;
                }
            }
        }
    }
    options.sort_by_key(|o| o.units);
    Ok(Search {
        arch: arch_id.to_owned(),
        trials,
        base,
        best: best(&options).cloned(),
        options,
        plan: None,
    })
}

/// How instances committed on `c` are named as a term.
pub fn committed_term(c: &Commitment) -> String {
    format!(
        "{}-year at {}% off",
        c.term_years,
        crate::markup::count(100.0 * c.discount)
    )
}

/// The index of architecture `id` in `s`, or a message naming those there are.
pub fn arch_index(s: &Scenario, id: &str) -> Result<usize, String> {
    s.architectures
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| {
            format!(
                "no architecture {}: one of {}",
                crate::error::shortened(id),
                s.architectures
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// The cheapest on average of the options that meet the limits (fewer
/// units on a tie).
pub(crate) fn best(options: &[Outcome]) -> Option<&Outcome> {
    options.iter().filter(|o| o.meets_limits).min_by(|a, b| {
        a.mean_usd
            .total_cmp(&b.mean_usd)
            .then(a.units.cmp(&b.units))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An option run on its architecture alone costs the same bits as in
    /// the whole scenario (hour by hour in both): every managed-API
    /// architecture of every preset, pay-as-you-go and 60 units.
    #[test]
    fn an_architecture_alone_gives_the_whole_scenarios_bits() {
        let limits = Limits {
            max_spill_share: Some(0.2),
            max_throttle_share: None,
            confidence: 0.9,
        };
        let mut checked = 0;
        for (id, _) in crate::presets::PRESETS {
            let s = crate::presets::preset(id).unwrap();
            for (i, a) in s.architectures.iter().enumerate() {
                let Serving::ManagedApi(api) = &a.serving else {
                    continue;
                };
                let base = Base::Provisioned(api.provisioned.clone().unwrap_or_default());
                for units in [0, 60] {
                    let buy = Buy {
                        units,
                        term: "t".into(),
                        usd_per_unit_hour: 1.5,
                    };
                    let alone = evaluate(&s, i, &base, &buy, &limits, 40).unwrap();
                    let whole =
                        evaluate_in(&s, i, &base, &buy, &limits, 40, When::Average).unwrap();
                    assert_eq!(alone, whole, "{id} {}", a.id);
                    checked += 1;
                }
            }
        }
        assert!(checked >= 10, "{checked}");
    }
}
