//! The simulation worker: runs a range of trials off the main thread and
//! reports back. It yields between slices so that a newer job (an edit on
//! the page) can replace the one in flight.
//!
//! A worker runs the page's own WASM module (see `public/worker.js`): the
//! page posts it the module it has already compiled, so the site ships one
//! `.wasm` file and a worker neither downloads nor compiles anything.

use std::cell::Cell;
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
    if let Some(text) = report.to_text() {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

async fn run(job: Job, current: Rc<Cell<u64>>, scope: DedicatedWorkerGlobalScope) {
    let Some(scenario) = job.scenario else { return };
    let p = match Prepared::new(&scenario) {
        Ok(p) => p,
        Err(e) => {
            post(&scope, &Report::at_once(job.job, None, Some(e.to_string())));
            return;
        }
    };
    let mut acc = Accumulator::new(&p);
    let mut scratch = Scratch::default();
    let began = js_sys::Date::now();
    let (mut next, mut last) = (job.start, began);
    let mut sent_samples = None;
    while next < job.end {
        if current.get() != job.job {
            return;
        }
        let slice_start = js_sys::Date::now();
        while next < job.end && js_sys::Date::now() - slice_start < SLICE_MS {
            let end = (next + STEP).min(job.end);
            p.run_into(next..end, &mut acc, &mut scratch);
            next = end;
        }
        let finished = next == job.end;
        let now = js_sys::Date::now();
        let every = SNAPSHOT_MS.max(SNAPSHOT_SHARE * (now - began));
        let snapshot = finished || now - last > every;
        if snapshot {
            last = js_sys::Date::now();
        }
        // The sensitivity samples (the first trials') stop changing early:
        // after that they are not sent again.
        let unchanged = snapshot && sent_samples == Some(acc.sample_count());
        let copy = match (snapshot, unchanged) {
            (false, _) => None,
            (true, true) => Some(acc.without_samples()),
            (true, false) => {
                sent_samples = Some(acc.sample_count());
                Some(acc.clone())
            }
        };
        let report = Report {
            job: job.job,
            done: next - job.start,
            finished,
            acc: copy,
            error: None,
            ready: false,
            samples_as_before: unchanged,
        };
        post(&scope, &report);
        TimeoutFuture::new(0).await;
    }
    if job.start == job.end {
        post(&scope, &Report::at_once(job.job, Some(acc), None));
    }
}

/// The worker's scope, when this instance runs in a worker rather than a page.
pub fn scope() -> Option<DedicatedWorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

/// Listens for jobs and tells the page this worker is ready for them.
pub fn start(scope: DedicatedWorkerGlobalScope) {
    let current = Rc::new(Cell::new(0u64));
    let handler = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            let Some(job) = Job::from_text(&text) else {
                return;
            };
            current.set(job.job);
            wasm_bindgen_futures::spawn_local(run(job, current.clone(), scope.clone()));
        })
    };
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(
        &scope,
        &Report {
            job: 0,
            done: 0,
            finished: false,
            acc: None,
            error: None,
            ready: true,
            samples_as_before: false,
        },
    );
}
