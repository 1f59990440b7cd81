//! Property: any valid scenario yields finite, non-negative costs and never
//! panics; an invalid one is a typed error, never a panic.
//!
//! Scenarios are generated from a seeded stream rather than with proptest:
//! proptest would switch num-traits to std math in this build, and the model
//! must use libm everywhere (the same bits as in WASM).

use burnrate_model::rng::{name_hash, stream};
use burnrate_model::scenario::*;
use burnrate_model::{Dist, presets, simulate};
use rand::RngExt;

fn all_finite_non_negative(r: &burnrate_model::Summary) -> Result<(), String> {
    for a in &r.architectures {
        let m = &a.monthly_usd;
        let mut values = vec![
            m.mean,
            m.p5,
            m.p50,
            m.p95,
            m.p99,
            a.min_usd,
            a.max_usd,
            a.p_over_budget,
        ];
        values.extend(a.breakdown_usd.values());
        values.extend([
            a.cost_per_query_usd.mean,
            a.cost_per_conversation_usd,
            a.cost_per_success_usd.mean,
        ]);
        values.extend(&a.cdf_usd);
        values.extend(&a.cumulative_tco_usd);
        if let Some(bad) = values.iter().find(|v| !v.is_finite() || **v < 0.0) {
            return Err(format!("{}: {bad}", a.id));
        }
        if a.margin_usd.is_some_and(|m| !m.is_finite()) {
            return Err(format!("{}: margin {:?}", a.id, a.margin_usd));
        }
    }
    Ok(())
}

/// A random scenario: a preset with its levers moved across their ranges.
fn random_scenario(case: u64) -> Scenario {
    let mut g = stream(0xb0b, case, name_hash("property"));
    let mut s = presets::preset(presets::PRESETS[g.random_range(0..6usize)].0).unwrap();
    s.trials = 40;
    s.seed = g.random();
    s.horizon_months = g.random_range(1..36);
    let p5: f64 = if g.random_bool(0.1) {
        0.0
    } else {
        10f64.powf(g.random_range(0.0..6.0))
    };
    s.workload.queries_per_day = if p5 == 0.0 {
        Dist::fixed(0.0)
    } else {
        Dist::LogNormal {
            p5,
            p95: p5 * g.random_range(1.0..30.0),
        }
    };
    s.workload.hourly_burst_cv = g.random_range(0.0..3.0);
    s.workload.monthly_growth = g.random_range(-0.3..1.0);
    s.workload.weekend_factor = g.random_range(0.0..3.0);
    s.workload.query_tokens.mean_tokens = Dist::fixed(g.random_range(0.0..5_000.0));
    s.workload.output_tokens.mean_tokens = Dist::Uniform {
        low: 0.0,
        high: g.random_range(0.0..5_000.0),
    };
    s.agents.agentic_share = Dist::fixed(g.random_range(0.0..1.0));
    s.agents.loop_probability = Dist::fixed(g.random_range(0.0..0.2));
    let out_cap = g.random_bool(0.5).then(|| g.random_range(1.0..2_000.0));
    let limit = g.random_bool(0.5).then(|| g.random_range(1..500u32));
    let cap = g.random_bool(0.5).then(|| g.random_range(0.001..100.0));
    let hit = g.random_bool(0.5).then(|| g.random_range(0.0..1.0));
    for a in &mut s.architectures {
        a.guardrails.output_cap_tokens = out_cap;
        a.guardrails.agent_step_limit = limit;
        a.guardrails.agent_budget_cap_usd = cap;
        a.guardrails.semantic_cache = hit.map(|h| SemanticCache {
            hit_rate: Dist::fixed(h),
            usd_per_month: 100.0,
        });
    }
    s
}

#[test]
fn valid_scenarios_give_finite_non_negative_costs() {
    for case in 0..150 {
        let s = random_scenario(case);
        match simulate(&s) {
            Ok(r) => {
                if let Err(e) = all_finite_non_negative(&r) {
                    panic!("case {case}: {e}\n{}", serde_json::to_string(&s).unwrap());
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn any_bad_number_is_an_error_not_a_panic() {
    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        -1e300,
        1e300,
    ] {
        let mut s = presets::knowledge_base();
        s.trials = 10;
        s.workload.hourly_burst_cv = bad;
        assert!(simulate(&s).is_err(), "{bad}");
        let mut s = presets::knowledge_base();
        s.monthly_budget_usd = bad;
        assert!(simulate(&s).is_err(), "{bad}");
        let mut s = presets::text_to_sql();
        s.workload.queries_per_day = Dist::Normal { mean: bad, sd: 1.0 };
        assert!(simulate(&s).is_err(), "{bad}");
    }
}

#[test]
fn validation_names_field_value_and_rule() {
    let mut s = presets::knowledge_base();
    s.trials = 0;
    assert_eq!(
        simulate(&s).unwrap_err().to_string(),
        "trials = 0 is out of range: must be between 1 and 1,000,000"
    );
    let mut s = presets::knowledge_base();
    if let Design::Rag { retrieval } = &mut s.architectures[1].design {
        retrieval.reranker.as_mut().unwrap().chunks_kept = 50;
    }
    assert_eq!(
        simulate(&s).unwrap_err().field(),
        "architectures[1].design.retrieval.reranker.chunks_kept"
    );
    let mut s = presets::knowledge_base();
    if let Serving::ManagedApi(m) = &mut s.architectures[0].serving {
        m.model = "gpt-9".into();
    }
    assert!(
        simulate(&s)
            .unwrap_err()
            .to_string()
            .contains("no model named \"gpt-9\"")
    );
    let mut s = presets::knowledge_base();
    s.schema_version = 99;
    assert!(simulate(&s).unwrap_err().to_string().contains("newer"));
    let mut s = presets::idle_gpu();
    if let Serving::SelfHosted(h) = &mut s.architectures[0].serving {
        h.model_params_b = 400.0;
    }
    assert!(
        simulate(&s)
            .unwrap_err()
            .to_string()
            .contains("needs about")
    );
}
