//! Calibration from usage logs: a request log (LiteLLM's spend log, OpenAI's
//! or Anthropic's usage objects, any CSV or JSON Lines with the usual column
//! names) read in pieces, and the scenario's workload fitted to it. The user
//! accepts the fitted workload into a scenario, or not ([`Calibration::apply`]).

pub mod columns;
pub mod fit;
pub mod log;
pub mod reader;
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
    /// `scenario` with the fitted workload, and the log's prompt-cache shares
    /// on every architecture served by a managed API (the provider's cache
    /// is what the log measured).
    pub fn apply(&self, scenario: &Scenario) -> Scenario {
        let mut s = scenario.clone();
        s.workload = self.workload.clone();
        for a in &mut s.architectures {
            if let Serving::ManagedApi(api) = &mut a.serving {
                api.prompt_cache_share = self.fit.prompt_cache_share;
                api.prompt_cache_write_share = self.fit.prompt_cache_write_share;
            }
        }
        s
    }
}
