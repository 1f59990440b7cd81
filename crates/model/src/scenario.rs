//! The scenario: everything the model needs, as plain serde data with the unit
//! in every field name. Uncertain quantities are [`Dist`]s, drawn once per
//! simulated month (their spread is uncertainty about the month's level);
//! query-to-query variation is a coefficient of variation next to them.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::dist::Dist;
use crate::error::ModelError;
use crate::fields::{Choice, Optional, Section, Slot, StashAt, Walk};
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
pub const SCHEMA_VERSION: u32 = 5;

/// Most trials one run may ask for (a million fits the browser without freezing it).
pub const MAX_TRIALS: u32 = 1_000_000;

pub use crate::calendar::{DAYS_PER_MONTH, HOURS_PER_MONTH};
pub use crate::workload::{
    CV_PER_QUERY, HISTORY_TOKENS_PER_TURN, HOURLY_BURST_CV, MONTHLY_GROWTH, TokenCount,
    WEEKEND_FACTOR, Workload,
};

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

/// The run's own fields.
pub mod run {
    use crate::error::Bound;
    use crate::fields::Field;

    pub const NAME: Field = Field::text(
        "name",
        "Scenario name",
        200,
        "Shown in the header, the share link's preview and every export.",
    );
    pub const DESCRIPTION: Field = Field::text(
        "description",
        "Description",
        5_000,
        "What the scenario compares and where its numbers come from (the presets quote their seed article).",
    );
    pub const BUDGET: Field = Field::number(
        "monthly_budget_usd",
        "Monthly budget",
        "$ / month",
        Bound::NON_NEGATIVE,
        "For the chance of overrunning it in an average month.",
    );
    pub const CURRENCY: Field = Field::text(
        "currency",
        "Currency",
        8,
        "The label shown beside amounts (USD, EUR, …): every price and rate is entered in it; nothing is converted.",
    );
    pub const TRIALS: Field = Field::whole(
        "trials",
        "Trials",
        "months simulated",
        Bound::new(1.0, 1e6, "must be between 1 and 1,000,000"),
        "More trials, smoother tails: 10,000 is the default, up to 1,000,000.",
    );
    pub const HORIZON: Field = Field::whole(
        "horizon_months",
        "Horizon",
        "months",
        Bound::new(1.0, 120.0, "must be between 1 and 120 months"),
        "Upfront work (curation, training) is spread over it; TCO is summed over it.",
    );
    pub const START_MONTH: Field = Field::text(
        "start_month",
        "Start month",
        60,
        "The horizon's first month, as YYYY-MM (e.g. 2027-01): which of a model's dated prices apply, month by month (a promotion ending inside the horizon prices the months after it at the new price). Empty: not set, and a model with dated prices is refused until it is.",
    );
    pub const SEED: Field = Field::whole(
        "seed",
        "Seed",
        "",
        Bound::new(0.0, 1.9e19, "must be a whole number ≥ 0"),
        "Same scenario and seed, same numbers: in this page, the CLI and any browser.",
    );
}

/// The outcome's fields.
pub mod outcome {
    use crate::error::Bound;
    use crate::fields::Field;

    pub const SUCCESS_RATE: Field = Field::dist(
        "success_rate",
        "Success rate",
        "% of queries",
        Bound::SHARE,
        "Queries ending in a successful action: for cost per successful action (the FinOps guide).",
    )
    .percent();
    pub const VALUE: Field = Field::optional(
        "value_per_success_usd",
        "Value per success",
        "$",
        Bound::NON_NEGATIVE,
        "The FinOps guide: a human resolution costs $6.00; empty leaves margin unset.",
    );
}

/// The architecture's own fields.
pub mod arch {
    use crate::error::Bound;
    use crate::fields::Field;

