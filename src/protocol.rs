//! Messages between the page and its simulation workers (JSON text).

use burnrate_model::{Accumulator, Scenario};
use serde::{Deserialize, Serialize};

/// Page → worker: run trials `start..end` of `scenario` as job `job`. A newer
/// job replaces an older one; an empty range just stops the old one.
#[derive(Debug, Serialize, Deserialize)]
pub struct Job {
    pub job: u64,
    pub scenario: Option<Scenario>,
    pub start: u64,
    pub end: u64,
}

/// Worker → page: progress of a job, with a snapshot of its accumulator
/// (all its trials so far) every few hundred milliseconds and at the end.
#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub job: u64,
    pub done: u64,
    pub finished: bool,
    pub acc: Option<Accumulator>,
    pub error: Option<String>,
    /// Sent once when the worker can take jobs: messages posted before that
    /// may be lost while its WASM is still loading.
    #[serde(default)]
    pub ready: bool,
}
