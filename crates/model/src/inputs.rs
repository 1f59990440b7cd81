//! The uncertain inputs of a scenario, each with a stable key: the key names
//! it in correlations and sensitivity results, and seeds its own random
//! stream, so adding an input or an architecture never changes another
//! input's draws. Each is a distribution field a lever declares (its label
//! and bound); this registry says where each lives.

use crate::copula::Copula;
use crate::dist::Dist;
use crate::error::ModelError;
use crate::fields::Input as Declared;
use crate::levers::{agents, fine_tuning, retrieval, routing, semantic_cache, tokens};
use crate::pert_table::PertTable;
use crate::rng::{name_hash, uniform};
use crate::scenario::{Architecture, Scenario, outcome};
use crate::workload;

/// Inputs shared by every architecture, in their slot order.
pub const SHARED: [Declared<Scenario>; 7] = [
    Declared {
        key: "queries_per_day",
        field: &workload::QUERIES_PER_DAY,
        dist: |s| Some(&s.workload.queries_per_day),
    },
    Declared {
        key: "turns_per_conversation",
        field: &workload::TURNS,
        dist: |s| Some(&s.workload.turns_per_conversation),
    },
    Declared {
        key: "query_tokens",
        field: &workload::QUERY_TOKENS,
        dist: |s| Some(&s.workload.query_tokens.mean_tokens),
    },
    Declared {
        key: "output_tokens",
        field: &workload::OUTPUT_TOKENS,
        dist: |s| Some(&s.workload.output_tokens.mean_tokens),
    },
    Declared {
        key: "agentic_share",
        field: &agents::AGENTIC,
        dist: |s| Some(&s.agents.agentic_share),
    },
    Declared {
        key: "loop_probability",
        field: &agents::LOOPS,
        dist: |s| Some(&s.agents.loop_probability),
    },
    Declared {
        key: "success_rate",
        field: &outcome::SUCCESS_RATE,
        dist: |s| Some(&s.outcome.success_rate),
    },
];
pub const QUERIES_PER_DAY: usize = 0;
pub const TURNS: usize = 1;
pub const QUERY_TOKENS: usize = 2;
pub const OUTPUT_TOKENS: usize = 3;
pub const AGENTIC_SHARE: usize = 4;
pub const LOOP_PROBABILITY: usize = 5;
pub const SUCCESS_RATE: usize = 6;

/// Inputs each architecture has, in their slot order (each a field its
/// lever declares; a fixed 0 where the architecture does not use it).
pub const PER_ARCHITECTURE: [Declared<Architecture>; 6] = [
    Declared {
        key: "frontier_share",
        field: &routing::SHARE,
        dist: |a| a.routing.as_ref().map(|r| &r.frontier_share),
    },
    Declared {
        key: "cache_hit_rate",
        field: &semantic_cache::HIT,
        dist: |a| a.guardrails.semantic_cache.as_ref().map(|c| &c.hit_rate),
    },
    Declared {
        key: "corpus_churn",
        field: &retrieval::CHURN,
        dist: |a| a.design.retrieval().map(|r| &r.monthly_churn),
    },
    Declared {
        key: "minutes_per_example",
        field: &fine_tuning::MINUTES,
        dist: |a| a.design.fine_tuning().map(|f| &f.minutes_per_example),
    },
    Declared {
        key: "hours_per_run",
        field: &fine_tuning::HOURS,
        dist: |a| a.design.fine_tuning().map(|f| &f.hours_per_run),
    },
    Declared {
        key: "reasoning_tokens",
        field: &tokens::REASONING,
        dist: |a| Some(&a.reasoning_tokens_per_call),
    },
];
pub const FRONTIER_SHARE: usize = 0;
pub const CACHE_HIT_RATE: usize = 1;
pub const CORPUS_CHURN: usize = 2;
pub const MINUTES_PER_EXAMPLE: usize = 3;
pub const HOURS_PER_RUN: usize = 4;
pub const REASONING_TOKENS: usize = 5;

