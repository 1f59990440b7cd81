//! The semantic cache (seeds 002, 003): repeated questions are answered from
//! a cheap store and skip the LLM. Agent runs are not cached (they act).

use serde::{Deserialize, Serialize};

use crate::dist::Dist;
use crate::error::Bound;
use crate::fields::{Field, Section, Slot, Walk};
use crate::levers::ledger::{Bucket, Component, Ledger};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SemanticCache {
    /// Share of (non-agentic) queries answered from the cache.
    pub hit_rate: Dist,
    /// The cache's own infrastructure (e.g. Redis), per month.
    pub usd_per_month: f64,
}

pub const CACHE: Field = Field::group(
    "semantic_cache",
    "Semantic cache",
    "The FinOps guide: repeat questions answered from a cache such as Redis, skipping the LLM (agent runs are not cached: they act).",
);
pub const HIT: Field = Field::dist(
    "hit_rate",
    "Semantic cache hit rate",
    "% of queries",
    Bound::SHARE,
    "The FinOps guide: repeat questions answered from Redis, skipping the LLM.",
)
.percent();
pub const INFRASTRUCTURE: Field = Field::number(
    "usd_per_month",
    "Cache infrastructure",
    "$ / month",
    Bound::NON_NEGATIVE,
    "The cache's own servers (e.g. a managed Redis), a fixed monthly cost.",
);

impl Default for SemanticCache {
    /// The fintech preset's cache: 10–35% of questions repeat (most often
    /// 20%), on a $300-a-month Redis.
    fn default() -> Self {
        SemanticCache {
            hit_rate: Dist::Pert {
                low: 0.1,
                mode: 0.2,
                high: 0.35,
            },
            usd_per_month: 300.0,
        }
    }
}

impl Section for SemanticCache {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&HIT, Slot::Dist(&mut self.hit_rate));
        w.field(&INFRASTRUCTURE, Slot::Number(&mut self.usd_per_month));
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
