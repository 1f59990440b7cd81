//! Uncertain inputs. Estimators think in intervals ("5,000 to 20,000 queries a
//! day"), so besides the textbook shapes a lognormal is given by its 90%
//! interval. Every shape is sampled by its inverse CDF from one uniform: that
//! keeps draws common across architectures (common random numbers) and lets a
//! Gaussian copula impose rank correlations between inputs.

use serde::Serialize;
use statrs::distribution::{
    Beta, ContinuousCDF, Discrete, DiscreteCDF, Geometric, NegativeBinomial, Poisson,
};
use statrs::function::erf::erfc_inv;

use crate::error::{ModelError, check_range};

/// z of the 95th percentile of the standard normal: a 90% interval is ±1.645 σ.
const Z95: f64 = 1.644_853_626_951_472_2;

/// The distribution of one uncertain input.
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dist {
    /// A known number.
    Fixed { value: f64 },
    /// Any value between `low` and `high` equally likely.
    Uniform { low: f64, high: f64 },
    /// Three-point estimate, linear density.
    Triangular { low: f64, mode: f64, high: f64 },
    /// Three-point estimate, smooth (Beta-PERT): weights the mode 4 to 1.
    Pert { low: f64, mode: f64, high: f64 },
    /// Mean and standard deviation; values outside the field's range are clamped.
    Normal { mean: f64, sd: f64 },
    /// Lognormal given as a 90% interval: 5% chance below `p5`, 5% above `p95`.
    LogNormal { p5: f64, p95: f64 },
    /// A count with variance equal to its mean.
    Poisson { mean: f64 },
    /// A count with variance `mean + mean²/dispersion` (overdispersed Poisson).
    NegBinomial { mean: f64, dispersion: f64 },
    /// A count ≥ 1 of trials until the first success (memoryless), by its mean.
    Geometric { mean: f64 },
}

impl Dist {
    /// A known number.
    pub const fn fixed(value: f64) -> Self {
        Self::Fixed { value }
    }

    /// True for the count shapes (and `Fixed`), which have a probability mass function.
    pub fn is_count(&self) -> bool {
        matches!(
            self,
            Self::Fixed { .. }
                | Self::Poisson { .. }
                | Self::NegBinomial { .. }
                | Self::Geometric { .. }
        )
    }

    /// True when every draw is the same number (no stream is needed for it).
    /// Always 0: the default of an input a scenario leaves out.
    pub fn zero() -> Dist {
        Dist::fixed(0.0)
    }

