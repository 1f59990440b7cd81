//! Context windows against hand calculations: a call's input never exceeds
//! the model's window minus its output (the oldest history falls out); a
//! fixed prompt that cannot fit is refused at its field.

mod common;

use burnrate_model::{Component, Dist, simulate};
use common::{deterministic, managed_prompt_only};

/// GPT-4o's window in the shipped catalog, and its input price per token.
const WINDOW: f64 = 128_000.0;
const USD_PER_INPUT_TOKEN: f64 = 2.5e-6;

/// A 101-turn conversation carrying 3,000 tokens a turn: the call at
/// position x (0 to 100) would send 3,000x tokens of history, and the
/// window less its 500 output tokens leaves 127,500: positions past 42.5
/// are cut to it (each call, not the average call: MODEL.md §7). Mean
/// history (∫₀^42.5 3,000x dx + 57.5 × 127,500) / 100 = 100,406.25 tokens,
/// at $2.50/M: $0.251015625 a query whatever the month's (Poisson) count;
/// 57.5% of calls cut.
#[test]
fn history_past_the_window_is_cut_to_it() {
    let mut s = deterministic(1_000.0, managed_prompt_only("gpt-4o", 0.0));
    s.workload.turns_per_conversation = Dist::fixed(101.0);
    s.workload.history_tokens_per_turn = 3_000.0;
    s.workload.output_tokens.mean_tokens = Dist::fixed(500.0);
    let r = simulate(&s).unwrap();
    let a = &r.architectures[0];
    let room = WINDOW - 500.0;
    let history = (3_000.0 * 42.5 * 42.5 / 2.0 + 57.5 * room) / 100.0;
    assert_eq!(history, 100_406.25);
    let per_query = history * USD_PER_INPUT_TOKEN;
    let input = a.breakdown_usd[Component::InputTokens];
    let total = a.monthly_usd.mean;
    let got = a.cost_per_query_usd.mean * input / total;
    assert!((got - per_query).abs() < 1e-12, "{got} vs {per_query}");
    assert!((a.warnings.context_window_share - 0.575).abs() < 1e-12);
    // 1,500 a turn: the mean (75,000) fits, but the 15 positions past 85 do not.
    s.workload.history_tokens_per_turn = 1_500.0;
    let r = simulate(&s).unwrap();
    let share = r.architectures[0].warnings.context_window_share;
    assert!((share - 0.15).abs() < 1e-12, "{share}");
    // 1,200 a turn: the last position's 120,000 fit; nothing is cut.
    s.workload.history_tokens_per_turn = 1_200.0;
    let r = simulate(&s).unwrap();
    assert_eq!(r.architectures[0].warnings.context_window_share, 0.0);
}

#[test]
fn a_fixed_prompt_larger_than_the_window_is_refused_at_its_field() {
    let s = deterministic(1_000.0, managed_prompt_only("gpt-4o", 130_000.0));
    let e = simulate(&s).unwrap_err();
    assert_eq!(e.field(), "architectures[0].instruction_tokens");
    assert!(
        e.to_string()
            .contains("gpt-4o's 128000-token context window"),
        "{e}"
    );
}

/// Reasoning tokens are output: 1,000 hidden tokens a call on o1 at $60/M
/// output add $0.06 a query to its 200 visible ones ($0.012).
#[test]
fn reasoning_tokens_bill_at_the_output_price() {
    let mut s = deterministic(1_000.0, managed_prompt_only("o1", 0.0));
    s.workload.output_tokens.mean_tokens = Dist::fixed(200.0);
    let per_query = |s: &burnrate_model::Scenario| {
        let a = &simulate(s).unwrap().architectures[0];
        a.cost_per_query_usd.mean * a.breakdown_usd[Component::OutputTokens] / a.monthly_usd.mean
    };
    assert!((per_query(&s) - 200.0 * 60e-6).abs() < 1e-12);
    s.architectures[0].reasoning_tokens_per_call = Dist::fixed(1_000.0);
    assert!((per_query(&s) - 1_200.0 * 60e-6).abs() < 1e-12);
}

/// Issue 28: each model's window bounds its own calls. 20% of calls go to
/// a frontier model with a 1,000,000-token window, the rest to one of
/// 10,000 (both $1 per million input tokens, output free): instructions
/// 1,400, query 100, output 500, 21 turns of 1,000 history tokens. The own
/// model's calls send 7,900 tokens (history min(1,000x, 8,000), 60% cut:
/// see tokens.rs), the frontier's the whole history, 1,400 + 100 + 20 ×
/// 1,000 / 2 = 11,500. A query: 0.8 × $0.0079 + 0.2 × $0.0115 = $0.00862;
/// 0.8 × 60% = 48% of calls cut.
#[test]
fn each_model_s_window_bounds_its_own_calls() {
    use burnrate_model::catalog::ModelPrice;
    let priced = |id: &str, window: f64| ModelPrice {
        id: id.into(),
        usd_per_m_input: 1.0,
        usd_per_m_cached_input: 1.0,
        context_window_tokens: Some(window),
        ..ModelPrice::default()
    };
    let mut s = deterministic(1_000.0, managed_prompt_only("small", 1_400.0));
    s.catalog.models = vec![priced("small", 10_000.0), priced("large", 1e6)];
    s.workload.turns_per_conversation = Dist::fixed(21.0);
    s.workload.history_tokens_per_turn = 1_000.0;
    s.workload.query_tokens.mean_tokens = Dist::fixed(100.0);
    s.workload.output_tokens.mean_tokens = Dist::fixed(500.0);
    s.architectures[0].routing = Some(burnrate_model::scenario::Routing {
        frontier_model: "large".into(),
        frontier_share: Dist::fixed(0.2),
    });
    let a = &simulate(&s).unwrap().architectures[0];
    let per_query = 0.8 * 7_900e-6 + 0.2 * 11_500e-6;
    assert!(
        (a.cost_per_query_usd.mean - per_query).abs() < 1e-15,
        "{}",
        a.cost_per_query_usd.mean
    );
    assert!((a.warnings.context_window_share - 0.48).abs() < 1e-12);
}