    pub const NAME: Field = Field::text(
        "name",
        "Name",
        100,
        "How this architecture is named on its card, in charts and exports.",
    );
    pub const DESIGN: Field = Field::choice(
        "design",
        "Design",
        &[
            ("prompt_only", "Prompt-only: everything in the prompt"),
            ("rag", "RAG: retrieval-augmented generation"),
            ("fine_tuned", "Fine-tuned (LoRA/QLoRA)"),
            ("hybrid", "Hybrid: RAG + a fine-tuned model"),
        ],
        "The TCO deep dive's three designs and their hybrid: how the model is grounded in your data. A new retrieval stack or fine-tuning lifecycle starts from the knowledge-base preset's sourced defaults.",
    )
    .tagged();
    pub const INSTRUCTIONS: Field = Field::number(
        "instruction_tokens",
        "Instructions per call",
        "tokens",
        Bound::new(0.0, 1e7, "must be between 0 and 10,000,000"),
        "System prompt or schema on every call (the TCO deep dive: 4,000 tokens, ~50 after fine-tuning).",
    );
    pub const SERVING: Field = Field::choice(
        "serving",
        "Serving",
        &[
            ("managed_api", "Managed API (per token)"),
            ("self_hosted", "Self-hosted instances"),
        ],
        "The FinOps guide: an API has no idle cost; your own instances are paid by the hour, busy or not.",
    )
    .tagged();
}

impl Architecture {
    /// The units reserved on its managed API, if any.
    pub fn provisioned(&self) -> Option<&crate::levers::provisioned::Provisioned> {
        match &self.serving {
            Serving::ManagedApi(api) => api.provisioned.as_ref(),
            Serving::SelfHosted(_) => None,
        }
    }

    /// Tokens the model adds to every call's input besides the query and its
    /// history: the instructions and, with retrieval, the chunks sent.
    pub fn tokens_added_per_call(&self) -> f64 {
        self.instruction_tokens + self.design.retrieval().map_or(0.0, |r| r.context_tokens())
    }
}

impl Scenario {
    /// A copy of everything the fields walk (all but the catalog's own
    /// entries, which may be a whole imported price list): the walk needs a
    /// scenario of its own.
    pub fn fields_only(&self) -> Scenario {
        Scenario {
            schema_version: self.schema_version,
            name: self.name.clone(),
            description: self.description.clone(),
            seed: self.seed,
            trials: self.trials,
            horizon_months: self.horizon_months,
            start_month: self.start_month.clone(),
            monthly_budget_usd: self.monthly_budget_usd,
            currency: self.currency.clone(),
            workload: self.workload.clone(),
            agents: self.agents.clone(),
            outcome: self.outcome.clone(),
            architectures: self.architectures.clone(),
            correlations: Vec::new(),
            catalog: Catalog::default(),
        }
    }
}

impl Section for Scenario {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&run::NAME, Slot::Text(&mut self.name));
        w.field(&run::DESCRIPTION, Slot::Text(&mut self.description));
        w.field(&run::BUDGET, Slot::Number(&mut self.monthly_budget_usd));
        w.field(&run::CURRENCY, Slot::Text(&mut self.currency));
        w.field(&run::TRIALS, Slot::Whole(&mut self.trials));
        w.field(&run::HORIZON, Slot::Whole(&mut self.horizon_months));
        w.field(&run::START_MONTH, Slot::OptionalText(&mut self.start_month));
        w.field(&run::SEED, Slot::Seed(&mut self.seed));
        w.section("workload", None, &mut self.workload);
        w.section("agents", None, &mut self.agents);
        w.section("outcome", None, &mut self.outcome);
        w.list("architectures", &mut self.architectures);
    }

    /// The rules of the whole: the version, how many architectures, ids
    /// named once (catalog entries are checked by `validate`).
    fn rules(&self, _path: &str) -> Result<(), ModelError> {
        if let Some(m) = &self.start_month
            && crate::calendar::parse_month(m).is_none()
        {
            return Err(ModelError::Invalid {
                field: "start_month".into(),
                message: format!(
                    "{} is not a month: write it as YYYY-MM, e.g. 2027-01",
                    crate::error::shortened(m)
                ),
            });
        }
        if self.architectures.is_empty() {
            return Err(ModelError::Invalid {
                field: "architectures".into(),
                message: "add at least one architecture".into(),
            });
        }
        if self.architectures.len() > 8 {
            return Err(ModelError::Invalid {
                field: "architectures".into(),
                message: "at most 8 architectures".into(),
            });
        }
        for (i, a) in self.architectures.iter().enumerate() {
            if self.architectures[..i].iter().any(|b| b.id == a.id) {
                return Err(ModelError::Invalid {
                    field: format!("architectures[{i}].id"),
                    message: format!("\"{}\" is used by another architecture", a.id),
                });
            }
        }
        Ok(())
    }
}

