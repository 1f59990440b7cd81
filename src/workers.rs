//! Simulation workers: one per core (or `#workers=N` in the address), each
//! running the chunks of trials the page hands it (src/schedule.rs) and
//! sending snapshots of its accumulator. The page merges the latest snapshot of each worker: merging is
//! exact, so the final numbers equal a single run's. Where workers cannot be
//! created (a sandboxed iframe has an opaque origin) the runner falls back to
//! slices on the main thread.
//!
//! The workers start on the page's own module, built for size. A run of
//! [`FAST_TRIALS`] or more replaces them by workers on the fast engine
//! (src/bin/fast_engine.rs, built for speed), which run every run after:
//! the same loop, the same bits, 12-14% less time on a million trials. A
//! worker that cannot load it runs the page's module (src/worker.js).

use std::cell::RefCell;
use std::rc::Rc;

use burnrate_model::{Accumulator, Prepared, Summary};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::protocol::{Job, Report};
use crate::schedule::{AHEAD, Schedule};

/// How often merged results are republished while workers run. Summaries
/// and charts take main-thread time from the workers on a machine with few
/// cores (a 100,000-trial run on two cores ends ~10% sooner without them), so
/// a run shows its first partial results after this long, and only if it is
/// not about to end.
const PUBLISH_MS: f64 = 1_000.0;

/// How often the progress bar moves: each move lays out and repaints the
/// page, and the workers report ten times a second each.
const PROGRESS_MS: f64 = 250.0;

/// Whether to show partial results now: `elapsed_ms` into the run,
/// `since_last_ms` after the last ones shown, `done` of `total` trials.
fn show_partial(elapsed_ms: f64, since_last_ms: f64, done: u64, total: u64) -> bool {
    if elapsed_ms < PUBLISH_MS || since_last_ms < PUBLISH_MS || done == 0 {
        return false;
    }
    let left_ms = elapsed_ms * total.saturating_sub(done) as f64 / done as f64;
    left_ms >= PUBLISH_MS / 2.0
}

/// Runs this long move the workers to the fast engine: ~2 s on the page's
/// module with two workers. At 100,000 trials the engine's load (284 KB
/// gzip, fetched and compiled by each worker) ate its gain (README,
/// Performance).
pub const FAST_TRIALS: u32 = 200_000;

/// The job in flight and each worker's part in it (vectors by worker).
#[derive(Default)]
struct RunState {
    workers: Vec<Worker>,
    /// The workers were started on the fast engine.
    fast: bool,
    /// `engine=` in the address: "fast" for every run, "page" for none.
    engine_asked: Option<String>,
    /// Counts the sets of workers: a report from a replaced one is dropped.
    generation: u32,
    job: u64,
    prepared: Option<Rc<Prepared>>,
    /// Who hears of the current run: progress, results, failure.
    listener: Option<Listener>,
    schedule: Schedule,
    snapshots: Vec<Option<Accumulator>>,
    /// Chunks and trials handed out; chunks and trials run (as last reported).
    sent: Vec<u64>,
    given: Vec<u64>,
    chunks: Vec<u64>,
    done: Vec<u64>,
    /// The worker's last report said it had run every chunk it was given.
    finished: Vec<bool>,
    started: f64,
    last_progress: f64,
    last_publish: f64,
    /// Which workers have said they are ready, and the messages each still
    /// waits for.
    ready: Vec<bool>,
    pending: Vec<Vec<String>>,
}

impl RunState {
    /// Posts a message to worker `i`, or keeps it until the worker is ready.
    fn post(&mut self, i: usize, job: &Job) {
        let Some(text) = job.to_text() else { return };
        if self.ready[i] {
            let _ = self.workers[i].post_message(&JsValue::from_str(&text));
        } else {
            self.pending[i].push(text);
        }
    }

