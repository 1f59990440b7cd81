//! Plan against actual (issue 31): each month of a bill placed in the
//! forecast of that month of the horizon. The forecast is the distribution
//! of the month's spend over the trials (upfront work in month one, as in
//! the summary), per architecture; the actual's percentile is the share of
//! trials that spent less, so a forecast whose intervals mean what they say
//! puts nine actual months in ten between its P5 and P95.
//!
//! Not yet here: the miss split into volume, tokens, price and mix, and
//! the refit from the actuals (the items 2 and 3).

use serde::{Deserialize, Serialize};

use crate::Prepared;
use crate::bill::Bill;
use crate::calendar::{self, Date};
use crate::levers::ledger::Costs;
use crate::stats::{ExactSum, LogHistogram};

/// Each architecture's spend in each month of the horizon, over the trials.
#[derive(Debug, Clone)]
pub struct MonthForecasts {
    trials: u64,
    months: usize,
    /// By architecture, then month.
    spend: Vec<(LogHistogram, ExactSum)>,
}

impl MonthForecasts {
    pub fn new(archs: usize, months: usize) -> MonthForecasts {
        MonthForecasts {
            trials: 0,
            months,
            spend: vec![Default::default(); archs * months],
        }
    }

    /// One trial's spend by architecture, month and component.
    pub fn add(&mut self, trial: &[Vec<Costs>]) {
        self.trials += 1;
        for (a, months) in trial.iter().enumerate() {
            for (m, costs) in months.iter().enumerate().take(self.months) {
                let total = costs.total();
                let (h, s) = &mut self.spend[a * self.months + m];
                h.add(total);
                s.add(total);
            }
        }
    }

    pub fn merge(&mut self, other: &MonthForecasts) {
        self.trials += other.trials;
        for ((h, s), (oh, os)) in self.spend.iter_mut().zip(&other.spend) {
            h.merge(oh);
            s.merge(os);
        }
    }

    /// Mean, P5, P50 and P95 of architecture `arch`'s spend in month `month`
    /// (0-based), and the percentile of `actual` in it (share of trials
    /// below it, in percent).
    pub fn place(&self, arch: usize, month: usize, actual: f64) -> (f64, [f64; 3], f64) {
        let (h, s) = &self.spend[arch * self.months + month];
        let q = h.quantiles(&[0.05, 0.5, 0.95]);
        let percentile = 100.0 * (1.0 - h.share_above(actual));
        (s.mean(self.trials), [q[0], q[1], q[2]], percentile)
    }
}

/// Runs the scenario's trials for the comparison (native only).
#[cfg(not(target_arch = "wasm32"))]
pub fn forecast(p: &Prepared, threads: usize) -> MonthForecasts {
    let months = p.scenario().horizon_months.max(1) as usize;
    super::over_months(
        p,
        threads,
        || MonthForecasts::new(p.architecture_count(), months),
        MonthForecasts::add,
        MonthForecasts::merge,
    )
}

/// One month of one architecture: the bill against the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthComparison {
    /// `YYYY-MM`.
    pub month: String,
    /// Month of the horizon, from 1.
    pub horizon_month: u32,
    pub arch: String,
    pub actual_usd: f64,
    pub forecast_mean: f64,
    pub forecast_p5: f64,
    pub forecast_p50: f64,
    pub forecast_p95: f64,
    /// Share of the trials that spent less than the actual, in percent.
    pub percentile: f64,
    /// Whether the bill's rows reach the month's last day: a partial month
    /// is low by construction.
    pub complete: bool,
}

/// The forecast of one month of the horizon for an architecture the bill
/// has spend for: the band a fan chart draws, the months without a bill
/// included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HorizonMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub arch: String,
    pub forecast_mean: f64,
    pub forecast_p5: f64,
    pub forecast_p50: f64,
    pub forecast_p95: f64,
}

/// A bill's spend the comparison could not place, said rather than dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unplaced {
    pub month: String,
    pub usd: f64,
    /// "unmapped" (no rule names the row's model or service), "tax" (the
    /// forecast has none), "outside the horizon", or "not priced: …" (a
    /// usage log's requests of a model without a price: `usd` is 0, the
    /// sentence counts them).
    pub why: String,
}

/// The comparison: every month of the bill within the horizon, per
/// architecture it has spend for, and what could not be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The horizon's first month (`YYYY-MM`).
    pub start_month: String,
    pub currency: String,
    pub trials: u64,
    pub months: Vec<MonthComparison>,
    /// Every month of the horizon, for each architecture in `months`.
    pub horizon: Vec<HorizonMonth>,
    pub unplaced: Vec<Unplaced>,
    /// Of the complete months, how many fell inside the forecast's P5–P95.
    pub inside_p5_p95: usize,
    pub complete_months: usize,
    /// The bill was a usage log: its requests, each priced by the catalog
    /// (the log can refit the workload: `burnrate calibrate --into`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priced_requests: Option<u64>,
}

