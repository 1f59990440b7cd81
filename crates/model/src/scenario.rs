//! The scenario: everything the model needs, as plain serde data with the unit
//! in every field name. Uncertain quantities are [`Dist`]s, drawn once per
//! simulated month (their spread is uncertainty about the month's level);
//! query-to-query variation is a coefficient of variation next to them.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::dist::Dist;

/// The version of the scenario format, bumped whenever a stored scenario would
/// be read differently (links and files carry it; older ones are migrated).
pub const SCHEMA_VERSION: u32 = 2;

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

/// Agentic queries: multi-step runs with tools, which sometimes loop (seed 002).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agents {
    /// Share of queries that start an agent run instead of one LLM call.
    pub agentic_share: Dist,
    /// Steps (LLM calls) in a normal run: a count distribution.
    pub steps_per_run: Dist,
    /// Context each step adds for the next (tool results, reasoning), tokens.
    pub context_growth_tokens_per_step: f64,
    /// Output tokens generated per step.
    pub output_tokens_per_step: f64,
    /// Paid tool or API calls per step, in currency.
    pub tool_usd_per_step: f64,
    /// Chance that a run loops (retries endlessly) until something stops it.
    pub loop_probability: Dist,
    /// Steps a looping run makes before the timeout kills it, when no step
    /// limit or budget cap stops it first.
    pub loop_timeout_steps: f64,
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

/// The RAG pipeline: corpus, embeddings, vector database, retrieval, reranker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retrieval {
    /// Size of the document corpus as stored, GB.
    pub corpus_gb: f64,
    /// Share of those bytes that is extractable text.
    pub text_share: f64,
    /// Tokens per GB of text (≈ 4 bytes a token gives 250 million).
    pub tokens_per_gb: f64,
    /// Share of the corpus changed and re-embedded each month.
    pub monthly_churn: Dist,
    pub chunk_tokens: f64,
    /// Embedding model (catalog id), for the corpus and each query.
    pub embedding_model: String,
    /// Chunks the vector search returns per query.
    pub chunks_retrieved: u32,
    /// A reranker that passes only the best chunks to the LLM (seed 002).
    #[serde(default)]
    pub reranker: Option<Reranker>,
    pub vector_db: VectorDb,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reranker {
    /// Reranker (catalog id).
    pub model: String,
    /// Chunks kept and sent to the LLM (≤ chunks retrieved).
    pub chunks_kept: u32,
}

/// Vector database sizing and storage tier (seed 002: RAM vs disk-ANN, quantization).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorDb {
    pub precision: VectorPrecision,
    /// Index structures on top of the raw vectors (HNSW graph, metadata): 1.5 = +50%.
    pub index_overhead: f64,
    pub replicas: u32,
    pub storage: VectorStorage,
    pub ram_usd_per_gb_month: f64,
    pub ssd_usd_per_gb_month: f64,
    /// Fixed cost of the cluster whatever its size (nodes, licences), per month.
    pub base_usd_per_month: f64,
}

/// Bytes per vector dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VectorPrecision {
    Float32,
    Float16,
    Int8,
    Binary,
}

impl VectorPrecision {
    pub fn bytes_per_dimension(self) -> f64 {
        match self {
            Self::Float32 => 4.0,
            Self::Float16 => 2.0,
            Self::Int8 => 1.0,
            Self::Binary => 0.125,
        }
    }
}

/// Where the vector index lives (seed 001: RAM is fast and dear, disk cheap).
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VectorStorage {
    /// The whole index in memory.
    Ram,
    /// Disk-ANN: the index on SSD, a share (compressed codes) kept in RAM.
    Disk { ram_share: f64 },
}

