//! The scenario: everything the model needs, as plain serde data with the unit
//! in every field name. Uncertain quantities are [`Dist`]s, drawn once per
//! simulated month (their spread is uncertainty about the month's level);
//! query-to-query variation is a coefficient of variation next to them.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::dist::Dist;
use crate::error::{Bound, ModelError};
use crate::inputs::SharedInput;
pub use crate::levers::agents::Agents;
pub use crate::levers::fine_tuning::FineTuning;
pub use crate::levers::guardrails::Guardrails;
pub use crate::levers::managed_api::ManagedApi;
pub use crate::levers::overheads::Overheads;
pub use crate::levers::retrieval::{Reranker, Retrieval, VectorDb, VectorPrecision, VectorStorage};
pub use crate::levers::routing::Routing;
pub use crate::levers::semantic_cache::SemanticCache;
pub use crate::levers::serving::commitment::Commitment;
pub use crate::levers::serving::spot::Spot;
pub use crate::levers::serving::{Hosting, Quantization, SelfHosted, Serving};

/// The version of the scenario format, bumped whenever a stored scenario would
/// be read differently (links and files carry it; older ones are migrated).
pub const SCHEMA_VERSION: u32 = 4;

/// Most trials one run may ask for (a million fits the browser without freezing it).
pub const MAX_TRIALS: u32 = 1_000_000;

/// Hours in the simulated month: a year's 8,760 hours over 12.
pub const HOURS_PER_MONTH: usize = 730;

/// Days in the simulated month.
pub const DAYS_PER_MONTH: f64 = HOURS_PER_MONTH as f64 / 24.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub seed: u64,
    pub trials: u32,
    /// Months over which upfront work (curation, training) is spread and TCO is summed.
    pub horizon_months: u32,
    /// The horizon's first month (`YYYY-MM`): which of a model's dated
    /// prices apply. None: unknown, so a model with dated prices is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_month: Option<String>,
    /// Budget for an average month, for the probability of overrunning it.
    pub monthly_budget_usd: f64,
    /// Label shown next to amounts; all prices are entered in this currency.
    #[serde(default = "default_currency")]
    pub currency: String,
    pub workload: Workload,
    pub agents: Agents,
    pub outcome: Outcome,
    pub architectures: Vec<Architecture>,
    /// Rank correlations between uncertain inputs (Gaussian copula).
    #[serde(default)]
    pub correlations: Vec<Correlation>,
    /// The scenario's own catalog entries: added, or replacing shipped ones by id.
    #[serde(default)]
    pub catalog: Catalog,
}

fn default_currency() -> String {
    "USD".to_owned()
}

/// How much traffic, when, and how big each query is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Queries on an average day of the month (its level is uncertain).
    pub queries_per_day: Dist,
    /// Growth of the volume from one month to the next (0.05 = 5% a month).
    pub monthly_growth: f64,
    /// Share of a weekday's queries that arrive in business hours.
    pub business_hours_share: f64,
    /// First business hour of the day, 0–23.
    pub business_start_hour: u32,
    /// Hour the business window ends (exclusive), 1–24.
    pub business_end_hour: u32,
    /// A weekend day's volume relative to a weekday's (0 = closed at weekends).
    pub weekend_factor: f64,
    /// Burstiness: coefficient of variation of the hour-to-hour arrival rate,
    /// above Poisson (0 = Poisson arrivals; 0.5 = rates swing ±50% hour to hour).
    pub hourly_burst_cv: f64,
    /// Queries (turns) in one conversation, for history and cost per conversation.
    pub turns_per_conversation: Dist,
    /// The user's own message, tokens.
    pub query_tokens: TokenCount,
    /// The model's answer, tokens (verbosity varies).
    pub output_tokens: TokenCount,
    /// Tokens each earlier turn adds to the history sent with a query (question + answer).
    pub history_tokens_per_turn: f64,
    /// The business hours' time zone: hours ahead of UTC (New York in winter
    /// −5, Berlin +1, India +5.5). Prices that change with the hour of day
    /// (DeepSeek's) are in UTC.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub utc_offset_hours: f64,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// Tokens per query: an uncertain monthly mean with query-to-query spread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenCount {
    /// The month's mean tokens per query.
    pub mean_tokens: Dist,
    /// Query-to-query coefficient of variation (lognormal around the mean).
    pub cv_per_query: f64,
}

