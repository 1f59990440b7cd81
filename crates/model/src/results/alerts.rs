//! Warnings a FinOps practitioner wants (seeds 000, 002, 003), judged here
//! once against fixed thresholds; the app and the CLI only word them.

use super::{ArchSummary, Summary};

/// Something about an architecture's month worth a warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Alert {
    /// Each query carries this many times its own length in retrieved context
    /// (seed 000's retrieval overhead multiplier).
    RetrievalBloat { multiplier: f64 },
    /// Dedicated GPUs see no query in this share of hours, paid all the same.
    IdleHours { share: f64 },
    /// GPUs are busy only this share of the time they are paid for.
    LowUtilization { utilization: f64 },
    /// Demand exceeds the capacity planned at max utilisation this many hours
    /// a month, and this share of the work goes to the fallback API.
    Overloaded {
        hours_per_month: f64,
        spilled_share: f64,
    },
    /// Provisioned capacity: the share of it used, the shares of calls
    /// spilled and refused above it, the chance some minute of the busiest
    /// month is over it. Always said: it is what the units are bought on.
    Provisioned {
        utilization: f64,
        spilled_share: f64,
        throttled_share: f64,
        p_month_over: f64,
    },
    /// Runaway agent loops in this share of months, their mean and P99 monthly cost.
    RunawayLoops {
        p_month: f64,
        mean_usd: f64,
        p99_usd: f64,
    },
    /// The circuit breakers cut these shares of agent runs short (unfinished tasks).
    RunsCut {
        by_step_limit: f64,
        by_budget_cap: f64,
    },
    /// This share of calls reached the model's context window (their oldest
    /// history or agent steps were cut).
    ContextWindow { share: f64 },
    /// This chance of overrunning the monthly budget.
    OverBudget { p: f64, budget_usd: f64 },
}

impl Alert {
    /// The alert in words, after the architecture's name: one wording for
    /// the page and the CLI, each writing shares with `percent` and amounts
    /// with `money` as it writes them elsewhere.
    pub fn words(&self, percent: impl Fn(f64) -> String, money: impl Fn(f64) -> String) -> String {
        match *self {
            Alert::RetrievalBloat { multiplier } => format!(
                "each query carries {multiplier:.0}× its own length in retrieved context (the TCO deep dive's retrieval overhead multiplier); a reranker or tighter chunking cuts it."
            ),
            Alert::IdleHours { share } => format!(
                "the dedicated GPUs see no query in {} of hours, paid for all the same.",
                percent(share)
            ),
            Alert::LowUtilization { utilization } => format!(
                "GPUs are busy only {} of the time they are paid for.",
                percent(utilization)
            ),
            Alert::Overloaded {
                hours_per_month,
                spilled_share,
            } => format!(
                "demand exceeds the fleet's planned capacity in about {hours_per_month:.0} hours a month; {} of its work goes to the fallback API, at the API's price.",
                percent(spilled_share)
            ),
            Alert::Provisioned {
                utilization,
                spilled_share,
                throttled_share,
                p_month_over,
            } => {
                let above = if throttled_share > 0.0 {
                    format!(
                        "{} of its calls are refused (throttled)",
                        percent(throttled_share)
                    )
                } else {
                    format!(
                        "{} of its calls spill to pay-as-you-go at list price",
                        percent(spilled_share)
                    )
                };
                format!(
                    "its provisioned units serve {} of the capacity paid for ({} unused); {above}; {} chance that some minute of the busiest month is over capacity.",
                    percent(utilization),
                    percent(1.0 - utilization),
                    percent(p_month_over)
                )
            }
            Alert::ContextWindow { share } => format!(
                "{} of LLM calls reach the model's context window; their oldest history or agent steps are cut (and not billed).",
                percent(share)
            ),
            Alert::RunawayLoops {
                p_month,
                mean_usd,
                p99_usd,
            } => format!(
                "runaway agent loops in {} of months, costing {} on average and up to {} in 1 month of 100.",
                percent(p_month),
                money(mean_usd),
                money(p99_usd)
            ),
            Alert::RunsCut {
                by_step_limit,
                by_budget_cap,
            } => format!(
                "the circuit breakers cut {} of agent runs short ({} by the step limit, {} by the budget cap): tasks left unfinished.",
                percent(by_step_limit + by_budget_cap),
                percent(by_step_limit),
                percent(by_budget_cap)
            ),
            Alert::OverBudget { p, budget_usd } => format!(
                "{} chance of overrunning the {} monthly budget.",
                percent(p),
                money(budget_usd)
            ),
        }
    }
}

