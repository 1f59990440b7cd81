//! Runs simulations without freezing the page. Large runs go to the workers
//! (src/workers.rs); small runs, and pages that cannot start workers, run on
//! the main thread in slices sized to take about `SLICE_MS` that yield to the
//! browser. Either way the summary is republished a few times a second (a
//! first estimate quickly, then the full trial count), a newer run cancels an
//! older one. The crossover is computed on the main thread while the run is
//! under way (it needs only the scenario) and shown once the main result is
//! complete, so it no longer adds its time after the last trial.

use std::rc::Rc;

use burnrate_model::crossover::{self, Crossover};
use burnrate_model::engine::Scratch;
use burnrate_model::{Prepared, Scenario, Summary};
use gloo_timers::future::TimeoutFuture;

use crate::workers::PoolEvent;
use leptos::prelude::*;

/// Target duration of one slice of trials on the main thread.
const SLICE_MS: f64 = 12.0;
/// How often a running simulation republishes its summary.
const PUBLISH_MS: f64 = 350.0;
/// Crossover: volumes and trials per volume.
const CROSSOVER_POINTS: usize = 15;
pub const CROSSOVER_TRIALS: u64 = 200;
/// Crossover trials between looks at the clock.
const CROSSOVER_STEP: u64 = 10;
/// Runs this small stay on the main thread (posting to workers costs more).
const WORKERS_FROM: u64 = 2_000;

/// The state of the current simulation, as signals the page reads.
#[derive(Clone, Copy)]
pub struct Runner {
    pub summary: RwSignal<Option<Summary>>,
    pub crossover: RwSignal<Option<Crossover>>,
    pub done: RwSignal<u64>,
    pub total: RwSignal<u64>,
    pub running: RwSignal<bool>,
    /// Why the run in flight stopped: a trial the model refused (a cost
    /// beyond its cap) or a worker that failed. Shown like a scenario error.
    pub failure: RwSignal<Option<String>>,
    /// The scenario version the shown summary belongs to.
    pub result_version: RwSignal<u64>,
    /// The user stopped the run in flight: its partial result stays, and
    /// the page says so and offers to run it to the end.
    pub cancelled: RwSignal<bool>,
    /// The scenario the current run is for, and the version it publishes
    /// as: an edit that leaves the scenario as it is adopts the run instead
    /// of restarting it. `None` once the run was stopped before its end.
    run_scenario: StoredValue<Option<Scenario>>,
    run_version: StoredValue<u64>,
    generation: StoredValue<u64>,
    /// What the current run has finished: its main result, its crossover.
    finished_main: StoredValue<bool>,
    finished_crossover: StoredValue<Option<Crossover>>,
}

