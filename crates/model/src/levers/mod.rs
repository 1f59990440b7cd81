//! The cost levers. Each module owns its section of the scenario (the serde
//! types), the rules and physical bounds of its fields, the uncertain inputs
//! it declares, its preparation against the catalog, and its cost in a trial,
//! written into a typed [`ledger::Ledger`]. The engine (`engine/arch.rs`)
//! folds an architecture's prepared levers into its month.
//!
//! Adding a lever: a module here (section, `validate`, `prepare`, `cost`), its
//! field on the section that holds it, its keys in `link.rs`, and its editor
//! field in the app. README, "Adding a cost lever".

pub mod agents;
pub mod fine_tuning;
pub mod guardrails;
pub mod horizon;
pub mod ledger;
pub mod managed_api;
pub mod overheads;
pub mod provisioned;
pub mod retrieval;
pub mod routing;
pub mod semantic_cache;
pub mod serving;
pub mod tokens;

use crate::catalog::Catalog;
use crate::error::ModelError;
use crate::scenario::{Architecture, Scenario};
use fine_tuning::PreparedFineTuning;
use managed_api::TokenPrices;
use retrieval::PreparedRetrieval;
use serving::Llm;
use tokens::Prompt;

/// One architecture's levers, checked and resolved against the catalog, with
/// everything that does not change from trial to trial computed once.
#[derive(Debug, Clone)]
pub struct ArchLevers {
    pub prompt: Prompt,
    pub llm: Llm,
    /// The routed frontier model's prices (None: no routing), and its
    /// context window (infinite: unknown), which bounds its own calls.
    pub frontier: Option<TokenPrices>,
    pub frontier_window: f64,
    pub retrieval: Option<PreparedRetrieval>,
    pub fine_tuning: Option<PreparedFineTuning>,
    /// Circuit breakers: most steps a run may take, most it may spend.
    pub step_limit: f64,
    pub budget_cap: Option<f64>,
    pub cache_usd_per_month: f64,
    pub overheads_usd: f64,
}

/// The context window of the architecture's own model and the model's id
/// (None: self-hosted, or a model whose window is unknown).
fn context_window(
    catalog: &Catalog,
    a: &Architecture,
    f: &str,
) -> Result<Option<(f64, String)>, ModelError> {
    Ok(match &a.serving {
        serving::Serving::ManagedApi(api) => catalog
            .model(&format!("{f}.serving.model"), &api.model)?
            .context_window_tokens
            .map(|w| (w, api.model.clone())),
        serving::Serving::SelfHosted(_) => None,
    })
}

impl ArchLevers {
    /// Prepares architecture `i` of scenario `s`.
    pub fn prepare(
        s: &Scenario,
        catalog: &Catalog,
        i: usize,
        a: &Architecture,
    ) -> Result<ArchLevers, ModelError> {
        let f = format!("architectures[{i}]");
        let g = &a.guardrails;
        let w = &s.workload;
        let retrieval = match a.design.retrieval() {
            Some(r) => Some(r.prepare(catalog, &format!("{f}.design.retrieval"))?),
            None => None,
        };
        let window = context_window(catalog, a, &f)?;
        let minutes = crate::traffic::Profile::new(w).utc_minute_shares(w.utc_offset_hours);
        // A request's input varies around its mean like the user's query.
        let cv = w.query_tokens.cv_per_query;
        let prompt = Prompt {
            instruction_tokens: a.instruction_tokens,
            history_tokens_per_turn: w.history_tokens_per_turn,
            history_cap: g.history_cap_tokens,
            output_cv: w.output_tokens.cv_per_query,
            output_cap: g.output_cap_tokens,
            window_tokens: window.as_ref().map_or(f64::INFINITY, |(w, _)| *w),
        };
        if let Some((window, model)) = window {
            let context = retrieval.as_ref().map_or(0.0, |r| r.context_tokens);
            let history = g.history_cap_tokens.unwrap_or(0.0);
            let fixed = a.instruction_tokens + context + history;
            // A call's output comes out of the same window (the answer's
            // mean, capped, and the hidden reasoning's).
            let (answer, _) = tokens::capped_moments(
                w.output_tokens.mean_tokens.mean(),
                w.output_tokens.cv_per_query,
                g.output_cap_tokens,
            );
            let output = answer + a.reasoning_tokens_per_call.mean();
            if output >= window {
                return Err(ModelError::Invalid {
                    field: "workload.output_tokens.mean_tokens".into(),
                    message: format!(
                        "a call's {} output tokens (its answer and hidden reasoning) do not fit {model}'s {window}-token context window",
                        crate::error::number(output.round())
                    ),
                });
            }
            if fixed + output >= window {
                return Err(ModelError::Invalid {
                    field: format!("{f}.instruction_tokens"),
                    message: format!(
                        "the fixed prompt ({} instruction + {context} retrieved + {history} capped history = {fixed} tokens) and the answer's {} output tokens do not fit {model}'s {window}-token context window",
                        a.instruction_tokens,
                        crate::error::number(output.round())
                    ),
                });
            }
        }
        Ok(ArchLevers {
            prompt,
            llm: a
                .serving
                .prepare(catalog, &format!("{f}.serving"), &minutes, cv)?,
            frontier_window: match &a.routing {
                Some(r) => catalog
                    .model(&format!("{f}.routing.frontier_model"), &r.frontier_model)?
                    .context_window_tokens
                    .unwrap_or(f64::INFINITY),
                None => f64::INFINITY,
            },
            frontier: match &a.routing {
                Some(r) => Some(r.prepare(catalog, &format!("{f}.routing"), &minutes, cv)?),
                None => None,
            },
            retrieval,
            fine_tuning: match a.design.fine_tuning() {
                Some(ft) => Some(ft.prepare(
                    catalog,
                    s.horizon_months,
                    &format!("{f}.design.fine_tuning"),
                )?),
                None => None,
            },
            step_limit: g.step_limit(),
            budget_cap: g.agent_budget_cap_usd,
            cache_usd_per_month: g.cache_usd_per_month(),
            overheads_usd: a.overheads.monthly_usd(),
        })
    }
}
