//! Autoscaled instances (seed 000: KEDA-style scale-to-zero): each hour runs as
//! many instances as its load needs at the planned utilisation, between a
//! minimum and a maximum, and every instance started pays a cold start. The
//! work above the maximum at the planned utilisation spills to the fallback API.

use super::commitment::{self, PreparedCommitment};
use super::{ServingCost, whole_instances};

/// A month given each hour's queries and the busy instance-seconds a query
/// takes. Committed instances never stop (they are paid for): they raise the floor.
#[allow(clippy::too_many_arguments)]
pub fn month(
    hourly_queries: &[f64],
    busy_s_per_query: f64,
    min_instances: u32,
    max_instances: u32,
    cold_start_minutes: f64,
    usd_per_hour: f64,
    max_utilization: f64,
    commitment: Option<&PreparedCommitment>,
) -> ServingCost {
    let (mut min, max) = (f64::from(min_instances), f64::from(max_instances));
    if let Some(c) = commitment
        && c.instances > min
    {
        min = c.instances;
    }
    let busy_h_per_query = busy_s_per_query / 3_600.0;
    let hours = Hours {
        instances_per_query: busy_h_per_query / max_utilization,
        busy_h_per_query,
        min,
        max,
        capacity: max * max_utilization,
    };
    let Lanes {
        paid,
        busy_h,
        load,
        starts,
        overloaded,
    } = hours.sum(hourly_queries);
    let (paid_h, busy_h, load) = (paid[0] + paid[1], busy_h[0] + busy_h[1], load[0] + load[1]);
    let cold_h = (starts[0] + starts[1]) * cold_start_minutes / 60.0;
    let utilization = if paid_h + cold_h > 0.0 {
        busy_h / (paid_h + cold_h)
    } else {
        0.0
    };
    let (busy_usd, idle_usd) = commitment::busy_and_idle_usd(
        paid_h,
        cold_h,
        busy_h,
        hourly_queries.len() as f64,
        usd_per_hour,
        commitment,
    );
    ServingCost {
        busy_usd,
        idle_usd,
        utilization,
        overloaded_hours: overloaded[0] + overloaded[1],
        spilled_share: if load > 0.0 {
            (load - busy_h) / load
        } else {
            0.0
        },
        instances: paid_h / hourly_queries.len().max(1) as f64,
    }
}

/// What one hour's instance count depends on.
struct Hours {
    instances_per_query: f64,
    busy_h_per_query: f64,
    min: f64,
    max: f64,
    /// Busy instance-hours the maximum serves in an hour at the planned utilisation.
    capacity: f64,
}

/// Sums over the even hours (lane 0) and the odd ones (lane 1), added at the
/// end: consecutive hours' work overlaps instead of waiting on one running
/// sum, and in WASM the two lanes are one SIMD register.
#[derive(Default)]
struct Lanes {
    /// Instance-hours paid, busy instance-hours served, busy instance-hours
    /// arriving, instances started, hours needing more than the maximum.
    paid: [f64; 2],
    busy_h: [f64; 2],
    load: [f64; 2],
    starts: [f64; 2],
    overloaded: [f64; 2],
}

impl Hours {
    /// One hour: instances running, busy instance-hours served, 1 if
    /// overloaded, busy instance-hours arriving.
    /// No f64::max/min (on WASM they are calls, for IEEE NaN rules) and no
    /// data-dependent branches: this runs for every simulated hour.
    fn hour(&self, queries: f64) -> (f64, f64, f64, f64) {
        let need = queries * self.instances_per_query;
        let busy = queries * self.busy_h_per_query;
        let whole = whole_instances(need);
        let at_least_min = if whole > self.min { whole } else { self.min };
        let now = if at_least_min < self.max {
            at_least_min
        } else {
            self.max
        };
        // Only an overloaded hour is capped: the rest of its work spills.
        let served = if busy < self.capacity {
            busy
        } else {
            self.capacity
        };
        (now, served, f64::from(u8::from(need > self.max)), busy)
    }

    fn sum(&self, hourly_queries: &[f64]) -> Lanes {
        let pairs = hourly_queries.chunks_exact(2);
        let last = pairs.remainder().first().copied();
        let (mut lanes, running) = self.sum_pairs(pairs);
        if let Some(q) = last {
            let a = self.hour(q);
            lanes.starts[0] += rise(a.0 - running);
            lanes.paid[0] += a.0;
            lanes.busy_h[0] += a.1;
            lanes.overloaded[0] += a.2;
            lanes.load[0] += a.3;
        }
        lanes
    }

