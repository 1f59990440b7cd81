//! Streaming statistics that merge exactly. Chunks of trials may run in any
//! order on any number of workers; their partial results must add up to the
//! very same bits as one run. Float sums depend on order, so sums are kept in
//! fixed point (integers add associatively) and quantiles come from a
//! histogram with fixed log-spaced bins (integer counts).

use serde::{Deserialize, Serialize};

use crate::flat::Flat;

/// Resolution of [`ExactSum`]: a billionth of a unit (a nano-dollar).
const UNIT: f64 = 1e9;
/// Largest value one observation may add (well above any sane monthly cost).
const MAX_VALUE: f64 = 1e15;

/// A sum in fixed point: order-independent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExactSum(i128);

/// The order of `n` items by `cmp`, stable (equal items keep their order).
/// The page's sorts go through this one routine: each closure handed to
/// `sort_by` compiles a sort of its own, a kilobyte or more of the page each.
pub fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

impl ExactSum {
    pub fn add(&mut self, value: f64) {
        self.0 += to_fixed(value);
    }
    pub fn merge(&mut self, other: &ExactSum) {
        self.0 += other.0;
    }
    pub fn total(&self) -> f64 {
        self.0 as f64 / UNIT
    }
    /// The mean over `n` observations (0 for none).
    pub fn mean(&self, n: u64) -> f64 {
        if n == 0 {
            0.0
        } else {
            (self.0 / i128::from(n)) as f64 / UNIT
                + (self.0 % i128::from(n)) as f64 / n as f64 / UNIT
        }
    }
}

fn to_fixed(value: f64) -> i128 {
    let v = if value.is_nan() {
        0.0
    } else {
        value.clamp(-MAX_VALUE, MAX_VALUE)
    };
    let fixed = round_half_away(v * UNIT);
    // Through i64 where it fits (any amount under $9.2 billion): WASM converts
    // a float to i64 in one instruction, to i128 in a library call.
    if fixed.abs() < I64_SAFE {
        fixed as i64 as i128
    } else {
        fixed as i128
    }
}

/// Below 2^63, so a float under it converts to i64 exactly.
const I64_SAFE: f64 = 9.2e18;

/// `f64::round` (halves away from zero) from `trunc`, one WASM instruction
/// where `round` is a library call. Exact: below 2^52 the fraction `x -
/// trunc(x)` is representable, and above it every float is an integer.
fn round_half_away(x: f64) -> f64 {
    let whole = x.trunc();
    if (x - whole).abs() >= 0.5 {
        whole + x.signum()
    } else {
        whole
    }
}

/// Sub-bins per octave: bins are 0.8% wide at most, so a quantile read from
/// them is within 0.4% of the exact sample quantile.
const SUB_BITS: u32 = 7;
const SUB: usize = 1 << SUB_BITS;
/// Octaves covered: 2^-34 (≈ 6e-11) to 2^50 (≈ 1e15).
const MIN_EXP: i32 = -34;
const MAX_EXP: i32 = 50;
const BINS: usize = (MAX_EXP - MIN_EXP) as usize * SUB;

/// Counts of non-negative values in log-spaced bins, plus exact zeros, min and max.
/// Serialized sparsely (non-empty bins only, an empty one's min as null), so a
/// chunk's results travel between workers cheaply and as valid JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct LogHistogram {
    zeros: u64,
    counts: Vec<u32>,
    min: f64,
    max: f64,
}

impl Default for LogHistogram {
    fn default() -> Self {
        Self {
            zeros: 0,
            counts: vec![0; BINS],
            min: f64::INFINITY,
            max: 0.0,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct SparseHistogram {
    zeros: u64,
    /// (bin index, count) of the non-empty bins.
    bins: Vec<(u32, u32)>,
    min: Option<f64>,
    max: f64,
}

impl Serialize for LogHistogram {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SparseHistogram {
            zeros: self.zeros,
            bins: self
                .counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, &c)| (i as u32, c))
                .collect(),
            min: self.min.is_finite().then_some(self.min),
            max: self.max,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for LogHistogram {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let sparse = SparseHistogram::deserialize(d)?;
        let mut h = LogHistogram {
            zeros: sparse.zeros,
            max: sparse.max,
            ..LogHistogram::default()
        };
        h.min = sparse.min.unwrap_or(f64::INFINITY);
        for (i, c) in sparse.bins {
            let slot = h
                .counts
                .get_mut(i as usize)
                .ok_or_else(|| serde::de::Error::custom("histogram bin out of range"))?;
            *slot = c;
        }
        Ok(h)
    }
}

impl Flat for ExactSum {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        i128::take(input).map(ExactSum)
    }
}

/// Sparse, as in JSON: the bins that hold something, as (index, count).
impl Flat for LogHistogram {
    fn put(&self, out: &mut Vec<u8>) {
        self.zeros.put(out);
        let bins: Vec<(u32, u32)> = (0..self.counts.len() as u32)
            .map(|i| (i, self.counts[i as usize]))
            .filter(|&(_, c)| c > 0)
            .collect();
        bins.len().put(out);
        for (i, c) in bins {
            i.put(out);
            c.put(out);
        }
        self.min.put(out);
        self.max.put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let mut h = LogHistogram {
            zeros: u64::take(input)?,
            ..LogHistogram::default()
        };
        for _ in 0..usize::take(input)? {
            let i = u32::take(input)? as usize;
            *h.counts.get_mut(i)? = u32::take(input)?;
        }
        h.min = f64::take(input)?;
        h.max = f64::take(input)?;
        Some(h)
    }
}

impl LogHistogram {
    pub fn add(&mut self, value: f64) {
        let v = if value.is_nan() {
            0.0
        } else {
            value.clamp(0.0, MAX_VALUE)
        };
        self.min = self.min.min(v);
        self.max = self.max.max(v);
        match bin_of(v) {
            Some(i) => self.counts[i] += 1,
            None => self.zeros += 1,
        }
    }