    /// Hands worker `i` the next chunk, if any is left (its first of a job
    /// with the scenario).
    fn give(&mut self, i: usize) -> bool {
        let Some(chunk) = self.schedule.next_chunk() else {
            return false;
        };
        let scenario = match (&self.prepared, self.sent[i]) {
            (Some(p), 0) => Some(p.scenario().clone()),
            _ => None,
        };
        let job = Job {
            job: self.job,
            scenario,
            start: chunk.start,
            end: chunk.end,
        };
        self.post(i, &job);
        self.sent[i] += 1;
        self.given[i] += chunk.end - chunk.start;
        true
    }

    /// Keeps worker `i` `AHEAD` chunks ahead while trials are left.
    fn top_up(&mut self, i: usize) {
        while self.sent[i] - self.chunks[i].min(self.sent[i]) < AHEAD && self.give(i) {}
    }

    /// Stops every worker's job (a message for a job without a scenario).
    fn stop(&mut self, i: usize) {
        let job = Job {
            job: self.job,
            scenario: None,
            start: 0,
            end: 0,
        };
        self.post(i, &job);
    }

    /// Every trial is handed out, and every worker has reported running all
    /// of its part, with a snapshot.
    fn all_done(&self) -> bool {
        self.schedule.is_done()
            && (0..self.workers.len())
                .all(|i| self.sent[i] == 0 || (self.finished[i] && self.done[i] == self.given[i]))
    }
}

/// What the pool tells the page about the run in flight (a cancelled or
/// replaced run's reports are dropped before they reach it).
pub enum PoolEvent {
    /// Trials done so far (at most a few times a second).
    Progress { done: u64 },
    /// A summary of the trials so far; `complete` once all are done.
    Result {
        summary: Box<Summary>,
        complete: bool,
    },
    /// A worker could not run its chunk or stopped, or a trial's costs were
    /// refused: the run ends with this message.
    Failed(String),
}

/// Receives a run's events.
pub type Listener = Rc<dyn Fn(PoolEvent)>;

pub struct Pool {
    state: Rc<RefCell<RunState>>,
}

thread_local! {
    static POOL: RefCell<Option<Option<Rc<Pool>>>> = const { RefCell::new(None) };
}

/// Workers wanted: `workers=N` in the fragment, else one per core (at most 8).
fn wanted() -> usize {
    let asked = crate::address::Fragment::parse(&crate::address::hash()).workers;
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency()) as usize;
    asked.unwrap_or(cores).min(8)
}

/// The pool, created on first use; None when workers are off or unavailable.
pub fn pool() -> Option<Rc<Pool>> {
    POOL.with(|p| p.borrow_mut().get_or_insert_with(create).clone())
}

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    /// `import.meta` of the wasm-bindgen glue: its `url` is what a worker imports.
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// A module worker running the page's own module: it gets the glue's URL
/// and the compiled module (src/worker.js), so nothing is loaded twice.
/// With `fast`, it runs the fast engine instead, if that loads.
fn spawn(fast: bool) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options("./worker.js", &options).ok()?;
    let init = js_sys::Object::new();
    let glue = IMPORT_META.with(ImportMeta::url);
    js_sys::Reflect::set(&init, &"fast".into(), &fast.into()).ok()?;
    js_sys::Reflect::set(&init, &"glue".into(), &glue.into()).ok()?;
    js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module()).ok()?;
    worker.post_message(&init).ok()?;
    Some(worker)
}

fn create() -> Option<Rc<Pool>> {
    let n = wanted();
    if n == 0 {
        return None;
    }
    let state = Rc::new(RefCell::new(RunState {
        engine_asked: crate::address::Fragment::parse(&crate::address::hash()).engine,
        ..RunState::default()
    }));
    staff(&state, n, false)?;
    Some(Rc::new(Pool { state }))
}

