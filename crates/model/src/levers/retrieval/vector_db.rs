//! The vector database (seeds 000, 002): vectors × dimensions × bytes per
//! dimension (float32 down to binary quantization) × index overhead ×
//! replicas, held in RAM or mostly on SSD (disk-ANN), each at its own price.

use serde::{Deserialize, Serialize};

use crate::error::Bound;
use crate::fields::{Choice, Field, Section, Slot, StashAt, Walk, switch_enum};

/// Vector database sizing and storage tier (seed 002: RAM vs disk-ANN, quantization).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorDb {
    pub precision: VectorPrecision,
    /// Index structures on top of the raw vectors (HNSW graph, metadata): 1.5 = +50%.
    pub index_overhead: f64,
    pub replicas: u32,
    pub storage: VectorStorage,
    pub ram_usd_per_gb_month: f64,
    pub ssd_usd_per_gb_month: f64,
    /// Fixed cost of the cluster whatever its size (nodes, licences), per month.
    pub base_usd_per_month: f64,
}

/// Bytes per vector dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VectorPrecision {
    Float32,
    Float16,
    Int8,
    Binary,
}

impl VectorPrecision {
    pub const ALL: [VectorPrecision; 4] = [Self::Float32, Self::Float16, Self::Int8, Self::Binary];

    /// The key written in scenarios and links.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Float32 => "float32",
            Self::Float16 => "float16",
            Self::Int8 => "int8",
            Self::Binary => "binary",
        }
    }

    /// The label a person reads.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Float32 => "float32 (4 bytes)",
            Self::Float16 => "float16 (2 bytes)",
            Self::Int8 => "int8 (1 byte)",
            Self::Binary => "binary (1 bit)",
        }
    }

    pub fn from_key(key: &str) -> Option<VectorPrecision> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn bytes_per_dimension(self) -> f64 {
        match self {
            Self::Float32 => 4.0,
            Self::Float16 => 2.0,
            Self::Int8 => 1.0,
            Self::Binary => 0.125,
        }
    }
}

/// Where the vector index lives (seed 001: RAM is fast and dear, disk cheap).
/// Read by `tagged.rs` (serde writes it; its reader for this form is large).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VectorStorage {
    /// The whole index in memory.
    Ram,
    /// Disk-ANN: the whole index on SSD, plus a share of its size
    /// (compressed codes) in RAM, billed at each price.
    Disk { ram_share: f64 },
}

const INDEX_OVERHEAD: Bound = Bound::new(1.0, 20.0, "must be between 1 and 20");
const REPLICAS: Bound = Bound::new(1.0, 100.0, "must be between 1 and 100");

pub const PRECISION: Field = Field::choice(
    "precision",
    "Vector precision",
    &[
        ("float32", "float32 (4 bytes)"),
        ("float16", "float16 (2 bytes)"),
        ("int8", "int8 (1 byte)"),
        ("binary", "binary (1 bit)"),
    ],
    "The FinOps guide: quantized vectors are 4× to 32× smaller.",
);
pub const OVERHEAD: Field = Field::number(
    "index_overhead",
    "Index overhead",
    "× the raw vectors",
    INDEX_OVERHEAD,
    "Index structures on top of the raw vectors (HNSW graph, metadata): 1.5 = +50%.",
);
pub const REPLICAS_FIELD: Field = Field::whole(
    "replicas",
    "Index replicas",
    "copies",
    REPLICAS,
    "Copies of the index kept for availability and read throughput; each is paid.",
);
pub const STORAGE: Field = Field::choice(
    "storage",
    "Index storage",
    &[("ram", "All in RAM"), ("disk", "Disk-ANN (a share in RAM)")],
    "The FinOps guide: disk-ANN keeps most of the index on SSD, ~90% cheaper.",
)
.tagged();
pub const RAM_SHARE: Field = Field::share(
    "ram_share",
    "Index share in RAM",
    "% of the index",
    "Disk-ANN keeps compressed codes in memory beside the whole index on SSD (DiskANN: about 10%).",
);
pub const RAM_PRICE: Field = Field::number(
    "ram_usd_per_gb_month",
    "Index RAM",
    "$ / GB-month",
    Bound::NON_NEGATIVE,
    "Memory holding the index (or its in-RAM share on disk-ANN).",
);
pub const SSD_PRICE: Field = Field::number(
    "ssd_usd_per_gb_month",
    "Index SSD",
    "$ / GB-month",
    Bound::NON_NEGATIVE,
    "Disk holding the rest of a disk-ANN index.",
);
pub const BASE_FEE: Field = Field::number(
    "base_usd_per_month",
    "Vector database base fee",
    "$ / month",
    Bound::NON_NEGATIVE,
    "The service's fixed monthly charge, whatever the index size.",
);

impl Default for VectorDb {
    /// The knowledge-base preset's index: float16 vectors on disk-ANN with a
    /// tenth in RAM, two replicas, memory-optimised instances at about $4.60
    /// per GB-month and NVMe-backed SSD at about $0.25, a $500 base fee.
    fn default() -> Self {
        VectorDb {
            precision: VectorPrecision::Float16,
            index_overhead: 1.5,
            replicas: 2,
            storage: VectorStorage::Disk { ram_share: 0.1 },
            ram_usd_per_gb_month: 4.6,
            ssd_usd_per_gb_month: 0.25,
            base_usd_per_month: 500.0,
        }
    }
}

