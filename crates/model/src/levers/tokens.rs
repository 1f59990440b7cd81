//! Tokens per LLM call: instructions, the user's query, conversation history
//! (with optional truncation), retrieved context, and the answer (with an
//! optional hard cap), within the model's context window: a call's input
//! never exceeds the window minus its output (the oldest history falls out,
//! as chat and agent frameworks truncate). Seed 000's retrieval overhead
//! multiplier lives here too.

use crate::dist::standard_normal_cdf;
use crate::error::Bound;
use crate::fields::Field;

pub const REASONING: Field = Field::dist(
    "reasoning_tokens_per_call",
    "Reasoning tokens per call",
    "tokens / call",
    Bound::new(0.0, 1e6, "must be between 0 and 1,000,000 tokens"),
    "Hidden thinking of reasoning models (o1, R1): billed as output (at the model's reasoning price where it has one), never shown; the same for calls routed to a frontier model. 0 for other models.",
);

/// What shapes one chat call's tokens for an architecture: its instructions,
/// the workload's history and answer length, and the guardrails' caps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prompt {
    pub instruction_tokens: f64,
    pub history_tokens_per_turn: f64,
    pub history_cap: Option<f64>,
    /// Query-to-query coefficient of variation of the answer's length.
    pub output_cv: f64,
    pub output_cap: Option<f64>,
    /// The model's context window, tokens (infinite: unknown, never truncated).
    pub window_tokens: f64,
}

/// One chat call's tokens (means over the conversation's positions), and
/// the share of calls whose input was cut to the window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CallTokens {
    pub input: f64,
    pub output: f64,
    pub at_window: f64,
}

impl Prompt {
    /// One call's input and mean output tokens in a month with these draws,
    /// with `context_tokens` of retrieved context and `reasoning` hidden
    /// reasoning tokens (output, not cut by the output cap).
    pub fn call_tokens(
        &self,
        turns: f64,
        query_tokens: f64,
        output_tokens: f64,
        context_tokens: f64,
        reasoning: f64,
    ) -> CallTokens {
        let (answer, _) = capped_moments(output_tokens, self.output_cv, self.output_cap);
        let output = answer + reasoning;
        let room = self.input_room(output);
        let fixed = self.instruction_tokens + query_tokens + context_tokens;
        if fixed >= room {
            // Refused at validation for the mean output; a month of longer
            // answers sends what fits.
            return CallTokens {
                input: room,
                output,
                at_window: 1.0,
            };
        }
        // Each position's history fits what the window leaves it.
        let (history, at_window) = history_within(
            turns,
            self.history_tokens_per_turn,
            self.history_cap,
            room - fixed,
        );
        CallTokens {
            // In this order: the sum the goldens were recorded with.
            input: self.instruction_tokens + query_tokens + history + context_tokens,
            output,
            at_window,
        }
    }

    /// The most input a call generating `output` tokens can send.
    pub fn input_room(&self, output: f64) -> f64 {
        (self.window_tokens - output).max(0.0)
    }
}

/// Mean and second moment of `min(X, cap)` for a lognormal `X` with this mean
/// and coefficient of variation. Closed form (the partial expectations of the
/// lognormal), so an output-token cap is priced exactly, not by sampling.
pub fn capped_moments(mean: f64, cv: f64, cap: Option<f64>) -> (f64, f64) {
    if mean <= 0.0 {
        return (0.0, 0.0);
    }
    let s2 = libm::log1p(cv * cv);
    let (m1, m2) = (mean, mean * mean * (1.0 + cv * cv));
    let Some(c) = cap else { return (m1, m2) };
    if c <= 0.0 {
        return (0.0, 0.0);
    }
    if s2 <= 0.0 {
        let v = mean.min(c);
        return (v, v * v);
    }
    let s = s2.sqrt();
    let mu = libm::log(mean) - s2 / 2.0;
    let lc = libm::log(c);
    let above = 1.0 - standard_normal_cdf((lc - mu) / s);
    let e1 = m1 * standard_normal_cdf((lc - mu - s2) / s) + c * above;
    let e2 = m2 * standard_normal_cdf((lc - mu - 2.0 * s2) / s) + c * c * above;
    (e1, e2)
}

/// Mean history tokens sent with a query when the window leaves `room`
/// tokens for it, and the share of calls it cuts: the history at position x
/// is min(x × per turn, cap, room) (MODEL.md §7: windows bound each call,
/// not the average call); the share counts the positions over `room`
/// (where the cap binds first, the cap truncates, not the window).
pub fn history_within(turns: f64, tokens_per_turn: f64, cap: Option<f64>, room: f64) -> (f64, f64) {
    let depth = (turns - 1.0).max(0.0);
    let full = depth * tokens_per_turn;
    let bound = cap.map_or(full, |c| c.min(full));
    if room >= bound || depth == 0.0 {
        return (history_tokens(turns, tokens_per_turn, cap), 0.0);
    }
    let mean = history_tokens(turns, tokens_per_turn, Some(room));
    (mean, (depth - room / tokens_per_turn) / depth)
}

