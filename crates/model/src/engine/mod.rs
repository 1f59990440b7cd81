//! The Monte Carlo engine. A trial is one simulated month: its uncertain
//! inputs are drawn, then its traffic, then every architecture is costed on
//! those same draws (common random numbers). Costs are split into what grows
//! with volume, what is fixed each month, what is paid once up front, and what
//! each retrain costs, so the month is extended over the horizon with growth,
//! upfront work in month one and retraining spikes.

use std::ops::Range;

use rand_distr::{Distribution, Poisson};

use crate::catalog::Catalog;
use crate::error::ModelError;
use crate::inputs::{self, InputSpace};
use crate::levers::ArchLevers;
use crate::levers::agents::StepTable;
use crate::levers::ledger::Costs;
use crate::outcome::{ArchOutcome, TrialOutcome};
use crate::results::{self, Accumulator, Summary};
use crate::rng::{name_hash, stream};
use crate::scenario::{Scenario, Serving};
use crate::traffic;

mod arch;
mod price_periods;

/// A scenario checked and resolved against the catalog, with everything that
/// does not change from trial to trial computed once. Read-only: a run at
/// another volume is [`Prepared::at_volume`].
#[derive(Debug, Clone)]
pub struct Prepared {
    scenario: Scenario,
    inputs: InputSpace,
    /// Which inputs vary from trial to trial (the sensitivity's).
    varies: Vec<bool>,
    profile: traffic::Profile,
    steps: StepTable,
    archs: Vec<ArchLevers>,
    /// Per architecture, its levers under later prices when its models'
    /// prices change inside the horizon.
    periods: Vec<Option<price_periods::PricePeriods>>,
    needs_hourly: bool,
    /// Average over the horizon of (1 + growth)^(month − 1).
    growth_factor: f64,
    /// (1 + growth)^(month − 1) for each month of the horizon.
    growth_by_month: Vec<f64>,
    /// Multiplies the queries-per-day draw (the crossover sweeps it).
    volume_scale: f64,
}

/// Random variates of one trial, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Variates {
    pub uniforms: u64,
    pub gammas: u64,
    pub poissons: u64,
}

impl Variates {
    pub fn total(&self) -> u64 {
        self.uniforms + self.gammas + self.poissons
    }
}

/// Scratch space reused across trials (no allocation in the trial loop).
#[derive(Debug, Default)]
pub struct Scratch {
    pub values: Vec<f64>,
    copula: Vec<f64>,
    hourly: Vec<f64>,
    hour_samplers: traffic::Samplers,
    archs: Vec<ArchOutcome>,
}

impl Scratch {
    /// The architectures' outcomes of the last trial run with this scratch.
    pub fn archs(&self) -> &[ArchOutcome] {
        &self.archs
    }
}

const TRAFFIC: u64 = name_hash("traffic");
const LOOPS: u64 = name_hash("loops");

impl Prepared {
    pub fn new(scenario: &Scenario) -> Result<Prepared, ModelError> {
        crate::validate::validate(scenario)?;
        let dated = Catalog::shipped().with_overrides(&scenario.catalog);
        // Dated prices resolved at the horizon's first day (without a start
        // month they stay, and are refused with their reason when priced);
        // later changes inside the horizon are priced in periods of their own.
        let first = scenario
            .start_month
            .as_deref()
            .and_then(|m| crate::calendar::horizon(m, scenario.horizon_months));
        let catalog = match first {
            Some((day, _)) => price_periods::resolved_at(&dated, day),
            None => dated.clone(),
        };
        let archs = scenario
            .architectures
            .iter()
            .enumerate()
            .map(|(i, a)| ArchLevers::prepare(scenario, &catalog, i, a))
            .collect::<Result<Vec<_>, _>>()?;
        let needs_hourly = scenario.architectures.iter().any(|a| match &a.serving {
            Serving::SelfHosted(_) => true,
            Serving::ManagedApi(api) => api.provisioned.is_some(),
        });
        let g = scenario.workload.monthly_growth;
        let h = scenario.horizon_months.max(1);
        let growth_by_month: Vec<f64> = (0..h).map(|m| libm::pow(1.0 + g, f64::from(m))).collect();
        let growth_factor = growth_by_month.iter().sum::<f64>() / f64::from(h);
        let periods = scenario
            .architectures
            .iter()
            .enumerate()
            .map(|(i, a)| price_periods::prepare(scenario, &dated, i, a, &growth_by_month))
            .collect::<Result<Vec<_>, _>>()?;
        let profile = traffic::Profile::new(&scenario.workload);
        let inputs = InputSpace::new(scenario)?;
        Ok(Prepared {
            varies: inputs.inputs.iter().map(|i| !i.dist.is_fixed()).collect(),
            inputs,
            profile,
            steps: StepTable::new(&scenario.agents.steps_per_run),
            archs,
            periods,
            needs_hourly,
            growth_factor,
            growth_by_month,
            volume_scale: 1.0,
            scenario: scenario.clone(),
        })
    }

