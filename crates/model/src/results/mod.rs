//! Results: per-chunk accumulators that merge exactly (so the browser can
//! refine progressively and split trials across workers), and the summary a
//! person reads.

pub mod alerts;
pub mod compare;
pub mod focus;
pub mod metrics;
pub mod per_trial;
pub mod summary_csv;

use serde::{Deserialize, Serialize};

use crate::levers::fine_tuning::retraining;
use crate::levers::ledger::Costs;
use crate::outcome::{MAX_PRICE_PERIODS, PeriodShares, TrialOutcome};
use crate::scenario::Scenario;
use crate::stats::{ExactSum, LogHistogram};
use metrics::{ArchAccumulator, Metric};

/// Trials whose inputs and totals are kept for the sensitivity analysis.
pub const SENSITIVITY_TRIALS: u64 = 2_000;

/// Partial results of some trials. `a.merge(b)` equals running a's and b's trials together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accumulator {
    pub trials: u64,
    archs: Vec<ArchAccumulator>,
    /// cheaper[i·n + j]: trials where architecture i cost less than j; ties likewise.
    cheaper: Vec<u64>,
    ties: Vec<u64>,
    samples: Vec<Sample>,
    /// The first trial with a figure the model cannot stand behind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unusable: Option<Unusable>,
}

/// The largest monthly cost burnrate reports: above it (or not a number, or
/// negative) a trial's inputs are beyond what the model can cost, and the run
/// is refused rather than shown clamped.
pub const MAX_MONTHLY_USD: f64 = 1e15;

/// A trial whose cost is not a finite, non-negative amount below
/// [`MAX_MONTHLY_USD`]: which architecture, which figure, what value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unusable {
    pub trial: u64,
    pub arch: usize,
    /// A breakdown component's key, or the monthly figure's name.
    pub figure: String,
    pub value: f64,
}

impl Unusable {
    /// The error naming the architecture, the figure and its value.
    pub fn error(&self, s: &Scenario) -> crate::ModelError {
        let arch = s.architectures.get(self.arch).map_or("", |a| a.id.as_str());
        crate::ModelError::Invalid {
            field: format!("architectures[{}]", self.arch),
            message: format!(
                "{arch}'s {} came out as {} in trial {}: its inputs are beyond what burnrate can cost (a month above 10^15, or not a finite amount); bring its extreme inputs back toward real values",
                self.figure, self.value, self.trial,
            ),
        }
    }
}

/// The first figure of `r` that is not finite, negative, or above the cap.
fn unusable_figure(r: &crate::outcome::ArchOutcome) -> Option<(&'static str, f64)> {
    let fine = |v: f64| (0.0..MAX_MONTHLY_USD).contains(&v);
    if let Some((c, v)) = r.breakdown.iter().find(|&(_, v)| !fine(v)) {
        return Some((c.key(), v));
    }
    [
        ("monthly cost", r.monthly_usd),
        ("first month", r.first_month_usd),
        ("peak month", r.peak_month_usd),
    ]
    .into_iter()
    .find(|&(_, v)| !fine(v))
}

/// One early trial's uncertain inputs (those not fixed) and each architecture's monthly cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sample {
    trial: u64,
    inputs: Vec<f64>,
    totals: Vec<f64>,
}

// The flat form the page's workers send (crate::flat): every field, once.
crate::flat!(Accumulator {
    trials,
    archs,
    cheaper,
    ties,
    samples,
    unusable
});
crate::flat!(Unusable {
    trial,
    arch,
    figure,
    value
});
crate::flat!(Sample {
    trial,
    inputs,
    totals
});

impl Accumulator {
    /// An empty accumulator for `n` architectures.
    pub fn new(n: usize) -> Accumulator {
        Accumulator {
            trials: 0,
            archs: (0..n).map(|_| ArchAccumulator::default()).collect(),
            cheaper: vec![0; n * n],
            ties: vec![0; n * n],
            samples: Vec::new(),
            unusable: None,
        }
    }