/// Fine-tuning lifecycle: curation labour, training sweeps, retraining for drift (seed 000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FineTuning {
    /// Prompt-completion pairs curated by subject-matter experts.
    pub examples: f64,
    pub minutes_per_example: Dist,
    pub sme_usd_per_hour: f64,
    /// Instance a training run uses (catalog id).
    pub training_accelerator: String,
    pub hours_per_run: Dist,
    /// Runs of the hyperparameter sweep (learning rate, batch size, LoRA rank).
    pub runs_per_sweep: f64,
    /// Share of training hours on spot instances, and their discount.
    pub training_spot: Spot,
    /// Months between retrains to stay fresh (0 = never; 0.25 ≈ weekly).
    pub retrain_every_months: f64,
    /// Share of the curation redone for each retrain.
    pub retrain_curation_share: f64,
    /// Training runs per retrain (a smaller sweep than the first).
    pub retrain_runs: f64,
}

/// How the generating model is served.
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Serving {
    ManagedApi(ManagedApi),
    SelfHosted(SelfHosted),
}

/// Pay per token (seed 002: no idle cost, a premium for convenience).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedApi {
    /// Model (catalog id).
    pub model: String,
    /// Share of input tokens served from the provider's prompt cache.
    pub prompt_cache_share: f64,
    /// Share of calls sent through the batch API at its discount.
    pub batch_share: f64,
}

/// Your own instances running the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfHosted {
    /// Instance type (catalog id): GPUs or ASICs such as Inferentia.
    pub accelerator: String,
    /// Model size, billions of parameters.
    pub model_params_b: f64,
    pub quantization: Quantization,
    pub hosting: Hosting,
    /// Highest utilisation you plan for (latency headroom), e.g. 0.8.
    pub max_utilization: f64,
    /// Prompt length at which attention doubles the per-token prefill cost
    /// (attention grows with length, so long RAG contexts cut throughput).
    pub attention_knee_tokens: f64,
    /// Share of instance hours on spot and their discount (dedicated and autoscaled only).
    #[serde(default)]
    pub spot: Spot,
}

/// Weight precision: smaller weights fit cheaper devices and decode faster (seed 003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantization {
    Fp16,
    Int8,
    Int4,
}

/// How self-hosted instances are provisioned and billed.
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hosting {
    /// N instances running 24/7, busy or not.
    Dedicated { instances: u32 },
    /// Instances follow the hourly load between a minimum (0 = scale to zero) and a maximum.
    Autoscaled {
        min_instances: u32,
        max_instances: u32,
        /// Billed minutes an instance spends starting before it serves.
        cold_start_minutes: f64,
    },
    /// Billed per busy second at a premium; scales to zero when idle.
    Serverless {
        /// Per-second price relative to the instance's on-demand price (2.0 = double).
        price_premium: f64,
        /// Seconds a worker stays warm (and billed) after its last request.
        idle_timeout_s: f64,
        /// Billed seconds of a cold start.
        cold_start_s: f64,
    },
}

/// Spot (preemptible) capacity (seeds 001, 003).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spot {
    pub share: f64,
    /// Discount against on-demand (0.6 = 60% cheaper).
    pub discount: f64,
    /// Extra hours lost to interruptions and restarts, as a share of spot hours.
    pub interruption_overhead: f64,
}

impl Default for Spot {
    fn default() -> Self {
        Self {
            share: 0.0,
            discount: 0.6,
            interruption_overhead: 0.1,
        }
    }
}

/// Model routing (seed 002: model arbitrage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    /// Frontier model (catalog id, managed API) for the hard queries.
    pub frontier_model: String,
    /// Share of LLM calls routed to it.
    pub frontier_share: Dist,
}

/// Guardrail economics (seeds 002, 003): caps, caches, circuit breakers.
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SemanticCache {
    /// Share of (non-agentic) queries answered from the cache.
    pub hit_rate: Dist,
    /// The cache's own infrastructure (e.g. Redis), per month.
    pub usd_per_month: f64,
}

/// Fixed monthly costs of running the architecture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overheads {
    /// Platform and MLOps engineering, hours per month.
    pub engineering_hours_per_month: f64,
    pub engineer_usd_per_hour: f64,
    pub monitoring_usd_per_month: f64,
    /// R&D sandbox budget cap (seed 002: $500 a month).
    pub sandbox_usd_per_month: f64,
}
