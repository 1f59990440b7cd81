//! The circuit breakers' price in unfinished tasks (seed 002): the share of
//! agent runs a step limit or a budget cap cuts short, by hand.

mod common;

use burnrate_model::{Dist, simulate};
use common::{deterministic, managed_prompt_only};

fn agentic(steps: Dist) -> burnrate_model::Scenario {
    let mut s = deterministic(1_000.0, managed_prompt_only("gpt-4o", 1_000.0));
    s.agents.agentic_share = Dist::fixed(1.0);
    s.agents.steps_per_run = steps;
    s.agents.context_growth_tokens_per_step = 0.0;
    s.agents.output_tokens_per_step = 0.0;
    s.agents.tool_usd_per_step = 0.0;
    s.agents.loop_probability = Dist::fixed(0.0);
    s
}

#[test]
fn a_step_limit_cuts_the_runs_longer_than_it() {
    // Poisson(10) steps, limit 12: P(S > 12) = 1 − Σ_{k≤12} e^−10 10^k / k!.
    let mut s = agentic(Dist::Poisson { mean: 10.0 });
    s.architectures[0].guardrails.agent_step_limit = Some(12);
    let mut cdf = 0.0;
    let mut term = (-10.0f64).exp();
    for k in 0..=12 {
        if k > 0 {
            term *= 10.0 / f64::from(k);
        }
        cdf += term;
    }
    let a = &simulate(&s).unwrap().architectures[0];
    assert!(
        (a.p_run_cut_by_step_limit - (1.0 - cdf)).abs() < 1e-9,
        "{}",
        a.p_run_cut_by_step_limit
    );
    assert!((1.0 - cdf - 0.2084).abs() < 1e-4);
    assert_eq!(a.p_run_cut_by_budget_cap, 0.0);
}

#[test]
fn a_budget_cap_that_binds_first_takes_the_cut() {
    // Every run wants 10 steps of 1,000 input tokens at $2.50/M ($0.0025 a
    // step); a $0.0126 cap allows 5 steps, before the limit of 8.
    let mut s = agentic(Dist::fixed(10.0));
    let g = &mut s.architectures[0].guardrails;
    g.agent_step_limit = Some(8);
    g.agent_budget_cap_usd = Some(0.0126);
    let a = &simulate(&s).unwrap().architectures[0];
    assert_eq!(a.p_run_cut_by_budget_cap, 1.0);
    assert_eq!(a.p_run_cut_by_step_limit, 0.0);
    // A cap above the limit's cost leaves the cut to the limit.
    s.architectures[0].guardrails.agent_budget_cap_usd = Some(1.0);
    let a = &simulate(&s).unwrap().architectures[0];
    assert_eq!(a.p_run_cut_by_step_limit, 1.0);
    assert_eq!(a.p_run_cut_by_budget_cap, 0.0);
    // No breaker: nothing is cut.
    s.architectures[0].guardrails = Default::default();
    let a = &simulate(&s).unwrap().architectures[0];
    assert_eq!(
        (a.p_run_cut_by_step_limit, a.p_run_cut_by_budget_cap),
        (0.0, 0.0)
    );
}
