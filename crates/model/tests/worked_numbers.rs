//! MODEL.md §5: the seeds' worked numbers, reproduced through the engine with
//! deterministic inputs.

mod common;

use burnrate_model::catalog::Catalog;
use burnrate_model::scenario::*;
use burnrate_model::{Component, Dist, presets, simulate};
use common::{deterministic, managed_prompt_only};

/// Seed 000: "A heavily augmented 8,000-token RAG query costs $0.08. If the
/// application processes 100,000 queries per day, the daily inference cost
/// jumps ... to $8,000."
#[test]
fn an_8000_token_query_at_a_cent_per_thousand_costs_8_cents_and_8000_a_day() {
    let s = deterministic(100_000.0, managed_prompt_only("gpt-4-turbo", 8_000.0));
    let r = simulate(&s).unwrap();
    let a = &r.architectures[0];
    assert!(
        (a.cost_per_query_usd.mean - 0.08).abs() < 1e-9,
        "{}",
        a.cost_per_query_usd.mean
    );
    assert!((a.cost_per_query_usd.mean * 100_000.0 - 8_000.0).abs() < 1e-4);
}

/// Seed 000: "injecting a 4,000-token schema into every single query results
/// in 4 billion input tokens processed daily" at 1,000,000 queries a day.
#[test]
fn a_4000_token_schema_on_a_million_queries_is_4_billion_tokens_a_day() {
    let s = deterministic(1_000_000.0, managed_prompt_only("gpt-4o", 4_000.0));
    let r = simulate(&s).unwrap();
    let a = &r.architectures[0];
    let usd_per_token = Catalog::shipped()
        .model("m", "gpt-4o")
        .unwrap()
        .usd_per_m_input
        / 1e6;
    let tokens_per_query = a.breakdown_usd[Component::InputTokens]
        / usd_per_token
        / (a.breakdown_usd[Component::InputTokens] / a.cost_per_query_usd.mean);
    assert!(
        (tokens_per_query - 4_000.0).abs() < 1e-6,
        "{tokens_per_query}"
    );
    assert!((tokens_per_query * 1_000_000.0 - 4e9).abs() < 1.0);
}

/// Seed 000: "If an AWS g5.2xlarge instance is active 24/7, but only processes
/// queries during an 8-hour window, the 16 hours of idle time represent 66%
/// wasted spend."
#[test]
fn a_gpu_used_8_of_24_hours_idles_two_thirds_of_its_hours() {
    let r = simulate(&presets::idle_gpu()).unwrap();
    let dedicated = &r.architectures[0];
    let idle = dedicated.warnings.idle_hours_share.unwrap();
    // Two thirds, plus the e^-5 chance that a business hour gets no query.
    assert!((idle - 2.0 / 3.0).abs() < 0.01, "{idle}");
}

/// Seed 000: "If a user sends a 100-token query, and the system retrieves
/// 10,000 tokens of context, the multiplier is 100x."
#[test]
fn a_100_token_query_with_10000_tokens_of_context_has_a_multiplier_of_100() {
    let mut s = presets::knowledge_base();
    s.workload.query_tokens.mean_tokens = Dist::fixed(100.0);
    let rag = s.architectures.iter_mut().find(|a| a.id == "rag").unwrap();
    if let Design::Rag { retrieval } = &mut rag.design {
        retrieval.chunk_tokens = 500.0;
        retrieval.reranker = Some(Reranker {
            model: "cohere-rerank-3.5".into(),
            chunks_kept: 20,
        });
    }
    s.trials = 100;
    let r = simulate(&s).unwrap();
    let rag = r.architectures.iter().find(|a| a.id == "rag").unwrap();
    assert!((rag.warnings.retrieval_multiplier - 100.0).abs() < 1e-9);
}

/// Seed 002: DeepSeek R1 at $0.55 against o1 at $15.00 per million input tokens: 1/27.
#[test]
fn deepseek_r1_input_is_a_27th_of_o1_through_the_engine() {
    let cost = |model: &str| {
        let r = simulate(&deterministic(1_000.0, managed_prompt_only(model, 1_000.0))).unwrap();
        r.architectures[0].monthly_usd.mean
    };
    assert_eq!((cost("o1") / cost("deepseek-r1")).round(), 27.0);
}