/// Gives the pool `n` new workers (running the fast engine if `fast`), in
/// place of any it had; None, and the old ones kept, if any cannot start.
/// Jobs wait for a new worker to say it is ready (`RunState::post`).
fn staff(state: &Rc<RefCell<RunState>>, n: usize, fast: bool) -> Option<()> {
    let generation = state.borrow().generation + 1;
    let mut workers = Vec::with_capacity(n);
    for i in 0..n {
        let Some(worker) = spawn(fast) else {
            workers.iter().for_each(Worker::terminate);
            return None;
        };
        listen(state, i, generation, &worker);
        workers.push(worker);
    }
    let mut s = state.borrow_mut();
    s.workers.iter().for_each(Worker::terminate);
    s.generation = generation;
    s.fast = fast;
    s.workers = workers;
    s.snapshots = vec![None; n];
    s.sent = vec![0; n];
    s.given = vec![0; n];
    s.chunks = vec![0; n];
    s.done = vec![0; n];
    s.finished = vec![false; n];
    s.ready = vec![false; n];
    s.pending = vec![Vec::new(); n];
    Some(())
}

/// Hears worker `i` of set `generation`: its reports, and its failure.
fn listen(state: &Rc<RefCell<RunState>>, i: usize, generation: u32, worker: &Worker) {
    let failed_state = state.clone();
    let state = state.clone();
    let me = worker.clone();
    let undecodable = state.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if state.borrow().generation != generation {
            return;
        }
        let report = e
            .data()
            .dyn_into::<js_sys::Uint8Array>()
            .ok()
            .and_then(|bytes| Report::from_bytes(&bytes.to_vec()));
        // A report the page cannot read would leave the run waiting
        // for it forever: say so instead (found by a review).
        if report.is_none() {
            let listener = undecodable.borrow().listener.clone();
            if let Some(listener) = listener {
                listener(PoolEvent::Failed(format!(
                    "simulation worker {i} sent an unreadable report; reload the page"
                )));
            }
        }
        if let Some(report) = report {
            if report.ready {
                let pending = {
                    let mut s = state.borrow_mut();
                    s.ready[i] = true;
                    std::mem::take(&mut s.pending[i])
                };
                for job in pending {
                    let _ = me.post_message(&JsValue::from_str(&job));
                }
            } else {
                on_report(&state, i, report);
            }
        }
    });
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // A worker that throws (a trap in its module) would otherwise leave
    // the run waiting for its chunks forever: say so instead.
    let on_error = {
        let state = failed_state;
        Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let message = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_default();
            let listener = state.borrow().listener.clone();
            if let Some(listener) = listener {
                listener(PoolEvent::Failed(format!(
                    "simulation worker {i} stopped ({message}); reload the page to start it again"
                )));
            }
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
}

fn on_report(state: &Rc<RefCell<RunState>>, i: usize, report: Report) {
    let mut s = state.borrow_mut();
    if report.job != s.job {
        return;
    }
    let Some(listener) = s.listener.clone() else {
        return;
    };
    if let Some(e) = report.error {
        leptos::logging::warn!("worker {i}: {e}");
        listener(PoolEvent::Failed(e));
        return;
    }
    s.done[i] = report.done;
    s.chunks[i] = report.chunks;
    s.finished[i] = report.finished;
    s.top_up(i);
    let fresh = report.acc.is_some();
    if let Some(mut acc) = report.acc {
        if report.samples_as_before
            && let Some(earlier) = s.snapshots[i].as_mut()
        {
            acc.restore_samples(earlier);
        }
        s.snapshots[i] = Some(acc);
    }
    let done = s.done.iter().sum();
    let all = s.all_done();
    let now = js_sys::Date::now();
    if all || now - s.last_progress >= PROGRESS_MS {
        s.last_progress = now;
        listener(PoolEvent::Progress { done });
    }
    let total = s
        .prepared
        .as_ref()
        .map_or(0, |p| u64::from(p.scenario().trials));
    let publish =
        all || (fresh && show_partial(now - s.started, now - s.last_publish, done, total));
    let Some(p) = s.prepared.clone().filter(|_| publish) else {
        return;
    };
    s.last_publish = now;
    let job = s.job;
    if all {
        s.prepared = None;
    }
    drop(s);
    // Three tasks, none long: this one parsed the report; the next merges
    // and summarises; the last shows it (the results' DOM; charts follow in
    // tasks of their own).
    let state = state.clone();
    set_timeout(
        move || {
            let summary = {
                let s = state.borrow();
                // A newer job's snapshots are not this scenario's.
                if s.job != job {
                    return;
                }
                let mut merged = p.accumulator();
                for snap in s.snapshots.iter().flatten() {
                    merged.merge(snap);
                }
                p.summarize(&merged)
            };
            set_timeout(
                move || {
                    listener(match summary {
                        Ok(summary) => PoolEvent::Result {
                            summary: Box::new(summary),
                            complete: all,
                        },
                        Err(e) => PoolEvent::Failed(e.to_string()),
                    })
                },
                std::time::Duration::ZERO,
            );
        },
        std::time::Duration::ZERO,
    );
}

