//! Embeddings for RAG (seed 000): the initial load of the corpus, the monthly
//! churn re-embedded, and each query embedded for the search.

use super::Retrieval;

/// Tokens of extractable text in the corpus.
pub fn corpus_tokens(r: &Retrieval) -> f64 {
    r.corpus_gb * r.text_share * r.tokens_per_gb
}

/// Cost of embedding `tokens` at a price per million.
pub fn embedding_usd(tokens: f64, usd_per_m_tokens: f64) -> f64 {
    tokens / 1e6 * usd_per_m_tokens
}
