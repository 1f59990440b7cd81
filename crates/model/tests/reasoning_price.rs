//! A separate price for hidden reasoning tokens (genai-prices'
//! `output_reasoning_mtok`: Perplexity's Sonar Deep Research bills them at
//! $3 per 1M against $8 for its answer), computed by hand from what the
//! field means: every call's reasoning tokens at that price and its answer
//! at the output price, agent steps, loops and routed calls included, and a
//! budget cap held to it. Input is free here, so each figure is output only.

mod common;

use burnrate_model::catalog::ModelPrice;
use burnrate_model::scenario::*;
use burnrate_model::{Component, Dist, simulate};
use common::{check_month, deterministic, managed_prompt_only};

/// Answers at $8 per 1M, reasoning at $3 per 1M, input free.
fn deep_research() -> ModelPrice {
    ModelPrice {
        id: "deep-research".into(),
        usd_per_m_output: 8.0,
        usd_per_m_reasoning: Some(3.0),
        ..ModelPrice::default()
    }
}

/// 1,000 queries a day, answers of 200 tokens, 1,000 hidden reasoning
/// tokens a call.
fn on(model: ModelPrice) -> Scenario {
    let mut s = deterministic(1_000.0, managed_prompt_only(&model.id, 0.0));
    s.catalog.models.push(model);
    s.workload.output_tokens.mean_tokens = Dist::fixed(200.0);
    s.architectures[0].reasoning_tokens_per_call = Dist::fixed(1_000.0);
    s
}

const DAYS: f64 = 730.0 / 24.0;

/// A share `share` of queries start runs of exactly `steps` steps of
/// `output` visible tokens each, no tool price.
fn runs(s: &mut Scenario, share: f64, steps: f64, output: f64) {
    s.agents.agentic_share = Dist::fixed(share);
    s.agents.steps_per_run = Dist::fixed(steps);
    s.agents.output_tokens_per_step = output;
    s.agents.tool_usd_per_step = 0.0;
}

/// A chat call: 200 × $8/M + 1,000 × $3/M = $0.0046 (billed as output it
/// would be 1,200 × $8/M = $0.0096); × 1,000 × 730/24 = $139.9166… a month.
#[test]
fn a_call_s_reasoning_pays_the_reasoning_price() {
    let s = on(deep_research());
    check_month(&s, Component::OutputTokens, 0.0046, 0.0046 * 1_000.0 * DAYS);
}

/// Without a reasoning price the same call is 1,200 output tokens: $0.0096.
#[test]
fn without_one_reasoning_is_output() {
    let mut m = deep_research();
    m.usd_per_m_reasoning = None;
    check_month(
        &on(m),
        Component::OutputTokens,
        0.0096,
        0.0096 * 1_000.0 * DAYS,
    );
}

/// Half the queries start runs of exactly 4 steps of 100 output tokens: a
/// query makes 0.5 chat calls ($0.0046 each) and 2 steps (100 × $8/M +
/// 1,000 × $3/M = $0.0038 each): $0.0023 + $0.0076 = $0.0099.
#[test]
fn each_agent_step_s_reasoning_pays_the_reasoning_price() {
    let mut s = on(deep_research());
    runs(&mut s, 0.5, 4.0, 100.0);
    check_month(&s, Component::OutputTokens, 0.0099, 0.0099 * 1_000.0 * DAYS);
}

/// Every query starts a run of 4 steps with no visible output; a tenth loop
/// until their 50-step timeout. A step's reasoning costs 1,000 × $3/M =
/// $0.003: 0.9 × 4 = 3.6 normal steps a query ($0.0108) and 0.1 × 50 = 5
/// loop steps ($0.015, filed as agent loops).
#[test]
fn a_loop_s_reasoning_pays_the_reasoning_price() {
    let mut s = on(deep_research());
    s.trials = 2_000;
    runs(&mut s, 1.0, 4.0, 0.0);
    s.agents.loop_probability = Dist::fixed(0.1);
    s.agents.loop_timeout_steps = 50.0;
    check_month(&s, Component::AgentLoops, 0.015, 0.015 * 1_000.0 * DAYS);
    check_month(&s, Component::OutputTokens, 0.0108, 0.0108 * 1_000.0 * DAYS);
}

