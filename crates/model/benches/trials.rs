//! Trials per second, single-threaded, for presets 1 and 2 (`cargo bench -p burnrate-model`).
//! A benchmark, not a test: it reports, it does not assert.

use std::hint::black_box;
use std::time::Instant;

use burnrate_model::{Prepared, presets};

fn main() {
    println!(
        "{:<16} {:>9} {:>10} {:>14}",
        "preset", "trials", "seconds", "trials/s"
    );
    let only = std::env::var("BENCH_PRESET").ok();
    for id in ["knowledge-base", "text-to-sql"] {
        if only.as_deref().is_some_and(|o| o != id) {
            continue;
        }
        let p = Prepared::new(&presets::preset(id).unwrap()).unwrap();
        black_box(p.run_chunk(0..1_000));
        for trials in [10_000u64, 100_000] {
            let start = Instant::now();
            let acc = black_box(p.run_chunk(0..trials));
            black_box(p.summarize(&acc));
            let s = start.elapsed().as_secs_f64();
            println!("{id:<16} {trials:>9} {s:>10.3} {:>14.0}", trials as f64 / s);
        }
    }
}
