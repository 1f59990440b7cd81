//! Guardrail economics (seeds 002, 003): caps on output and history tokens,
//! a semantic cache, and the circuit breakers that stop runaway agent runs
//! (a step limit and a per-run budget cap).

use serde::{Deserialize, Serialize};

use crate::error::Bound;
use crate::fields::{Field, Optional, Section, Slot, Walk};
use crate::levers::semantic_cache::SemanticCache;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Guardrails {
    /// Hard cap on output tokens per call.
    pub output_cap_tokens: Option<f64>,
    /// History truncated to this many tokens per call.
    pub history_cap_tokens: Option<f64>,
    /// Semantic cache answering repeated questions without an LLM call.
    pub semantic_cache: Option<SemanticCache>,
    /// Circuit breaker: most steps an agent run may take.
    pub agent_step_limit: Option<u32>,
    /// Circuit breaker: most an agent run may spend, in currency.
    pub agent_budget_cap_usd: Option<f64>,
}

pub const OUTPUT_CAP: Field = Field::optional(
    "output_cap_tokens",
    "Output cap",
    "tokens / call",
    Bound::POSITIVE,
    "The Algorithmic Drain: hard token limits on responses. Empty: none.",
);
pub const HISTORY_CAP: Field = Field::optional(
    "history_cap_tokens",
    "History cap",
    "tokens / call",
    Bound::POSITIVE,
    "The Algorithmic Drain: truncating conversation histories to essential context. Empty: none.",
);
pub const STEP_LIMIT: Field = Field::optional(
    "agent_step_limit",
    "Agent step limit",
    "steps / run",
    Bound::new(1.0, 1e5, "must be between 1 and 100,000"),
    "The FinOps guide: never more than N steps without a human. Empty: none.",
)
.count();
pub const BUDGET_CAP: Field = Field::optional(
    "agent_budget_cap_usd",
    "Agent budget cap",
    "$ / run",
    Bound::POSITIVE,
    "The FinOps guide: never more than $X per run: the fuse box. Empty: none.",
);

impl Section for Guardrails {
    fn fields(&mut self, w: &mut Walk) {
        w.field(
            &crate::levers::semantic_cache::CACHE,
            Slot::Group(&mut Optional {
                value: &mut self.semantic_cache,
                default: SemanticCache::default,
            }),
        );
        w.field(&OUTPUT_CAP, Slot::Optional(&mut self.output_cap_tokens));
        w.field(&HISTORY_CAP, Slot::Optional(&mut self.history_cap_tokens));
        w.field(&STEP_LIMIT, Slot::OptionalWhole(&mut self.agent_step_limit));
        w.field(&BUDGET_CAP, Slot::Optional(&mut self.agent_budget_cap_usd));
    }
}

impl Guardrails {
    /// Most steps a run may take (infinite without a limit).
    pub fn step_limit(&self) -> f64 {
        self.agent_step_limit.map_or(f64::INFINITY, f64::from)
    }

    /// The semantic cache's monthly infrastructure (0 without one).
    pub fn cache_usd_per_month(&self) -> f64 {
        self.semantic_cache
            .as_ref()
            .map_or(0.0, |c| c.usd_per_month)
    }
}