impl Section for Outcome {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&outcome::SUCCESS_RATE, Slot::Dist(&mut self.success_rate));
        w.field(
            &outcome::VALUE,
            Slot::Optional(&mut self.value_per_success_usd),
        );
    }
}

impl Section for Architecture {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&arch::NAME, Slot::Text(&mut self.name));
        w.field(&arch::DESIGN, Slot::Choice(&mut self.design));
        w.field(
            &arch::INSTRUCTIONS,
            Slot::Number(&mut self.instruction_tokens),
        );
        w.field(
            &crate::levers::tokens::REASONING,
            Slot::Dist(&mut self.reasoning_tokens_per_call),
        );
        w.field(&arch::SERVING, Slot::Choice(&mut self.serving));
        w.field(
            &crate::levers::routing::ROUTING,
            Slot::Group(&mut Optional {
                value: &mut self.routing,
                default: Routing::default,
            }),
        );
        if let Some(r) = self.design.retrieval_mut() {
            w.section("design.retrieval", Some("Retrieval"), r);
        }
        if let Some(f) = self.design.fine_tuning_mut() {
            w.section("design.fine_tuning", Some("Fine-tuning lifecycle"), f);
        }
        w.section("guardrails", Some("Guardrails"), &mut self.guardrails);
        w.section("overheads", Some("Overheads"), &mut self.overheads);
    }

    /// Its id: short, stable, for links and exports (not edited in the page).
    fn rules(&self, path: &str) -> Result<(), ModelError> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !id_ok {
            return Err(ModelError::Invalid {
                field: format!("{path}.id"),
                message: "must be 1–40 characters of a–z, 0–9, _ or -".into(),
            });
        }
        Ok(())
    }
}

impl Section for Design {
    /// The design's own sections are walked by the architecture, after its
    /// serving (they are long).
    fn fields(&mut self, _w: &mut Walk) {}
}

impl Choice for Design {
    fn key(&self) -> &'static str {
        self.kind_id()
    }

    /// Switches design, keeping the retrieval stack and the fine-tuning
    /// lifecycle across designs that share them (RAG to hybrid keeps the
    /// retrieval); a part a design drops is kept for switching back.
    fn switch(&mut self, key: &str, stash: &mut StashAt) {
        let old = std::mem::replace(self, Design::PromptOnly);
        let (retrieval, fine_tuning) = match old {
            Design::PromptOnly => (None, None),
            Design::Rag { retrieval } => (Some(retrieval), None),
            Design::FineTuned { fine_tuning } => (None, Some(fine_tuning)),
            Design::Hybrid {
                retrieval,
                fine_tuning,
            } => (Some(retrieval), Some(fine_tuning)),
        };
        let (wants_retrieval, wants_fine_tuning) = match key {
            "rag" => (true, false),
            "fine_tuned" => (false, true),
            "hybrid" => (true, true),
            _ => (false, false),
        };
        let retrieval = carry(retrieval, wants_retrieval, "retrieval", stash);
        let fine_tuning = carry(fine_tuning, wants_fine_tuning, "fine_tuning", stash);
        *self = match (retrieval, fine_tuning) {
            (Some(retrieval), Some(fine_tuning)) => Design::Hybrid {
                retrieval,
                fine_tuning,
            },
            (Some(retrieval), None) => Design::Rag { retrieval },
            (None, Some(fine_tuning)) => Design::FineTuned { fine_tuning },
            (None, None) => Design::PromptOnly,
        };
    }
}

/// A design's part across a switch: kept if the new design has it, else
/// stashed; taken from the stash (or its defaults) if the new design wants it.
fn carry<T: Default + Send + Sync + 'static>(
    now: Option<T>,
    wanted: bool,
    name: &'static str,
    stash: &mut StashAt,
) -> Option<T> {
    match (now, wanted) {
        (Some(p), true) => Some(p),
        (None, true) => Some(stash.take(name).unwrap_or_default()),
        (Some(p), false) => {
            stash.keep(name, p);
            None
        }
        (None, false) => None,
    }
}
