//! Agent runs (seed 002, "the $50,000 loop"). A run of s steps makes s LLM
//! calls; each step's context grows, so its input tokens grow quadratically
//! in s. A small share of runs loop until something stops them: a step limit,
//! a per-run budget cap (circuit breakers), or else the timeout.

use serde::{Deserialize, Serialize};

use crate::dist::Dist;
use crate::error::Bound;
use crate::fields::{Field, Section, Slot, Walk};

/// Agentic queries: multi-step runs with tools, which sometimes loop (seed 002).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agents {
    /// Share of queries that start an agent run instead of one LLM call.
    pub agentic_share: Dist,
    /// Steps (LLM calls) in a normal run: a count distribution.
    pub steps_per_run: Dist,
    /// Context each step adds for the next (tool results, reasoning), tokens.
    pub context_growth_tokens_per_step: f64,
    /// Output tokens generated per step.
    pub output_tokens_per_step: f64,
    /// Paid tool or API calls per step, in currency.
    pub tool_usd_per_step: f64,
    /// Chance that a run loops (retries endlessly) until something stops it.
    pub loop_probability: Dist,
    /// Steps a looping run makes before the timeout kills it, when no step
    /// limit or budget cap stops it first.
    pub loop_timeout_steps: f64,
}

const STEPS: Bound = Bound::new(0.0, 1e4, "must lie in the field's range");
const TOKENS_PER_STEP: Bound = Bound::new(0.0, 1e6, "must be between 0 and 1,000,000");

pub const AGENTIC: Field = Field::dist(
    "agentic_share",
    "Agentic share",
    "% of queries",
    Bound::SHARE,
    "Queries that start a multi-step agent run instead of one call.",
)
.percent();
pub const STEPS_PER_RUN: Field = Field::dist(
    "steps_per_run",
    "Steps per run",
    "LLM calls",
    STEPS,
    "A count: Poisson, negative binomial or geometric.",
)
.count();
pub const CONTEXT_GROWTH: Field = Field::number(
    "context_growth_tokens_per_step",
    "Context growth",
    "tokens / step",
    TOKENS_PER_STEP,
    "Tool results and reasoning each step adds to the next one's prompt.",
);
pub const OUTPUT_PER_STEP: Field = Field::number(
    "output_tokens_per_step",
    "Output per step",
    "tokens / step",
    TOKENS_PER_STEP,
    "Tokens each step generates: a tool call's arguments or a plan (the FinOps guide: agents call the model many times per task).",
);
pub const TOOL_COST: Field = Field::number(
    "tool_usd_per_step",
    "Tool cost",
    "$ / step",
    Bound::new(0.0, 1e4, "must be between 0 and 10,000"),
    "Paid APIs an agent calls per step.",
);
pub const LOOPS: Field = Field::dist(
    "loop_probability",
    "Loop probability",
    "% of runs",
    Bound::SHARE,
    "The FinOps guide: an agent 'retrying endlessly', the $50,000 loop.",
)
.percent();
pub const LOOP_TIMEOUT: Field = Field::number(
    "loop_timeout_steps",
    "Loop timeout",
    "steps",
    Bound::new(1.0, 1e5, "must be between 1 and 100,000 steps"),
    "Steps a loop runs before a timeout kills it, if no limit or cap stops it first.",
);

impl Section for Agents {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&AGENTIC, Slot::Dist(&mut self.agentic_share));
        w.field(&STEPS_PER_RUN, Slot::Dist(&mut self.steps_per_run));
        w.field(
            &CONTEXT_GROWTH,
            Slot::Number(&mut self.context_growth_tokens_per_step),
        );
        w.field(
            &OUTPUT_PER_STEP,
            Slot::Number(&mut self.output_tokens_per_step),
        );
        w.field(&TOOL_COST, Slot::Number(&mut self.tool_usd_per_step));
        w.field(&LOOPS, Slot::Dist(&mut self.loop_probability));
        w.field(&LOOP_TIMEOUT, Slot::Number(&mut self.loop_timeout_steps));
    }
}

/// What one more step of an agent run costs, per input and output token
/// and per call: the marginal prices a per-run budget cap is held to.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StepPrices {
    pub usd_per_input_token: f64,
    pub usd_per_output_token: f64,
    pub usd_per_call: f64,
    /// What a reasoning token costs less than an output token (0 unless
    /// the model prices reasoning apart).
    pub usd_off_per_reasoning_token: f64,
}

impl StepPrices {
    /// These prices with a share `share` of calls at `other`'s.
    pub fn blend(self, other: Option<StepPrices>, share: f64) -> StepPrices {
        match other {
            Some(o) => StepPrices {
                usd_per_input_token: (1.0 - share) * self.usd_per_input_token
                    + share * o.usd_per_input_token,
                usd_per_output_token: (1.0 - share) * self.usd_per_output_token
                    + share * o.usd_per_output_token,
                usd_per_call: (1.0 - share) * self.usd_per_call + share * o.usd_per_call,
                usd_off_per_reasoning_token: (1.0 - share) * self.usd_off_per_reasoning_token
                    + share * o.usd_off_per_reasoning_token,
            },
            None => self,
        }
    }
}

