//! The uncertain inputs of a scenario, each with a stable key: the key names
//! it in correlations and sensitivity results, and seeds its own random
//! stream, so adding an input or an architecture never changes another
//! input's draws.

use crate::copula::Copula;
use crate::dist::Dist;
use crate::error::ModelError;
use crate::pert_table::PertTable;
use crate::rng::{name_hash, uniform};
use crate::scenario::{Design, Scenario};

/// Inputs shared by every architecture, in their slot order.
pub const SHARED: [&str; 7] = [
    "queries_per_day",
    "turns_per_conversation",
    "query_tokens",
    "output_tokens",
    "agentic_share",
    "loop_probability",
    "success_rate",
];
pub const QUERIES_PER_DAY: usize = 0;
pub const TURNS: usize = 1;
pub const QUERY_TOKENS: usize = 2;
pub const OUTPUT_TOKENS: usize = 3;
pub const AGENTIC_SHARE: usize = 4;
pub const LOOP_PROBABILITY: usize = 5;
pub const SUCCESS_RATE: usize = 6;

/// Inputs each architecture has (a fixed 0 where it does not use them).
pub const PER_ARCHITECTURE: [&str; 5] = [
    "frontier_share",
    "cache_hit_rate",
    "corpus_churn",
    "minutes_per_example",
    "hours_per_run",
];
pub const FRONTIER_SHARE: usize = 0;
pub const CACHE_HIT_RATE: usize = 1;
pub const CORPUS_CHURN: usize = 2;
pub const MINUTES_PER_EXAMPLE: usize = 3;
pub const HOURS_PER_RUN: usize = 4;

/// One uncertain input: where it lives, how it is distributed, its valid range.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub key: String,
    pub dist: Dist,
    pub low: f64,
    pub high: f64,
    hash: u64,
    /// Beta-PERT inputs invert through a table (statrs' inversion is slow).
    table: Option<PertTable>,
}

/// All inputs of a scenario, and the copula tying some of them together.
#[derive(Debug, Clone, PartialEq)]
pub struct InputSpace {
    pub inputs: Vec<Input>,
    copula: Option<Copula>,
}

impl InputSpace {
    /// Lists the scenario's inputs; fails on a correlation naming an unknown
    /// key or contradicting the others.
    pub fn new(s: &Scenario) -> Result<InputSpace, ModelError> {
        let w = &s.workload;
        let mut inputs = Vec::new();
        let mut push = |key: String, dist: Dist, low: f64, high: f64| {
            let hash = name_hash(&key);
            let table = match dist {
                Dist::Pert { low, mode, high } => PertTable::new(low, mode, high),
                _ => None,
            };
            inputs.push(Input {
                key,
                dist,
                low,
                high,
                hash,
                table,
            });
        };
        push(
            SHARED[QUERIES_PER_DAY].into(),
            w.queries_per_day.clone(),
            0.0,
            1e10,
        );
        push(
            SHARED[TURNS].into(),
            w.turns_per_conversation.clone(),
            1.0,
            1e4,
        );
        push(
            SHARED[QUERY_TOKENS].into(),
            w.query_tokens.mean_tokens.clone(),
            0.0,
            1e7,
        );
        push(
            SHARED[OUTPUT_TOKENS].into(),
            w.output_tokens.mean_tokens.clone(),
            0.0,
            1e7,
        );
        push(
            SHARED[AGENTIC_SHARE].into(),
            s.agents.agentic_share.clone(),
            0.0,
            1.0,
        );
        push(
            SHARED[LOOP_PROBABILITY].into(),
            s.agents.loop_probability.clone(),
            0.0,
            1.0,
        );
        push(
            SHARED[SUCCESS_RATE].into(),
            s.outcome.success_rate.clone(),
            0.0,
            1.0,
        );
        let zero = Dist::fixed(0.0);
        for a in &s.architectures {
            let frontier = a.routing.as_ref().map_or(&zero, |r| &r.frontier_share);
            let hit = a
                .guardrails
                .semantic_cache
                .as_ref()
                .map_or(&zero, |c| &c.hit_rate);
            let churn = a.design.retrieval().map_or(&zero, |r| &r.monthly_churn);
            let (minutes, hours) = match &a.design {
                Design::FineTuned { fine_tuning } | Design::Hybrid { fine_tuning, .. } => {
                    (&fine_tuning.minutes_per_example, &fine_tuning.hours_per_run)
                }
                _ => (&zero, &zero),
            };
            let ranges = [(0.0, 1.0), (0.0, 1.0), (0.0, 1.0), (0.0, 1e5), (0.0, 1e5)];
            for (slot, dist) in [frontier, hit, churn, minutes, hours]
                .into_iter()
                .enumerate()
            {
                let key = format!("{}.{}", a.id, PER_ARCHITECTURE[slot]);
                push(key, dist.clone(), ranges[slot].0, ranges[slot].1);
            }
        }
        let mut pairs = Vec::new();
        for (i, c) in s.correlations.iter().enumerate() {
            let field = format!("correlations[{i}]");
            let find = |key: &str| {
                inputs
                    .iter()
                    .position(|inp| inp.key == key)
                    .ok_or_else(|| ModelError::Invalid {
                        field: field.clone(),
                        message: format!("no uncertain input is named \"{key}\""),
                    })
            };
            let (a, b) = (find(&c.a)?, find(&c.b)?);
            if a == b {
                return Err(ModelError::Invalid {
                    field,
                    message: "an input cannot be correlated with itself".into(),
                });
            }
            crate::error::check_range(
                &format!("{field}.rank_correlation"),
                c.rank_correlation,
                -0.999,
                0.999,
                "must be between -0.999 and 0.999",
            )?;
            pairs.push((a, b, c.rank_correlation));
        }
        Ok(InputSpace {
            inputs,
            copula: Copula::new(&pairs)?,
        })
    }

    /// Index of architecture `arch`'s input `slot` in a trial's input vector.
    pub fn arch_index(arch: usize, slot: usize) -> usize {
        SHARED.len() + arch * PER_ARCHITECTURE.len() + slot
    }

    /// Draws one trial's inputs into `out` (one value per input).
    pub fn draw(&self, seed: u64, trial: u64, out: &mut Vec<f64>, scratch: &mut Vec<f64>) {
        out.clear();
        out.extend(self.inputs.iter().map(|i| {
            if i.dist.is_fixed() {
                0.5
            } else {
                uniform(seed, trial, i.hash)
            }
        }));
        if let Some(c) = &self.copula {
            c.apply(out, scratch);
        }
        for (v, input) in out.iter_mut().zip(&self.inputs) {
            let x = match &input.table {
                Some(t) => t.quantile(v.clamp(1e-15, 1.0 - 1e-15)),
                None => input.dist.quantile(*v),
            };
            *v = x.clamp(input.low, input.high);
        }
    }
}
