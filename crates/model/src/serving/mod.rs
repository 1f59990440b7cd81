//! Self-hosted serving: what an instance can process, and what the hours it
//! is paid for cost under each hosting mode.

pub mod autoscaled;
pub mod dedicated;
pub mod serverless;
pub mod spot;
pub mod throughput;

/// A month of self-hosted serving.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ServingCost {
    /// The share of paid instance time spent processing, in currency.
    pub busy_usd: f64,
    /// Paid instance time spent waiting: idle GPUs, warm timeouts, cold starts.
    pub idle_usd: f64,
    /// Busy seconds over paid seconds.
    pub utilization: f64,
    /// Hours whose load exceeded the capacity planned at max utilisation.
    pub overloaded_hours: f64,
}

impl ServingCost {
    pub fn total_usd(&self) -> f64 {
        self.busy_usd + self.idle_usd
    }
}
