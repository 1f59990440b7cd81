//! The simulation worker: runs the chunks of trials the page hands it (see
//! src/schedule.rs) off the main thread, into one accumulator per job, and
//! reports back. It yields between slices so that more chunks can queue and a
//! newer job (an edit on the page) can replace the one in flight.
//!
//! A worker first runs the page's own WASM module (src/worker.js):
//! the page posts it the module it has already compiled, so a worker neither
//! downloads nor compiles anything. A long run loads the fast engine instead
//! (src/bin/fast_engine.rs), which runs this same loop.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::Range;
use std::rc::Rc;

use crate::protocol::{Job, Report};
use burnrate_model::engine::Scratch;
use burnrate_model::{Accumulator, Prepared};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Work between yields: long enough that a yield (a nested timeout waits at
/// least 4 ms) and a progress report cost little, short enough that a newer
/// job (an edit) replaces this one within a tenth of a second.
const SLICE_MS: f64 = 100.0;
/// Trials between looks at the clock.
const STEP: u64 = 200;
/// How often a snapshot of the results is sent (and when the first is): every
/// second, or every tenth of the time run so far if longer. The page parses
/// each on the main thread, which shares the cores, and shows partial results
/// only after a second (src/workers.rs); a shorter run sends just its last.
const SNAPSHOT_MS: f64 = 1_000.0;
const SNAPSHOT_SHARE: f64 = 0.1;

fn post(scope: &DedicatedWorkerGlobalScope, report: &Report) {
    let _ = scope.post_message(&js_sys::Uint8Array::from(&report.to_bytes()[..]));
}

/// The job in flight: its prepared scenario, everything run so far, and
/// the chunks still to run.
struct Run {
    job: u64,
    prepared: Prepared,
    acc: Accumulator,
    scratch: Scratch,
    queue: VecDeque<Range<u64>>,
    done: u64,
    chunks: u64,
    began: f64,
    last_snapshot: f64,
    sent_samples: Option<usize>,
    /// A slice loop is under way (else the worker waits for chunks).
    looping: bool,
}

type Current = Rc<RefCell<Option<Run>>>;

/// Takes a message: more chunks for the job in flight, or a new job.
fn receive(job: Job, current: &Current, scope: &DedicatedWorkerGlobalScope) {
    let chunk = job.start..job.end;
    let mut cur = current.borrow_mut();
    match cur.as_mut() {
        Some(run) if run.job == job.job => {
            if !chunk.is_empty() {
                run.queue.push_back(chunk);
            }
        }
        _ => {
            *cur = None;
            let Some(scenario) = job.scenario else { return };
            let prepared = match Prepared::new(&scenario) {
                Ok(p) => p,
                Err(e) => {
                    post(scope, &Report::at_once(job.job, None, Some(e.to_string())));
                    return;
                }
            };
            let now = js_sys::Date::now();
            *cur = Some(Run {
                job: job.job,
                acc: prepared.accumulator(),
                prepared,
                scratch: Scratch::default(),
                queue: VecDeque::from([chunk]),
                done: 0,
                chunks: 0,
                began: now,
                last_snapshot: now,
                sent_samples: None,
                looping: false,
            });
        }
    }
    if let Some(run) = cur.as_mut().filter(|r| !r.looping) {
        run.looping = true;
        wasm_bindgen_futures::spawn_local(slices(run.job, current.clone(), scope.clone()));
    }
}

/// Runs job `job`'s queued chunks in slices, reporting after each (at once
/// when a chunk ends, so the page can send another), until the queue is
/// empty or another job replaces this one.
async fn slices(job: u64, current: Current, scope: DedicatedWorkerGlobalScope) {
    loop {
        let report = {
            let mut cur = current.borrow_mut();
            let Some(run) = cur.as_mut().filter(|r| r.job == job) else {
                return;
            };
            let slice_start = js_sys::Date::now();
            while js_sys::Date::now() - slice_start < SLICE_MS {
                let Some(chunk) = run.queue.front_mut() else {
                    break;
                };
                let end = (chunk.start + STEP).min(chunk.end);
                run.prepared
                    .run_into(chunk.start..end, &mut run.acc, &mut run.scratch);
                run.done += end - chunk.start;
                chunk.start = end;
                if chunk.is_empty() {
                    run.queue.pop_front();
                    run.chunks += 1;
                    break;
                }
            }
            let finished = run.queue.is_empty();
            run.looping = !finished;
            progress(run, finished)
        };
        post(&scope, &report);
        if report.finished {
            return;
        }
        TimeoutFuture::new(0).await;
    }
}

/// A progress report, with a snapshot when one is due.
fn progress(run: &mut Run, finished: bool) -> Report {
    let now = js_sys::Date::now();
    let every = SNAPSHOT_MS.max(SNAPSHOT_SHARE * (now - run.began));
    let snapshot = finished || now - run.last_snapshot > every;
    if snapshot {
        run.last_snapshot = now;
    }
    // The sensitivity samples (the first trials') stop changing early:
    // after that they are not sent again.
    let unchanged = snapshot && run.sent_samples == Some(run.acc.sample_count());
    let acc = match (snapshot, unchanged) {
        (false, _) => None,
        (true, true) => Some(run.acc.without_samples()),
        (true, false) => {
            run.sent_samples = Some(run.acc.sample_count());
            Some(run.acc.clone())
        }
    };
    Report {
        job: run.job,
        done: run.done,
        chunks: run.chunks,
        finished,
        acc,
        error: None,
        ready: false,
        samples_as_before: unchanged,
    }
}

/// The worker's scope, when this instance runs in a worker rather than a page.
pub fn scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

/// Listens for jobs and tells the page this worker is ready for them.
pub fn start(scope: DedicatedWorkerGlobalScope) {
    let current: Current = Rc::new(RefCell::new(None));
    let handler = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(job) = e.data().as_string().and_then(|t| Job::from_text(&t)) {
                receive(job, &current, &scope);
            }
        })
    };
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(
        &scope,
        &Report {
            job: 0,
            done: 0,
            chunks: 0,
            finished: false,
            acc: None,
            error: None,
            ready: true,
            samples_as_before: false,
        },
    );
}
