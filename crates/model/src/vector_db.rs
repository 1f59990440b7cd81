//! The vector database (seeds 000, 002): vectors × dimensions × bytes per
//! dimension (float32 down to binary quantization) × index overhead ×
//! replicas, held in RAM or mostly on SSD (disk-ANN), each at its own price.

use crate::scenario::{VectorDb, VectorStorage};

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
        VectorStorage::Disk { ram_share } => {
            ram_share * db.ram_usd_per_gb_month + (1.0 - ram_share) * db.ssd_usd_per_gb_month
        }
    };
    db.base_usd_per_month + gb * per_gb
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::VectorPrecision;

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
}