    /// The scenario as validated.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario's uncertain inputs.
    pub fn inputs(&self) -> &InputSpace {
        &self.inputs
    }

    pub fn architecture_count(&self) -> usize {
        self.archs.len()
    }

    /// The same scenario with its queries-per-day draw scaled so that its
    /// median is `queries_per_day` (the uncertainty keeps its shape, the seed
    /// keeps the draws common across volumes): a point of the crossover.
    pub fn at_volume(&self, queries_per_day: f64) -> Prepared {
        let median = self.scenario.workload.queries_per_day.quantile(0.5);
        let mut at = self.clone();
        at.volume_scale = if median > 0.0 {
            queries_per_day / median
        } else {
            0.0
        };
        at
    }

    /// The same scenario with its traffic drawn hour by hour even where no
    /// architecture needs the hours: a search of capacity then runs
    /// pay-as-you-go (no hours) and units (hours) on the same months.
    pub fn hour_by_hour(mut self) -> Prepared {
        self.needs_hourly = true;
        self
    }

    /// An empty accumulator for this scenario's results.
    pub fn accumulator(&self) -> Accumulator {
        Accumulator::new(self.archs.len())
    }

    /// Runs trials `range` of the scenario into a fresh accumulator. Trial t
    /// gives the same numbers in whatever chunk it runs.
    pub fn run_chunk(&self, range: Range<u64>) -> Accumulator {
        let mut acc = self.accumulator();
        self.run_into(range, &mut acc, &mut Scratch::default());
        acc
    }

    /// Adds trials `range` to `acc` (for a caller that runs slices one after another).
    pub fn run_into(&self, range: Range<u64>, acc: &mut Accumulator, scratch: &mut Scratch) {
        let budget = self.scenario.monthly_budget_usd;
        for t in range {
            self.trial(t, scratch);
            acc.add(
                budget,
                &TrialOutcome {
                    trial: t,
                    archs: &scratch.archs,
                    inputs: &scratch.values,
                    varies: &self.varies,
                },
            );
        }
    }

    /// Runs trials `range` on `threads` threads, in chunks taken as they go,
    /// and merges them: the same accumulator, bit for bit, for any count.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn run_parallel(&self, range: Range<u64>, threads: usize) -> Accumulator {
        use std::sync::Mutex;
        use std::sync::atomic::{AtomicU64, Ordering};
        let next = AtomicU64::new(range.start);
        let total = Mutex::new(self.accumulator());
        std::thread::scope(|scope| {
            for _ in 0..threads.max(1) {
                scope.spawn(|| {
                    let mut acc = self.accumulator();
                    let mut scratch = Scratch::default();
                    loop {
                        let start = next.fetch_add(crate::CHUNK_TRIALS, Ordering::Relaxed);
                        if start >= range.end {
                            break;
                        }
                        let end = (start + crate::CHUNK_TRIALS).min(range.end);
                        self.run_into(start..end, &mut acc, &mut scratch);
                    }
                    if let Ok(mut total) = total.lock() {
                        total.merge(&acc);
                    }
                });
            }
        });
        total.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the summary off an accumulator; refuses one holding a trial
    /// whose costs are not finite, non-negative amounts below the cap.
    pub fn summarize(&self, acc: &Accumulator) -> Result<Summary, ModelError> {
        let keys: Vec<&str> = self
            .inputs
            .inputs
            .iter()
            .filter(|i| !i.dist.is_fixed())
            .map(|i| i.key.as_str())
            .collect();
        if !acc.fits(self.archs.len(), keys.len()) {
            return Err(ModelError::Invalid {
                field: String::new(),
                message: "the results arrived in a shape this scenario's cannot have (a worker of another version?); run it again".into(),
            });
        }
        if let Some(u) = acc.unusable() {
            return Err(u.error(&self.scenario));
        }
        let month_shares: Vec<Option<&[crate::outcome::PeriodShares]>> = self
            .periods
            .iter()
            .map(|p| p.as_ref().map(|p| p.month_shares.as_slice()))
            .collect();
        Ok(results::summarize(
            &self.scenario,
            &keys,
            acc,
            &month_shares,
        ))
    }

