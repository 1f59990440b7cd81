//! Trials per second, single-threaded, for presets 1 and 2
//! (`cargo bench -p burnrate-model`), and how far that is from the limit set
//! by the random variates a trial must draw. `BENCH_PRESET=<id>` runs one preset.
//! A benchmark, not a test: it reports, it does not assert.

use std::hint::black_box;
use std::time::Instant;

use burnrate_model::engine::Variates;
use burnrate_model::rng::{name_hash, stream, uniform};
use burnrate_model::traffic::Hour;
use burnrate_model::{Prepared, presets};

/// Nanoseconds per call of `f`, over `n` calls.
fn ns_per(n: u64, mut f: impl FnMut(u64) -> f64) -> f64 {
    let start = Instant::now();
    let mut sink = 0.0;
    for i in 0..n {
        sink += f(i);
    }
    black_box(sink);
    start.elapsed().as_secs_f64() * 1e9 / n as f64
}

/// What one variate of each kind costs on this machine.
struct Costs {
    uniform_ns: f64,
    gamma_ns: f64,
    poisson_ns: f64,
}

fn costs() -> Costs {
    let n = 20_000_000;
    let mut rng = stream(1, 0, name_hash("bench"));
    let key = name_hash("input");
    let uniform_ns = ns_per(n, |i| uniform(1, i, key));
    // A busy hour (moment-matched gamma of shape ≈ 1/cv² = 11).
    let busy = Hour::new(30_000.0, 0.3);
    let gamma_ns = ns_per(n, |_| busy.sample(&mut rng));
    // A quiet hour: a gamma rate then a Poisson count; the Poisson is the rest.
    let quiet = Hour::new(50.0, 0.3);
    let exact_ns = ns_per(n, |_| quiet.sample(&mut rng));
    let rate = Hour::new(50.0, 0.0);
    let poisson_ns = ns_per(n, |_| rate.sample(&mut rng)).min(exact_ns);
    Costs {
        uniform_ns,
        gamma_ns,
        poisson_ns,
    }
}

fn limit_ns(v: &Variates, c: &Costs) -> f64 {
    v.uniforms as f64 * c.uniform_ns
        + v.gammas as f64 * c.gamma_ns
        + v.poissons as f64 * c.poisson_ns
}

fn main() {
    let only = std::env::var("BENCH_PRESET").ok();
    let c = costs();
    println!(
        "cost per variate: uniform {:.1} ns, gamma {:.1} ns, Poisson (λ = 50) {:.1} ns",
        c.uniform_ns, c.gamma_ns, c.poisson_ns
    );
    println!(
        "{:<16} {:>9} {:>10} {:>14} {:>22} {:>16} {:>8}",
        "preset",
        "trials",
        "seconds",
        "trials/s",
        "variates/trial (u+g+p)",
        "limit trials/s",
        "of limit"
    );
    for id in ["knowledge-base", "text-to-sql"] {
        if only.as_deref().is_some_and(|o| o != id) {
            continue;
        }
        let scenario = presets::preset(id).unwrap();
        // What an edit costs before any trial runs: validation and set-up,
        // the first time (building the PERT tables) and again (tables kept).
        let start = Instant::now();
        black_box(Prepared::new(black_box(&scenario)).unwrap());
        let first = start.elapsed().as_secs_f64() * 1e3;
        let start = Instant::now();
        for _ in 0..20 {
            black_box(Prepared::new(black_box(&scenario)).unwrap());
        }
        println!(
            "{id}: validating and preparing the scenario: {first:.2} ms the first time, {:.2} ms again",
            start.elapsed().as_secs_f64() * 1e3 / 20.0
        );
        let p = Prepared::new(&scenario).unwrap();
        // The mean over a sample of trials: the count depends on each trial's volume.
        let sample = 1_000u64;
        let mut mean = (0.0, 0.0, 0.0);
        for t in 0..sample {
            let v = p.variates(t);
            mean.0 += v.uniforms as f64 / sample as f64;
            mean.1 += v.gammas as f64 / sample as f64;
            mean.2 += v.poissons as f64 / sample as f64;
        }
        let per_trial_ns = (0..sample)
            .map(|t| limit_ns(&p.variates(t), &c))
            .sum::<f64>()
            / sample as f64;
        let limit = 1e9 / per_trial_ns;
        black_box(p.run_chunk(0..1_000));
        let acc = p.run_chunk(0..10_000);
        let start = Instant::now();
        for _ in 0..20 {
            black_box(p.summarize(black_box(&acc)).ok());
        }
        let summarize_ms = start.elapsed().as_secs_f64() * 1e3 / 20.0;
        let start = Instant::now();
        let json = serde_json::to_string(&acc).unwrap();
        let back: burnrate_model::Accumulator = serde_json::from_str(&json).unwrap();
        black_box(back);
        let round_trip_ms = start.elapsed().as_secs_f64() * 1e3;
        let later = serde_json::to_string(&acc.without_samples()).unwrap();
        println!(
            "{id}: summarizing takes {summarize_ms:.2} ms; a worker snapshot is {} KB of JSON \
             ({} KB once its sensitivity samples stop changing), {round_trip_ms:.2} ms there and back",
            json.len() / 1000,
            later.len() / 1000,
        );
        for trials in [10_000u64, 100_000] {
            let start = Instant::now();
            let acc = black_box(p.run_chunk(0..trials));
            black_box(p.summarize(&acc).ok());
            let s = start.elapsed().as_secs_f64();
            let rate = trials as f64 / s;
            println!(
                "{id:<16} {trials:>9} {s:>10.3} {rate:>14.0} {:>22} {limit:>16.0} {:>7.0}%",
                format!("{:.0}+{:.0}+{:.0}", mean.0, mean.1, mean.2),
                100.0 * rate / limit
            );
        }
    }
}
