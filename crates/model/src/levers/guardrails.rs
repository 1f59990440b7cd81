//! Guardrail economics (seeds 002, 003): caps on output and history tokens,
//! a semantic cache, and the circuit breakers that stop runaway agent runs
//! (a step limit and a per-run budget cap).

use serde::{Deserialize, Serialize};

use crate::error::{Bound, ModelError, check_positive};
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

const STEP_LIMIT: Bound = Bound::new(1.0, 1e5, "must be between 1 and 100,000");

impl Guardrails {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        let positive = |name: &str, v: Option<f64>| match v {
            Some(v) => check_positive(&format!("{f}.{name}"), v),
            None => Ok(()),
        };
        positive("output_cap_tokens", self.output_cap_tokens)?;
        positive("history_cap_tokens", self.history_cap_tokens)?;
        positive("agent_budget_cap_usd", self.agent_budget_cap_usd)?;
        if let Some(limit) = self.agent_step_limit {
            STEP_LIMIT.check(&format!("{f}.agent_step_limit"), f64::from(limit))?;
        }
        if let Some(c) = &self.semantic_cache {
            c.validate(&format!("{f}.semantic_cache"))?;
        }
        Ok(())
    }

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
