//! Autoscaled instances (seed 000: KEDA-style scale-to-zero): each hour runs as
//! many instances as its load needs at the planned utilisation, between a
//! minimum and a maximum, and every instance started pays a cold start.

use super::ServingCost;

/// A month given each hour's queries and the busy instance-seconds a query takes.
pub fn month(
    hourly_queries: &[f64],
    busy_s_per_query: f64,
    min_instances: u32,
    max_instances: u32,
    cold_start_minutes: f64,
    usd_per_hour: f64,
    max_utilization: f64,
) -> ServingCost {
    let (min, max) = (f64::from(min_instances), f64::from(max_instances));
    let busy_h_per_query = busy_s_per_query / 3_600.0;
    let instances_per_query = busy_h_per_query / max_utilization;
    // One hour: instances running, busy instance-hours, 1 if overloaded.
    // No f64::max/min (on WASM they are calls, for IEEE NaN rules) and no
    // data-dependent branches: this runs for every simulated hour.
    let hour = |queries: f64| {
        let need = queries * instances_per_query;
        let busy = queries * busy_h_per_query;
        let whole = whole_instances(need);
        let at_least_min = if whole > min { whole } else { min };
        let now = if at_least_min < max {
            at_least_min
        } else {
            max
        };
        // Busy ≤ need (utilisation ≤ 1), so only an overloaded hour is capped.
        let busy = if busy < max { busy } else { max };
        (now, busy, f64::from(u8::from(need > max)))
    };
    // max(x, 0), exactly, without a branch.
    let rise = |x: f64| 0.5 * (x.abs() + x);
    // Even and odd hours in two lanes, added at the end: consecutive hours'
    // work overlaps instead of waiting on one running sum.
    let (mut paid, mut busy_h, mut starts, mut overloaded) =
        ([0.0; 2], [0.0; 2], [0.0; 2], [0.0; 2]);
    let mut running = min;
    let pairs = hourly_queries.chunks_exact(2);
    let last = pairs.remainder().first().copied();
    for pair in pairs {
        let (a, b) = (hour(pair[0]), hour(pair[1]));
        starts[0] += rise(a.0 - running);
        starts[1] += rise(b.0 - a.0);
        running = b.0;
        paid[0] += a.0;
        paid[1] += b.0;
        busy_h[0] += a.1;
        busy_h[1] += b.1;
        overloaded[0] += a.2;
        overloaded[1] += b.2;
    }
    if let Some(q) = last {
        let a = hour(q);
        starts[0] += rise(a.0 - running);
        paid[0] += a.0;
        busy_h[0] += a.1;
        overloaded[0] += a.2;
    }
    let (paid_h, busy_h) = (paid[0] + paid[1], busy_h[0] + busy_h[1]);
    let cold_h = (starts[0] + starts[1]) * cold_start_minutes / 60.0;
    let utilization = if paid_h + cold_h > 0.0 {
        busy_h / (paid_h + cold_h)
    } else {
        0.0
    };
    ServingCost {
        busy_usd: busy_h * usd_per_hour,
        idle_usd: (paid_h + cold_h - busy_h) * usd_per_hour,
        utilization,
        overloaded_hours: overloaded[0] + overloaded[1],
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
        let cost = super::month(&[5_400.0, 720.0, 0.0], 1.0, 0, 4, 6.0, 10.0, 1.0);
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
        let cost = super::month(&[3_600.0 * 5.0, 3_600.0], 1.0, 1, 4, 0.0, 1.0, 1.0);
        assert_eq!(cost.overloaded_hours, 1.0);
        // Four instances paid in the overloaded hour, one in the next.
        assert!((cost.total_usd() - 5.0).abs() < 1e-12);
    }
}
