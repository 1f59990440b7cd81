//! The cost components every result is broken down into.

/// Names of the components, in their fixed order (JSON keys, chart legend).
pub const COMPONENTS: [&str; 14] = [
    "input_tokens",
    "output_tokens",
    "embeddings",
    "reranker",
    "vector_db",
    "cache",
    "gpu_busy",
    "gpu_idle",
    "training",
    "curation",
    "retraining",
    "agent_loops",
    "tool_calls",
    "overheads",
];
pub const N: usize = COMPONENTS.len();

pub const INPUT_TOKENS: usize = 0;
pub const OUTPUT_TOKENS: usize = 1;
pub const EMBEDDINGS: usize = 2;
pub const RERANKER: usize = 3;
pub const VECTOR_DB: usize = 4;
pub const CACHE: usize = 5;
pub const GPU_BUSY: usize = 6;
pub const GPU_IDLE: usize = 7;
pub const TRAINING: usize = 8;
pub const CURATION: usize = 9;
pub const RETRAINING: usize = 10;
pub const AGENT_LOOPS: usize = 11;
pub const TOOL_CALLS: usize = 12;
pub const OVERHEADS: usize = 13;

/// Costs by component.
pub type Breakdown = [f64; N];
