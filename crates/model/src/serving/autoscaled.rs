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
    let (min, max) = (f64::from(min_instances), f64::from(max_instances));
    let mut running = min;
    let instances_per_busy_s = 1.0 / (3_600.0 * max_utilization);
    // No f64::max/min (on WASM they are calls, for IEEE NaN rules) and no
    // data-dependent branches: this loop runs for every simulated hour.
    for busy in hourly_busy_s {
        let need = busy * instances_per_busy_s;
        let busy_now = busy * (1.0 / 3_600.0);
        let now = if need > max {
            overloaded += 1.0;
            busy_h += if busy_now < max { busy_now } else { max };
            max
        } else {
            // At most the instances running: need ≥ busy_now (utilisation ≤ 1).
            busy_h += busy_now;
            let whole = whole_instances(need);
            if whole > min { whole } else { min }
        };
        // max(now − running, 0), exactly, without a branch.
        let step = now - running;
        starts += 0.5 * (step.abs() + step);
        running = now;
        paid_h += now;
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

/// ⌈x⌉ for 0 ≤ x ≤ u32::MAX. WASM has an instruction for it; native x86-64
/// (without SSE4.1) calls libm, slower than truncating and comparing.
#[cfg(target_arch = "wasm32")]
fn whole_instances(x: f64) -> f64 {
    x.ceil()
}

#[cfg(not(target_arch = "wasm32"))]
fn whole_instances(x: f64) -> f64 {
    let t = f64::from(x as u32);
    if t < x { t + 1.0 } else { t }
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

    #[test]
    fn whole_instances_is_the_ceiling() {
        for x in [0.0, 1e-9, 0.5, 1.0, 1.000_001, 2.5, 7.0, 4e9] {
            assert_eq!(super::whole_instances(x), x.ceil(), "{x}");
        }
    }

    #[test]
    fn counts_hours_needing_more_than_the_maximum() {
        let cost = super::month([3_600.0 * 5.0, 3_600.0].into_iter(), 1, 4, 0.0, 1.0, 1.0);
        assert_eq!(cost.overloaded_hours, 1.0);
        // Four instances paid in the overloaded hour, one in the next.
        assert!((cost.total_usd() - 5.0).abs() < 1e-12);
    }
}