    /// True when the accumulator has the shape of `archs` architectures' runs
    /// with `inputs` varying inputs: what a summary reads by index. Every
    /// accumulator this code builds has it; one decoded from bytes is checked,
    /// so that a well-formed report of another shape is refused rather than
    /// read out of range.
    pub fn fits(&self, archs: usize, inputs: usize) -> bool {
        self.archs.len() == archs
            && self.cheaper.len() == archs * archs
            && self.ties.len() == archs * archs
            && self.archs.iter().all(ArchAccumulator::fits)
            && self
                .samples
                .iter()
                .all(|s| s.inputs.len() == inputs && s.totals.len() == archs)
            && self.unusable.as_ref().is_none_or(|u| u.arch < archs)
    }

    /// Adds one trial's outcome; `budget` is the monthly budget it is judged against.
    pub fn add(&mut self, budget: f64, trial: &TrialOutcome) {
        self.trials += 1;
        let t = trial.trial;
        let n = self.archs.len();
        if self.unusable.is_none() {
            self.unusable = trial.archs.iter().enumerate().find_map(|(arch, r)| {
                unusable_figure(r).map(|(figure, value)| Unusable {
                    trial: t,
                    arch,
                    figure: figure.to_owned(),
                    value,
                })
            });
        }
        for (acc, r) in self.archs.iter_mut().zip(trial.archs) {
            acc.add(r, budget);
        }
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (trial.archs[i].monthly_usd, trial.archs[j].monthly_usd);
                self.cheaper[i * n + j] += u64::from(a < b);
                self.ties[i * n + j] += u64::from(a == b);
            }
        }
        if t < SENSITIVITY_TRIALS {
            let inputs = trial
                .varies
                .iter()
                .zip(trial.inputs)
                .filter(|(varies, _)| **varies)
                .map(|(_, v)| *v)
                .collect();
            let totals = trial.archs.iter().map(|r| r.monthly_usd).collect();
            self.samples.push(Sample {
                trial: t,
                inputs,
                totals,
            });
        }
    }

    /// Sensitivity samples held: the first trials' only, so the count stops
    /// growing early in a run.
    pub fn sample_count(&self) -> usize {
        self.samples.len()
    }

    /// A copy without the sensitivity samples: a worker sends its samples
    /// again only when they have changed (they are most of a snapshot's size).
    pub fn without_samples(&self) -> Accumulator {
        Accumulator {
            trials: self.trials,
            archs: self.archs.clone(),
            cheaper: self.cheaper.clone(),
            ties: self.ties.clone(),
            samples: Vec::new(),
            unusable: self.unusable.clone(),
        }
    }

    /// Takes the samples of `earlier` (a previous snapshot of the same run),
    /// for a copy sent `without_samples`.
    pub fn restore_samples(&mut self, earlier: &mut Accumulator) {
        self.samples = std::mem::take(&mut earlier.samples);
    }

    /// The first trial (by index) whose costs cannot be shown.
    pub fn unusable(&self) -> Option<&Unusable> {
        self.unusable.as_ref()
    }

    /// Monthly spend of architecture `arch` at quantile `q`.
    pub fn monthly_quantile(&self, arch: usize, q: f64) -> f64 {
        self.archs
            .get(arch)
            .map_or(0.0, |a| a.histogram(Metric::Monthly).quantile(q))
    }

    /// Adds another chunk's trials (the chunks must not overlap).
    pub fn merge(&mut self, other: &Accumulator) {
        self.trials += other.trials;
        for (a, b) in self.archs.iter_mut().zip(&other.archs) {
            a.merge(b);
        }
        for (a, b) in self.cheaper.iter_mut().zip(&other.cheaper) {
            *a += b;
        }
        for (a, b) in self.ties.iter_mut().zip(&other.ties) {
            *a += b;
        }
        if let Some(u) = &other.unusable
            && self
                .unusable
                .as_ref()
                .is_none_or(|mine| u.trial < mine.trial)
        {
            self.unusable = Some(u.clone());
        }
        self.samples.extend(other.samples.iter().cloned());
        let samples = &self.samples;
        let order = crate::stats::order_by(samples.len(), &|a, b| {
            samples[a].trial.cmp(&samples[b].trial)
        });
        self.samples = order.into_iter().map(|i| samples[i].clone()).collect();
    }
}

/// Mean and percentiles of a distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub mean: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

