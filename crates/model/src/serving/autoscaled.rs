//! Autoscaled instances (seed 000: KEDA-style scale-to-zero): each hour runs as
//! many instances as its load needs at the planned utilisation, between a
//! minimum and a maximum, and every instance started pays a cold start.

use super::ServingCost;

/// A month given each hour's busy instance-seconds.
pub fn month(
    hourly_busy_s: impl Iterator<Item = f64>,
    min_instances: u32,
    max_instances: u32,
    cold_start_minutes: f64,
    usd_per_hour: f64,
    max_utilization: f64,
) -> ServingCost {
    let (mut paid_h, mut busy_h, mut starts, mut overloaded) = (0.0, 0.0, 0.0, 0.0);
    let mut running = f64::from(min_instances);
    let instances_per_busy_s = 1.0 / (3_600.0 * max_utilization);
    for busy in hourly_busy_s {
        let need = busy * instances_per_busy_s;
        if need > f64::from(max_instances) {
            overloaded += 1.0;
        }
        let now = need
            .ceil()
            .clamp(f64::from(min_instances), f64::from(max_instances));
        starts += (now - running).max(0.0);
        running = now;
        paid_h += now;
        busy_h += (busy / 3_600.0).min(now);
    }
    let cold_h = starts * cold_start_minutes / 60.0;
    let utilization = if paid_h + cold_h > 0.0 {
        busy_h / (paid_h + cold_h)
    } else {
        0.0
    };
    ServingCost {
        busy_usd: busy_h * usd_per_hour,
        idle_usd: (paid_h + cold_h - busy_h) * usd_per_hour,
        utilization,
        overloaded_hours: overloaded,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn follows_the_load_and_scales_to_zero() {
        // Two busy hours needing 1.5 and 0.2 instances, then an empty one.
        let cost = super::month([5_400.0, 720.0, 0.0].into_iter(), 0, 4, 6.0, 10.0, 1.0);
        // Paid: 2 + 1 + 0 instance-hours, plus 2 cold starts of 0.1 h.
        assert!((cost.total_usd() - 32.0).abs() < 1e-9);
        assert!((cost.busy_usd - 17.0).abs() < 1e-9);
        assert_eq!(cost.overloaded_hours, 0.0);
    }
}
