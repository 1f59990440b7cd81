//! Messages between the page and its simulation workers: a job as JSON
//! text (it carries a scenario, read as links are), a report as bytes
//! (`burnrate_model::flat`: serde's code for the accumulator was 18 KB of the
//! page, gzip).

use burnrate_model::{Accumulator, Scenario};
use serde::{Deserialize, Serialize};

/// Page → worker: run trials `start..end` of job `job`. A job's first
/// message to a worker carries the scenario; more chunks of the same job come
/// without it and queue behind the worker's current one. A message for
/// another job replaces the one in flight; without a scenario it just stops it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Job {
    pub job: u64,
    #[serde(deserialize_with = "scenario_through_migrate")]
    pub scenario: Option<Scenario>,
    pub start: u64,
    pub end: u64,
}

/// Worker → page: progress of a job (trials and chunks done), with a
/// snapshot of its accumulator (all its trials so far) every second or so and
/// whenever it has run every chunk it was given (`finished`).
#[derive(Debug, PartialEq)]
pub struct Report {
    pub job: u64,
    pub done: u64,
    pub chunks: u64,
    pub finished: bool,
    pub acc: Option<Accumulator>,
    pub error: Option<String>,
    /// Sent once when the worker can take jobs: messages posted before that
    /// may be lost while its WASM is still loading.
    pub ready: bool,
    /// `acc` was sent without its sensitivity samples: they are the ones of
    /// this worker's previous snapshot (see `Accumulator::without_samples`).
    pub samples_as_before: bool,
}

burnrate_model::flat!(Report {
    job,
    done,
    chunks,
    finished,
    acc,
    error,
    ready,
    samples_as_before
});

/// A job's scenario is read the way links and files are, so the scenario's
/// deserialiser is compiled once.
fn scenario_through_migrate<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Scenario>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    v.map(|v| burnrate_model::migrate::scenario_from_json(v).map_err(serde::de::Error::custom))
        .transpose()
}

impl Job {
    /// The message text. Through `serde_json::Value`, like the app's other
    /// JSON, so the scenario's serialiser is compiled once.
    pub fn to_text(&self) -> Option<String> {
        crate::codec::json(self)
    }

    pub fn from_text(text: &str) -> Option<Job> {
        crate::codec::from_json(text)
    }
}

impl Report {
    /// A job's last word when nothing was run: an empty range, or a scenario
    /// the worker refuses.
    pub fn at_once(job: u64, acc: Option<Accumulator>, error: Option<String>) -> Report {
        Report {
            job,
            done: 0,
            chunks: 0,
            finished: true,
            acc,
            error,
            ready: false,
            samples_as_before: false,
        }
    }

    /// The message's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        burnrate_model::flat::to_bytes(self)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Report> {
        burnrate_model::flat::from_bytes(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use burnrate_model::{Prepared, presets};

    /// A million queries a day sum to more than 64 bits of fixed point: the
    /// report must still arrive whole (found when a `Value` route dropped it),
    /// every field of every architecture (the accumulator's own equality).
    #[test]
    fn a_large_report_and_its_job_survive_the_trip() {
        let scenario = presets::preset("text-to-sql").unwrap();
        let p = Prepared::new(&scenario).unwrap();
        // 2,000 trials merged into themselves five times: sums of 64,000.
        let mut acc = p.run_chunk(0..2_000);
        for _ in 0..5 {
            let copy = acc.clone();
            acc.merge(&copy);
        }
        let report = Report {
            job: 7,
            done: 64_000,
            chunks: 3,
            finished: true,
            acc: Some(acc),
            error: None,
            ready: false,
            samples_as_before: false,
        };
        let bytes = report.to_bytes();
        assert_eq!(Report::from_bytes(&bytes), Some(report));
        // Damaged on the way: refused, not misread.
        assert_eq!(Report::from_bytes(&bytes[..bytes.len() - 1]), None);
        let job = Job {
            job: 7,
            scenario: Some(scenario.clone()),
            start: 0,
            end: 10,
        };
        let back = Job::from_text(&job.to_text().unwrap()).unwrap();
        assert_eq!(back.scenario, Some(scenario));
    }
}