    /// Random variates trial `t` draws, for the benchmark's distance from the
    /// limit: a uniform per uncertain input, the traffic's gamma and Poisson
    /// draws, and the count of runaway loops.
    pub fn variates(&self, t: u64) -> Variates {
        let s = &self.scenario;
        let (mut x, mut copula) = (Vec::new(), Vec::new());
        self.inputs.draw(s.seed, t, &mut x, &mut copula);
        let qpd = x[inputs::QUERIES_PER_DAY] * self.volume_scale;
        let (gammas, poissons) =
            self.profile
                .variates(qpd, s.workload.hourly_burst_cv, self.needs_hourly);
        let may_be_positive = |d: &crate::Dist| !d.is_fixed() || d.mean() > 0.0;
        let loops =
            may_be_positive(&s.agents.agentic_share) && may_be_positive(&s.agents.loop_probability);
        Variates {
            uniforms: self
                .inputs
                .inputs
                .iter()
                .filter(|i| !i.dist.is_fixed())
                .count() as u64,
            gammas,
            poissons: poissons + u64::from(loops),
        }
    }

    /// Costs every architecture in trial `t` into `scratch.archs`.
    pub fn trial(&self, t: u64, scratch: &mut Scratch) {
        let month = self.draw_month(t, scratch);
        scratch
            .archs
            .resize_with(self.archs.len(), ArchOutcome::default);
        for (i, levers) in self.archs.iter().enumerate() {
            let own = InputSpace::arch_slice(&scratch.values, i);
            scratch.archs[i] = self.cost_arch(
                levers,
                self.periods[i].as_ref(),
                &month,
                own,
                &scratch.hourly,
            );
        }
    }

    /// Trial `t`'s spend in each month of the horizon by component, per
    /// architecture (`out[arch][month]`): the months the cash flow adds up,
    /// kept apart by component for the FOCUS forecast. Not on the trial
    /// loop's path.
    pub fn month_costs(&self, t: u64, scratch: &mut Scratch, out: &mut Vec<Vec<Costs>>) {
        let month = self.draw_month(t, scratch);
        out.resize_with(self.archs.len(), Vec::new);
        for (i, levers) in self.archs.iter().enumerate() {
            let own = InputSpace::arch_slice(&scratch.values, i);
            out[i] = self.costs_by_month(
                levers,
                self.periods[i].as_ref(),
                &month,
                own,
                &scratch.hourly,
            );
        }
    }

    /// Trial `t`'s draws that every architecture shares (its inputs into
    /// `scratch.values`, its hours into `scratch.hourly`).
    #[inline(always)]
    fn draw_month(&self, t: u64, scratch: &mut Scratch) -> Month {
        let s = &self.scenario;
        let seed = s.seed;
        self.inputs
            .draw(seed, t, &mut scratch.values, &mut scratch.copula);
        let x = &scratch.values;
        let w = &s.workload;
        let qpd = x[inputs::QUERIES_PER_DAY] * self.volume_scale;
        let mut rng = stream(seed, t, TRAFFIC);
        let queries = if self.needs_hourly {
            traffic::sample_hours(
                &self.profile,
                qpd,
                w.hourly_burst_cv,
                &mut rng,
                &mut scratch.hourly,
                &mut scratch.hour_samplers,
            )
        } else {
            scratch.hourly.clear();
            traffic::sample_total(&self.profile, qpd, w.hourly_burst_cv, &mut rng)
        };
        let turns = x[inputs::TURNS];
        let agent_runs = queries * x[inputs::AGENTIC_SHARE];
        let loops = {
            let mean = agent_runs * x[inputs::LOOP_PROBABILITY];
            let mut rng = stream(seed, t, LOOPS);
            match Poisson::new(mean) {
                Ok(p) if mean > 0.0 => p.sample(&mut rng).min(agent_runs.floor()),
                _ => 0.0,
            }
        };
        Month {
            queries,
            queries_per_day: qpd,
            turns,
            query_tokens: x[inputs::QUERY_TOKENS],
            output_tokens: x[inputs::OUTPUT_TOKENS],
            agent_runs,
            loops,
            success_rate: x[inputs::SUCCESS_RATE],
        }
    }
}

/// The draws of one trial that every architecture shares.
struct Month {
    queries: f64,
    queries_per_day: f64,
    turns: f64,
    query_tokens: f64,
    output_tokens: f64,
    agent_runs: f64,
    loops: f64,
    success_rate: f64,
}