/// Mean history tokens sent with a query: the t-th turn of a `turns`-turn
/// conversation carries the t-1 turns before it, truncated to `cap`. Averaged
/// over positions in the conversation, treated as continuous.
pub fn history_tokens(turns: f64, tokens_per_turn: f64, cap: Option<f64>) -> f64 {
    let depth = (turns - 1.0).max(0.0);
    if depth == 0.0 || tokens_per_turn <= 0.0 {
        return 0.0;
    }
    let full = depth * tokens_per_turn;
    match cap {
        Some(c) if c < full => {
            let x = c / tokens_per_turn;
            (tokens_per_turn * x * x / 2.0 + c * (depth - x)) / depth
        }
        _ => full / 2.0,
    }
}

/// Context tokens the LLM receives from retrieval: the chunks that survive the
/// reranker (or all retrieved ones without it), times their size.
pub fn retrieved_context_tokens(chunks_sent: u32, chunk_tokens: f64) -> f64 {
    f64::from(chunks_sent) * chunk_tokens
}

/// Seed 000's retrieval overhead multiplier: context tokens per query token.
pub fn retrieval_multiplier(context_tokens: f64, query_tokens: f64) -> f64 {
    if query_tokens > 0.0 {
        context_tokens / query_tokens
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 000: "a 100-token query with 10,000 tokens of context: 100x".
    #[test]
    fn retrieval_multiplier_of_a_100_token_query_with_10k_context_is_100() {
        assert_eq!(retrieval_multiplier(10_000.0, 100.0), 100.0);
        assert_eq!(retrieved_context_tokens(20, 500.0), 10_000.0);
    }

    #[test]
    fn capped_moments_match_numerical_integration() {
        use crate::dist::standard_normal_quantile;
        let (mean, cv, cap): (f64, f64, f64) = (400.0, 0.8, 600.0);
        let s2: f64 = (1.0f64 + cv * cv).ln();
        let mu = mean.ln() - s2 / 2.0;
        let n = 400_000;
        let (mut e1, mut e2) = (0.0, 0.0);
        for i in 0..n {
            let x = (mu + s2.sqrt() * standard_normal_quantile((i as f64 + 0.5) / n as f64))
                .exp()
                .min(cap);
            e1 += x;
            e2 += x * x;
        }
        let (c1, c2) = capped_moments(mean, cv, Some(cap));
        assert!(
            (e1 / n as f64 - c1).abs() / c1 < 1e-3,
            "{} vs {c1}",
            e1 / n as f64
        );
        assert!((e2 / n as f64 - c2).abs() / c2 < 2e-3);
        assert_eq!(capped_moments(mean, cv, None).0, mean);
        assert!(c1 < mean);
    }

    /// Issue 28's example, by hand: window 10,000, output 500, instructions
    /// 1,400, query 100, 21 turns of 1,000 history tokens each. The history
    /// at position x of 0..20 is min(1,000x, 8,000): its mean over the
    /// positions is (∫₀⁸ 1,000x dx + 12 × 8,000) / 20 = 128,000 / 20 = 6,400,
    /// and 12 of the 20 positions are cut (60%). A call sends 1,400 + 100 +
    /// 6,400 = 7,900 tokens: 73,000 calls at $1 per million, $576.70.
    #[test]
    fn the_window_bounds_each_position_of_a_conversation() {
        let p = Prompt {
            instruction_tokens: 1_400.0,
            history_tokens_per_turn: 1_000.0,
            history_cap: None,
            output_cv: 0.0,
            output_cap: None,
            window_tokens: 10_000.0,
        };
        let c = p.call_tokens(21.0, 100.0, 500.0, 0.0, 0.0);
        assert!((c.input - 7_900.0).abs() < 1e-9, "{}", c.input);
        assert!((c.at_window - 0.6).abs() < 1e-12, "{}", c.at_window);
        assert!((73_000.0 * c.input / 1e6 - 576.70).abs() < 1e-9);
        // 11 turns: positions 0..10 reach 10,000 > 8,000: the last 2 of 10 are cut.
        let c = p.call_tokens(11.0, 100.0, 500.0, 0.0, 0.0);
        assert!((c.at_window - 0.2).abs() < 1e-12, "{}", c.at_window);
        // (∫₀⁸ 1,000x dx + 2 × 8,000) / 10 = 4,800 of history.
        assert!((c.input - 6_300.0).abs() < 1e-9, "{}", c.input);
        // A history cap of 5,000 binds before the window: nothing is cut by it.
        let capped = Prompt {
            history_cap: Some(5_000.0),
            ..p
        };
        assert_eq!(
            capped.call_tokens(21.0, 100.0, 500.0, 0.0, 0.0).at_window,
            0.0
        );
    }

    #[test]
    fn history_grows_with_conversation_length_and_truncation_bounds_it() {
        assert_eq!(history_tokens(1.0, 300.0, None), 0.0);
        assert_eq!(history_tokens(11.0, 300.0, None), 1_500.0);
        let capped = history_tokens(11.0, 300.0, Some(600.0));
        assert!(capped < 600.0 && capped > 400.0, "{capped}");
        assert_eq!(history_tokens(3.0, 300.0, Some(10_000.0)), 300.0);
    }
}
