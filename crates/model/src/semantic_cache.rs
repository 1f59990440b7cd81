//! The semantic cache (seeds 002, 003): repeated questions are answered from
//! a cheap store and skip the LLM. Agent runs are not cached (they act).

/// LLM calls left after the cache answers its share of `queries`.
pub fn calls_after_cache(queries: f64, hit_rate: f64) -> f64 {
    queries * (1.0 - hit_rate)
}
