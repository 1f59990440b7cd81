//! Dedicated instances (seeds 000, 002): paid every hour of the month, busy or
//! not; whatever is not spent processing is idle waste. A fleet is either
//! sized to the month's busiest hour at the planned utilisation (the
//! headroom), or fixed, and then the work above its planned capacity in an
//! hour spills to the fallback API: all demand is served and paid for.

use super::ServingCost;
use super::commitment::{self, PreparedCommitment};

/// A fixed fleet of `instances` billed `fleet_usd_per_hour` together; hour h
/// brings `hourly_queries[h]` queries of `busy_h_per_query` instance-hours.
pub fn fixed(
    hourly_queries: &[f64],
    busy_h_per_query: f64,
    instances: f64,
    fleet_usd_per_hour: f64,
    max_utilization: f64,
) -> ServingCost {
    let capacity = instances * max_utilization;
    let (mut load, mut served, mut overloaded) = (0.0, 0.0, 0.0);
    for &q in hourly_queries {
        let work = q * busy_h_per_query;
        load += work;
        served += if work < capacity { work } else { capacity };
        overloaded += f64::from(u8::from(work > capacity));
    }
    bill(
        hourly_queries.len() as f64,
        instances,
        fleet_usd_per_hour,
        load,
        served,
        overloaded,
    )
}

/// A fleet sized to the busiest hour: ⌈peak work / max utilisation⌉
/// instances (at least one, and at least the committed ones).
pub fn sized_to_peak(
    hourly_queries: &[f64],
    busy_h_per_query: f64,
    usd_per_hour: f64,
    max_utilization: f64,
    commitment: Option<&PreparedCommitment>,
) -> ServingCost {
    let (mut load, mut peak) = (0.0, 0.0);
    for &q in hourly_queries {
        let work = q * busy_h_per_query;
        load += work;
        peak = if work > peak { work } else { peak };
    }
    let committed = commitment.map_or(0.0, |c| c.instances);
    let instances = super::whole_instances(peak / max_utilization)
        .max(1.0)
        .max(committed);
    let fleet_usd_per_hour = commitment::fleet_usd_per_hour(instances, usd_per_hour, commitment);
    bill(
        hourly_queries.len() as f64,
        instances,
        fleet_usd_per_hour,
        load,
        load,
        0.0,
    )
}

/// The month's bill split into busy and idle time, and the spilled share.
fn bill(
    hours: f64,
    instances: f64,
    fleet_usd_per_hour: f64,
    load: f64,
    served: f64,
    overloaded_hours: f64,
) -> ServingCost {
    let total = fleet_usd_per_hour * hours;
    let paid_h = instances * hours;
    let utilization = if paid_h > 0.0 {
        (served / paid_h).min(1.0)
    } else {
        0.0
    };
    let busy_usd = total * utilization;
    ServingCost {
        busy_usd,
        idle_usd: total - busy_usd,
        utilization,
        overloaded_hours,
        spilled_share: if load > 0.0 {
            (load - served) / load
        } else {
            0.0
        },
        instances,
    }
}

#[cfg(test)]
mod tests {
    /// Seed 000: an instance active 24/7 that processes queries only during
    /// an 8-hour window wastes two thirds of its spend.
    #[test]
    fn busy_8_of_24_hours_wastes_two_thirds() {
        let day: Vec<f64> = (0..24).map(|h| if h < 8 { 1.0 } else { 0.0 }).collect();
        let cost = super::fixed(&day, 1.0, 1.0, 1.212, 1.0);
        assert!((cost.idle_usd / cost.total_usd() - 2.0 / 3.0).abs() < 1e-12);
        assert!((cost.utilization - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(cost.spilled_share, 0.0);
    }

    /// Two instances planned at 80%: 1.6 instance-hours an hour. An hour
    /// bringing 2.6 spills 1.0 of it; the month's load is 2.6 + 1.0.
    #[test]
    fn a_fixed_fleet_spills_what_it_cannot_serve() {
        let cost = super::fixed(&[2.6, 1.0], 1.0, 2.0, 2.0, 0.8);
        assert_eq!(cost.overloaded_hours, 1.0);
        assert!((cost.spilled_share - 1.0 / 3.6).abs() < 1e-12);
        // Paid 2 h × $2; busy 2.6 of 4 instance-hours.
        assert!((cost.total_usd() - 4.0).abs() < 1e-12);
        assert!((cost.busy_usd - 4.0 * 2.6 / 4.0).abs() < 1e-12);
    }

    /// A peak of 2.5 instance-hours at 80% needs ⌈3.125⌉ = 4 instances.
    #[test]
    fn sized_to_the_busiest_hour_with_headroom() {
        let cost = super::sized_to_peak(&[2.5, 0.5, 0.0], 1.0, 1.0, 0.8, None);
        assert_eq!(cost.instances, 4.0);
        assert!((cost.total_usd() - 12.0).abs() < 1e-12);
        assert!((cost.busy_usd - 3.0).abs() < 1e-12);
        assert_eq!(cost.spilled_share, 0.0);
        assert_eq!(cost.overloaded_hours, 0.0);
        // No traffic still keeps one instance.
        assert_eq!(
            super::sized_to_peak(&[0.0], 1.0, 1.0, 0.8, None).instances,
            1.0
        );
    }
}
