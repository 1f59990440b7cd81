//! The few statistics the fit needs: moments, percentiles, a lognormal by its
//! mean and coefficient of variation, and a histogram beside a fit.

use serde::Serialize;

use crate::Dist;
use crate::dist::{standard_normal_cdf, standard_normal_quantile};

/// Below this coefficient of variation a level is a fixed number.
const FIXED_BELOW_CV: f64 = 0.005;

/// Bins of a fit's histogram.
const BINS: usize = 30;

/// A quantity's mean and spread as the log shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub mean: f64,
    pub cv: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Spread::of_sorted(&sorted)
    }

    pub fn of_sorted(sorted: &[f64]) -> Spread {
        let (mean, var) = moments(sorted);
        let q = |p: f64| round_sig(quantile_sorted(sorted, p), 4);
        Spread {
            mean: round_sig(mean, 6),
            cv: if mean > 0.0 {
                round_sig(var.sqrt() / mean, 4)
            } else {
                0.0
            },
            p5: q(0.05),
            p50: q(0.5),
            p95: q(0.95),
            p99: q(0.99),
            max: sorted.last().copied().unwrap_or(0.0),
        }
    }

    pub fn of_one(value: f64) -> Spread {
        Spread::of(&[value])
    }
}

/// Mean and sample variance (0 below two values).
pub fn moments(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n;
    let var = if values.len() > 1 {
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var)
}

/// The `p` quantile of sorted values, interpolated between neighbours.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n => {
            let at = p.clamp(0.0, 1.0) * (n - 1) as f64;
            let (i, frac) = (at.floor() as usize, at.fract());
            let next = sorted[(i + 1).min(n - 1)];
            sorted[i] + frac * (next - sorted[i])
        }
    }
}

/// `v` to `digits` significant figures (a fitted value reads as measured,
/// not as 66.424859).
pub fn round_sig(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// The lognormal with this mean and coefficient of variation: its log's
/// location and scale.
fn lognormal(mean: f64, cv: f64) -> (f64, f64) {
    let s2 = (cv * cv).ln_1p();
    (mean.ln() - s2 / 2.0, s2.sqrt())
}

pub fn lognormal_quantile(mean: f64, cv: f64, p: f64) -> f64 {
    let (mu, sigma) = lognormal(mean, cv);
    (mu + sigma * standard_normal_quantile(p)).exp()
}

/// A level's own variance between days: the days' variance `var` less the
/// `noise` each day's value carries, when the rest stands out of the noise
/// (by two standard errors of a variance estimated from `days` days,
/// σ²·√(2/(n−1))); else 0: the days differ no more than chance makes them.
pub fn between_days(var: f64, noise: f64, days: usize) -> f64 {
    if days < 3 {
        return 0.0;
    }
    let standard_error = noise.max(0.0) * (2.0 / (days as f64 - 1.0)).sqrt();
    if var - noise > 2.0 * standard_error {
        var - noise
    } else {
        0.0
    }
}

/// A level (of a day's volume, of a month's mean tokens or turns) whose
/// variance between days is `var`: lognormal by its mean and variance, or
/// fixed when it barely varies, too few days show it, or its 5th
/// percentile would fall below the field's least value `low`.
pub fn level_dist(mean: f64, var: f64, days: usize, low: f64) -> Dist {
    let cv = if mean > 0.0 && var > 0.0 {
        var.sqrt() / mean
    } else {
        0.0
    };
    let fixed = Dist::fixed(round_sig(mean, 4));
    if days < 3 || cv < FIXED_BELOW_CV || mean <= 0.0 {
        return fixed;
    }
    let p = |q: f64| round_sig(lognormal_quantile(mean, cv, q), 4);
    if p(0.05) < low {
        return fixed;
    }
    Dist::LogNormal {
        p5: p(0.05),
        p95: p(0.95),
    }
}

/// Log-spaced bins over sorted values; each bin's share of the values and
/// of the lognormal with `mean` and `cv` (the end bins open-ended).
pub fn histogram(sorted: &[f64], mean: f64, cv: f64) -> Bins {
    let low = sorted.first().copied().unwrap_or(1.0).max(1.0);
    let high = sorted.last().copied().unwrap_or(1.0).max(low * 2.0);
    let step = (high / low).ln() / BINS as f64;
    let edges: Vec<f64> = (0..=BINS)
        .map(|i| round_sig(low * (step * i as f64).exp(), 4))
        .collect();
    let n = sorted.len().max(1) as f64;
    let mut log_share = vec![0.0; BINS];
    let mut bin = 0;
    for &v in sorted {
        while bin + 1 < BINS && v >= edges[bin + 1] {
            bin += 1;
        }
        log_share[bin] += 1.0 / n;
    }
    let (mu, sigma) = lognormal(mean, cv);
    let cdf = |x: f64| {
        if sigma > 0.0 {
            standard_normal_cdf((x.ln() - mu) / sigma)
        } else {
            f64::from(u8::from(x >= mean))
        }
    };
    let fitted_share = (0..BINS)
        .map(|i| {
            let lo = if i == 0 { 0.0 } else { cdf(edges[i]) };
            let hi = if i + 1 == BINS {
                1.0
            } else {
                cdf(edges[i + 1])
            };
            round_sig(hi - lo, 4)
        })
        .collect();
    Bins {
        edges,
        log_share: log_share.into_iter().map(|s| round_sig(s, 4)).collect(),
        fitted_share,
    }
}

/// A histogram on log-spaced bins: the log's share of its values in each,
/// and the fitted distribution's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bins {
    pub edges: Vec<f64>,
    pub log_share: Vec<f64>,
    pub fitted_share: Vec<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lognormal_by_moments_keeps_its_mean() {
        // mean 1,000, cv 0.5: σ² = ln 1.25, μ = ln 1000 − σ²/2; the mean of
        // a lognormal is exp(μ + σ²/2) = 1,000 exactly.
        let d = level_dist(1000.0, 250_000.0, 10, 0.0);
        assert!((d.mean() - 1000.0).abs() < 1.0, "{d:?}");
        let Dist::LogNormal { p5, p95 } = d else {
            panic!("{d:?}")
        };
        let s = 1.25f64.ln().sqrt();
        let mu = 1000f64.ln() - 1.25f64.ln() / 2.0;
        assert!((p5 - (mu - 1.644_853_6 * s).exp()).abs() < 0.1, "{p5}");
        assert!((p95 - (mu + 1.644_853_6 * s).exp()).abs() < 1.0, "{p95}");
        assert_eq!(level_dist(1000.0, 1.0, 10, 0.0), Dist::fixed(1000.0));
        assert_eq!(
            level_dist(1000.0, 250_000.0, 10, 600.0),
            Dist::fixed(1000.0)
        );
        assert_eq!(level_dist(1000.0, 250_000.0, 2, 0.0), Dist::fixed(1000.0));
    }

    #[test]
    fn quantiles_interpolate_and_rounding_keeps_significant_figures() {
        assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(quantile_sorted(&[7.0], 0.95), 7.0);
        assert_eq!(round_sig(66.424_859, 3), 66.4);
        assert_eq!(round_sig(0.012_345, 2), 0.012);
        assert_eq!(round_sig(123_456.0, 3), 123_000.0);
    }
}