/// Places each month of `bill` in forecast `f` of scenario `p`, the
/// horizon starting in `start_month` (`YYYY-MM`).
pub fn compare(
    p: &Prepared,
    f: &MonthForecasts,
    bill: &Bill,
    start_month: &str,
) -> Result<Comparison, String> {
    let s = p.scenario();
    let (year, month) = calendar::parse_month(start_month)
        .ok_or_else(|| format!("the start month \"{start_month}\" is not YYYY-MM"))?;
    if let Some(c) = &bill.currency
        && !c.eq_ignore_ascii_case(&s.currency)
    {
        return Err(format!(
            "the bill is in {c} and the scenario in {}: set the scenario's currency and prices to the bill's",
            s.currency
        ));
    }
    let first = Date {
        year,
        month,
        day: 1,
    };
    let index = |text: &str| {
        let (y, m) = calendar::parse_month(text)?;
        let k = i64::from(y - first.year) * 12 + i64::from(m) - i64::from(first.month);
        (0..f.months as i64).contains(&k).then_some(k as usize)
    };
    let mut out = Comparison {
        start_month: start_month.to_owned(),
        currency: s.currency.clone(),
        trials: f.trials,
        months: Vec::new(),
        horizon: Vec::new(),
        unplaced: Vec::new(),
        inside_p5_p95: 0,
        complete_months: 0,
        priced_requests: bill.requests,
    };
    for (name, m) in &bill.months {
        for (model, requests) in &m.unpriced {
            out.unplaced.push(Unplaced {
                month: name.clone(),
                usd: 0.0,
                why: format!(
                    "not priced: {requests} request{} of {}, a model with no usable price: add it to the scenario's prices",
                    if *requests == 1 { "" } else { "s" },
                    crate::error::shortened(model)
                ),
            });
        }
        let mut unplaced = |usd: f64, why: &str| {
            if usd != 0.0 {
                out.unplaced.push(Unplaced {
                    month: name.clone(),
                    usd,
                    why: why.to_owned(),
                });
            }
        };
        unplaced(m.unmapped_usd, "unmapped");
        unplaced(m.tax_usd, "tax");
        let Some(k) = index(name) else {
            for usd in m.by_arch.values() {
                unplaced(*usd, "outside the horizon");
            }
            continue;
        };
        let complete = bill.complete(name);
        for (arch, &actual) in &m.by_arch {
            let a = s
                .architectures
                .iter()
                .position(|x| &x.id == arch)
                .ok_or_else(|| format!("no architecture \"{arch}\" in the scenario"))?;
            let (mean, [p5, p50, p95], percentile) = f.place(a, k, actual);
            if complete {
                out.complete_months += 1;
                out.inside_p5_p95 += usize::from((p5..=p95).contains(&actual));
            }
            out.months.push(MonthComparison {
                month: name.clone(),
                horizon_month: k as u32 + 1,
                arch: arch.clone(),
                actual_usd: actual,
                forecast_mean: mean,
                forecast_p5: p5,
                forecast_p50: p50,
                forecast_p95: p95,
                percentile,
                complete,
            });
        }
    }
    let mut archs: Vec<&String> = out.months.iter().map(|m| &m.arch).collect();
    archs.sort();
    archs.dedup();
    for arch in archs {
        let a = s
            .architectures
            .iter()
            .position(|x| &x.id == arch)
            .unwrap_or(0);
        for k in 0..f.months {
            let (mean, [p5, p50, p95], _) = f.place(a, k, 0.0);
            let d = first.plus_months(k as i64);
            out.horizon.push(HorizonMonth {
                month: format!("{:04}-{:02}", d.year, d.month),
                arch: arch.clone(),
                forecast_mean: mean,
                forecast_p5: p5,
                forecast_p50: p50,
                forecast_p95: p95,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spend 1, 2, …, 100 in a month: the actual 50.5 has 50 trials below
    /// it. The quantiles are read as the summary reads them: the observation
    /// of rank ⌊q·(n−1)⌋, placed inside its histogram bin (under 1% wide):
    /// P5 rank 4.95 → 5, P50 rank 49.5 → 50, P95 rank 94.05 → 95.
    #[test]
    fn an_actual_is_placed_by_the_share_of_trials_below_it() {
        let mut f = MonthForecasts::new(1, 1);
        for v in 1..=100 {
            let mut c = Costs::default();
            c.add(crate::levers::ledger::Component::ALL[0], f64::from(v));
            f.add(&[vec![c]]);
        }
        let (mean, [p5, p50, p95], percentile) = f.place(0, 0, 50.5);
        assert!((mean - 50.5).abs() < 1e-9);
        assert!((percentile - 50.0).abs() < 0.5, "{percentile}");
        for (got, want) in [(p5, 5.0), (p50, 50.0), (p95, 95.0)] {
            assert!(got >= want && got < want * 1.01, "{got} for {want}");
        }
        assert_eq!(f.place(0, 0, 0.5).2, 0.0);
        assert_eq!(f.place(0, 0, 1e6).2, 100.0);
    }
}
