//! The per-trial figures of an architecture that the summary reads, declared
//! once: which figure of a trial's outcome each is, and how the run keeps it
//! (a sum for its mean, with a histogram where the summary reads
//! percentiles, or a count of the trials where it holds). Adding a metric
//! is a variant, a row of [`METRICS`], and the summary's reading of it;
//! the accumulator, its merge and its flat form follow the table.

use serde::{Deserialize, Serialize};

use crate::levers::ledger::Component;
use crate::outcome::{ArchOutcome, MAX_PRICE_PERIODS};
use crate::stats::{ExactSum, LogHistogram};

/// A per-trial figure, in [`METRICS`]' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Monthly,
    PerQuery,
    PerConversation,
    PerSuccess,
    Margin,
    Variable,
    Fixed,
    Upfront,
    RetrainEach,
    FirstMonth,
    PeakMonth,
    Utilization,
    IdleHours,
    OverloadedHours,
    Spilled,
    ProvisionedUtilization,
    Throttled,
    MonthOverCapacity,
    AtWindow,
    LoopUsd,
    RetrievalMultiplier,
    CutByStepLimit,
    CutByBudgetCap,
    /// Trials over the monthly budget in the average month…
    OverBudget,
    /// …and in the horizon's costliest month.
    AnyMonthOverBudget,
    /// Trials with a runaway loop.
    Loops,
}

/// How the run keeps a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Summed, for its mean.
    Sum,
    /// Summed, and binned in the histogram of this slot (for percentiles).
    Binned(usize),
    /// Counted: the trials where the figure holds (is not 0).
    Count,
}

/// A metric, the figure of a trial's outcome it is (against the monthly
/// budget where it asks), and how it is kept.
pub struct Measure {
    pub metric: Metric,
    pub of: fn(&ArchOutcome, f64) -> f64,
    pub kept: Kept,
}

const fn measure(metric: Metric, of: fn(&ArchOutcome, f64) -> f64, kept: Kept) -> Measure {
    Measure { metric, of, kept }
}

fn holds(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

/// Every metric, once. Utilisation and idle hours are 0 where the
/// architecture has no fleet (never summed then), a margin 0 without a
/// value per success (never shown then).
pub const METRICS: [Measure; 26] = {
    use Kept::*;
    use Metric::*;
    [
        measure(Monthly, |r, _| r.monthly_usd, Binned(0)),
        measure(PerQuery, |r, _| r.cost_per_query_usd, Binned(1)),
        measure(PerConversation, |r, _| r.cost_per_conversation_usd, Sum),
        measure(PerSuccess, |r, _| r.cost_per_success_usd, Binned(2)),
        measure(Margin, |r, _| r.margin_usd.unwrap_or(0.0), Sum),
        measure(Variable, |r, _| r.variable_usd, Sum),
        measure(Fixed, |r, _| r.fixed_usd, Sum),
        measure(Upfront, |r, _| r.upfront_usd, Sum),
        measure(RetrainEach, |r, _| r.retrain_each_usd, Sum),
        measure(FirstMonth, |r, _| r.first_month_usd, Binned(3)),
        measure(PeakMonth, |r, _| r.peak_month_usd, Binned(4)),
        measure(Utilization, |r, _| r.utilization.unwrap_or(0.0), Sum),
        measure(IdleHours, |r, _| r.idle_hours_share.unwrap_or(0.0), Sum),
        measure(OverloadedHours, |r, _| r.overloaded_hours, Sum),
        measure(Spilled, |r, _| r.spilled_share, Sum),
        measure(
            ProvisionedUtilization,
            |r, _| r.provisioned_utilization.unwrap_or(0.0),
            Sum,
        ),
        measure(Throttled, |r, _| r.throttled_share, Sum),
        measure(MonthOverCapacity, |r, _| r.p_month_over_capacity, Sum),
        measure(AtWindow, |r, _| r.at_window, Sum),
        measure(LoopUsd, |r, _| r.loop_usd, Binned(5)),
        measure(RetrievalMultiplier, |r, _| r.retrieval_multiplier, Sum),
        measure(CutByStepLimit, |r, _| r.cut_by_step_limit, Sum),
        measure(CutByBudgetCap, |r, _| r.cut_by_budget_cap, Sum),
        measure(OverBudget, |r, budget| holds(r.monthly_usd > budget), Count),
        measure(
            AnyMonthOverBudget,
            |r, budget| holds(r.peak_month_usd > budget),
            Count,
        ),
        measure(Loops, |r, _| holds(r.loops > 0.0), Count),
    ]
};

/// Histograms the table keeps.
const BINNED: usize = 6;

/// One architecture's metrics over some trials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchAccumulator {
    /// By metric, in [`METRICS`]' order (a counted metric's sum stays 0).
    sums: Vec<ExactSum>,
    counts: Vec<u64>,
    histograms: Vec<LogHistogram>,
    /// The average month by cost component.
    pub breakdown: Vec<ExactSum>,
    /// Variable then fixed costs under each price period's prices (empty
    /// when the architecture's prices do not change inside the horizon).
    pub by_period_sum: Vec<ExactSum>,
    /// Whether the architecture runs a fleet (its utilisation is a figure).
    pub self_hosted: bool,
}

