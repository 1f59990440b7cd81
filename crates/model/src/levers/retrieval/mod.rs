//! The retrieval stack of RAG (seeds 000, 002): the corpus embedded once and
//! its churn each month, each query embedded, N chunks retrieved and
//! optionally reranked down to k, and the vector database that holds them.

pub mod embeddings;
pub mod reranker;
pub mod vector_db;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, RerankerPrice};
use crate::dist::Dist;
use crate::error::{Bound, ModelError, check_range};
use crate::inputs::ArchInput;
use crate::levers::ledger::{Bucket, Component, Ledger};
use crate::levers::tokens;
pub use vector_db::{VectorDb, VectorPrecision, VectorStorage};

/// The RAG pipeline: corpus, embeddings, vector database, retrieval, reranker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retrieval {
    /// Size of the document corpus as stored, GB.
    pub corpus_gb: f64,
    /// Share of those bytes that is extractable text.
    pub text_share: f64,
    /// Tokens per GB of text (≈ 4 bytes a token gives 250 million).
    pub tokens_per_gb: f64,
    /// Share of the corpus changed and re-embedded each month.
    pub monthly_churn: Dist,
    pub chunk_tokens: f64,
    /// Embedding model (catalog id), for the corpus and each query.
    pub embedding_model: String,
    /// Chunks the vector search returns per query.
    pub chunks_retrieved: u32,
    /// A reranker that passes only the best chunks to the LLM (seed 002).
    #[serde(default)]
    pub reranker: Option<Reranker>,
    pub vector_db: VectorDb,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reranker {
    /// Reranker (catalog id).
    pub model: String,
    /// Chunks kept and sent to the LLM (≤ chunks retrieved).
    pub chunks_kept: u32,
}

/// The month's churn, an uncertain input of each architecture (0 without retrieval).
pub const CORPUS_CHURN: ArchInput = ArchInput {
    key: "corpus_churn",
    label: "Corpus churn",
    bound: Bound::SHARE,
    dist: |a| a.design.retrieval().map(|r| &r.monthly_churn),
};

const CORPUS_GB: Bound = Bound::new(0.0, 1e8, "must be between 0 and 100,000,000 GB");
const TOKENS_PER_GB: Bound = Bound::new(1.0, 1e10, "must be between 1 and 10,000,000,000");
const CHUNK_TOKENS: Bound = Bound::new(1.0, 1e6, "must be between 1 and 1,000,000");
const CHUNKS_RETRIEVED: Bound = Bound::new(0.0, 1e4, "must be between 0 and 10,000");

impl Retrieval {
    /// Tokens of context each LLM call receives: the chunks that survive the
    /// reranker (or all retrieved ones without it), times their size.
    pub fn context_tokens(&self) -> f64 {
        let sent = self
            .reranker
            .as_ref()
            .map_or(self.chunks_retrieved, |rr| rr.chunks_kept);
        tokens::retrieved_context_tokens(sent, self.chunk_tokens)
    }

    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        CORPUS_GB.check(&format!("{f}.corpus_gb"), self.corpus_gb)?;
        Bound::SHARE.check(&format!("{f}.text_share"), self.text_share)?;
        TOKENS_PER_GB.check(&format!("{f}.tokens_per_gb"), self.tokens_per_gb)?;
        CORPUS_CHURN
            .bound
            .check_dist(&format!("{f}.monthly_churn"), &self.monthly_churn)?;
        CHUNK_TOKENS.check(&format!("{f}.chunk_tokens"), self.chunk_tokens)?;
        CHUNKS_RETRIEVED.check(
            &format!("{f}.chunks_retrieved"),
            f64::from(self.chunks_retrieved),
        )?;
        if let Some(rr) = &self.reranker {
            check_range(
                &format!("{f}.reranker.chunks_kept"),
                f64::from(rr.chunks_kept),
                0.0,
                f64::from(self.chunks_retrieved),
                "must not exceed chunks_retrieved (a reranker passes k of the N retrieved)",
            )?;
        }
        self.vector_db.validate(&format!("{f}.vector_db"))
    }

    /// Resolves the catalog entries and sizes the index.
    pub fn prepare(&self, catalog: &Catalog, f: &str) -> Result<PreparedRetrieval, ModelError> {
        let embed = catalog.embedding(&format!("{f}.embedding_model"), &self.embedding_model)?;
        let reranker = match &self.reranker {
            Some(rr) => Some(
                catalog
                    .reranker(&format!("{f}.reranker.model"), &rr.model)?
                    .clone(),
            ),
            None => None,
        };
        let corpus_tokens = embeddings::corpus_tokens(self);
        let gb = vector_db::index_gb(
            corpus_tokens / self.chunk_tokens,
            embed.dimensions,
            &self.vector_db,
        );
        Ok(PreparedRetrieval {
            corpus_tokens,
            embed_usd_per_m: embed.usd_per_m_tokens,
            context_tokens: self.context_tokens(),
            chunks_retrieved: self.chunks_retrieved,
            reranker,
            vector_db_usd_per_month: vector_db::monthly_usd(gb, &self.vector_db),
        })
    }
}

/// The retrieval stack resolved against the catalog.
#[derive(Debug, Clone)]
pub struct PreparedRetrieval {
    corpus_tokens: f64,
    embed_usd_per_m: f64,
    /// Context tokens each LLM call receives.
    pub context_tokens: f64,
    chunks_retrieved: u32,
    reranker: Option<RerankerPrice>,
    vector_db_usd_per_month: f64,
}

impl PreparedRetrieval {
    /// A month of `queries` queries of `query_tokens` each, `searches` of which
    /// are reranked, with a share `churn` of the corpus re-embedded. Returns
    /// the retrieval overhead multiplier (context tokens per query token).
    pub fn cost(
        &self,
        queries: f64,
        query_tokens: f64,
        searches: f64,
        churn: f64,
        ledger: &mut Ledger,
    ) -> f64 {
        let price = self.embed_usd_per_m;
        let usd = embeddings::embedding_usd;
        ledger.add(
            Bucket::Variable,
            Component::Embeddings,
            usd(queries * query_tokens, price),
        );
        ledger.add(
            Bucket::Fixed,
            Component::Embeddings,
            usd(churn * self.corpus_tokens, price),
        );
        ledger.add(
            Bucket::Upfront,
            Component::Embeddings,
            usd(self.corpus_tokens, price),
        );
        if let Some(r) = &self.reranker {
            ledger.add(
                Bucket::Variable,
                Component::Reranker,
                reranker::rerank_usd(searches, self.chunks_retrieved, r),
            );
        }
        ledger.add(
            Bucket::Fixed,
            Component::VectorDb,
            self.vector_db_usd_per_month,
        );
        tokens::retrieval_multiplier(self.context_tokens, query_tokens)
    }
}
