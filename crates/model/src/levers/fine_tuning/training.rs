//! Training compute (seed 000): a run of a LoRA/QLoRA job on a GPU instance,
//! repeated across a hyperparameter sweep, optionally on spot capacity.

use crate::levers::serving::spot::{Spot, effective_usd_per_hour};

/// Cost of `runs` training runs of `hours_per_run` on an instance at `usd_per_hour`.
pub fn training_usd(runs: f64, hours_per_run: f64, usd_per_hour: f64, spot: &Spot) -> f64 {
    runs * hours_per_run * effective_usd_per_hour(usd_per_hour, spot)
}