/// What a query achieves, for cost per successful action and margin (seed 002).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Share of queries ending in a successful action (an answer used, a task done).
    pub success_rate: Dist,
    /// Value of one successful action, in currency (None = not set; schema v1
    /// said 0 for that, which `migrate` turns into None).
    #[serde(default)]
    pub value_per_success_usd: Option<f64>,
}

/// A rank correlation between two uncertain inputs, named by their keys
/// (see `inputs::InputKey`), e.g. `queries_per_day` and `output_tokens`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    pub a: String,
    pub b: String,
    /// Spearman rank correlation in [-1, 1].
    pub rank_correlation: f64,
}

/// One architecture to compare. All architectures of a scenario see the same
/// traffic, tokens and agent behaviour in each trial.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Architecture {
    /// Short stable id (`prompt_only`, `rag`, `fine_tuned`, `hybrid`, or your own).
    pub id: String,
    pub name: String,
    pub design: Design,
    /// System prompt, instructions or schema sent with every LLM call, tokens
    /// (seed 000: a 4,000-token schema, ~50 after fine-tuning).
    pub instruction_tokens: f64,
    pub serving: Serving,
    /// Send a share of calls to a frontier model, the rest to this one (seed 002).
    #[serde(default)]
    pub routing: Option<Routing>,
    #[serde(default)]
    pub guardrails: Guardrails,
    #[serde(default)]
    pub overheads: Overheads,
    /// Hidden reasoning tokens a reasoning model (o1, R1 and successors)
    /// generates per LLM call before its answer: billed at the output price,
    /// decoded on self-hosted instances, counted against the context window.
    /// Not cut by the output cap (providers cap the visible answer apart).
    #[serde(default = "Dist::zero", skip_serializing_if = "Dist::is_zero")]
    pub reasoning_tokens_per_call: Dist,
}

/// How the model is grounded in the organisation's data.
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Design {
    /// Everything goes in the prompt.
    PromptOnly,
    /// Retrieval-augmented generation.
    Rag { retrieval: Retrieval },
    /// A LoRA/QLoRA fine-tuned model.
    FineTuned { fine_tuning: FineTuning },
    /// RAG for knowledge plus a small fine-tuned model for behaviour (seed 000).
    Hybrid {
        retrieval: Retrieval,
        fine_tuning: FineTuning,
    },
}

impl Design {
    pub fn kind_id(&self) -> &'static str {
        match self {
            Design::PromptOnly => "prompt_only",
            Design::Rag { .. } => "rag",
            Design::FineTuned { .. } => "fine_tuned",
            Design::Hybrid { .. } => "hybrid",
        }
    }
    pub fn retrieval(&self) -> Option<&Retrieval> {
        match self {
            Design::Rag { retrieval } | Design::Hybrid { retrieval, .. } => Some(retrieval),
            _ => None,
        }
    }
    pub fn retrieval_mut(&mut self) -> Option<&mut Retrieval> {
        match self {
            Design::Rag { retrieval } | Design::Hybrid { retrieval, .. } => Some(retrieval),
            _ => None,
        }
    }
    pub fn fine_tuning_mut(&mut self) -> Option<&mut FineTuning> {
        match self {
            Design::FineTuned { fine_tuning } | Design::Hybrid { fine_tuning, .. } => {
                Some(fine_tuning)
            }
            _ => None,
        }
    }
    pub fn fine_tuning(&self) -> Option<&FineTuning> {
        match self {
            Design::FineTuned { fine_tuning } | Design::Hybrid { fine_tuning, .. } => {
                Some(fine_tuning)
            }
            _ => None,
        }
    }
}