impl Pool {
    pub fn size(&self) -> usize {
        self.state.borrow().workers.len()
    }

    /// Starts a run: each worker gets its first chunks (src/schedule.rs), and
    /// more as it reports them done. A long run first moves the workers to
    /// the fast engine, for good.
    pub fn start(&self, prepared: Rc<Prepared>, listener: Listener) {
        let trials = prepared.scenario().trials;
        let (fast, asked) = {
            let s = self.state.borrow();
            (s.fast, s.engine_asked.clone())
        };
        let wants_fast = match asked.as_deref() {
            Some(engine) => engine == "fast",
            None => trials >= FAST_TRIALS,
        };
        if wants_fast && !fast {
            let _ = staff(&self.state, self.size(), true);
        }
        start_now(&mut self.state.borrow_mut(), prepared, listener);
    }

    /// Stops the job in flight.
    pub fn cancel(&self) {
        let mut s = self.state.borrow_mut();
        s.job += 1;
        s.prepared = None;
        for i in 0..s.workers.len() {
            s.stop(i);
        }
    }
}

/// Hands a run's first chunks to the workers, round by round, so the
/// largest go one to each.
fn start_now(s: &mut RunState, prepared: Rc<Prepared>, listener: Listener) {
    let n = s.workers.len();
    s.job += 1;
    s.schedule = Schedule::new(u64::from(prepared.scenario().trials), n);
    s.prepared = Some(prepared);
    s.listener = Some(listener);
    for v in [&mut s.sent, &mut s.given, &mut s.chunks, &mut s.done] {
        v.iter_mut().for_each(|x| *x = 0);
    }
    s.snapshots.iter_mut().for_each(|x| *x = None);
    s.finished.iter_mut().for_each(|x| *x = false);
    s.started = js_sys::Date::now();
    s.last_progress = f64::NEG_INFINITY;
    s.last_publish = f64::NEG_INFINITY;
    for _ in 0..AHEAD {
        for i in 0..n {
            s.give(i);
        }
    }
    // A small run may leave a worker nothing: it still drops its old job.
    for i in 0..n {
        if s.sent[i] == 0 {
            s.stop(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::show_partial;

    #[test]
    fn partial_results_wait_a_second_and_skip_a_run_about_to_end() {
        // Too early, however far along.
        assert!(!show_partial(900.0, f64::INFINITY, 10_000, 1_000_000));
        // A second in, a tenth done: nine seconds to go.
        assert!(show_partial(1_000.0, f64::INFINITY, 100_000, 1_000_000));
        // A second in, 80% done: a quarter of a second to go.
        assert!(!show_partial(1_000.0, f64::INFINITY, 80_000, 100_000));
        // Shown half a second ago.
        assert!(!show_partial(3_000.0, 500.0, 300_000, 1_000_000));
        assert!(show_partial(3_000.0, 1_000.0, 300_000, 1_000_000));
        // Nothing reported yet.
        assert!(!show_partial(2_000.0, f64::INFINITY, 0, 1_000_000));
    }
}
