//! Exact sampling for small counts and moment-matched aggregation for large
//! ones agree in distribution. Test: two-sample Kolmogorov–Smirnov at
//! α = 0.001, critical D = 1.949·√((n+m)/(n·m)). The continuous matched draws
//! are rounded to whole queries so both samples are counts.

use burnrate_model::presets;
use burnrate_model::rng::{name_hash, stream};
use burnrate_model::traffic::{self, Profile};

fn ks(mut a: Vec<f64>, mut b: Vec<f64>) -> f64 {
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (mut i, mut j, mut d) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        let x = a[i].min(b[j]);
        while i < a.len() && a[i] <= x {
            i += 1;
        }
        while j < b.len() && b[j] <= x {
            j += 1;
        }
        d = d.max((i as f64 / a.len() as f64 - j as f64 / b.len() as f64).abs());
    }
    d
}

fn critical(n: usize, m: usize) -> f64 {
    1.949 * ((n + m) as f64 / (n * m) as f64).sqrt()
}

#[test]
fn matched_hours_agree_with_exact_hours() {
    let n = 20_000;
    for (lambda, cv) in [
        (100.0, 0.0),
        (100.0, 0.3),
        (100.0, 1.0),
        (500.0, 0.0),
        (500.0, 0.3),
        (2_000.0, 0.0),
        (2_000.0, 1.0),
    ] {
        let mut rng = stream(1, 0, name_hash("exact"));
        let exact: Vec<f64> = (0..n)
            .map(|_| traffic::sample_hour_exact(lambda, cv, &mut rng))
            .collect();
        let mut rng = stream(1, 0, name_hash("matched"));
        let matched: Vec<f64> = (0..n)
            .map(|_| traffic::sample_hour_matched(lambda, cv, &mut rng).round())
            .collect();
        let d = ks(exact, matched);
        assert!(d < critical(n, n), "λ={lambda} cv={cv}: D={d}");
    }
}

#[test]
fn the_month_total_agrees_with_the_sum_of_its_hours() {
    let mut w = presets::knowledge_base().workload;
    w.hourly_burst_cv = 0.5;
    let p = Profile::new(&w);
    let n = 3_000;
    let mut hourly = Vec::new();
    let mut samplers = traffic::Samplers::default();
    let mut rng = stream(2, 0, name_hash("hours"));
    let summed: Vec<f64> = (0..n)
        .map(|_| traffic::sample_hours(&p, 5_000.0, 0.5, &mut rng, &mut hourly, &mut samplers))
        .collect();
    let mut rng = stream(2, 0, name_hash("total"));
    let direct: Vec<f64> = (0..n)
        .map(|_| traffic::sample_total(&p, 5_000.0, 0.5, &mut rng))
        .collect();
    let d = ks(summed, direct);
    assert!(d < critical(n, n), "D={d}");
}

/// The test can fail: a total with a tenth more volume is rejected.
#[test]
fn ks_rejects_a_shifted_total() {
    let w = presets::knowledge_base().workload;
    let p = Profile::new(&w);
    let n = 3_000;
    let mut rng = stream(3, 0, name_hash("a"));
    let a: Vec<f64> = (0..n)
        .map(|_| traffic::sample_total(&p, 5_000.0, 0.3, &mut rng))
        .collect();
    let b: Vec<f64> = (0..n)
        .map(|_| traffic::sample_total(&p, 5_500.0, 0.3, &mut rng))
        .collect();
    assert!(ks(a, b) > critical(n, n));
}
