//! Random streams. Every uncertain input and every stochastic process of a
//! trial draws from its own stream, keyed by (seed, trial, name): a trial's
//! numbers do not depend on which other trials ran, in which chunk or worker,
//! nor on which other inputs the scenario has. That is what makes results
//! identical however the trials are chunked, and the draws common to all
//! architectures (common random numbers).

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The named generator behind every stream (fast, small state, well tested).
pub type Stream = Xoshiro256PlusPlus;

/// A stable 64-bit hash of a stream name (FNV-1a): unlike `std`'s hasher it is
/// the same on every platform and Rust version.
pub const fn name_hash(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// SplitMix64's finaliser: spreads nearby (seed, trial, name) triples apart.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The stream of one named process in one trial.
pub fn stream(seed: u64, trial: u64, name_hash: u64) -> Stream {
    let key = mix(seed ^ mix(trial.wrapping_add(0x9e37_79b9_7f4a_7c15) ^ mix(name_hash)));
    Stream::seed_from_u64(key)
}

/// One uniform in the open interval (0, 1) for a named input of a trial, taken
/// from the top 53 bits of a counter-based hash: no generator state needed.
pub fn uniform(seed: u64, trial: u64, name_hash: u64) -> f64 {
    let bits = mix(mix(seed ^ 0x5851_f42d_4c95_7f2d) ^ mix(trial ^ mix(name_hash)));
    ((bits >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniforms_are_in_the_open_unit_interval_and_differ_by_name_and_trial() {
        let a = uniform(1, 0, name_hash("a"));
        let b = uniform(1, 0, name_hash("b"));
        let c = uniform(1, 1, name_hash("a"));
        for u in [a, b, c] {
            assert!(u > 0.0 && u < 1.0);
        }
        assert!(a != b && a != c);
    }

    #[test]
    fn uniforms_have_the_mean_and_variance_of_u01() {
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|t| uniform(7, t, name_hash("x"))).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        // Standard error of the mean is sqrt(1/12 / n) ≈ 0.00065: allow 5 of them.
        assert!((mean - 0.5).abs() < 5.0 * (1.0 / 12.0 / n as f64).sqrt());
        assert!((var - 1.0 / 12.0).abs() < 0.002);
    }
}