impl Percentiles {
    fn of(h: &LogHistogram, sum: &ExactSum, n: u64) -> Percentiles {
        let q = h.quantiles(&[0.05, 0.50, 0.95, 0.99]);
        Percentiles {
            mean: sum.mean(n),
            p5: q[0],
            p50: q[1],
            p95: q[2],
            p99: q[3],
        }
    }
}

/// Runs the scenario's trials on `threads` threads (native only), each
/// trial's spend by architecture, month of the horizon and component added
/// into a fresh `new()` per thread, then merged in thread order: the same
/// numbers for any count when `merge` is exact (the FOCUS forecast, the
/// comparison with a bill).
#[cfg(not(target_arch = "wasm32"))]
pub fn over_months<T: Send>(
    p: &crate::Prepared,
    threads: usize,
    new: impl Fn() -> T + Sync,
    add: impl Fn(&mut T, &[Vec<Costs>]) + Sync,
    merge: impl Fn(&mut T, &T),
) -> T {
    let trials = u64::from(p.scenario().trials);
    let threads = threads.clamp(1, 256) as u64;
    let per = trials.div_ceil(threads);
    let parts: Vec<T> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let range = (i * per).min(trials)..((i + 1) * per).min(trials);
                let (new, add) = (&new, &add);
                scope.spawn(move || {
                    let mut acc = new();
                    let mut scratch = crate::engine::Scratch::default();
                    let mut out = Vec::new();
                    for t in range {
                        p.month_costs(t, &mut scratch, &mut out);
                        add(&mut acc, &out);
                    }
                    acc
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| new()))
            .collect()
    });
    let mut total = new();
    for part in &parts {
        merge(&mut total, part);
    }
    total
}

/// The results of one architecture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchSummary {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Spend in an average month of the horizon (upfront work spread over it).
    pub monthly_usd: Percentiles,
    pub min_usd: f64,
    pub max_usd: f64,
    pub p_over_budget: f64,
    /// Mean monthly spend by component.
    pub breakdown_usd: Costs,
    pub cost_per_query_usd: Percentiles,
    pub cost_per_conversation_usd: f64,
    pub cost_per_success_usd: Percentiles,
    /// Mean value of successful actions minus cost, per month (None: no value per success set).
    pub margin_usd: Option<f64>,
    /// Share of agent runs cut short by the step limit, and by the budget
    /// cap (the circuit breakers' price in unfinished tasks).
    pub p_run_cut_by_step_limit: f64,
    pub p_run_cut_by_budget_cap: f64,
    /// Spend in month one (upfront work included) and in the horizon's
    /// costliest month; P(any month of the horizon exceeds the budget).
    pub first_month_usd: Percentiles,
    pub peak_month_usd: Percentiles,
    pub p_any_month_over_budget: f64,
    /// The first month whose mean cumulative spend exceeds the cumulative
    /// budget (None: never within the horizon).
    pub cumulative_over_budget_month: Option<u32>,
    /// Monthly spend at 101 evenly spaced cumulative probabilities (0%, 1%, … 100%).
    pub cdf_usd: Vec<f64>,
    /// Mean spend in each month of the horizon (upfront work in month one,
    /// retrains in the months they happen)…
    pub monthly_spend_usd: Vec<f64>,
    /// …and its running total: the mean cumulative TCO at each month's end.
    pub cumulative_tco_usd: Vec<f64>,
    pub warnings: Warnings,
}

/// Figures a FinOps practitioner watches (seeds 000, 002, 003).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warnings {
    /// Context tokens per query token (seed 000's retrieval overhead multiplier).
    pub retrieval_multiplier: f64,
    /// Self-hosted: busy share of paid GPU time.
    pub gpu_utilization: Option<f64>,
    /// Dedicated: share of hours with no query at all.
    pub idle_hours_share: Option<f64>,
    pub overloaded_hours_per_month: f64,
    /// Self-hosted: share of the own model's work above the fleet's planned
    /// capacity, served (and paid) at the fallback API's price.
    pub spilled_share: f64,
    /// Provisioned capacity on the managed API (absent without it): the
    /// weighted tokens served over those paid for; the share of the own
    /// model's calls (and tokens) spilled to pay-as-you-go at list price
    /// and refused (throttled) above capacity; the chance that some minute
    /// of the horizon's busiest month is over capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioned_utilization: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spilled_token_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttled_request_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_month_over_capacity: Option<f64>,
    /// Share of LLM calls whose input was cut to the model's context window
    /// (the oldest history or agent steps fell out).
    pub context_window_share: f64,
    /// Share of months with at least one runaway agent loop.
    pub p_runaway_loop: f64,
    /// Mean and 99th percentile monthly cost of runaway loops.
    pub runaway_loop_usd_mean: f64,
    pub runaway_loop_usd_p99: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// P(a's month costs less than b's) over paired trials (ties count half).
    pub p_a_cheaper: f64,
}