    pub fn merge(&mut self, other: &LogHistogram) {
        self.zeros += other.zeros;
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    pub fn count(&self) -> u64 {
        self.zeros + self.counts.iter().map(|&c| u64::from(c)).sum::<u64>()
    }

    pub fn min(&self) -> f64 {
        if self.min.is_finite() { self.min } else { 0.0 }
    }

    pub fn max(&self) -> f64 {
        self.max
    }

    /// The value at quantile `q` in [0, 1]: the observation at rank q·(n−1),
    /// placed by linear interpolation inside its bin and clamped to [min, max].
    pub fn quantile(&self, q: f64) -> f64 {
        self.quantiles(&[q])[0]
    }

    /// [`quantile`](Self::quantile) at each of `qs` (in increasing order), in
    /// one pass over the bins: the summary asks for a hundred at a time.
    pub fn quantiles(&self, qs: &[f64]) -> Vec<f64> {
        let n = self.count();
        let mut out = Vec::with_capacity(qs.len());
        let mut bins = self.counts.iter().enumerate().filter(|(_, c)| **c > 0);
        let mut current = bins.next();
        let mut below = self.zeros as f64;
        for &q in qs {
            if n == 0 {
                out.push(0.0);
                continue;
            }
            let rank = q.clamp(0.0, 1.0) * (n - 1) as f64;
            if rank < self.zeros as f64 {
                out.push(0.0);
                continue;
            }
            let value = loop {
                let Some((i, &c)) = current else {
                    break self.max;
                };
                let c = f64::from(c);
                if rank < below + c {
                    let (lo, hi) = bin_edges(i);
                    let v = lo + (hi - lo) * (rank - below + 0.5) / c;
                    break v.clamp(self.min(), self.max);
                }
                below += c;
                current = bins.next();
            };
            out.push(value);
        }
        out
    }

    /// Share of observations strictly above `threshold` (bin-exact except in
    /// the threshold's own bin, which is split linearly).
    pub fn share_above(&self, threshold: f64) -> f64 {
        let n = self.count();
        if n == 0 {
            return 0.0;
        }
        let mut above = 0.0;
        for (i, &c) in self.counts.iter().enumerate() {
            let (lo, hi) = bin_edges(i);
            if lo >= threshold {
                above += f64::from(c);
            } else if hi > threshold {
                above += f64::from(c) * (hi - threshold) / (hi - lo);
            }
        }
        above / n as f64
    }

    /// Non-empty bins as (low edge, high edge, count), zeros first as (0, 0, n).
    pub fn bins(&self) -> impl Iterator<Item = (f64, f64, u64)> + '_ {
        let zeros = (self.zeros > 0).then_some((0.0, 0.0, self.zeros));
        zeros
            .into_iter()
            .chain(
                self.counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(i, &c)| {
                        let (lo, hi) = bin_edges(i);
                        (lo, hi, u64::from(c))
                    }),
            )
    }
}

