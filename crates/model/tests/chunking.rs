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
    assert_eq!(p.summarize(&whole).unwrap(), p.summarize(&merged).unwrap());
    for threads in [1, 2, 3, 7] {
        assert_eq!(
            p.run_parallel(0..3_000, threads),
            whole,
            "{threads} threads"
        );
    }
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

/// A snapshot sent without its samples, given back the previous snapshot's,
/// is the whole accumulator (workers send samples only when they change).
#[test]
fn samples_restored_from_an_earlier_snapshot_complete_a_later_one() {
    let mut s = presets::knowledge_base();
    s.trials = 3_000;
    let p = Prepared::new(&s).unwrap();
    let mut earlier = p.run_chunk(0..2_500);
    let later = p.run_chunk(0..3_000);
    assert_eq!(earlier.sample_count(), later.sample_count());
    let mut sent = later.without_samples();
    assert_eq!(sent.sample_count(), 0);
    assert_ne!(sent, later);
    sent.restore_samples(&mut earlier);
    assert_eq!(sent, later);
    assert_eq!(p.summarize(&sent).unwrap(), p.summarize(&later).unwrap());
}
