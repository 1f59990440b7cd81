//! Dedicated instances (seeds 000, 002): paid every hour of the month, busy or
//! not. Whatever is not spent processing is idle waste.

use super::ServingCost;
use crate::scenario::HOURS_PER_MONTH;

/// A month of `instances` instances billed `fleet_usd_per_hour` together,
/// `busy_s` instance-seconds busy in all and `peak_hour_busy_s` in the busiest hour.
pub fn month(
    instances: u32,
    fleet_usd_per_hour: f64,
    busy_s: f64,
    peak_hour_busy_s: f64,
    max_utilization: f64,
) -> ServingCost {
    let paid_s = f64::from(instances) * 3_600.0 * HOURS_PER_MONTH as f64;
    let total = fleet_usd_per_hour * HOURS_PER_MONTH as f64;
    let utilization = if paid_s > 0.0 {
        (busy_s / paid_s).min(1.0)
    } else {
        0.0
    };
    let capacity = f64::from(instances) * 3_600.0 * max_utilization;
    ServingCost {
        busy_usd: total * utilization,
        idle_usd: total * (1.0 - utilization),
        utilization,
        overloaded_hours: if peak_hour_busy_s > capacity {
            1.0
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    /// Seed 000: an instance active 24/7 that processes queries only during
    /// an 8-hour window wastes two thirds of its spend.
    #[test]
    fn busy_8_of_24_hours_wastes_two_thirds() {
        let busy_s = 8.0 * 3_600.0 * super::HOURS_PER_MONTH as f64 / 24.0;
        let cost = super::month(1, 1.212, busy_s, 3_600.0, 1.0);
        assert!((cost.idle_usd / cost.total_usd() - 2.0 / 3.0).abs() < 1e-12);
        assert!((cost.utilization - 1.0 / 3.0).abs() < 1e-12);
    }
}
