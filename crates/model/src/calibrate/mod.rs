//! Calibration from usage logs: a request log (LiteLLM's spend log, OpenAI's
//! or Anthropic's usage objects, any CSV or JSON Lines with the usual column
//! names) read in pieces, and the scenario's workload fitted to it. The user
//! accepts the fitted workload into a scenario, or not ([`Calibration::apply`]).

pub mod columns;
pub mod fit;
pub mod log;
pub mod reader;
pub mod report;
pub mod stats;
pub mod time;

pub use columns::{Field, Mapping};
pub use fit::{Calibration, Fit, fit};
pub use log::Log;
pub use reader::LogReader;

use crate::scenario::{Scenario, Serving};

/// Reads a whole log held in memory and fits `base` to it.
pub fn calibrate(
    bytes: &[u8],
    mapping: Mapping,
    base: &crate::scenario::Workload,
) -> Result<Calibration, String> {
    let mut reader = LogReader::new(mapping);
    reader.feed(bytes);
    fit(&reader.finish()?, base)
}

impl Calibration {
    /// `scenario` with the fitted workload, for a log recorded by its
    /// architecture `recorded_by` (an index; None: a log of bare queries).
    /// That architecture's instructions and retrieved context are inside
    /// every logged input, and the model adds them to each call itself, so
    /// they come off the query's tokens (down to 1 token, with a note
    /// saying so). Its hidden reasoning is inside every logged output (the
    /// providers count it as output), and the model adds it to each call
    /// itself, so it comes off the output's tokens the same way: the fitted
    /// output and the architecture's reasoning together give the log's.
    /// The log's prompt-cache shares go to every architecture served by a
    /// managed API (the provider's cache is what it measured).
    pub fn apply(
        &self,
        scenario: &Scenario,
        recorded_by: Option<usize>,
    ) -> (Scenario, Option<String>) {
        let mut s = scenario.clone();
        s.workload = self.workload.clone();
        let mut notes = Vec::new();
        if let Some(a) = recorded_by.and_then(|i| scenario.architectures.get(i)) {
            let w = &mut s.workload;
            // (what the log holds, what the architecture adds to it, in words)
            for (dist, added, held, whose, kept) in [
                (
                    &mut w.output_tokens.mean_tokens,
                    a.reasoning_tokens_per_call.mean(),
                    "responses hold {n} output tokens",
                    "hidden reasoning",
                    "the answer",
                ),
                (
                    &mut w.query_tokens.mean_tokens,
                    a.tokens_added_per_call(),
                    "requests hold {n} tokens besides their history",
                    "instructions and context",
                    "the query",
                ),
            ] {
                let mean = dist.mean();
                if added > 0.0 {
                    *dist = fit::shifted(dist, -added);
                    if mean - added < 1.0 {
                        notes.push(format!(
                            "the log's {}, no more than {}'s {whose} ({}): {kept} keeps 1 token; was the log recorded by another architecture?",
                            held.replace("{n}", &report::number(mean)),
                            a.name,
                            report::number(added),
                        ));
                    }
                }
            }
        }
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        for a in &mut s.architectures {
            if let Serving::ManagedApi(api) = &mut a.serving {
                api.prompt_cache_share = self.fit.prompt_cache_share;
                api.prompt_cache_write_share = self.fit.prompt_cache_write_share;
            }
        }
        (s, note)
    }
}