/// How strongly an uncertain input drives an architecture's monthly spend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Driver {
    pub input: String,
    /// Spearman rank correlation with monthly spend over the first trials.
    pub rank_correlation: f64,
}

/// Monthly-spend histograms of all architectures on shared bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedHistogram {
    pub edges_usd: Vec<f64>,
    pub log_scale: bool,
    /// counts[architecture][bin]
    pub counts: Vec<Vec<u64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub trials: u64,
    pub seed: u64,
    pub currency: String,
    pub monthly_budget_usd: f64,
    pub horizon_months: u32,
    pub architectures: Vec<ArchSummary>,
    pub pairs: Vec<Pair>,
    /// Lowest mean monthly spend, and P(it is cheaper than the runner-up).
    pub cheapest: Option<String>,
    pub p_cheapest_beats_runner_up: Option<f64>,
    pub histogram: SharedHistogram,
    /// Per architecture (same order), its drivers, strongest first.
    pub sensitivity: Vec<Vec<Driver>>,
}

const HISTOGRAM_BINS: usize = 40;

/// Reads the summary off an accumulator of scenario `s`'s trials; `input_keys`
/// names the inputs that vary, in the order the trials recorded them;
/// `month_shares`, per architecture whose prices change inside the horizon,
/// the share of each month's days in each price period.
pub fn summarize(
    s: &Scenario,
    input_keys: &[&str],
    acc: &Accumulator,
    month_shares: &[Option<&[PeriodShares]>],
) -> Summary {
    let n = acc.trials;
    let archs: Vec<ArchSummary> = s
        .architectures
        .iter()
        .zip(&acc.archs)
        .enumerate()
        .map(|(i, (a, r))| {
            let breakdown_usd = Costs::from_fn(|k| r.breakdown[k].mean(n));
            let (mean, share) = (|m| r.mean(m, n), |m| r.share(m, n));
            let monthly = r.histogram(Metric::Monthly);
            let retrain_every = a
                .design
                .fine_tuning()
                .map_or(0.0, |f| f.retrain_every_months);
            let (upfront, fixed, variable, each) = (
                mean(Metric::Upfront),
                mean(Metric::Fixed),
                mean(Metric::Variable),
                mean(Metric::RetrainEach),
            );
            let g = s.workload.monthly_growth;
            // Variable then fixed costs under each price period's prices.
            let by_period: Vec<f64> = r.by_period_sum.iter().map(|v| v.mean(n)).collect();
            let shares = month_shares.get(i).copied().flatten();
            let monthly_spend_usd: Vec<f64> = (1..=s.horizon_months)
                .map(|m| {
                    let first = if m == 1 { upfront } else { 0.0 };
                    // The month's costs at the prices in force over its days.
                    let (variable, fixed) = match shares.and_then(|s| s.get(m as usize - 1)) {
                        Some(shares) if by_period.len() == 2 * MAX_PRICE_PERIODS => {
                            let at = |by: &[f64]| -> f64 {
                                shares.iter().zip(by).map(|(s, v)| s * v).sum()
                            };
                            let (var_by, fixed_by) = by_period.split_at(MAX_PRICE_PERIODS);
                            (at(var_by), at(fixed_by))
                        }
                        _ => (variable, fixed),
                    };
                    first
                        + fixed
                        + variable * libm::pow(1.0 + g, f64::from(m - 1))
                        + each * retraining::retrains_in_month(m, retrain_every)
                })
                .collect();
            let mut total = 0.0;
            let cumulative_tco_usd: Vec<f64> = monthly_spend_usd
                .iter()
                .map(|month| {
                    total += month;
                    total
                })
                .collect();
            let provisioned = a.provisioned().is_some();
            ArchSummary {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.design.kind_id().to_owned(),
                monthly_usd: r.percentiles(Metric::Monthly, n),
                min_usd: monthly.min(),
                max_usd: monthly.max(),
                p_over_budget: share(Metric::OverBudget),
                breakdown_usd,
                cost_per_query_usd: r.percentiles(Metric::PerQuery, n),
                cost_per_conversation_usd: mean(Metric::PerConversation),
                cost_per_success_usd: r.percentiles(Metric::PerSuccess, n),
                margin_usd: s
                    .outcome
                    .value_per_success_usd
                    .map(|_| mean(Metric::Margin)),
                p_run_cut_by_step_limit: mean(Metric::CutByStepLimit),
                p_run_cut_by_budget_cap: mean(Metric::CutByBudgetCap),
                first_month_usd: r.percentiles(Metric::FirstMonth, n),
                peak_month_usd: r.percentiles(Metric::PeakMonth, n),
                p_any_month_over_budget: share(Metric::AnyMonthOverBudget),
                cumulative_over_budget_month: (1..=s.horizon_months)
                    .zip(&cumulative_tco_usd)
                    .find(|(m, total)| **total > s.monthly_budget_usd * f64::from(*m))
                    .map(|(m, _)| m),
                cdf_usd: monthly
                    .quantiles(&(0..=100).map(|i| f64::from(i) / 100.0).collect::<Vec<_>>()),
                monthly_spend_usd,
                cumulative_tco_usd,
                warnings: Warnings {
                    retrieval_multiplier: mean(Metric::RetrievalMultiplier),
                    gpu_utilization: r.self_hosted.then(|| mean(Metric::Utilization)),
                    idle_hours_share: (r.self_hosted && r.total(Metric::IdleHours) > 0.0)
                        .then(|| mean(Metric::IdleHours)),
                    overloaded_hours_per_month: mean(Metric::OverloadedHours),
                    spilled_share: mean(Metric::Spilled),
                    provisioned_utilization: provisioned
                        .then(|| mean(Metric::ProvisionedUtilization)),
                    spilled_token_share: provisioned.then(|| mean(Metric::Spilled)),
                    throttled_request_share: provisioned.then(|| mean(Metric::Throttled)),
                    p_month_over_capacity: provisioned.then(|| mean(Metric::MonthOverCapacity)),
                    context_window_share: mean(Metric::AtWindow),
                    p_runaway_loop: share(Metric::Loops),
                    runaway_loop_usd_mean: mean(Metric::LoopUsd),
                    runaway_loop_usd_p99: r.histogram(Metric::LoopUsd).quantile(0.99),
                },
            }
        })
        .collect();
    let k = archs.len();
    let p_cheaper = |i: usize, j: usize| {
        if n == 0 {
            0.0
        } else {
            (acc.cheaper[i * k + j] as f64 + acc.ties[i * k + j] as f64 / 2.0) / n as f64
        }
    };
    let mut pairs = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            pairs.push(Pair {
                a: archs[i].id.clone(),
                b: archs[j].id.clone(),
                p_a_cheaper: p_cheaper(i, j),
            });
        }
    }
    let order = ranking(&archs);
    let cheapest = order.first().map(|&i| archs[i].id.clone());
    let p_cheapest_beats_runner_up = (k >= 2).then(|| p_cheaper(order[0], order[1]));
    Summary {
        trials: n,
        seed: s.seed,
        currency: s.currency.clone(),
        monthly_budget_usd: s.monthly_budget_usd,
        horizon_months: s.horizon_months,
        histogram: shared_histogram(&acc.archs),
        sensitivity: sensitivity(input_keys, acc),
        architectures: archs,
        pairs,
        cheapest,
        p_cheapest_beats_runner_up,
    }
}

