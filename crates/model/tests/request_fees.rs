//! A fee per request on top of the tokens (genai-prices' `requests_kcount`,
//! Perplexity's Sonar: $12 per 1,000 requests), computed by hand from what
//! the field means: every LLM call pays it, agent steps and loops included,
//! routed calls at the routed model's fee, a cache hit none.

mod common;

use burnrate_model::catalog::ModelPrice;
use burnrate_model::scenario::*;
use burnrate_model::{Component, Dist, simulate};
use common::{check_month as check, deterministic, managed_prompt_only};

/// Sonar's prices as genai-prices 0.2.3 has them: $1 in and out per 1M
/// tokens, $12 per 1,000 requests.
fn sonar() -> ModelPrice {
    ModelPrice {
        id: "perplexity/sonar".into(),
        name: "Perplexity Sonar".into(),
        usd_per_m_input: 1.0,
        usd_per_m_cached_input: 1.0,
        usd_per_m_output: 1.0,
        usd_per_k_requests: 12.0,
        ..ModelPrice::default()
    }
}

/// A fee-only model: no token prices, so every dollar is a fee.
fn fee_only(id: &str, usd_per_k_requests: f64) -> ModelPrice {
    ModelPrice {
        id: id.into(),
        usd_per_k_requests,
        ..ModelPrice::default()
    }
}

fn on(model: ModelPrice, queries_per_day: f64) -> Scenario {
    let mut s = deterministic(queries_per_day, managed_prompt_only(&model.id, 0.0));
    s.catalog.models.push(model);
    s
}

/// 10,000 requests a day × 730/24 days × $12 per 1,000 = $3,650 a month,
/// $0.012 a query; the tokens are priced apart (none here).
#[test]
fn ten_thousand_sonar_requests_a_day_pay_3650_a_month_in_fees() {
    let s = on(sonar(), 10_000.0);
    check(&s, Component::RequestFees, 0.012, 3_650.0);
    let a = &simulate(&s).unwrap().architectures[0];
    assert_eq!(a.breakdown_usd[Component::InputTokens], 0.0);
    assert_eq!(a.breakdown_usd[Component::RequestFees], a.monthly_usd.mean);
}

/// Every agent step is a call: half the queries start runs of exactly 4
/// steps, so 1,000 queries a day make 500 + 500 × 4 = 2,500 calls a day,
/// × 730/24 days × $10 per 1,000 = $760.4166… a month.
#[test]
fn each_agent_step_pays_the_fee() {
    let mut s = on(fee_only("fee", 10.0), 1_000.0);
    s.agents.agentic_share = Dist::fixed(0.5);
    s.agents.steps_per_run = Dist::fixed(4.0);
    s.agents.tool_usd_per_step = 0.0;
    let month = 2_500.0 * (730.0 / 24.0) * 10.0 / 1_000.0;
    check(&s, Component::RequestFees, 2.5 * 0.01, month);
}

/// A runaway loop's steps pay the fee too, and show as agent loops: a tenth
/// of 100 runs a day loop until their 50-step timeout, the rest take 4
/// steps: 10 × 50 = 500 loop calls and 90 × 4 = 360 others a day, × 730/24
/// × $2 per 1,000 = $30.4166… of agent loops and $21.90 of fees a month.
#[test]
fn a_loops_fees_are_agent_loops() {
    let mut s = on(fee_only("fee", 2.0), 100.0);
    s.trials = 2_000;
    s.agents.agentic_share = Dist::fixed(1.0);
    s.agents.steps_per_run = Dist::fixed(4.0);
    s.agents.loop_probability = Dist::fixed(0.1);
    s.agents.loop_timeout_steps = 50.0;
    s.agents.tool_usd_per_step = 0.0;
    let days = 730.0 / 24.0;
    check(&s, Component::AgentLoops, 0.01, 500.0 * days * 0.002);
    check(&s, Component::RequestFees, 0.0072, 360.0 * days * 0.002);
}

