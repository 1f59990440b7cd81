//! Agent runs (seed 002, "the $50,000 loop"). A run of s steps makes s LLM
//! calls; each step's context grows, so its input tokens grow quadratically
//! in s. A small share of runs loop until something stops them: a step limit,
//! a per-run budget cap (circuit breakers), or else the timeout.

use crate::dist::Dist;

/// The token shape of one agent run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunShape {
    /// Input tokens of the first step (instructions, query, history, context).
    pub first_step_input_tokens: f64,
    pub growth_tokens_per_step: f64,
    pub output_tokens_per_step: f64,
    pub tool_usd_per_step: f64,
}

impl RunShape {
    /// Input tokens of a whole run of `s` steps: s·first + g·s(s−1)/2.
    pub fn input_tokens(&self, s: f64) -> f64 {
        s * self.first_step_input_tokens + self.growth_tokens_per_step * s * (s - 1.0) / 2.0
    }

    /// Input tokens of a run given E[s] and E[s²] (runs of random length).
    pub fn expected_input_tokens(&self, e1: f64, e2: f64) -> f64 {
        e1 * self.first_step_input_tokens + self.growth_tokens_per_step * (e2 - e1) / 2.0
    }

    /// Cost of a run of `s` steps at these per-token prices.
    pub fn cost(&self, s: f64, usd_per_input_token: f64, usd_per_output_token: f64) -> f64 {
        self.input_tokens(s) * usd_per_input_token
            + s * (self.output_tokens_per_step * usd_per_output_token + self.tool_usd_per_step)
    }

    /// Most whole steps a run can take without its cost exceeding `cap_usd`.
    pub fn steps_within_budget(
        &self,
        cap_usd: f64,
        usd_per_input_token: f64,
        usd_per_output_token: f64,
    ) -> f64 {
        // cost(s) = a s² + b s with a = p·g/2 and b = p·(first − g/2) + out·q + tool.
        let a = usd_per_input_token * self.growth_tokens_per_step / 2.0;
        let b = usd_per_input_token
            * (self.first_step_input_tokens - self.growth_tokens_per_step / 2.0)
            + self.output_tokens_per_step * usd_per_output_token
            + self.tool_usd_per_step;
        let s = if a > 0.0 {
            (-b + (b * b + 4.0 * a * cap_usd).sqrt()) / (2.0 * a)
        } else if b > 0.0 {
            cap_usd / b
        } else {
            f64::INFINITY
        };
        let mut whole = s.floor().max(0.0);
        // Guard the floor against rounding right at the boundary.
        while whole > 0.0
            && self.cost(whole, usd_per_input_token, usd_per_output_token) > cap_usd * (1.0 + 1e-12)
        {
            whole -= 1.0;
        }
        whole
    }
}

/// E[min(S, k)] and E[min(S, k)²] for every whole limit k of a step-count
/// distribution S, precomputed once so a trial's limit is a table look-up.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTable {
    first: Vec<f64>,
    second: Vec<f64>,
    mean: f64,
    mean_sq: f64,
}

/// Longest table: beyond it a limit no longer binds.
const MAX_STEPS: u64 = 100_000;

impl StepTable {
    pub fn new(steps: &Dist) -> StepTable {
        let (mut first, mut second) = (vec![0.0], vec![0.0]);
        // Running Σ_{s<k} s·p(s), Σ_{s<k} s²·p(s), P(S < k).
        let (mut m1, mut m2, mut below) = (0.0, 0.0, 0.0);
        let mut k: u64 = 0;
        while k < MAX_STEPS {
            let p = steps.pmf(k);
            let kf = k as f64;
            m1 += kf * p;
            m2 += kf * kf * p;
            below += p;
            k += 1;
            let kf = k as f64;
            first.push(m1 + kf * (1.0 - below).max(0.0));
            second.push(m2 + kf * kf * (1.0 - below).max(0.0));
            if 1.0 - below < 1e-13 && kf > steps.mean() {
                break;
            }
        }
        StepTable {
            mean: m1,
            mean_sq: m2,
            first,
            second,
        }
    }

    /// (E[min(S, limit)], E[min(S, limit)²]); `limit` may be infinite.
    pub fn moments(&self, limit: f64) -> (f64, f64) {
        if limit.is_nan() || limit >= (self.first.len() - 1) as f64 {
            return (self.mean, self.mean_sq);
        }
        let k = limit.max(0.0) as usize;
        (self.first[k], self.second[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> RunShape {
        RunShape {
            first_step_input_tokens: 2_000.0,
            growth_tokens_per_step: 500.0,
            output_tokens_per_step: 200.0,
            tool_usd_per_step: 0.001,
        }
    }

    #[test]
    fn input_tokens_grow_quadratically_with_steps() {
        let s = shape();
        assert_eq!(s.input_tokens(1.0), 2_000.0);
        assert_eq!(s.input_tokens(3.0), 2_000.0 + 2_500.0 + 3_000.0);
    }

    #[test]
    fn budget_steps_are_the_most_that_fit_under_the_cap() {
        let s = shape();
        let (pi, po) = (3e-6, 15e-6);
        for cap in [0.001, 0.05, 1.0, 37.0] {
            let k = s.steps_within_budget(cap, pi, po);
            assert!(s.cost(k, pi, po) <= cap * (1.0 + 1e-12));
            assert!(s.cost(k + 1.0, pi, po) > cap);
        }
    }

    #[test]
    fn step_table_matches_direct_sums() {
        let d = Dist::NegBinomial {
            mean: 6.0,
            dispersion: 2.0,
        };
        let t = StepTable::new(&d);
        for limit in [0.0, 1.0, 5.0, 12.0] {
            let (mut e1, mut e2) = (0.0, 0.0);
            for s in 0..5_000u64 {
                let m = (s as f64).min(limit);
                e1 += m * d.pmf(s);
                e2 += m * m * d.pmf(s);
            }
            let (t1, t2) = t.moments(limit);
            assert!(
                (t1 - e1).abs() < 1e-9 && (t2 - e2).abs() < 1e-7,
                "{limit}: {t1} {e1} {t2} {e2}"
            );
        }
        let (m1, m2) = t.moments(f64::INFINITY);
        assert!((m1 - 6.0).abs() < 1e-9);
        assert!((m2 - (6.0 + 36.0 / 2.0 + 36.0)).abs() < 1e-6);
    }
}
