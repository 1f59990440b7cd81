//! burnrate's shared TCO model.
//!
//! Pure functions and plain data: no web types, deterministic for a seed, so the
//! same scenario gives the same numbers in native tests, the CLI and the browser.
//! One cost lever per module, named for it; [`engine`] ties them into a trial.

pub mod agents;
pub mod catalog;
pub mod components;
pub mod copula;
pub mod crossover;
pub mod curation;
pub mod dist;
pub mod embeddings;
pub mod engine;
pub mod error;
pub mod gamma;
pub mod inputs;
pub mod link;
pub mod managed_api;
pub mod migrate;
pub mod overheads;
pub mod pert_table;
pub mod presets;
pub mod reranker;
pub mod results;
pub mod retraining;
pub mod rng;
pub mod scenario;
pub mod semantic_cache;
pub mod serving;
pub mod stats;
mod tagged;
pub mod tokens;
pub mod traffic;
pub mod training;
pub mod validate;
pub mod vector_db;

pub use dist::Dist;
pub use engine::Prepared;
pub use error::ModelError;
pub use results::{Accumulator, Summary};
pub use scenario::{SCHEMA_VERSION, Scenario};

/// Trials a chunk runs by default: small enough to report progress often.
pub const CHUNK_TRIALS: u64 = 2_000;

/// Validates and runs a scenario's trials in one go.
pub fn simulate(scenario: &Scenario) -> Result<Summary, ModelError> {
    let prepared = Prepared::new(scenario)?;
    let acc = prepared.run_chunk(0..u64::from(scenario.trials));
    Ok(prepared.summarize(&acc))
}

impl Default for Scenario {
    fn default() -> Self {
        presets::knowledge_base()
    }
}
