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
    /// The volumes around the break-even where the two P10–P90 bands
    /// overlap: there either may be the cheaper in a given month. `None`
    /// where the overlap runs past the computed volumes.
    #[serde(default)]
    pub overlap_from: Option<f64>,
    #[serde(default)]
    pub overlap_to: Option<f64>,
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
    break_evens_of(&ids, points)
}

/// [`break_evens`] for architectures `ids` (in the points' band order). The
/// medians' order flips between two points where their difference has
/// opposite signs; points where it is exactly 0 in between are the
/// break-even itself (the first of them).
pub fn break_evens_of(ids: &[&str], points: &[Point]) -> Vec<BreakEven> {
    let mut out = Vec::new();
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            // The last point where the medians differ, and by how much.
            let mut last: Option<(usize, f64)> = None;
            for (k, p) in points.iter().enumerate() {
                let d1 = p.bands[i].p50 - p.bands[j].p50;
                if d1 == 0.0 {
                    continue;
                }
                if let Some((m, d0)) = last
                    && (d0 < 0.0) != (d1 < 0.0)
                {
                    let at = if k == m + 1 {
                        crossing(&points[m], p, d0, d1)
                    } else {
                        points[m + 1].queries_per_day
                    };
                    let cheaper_above = if d1 < 0.0 { ids[i] } else { ids[j] };
                    out.push(BreakEven {
                        a: ids[i].to_owned(),
                        b: ids[j].to_owned(),
                        queries_per_day: at,
                        cheaper_above: cheaper_above.to_owned(),
                        overlap_from: overlap_end(points, i, j, m, false).map(|v| v.min(at)),
                        overlap_to: overlap_end(points, i, j, k, true).map(|v| v.max(at)),
                    });
                }
                last = Some((k, d1));
            }
        }
    }
    out
}

/// How far `i`'s band lies clear of `j`'s at a point: positive when one
/// band is wholly above the other (the gap), negative or zero when they overlap.
fn band_gap(p: &Point, i: usize, j: usize) -> f64 {
    let (a, b) = (&p.bands[i], &p.bands[j]);
    (a.p10 - b.p90).max(b.p10 - a.p90)
}

/// Where the bands of `i` and `j` stop overlapping, walking from point
/// `from` down (or `up`): the zero, between the first clear point and the
/// one before it, of the gap on the side that is clear there (`None` if they
/// overlap to the end of the points). One side's gap, not `band_gap`: across
/// the break-even the two swap sides, and the larger of the two gaps there
/// belongs to neither.
fn overlap_end(points: &[Point], i: usize, j: usize, from: usize, up: bool) -> Option<f64> {
    let mut k = from;
    loop {
        if band_gap(&points[k], i, j) > 0.0 {
            let inner = if up { k.checked_sub(1)? } else { k + 1 };
            let i_above = points[k].bands[i].p10 > points[k].bands[j].p90;
            let gap = |p: &Point| {
                let (a, b) = (&p.bands[i], &p.bands[j]);
                if i_above {
                    a.p10 - b.p90
                } else {
                    b.p10 - a.p90
                }
            };
            return Some(crossing(
                &points[inner],
                &points[k],
                gap(&points[inner]),
                gap(&points[k]),
            ));
        }
        k = if up { k + 1 } else { k.checked_sub(1)? };
        if k >= points.len() {
            return None;
        }
    }
}

