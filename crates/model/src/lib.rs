//! burnrate's shared TCO model.
//!
//! Pure functions and plain data: no web types, deterministic for a seed, so the
//! same scenario gives the same numbers in native tests, the CLI and the browser.
//! One cost lever per module under [`levers`], named for it; [`engine`] folds
//! them into a trial; [`results`] observes the trials' outcomes.

pub mod bill;
pub mod calendar;
pub mod calibrate;
pub mod capacity_plan;
pub mod capacity_search;
pub mod catalog;
pub mod copula;
pub mod crossover;
pub mod csv;
pub mod currency;
pub mod dist;
pub mod engine;
pub mod error;
pub mod fields;
pub mod flat;
pub mod gamma;
pub mod inputs;
pub mod levers;
pub mod link;
pub mod markup;
pub mod migrate;
pub mod model_choice;
pub mod outcome;
mod path_reader;
pub mod pert_table;
pub mod pin;
pub mod presets;
pub mod price_file;
pub mod provisioned;
pub mod request_price;
pub mod results;
pub mod rng;
pub mod scenario;
pub mod stats;
mod tagged;
pub mod traffic;
pub mod validate;
pub mod workload;

pub use dist::Dist;
pub use engine::Prepared;
pub use error::ModelError;
pub use levers::ledger::{Component, Costs};
pub use results::{Accumulator, Summary};
pub use scenario::{SCHEMA_VERSION, Scenario};

/// Trials a chunk runs by default: small enough to report progress often.
pub const CHUNK_TRIALS: u64 = 2_000;

/// Validates and runs a scenario's trials in one go.
pub fn simulate(scenario: &Scenario) -> Result<Summary, ModelError> {
    let prepared = Prepared::new(scenario)?;
    let acc = prepared.run_chunk(0..u64::from(scenario.trials));
    prepared.summarize(&acc)
}

/// The same on `threads` threads (native only): the same summary, bit for bit.
#[cfg(not(target_arch = "wasm32"))]
pub fn simulate_on(scenario: &Scenario, threads: usize) -> Result<Summary, ModelError> {
    let prepared = Prepared::new(scenario)?;
    let acc = prepared.run_parallel(0..u64::from(scenario.trials), threads);
    prepared.summarize(&acc)
}

impl Default for Scenario {
    fn default() -> Self {
        presets::knowledge_base()
    }
}