/// The LLM work of one architecture's month: calls and tokens of the chat
/// queries, the normal agent runs and the runaway loops.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Work {
    pub chat_calls: f64,
    /// Input tokens of one chat call (also an agent run's first step).
    pub call_input: f64,
    pub chat_in: f64,
    pub chat_out: f64,
    pub agent_calls: f64,
    pub agent_in: f64,
    pub agent_out: f64,
    pub loop_calls: f64,
    pub loop_in: f64,
    pub loop_out: f64,
    /// Paid tool calls of normal runs and of loops.
    pub tool_usd: f64,
    pub loop_tool_usd: f64,
    /// Hidden reasoning tokens of each call (chat, agent step or loop step),
    /// inside its output counts above.
    pub reasoning_per_call: f64,
    /// Runs (normal ones that run long, and loops) cut short by the step
    /// limit and by the budget cap: the price of the circuit breakers.
    pub runs_cut_by_step_limit: f64,
    pub runs_cut_by_budget_cap: f64,
    /// Agent and loop steps whose input was cut to the context window.
    pub steps_at_window: f64,
}

/// What a month's agent runs look like for one architecture.
#[derive(Clone, Copy)]
pub struct Runs<'a> {
    pub agents: &'a Agents,
    pub steps: &'a StepTable,
    pub agent_runs: f64,
    pub loops: f64,
    pub output_cap: Option<f64>,
    /// The circuit breakers: most steps a run may take, most it may spend.
    pub step_limit: f64,
    pub budget_cap: Option<f64>,
    /// The model's context window, tokens (infinite: unknown).
    pub window_tokens: f64,
    /// Hidden reasoning tokens each step generates besides its output.
    pub reasoning_tokens: f64,
}

impl Runs<'_> {
    /// The month's work given a chat call's tokens; `marginal` prices one
    /// more step (for the budget cap), asked only when there is a cap.
    pub fn work(
        &self,
        chat_calls: f64,
        call_input: f64,
        call_output: f64,
        marginal: impl FnOnce() -> StepPrices,
    ) -> Work {
        let ag = self.agents;
        let output_tokens_per_step = self.output_cap.map_or(ag.output_tokens_per_step, |cap| {
            ag.output_tokens_per_step.min(cap)
        }) + self.reasoning_tokens;
        let max_input = (self.window_tokens - output_tokens_per_step).max(0.0);
        let shape = RunShape {
            first_step_input_tokens: call_input.min(max_input),
            growth_tokens_per_step: ag.context_growth_tokens_per_step,
            output_tokens_per_step,
            tool_usd_per_step: ag.tool_usd_per_step,
            max_input_tokens: max_input,
        };
        let budget_steps = self.budget_cap.map_or(f64::INFINITY, |cap| {
            let p = marginal();
            // A price per call is paid at each step, like its tools; so is
            // the difference a reasoning price makes (never below the
            // step's reasoning at its own price: the output counts it).
            let priced = RunShape {
                tool_usd_per_step: shape.tool_usd_per_step + p.usd_per_call
                    - p.usd_off_per_reasoning_token * self.reasoning_tokens,
                ..shape
            };
            priced.steps_within_budget(cap, p.usd_per_input_token, p.usd_per_output_token)
        });
        let limit = self.step_limit.min(budget_steps);
        let (e1, _) = self.steps.moments(limit);
        // Steps past the window send a full window each: E[min(S, J)] steps
        // grow, the rest are at the window.
        let (k1, k2) = self.steps.moments(limit.min(shape.steps_below_window()));
        let normal_runs = (self.agent_runs - self.loops).max(0.0);
        let loop_steps = limit.min(ag.loop_timeout_steps);
        let loop_steps_at_window = loop_steps - loop_steps.min(shape.steps_below_window());
        // The breaker that binds first cuts the runs longer than its limit,
        // and every loop it stops before the timeout does.
        let cut = normal_runs * self.steps.p_exceeds(limit)
            + if limit <= ag.loop_timeout_steps {
                self.loops
            } else {
                0.0
            };
        let (by_step_limit, by_budget_cap) = if budget_steps < self.step_limit {
            (0.0, cut)
        } else if self.step_limit.is_finite() {
            (cut, 0.0)
        } else {
            (0.0, 0.0)
        };
        let agent_calls = normal_runs * e1;
        let loop_calls = self.loops * loop_steps;
        Work {
            chat_calls,
            call_input,
            chat_in: chat_calls * call_input,
            chat_out: chat_calls * call_output,
            agent_calls,
            agent_in: normal_runs
                * (shape.expected_input_tokens(k1, k2) + shape.at_window_tokens(e1 - k1)),
            agent_out: agent_calls * shape.output_tokens_per_step,
            loop_calls,
            loop_in: self.loops * shape.input_tokens(loop_steps),
            loop_out: loop_calls * shape.output_tokens_per_step,
            tool_usd: agent_calls * ag.tool_usd_per_step,
            loop_tool_usd: loop_calls * ag.tool_usd_per_step,
            reasoning_per_call: self.reasoning_tokens,
            runs_cut_by_step_limit: by_step_limit,
            runs_cut_by_budget_cap: by_budget_cap,
            steps_at_window: normal_runs * (e1 - k1) + self.loops * loop_steps_at_window,
        }
    }
}