/// A quarter of calls routed to the reasoning-priced model, the rest to one
/// billing reasoning as output ($8/M): 0.75 × 1,200 × $8/M + 0.25 ×
/// $0.0046 = $0.0072 + $0.00115 = $0.00835 a query.
#[test]
fn routed_calls_pay_the_routed_model_s_reasoning_price() {
    let mut plain = deep_research();
    plain.id = "plain".into();
    plain.usd_per_m_reasoning = None;
    let mut s = on(plain);
    s.catalog.models.push(deep_research());
    s.architectures[0].routing = Some(Routing {
        frontier_model: "deep-research".into(),
        frontier_share: Dist::fixed(0.25),
    });
    check_month(
        &s,
        Component::OutputTokens,
        0.00835,
        0.00835 * 1_000.0 * DAYS,
    );
}

/// Batch at half price halves reasoning too: 0.5 × $0.0046 = $0.0023.
#[test]
fn a_batch_ratio_applies_to_reasoning() {
    let mut m = deep_research();
    m.batch_discount = 0.5;
    let mut s = on(m);
    if let Serving::ManagedApi(api) = &mut s.architectures[0].serving {
        api.batch_share = 1.0;
    }
    check_month(&s, Component::OutputTokens, 0.0023, 0.0023 * 1_000.0 * DAYS);
}

/// A $0.01 cap on runs of 10 steps that show nothing and reason 1,000
/// tokens: $0.003 a step allows 3 steps ($0.009; billed as output,
/// $0.008 a step, it would allow 1): 3 × $0.003 = $0.009 a query.
#[test]
fn a_budget_cap_is_held_to_the_reasoning_price() {
    let mut s = on(deep_research());
    runs(&mut s, 1.0, 10.0, 0.0);
    s.architectures[0].guardrails.agent_budget_cap_usd = Some(0.01);
    check_month(&s, Component::OutputTokens, 0.009, 0.009 * 1_000.0 * DAYS);
}

/// One reasoning price beside long-context tiers would leave the tiers'
/// reasoning unpriced: refused, at the field.
#[test]
fn a_reasoning_price_beside_long_context_tiers_is_refused() {
    let mut m = deep_research();
    m.long_context = vec![burnrate_model::catalog::LongContextTier {
        above_input_tokens: 200_000.0,
        usd_per_m_input: 1.0,
        usd_per_m_cached_input: 1.0,
        usd_per_m_output: 16.0,
        usd_per_m_cache_write: None,
        usd_per_m_cache_write_1h: None,
    }];
    let e = simulate(&on(m)).unwrap_err();
    assert!(e.field().ends_with(".usd_per_m_reasoning"), "{}", e.field());
    assert!(e.to_string().contains("long-context tiers"), "{e}");
}

/// The price comes in from price files as each names it: genai-prices'
/// `output_reasoning_mtok` ($ per 1M), LiteLLM's
/// `output_cost_per_reasoning_token` ($ per token).
#[test]
fn price_files_carry_the_reasoning_price() {
    let genai = burnrate_model::price_file::read(
        r#"[{"id": "perplexity", "name": "Perplexity", "models": [
             {"id": "sonar-deep-research", "prices": {"input_mtok": 2, "output_mtok": 8, "output_reasoning_mtok": 3}}]}]"#,
    )
    .unwrap();
    assert_eq!(genai.models[0].usd_per_m_reasoning, Some(3.0));
    let litellm = burnrate_model::price_file::read(
        r#"{"sonar-deep-research": {"input_cost_per_token": 2e-6, "output_cost_per_token": 8e-6,
             "output_cost_per_reasoning_token": 3e-6, "mode": "chat", "litellm_provider": "perplexity"}}"#,
    )
    .unwrap();
    let p = litellm.models[0].usd_per_m_reasoning.unwrap();
    assert!((p - 3.0).abs() < 1e-12, "{p}");
}
