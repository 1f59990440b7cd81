//! Helpers shared by the model's integration tests.
#![allow(dead_code)]

use burnrate_model::levers::provisioned::{Overflow, Provisioned};
use burnrate_model::scenario::*;
use burnrate_model::{Component, Dist, Scenario, presets, simulate};

/// A deterministic one-architecture scenario: fixed inputs, no burstiness,
/// growth, overheads or agents, a one-month horizon.
pub fn deterministic(queries_per_day: f64, arch: Architecture) -> Scenario {
    let mut s = presets::knowledge_base();
    s.trials = 200;
    s.horizon_months = 1;
    let w = &mut s.workload;
    w.queries_per_day = Dist::fixed(queries_per_day);
    w.monthly_growth = 0.0;
    w.hourly_burst_cv = 0.0;
    w.turns_per_conversation = Dist::fixed(1.0);
    w.query_tokens = TokenCount {
        mean_tokens: Dist::fixed(0.0),
        cv_per_query: 0.0,
    };
    w.output_tokens = TokenCount {
        mean_tokens: Dist::fixed(0.0),
        cv_per_query: 0.0,
    };
    s.outcome.success_rate = Dist::fixed(1.0);
    s.architectures = vec![arch];
    s
}

pub fn managed_prompt_only(model: &str, instruction_tokens: f64) -> Architecture {
    Architecture {
        id: "prompt_only".into(),
        name: "Prompt-only".into(),
        design: Design::PromptOnly,
        instruction_tokens,
        serving: Serving::ManagedApi(ManagedApi {
            model: model.into(),
            ..ManagedApi::default()
        }),
        routing: None,
        guardrails: Guardrails::default(),
        overheads: Overheads::default(),
        reasoning_tokens_per_call: Dist::zero(),
    }
}

/// One self-hosted architecture on g5.2xlarge (7B at fp16: 1,200 output
/// tokens a second), planned at full utilisation, Llama 3.1 8B on Bedrock
/// as its fallback API.
pub fn self_hosted(hosting: Hosting, commitment: Option<Commitment>) -> Architecture {
    Architecture {
        id: "own".into(),
        name: "Own GPUs".into(),
        design: Design::PromptOnly,
        instruction_tokens: 0.0,
        serving: Serving::SelfHosted(SelfHosted {
            accelerator: "g5.2xlarge".into(),
            model_params_b: 7.0,
            quantization: Quantization::Fp16,
            hosting,
            max_utilization: 1.0,
            attention_knee_tokens: 32_000.0,
            spot: Spot::default(),
            commitment,
            fallback_model: "llama-3.1-8b-bedrock".into(),
        }),
        routing: None,
        guardrails: Guardrails::default(),
        overheads: Overheads::default(),
        reasoning_tokens_per_call: Dist::zero(),
    }
}

/// A prompt-only architecture on a model at $1 per million tokens of every
/// kind (input, cached input, cache writes, output), so that its spend in
/// dollars is its tokens in millions; `instructions` tokens a call.
pub fn per_token(instructions: f64) -> Scenario {
    let mut s = deterministic(1.0, managed_prompt_only("per-token", instructions));
    s.catalog.models.push(burnrate_model::catalog::ModelPrice {
        id: "per-token".into(),
        usd_per_m_input: 1.0,
        usd_per_m_cached_input: 1.0,
        usd_per_m_cache_write: Some(1.0),
        usd_per_m_output: 1.0,
        ..Default::default()
    });
    s
}

/// `units` of `per_unit` input tokens a minute at $1 a unit-hour, output
/// weight 6; `queries_per_day` of 1,000 input and 100 output tokens, flat
/// over the day (each hour expects a 24th).
pub fn provisioned_flat(
    queries_per_day: f64,
    units: u32,
    per_unit: f64,
    overflow: Overflow,
) -> Scenario {
    let mut s = per_token(1_000.0);
    s.workload.queries_per_day = Dist::fixed(queries_per_day);
    s.workload.output_tokens.mean_tokens = Dist::fixed(100.0);
    let w = &mut s.workload;
    (w.business_start_hour, w.business_end_hour) = (9, 17);
    w.business_hours_share = 8.0 / 24.0;
    w.weekend_factor = 1.0;
    let Serving::ManagedApi(api) = &mut s.architectures[0].serving else {
        unreachable!()
    };
    api.provisioned = Some(Provisioned {
        units,
        usd_per_unit_hour: 1.0,
        tokens_per_minute_per_unit: per_unit,
        output_weight: 6.0,
        cached_input_weight: 0.0,
        overflow,
    });
    s
}

/// A model at a promotional price until `from` (YYYY-MM-DD), then at twice it.
pub fn promo(from: &str) -> burnrate_model::catalog::ModelPrice {
    burnrate_model::catalog::ModelPrice {
        id: "promo".into(),
        name: "Promotional model".into(),
        usd_per_m_input: 0.75,
        usd_per_m_cached_input: 0.075,
        usd_per_m_output: 3.75,
        rules: vec![burnrate_model::catalog::PriceRule {
            from: Some(from.into()),
            utc_start_hour: None,
            utc_end_hour: None,
            usd_per_m_input: 1.5,
            usd_per_m_cached_input: 0.15,
            usd_per_m_output: 7.5,
        }],
        source: "test".into(),
        ..Default::default()
    }
}

/// Checks architecture 0's month against a hand calculation: `per_query`
/// dollars a query exactly (the component is all it costs), and a
/// month's `component` within four standard errors of `per_query` × the
/// month's expected queries (a month's arrivals are Poisson: its queries'
/// standard deviation is the square root of their mean).
pub fn check_month(s: &Scenario, component: Component, per_query: f64, per_month: f64) {
    let r = simulate(s).unwrap();
    let a = &r.architectures[0];
    let q = &a.cost_per_query_usd.mean;
    // A month's loops are drawn (each run loops or not): with loops, the
    // calls a query makes vary from month to month.
    if s.agents.loop_probability.mean() == 0.0 {
        assert!(
            (q - per_query).abs() <= 1e-12 * per_query,
            "{q} a query, not {per_query}"
        );
    }
    let queries = s.workload.queries_per_day.mean() * 730.0 / 24.0;
    let se = per_query * queries.sqrt() / f64::from(s.trials).sqrt();
    let got = a.breakdown_usd[component];
    assert!(
        (got - per_month).abs() < 4.0 * se,
        "{got} a month, not {per_month} ± {}",
        4.0 * se
    );
}