/// Uncertain inputs of the workload and outcome, shared by every architecture,
/// with their physical ranges (validation checks them; draws are clamped to them).
/// Growth from one month to the next: −50% to +200% a month.
pub const MONTHLY_GROWTH: Bound = Bound::new(
    -0.5,
    2.0,
    "must be between -0.5 and 2 (−50% to +200% a month)",
);
/// A weekend day's volume relative to a weekday's.
pub const WEEKEND_FACTOR: Bound = Bound::new(0.0, 10.0, "must be between 0 and 10");
/// Burstiness when not 0: below 0.001 the hour-to-hour variation is
/// invisible beside Poisson noise, and a coefficient of 1e-200 overflows the
/// gamma's shape.
pub const HOURLY_BURST_CV: Bound = Bound::new(
    0.001,
    5.0,
    "must be 0 (steady traffic) or between 0.001 and 5",
);
/// Query-to-query coefficient of variation of tokens.
pub const CV_PER_QUERY: Bound = Bound::new(0.0, 10.0, "must be between 0 and 10");
/// Tokens an earlier turn adds to the history.
pub const HISTORY_TOKENS_PER_TURN: Bound = Bound::new(0.0, 1e6, "must be between 0 and 1,000,000");

pub const QUERIES_PER_DAY: SharedInput = SharedInput {
    key: "queries_per_day",
    label: "Queries per day",
    bound: Bound::new(0.0, 1e10, "must lie in the field's range"),
    dist: |s| &s.workload.queries_per_day,
};
pub const TURNS: SharedInput = SharedInput {
    key: "turns_per_conversation",
    label: "Turns per conversation",
    bound: Bound::new(1.0, 1e4, "must lie in the field's range"),
    dist: |s| &s.workload.turns_per_conversation,
};
pub const QUERY_TOKENS: SharedInput = SharedInput {
    key: "query_tokens",
    label: "Query tokens",
    bound: Bound::new(0.0, 1e7, "must lie in the field's range"),
    dist: |s| &s.workload.query_tokens.mean_tokens,
};
pub const OUTPUT_TOKENS: SharedInput = SharedInput {
    key: "output_tokens",
    label: "Output tokens",
    bound: Bound::new(0.0, 1e7, "must lie in the field's range"),
    dist: |s| &s.workload.output_tokens.mean_tokens,
};
pub const SUCCESS_RATE: SharedInput = SharedInput {
    key: "success_rate",
    label: "Success rate",
    bound: Bound::SHARE,
    dist: |s| &s.outcome.success_rate,
};

const INSTRUCTION_TOKENS: Bound = Bound::new(0.0, 1e7, "must be between 0 and 10,000,000");

impl Architecture {
    /// Tokens the model adds to every call's input besides the query and its
    /// history: the instructions and, with retrieval, the chunks sent.
    pub fn tokens_added_per_call(&self) -> f64 {
        self.instruction_tokens + self.design.retrieval().map_or(0.0, |r| r.context_tokens())
    }

    /// Checks the architecture's own fields, then each lever's section.
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !id_ok {
            return Err(ModelError::Invalid {
                field: format!("{f}.id"),
                message: "must be 1–40 characters of a–z, 0–9, _ or -".into(),
            });
        }
        if self.name.chars().count() > 100 {
            return Err(ModelError::Invalid {
                field: format!("{f}.name"),
                message: "must be at most 100 characters".into(),
            });
        }
        INSTRUCTION_TOKENS.check(&format!("{f}.instruction_tokens"), self.instruction_tokens)?;
        if let Some(r) = self.design.retrieval() {
            r.validate(&format!("{f}.design.retrieval"))?;
        }
        if let Some(ft) = self.design.fine_tuning() {
            ft.validate(&format!("{f}.design.fine_tuning"))?;
        }
        self.serving.validate(&format!("{f}.serving"))?;
        if let Some(r) = &self.routing {
            r.validate(&format!("{f}.routing"))?;
        }
        self.guardrails.validate(&format!("{f}.guardrails"))?;
        crate::levers::tokens::REASONING_TOKENS.bound.check_dist(
            &format!("{f}.reasoning_tokens_per_call"),
            &self.reasoning_tokens_per_call,
        )?;
        self.overheads.validate(&format!("{f}.overheads"))
    }
}