    pub fn is_zero(&self) -> bool {
        *self == Dist::fixed(0.0)
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Self::Fixed { .. })
    }

    /// Checks the parameters and that the values fall in `[low, high]`: the
    /// bounded shapes must lie inside it; the unbounded ones (normal, lognormal,
    /// counts) must have their centre inside it and are clamped to it when sampled.
    pub fn validate(&self, field: &str, low: f64, high: f64) -> Result<(), ModelError> {
        let inside = |name: &str, v: f64| {
            check_range(
                &format!("{field}.{name}"),
                v,
                low,
                high,
                "must lie in the field's range",
            )
        };
        let invalid = |message: &str| {
            Err(ModelError::Invalid {
                field: field.to_owned(),
                message: message.to_owned(),
            })
        };
        match *self {
            Self::Fixed { value } => inside("value", value),
            Self::Uniform { low: a, high: b } => {
                inside("low", a)?;
                inside("high", b)?;
                if a > b {
                    invalid("low must not exceed high")
                } else {
                    Ok(())
                }
            }
            Self::Triangular {
                low: a,
                mode: m,
                high: b,
            }
            | Self::Pert {
                low: a,
                mode: m,
                high: b,
            } => {
                inside("low", a)?;
                inside("mode", m)?;
                inside("high", b)?;
                if a <= m && m <= b {
                    Ok(())
                } else {
                    invalid("needs low ≤ mode ≤ high")
                }
            }
            Self::Normal { mean, sd } => {
                inside("mean", mean)?;
                check_range(&format!("{field}.sd"), sd, 0.0, 1e15, "must be ≥ 0")
            }
            Self::LogNormal { p5, p95 } => {
                check_range(
                    &format!("{field}.p5"),
                    p5,
                    f64::MIN_POSITIVE,
                    1e15,
                    "must be > 0",
                )?;
                check_range(
                    &format!("{field}.p95"),
                    p95,
                    f64::MIN_POSITIVE,
                    1e15,
                    "must be > 0",
                )?;
                inside("p5", p5)?;
                if p5 > p95 {
                    invalid("needs p5 ≤ p95")
                } else {
                    Ok(())
                }
            }
            Self::Poisson { mean } => {
                check_range(
                    &format!("{field}.mean"),
                    mean,
                    0.0,
                    1e9,
                    "must be between 0 and 1e9",
                )?;
                inside("mean", mean)
            }
            Self::NegBinomial { mean, dispersion } => {
                check_range(
                    &format!("{field}.mean"),
                    mean,
                    0.0,
                    1e9,
                    "must be between 0 and 1e9",
                )?;
                check_range(
                    &format!("{field}.dispersion"),
                    dispersion,
                    1e-6,
                    1e9,
                    "must be > 0",
                )?;
                inside("mean", mean)
            }
            Self::Geometric { mean } => {
                check_range(
                    &format!("{field}.mean"),
                    mean,
                    1.0,
                    1e9,
                    "must be ≥ 1 (a count of at least one)",
                )?;
                inside("mean", mean)
            }
        }
    }

    /// The value at cumulative probability `u` in (0, 1).
    pub fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(1e-15, 1.0 - 1e-15);
        match *self {
            Self::Fixed { value } => value,
            Self::Uniform { low, high } => low + u * (high - low),
            Self::Triangular { low, mode, high } => {
                let width = high - low;
                if width <= 0.0 {
                    return low;
                }
                let c = (mode - low) / width;
                if u < c {
                    low + (u * width * (mode - low)).sqrt()
                } else {
                    high - ((1.0 - u) * width * (high - mode)).sqrt()
                }
            }
            Self::Pert { low, mode, high } => {
                let width = high - low;
                match Beta::new(
                    1.0 + 4.0 * (mode - low) / width,
                    1.0 + 4.0 * (high - mode) / width,
                ) {
                    Ok(beta) if width > 0.0 => low + width * beta.inverse_cdf(u),
                    _ => low,
                }
            }
            Self::Normal { mean, sd } => mean + sd * standard_normal_quantile(u),
            Self::LogNormal { p5, p95 } => {
                let (mu, sigma) = lognormal_params(p5, p95);
                libm::exp(mu + sigma * standard_normal_quantile(u))
            }
            Self::Poisson { mean } => match Poisson::new(mean) {
                Ok(d) => discrete_quantile(|k| d.cdf(k), u, 0),
                Err(_) => 0.0,
            },
            Self::NegBinomial { mean, dispersion } => match negative_binomial(mean, dispersion) {
                Some(d) => discrete_quantile(|k| d.cdf(k), u, 0),
                None => 0.0,
            },
            Self::Geometric { mean } => match Geometric::new(1.0 / mean) {
                Ok(d) => discrete_quantile(|k| d.cdf(k), u, 1),
                Err(_) => 1.0,
            },
        }
    }

    /// The mean, in closed form.
    pub fn mean(&self) -> f64 {
        match *self {
            Self::Fixed { value } => value,
            Self::Uniform { low, high } => (low + high) / 2.0,
            Self::Triangular { low, mode, high } => (low + mode + high) / 3.0,
            Self::Pert { low, mode, high } => (low + 4.0 * mode + high) / 6.0,
            Self::Normal { mean, .. } => mean,
            Self::LogNormal { p5, p95 } => {
                let (mu, sigma) = lognormal_params(p5, p95);
                libm::exp(mu + sigma * sigma / 2.0)
            }
            Self::Poisson { mean } | Self::NegBinomial { mean, .. } | Self::Geometric { mean } => {
                mean
            }
        }
    }

    /// The variance, in closed form.
    pub fn variance(&self) -> f64 {
        match *self {
            Self::Fixed { .. } => 0.0,
            Self::Uniform { low, high } => (high - low).powi(2) / 12.0,
            Self::Triangular {
                low: a,
                mode: c,
                high: b,
            } => (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0,
            Self::Pert { low, mode, high } => {
                let mu = (low + 4.0 * mode + high) / 6.0;
                (mu - low) * (high - mu) / 7.0
            }
            Self::Normal { sd, .. } => sd * sd,
            Self::LogNormal { p5, p95 } => {
                let (mu, s) = lognormal_params(p5, p95);
                (libm::exp(s * s) - 1.0) * libm::exp(2.0 * mu + s * s)
            }
            Self::Poisson { mean } => mean,
            Self::NegBinomial { mean, dispersion } => mean + mean * mean / dispersion,
            Self::Geometric { mean } => mean * (mean - 1.0),
        }
    }

    /// Probability of the count `k` (count shapes only; `Fixed` rounds its value).
    pub fn pmf(&self, k: u64) -> f64 {
        match *self {
            Self::Fixed { value } => f64::from(u8::from(value.round().max(0.0) as u64 == k)),
            Self::Poisson { mean } => match Poisson::new(mean) {
                Ok(d) => d.pmf(k),
                Err(_) => f64::from(u8::from(k == 0)),
            },
            Self::NegBinomial { mean, dispersion } => match negative_binomial(mean, dispersion) {
                Some(d) => d.pmf(k),
                None => f64::from(u8::from(k == 0)),
            },
            Self::Geometric { mean } => match Geometric::new(1.0 / mean) {
                Ok(d) => d.pmf(k),
                Err(_) => f64::from(u8::from(k == 1)),
            },
            _ => 0.0,
        }
    }
}