/// An input key's name for people ("rag.cache_hit_rate" → "Cache hit rate").
pub fn label(key: &str) -> Option<&'static str> {
    match key.rsplit_once('.') {
        Some((_, own)) => PER_ARCHITECTURE
            .iter()
            .find(|i| i.key == own)
            .map(|i| i.label()),
        None => SHARED.iter().find(|i| i.key == key).map(|i| i.label()),
    }
}

/// The share of a distribution's draws below `low` and above `high`, by
/// bisection on its quantile function: what drawing clamps to the field's
/// bound. Only the unbounded shapes (normal, lognormal, the counts) can
/// reach past it: validation keeps the bounded ones inside.
pub fn share_outside(d: &Dist, low: f64, high: f64) -> (f64, f64) {
    let unbounded = matches!(
        d,
        Dist::Normal { .. }
            | Dist::LogNormal { .. }
            | Dist::Poisson { .. }
            | Dist::NegBinomial { .. }
            | Dist::Geometric { .. }
    );
    if !unbounded {
        return (0.0, 0.0);
    }
    // The largest u whose quantile is `inside` x.
    let reach = |inside: &dyn Fn(f64) -> bool| {
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if inside(d.quantile(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let below = if d.quantile(0.0) < low {
        reach(&|x| x < low)
    } else {
        0.0
    };
    let above = if d.quantile(1.0) > high {
        1.0 - reach(&|x| x <= high)
    } else {
        0.0
    };
    (below, above)
}

/// A sentence for a scenario some of whose uncertain inputs put more than
/// 0.1% of their draws past their field's bound: those draws are held at
/// it, so the spread simulated is narrower than the one entered (issue 32:
/// a lognormal's tail reached 1e15 queries a day, held silently at 1e10).
pub fn held_at_bounds_note(s: &Scenario) -> Option<String> {
    let mut held = Vec::new();
    let mut say = |who: String, field: &crate::fields::Field, b: crate::error::Bound, d: &Dist| {
        let (below, above) = share_outside(d, b.low, b.high);
        let unit = field.unit;
        for (share, side, at) in [(below, "below", b.low), (above, "above", b.high)] {
            if share > 0.001 {
                held.push(format!(
                    "{who}{}: {:.1}% of draws {side} {} {unit}",
                    field.label,
                    share * 100.0,
                    crate::markup::count(at)
                ));
            }
        }
    };
    for input in &SHARED {
        if let Some(d) = (input.dist)(s) {
            say(String::new(), input.field, input.bound(), d);
        }
    }
    for a in &s.architectures {
        for input in &PER_ARCHITECTURE {
            if let Some(d) = (input.dist)(a) {
                say(format!("{}: ", a.name), input.field, input.bound(), d);
            }
        }
    }
    (!held.is_empty()).then(|| {
        format!(
            "Held at the field's bounds: {}. Those draws take the bound's value, so the spread simulated is narrower than the one entered.",
            held.join("; ")
        )
    })
}

/// Whether input `key` can move architecture `arch_id`'s costs: a shared
/// input, or one of its own (another architecture's draws are its own).
pub fn is_input_of(key: &str, arch_id: &str) -> bool {
    match key.rsplit_once('.') {
        Some((arch, _)) => arch == arch_id,
        None => true,
    }
}

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
        let zero = Dist::fixed(0.0);
        for input in &SHARED {
            let b = input.bound();
            let dist = (input.dist)(s).unwrap_or(&zero);
            push(input.key.to_owned(), dist.clone(), b.low, b.high);
        }
        for a in &s.architectures {
            for input in &PER_ARCHITECTURE {
                let dist = (input.dist)(a).unwrap_or(&zero);
                let key = format!("{}.{}", a.id, input.key);
                let b = input.bound();
                push(key, dist.clone(), b.low, b.high);
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

    /// Architecture `arch`'s inputs in a trial's input vector, by slot.
    pub fn arch_slice(values: &[f64], arch: usize) -> &[f64] {
        let start = Self::arch_index(arch, 0);
        &values[start..start + PER_ARCHITECTURE.len()]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: a lognormal with P5 3,000 and P95 5e9 has
    /// μ = (ln 3,000 + ln 5e9)/2 and σ = (ln 5e9 − ln 3,000)/(2 · 1.6449);
    /// P(X > 1e10) = 1 − Φ((ln 1e10 − μ)/σ) = 3.6%: held at the bound, and
    /// said. A normal share around 0.05 with sd 0.1 puts Φ(−0.5) = 30.9%
    /// below 0. Nothing is said for the presets.
    #[test]
    fn draws_past_a_bound_are_measured_and_said() {
        use statrs::distribution::{ContinuousCDF, Normal};
        let phi = |z: f64| Normal::new(0.0, 1.0).unwrap().cdf(z);
        let z95 = 1.644_853_626_951_472_2;
        let (lo, hi) = (3_000f64.ln(), 5e9f64.ln());
        let (mu, sigma) = ((lo + hi) / 2.0, (hi - lo) / (2.0 * z95));
        let want = 1.0 - phi((1e10f64.ln() - mu) / sigma);
        let d = Dist::LogNormal {
            p5: 3_000.0,
            p95: 5e9,
        };
        let (below, above) = share_outside(&d, 0.0, 1e10);
        assert_eq!(below, 0.0);
        assert!((above - want).abs() < 1e-9, "{above} against {want}");
        assert!((want - 0.036).abs() < 0.001, "{want}");
        let (below, _) = share_outside(
            &Dist::Normal {
                mean: 0.05,
                sd: 0.1,
            },
            0.0,
            1.0,
        );
        assert!((below - phi(-0.5)).abs() < 1e-9, "{below}");
        // Bounded shapes never reach past it.
        let pert = Dist::Pert {
            low: 0.0,
            mode: 0.5,
            high: 1.0,
        };
        assert_eq!(share_outside(&pert, 0.0, 1.0), (0.0, 0.0));

        let mut s = crate::presets::knowledge_base();
        for (id, _) in crate::presets::PRESETS {
            assert_eq!(
                held_at_bounds_note(&crate::presets::preset(id).unwrap()),
                None,
                "{id}"
            );
        }
        s.workload.queries_per_day = d;
        let note = held_at_bounds_note(&s).unwrap();
        assert!(
            note.contains("Queries per day: 3.6% of draws above 10,000,000,000"),
            "{note}"
        );
    }

    #[test]
    fn slot_constants_name_their_inputs() {
        assert_eq!(SHARED[QUERIES_PER_DAY].key, "queries_per_day");
        assert_eq!(SHARED[TURNS].key, "turns_per_conversation");
        assert_eq!(SHARED[QUERY_TOKENS].key, "query_tokens");
        assert_eq!(SHARED[OUTPUT_TOKENS].key, "output_tokens");
        assert_eq!(SHARED[AGENTIC_SHARE].key, "agentic_share");
        assert_eq!(SHARED[LOOP_PROBABILITY].key, "loop_probability");
        assert_eq!(SHARED[SUCCESS_RATE].key, "success_rate");
        assert_eq!(PER_ARCHITECTURE[FRONTIER_SHARE].key, "frontier_share");
        assert_eq!(PER_ARCHITECTURE[CACHE_HIT_RATE].key, "cache_hit_rate");
        assert_eq!(PER_ARCHITECTURE[CORPUS_CHURN].key, "corpus_churn");
        assert_eq!(
            PER_ARCHITECTURE[MINUTES_PER_EXAMPLE].key,
            "minutes_per_example"
        );
        assert_eq!(PER_ARCHITECTURE[HOURS_PER_RUN].key, "hours_per_run");
    }
}
