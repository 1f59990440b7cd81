//! The reranker (seed 002, "token bloat"): it scores the retrieved chunks and
//! passes only the best few to the LLM. It is priced per search of up to
//! `docs_per_search` chunks.

use crate::catalog::RerankerPrice;

/// Cost of reranking `chunks` retrieved chunks for each of `queries` queries.
pub fn rerank_usd(queries: f64, chunks: u32, price: &RerankerPrice) -> f64 {
    let searches = chunks.div_ceil(price.docs_per_search.max(1));
    queries * f64::from(searches) * price.usd_per_1k_searches / 1_000.0
}