/// Architectures by mean monthly spend, cheapest first (ties keep their order).
fn ranking(archs: &[ArchSummary]) -> Vec<usize> {
    crate::stats::order_by(archs.len(), &|a, b| {
        archs[a]
            .monthly_usd
            .mean
            .total_cmp(&archs[b].monthly_usd.mean)
    })
}

impl Summary {
    /// Architectures by mean monthly spend, cheapest first: the order the
    /// verdict is read from.
    pub fn ranking(&self) -> Vec<usize> {
        ranking(&self.architectures)
    }
}

fn shared_histogram(archs: &[ArchAccumulator]) -> SharedHistogram {
    let lo = archs
        .iter()
        .map(|a| a.histogram(Metric::Monthly).quantile(0.005))
        .fold(f64::INFINITY, f64::min);
    let hi = archs
        .iter()
        .map(|a| a.histogram(Metric::Monthly).quantile(0.995))
        .fold(0.0, f64::max);
    if archs.is_empty() || hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        let v = if lo.is_finite() { lo } else { 0.0 };
        return SharedHistogram {
            edges_usd: vec![v, v + 1.0],
            log_scale: false,
            counts: archs
                .iter()
                .map(|a| vec![a.histogram(Metric::Monthly).count()])
                .collect(),
        };
    }
    let log_scale = lo > 0.0 && hi / lo > 30.0;
    let edges_usd: Vec<f64> = (0..=HISTOGRAM_BINS)
        .map(|i| {
            let f = i as f64 / HISTOGRAM_BINS as f64;
            if log_scale {
                lo * libm::pow(hi / lo, f)
            } else {
                lo + (hi - lo) * f
            }
        })
        .collect();
    let counts = archs
        .iter()
        .map(|a| {
            let mut counts = vec![0u64; HISTOGRAM_BINS];
            for (blo, bhi, count) in a.histogram(Metric::Monthly).bins() {
                let mid = (blo + bhi) / 2.0;
                let i = edges_usd
                    .partition_point(|&e| e <= mid)
                    .saturating_sub(1)
                    .min(HISTOGRAM_BINS - 1);
                counts[i] += count;
            }
            counts
        })
        .collect();
    SharedHistogram {
        edges_usd,
        log_scale,
        counts,
    }
}

