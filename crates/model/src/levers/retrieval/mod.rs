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
use crate::fields::{Entry, Field, Optional, Section, Slot, Walk};
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

const CORPUS_GB: Bound = Bound::new(0.0, 1e8, "must be between 0 and 100,000,000 GB");
const TOKENS_PER_GB: Bound = Bound::new(1.0, 1e10, "must be between 1 and 10,000,000,000");
const CHUNK_TOKENS: Bound = Bound::new(1.0, 1e6, "must be between 1 and 1,000,000");
const CHUNKS_RETRIEVED: Bound = Bound::new(0.0, 1e4, "must be between 0 and 10,000");

pub const CORPUS: Field = Field::number(
    "corpus_gb",
    "Corpus",
    "GB",
    CORPUS_GB,
    "Documents as stored (the TCO deep dive: 5 TB); a share of it is text.",
);
pub const TEXT_SHARE: Field = Field::share(
    "text_share",
    "Text share",
    "% of the bytes",
    "The share of the stored bytes that is extractable text (PDFs, slides and images carry far more bytes than words).",
);
pub const TOKENS_PER_GB_FIELD: Field = Field::number(
    "tokens_per_gb",
    "Tokens per GB of text",
    "tokens / GB",
    TOKENS_PER_GB,
    "About 4 bytes a token in English gives 250 million tokens a GB (OpenAI's tokenizer rule of thumb).",
);
pub const CHURN: Field = Field::dist(
    "monthly_churn",
    "Corpus churn",
    "% a month",
    Bound::SHARE,
    "The TCO deep dive: the data changes constantly; the changed share is re-embedded each month.",
)
.percent();
pub const CHUNK: Field = Field::number(
    "chunk_tokens",
    "Chunk size",
    "tokens",
    CHUNK_TOKENS,
    "Tokens in one retrieved chunk (512 is a common default of RAG frameworks).",
);
pub const EMBEDDING: Field = Field::entry(
    "embedding_model",
    "Embedding model",
    Entry::Embedding,
    "Embeds the corpus once, its churn each month and every query (priced under Prices).",
);
pub const CHUNKS: Field = Field::whole(
    "chunks_retrieved",
    "Chunks retrieved",
    "per query",
    CHUNKS_RETRIEVED,
    "The FinOps guide: retrieving 50 chunks 'just in case' is token bloat.",
);
pub const RERANKER: Field = Field::group(
    "reranker",
    "Reranker",
    "The FinOps guide: a reranker passes only the best chunks to the LLM.",
);
pub const RERANKER_MODEL: Field = Field::entry(
    "model",
    "Reranker model",
    Entry::Reranker,
    "Priced per 1,000 searches under Prices.",
);
pub const CHUNKS_KEPT: Field = Field::whole(
    "chunks_kept",
    "Reranker keeps",
    "chunks",
    CHUNKS_RETRIEVED,
    "The FinOps guide: a reranker passes only the top 3 to the LLM.",
);

impl Default for Reranker {
    /// Cohere's Rerank 3.5 keeping 5 chunks (the knowledge-base preset).
    fn default() -> Self {
        Reranker {
            model: "cohere-rerank-3.5".into(),
            chunks_kept: 5,
        }
    }
}

impl Section for Reranker {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&RERANKER_MODEL, Slot::Text(&mut self.model));
        w.field(&CHUNKS_KEPT, Slot::Whole(&mut self.chunks_kept));
    }
}

impl Default for Retrieval {
    /// The knowledge-base preset's stack: 5 TB of documents, a tenth of it
    /// text, 5–25% of it changing a month, 512-token chunks embedded by
    /// OpenAI's text-embedding-3-small, 20 retrieved and reranked to 5.
    fn default() -> Self {
        Retrieval {
            corpus_gb: 5_000.0,
            text_share: 0.1,
            tokens_per_gb: 250e6,
            monthly_churn: Dist::Pert {
                low: 0.05,
                mode: 0.1,
                high: 0.25,
            },
            chunk_tokens: 512.0,
            embedding_model: "text-embedding-3-small".into(),
            chunks_retrieved: 20,
            reranker: Some(Reranker::default()),
            vector_db: VectorDb::default(),
        }
    }
}

impl Section for Retrieval {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&CORPUS, Slot::Number(&mut self.corpus_gb));
        w.field(&TEXT_SHARE, Slot::Number(&mut self.text_share));
        w.field(&TOKENS_PER_GB_FIELD, Slot::Number(&mut self.tokens_per_gb));
        w.field(&CHURN, Slot::Dist(&mut self.monthly_churn));
        w.field(&CHUNK, Slot::Number(&mut self.chunk_tokens));
        w.field(&EMBEDDING, Slot::Text(&mut self.embedding_model));
        w.field(&CHUNKS, Slot::Whole(&mut self.chunks_retrieved));
        w.field(
            &RERANKER,
            Slot::Group(&mut Optional {
                value: &mut self.reranker,
                default: Reranker::default,
            }),
        );
        w.section("vector_db", None, &mut self.vector_db);
    }

    fn rules(&self, f: &str) -> Result<(), ModelError> {
        if let Some(rr) = &self.reranker {
            check_range(
                &format!("{f}.reranker.chunks_kept"),
                f64::from(rr.chunks_kept),
                0.0,
                f64::from(self.chunks_retrieved),
                "must not exceed chunks_retrieved (a reranker passes k of the N retrieved)",
            )?;
        }
        Ok(())
    }
}

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