/// The smallest count k ≥ `min` with cdf(k) ≥ u, by doubling then bisection.
/// Bounded at 2^40 (statrs' own search doubles without limit and can overflow
/// on very heavy tails).
fn discrete_quantile(cdf: impl Fn(u64) -> f64, u: f64, min: u64) -> f64 {
    const LIMIT: u64 = 1 << 40;
    if cdf(min) >= u {
        return min as f64;
    }
    let (mut lo, mut hi) = (min, min.max(1) * 2);
    while hi < LIMIT && cdf(hi) < u {
        lo = hi;
        hi *= 2;
    }
    // Invariant: cdf(lo) < u ≤ cdf(hi) (or hi is the limit).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if cdf(mid) < u { lo = mid } else { hi = mid }
    }
    hi as f64
}

/// Φ⁻¹(u), through statrs' inverse complementary error function.
pub fn standard_normal_quantile(u: f64) -> f64 {
    -std::f64::consts::SQRT_2 * erfc_inv(2.0 * u)
}

/// Φ(z), the standard normal CDF.
pub fn standard_normal_cdf(z: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-z / std::f64::consts::SQRT_2)
}

/// (μ, σ) of the underlying normal of a lognormal with this 90% interval.
pub fn lognormal_params(p5: f64, p95: f64) -> (f64, f64) {
    let (lo, hi) = (libm::log(p5), libm::log(p95));
    ((lo + hi) / 2.0, (hi - lo) / (2.0 * Z95))
}

/// statrs counts failures before `r` successes: mean r(1-p)/p, variance mean/p.
fn negative_binomial(mean: f64, dispersion: f64) -> Option<NegativeBinomial> {
    let p = dispersion / (dispersion + mean);
    // A mean so small beside the dispersion that p rounds to 1 is a count
    // that is always 0 (statrs' pmf is NaN at p = 1).
    if mean <= 0.0 || p >= 1.0 {
        return None;
    }
    NegativeBinomial::new(dispersion, p).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_shapes() -> Vec<Dist> {
        vec![
            Dist::fixed(3.0),
            Dist::Uniform {
                low: 2.0,
                high: 6.0,
            },
            Dist::Triangular {
                low: 1.0,
                mode: 2.0,
                high: 6.0,
            },
            Dist::Pert {
                low: 1.0,
                mode: 2.0,
                high: 6.0,
            },
            Dist::Normal {
                mean: 10.0,
                sd: 2.0,
            },
            Dist::LogNormal {
                p5: 1_000.0,
                p95: 9_000.0,
            },
            Dist::Poisson { mean: 4.5 },
            Dist::NegBinomial {
                mean: 6.0,
                dispersion: 2.0,
            },
            Dist::Geometric { mean: 5.0 },
        ]
    }

    /// Mean and variance by integrating the quantile function on a fine
    /// midpoint grid match the closed forms (to 0.5%: the grid truncates tails).
    #[test]
    fn quantile_functions_have_the_closed_form_moments() {
        let n = 200_000;
        for d in all_shapes() {
            let xs: Vec<f64> = (0..n)
                .map(|i| d.quantile((i as f64 + 0.5) / n as f64))
                .collect();
            let mean = xs.iter().sum::<f64>() / n as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            let scale = d.mean().abs().max(1.0);
            assert!(
                (mean - d.mean()).abs() < 0.005 * scale,
                "{d:?}: mean {mean} vs {}",
                d.mean()
            );
            let vscale = d.variance().max(1e-9);
            assert!(
                (var - d.variance()).abs() < 0.01 * vscale + 1e-9,
                "{d:?}: var {var} vs {}",
                d.variance()
            );
        }
    }

    #[test]
    fn lognormal_interval_is_the_5th_and_95th_percentile() {
        let d = Dist::LogNormal {
            p5: 5_000.0,
            p95: 20_000.0,
        };
        assert!((d.quantile(0.05) - 5_000.0).abs() < 1e-6);
        assert!((d.quantile(0.95) - 20_000.0).abs() < 1e-6);
    }

    #[test]
    fn count_pmfs_sum_to_one_and_match_the_mean() {
        for d in all_shapes().into_iter().filter(Dist::is_count) {
            let (mut total, mut mean) = (0.0, 0.0);
            for k in 0..2_000 {
                let p = d.pmf(k);
                total += p;
                mean += k as f64 * p;
            }
            assert!((total - 1.0).abs() < 1e-9, "{d:?}: {total}");
            assert!((mean - d.mean()).abs() < 1e-6, "{d:?}: {mean}");
        }
    }

    #[test]
    fn bad_parameters_name_the_field() {
        let e = Dist::Uniform {
            low: 5.0,
            high: 1.0,
        }
        .validate("workload.x", 0.0, 10.0)
        .unwrap_err();
        assert_eq!(e.field(), "workload.x");
        let e = Dist::Fixed { value: 1.5 }
            .validate("share", 0.0, 1.0)
            .unwrap_err();
        assert_eq!(e.field(), "share.value");
        assert!(e.to_string().contains("1.5"));
        let e = Dist::LogNormal { p5: -1.0, p95: 3.0 }
            .validate("q", 0.0, 1e9)
            .unwrap_err();
        assert_eq!(e.field(), "q.p5");
        assert!(
            Dist::Normal {
                mean: f64::NAN,
                sd: 1.0
            }
            .validate("n", 0.0, 1.0)
            .is_err()
        );
    }
}