    /// The pairs of hours, and the instances running after the last.
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    fn sum_pairs(&self, pairs: std::slice::ChunksExact<'_, f64>) -> (Lanes, f64) {
        let mut l = Lanes::default();
        let mut running = self.min;
        for pair in pairs {
            let (a, b) = (self.hour(pair[0]), self.hour(pair[1]));
            l.starts[0] += rise(a.0 - running);
            l.starts[1] += rise(b.0 - a.0);
            running = b.0;
            l.paid[0] += a.0;
            l.paid[1] += b.0;
            l.busy_h[0] += a.1;
            l.busy_h[1] += b.1;
            l.overloaded[0] += a.2;
            l.overloaded[1] += b.2;
            l.load[0] += a.3;
            l.load[1] += b.3;
        }
        (l, running)
    }

    /// The same operations on both lanes at once (WASM SIMD), so the same
    /// numbers as the scalar loop: `pmax`/`pmin` are exactly its selects.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn sum_pairs(&self, pairs: std::slice::ChunksExact<'_, f64>) -> (Lanes, f64) {
        use core::arch::wasm32::*;
        let (per_query, busy_per_query) = (
            f64x2_splat(self.instances_per_query),
            f64x2_splat(self.busy_h_per_query),
        );
        let capacity = f64x2_splat(self.capacity);
        let (min, max, half, one) = (
            f64x2_splat(self.min),
            f64x2_splat(self.max),
            f64x2_splat(0.5),
            f64x2_splat(1.0),
        );
        let zero = f64x2_splat(0.0);
        let (mut paid, mut busy_h, mut starts, mut overloaded) = (zero, zero, zero, zero);
        let mut load = zero;
        // Lane 1 holds the instances running after the previous pair.
        let mut now = f64x2_splat(self.min);
        for pair in pairs {
            let queries = f64x2(pair[0], pair[1]);
            let need = f64x2_mul(queries, per_query);
            let busy = f64x2_mul(queries, busy_per_query);
            let at_least_min = f64x2_pmax(min, f64x2_ceil(need));
            let next = f64x2_pmin(max, at_least_min);
            // Each hour's predecessor: the last pair's odd hour, this pair's even one.
            let before = i64x2_shuffle::<1, 2>(now, next);
            let up = f64x2_sub(next, before);
            starts = f64x2_add(starts, f64x2_mul(half, f64x2_add(f64x2_abs(up), up)));
            now = next;
            paid = f64x2_add(paid, now);
            busy_h = f64x2_add(busy_h, f64x2_pmin(capacity, busy));
            load = f64x2_add(load, busy);
            overloaded = f64x2_add(overloaded, v128_and(f64x2_gt(need, max), one));
        }
        let lanes = |v: v128| [f64x2_extract_lane::<0>(v), f64x2_extract_lane::<1>(v)];
        let l = Lanes {
            paid: lanes(paid),
            busy_h: lanes(busy_h),
            load: lanes(load),
            starts: lanes(starts),
            overloaded: lanes(overloaded),
        };
        (l, f64x2_extract_lane::<1>(now))
    }
}

/// max(x, 0), exactly, without a branch.
fn rise(x: f64) -> f64 {
    0.5 * (x.abs() + x)
}

#[cfg(test)]
mod tests {
    #[test]
    fn follows_the_load_and_scales_to_zero() {
        // Two busy hours needing 1.5 and 0.2 instances, then an empty one.
        let cost = super::month(&[5_400.0, 720.0, 0.0], 1.0, 0, 4, 6.0, 10.0, 1.0, None);
        // Paid: 2 + 1 + 0 instance-hours, plus 2 cold starts of 0.1 h.
        assert!((cost.total_usd() - 32.0).abs() < 1e-9);
        assert!((cost.busy_usd - 17.0).abs() < 1e-9);
        assert_eq!(cost.overloaded_hours, 0.0);
    }

    #[test]
    fn counts_hours_needing_more_than_the_maximum() {
        let cost = super::month(&[3_600.0 * 5.0, 3_600.0], 1.0, 1, 4, 0.0, 1.0, 1.0, None);
        assert_eq!(cost.overloaded_hours, 1.0);
        // Four instances paid in the overloaded hour, one in the next.
        assert!((cost.total_usd() - 5.0).abs() < 1e-12);
        // Of 6 busy instance-hours, the hour above the maximum serves 4.
        assert!((cost.spilled_share - 1.0 / 6.0).abs() < 1e-12);
    }
}