/// The token shape of one agent run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunShape {
    /// Input tokens of the first step (instructions, query, history, context).
    pub first_step_input_tokens: f64,
    pub growth_tokens_per_step: f64,
    pub output_tokens_per_step: f64,
    pub tool_usd_per_step: f64,
    /// The most input a step can send: the window minus its output.
    pub max_input_tokens: f64,
}

impl RunShape {
    /// Whole steps whose input still fits the window (the j-th step sends
    /// first + g·(j−1)); infinite when the context never reaches it.
    pub fn steps_below_window(&self) -> f64 {
        let (first, g) = (self.first_step_input_tokens, self.growth_tokens_per_step);
        if g <= 0.0 || !self.max_input_tokens.is_finite() {
            return f64::INFINITY;
        }
        ((self.max_input_tokens - first) / g).floor() + 1.0
    }

    /// Input tokens of a whole run of `s` steps: s·first + g·s(s−1)/2 while
    /// the context fits, then a full window each step.
    pub fn input_tokens(&self, s: f64) -> f64 {
        let below = s.min(self.steps_below_window());
        below * self.first_step_input_tokens
            + self.growth_tokens_per_step * below * (below - 1.0) / 2.0
            + self.at_window_tokens(s - below)
    }

    /// Input tokens of `steps` steps sent at the window (none when no step
    /// reaches it, whatever the window: an unknown one is infinite).
    pub fn at_window_tokens(&self, steps: f64) -> f64 {
        if steps > 0.0 {
            steps * self.max_input_tokens
        } else {
            0.0
        }
    }

    /// Input tokens of a run given E[s] and E[s²] (runs of random length
    /// that stay below the window).
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
        // Past the window each step costs the same: linear from there.
        let below = self.steps_below_window();
        let s = if s > below {
            let per_step = self.max_input_tokens * usd_per_input_token
                + self.output_tokens_per_step * usd_per_output_token
                + self.tool_usd_per_step;
            let left = cap_usd - self.cost(below, usd_per_input_token, usd_per_output_token);
            if per_step > 0.0 {
                below + left / per_step
            } else {
                f64::INFINITY
            }
        } else {
            s
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
    /// above[k] = P(S > k).
    above: Vec<f64>,
    mean: f64,
    mean_sq: f64,
}

/// Longest table: beyond it a limit no longer binds.
const MAX_STEPS: u64 = 100_000;

impl StepTable {
    pub fn new(steps: &Dist) -> StepTable {
        let (mut first, mut second, mut above) = (vec![0.0], vec![0.0], Vec::new());
        // Running Σ_{s<k} s·p(s), Σ_{s<k} s²·p(s), P(S < k).
        let (mut m1, mut m2, mut below) = (0.0, 0.0, 0.0);
        let mut k: u64 = 0;
        while k < MAX_STEPS {
            let p = steps.pmf(k);
            let kf = k as f64;
            m1 += kf * p;
            m2 += kf * kf * p;
            below += p;
            above.push((1.0 - below).max(0.0));
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
            above,
        }
    }

    /// P(S > limit): the share of runs a limit of `limit` steps cuts short.
    pub fn p_exceeds(&self, limit: f64) -> f64 {
        if limit.is_nan() || limit >= self.above.len() as f64 {
            return 0.0;
        }
        self.above[limit.max(0.0) as usize]
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
            max_input_tokens: f64::INFINITY,
        }
    }

    /// A 128K window, 200 output tokens a step: steps send at most 127,800
    /// tokens. 2,000 + 500·(j−1) ≤ 127,800 for j ≤ 252; a 500-step loop
    /// sends Σ_{j≤252} (2,000 + 500(j−1)) + 248 × 127,800 tokens.
    #[test]
    fn steps_past_the_window_send_a_full_window() {
        let s = RunShape {
            max_input_tokens: 128_000.0 - 200.0,
            ..shape()
        };
        assert_eq!(s.steps_below_window(), 252.0);
        let below: f64 = (1..=252).map(|j| 2_000.0 + 500.0 * f64::from(j - 1)).sum();
        assert_eq!(s.input_tokens(500.0), below + 248.0 * 127_800.0);
        assert_eq!(s.input_tokens(10.0), shape().input_tokens(10.0));
        // The budget cap counts the window too: the most steps under $50.
        let (pi, po) = (2.5e-6, 10e-6);
        let k = s.steps_within_budget(50.0, pi, po);
        assert!(
            s.cost(k, pi, po) <= 50.0 && s.cost(k + 1.0, pi, po) > 50.0,
            "{k}"
        );
        assert!(k > 252.0);
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