/// Where a difference `d0` at `p0` and `d1` at `p1` crosses zero, by
/// log-linear interpolation of the volumes (clamped to between the two).
fn crossing(p0: &Point, p1: &Point, d0: f64, d1: f64) -> f64 {
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
                let d = |p: &Point| p.bands[i].p50 - p.bands[j].p50;
                (i != j).then(|| crossing(&w[0], &w[1], d(&w[0]), d(&w[1])))
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

    /// Four volumes, 1 to 1,000 a day; A's band is flat at 80–100–120, B's
    /// rises 20 above and below 40, 70, 130, 160. By hand:
    /// - medians cross halfway (in log volume) between 10 and 100: 10^1.5;
    /// - the bands start to overlap where A's P10 (80) meets B's P90, which
    ///   is 60 at 1 and 90 at 10: gap +20 then −10, zero at 2/3 of the
    ///   decade, 10^(2/3);
    /// - they stop where B's P10 passes A's P90 (120): −10 at 100, +20 at
    ///   1,000, zero at 1/3 of the decade, 10^(2+1/3).
    #[test]
    fn the_p10_p90_overlap_around_a_break_even_is_found_by_hand() {
        let band = |p50: f64| Band {
            p10: p50 - 20.0,
            p50,
            p90: p50 + 20.0,
        };
        // Points at (volume, B's median): A's median is 100 at each.
        let at = |rows: &[(f64, f64)]| -> Vec<Point> {
            rows.iter()
                .map(|&(q, b)| Point {
                    queries_per_day: q,
                    bands: vec![band(100.0), band(b)],
                })
                .collect()
        };
        let points = at(&[(1.0, 40.0), (10.0, 70.0), (100.0, 130.0), (1000.0, 160.0)]);
        let be = break_evens_of(&["a", "b"], &points);
        assert_eq!(be.len(), 1);
        let close = |x: f64, want: f64| (x / want - 1.0).abs() < 1e-12;
        assert!(close(be[0].queries_per_day, 10f64.powf(1.5)), "{be:?}");
        assert_eq!(be[0].cheaper_above, "a");
        assert!(
            close(be[0].overlap_from.unwrap(), 10f64.powf(2.0 / 3.0)),
            "{be:?}"
        );
        assert!(
            close(be[0].overlap_to.unwrap(), 10f64.powf(7.0 / 3.0)),
            "{be:?}"
        );
        // Bands apart at both points around the break-even (found by a
        // review): A is 80–100–120 throughout, B 30–50–70 at 10 a day and
        // 130–150–170 at 100. A's P10 meets B's P90 where 80 − B.p90 goes
        // from +10 to −90: a tenth of the decade up from 10, 10^1.1; B's
        // P10 passes A's P90 where B.p10 − 120 goes from −90 to +10: nine
        // tenths of the decade, 10^1.9. (The larger of the two gaps, +10
        // at both points, had put both ends on the neighbouring points.)
        let apart = at(&[(10.0, 50.0), (100.0, 150.0)]);
        let be = break_evens_of(&["a", "b"], &apart);
        assert!(close(be[0].queries_per_day, 10f64.powf(1.5)), "{be:?}");
        assert!(
            close(be[0].overlap_from.unwrap(), 10f64.powf(1.1)),
            "{be:?}"
        );
        assert!(close(be[0].overlap_to.unwrap(), 10f64.powf(1.9)), "{be:?}");
        // Medians equal exactly at a computed volume (found by a review: it
        // was missed, and the pair read "cheaper throughout"): the
        // break-even is that volume.
        let tie = at(&[(1.0, 50.0), (10.0, 100.0), (100.0, 150.0)]);
        let be = break_evens_of(&["a", "b"], &tie);
        assert_eq!(be.len(), 1, "{be:?}");
        assert_eq!(be[0].queries_per_day, 10.0);
        assert_eq!(be[0].cheaper_above, "a");
        // Touching without crossing is no break-even.
        let touch = at(&[(1.0, 50.0), (10.0, 100.0), (100.0, 50.0)]);
        assert!(break_evens_of(&["a", "b"], &touch).is_empty());
        // Bands that overlap up to the last point: no upper end.
        let mut wide = points.clone();
        wide[3].bands[1].p10 = 100.0;
        let be = break_evens_of(&["a", "b"], &wide);
        assert_eq!(be[0].overlap_to, None);
        assert!(be[0].overlap_from.is_some());
    }

    #[test]
    fn log_volumes_span_the_range() {
        let v = log_volumes(10.0, 1e6, 6);
        assert_eq!(v.len(), 6);
        assert!((v[0] - 10.0).abs() < 1e-9 && (v[5] - 1e6).abs() < 1e-3);
        assert!((v[1] - 100.0).abs() < 1e-9);
    }
}
