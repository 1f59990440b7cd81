//! The vector database (seeds 000, 002): vectors × dimensions × bytes per
//! dimension (float32 down to binary quantization) × index overhead ×
//! replicas, held in RAM or mostly on SSD (disk-ANN), each at its own price.

use serde::{Deserialize, Serialize};

use crate::error::{Bound, ModelError, check_non_negative};

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

impl VectorDb {
    pub fn validate(&self, f: &str) -> Result<(), ModelError> {
        INDEX_OVERHEAD.check(&format!("{f}.index_overhead"), self.index_overhead)?;
        REPLICAS.check(&format!("{f}.replicas"), f64::from(self.replicas))?;
        if let VectorStorage::Disk { ram_share } = self.storage {
            Bound::SHARE.check(&format!("{f}.storage.ram_share"), ram_share)?;
        }
        for (name, v) in [
            ("ram_usd_per_gb_month", self.ram_usd_per_gb_month),
            ("ssd_usd_per_gb_month", self.ssd_usd_per_gb_month),
            ("base_usd_per_month", self.base_usd_per_month),
        ] {
            check_non_negative(&format!("{f}.{name}"), v)?;
        }
        Ok(())
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
