//! Chunking invariance: one chunk, or many chunks merged in any order, give
//! identical results (the browser splits trials across workers).

use burnrate_model::scenario::Correlation;
use burnrate_model::{Prepared, presets};

fn check(mut s: burnrate_model::Scenario) {
    s.trials = 3_000;
    let p = Prepared::new(&s).unwrap();
    let whole = p.run_chunk(0..3_000);
    let mut parts: Vec<_> = [0..700, 700..1_500, 1_500..1_501, 1_501..3_000]
        .into_iter()
        .map(|r| p.run_chunk(r))
        .collect();
    parts.reverse();
    let mut merged = parts.remove(0);
    for part in &parts {
        merged.merge(part);
    }
    assert_eq!(whole, merged);
    assert_eq!(p.summarize(&whole), p.summarize(&merged));
}

#[test]
fn chunked_runs_equal_one_run_with_hourly_traffic() {
    check(presets::text_to_sql());
}

#[test]
fn chunked_runs_equal_one_run_with_correlated_inputs() {
    let mut s = presets::knowledge_base();
    s.correlations.push(Correlation {
        a: "queries_per_day".into(),
        b: "output_tokens".into(),
        rank_correlation: 0.6,
    });
    check(s);
}

/// Workers send their accumulators as JSON: the round trip changes nothing.
#[test]
fn accumulators_survive_json() {
    let mut s = presets::knowledge_base();
    s.trials = 500;
    let p = Prepared::new(&s).unwrap();
    let acc = p.run_chunk(0..500);
    let back: burnrate_model::Accumulator =
        serde_json::from_str(&serde_json::to_string(&acc).unwrap()).unwrap();
    assert!(
        back == acc,
        "the accumulator changed in its JSON round trip"
    );
    let empty = p.run_chunk(0..0);
    let back: burnrate_model::Accumulator =
        serde_json::from_str(&serde_json::to_string(&empty).unwrap()).unwrap();
    assert!(
        back == empty,
        "the empty accumulator changed in its JSON round trip"
    );
}