crate::flat!(ArchAccumulator {
    sums,
    counts,
    histograms,
    breakdown,
    by_period_sum,
    self_hosted
});

impl Default for ArchAccumulator {
    fn default() -> Self {
        ArchAccumulator {
            sums: vec![ExactSum::default(); METRICS.len()],
            counts: vec![0; METRICS.len()],
            histograms: vec![LogHistogram::default(); BINNED],
            breakdown: vec![ExactSum::default(); Component::COUNT],
            by_period_sum: Vec::new(),
            self_hosted: false,
        }
    }
}

impl ArchAccumulator {
    /// Whether it has the shape this build's accumulators have.
    pub fn fits(&self) -> bool {
        self.sums.len() == METRICS.len()
            && self.counts.len() == METRICS.len()
            && self.histograms.len() == BINNED
            && self.breakdown.len() == Component::COUNT
            && [0, 2 * MAX_PRICE_PERIODS].contains(&self.by_period_sum.len())
    }

    /// Adds one trial's outcome `r`, judged against `budget`.
    pub fn add(&mut self, r: &ArchOutcome, budget: f64) {
        for (i, m) in METRICS.iter().enumerate() {
            let v = (m.of)(r, budget);
            match m.kept {
                Kept::Sum => self.sums[i].add(v),
                Kept::Binned(h) => {
                    self.sums[i].add(v);
                    self.histograms[h].add(v);
                }
                Kept::Count => self.counts[i] += u64::from(v != 0.0),
            }
        }
        for (sum, (_, v)) in self.breakdown.iter_mut().zip(r.breakdown.iter()) {
            sum.add(v);
        }
        if let Some((var_by, fixed_by)) = &r.by_period {
            let sums = &mut self.by_period_sum;
            sums.resize_with(2 * MAX_PRICE_PERIODS, ExactSum::default);
            for (sum, v) in sums.iter_mut().zip(var_by.iter().chain(fixed_by)) {
                sum.add(*v);
            }
        }
        self.self_hosted |= r.utilization.is_some();
    }

    pub fn merge(&mut self, o: &ArchAccumulator) {
        for (a, b) in self.sums.iter_mut().zip(&o.sums) {
            a.merge(b);
        }
        for (a, b) in self.counts.iter_mut().zip(&o.counts) {
            *a += b;
        }
        for (a, b) in self.histograms.iter_mut().zip(&o.histograms) {
            a.merge(b);
        }
        for (a, b) in self.breakdown.iter_mut().zip(&o.breakdown) {
            a.merge(b);
        }
        if self.by_period_sum.len() < o.by_period_sum.len() {
            self.by_period_sum
                .resize_with(o.by_period_sum.len(), ExactSum::default);
        }
        for (a, b) in self.by_period_sum.iter_mut().zip(&o.by_period_sum) {
            a.merge(b);
        }
        self.self_hosted |= o.self_hosted;
    }

    /// A summed metric's mean over `n` trials.
    pub fn mean(&self, m: Metric, n: u64) -> f64 {
        self.sums[m as usize].mean(n)
    }

    /// A summed metric's total.
    pub fn total(&self, m: Metric) -> f64 {
        self.sums[m as usize].total()
    }

    /// A counted metric's share of `n` trials.
    pub fn share(&self, m: Metric, n: u64) -> f64 {
        if n > 0 {
            self.counts[m as usize] as f64 / n as f64
        } else {
            0.0
        }
    }

    /// A binned metric's histogram.
    pub fn histogram(&self, m: Metric) -> &LogHistogram {
        match METRICS[m as usize].kept {
            Kept::Binned(h) => &self.histograms[h],
            Kept::Sum | Kept::Count => &self.histograms[0],
        }
    }

    /// A binned metric's mean and percentiles.
    pub fn percentiles(&self, m: Metric, n: u64) -> super::Percentiles {
        super::Percentiles::of(self.histogram(m), &self.sums[m as usize], n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is in the enum's order, and its histogram slots are each
    /// used once, in order.
    #[test]
    fn the_table_follows_the_enum_and_slots_are_unique() {
        let mut slots = Vec::new();
        for (i, m) in METRICS.iter().enumerate() {
            assert_eq!(m.metric as usize, i, "{:?}", m.metric);
            if let Kept::Binned(h) = m.kept {
                slots.push(h);
            }
        }
        assert_eq!(slots, (0..BINNED).collect::<Vec<_>>());
    }
}