fn sensitivity(keys: &[&str], acc: &Accumulator) -> Vec<Vec<Driver>> {
    (0..acc.archs.len())
        .map(|arch| {
            let cost: Vec<f64> = acc.samples.iter().map(|s| s.totals[arch]).collect();
            let cost_ranks = ranks(&cost);
            let drivers: Vec<Driver> = keys
                .iter()
                .enumerate()
                .map(|(k, key)| {
                    let xs: Vec<f64> = acc.samples.iter().map(|s| s.inputs[k]).collect();
                    Driver {
                        input: (*key).to_owned(),
                        rank_correlation: pearson(&ranks(&xs), &cost_ranks),
                    }
                })
                .collect();
            let order = crate::stats::order_by(drivers.len(), &|a, b| {
                let r = |i: usize| drivers[i].rank_correlation.abs();
                r(b).total_cmp(&r(a))
            });
            order.into_iter().map(|i| drivers[i].clone()).collect()
        })
        .collect()
}

/// Ranks with ties given their average rank.
fn ranks(xs: &[f64]) -> Vec<f64> {
    let idx = crate::stats::order_by(xs.len(), &|a, b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    if va <= 0.0 || vb <= 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use crate::stats::ExactSum;
    use crate::{Prepared, presets};

    /// Every accumulator the engine builds fits its scenario; one of another
    /// shape (a sample short of an architecture, an architecture too many,
    /// another scenario's) is refused by `summarize` with a message instead
    /// of being read out of range: a panic would end the page.
    #[test]
    fn accumulators_of_another_shape_are_refused_not_read() {
        let mut s = presets::knowledge_base();
        s.trials = 50;
        let p = Prepared::new(&s).unwrap();
        let acc = p.run_chunk(0..50);
        assert!(p.summarize(&acc).is_ok());
        let mut short = acc.clone();
        short.samples[0].totals.pop();
        let mut more = acc.clone();
        more.archs.push(more.archs[0].clone());
        let mut inputs = acc.clone();
        inputs.samples[3].inputs.push(1.0);
        let mut periods = acc.clone();
        periods.archs[0].by_period_sum.push(ExactSum::default());
        let other = Prepared::new(&presets::text_to_sql())
            .unwrap()
            .run_chunk(0..20);
        for bad in [short, more, inputs, periods, other] {
            let e = p.summarize(&bad).unwrap_err().to_string();
            assert!(e.contains("shape"), "{e}");
        }
    }
}
