//! The semantic cache (seeds 002, 003): repeated questions are answered from
//! a cheap store and skip the LLM. Agent runs are not cached (they act).

use serde::{Deserialize, Serialize};

use crate::dist::Dist;
use crate::error::{Bound, ModelError, check_non_negative};
use crate::inputs::ArchInput;
use crate::levers::ledger::{Bucket, Component, Ledger};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SemanticCache {
    /// Share of (non-agentic) queries answered from the cache.
    pub hit_rate: Dist,
    /// The cache's own infrastructure (e.g. Redis), per month.
    pub usd_per_month: f64,
}

/// The cache's hit rate, an uncertain input of each architecture (0 without a cache).
pub const HIT_RATE: ArchInput = ArchInput {
    key: "cache_hit_rate",
    label: "Cache hit rate",
    bound: Bound::SHARE,
    dist: |a| a.guardrails.semantic_cache.as_ref().map(|c| &c.hit_rate),
};

impl SemanticCache {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        HIT_RATE
            .bound
            .check_dist(&format!("{f}.hit_rate"), &self.hit_rate)?;
        check_non_negative(&format!("{f}.usd_per_month"), self.usd_per_month)
    }
}

/// LLM calls left after the cache answers its share of `queries`.
pub fn calls_after_cache(queries: f64, hit_rate: f64) -> f64 {
    queries * (1.0 - hit_rate)
}

/// The cache's infrastructure, a fixed monthly cost.
pub fn cost(usd_per_month: f64, ledger: &mut Ledger) {
    ledger.add(Bucket::Fixed, Component::Cache, usd_per_month);
}