impl Section for VectorPrecision {
    fn fields(&mut self, _w: &mut Walk) {}
}

impl Choice for VectorPrecision {
    fn key(&self) -> &'static str {
        VectorPrecision::key(*self)
    }
    fn switch(&mut self, key: &str, _stash: &mut StashAt) {
        if let Some(p) = VectorPrecision::from_key(key) {
            *self = p;
        }
    }
}

impl Section for VectorStorage {
    fn fields(&mut self, w: &mut Walk) {
        if let VectorStorage::Disk { ram_share } = self {
            w.field(&RAM_SHARE, Slot::Number(ram_share));
        }
    }
}

impl Choice for VectorStorage {
    fn key(&self) -> &'static str {
        match self {
            VectorStorage::Ram => "ram",
            VectorStorage::Disk { .. } => "disk",
        }
    }
    fn switch(&mut self, key: &str, stash: &mut StashAt) {
        switch_enum(self, self.key(), key, stash, |key| match key {
            "ram" => Some(VectorStorage::Ram),
            "disk" => Some(VectorStorage::Disk { ram_share: 0.1 }),
            _ => None,
        });
    }
}

impl Section for VectorDb {
    fn fields(&mut self, w: &mut Walk) {
        w.field(&PRECISION, Slot::Choice(&mut self.precision));
        w.field(&OVERHEAD, Slot::Number(&mut self.index_overhead));
        w.field(&REPLICAS_FIELD, Slot::Whole(&mut self.replicas));
        w.field(&STORAGE, Slot::Choice(&mut self.storage));
        w.field(&RAM_PRICE, Slot::Number(&mut self.ram_usd_per_gb_month));
        let disk = matches!(self.storage, VectorStorage::Disk { .. });
        w.field_if(
            disk,
            &SSD_PRICE,
            Slot::Number(&mut self.ssd_usd_per_gb_month),
        );
        w.field(&BASE_FEE, Slot::Number(&mut self.base_usd_per_month));
    }
}

/// Size of the index in GB.
pub fn index_gb(vectors: f64, dimensions: u32, db: &VectorDb) -> f64 {
    vectors
        * f64::from(dimensions)
        * db.precision.bytes_per_dimension()
        * db.index_overhead
        * f64::from(db.replicas)
        / 1e9
}

/// Monthly cost of holding the index.
pub fn monthly_usd(gb: f64, db: &VectorDb) -> f64 {
    let per_gb = match db.storage {
        VectorStorage::Ram => db.ram_usd_per_gb_month,
        // Disk-ANN keeps the whole index (full vectors and graph) on SSD and
        // a compressed share of it in RAM: both are paid for.
        VectorStorage::Disk { ram_share } => {
            db.ssd_usd_per_gb_month + ram_share * db.ram_usd_per_gb_month
        }
    };
    db.base_usd_per_month + gb * per_gb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(precision: VectorPrecision, storage: VectorStorage) -> VectorDb {
        VectorDb {
            precision,
            index_overhead: 1.0,
            replicas: 1,
            storage,
            ram_usd_per_gb_month: 5.0,
            ssd_usd_per_gb_month: 0.1,
            base_usd_per_month: 0.0,
        }
    }

    #[test]
    fn a_million_float32_vectors_of_1536_dimensions_take_6_gb() {
        assert!(
            (index_gb(1e6, 1536, &db(VectorPrecision::Float32, VectorStorage::Ram)) - 6.144).abs()
                < 1e-9
        );
        // Seed 002: quantization "reducing their size by 4x or 8x" (int8, and beyond).
        let int8 = index_gb(1e6, 1536, &db(VectorPrecision::Int8, VectorStorage::Ram));
        assert!((6.144 / int8 - 4.0).abs() < 1e-9);
    }

    /// Seed 002: disk-ANN "can reduce your database infrastructure costs by 90%".
    #[test]
    fn disk_ann_with_a_small_ram_share_costs_about_a_tenth() {
        let ram = monthly_usd(1_000.0, &db(VectorPrecision::Float32, VectorStorage::Ram));
        let disk = monthly_usd(
            1_000.0,
            &db(
                VectorPrecision::Float32,
                VectorStorage::Disk { ram_share: 0.08 },
            ),
        );
        assert!(disk / ram < 0.11, "{}", disk / ram);
    }

    /// A 1,000 GB index on disk-ANN with 10% in RAM: 1,000 GB of SSD at $0.10
    /// plus 100 GB of RAM at $5 = $100 + $500.
    #[test]
    fn disk_ann_pays_the_whole_index_on_ssd_and_its_ram_share() {
        let disk = monthly_usd(
            1_000.0,
            &db(
                VectorPrecision::Float32,
                VectorStorage::Disk { ram_share: 0.1 },
            ),
        );
        assert!((disk - 600.0).abs() < 1e-9, "{disk}");
    }
}