/// Routed calls pay the routed model's fee: 20% of 1,000 calls a day at
/// $50 per 1,000 and 80% at $5: (200 × 50 + 800 × 5) / 1,000 = $14 a day,
/// × 730/24 = $425.8333… a month.
#[test]
fn routed_calls_pay_the_routed_models_fee() {
    let mut s = on(fee_only("own", 5.0), 1_000.0);
    s.catalog.models.push(fee_only("frontier", 50.0));
    s.architectures[0].routing = Some(Routing {
        frontier_model: "frontier".into(),
        frontier_share: Dist::fixed(0.2),
    });
    check(&s, Component::RequestFees, 0.014, 14.0 * 730.0 / 24.0);
}

/// A semantic cache hit makes no call: 30% hits leave 700 of 1,000 queries
/// a day, × 730/24 × $10 per 1,000 = $212.9166… a month.
#[test]
fn a_cache_hit_pays_no_fee() {
    let mut s = on(fee_only("fee", 10.0), 1_000.0);
    s.architectures[0].guardrails.semantic_cache = Some(SemanticCache {
        hit_rate: Dist::fixed(0.3),
        usd_per_month: 0.0,
    });
    let month = 700.0 * (730.0 / 24.0) * 10.0 / 1_000.0;
    check(&s, Component::RequestFees, 0.007, month);
}

/// A per-run budget cap counts each step's fee: at $0.01 a call and no
/// token or tool price, a $0.035 cap allows 3 steps of a 10-step run, so
/// 100 runs a day make 300 calls: 300 × 730/24 × $0.01 = $91.25 a month.
#[test]
fn a_budget_cap_counts_the_fee_of_each_step() {
    let mut s = on(fee_only("fee", 10.0), 100.0);
    s.agents.agentic_share = Dist::fixed(1.0);
    s.agents.steps_per_run = Dist::fixed(10.0);
    s.agents.tool_usd_per_step = 0.0;
    s.architectures[0].guardrails.agent_budget_cap_usd = Some(0.035);
    check(&s, Component::RequestFees, 0.03, 91.25);
}

/// Without a fee nothing is filed under it.
#[test]
fn a_model_without_a_fee_files_none() {
    let s = on(fee_only("free", 0.0), 1_000.0);
    let a = &simulate(&s).unwrap().architectures[0];
    assert_eq!(a.breakdown_usd[Component::RequestFees], 0.0);
}

/// The fee comes in from price files as each names it: genai-prices'
/// `requests_kcount` ($ per 1,000 requests), LiteLLM's
/// `input_cost_per_request` ($ per request).
#[test]
fn price_files_carry_the_fee() {
    let genai = burnrate_model::price_file::read(
        r#"[{"id": "perplexity", "name": "Perplexity", "models": [
             {"id": "sonar", "prices": {"input_mtok": 1, "output_mtok": 1, "requests_kcount": 12}}]}]"#,
    )
    .unwrap();
    assert_eq!(genai.models[0].usd_per_k_requests, 12.0);
    let litellm = burnrate_model::price_file::read(
        r#"{"sonar": {"input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6,
                      "input_cost_per_request": 0.012, "mode": "chat", "litellm_provider": "perplexity"}}"#,
    )
    .unwrap();
    assert!(
        litellm
            .models
            .iter()
            .all(|m| (m.usd_per_k_requests - 12.0).abs() < 1e-9)
    );
}

/// A scenario's own model with a fee keeps it through a share link.
#[test]
fn a_link_carries_the_fee() {
    let s = on(sonar(), 10_000.0);
    let link = burnrate_model::link::encode(&s);
    let back = burnrate_model::link::decode(&link).unwrap();
    let m = back
        .catalog
        .models
        .iter()
        .find(|m| m.id == "perplexity/sonar")
        .unwrap();
    assert_eq!(m.usd_per_k_requests, 12.0);
}
