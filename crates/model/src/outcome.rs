//! What a trial tells the results: each architecture's month. The engine
//! writes these; accumulators observe them and know nothing of the engine.

use crate::levers::ledger::Costs;

/// Most price periods a horizon may hold (three dated changes inside it).
pub const MAX_PRICE_PERIODS: usize = 4;

/// A figure per price period (see `engine/price_periods.rs`).
pub type PeriodShares = [f64; MAX_PRICE_PERIODS];

/// What one architecture cost in one trial.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArchOutcome {
    /// Average month over the horizon, by component.
    pub breakdown: Costs,
    pub monthly_usd: f64,
    /// Queries in an average month of the horizon.
    pub queries: f64,
    pub cost_per_query_usd: f64,
    pub cost_per_conversation_usd: f64,
    pub cost_per_success_usd: f64,
    /// Value of successes minus cost, in an average month (None: no value set).
    pub margin_usd: Option<f64>,
    /// Month-one parts for the cumulative TCO curve.
    pub variable_usd: f64,
    /// Variable and fixed costs under each price period's prices (None when
    /// the architecture's prices do not change inside the horizon; then
    /// `variable_usd` and `fixed_usd` hold for every month).
    pub by_period: Option<(PeriodShares, PeriodShares)>,
    pub fixed_usd: f64,
    pub upfront_usd: f64,
    pub retrain_each_usd: f64,
    /// Spend in month one (upfront work included) and in the horizon's
    /// costliest month: cash flow beside the amortised month.
    pub first_month_usd: f64,
    pub peak_month_usd: f64,
    /// Self-hosted only: busy share of paid GPU time, and share of idle hours.
    pub utilization: Option<f64>,
    pub idle_hours_share: Option<f64>,
    pub overloaded_hours: f64,
    /// Share of the own model's work served by the fallback API (fleets),
    /// or spilled to pay-as-you-go above provisioned capacity.
    pub spilled_share: f64,
    /// Provisioned capacity only: weighted tokens served over those paid
    /// for, the share of calls refused above it, and the chance that some
    /// minute of the busiest month is over it.
    pub provisioned_utilization: Option<f64>,
    pub throttled_share: f64,
    pub p_month_over_capacity: f64,
    pub loops: f64,
    pub loop_usd: f64,
    /// Shares of the month's agent runs cut short by the step limit and by
    /// the budget cap (0 without agent runs).
    pub cut_by_step_limit: f64,
    pub cut_by_budget_cap: f64,
    /// Share of the month's LLM calls whose input was cut to the model's
    /// context window.
    pub at_window: f64,
    pub retrieval_multiplier: f64,
}

/// One trial as the results see it.
pub struct TrialOutcome<'a> {
    pub trial: u64,
    pub archs: &'a [ArchOutcome],
    /// The trial's uncertain inputs, in the input space's order…
    pub inputs: &'a [f64],
    /// …and which of them vary (fixed ones tell the sensitivity nothing).
    pub varies: &'a [bool],
}