/// A multiplier from which retrieved context dominates the prompt.
pub const RETRIEVAL_BLOAT_FROM: f64 = 20.0;
/// An idle-hours share from which a dedicated fleet is mostly waiting.
pub const IDLE_HOURS_FROM: f64 = 0.25;
/// A utilisation below which GPUs mostly wait.
pub const LOW_UTILIZATION_BELOW: f64 = 0.3;
/// Overloaded hours a month from which capacity is short.
pub const OVERLOADED_HOURS_FROM: f64 = 1.0;
/// Loops worth a warning: in at least this share of months…
pub const RUNAWAY_MONTHS_FROM: f64 = 0.01;
/// …with a P99 cost above this share of a typical month.
pub const RUNAWAY_P99_OF_P50: f64 = 0.02;
/// A share of agent runs cut short from which it is worth saying.
pub const RUNS_CUT_FROM: f64 = 0.001;
/// A share of calls at the context window from which it is worth saying.
pub const CONTEXT_WINDOW_FROM: f64 = 0.001;
/// A chance of overrunning the budget from which it is worth saying.
pub const OVER_BUDGET_FROM: f64 = 0.05;

/// The alerts of one architecture, in the order they are shown.
pub fn alerts(a: &ArchSummary, monthly_budget_usd: f64) -> Vec<Alert> {
    let w = &a.warnings;
    let mut out = Vec::new();
    if w.retrieval_multiplier >= RETRIEVAL_BLOAT_FROM {
        out.push(Alert::RetrievalBloat {
            multiplier: w.retrieval_multiplier,
        });
    }
    if let Some(share) = w.idle_hours_share.filter(|i| *i >= IDLE_HOURS_FROM) {
        out.push(Alert::IdleHours { share });
    }
    if let Some(utilization) = w.gpu_utilization.filter(|u| *u < LOW_UTILIZATION_BELOW) {
        out.push(Alert::LowUtilization { utilization });
    }
    if w.overloaded_hours_per_month >= OVERLOADED_HOURS_FROM {
        out.push(Alert::Overloaded {
            hours_per_month: w.overloaded_hours_per_month,
            spilled_share: w.spilled_share,
        });
    }
    if let Some(utilization) = w.provisioned_utilization {
        out.push(Alert::Provisioned {
            utilization,
            spilled_share: w.spilled_token_share.unwrap_or(0.0),
            throttled_share: w.throttled_request_share.unwrap_or(0.0),
            p_month_over: w.p_month_over_capacity.unwrap_or(0.0),
        });
    }
    if w.p_runaway_loop >= RUNAWAY_MONTHS_FROM
        && w.runaway_loop_usd_p99 > RUNAWAY_P99_OF_P50 * a.monthly_usd.p50
    {
        out.push(Alert::RunawayLoops {
            p_month: w.p_runaway_loop,
            mean_usd: w.runaway_loop_usd_mean,
            p99_usd: w.runaway_loop_usd_p99,
        });
    }
    if a.p_run_cut_by_step_limit + a.p_run_cut_by_budget_cap >= RUNS_CUT_FROM {
        out.push(Alert::RunsCut {
            by_step_limit: a.p_run_cut_by_step_limit,
            by_budget_cap: a.p_run_cut_by_budget_cap,
        });
    }
    if w.context_window_share >= CONTEXT_WINDOW_FROM {
        out.push(Alert::ContextWindow {
            share: w.context_window_share,
        });
    }
    if a.p_over_budget >= OVER_BUDGET_FROM {
        out.push(Alert::OverBudget {
            p: a.p_over_budget,
            budget_usd: monthly_budget_usd,
        });
    }
    out
}

impl Summary {
    /// Every architecture's alerts: (architecture index, alert).
    pub fn alerts(&self) -> Vec<(usize, Alert)> {
        self.architectures
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                alerts(a, self.monthly_budget_usd)
                    .into_iter()
                    .map(move |al| (i, al))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::presets;

    /// The idle-GPU preset's dedicated fleet waits most hours; its serverless
    /// arm does not idle hours at all.
    #[test]
    fn the_idle_gpu_preset_warns_of_idle_hours() {
        let mut s = presets::idle_gpu();
        s.trials = 500;
        let r = crate::simulate(&s).unwrap();
        let alerts = r.alerts();
        assert!(alerts.iter().any(
            |(i, a)| *i == 0 && matches!(a, super::Alert::IdleHours { share } if *share > 0.5)
        ));
        assert!(
            !alerts
                .iter()
                .any(|(i, a)| *i == 1 && matches!(a, super::Alert::IdleHours { .. }))
        );
    }
}