impl Default for Runner {
    fn default() -> Self {
        Self::new()
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Runner {
    pub fn new() -> Runner {
        Runner {
            summary: RwSignal::new(None),
            crossover: RwSignal::new(None),
            done: RwSignal::new(0),
            total: RwSignal::new(0),
            running: RwSignal::new(false),
            failure: RwSignal::new(None),
            result_version: RwSignal::new(0),
            cancelled: RwSignal::new(false),
            run_scenario: StoredValue::new(None),
            run_version: StoredValue::new(0),
            generation: StoredValue::new(0),
            finished_main: StoredValue::new(false),
            finished_crossover: StoredValue::new(None),
        }
    }

    /// Stops the run in flight (its partial result stays on screen).
    pub fn cancel(&self) {
        self.run_scenario.set_value(None);
        self.generation.update_value(|g| *g += 1);
        if let Some(pool) = crate::workers::pool() {
            pool.cancel();
        }
        self.running.set(false);
    }

    /// The user's Cancel: stops the run and says so.
    pub fn cancel_by_user(&self) {
        self.cancel();
        self.cancelled.set(true);
    }

    /// Whether the current run (running or finished, not stopped) is for
    /// exactly `scenario`; if so it now stands for scenario `version`.
    pub fn adopt(&self, scenario: &Scenario, version: u64) -> bool {
        let same = self
            .run_scenario
            .with_value(|s| s.as_ref() == Some(scenario));
        if same {
            self.run_version.set_value(version);
            if !self.running.get_untracked() {
                self.result_version.set(self.run_version.get_value());
            }
        }
        same
    }

    /// Workers simulating (0: slices on the main thread).
    pub fn worker_count() -> usize {
        crate::workers::pool().map_or(0, |p| p.size())
    }

    /// Starts simulating a valid scenario, cancelling any run in flight.
    pub fn start(&self, prepared: Prepared, version: u64) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        self.run_scenario
            .set_value(Some(prepared.scenario().clone()));
        self.run_version.set_value(version);
        self.cancelled.set(false);
        let runner = *self;
        let total = u64::from(prepared.scenario().trials);
        self.total.set(total);
        self.done.set(0);
        self.running.set(true);
        self.failure.set(None);
        self.finished_main.set_value(false);
        self.finished_crossover.set_value(None);
        let prepared = Rc::new(prepared);
        leptos::task::spawn_local(runner.compute_crossover(prepared.clone(), generation));
        if let Some(pool) = crate::workers::pool() {
            if total >= WORKERS_FROM {
                pool.start(
                    prepared,
                    Rc::new(move |e| runner.on_pool_event(e, generation)),
                );
                return;
            }
            pool.cancel();
        }
        leptos::task::spawn_local(async move {
            let live = move || runner.generation.try_get_value() == Some(generation);
            let mut acc = prepared.accumulator();
            let mut scratch = Scratch::default();
            let (mut next, mut slice, mut published) = (0u64, 100u64, None::<f64>);
            while next < total {
                if !live() {
                    return;
                }
                let start = now_ms();
                let end = (next + slice).min(total);
                prepared.run_into(next..end, &mut acc, &mut scratch);
                next = end;
                let took = (now_ms() - start).max(0.1);
                slice = ((slice as f64 * SLICE_MS / took) as u64).clamp(10, 50_000);
                runner.done.set(next);
                if published.is_none_or(|t| now_ms() - t > PUBLISH_MS) || next == total {
                    let summary = match prepared.summarize(&acc) {
                        Ok(s) => s,
                        Err(e) => return runner.fail(e.to_string()),
                    };
                    runner.summary.set(Some(summary));
                    runner.result_version.set(runner.run_version.get_value());
                    runner.crossover.set(None);
                    published = Some(now_ms());
                }
                TimeoutFuture::new(0).await;
            }
            runner.main_finished(generation);
        });
    }

    /// Whether run `generation` is still the latest (not replaced by an edit).
    /// What the workers report of run `generation`.
    fn on_pool_event(&self, e: PoolEvent, generation: u64) {
        match e {
            PoolEvent::Progress { done } => self.done.set(done),
            PoolEvent::Failed(e) => {
                if self.is_current(generation) {
                    self.fail(e);
                }
            }
            PoolEvent::Result { summary, complete } => {
                if !self.is_current(generation) {
                    return;
                }
                self.summary.set(Some(*summary));
                self.result_version.set(self.run_version.get_value());
                self.crossover.set(None);
                if complete {
                    self.main_finished(generation);
                }
            }
        }
    }

    /// Stops the run and says why (its last good result stays on screen).
    fn fail(&self, why: String) {
        self.cancel();
        self.failure.set(Some(why));
    }

    pub fn is_current(&self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// Computes run `generation`'s crossover in slices (unless a newer run
    /// started), then shows it if the main result is already complete.
    async fn compute_crossover(self, prepared: Rc<Prepared>, generation: u64) {
        let median = prepared
            .scenario()
            .workload
            .queries_per_day
            .quantile(0.5)
            .max(1.0);
        let volumes = crossover::log_volumes(
            (median / 1e3).max(1.0),
            (median * 1e3).min(1e9),
            CROSSOVER_POINTS,
        );
        let mut points = Vec::with_capacity(volumes.len());
        for v in volumes {
            // A point in slices of about `SLICE_MS` (one was a 50 ms task
            // while V8 still ran its baseline code).
            let mut run = crossover::PointRun::new(&prepared, v);
            let mut next = 0;
            while next < CROSSOVER_TRIALS {
                TimeoutFuture::new(0).await;
                if !self.is_current(generation) {
                    return;
                }
                let start = now_ms();
                while next < CROSSOVER_TRIALS && now_ms() - start < SLICE_MS {
                    let end = (next + CROSSOVER_STEP).min(CROSSOVER_TRIALS);
                    run.run(next..end);
                    next = end;
                }
            }
            points.push(run.finish());
        }
        let break_evens = crossover::break_evens(&prepared, &points);
        self.finished_crossover.set_value(Some(Crossover {
            points,
            break_evens,
        }));
        self.finish(generation);
    }

    /// Run `generation`'s final summary is shown.
    pub fn main_finished(&self, generation: u64) {
        if self.is_current(generation) {
            self.finished_main.set_value(true);
            self.finish(generation);
        }
    }

    /// Ends run `generation` once both its parts are done.
    fn finish(&self, generation: u64) {
        if !self.is_current(generation) || !self.finished_main.get_value() {
            return;
        }
        if let Some(c) = self
            .finished_crossover
            .try_update_value(Option::take)
            .flatten()
        {
            self.crossover.set(Some(c));
            // An edit that left the scenario as it was, while the crossover
            // was still computing, is adopted now (found by a review).
            self.result_version.set(self.run_version.get_value());
            self.running.set(false);
        }
    }
}

/// Validates a scenario for running: the engine's own check.
pub fn prepare(scenario: &Scenario) -> Result<Prepared, burnrate_model::ModelError> {
    Prepared::new(scenario)
}