fn bin_of(v: f64) -> Option<usize> {
    if v <= 0.0 {
        return None;
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1023;
    if exp < MIN_EXP {
        return None;
    }
    let sub = ((bits >> (52 - SUB_BITS)) & (SUB as u64 - 1)) as usize;
    Some((((exp.min(MAX_EXP - 1)) - MIN_EXP) as usize) * SUB + sub)
}

fn bin_edges(i: usize) -> (f64, f64) {
    let exp = (i / SUB) as i32 + MIN_EXP;
    let sub = (i % SUB) as f64;
    let base = libm::ldexp(1.0, exp);
    (
        base * (1.0 + sub / SUB as f64),
        base * (1.0 + (sub + 1.0) / SUB as f64),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast conversion gives `f64::round`'s integers, bit for bit: at and
    /// around halves, at the i64 edge, at the clamp, for random amounts.
    #[test]
    fn fixed_point_conversion_is_round_then_cast() {
        let plain = |value: f64| {
            let v = if value.is_nan() {
                0.0
            } else {
                value.clamp(-MAX_VALUE, MAX_VALUE)
            };
            (v * UNIT).round() as i128
        };
        let mut xs = vec![
            0.0,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            MAX_VALUE,
            9.2e9,
            9.3e9,
            -9.3e9,
        ];
        for k in [
            0.5_f64,
            1.5,
            2.5,
            1e6 + 0.5,
            4503599627370495.5,
            4503599627370496.0,
        ] {
            for x in [
                k,
                -k,
                f64::from_bits(k.to_bits() + 1),
                f64::from_bits(k.to_bits() - 1),
            ] {
                xs.push(x / UNIT);
                assert_eq!(round_half_away(x), x.round(), "{x}");
                assert_eq!(round_half_away(-x), (-x).round(), "{x}");
            }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let magnitude = 10f64.powi((state % 26) as i32 - 12);
            xs.push(
                (state >> 11) as f64 / (1u64 << 53) as f64
                    * magnitude
                    * if state & 1 == 0 { 1.0 } else { -1.0 },
            );
        }
        for x in xs {
            assert_eq!(to_fixed(x), plain(x), "{x}");
        }
    }

    #[test]
    fn exact_sums_do_not_depend_on_order() {
        let xs: Vec<f64> = (0..10_000)
            .map(|i| (i as f64 * 0.731).sin().abs() * 1e6 + 0.1)
            .collect();
        let mut forward = ExactSum::default();
        xs.iter().for_each(|&x| forward.add(x));
        let (mut a, mut b) = (ExactSum::default(), ExactSum::default());
        xs.iter().rev().take(3_333).for_each(|&x| a.add(x));
        xs.iter().rev().skip(3_333).for_each(|&x| b.add(x));
        b.merge(&a);
        assert_eq!(forward, b);
        let naive: f64 = xs.iter().sum();
        assert!((forward.total() - naive).abs() / naive < 1e-12);
    }

    #[test]
    fn histogram_quantiles_are_within_half_a_percent_of_exact() {
        let mut xs: Vec<f64> = (1..=100_000).map(|i| (i as f64 / 5_000.0).exp()).collect();
        let mut h = LogHistogram::default();
        xs.iter().for_each(|&x| h.add(x));
        xs.sort_by(f64::total_cmp);
        for q in [0.0, 0.05, 0.5, 0.95, 0.99, 1.0] {
            let exact = xs[((xs.len() - 1) as f64 * q).round() as usize];
            let approx = h.quantile(q);
            assert!(
                (approx - exact).abs() / exact < 0.005,
                "q{q}: {approx} vs {exact}"
            );
        }
        assert_eq!(h.quantile(0.0), xs[0]);
        let qs: Vec<f64> = (0..=200).map(|i| f64::from(i) / 200.0).collect();
        let one_by_one: Vec<f64> = qs.iter().map(|&q| h.quantile(q)).collect();
        assert_eq!(h.quantiles(&qs), one_by_one);
        assert!((h.share_above(xs[49_999]) - 0.5).abs() < 0.005);
    }

    #[test]
    fn histograms_survive_json_sparsely_even_when_empty() {
        let empty = LogHistogram::default();
        let json = serde_json::to_string(&empty).unwrap();
        assert!(json.len() < 60, "{json}");
        assert_eq!(serde_json::from_str::<LogHistogram>(&json).unwrap(), empty);
        let mut h = LogHistogram::default();
        [0.0, 3.5, 1e6].iter().for_each(|&v| h.add(v));
        assert_eq!(
            serde_json::from_str::<LogHistogram>(&serde_json::to_string(&h).unwrap()).unwrap(),
            h
        );
        assert!(
            serde_json::from_str::<LogHistogram>(
                r#"{"zeros":0,"bins":[[99999999,1]],"min":null,"max":0}"#
            )
            .is_err()
        );
    }

    #[test]
    fn zeros_and_merges_are_counted() {
        let (mut a, mut b) = (LogHistogram::default(), LogHistogram::default());
        a.add(0.0);
        a.add(5.0);
        b.add(7.0);
        a.merge(&b);
        assert_eq!(a.count(), 3);
        assert_eq!(a.quantile(0.0), 0.0);
        assert_eq!(a.max(), 7.0);
    }
}
