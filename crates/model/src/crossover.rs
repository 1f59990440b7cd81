//! The crossover (seed 000, "the TCO crossover point"): monthly spend against
//! queries per day on a log scale, with P10–P90 bands, and the volumes where
//! one architecture's median overtakes another's. Each volume reruns the
//! scenario with its queries-per-day draw scaled so the median is that
//! volume: the uncertainty keeps its shape, and the seed keeps the draws
//! common across volumes.

use serde::{Deserialize, Serialize};

use std::ops::Range;

use crate::engine::{Prepared, Scratch};
use crate::results::Accumulator;

/// Monthly spend of one architecture at one volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub queries_per_day: f64,
    /// One band per architecture, in the scenario's order.
    pub bands: Vec<Band>,
}

/// Where architecture `a`'s median monthly spend crosses `b`'s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakEven {
    pub a: String,
    pub b: String,
    pub queries_per_day: f64,
    /// The architecture that is cheaper above the break-even volume.
    pub cheaper_above: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crossover {
    pub points: Vec<Point>,
    pub break_evens: Vec<BreakEven>,
}

impl Crossover {
    /// True when every point has a band for each of `n` architectures.
    pub fn bands_match(&self, n: usize) -> bool {
        self.points.iter().all(|p| p.bands.len() == n)
    }
}

/// `n` volumes evenly spaced on a log scale from `low` to `high` queries a day.
pub fn log_volumes(low: f64, high: f64, n: usize) -> Vec<f64> {
    let (a, b) = (
        libm::log10(low.max(1e-3)),
        libm::log10(high.max(low * 1.001)),
    );
    (0..n)
        .map(|i| libm::pow(10.0, a + (b - a) * i as f64 / (n.max(2) - 1) as f64))
        .collect()
}

/// One volume of the crossover: `trials` trials with the median volume at `queries_per_day`.
pub fn point(p: &Prepared, queries_per_day: f64, trials: u64) -> Point {
    let mut run = PointRun::new(p, queries_per_day);
    run.run(0..trials);
    run.finish()
}

/// One volume of the crossover run in pieces, for a caller that must yield
/// between them (the page's main thread): the same numbers as [`point`].
pub struct PointRun {
    at: Prepared,
    acc: Accumulator,
    scratch: Scratch,
    queries_per_day: f64,
}

impl PointRun {
    pub fn new(p: &Prepared, queries_per_day: f64) -> PointRun {
        let at = p.at_volume(queries_per_day);
        PointRun {
            acc: at.accumulator(),
            at,
            scratch: Scratch::default(),
            queries_per_day,
        }
    }

    /// Adds trials `range` (ranges must not overlap).
    pub fn run(&mut self, range: Range<u64>) {
        self.at.run_into(range, &mut self.acc, &mut self.scratch);
    }

    pub fn finish(self) -> Point {
        let bands = (0..self.at.architecture_count())
            .map(|i| Band {
                p10: self.acc.monthly_quantile(i, 0.10),
                p50: self.acc.monthly_quantile(i, 0.50),
                p90: self.acc.monthly_quantile(i, 0.90),
            })
            .collect();
        Point {
            queries_per_day: self.queries_per_day,
            bands,
        }
    }
}

/// Break-even volumes between every pair, by log-linear interpolation of the
/// medians between neighbouring points where their order flips.
pub fn break_evens(p: &Prepared, points: &[Point]) -> Vec<BreakEven> {
    let ids: Vec<&str> = p
        .scenario()
        .architectures
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let mut out = Vec::new();
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            for w in points.windows(2) {
                let d0 = w[0].bands[i].p50 - w[0].bands[j].p50;
                let d1 = w[1].bands[i].p50 - w[1].bands[j].p50;
                if d0 != 0.0 && d1 != 0.0 && (d0 < 0.0) != (d1 < 0.0) {
                    let at = crossing(&w[0], &w[1], i, j);
                    let cheaper_above = if d1 < 0.0 { ids[i] } else { ids[j] };
                    out.push(BreakEven {
                        a: ids[i].to_owned(),
                        b: ids[j].to_owned(),
                        queries_per_day: at,
                        cheaper_above: cheaper_above.to_owned(),
                    });
                }
            }
        }
    }
    out
}

/// Where architectures `i`'s and `j`'s medians cross between two
/// neighbouring points: log-linear interpolation of their difference.
fn crossing(p0: &Point, p1: &Point, i: usize, j: usize) -> f64 {
    let d0 = p0.bands[i].p50 - p0.bands[j].p50;
    let d1 = p1.bands[i].p50 - p1.bands[j].p50;
    let (l0, l1) = (
        libm::log10(p0.queries_per_day),
        libm::log10(p1.queries_per_day),
    );
    let t = if d0 != d1 {
        (d0 / (d0 - d1)).clamp(0.0, 1.0)
    } else {
        0.5
    };
    libm::pow(10.0, l0 + (l1 - l0) * t)
}

impl Crossover {
    /// Volumes where the cheapest architecture (by median) changes, between
    /// neighbouring points, where the two medians cross.
    pub fn cheapest_changes(&self) -> Vec<f64> {
        let cheapest = |p: &Point| {
            (0..p.bands.len()).min_by(|&i, &j| p.bands[i].p50.total_cmp(&p.bands[j].p50))
        };
        self.points
            .windows(2)
            .filter_map(|w| {
                let (i, j) = (cheapest(&w[0])?, cheapest(&w[1])?);
                (i != j).then(|| crossing(&w[0], &w[1], i, j))
            })
            .collect()
    }
}

/// The whole crossover over `volumes`.
pub fn crossover(p: &Prepared, volumes: &[f64], trials_per_point: u64) -> Crossover {
    let points: Vec<Point> = volumes
        .iter()
        .map(|&v| point(p, v, trials_per_point))
        .collect();
    Crossover {
        break_evens: break_evens(p, &points),
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    /// Seed 000 and 002: prompt engineering wins at low volume; fine-tuning
    /// pays once volume "reaches a critical mass".
    #[test]
    fn text_to_sql_fine_tuning_overtakes_prompt_only_at_some_volume() {
        let p = Prepared::new(&presets::text_to_sql()).unwrap();
        let c = crossover(&p, &log_volumes(10.0, 1e7, 13), 300);
        let be = c
            .break_evens
            .iter()
            .find(|b| b.a == "prompt_only" && b.b == "fine_tuned")
            .expect("prompt-only and fine-tuning cross");
        assert_eq!(be.cheaper_above, "fine_tuned");
        assert!(
            be.queries_per_day > 100.0 && be.queries_per_day < 1e6,
            "{}",
            be.queries_per_day
        );
        for pt in &c.points {
            for b in &pt.bands {
                assert!(b.p10 <= b.p50 && b.p50 <= b.p90);
            }
        }
    }

    #[test]
    fn log_volumes_span_the_range() {
        let v = log_volumes(10.0, 1e6, 6);
        assert_eq!(v.len(), 6);
        assert!((v[0] - 10.0).abs() < 1e-9 && (v[5] - 1e6).abs() < 1e-3);
        assert!((v[1] - 100.0).abs() < 1e-9);
    }
}
